"""Branches in the training process (no Qt, no process spawned): a branch from iteration k of the
followed run with the α or loss of now; the family's runs followed, hidden, removed, undone; the
learner's own start; what the window is sent about each."""

import numpy as np
import pytest
from conftest import features, process_state

from lrviz.core import losses
from lrviz.training import commands as c
from lrviz.training.messages import RunStart

K, STEPS = 20, 60


@pytest.fixture(scope="module")
def data(cats):
    return features(cats)


def branched(data):
    """Run 1 at α = 0.005 to STEPS; looking back at K, α = 0.001, Play: run 2 from K to STEPS."""
    s = process_state(learning_rate=0.005)
    s.apply(c.Data(data, 1))
    s.runs.step(STEPS)
    for cmd in (c.ShowIteration(K), c.LearningRate(0.001), c.Branch(K), c.ShowIteration(None)):
        s.apply(cmd)
    s.runs.step(STEPS - K)
    return s


def test_a_branch_starts_at_k_with_the_runs_cost_there_then_takes_the_new_rate(data):
    s = branched(data)
    d = s.delta()
    parent, branch = (k.trainer for k in s.runs.kept)
    assert d.fields["run"] == 2 and d.fields["start"] == RunStart("branch", parent=1, iteration=K)
    assert d.costs[0].tolist() == parent.history_.costs.at(K).tolist()  # the same J at k, bit for bit
    assert d.costs[-1, 0] == STEPS and d.costs[1, 1] != parent.history_.costs.at(K + 1)[1]
    assert d.learning_rates.tolist() == [[K, 0.001]]
    assert parent.history_.learning_rates.changes.view().tolist() == [[0, 0.005]]
    assert parent.learning_rate == 0.005  # α changed while looking back was the branch's
    old, new = d.fields["kept"]
    assert (old.run, old.start.kind, old.iteration, old.shown) == (1, "zeros", STEPS, True)
    np.testing.assert_array_equal(old.costs, parent.history_.costs.rows())  # short: nothing thinned
    assert new.costs.shape == (0, 2)  # the followed run's history is the delta's own
    assert d.fields["undo_to"] == 1 and d.fields["settings"].learning_rate == 0.001
    bowl = d.fields["bowl"]
    assert bowl.path_iter[0] == K and [(p.kept, p.iterations[0], p.iterations[-1]) for p in bowl.others] == \
        [(True, 0, STEPS)]  # the path leaves the old one at k


def test_runs_are_followed_hidden_removed_and_undone_by_commands(data):
    s = branched(data)
    s.apply(c.FollowRun(1))
    d = s.delta()
    assert d.fields["run"] == 1 and d.costs[0, 0] == 0 and d.fields["settings"].learning_rate == 0.005
    s.apply(c.ShowRun(2, False))
    d = s.delta()
    assert [(k.run, k.shown, k.place) for k in d.fields["kept"]] == [(1, True, 0), (2, False, None)]
    assert d.fields["bowl"].others == ()
    s.apply(c.ShowRun(2, True))
    s.apply(c.ShowIteration(30))
    s.apply(c.Branch(30))  # from run 1 again: run 3, beside run 2
    assert s.runs.run == 3 and s.delta().fields["start"] == RunStart("branch", parent=1, iteration=30)
    assert len(s.delta().fields["bowl"].others) == 2
    s.apply(c.Undo())
    d = s.delta()
    assert d.fields["run"] == 1 and [k.run for k in d.fields["kept"]] == [1, 2] and d.fields["undo_to"] == 1
    s.apply(c.RemoveRun(2))  # not followed: it goes, nothing else changes
    d = s.delta()
    assert [k.run for k in d.fields["kept"]] == [1] and d.fields["undo_to"] is None
    s.apply(c.RemoveRun(1))  # the only run: kept
    assert [k.run for k in s.delta().fields["kept"]] == [1]


def test_removing_the_followed_branch_follows_the_run_it_left(data):
    s = branched(data)
    s.apply(c.RemoveRun(2))
    assert s.runs.run == 1 and [k.run for k in s.runs.kept] == [1]


def test_a_past_iteration_of_a_branch_before_its_start_shows_its_start(data):
    s = branched(data)
    s.apply(c.ShowIteration(5))
    view = s.delta().fields["view"]
    assert view.iteration == K and view.cost == s.runs.trainer.history_.costs.at(K)[1]


def test_a_loss_chosen_while_looking_back_is_the_branchs(data):
    s = process_state()
    s.apply(c.Data(data, 1))
    s.runs.step(STEPS)
    s.apply(c.ShowIteration(K))
    s.apply(c.Loss("squared_error"))
    assert s.runs.run == 1 and s.runs.trainer.n_iter_ == STEPS  # no new run yet
    z = s.runs.trainer.replay_state(K)[3]
    s.apply(c.Branch(K))
    assert s.runs.trainer.loss == "squared_error" and s.runs.trainer.t0_ == K
    assert s.runs.trainer.cost_ == losses.get("squared_error").cost(z, data[1])
    s.apply(c.FollowRun(1))
    s.apply(c.ShowIteration(K))
    s.apply(c.Loss("cross_entropy"))  # …and looked at live again without a branch: a new run, as at once
    s.apply(c.Loss("squared_error"))
    s.apply(c.ShowIteration(None))
    assert s.runs.run == 3 and s.runs.trainer.n_iter_ == 0 and s.runs.trainer.loss == "squared_error"


def test_the_learners_own_start_and_reset_to_it_or_to_zero(data, rng):
    X, y = data[0], data[1]
    w, b = rng.normal(0, 1e-3, X.shape[1]), -0.2
    s = process_state()
    s.apply(c.Data(data, 1))
    s.apply(c.StartFrom(w, b, "model.npz"))
    d = s.delta()
    assert d.fields["start"] == RunStart("own", "model.npz") and d.fields["own"] == "model.npz"
    assert d.fields["cost"] == pytest.approx(losses.get("cross_entropy").cost(X.astype(float) @ w + b, y), rel=1e-6)
    s.runs.step(5)
    s.apply(c.Reset())
    assert s.delta().fields["start"].kind == "zeros" and s.delta().fields["cost"] == pytest.approx(np.log(2))
    s.apply(c.Reset(own=True))
    assert s.delta().fields["start"].name == "model.npz"
    np.testing.assert_allclose(s.runs.trainer.w_, w, rtol=1e-6, atol=1e-9)
    s.apply(c.StartFrom(np.zeros(5), 0.0, "other.npz"))  # does not fit: nothing changes
    assert s.delta().fields["own"] == "model.npz"


def test_reset_to_a_branchs_own_start_starts_there_again(data):
    s = branched(data)
    s.apply(c.Reset(own=True))
    t = s.runs.trainer
    assert (t.t0_, t.n_iter_, s.delta().fields["start"]) == (K, K, RunStart("branch", parent=1, iteration=K))
    assert [k.run for k in s.runs.kept] == [3]  # a new family
