"""Several learning rates trained together equal each trained alone."""

import tracemalloc

import numpy as np
import pytest
from conftest import features

from lrviz.core import GradientDescent
from lrviz.core import race as race_module
from lrviz.core.race import Race

LAB_RATES = (0.01, 0.001, 0.0001)


@pytest.mark.parametrize("solver, iters", [("gram", 2000), ("primal", 320)])  # gram: the course's own;
# primal: just past the steep first 300 steps, where costs are compared strictly (a race step and its
# three runs alone take ~20 ms in primal form)
def test_each_run_of_the_race_equals_a_single_run_on_the_course_data(course, solver, iters):
    """Iterates wₜ, bₜ to 1e-6 at every checkpoint and at the end. (At α = 0.01 the course's cost
    swings wildly for the first ~300 steps, where it is so steep that the rounding of a matrix
    product added in another order shows in its 6th digit: costs are compared relatively there.)"""
    X, y, Xt, yt = features(course, "float64")
    race = Race(LAB_RATES, dtype="float64", solver=solver).fit(X, y, iters, Xt, yt)
    assert (race._fold is not None) == (solver == "gram")  # the Gram race runs on K + 11ᵀ with signs folded in
    for lr, run in zip(LAB_RATES, race.runs_, strict=True):
        alone = GradientDescent(lr, dtype="float64", solver=solver).fit(X, y, iters, Xt, yt)
        assert run.n_iter_ == alone.n_iter_ == iters and run.solver_ == solver
        t_race, W_race, b_race, _ = run.trajectory()
        t_alone, W_alone, b_alone, _ = alone.trajectory()
        np.testing.assert_array_equal(t_race, t_alone)
        np.testing.assert_allclose(W_race, W_alone, rtol=0, atol=1e-6)
        np.testing.assert_allclose(b_race, b_alone, rtol=0, atol=1e-6)
        race_costs, alone_costs = run.history_.costs.rows()[:, 1], alone.history_.costs.rows()[:, 1]
        # the steep first 300 steps: the W above agree to ~1e-8, yet how much of that shows in J
        # depends on the BLAS kernel's summation order (seen: 5e-5 relative on an AMD EPYC)
        np.testing.assert_allclose(race_costs[:300], alone_costs[:300], rtol=1e-4, atol=1e-6)
        np.testing.assert_allclose(race_costs[300:], alone_costs[300:], rtol=1e-6, atol=1e-9)
        assert run.cost_ == pytest.approx(alone.cost_, rel=1e-6)
        # evaluations (computed for all runs at once): every 10th iteration, train and test
        race_evals, alone_evals = run.history_.evals.rows(), alone.history_.evals.rows()
        np.testing.assert_array_equal(race_evals[:, 0], np.arange(0, iters + 1, 10))
        np.testing.assert_array_equal(race_evals[:, 0], alone_evals[:, 0])
        np.testing.assert_allclose(race_evals[30:, 1:], alone_evals[30:, 1:], rtol=1e-6, atol=1e-9)
        assert not np.isnan(race_evals).any()
        assert run.train_accuracy() == alone.train_accuracy() and run.test_accuracy() == alone.test_accuracy()


def test_the_lab_figure_the_larger_rate_learns_faster(course):
    X, y, Xt, yt = features(course)
    race = Race(LAB_RATES).fit(X, y, 1500, Xt, yt)
    costs = [run.cost_ for run in race.runs_]
    assert costs[0] < costs[1] < costs[2]
    assert [run.learning_rate for run in race.runs_] == list(LAB_RATES)


@pytest.mark.parametrize("solver", ["primal", "gram"])
def test_a_diverging_run_stops_alone(toy, solver):
    X, y = toy.train_images.reshape(len(toy.train_labels), -1).astype(np.float64) / 255, toy.train_labels
    X = (X - X.mean()) / X.std()
    race = Race([1.0, 1e6, 0.1], dtype="float64", divergence_factor=2.0, solver=solver).fit(X, y, 50)
    fast, wild, slow = race.runs_
    assert wild.diverged_ is not None and "learning rate 1e+06" in wild.diverged_ and wild.n_iter_ < 50
    assert fast.diverged_ is None and slow.diverged_ is None and fast.n_iter_ == slow.n_iter_ == race.n_iter_ == 50
    alone = GradientDescent(1.0, dtype="float64", solver=solver).fit(X, y, 50)
    assert fast.w_ == pytest.approx(alone.w_, abs=1e-10) and fast.cost_ == pytest.approx(alone.cost_, abs=1e-12)
    assert fast.b_ == pytest.approx(alone.b_, abs=1e-12)


def test_replay_and_history_work_per_run(cats):
    X, y, _, _ = features(cats, "float64")
    race = Race([0.005, 0.001], dtype="float64", checkpoint_every=10).fit(X, y, 60)
    for run in race.runs_:
        w, b, cost = run.replay(35)
        assert cost == pytest.approx(run.history_.costs.rows()[35, 1], abs=1e-12)
        alone = GradientDescent(run.learning_rate, dtype="float64").fit(X, y, 35)
        np.testing.assert_allclose(w, alone.w_, atol=1e-10)


@pytest.mark.parametrize("rates", [[], [0.1] * 6, [0.1, -1.0], [float("nan")]])
def test_between_one_and_five_positive_rates(cats, rates):
    X, y, _, _ = features(cats)
    with pytest.raises(ValueError, match="between 1 and 5 positive learning rates"):
        Race(rates).start(X, y)


def _toy_features(toy):
    X = toy.train_images.reshape(len(toy.train_labels), -1).astype(np.float64) / 255
    return (X - X.mean()) / X.std(), toy.train_labels


@pytest.mark.parametrize("solver", ["primal", "gram"])  # gram: the race's folded coordinates
def test_a_long_step_handed_over_in_pieces_equals_single_steps(toy, solver, monkeypatch):
    """One step(n) computes at most HAND_OVER_EVERY iterations before the runs take them: the same
    histories, checkpoints and states as taking one step at a time, to the last bit."""
    monkeypatch.setattr(race_module, "HAND_OVER_EVERY", 64)
    X, y = _toy_features(toy)
    long, short = (Race([1.0, 0.1], dtype="float64", solver=solver, checkpoint_every=7) for _ in range(2))
    long.start(X, y, X, y).step(1000)
    short.start(X, y, X, y)
    for _ in range(1000):
        short.step()
    assert (long._fold is not None) == (solver == "gram")
    for a, b in zip(long.runs_, short.runs_, strict=True):
        ha, hb = a.history_, b.history_
        assert a.n_iter_ == b.n_iter_ == 1000 and a.cost_ == b.cost_ and a.b_ == b.b_
        np.testing.assert_array_equal(a.w_, b.w_)
        np.testing.assert_array_equal(ha.costs.rows(), hb.costs.rows())
        np.testing.assert_array_equal(ha.evals.rows(), hb.evals.rows())
        assert [c.iteration for c in ha.checkpoints] == [c.iteration for c in hb.checkpoints]
        for ca, cb in zip(ha.checkpoints, hb.checkpoints, strict=True):
            np.testing.assert_array_equal(ca.state, cb.state)
            assert ca.b == cb.b and ca.cost == cb.cost


def _peak_bytes(step) -> int:
    """The most memory (traced by Python) that ``step()`` held at once beyond what it started with."""
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        step()
        return tracemalloc.get_traced_memory()[1] - start
    finally:
        tracemalloc.stop()


def test_a_race_in_one_long_step_takes_no_more_memory_than_its_runs_alone(toy, monkeypatch):
    """`lrviz train --lr 0.01 0.001 --iters N` is one step(N): its memory grew ~245 MB per million
    iterations (the costs waiting for the runs, then one array holding them all), while a single
    run's stayed flat. Now each of k runs holds what a run alone holds, and the costs waiting are
    at most HAND_OVER_EVERY iterations' (64 here: the bound shows in a short run)."""
    monkeypatch.setattr(race_module, "HAND_OVER_EVERY", 64)
    X, y = _toy_features(toy)
    rates, n = [1.0, 0.1], 3000
    race = Race(rates, dtype="float64").start(X, y)
    raced = _peak_bytes(lambda: race.step(n))
    alone = [GradientDescent(lr, dtype="float64").start(X, y) for lr in rates]
    single = sum(_peak_bytes(lambda t=t: t.step(n)) for t in alone)
    waiting = 64 * 1024  # 64 iterations' costs for two runs, with room for numpy's small objects
    assert raced <= single + waiting, (raced, single)
    for run, t in zip(race.runs_, alone, strict=True):  # and the histories kept are as small
        assert run.history_.nbytes == t.history_.nbytes
