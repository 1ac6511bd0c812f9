"""Why not squared error, in the window: the bowl and the 1-D pictures switch to the squared-error
cost on the same slice and path; training can use it, and the curves keep both runs."""

import numpy as np
import pytest
from conftest import need_module

need_module("PySide6")

from conftest import features  # noqa: E402
from ui_helpers import load, run_to, snap  # noqa: E402

from lrviz.core import GradientDescent  # noqa: E402


def test_the_bowl_and_its_curves_switch_to_the_squared_error(qtbot, window):
    load(qtbot, window, "builtin:toy")
    window.training.set_learning_rate(1.0)
    run_to(qtbot, window, 8)
    ce = window.bowl.bowl
    assert ce.loss == "cross_entropy" and ce.bottom is not None
    window.bowl.surface.setCurrentIndex(window.bowl.surface.findData("squared_error"))
    qtbot.waitUntil(lambda: window.bowl.bowl.loss == "squared_error", timeout=5000)
    se = window.bowl.bowl
    assert se.trained == "cross_entropy" and se.bottom is None and se.path_iter[-1] == 8
    np.testing.assert_array_equal(se.path_s, ce.path_s)  # the same slice and path
    assert "squared" in window.bowl.title.text().lower() and "cross-entropy" in window.bowl.lesson.text()
    # the 1-D picture draws the squared-error curve through the point, with that curve's own slope
    xs, ys = window.bowl.slices.along_s.curve.getData()
    np.testing.assert_allclose(ys, se.line_s)
    assert "this J's dJ/dw" in window.bowl.slices.numbers[0].text()  # not the step's own slope
    y = window.session.loaded.dataset.train_labels
    z = snap(window).logits.astype(np.float64)
    assert se.J_now == pytest.approx(np.mean(0.5 * (1 / (1 + np.exp(-z)) - y) ** 2), abs=1e-6)
    # the squared-error surface bends the wrong way somewhere on the drawn grid; the cross-entropy never
    assert min(np.diff(se.J, 2, axis=a).min() for a in (0, 1)) < 0
    assert min(np.diff(ce.J, 2, axis=a).min() for a in (0, 1)) >= -1e-6
    window.bowl.surface.setCurrentIndex(0)
    qtbot.waitUntil(lambda: window.bowl.bowl.loss == "cross_entropy", timeout=5000)


def test_training_on_the_squared_error_is_a_new_run_beside_the_old_one(qtbot, window, cats):
    run_to(qtbot, window, 30)
    window.training.loss.setCurrentIndex(window.training.loss.findData("squared_error"))
    qtbot.waitUntil(lambda: snap(window).loss == "squared_error" and snap(window).iteration == 0, timeout=5000)
    assert snap(window).cost == pytest.approx(0.125)  # ŷ = ½ everywhere: ½(½)²
    window.tabs.setCurrentWidget(window.losscost)
    run_to(qtbot, window, 30)
    s = snap(window)
    assert np.isfinite(s.costs[:, 1]).all() and s.costs[-1, 1] < 0.125
    # loss vs cost draws the squared error's branches and dots, and its J is the engine's, the Training panel's
    X, y, _, _ = features(cats)
    engine = GradientDescent(0.005, loss="squared_error").fit(X, y, 30)
    view = window.losscost
    qtbot.waitUntil(lambda: view._drawn is not None and view._drawn[1] == 30, timeout=10000)
    assert f"= {engine.cost_:.4f} ·" in view.cost_words and window.training.readout["cost"].text() == \
        f"{engine.cost_:.6f}"
    y_hat, branch = view.branches[0].getData()
    np.testing.assert_allclose(branch, 0.5 * (1 - y_hat) ** 2, rtol=1e-6)
    x, dots = view.dots.getData()
    np.testing.assert_allclose(dots, 0.5 * (x - view.points.y) ** 2, rtol=1e-6, atol=1e-9)
    assert "½(1 − ŷ)²" in view.legend.items[0][1].text and "log" not in view.legend.items[1][1].text
    assert s.detail.loss_name == "squared_error"
    window.docks["math"].raise_()  # the formulas are the squared error's, with the engine's numbers
    qtbot.waitUntil(lambda: "½(ŷ − y)²" in window.math.text.text(), timeout=3000)
    assert "dz = (ŷ − y)·ŷ·(1 − ŷ)" in window.math.text.text()
    assert len(window.curves.overlays) == 1  # the cross-entropy run stays on the curves
    window.training.loss.setCurrentIndex(0)
    qtbot.waitUntil(lambda: snap(window).loss == "cross_entropy" and len(window.curves.overlays) == 2,
                    timeout=5000)
    assert "squared error" in window.curves.overlays[-1].name()
