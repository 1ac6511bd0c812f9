"""A run started from any point: from the learner's own (w, b), or branched from another run's
iteration k (its costs equal up to k, then its own α)."""

import numpy as np
import pytest
from conftest import features

from lrviz.core import GradientDescent, losses

STEPS, K = 40, 17  # K: not a multiple of the checkpoint interval (the branch's start is checkpointed anyway)


@pytest.fixture(scope="module")
def data(cats):
    return features(cats)


def trained(data, solver, lr=0.005, steps=STEPS, **options):
    X, y, Xt, yt = data
    t = GradientDescent(lr, solver=solver, checkpoint_every=10, eval_every=5, **options).start(X, y, Xt, yt)
    t.step(steps)
    return t


@pytest.mark.parametrize("solver", ["primal", "gram"])
def test_a_branch_has_the_runs_costs_up_to_k_bit_for_bit_then_its_own_rate(data, solver):
    parent = trained(data, solver)
    costs = parent.history_.costs.rows()
    same = parent.branch(K)  # the same α: the same path, every cost the parent's
    same.step(STEPS - K)
    np.testing.assert_array_equal(same.history_.costs.rows(), costs[K:])
    assert (same.t0_, same.n_iter_) == (K, STEPS)

    slow = parent.branch(K, learning_rate=0.001)
    assert slow.history_.costs.rows()[0].tolist() == costs[K].tolist()  # J at k, exactly
    w, b = parent.params_at(K)
    dw, db = parent.gradient(w, b)
    slow.step(1)
    np.testing.assert_allclose(slow.w_, w - 0.001 * dw, rtol=1e-4, atol=1e-9)  # w := w − α·dw with the new α
    assert slow.b_ == pytest.approx(b - 0.001 * db, rel=1e-6)
    assert slow.cost_ != costs[K + 1, 1]
    assert slow.history_.learning_rates.changes.view().tolist() == [[K, 0.001]]
    assert parent.n_iter_ == STEPS and parent.learning_rate == 0.005  # the run branched from is untouched
    slow.step(5)
    w_again, _, J = slow.replay(K + 3)  # replayed from the branch's own start
    assert J == slow.history_.costs.at(K + 3)[1]


def test_a_branch_may_take_another_loss_from_the_same_point(data):
    parent = trained(data, "gram")
    other = parent.branch(K, loss="squared_error")
    z = parent.replay_state(K)[3]  # the logits at k, as the run computed them
    assert other.cost_ == pytest.approx(losses.get("squared_error").cost(z, data[1]), rel=1e-15)
    assert other.loss == "squared_error" and other.step(3) == 3


def test_a_start_from_iteration_ks_parameters_continues_the_run_from_k(data):
    parent = trained(data, "primal")
    w, b = parent.params_at(K)
    X, y, Xt, yt = data
    cont = GradientDescent(0.005, solver="primal", checkpoint_every=10, eval_every=5).start(X, y, Xt, yt, w0=w, b0=b,
                                                                                         t0=K)
    assert (cont.t0_, cont.n_iter_) == (K, K)
    assert cont.cost_ == parent.history_.costs.at(K)[1]  # the same float32 w: the same J, exactly
    cont.step(STEPS - K)
    np.testing.assert_allclose(cont.history_.costs.rows(), parent.history_.costs.rows()[K:], rtol=1e-12)
    assert cont.history_.evals.rows()[0, 0] == K  # the accuracies start where the run does


@pytest.mark.parametrize("solver", ["primal", "gram"])
def test_a_start_from_the_learners_own_parameters_has_cores_cost_there(data, solver, rng):
    X, y, Xt, yt = data
    w, b = rng.normal(0, 1e-3, X.shape[1]), 0.3
    own = GradientDescent(0.005, solver=solver, max_checkpoints=3, checkpoint_every=4).start(X, y, Xt, yt, w0=w,
                                                                                             b0=b, t0=0)
    z = X.astype(np.float64) @ w + b
    assert own.cost_ == pytest.approx(losses.get("cross_entropy").cost(z, y), rel=1e-6)
    assert own.train_accuracy() == pytest.approx(own.evaluate(w, b)[1])
    own.step(30)  # checkpoints thinned: the start stays
    assert own.history_.checkpoints[0].iteration == 0
    np.testing.assert_allclose(own.params_at(0)[0], w, rtol=1e-6, atol=1e-9)


def test_a_start_that_does_not_fit_the_data_is_refused_naming_the_sizes(data):
    X, y, _, _ = data
    with pytest.raises(ValueError, match=f"w0 of {X.shape[1]} finite numbers.*got 5 values"):
        GradientDescent().start(X, y, w0=np.zeros(5))
    with pytest.raises(ValueError, match="finite b0"):
        GradientDescent().start(X, y, b0=float("nan"))
