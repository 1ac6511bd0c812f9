"""The acceptance scenario of issue 25 in the window, on the course's data: train 300 steps at
α = 0.005, scrub back to 100, set α = 0.001, Play — both runs on the curves from iteration 100 with
the same costs up to it, the branch's path leaving the old one on the bowl; Undo returns."""

import numpy as np
import pytest
from conftest import features
from ui_helpers import open_window, run_to, snap

from lrviz.core import GradientDescent
from lrviz.training.messages import RunStart


def test_a_branch_from_iteration_100_at_another_rate(qtbot, settings, course_dir, course):
    w = open_window(qtbot, settings, source=str(course_dir))
    w.training.set_learning_rate(0.005)
    run_to(qtbot, w, 300)
    w.curves.view_requested.emit(100)  # as the history slider does
    qtbot.waitUntil(lambda: snap(w).view is not None and snap(w).view.iteration == 100, timeout=10000)
    w.training.set_learning_rate(0.001)
    w.toggle_play()  # Play, looking back: a branch from there
    qtbot.waitUntil(lambda: snap(w).start is not None and snap(w).start.kind == "branch"
                    and snap(w).iteration == 300 and not snap(w).running, timeout=20000)
    s = snap(w)
    old = next(k for k in s.kept if k.run != s.run)
    assert s.start == RunStart("branch", parent=old.run, iteration=100) and old.start.kind == "zeros"
    assert old.costs[100].tolist() == s.costs[0].tolist()  # the same J at 100, bit for bit
    # every number against core's: the course's run at 0.005, and its branch at 100 at 0.001
    X, y, _, _ = features(course)
    core = GradientDescent(0.005).start(X, y)
    core.step(300)
    branch = core.branch(100, learning_rate=0.001)
    branch.step(200)
    np.testing.assert_allclose(old.costs, core.history_.costs.rows(), rtol=1e-6)
    np.testing.assert_allclose(s.costs, branch.history_.costs.rows(), rtol=1e-6)
    assert s.learning_rates.tolist() == [[100, 0.001]] and old.learning_rates.tolist() == [[0, 0.005]]
    # the curves: the old run dimmed from 0 to 300, the followed one from 100, each named
    qtbot.waitUntil(lambda: old.run in w.curves.kept.items and w.curves.last is not None
                    and w.curves.last.iteration == 300 and not w.curves.last.running, timeout=5000)
    x_old, _ = w.curves.kept.items[old.run].getData()
    x_new, _ = w.curves.train_cost.getData()
    assert (x_old[0], x_old[-1], x_new[0], x_new[-1]) == (0, 300, 100, 300)
    assert w.curves.kept.items[old.run].opts["name"] == f"run {old.run}: α = 0.005, from w = 0"
    assert w.curves.train_cost.opts["name"].endswith(f"α = 0.001, branch of run {old.run} at iteration 100")
    assert w.curves.history.minimum() == 100
    # the bowl: the branch's path begins at 100; the old run is drawn beside it, from its start
    assert s.bowl.path_iter[0] == 100
    assert [(p.kept, p.iterations[0], p.iterations[-1]) for p in s.bowl.others] == [(True, 0, 300)]
    assert w.branching.undo_action.isEnabled() and w.curves.kept.button.text() == "Runs (2)"
    # Undo: back to the run branched from, at its own α
    w.branching.undo_action.trigger()
    qtbot.waitUntil(lambda: snap(w).run == old.run and w.prefs.learning_rate == pytest.approx(0.005), timeout=5000)
    assert [k.run for k in snap(w).kept] == [old.run]
    qtbot.waitUntil(lambda: not w.curves.kept.items and not w.branching.undo_action.isEnabled(), timeout=5000)
    assert snap(w).costs[0, 0] == 0 and snap(w).iteration == 300


def test_a_saved_model_that_does_not_fit_is_said_naming_the_file(qtbot, window, tmp_path, cats):
    from lrviz.core import LogisticModel, Preprocessing
    from lrviz.io import save_model
    path = tmp_path / "small.npz"
    save_model(path, LogisticModel(np.zeros(12), 0.0, Preprocessing((2, 2, 3))))
    assert not window.branching.start_from_model(str(path))
    text = window.statusBar().currentMessage()
    assert "small.npz" in text and "holds w for 2×2×3 images" in text
    fits = tmp_path / "fits.npz"
    loaded = window.session.loaded
    save_model(fits, LogisticModel(np.full(loaded.preprocessing.n_features, 1e-4), 0.25, loaded.preprocessing))
    assert window.branching.start_from_model(str(fits))
    qtbot.waitUntil(lambda: snap(window).start == RunStart("own", "fits.npz"), timeout=5000)
    assert snap(window).own == "fits.npz" and snap(window).iteration == 0
    assert "fits.npz" in window.branching.own.text()
