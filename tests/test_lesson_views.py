"""The lesson's pictures in the real window: loss vs cost, forward and backward, no for loop, the
lesson guide. Each draws, follows training and history, and shows the engine's numbers."""

import numpy as np
import pytest
from conftest import need_module

need_module("PySide6")

from conftest import features  # noqa: E402
from ui_helpers import image_pixels, run_to, snap, snapshot_for  # noqa: E402

from lrviz.core import GradientDescent  # noqa: E402
from lrviz.core.explain import step_detail  # noqa: E402


def test_loss_vs_cost_puts_every_example_on_its_curve_and_j_at_their_mean(qtbot, window, cats):
    window.tabs.setCurrentWidget(window.losscost)
    run_to(qtbot, window, 80)
    view = window.losscost
    qtbot.waitUntil(lambda: view.points is not None and view._drawn[1] == 80, timeout=10000)
    engine = GradientDescent(0.005).fit(*features(cats)[:2], 80)
    x, y = view.dots.getData()
    assert len(x) == 209
    assert view.cost.value() == pytest.approx(engine.cost_, abs=1e-6)  # the line is J, the mean of the dots
    assert view.points.mistakes == round(209 * (100 - engine.train_accuracy()) / 100)
    assert f"{engine.cost_:.4f}" in view.cost_words
    window.curves.view_requested.emit(10)  # history: the dots go back to where they were
    qtbot.waitUntil(lambda: view._drawn is not None and view._drawn[1] == 10, timeout=10000)
    past = GradientDescent(0.005).fit(*features(cats)[:2], 10)
    assert view.cost.value() == pytest.approx(past.cost_, abs=1e-6)
    spot = view.dots.points()[7]
    view._clicked(view.dots, [spot], None)  # a click makes it the Math panel's example
    assert window.math.example.value() == 7


def test_loss_vs_cost_draws_a_sample_of_a_large_set_and_says_so(qtbot):
    """At CIFAR-10's size the view draws a sample of the examples (a scatter of 50,000 dots held
    the window ~330 ms a frame), says so under the plot, and a click still names the real example."""
    from lrviz.core import losses
    CE = losses.get("cross_entropy")
    from lrviz.core.lossview import MAX_DOTS
    from lrviz.ui.panels.losscost import LossCostView
    rng = np.random.default_rng(1)
    m = 3 * MAX_DOTS
    labels = (rng.random(m) < 0.3).astype(np.uint8)
    view = LossCostView()
    qtbot.addWidget(view)
    view.show()
    view.set_dataset(rng.integers(0, 256, (m, 4, 4, 3), dtype=np.uint8), labels, ("not cat", "cat"))
    z = rng.normal(0, 2, m)
    view.show_snapshot(snapshot_for(logits=z, iteration=5, cost=CE.cost(z, labels)))  # the engine's J
    x, _ = view.dots.getData()
    assert len(x) == MAX_DOTS
    assert view.cost.value() == pytest.approx(CE.cost(z, labels), abs=1e-12)
    assert f"all {m:,} losses" in view.cost_words
    assert f"{MAX_DOTS:,} of the {m:,} examples, picked at random" in view.readout.text()
    spot = view.dots.points()[100]
    with qtbot.waitSignal(view.example_chosen) as chosen:
        view._clicked(view.dots, [spot], None)
    assert chosen.args == [int(view.points.index[100])] and chosen.args[0] != 100


def test_forward_and_backward_show_the_engines_numbers(qtbot, window, cats):
    window.tabs.setCurrentWidget(window.graph)
    window.math.example.setValue(3)
    run_to(qtbot, window, 25)
    qtbot.waitUntil(lambda: window.graph.canvas.detail is not None and window.graph.canvas.detail.iteration == 25
                    and window.graph.canvas.detail.example == 3, timeout=10000)
    d = window.graph.canvas.detail
    X, y, _, _ = features(cats)
    engine = GradientDescent(0.005).fit(X, y, 25)
    want = step_detail(25, 3, X, y, engine.w_, engine.b_, engine.cost_, *engine.gradient(), 0.005)
    for name in ("z", "y_hat", "loss", "da", "dz", "dw_example_norm", "db"):
        assert getattr(d, name) == pytest.approx(getattr(want, name), rel=1e-5, abs=1e-9), name
    pixels = image_pixels(window.graph.canvas.grab().toImage())
    red = ((pixels[..., 0] > 150) & (pixels[..., 1] < 80)).sum()
    blue = ((pixels[..., 2] > 120) & (pixels[..., 0] < 80)).sum()
    assert red > 300 and blue > 300  # backward in red, forward in blue, drawn
    assert "12,288 × 209" in window.graph.vector.text()


def test_the_loops_are_timed_on_this_data(qtbot, window):
    window.tabs.setCurrentWidget(window.loops)
    window.loops.button.click()
    qtbot.waitUntil(lambda: window.loops.times["vectorised"].text() != "—", timeout=30000)
    t = snap(window).timings
    assert [x.name for x in t] == ["two_loops", "one_loop", "vectorised"] and t[0].m == 209
    assert t[2].seconds < t[1].seconds < t[0].seconds  # the lecture's point, measured here
    assert "the fastest" in window.loops.times["vectorised"].text()
    assert "slower" in window.loops.times["two loops"].text()


def test_the_lesson_guide_walks_through_four_parts_and_sets_the_window_up(qtbot, window):
    lesson = window.lesson
    assert lesson.where.text() == "1 / 4" and not lesson.back.isEnabled()
    for _ in range(3):
        lesson.next.click()
    assert lesson.where.text() == "4 / 4" and not lesson.next.isEnabled()
    assert "Gradient descent" in lesson.heading.text()
    lesson.show_button.click()  # load the toy, α = 1, reset, show the bowl, play slowly
    qtbot.waitUntil(lambda: window.session.loaded.dataset.source == "builtin:toy" and snap(window) is not None
                    and snap(window).running, timeout=15000)
    assert window.prefs.learning_rate == 1.0 and window.training.speed.currentData() == 5.0
    lesson.back.click()
    lesson.show_button.click()  # part 3: the loss view comes forward, the bowl draws the squared error
    assert window.tabs.currentWidget() is window.losscost
    qtbot.waitUntil(lambda: window.bowl.bowl is not None and window.bowl.bowl.loss == "squared_error", timeout=5000)
    assert np.isfinite(snap(window).cost)


def test_a_view_opened_after_training_stopped_catches_up(qtbot, window):
    run_to(qtbot, window, 30)
    window.tabs.setCurrentWidget(window.losscost)  # shown only now: no new snapshot will come
    qtbot.waitUntil(lambda: window.losscost.points is not None and len(window.losscost.dots.getData()[0]) == 209,
                    timeout=5000)


def test_on_a_narrow_tab_the_graphs_boxes_hold_their_text_and_the_derivatives_do_not_collide(qapp):
    """At 1366 × 768 the central tab is ~520 px wide: "w: ‖w‖ = 0.6158" ran out of its box and
    "dz = a − y = 0.397" into "da = dL/da = 1.658". The font shrinks to fit; at full width it is
    the window's, a little larger."""
    from PySide6.QtGui import QFont, QFontMetrics

    from lrviz.ui.panels.graph import BOX_TEXTS, graph_font
    base = QFont()
    backs = ("da = dL/da = -1.658", "dz = a − y = -0.3971")
    for width in (480, 520, 700, 1100):  # (a 1366-px window gives it ~520)
        metrics = QFontMetrics(graph_font(base, width, backs))
        assert max(metrics.horizontalAdvance(t) for t in BOX_TEXTS) + 16 <= width / 5.2 + 1e-6, width
        assert max(metrics.horizontalAdvance(t) for t in backs) + 8 <= 0.24 * width + 1e-6, width
    wide = graph_font(base, 1100, backs)
    assert wide.pointSizeF() == pytest.approx(base.pointSizeF() * 1.05)


def test_the_loss_views_axis_names_the_datas_positive_class(qapp):
    """It said "P(cat)" whatever the data: a folder whose positive class is "dog" gets P(dog)."""
    from lrviz.ui.panels.losscost import LossCostView
    view = LossCostView()
    assert "P(cat)" in view.plot.getAxis("bottom").labelText
    view.set_dataset(np.zeros((2, 4, 4, 3), np.uint8), np.array([0, 1]), ("not dog", "dog"))
    assert "P(dog)" in view.plot.getAxis("bottom").labelText and "cat" not in view.plot.getAxis("bottom").labelText
