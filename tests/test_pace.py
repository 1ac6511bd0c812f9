"""A pace a person can follow: the default speed, what the window says when training stops, the
α changes marked on the cost curve, and a learning-rate box that refuses bad input visibly."""

import time

import pytest
from conftest import need_module

need_module("PySide6")

from ui_helpers import load, open_window, snap  # noqa: E402


@pytest.mark.parametrize("data", ["builtin:cats", "course"])
def test_the_default_speed_lets_a_person_watch(qtbot, window, data, request):
    """The speed the panel starts on is the pace the training process keeps: counted here from its
    iterations and the clock, and as its own Steps / s (measured) says; the state line calls it a target."""
    if data == "course":  # (the window opens on the cats)
        load(qtbot, window, str(request.getfixturevalue("course_dir")))
    speed = window.training.speed.currentData()
    assert len(window.session.loaded.dataset.train_labels) == 209
    assert speed is not None and window.training.speed.findData(None) == 0  # "As fast as possible": one click away
    assert 10 <= window.training.stop_at.value() / speed <= 30  # the default run takes 10–30 s
    window.training.play_button.click()
    qtbot.waitUntil(lambda: snap(window).running, timeout=5000)
    started, first = time.perf_counter(), snap(window).iteration  # (it may have run a little before we saw it)
    qtbot.wait(2000)
    seconds = time.perf_counter() - started
    it = snap(window).iteration - first
    assert snap(window).running and 0.5 * speed * seconds < it <= speed * (seconds + 0.5) < 2000
    assert 0.7 * speed <= float(window.training.readout["rate"].text().replace(",", "")) <= 1.3 * speed
    assert window.training.state.text().startswith(f"Running, target {speed:g} steps / s")


def test_a_chosen_speed_is_remembered_and_the_default_applies_when_none_is(qtbot, settings):
    from lrviz.training.settings import default
    first = open_window(qtbot, settings)
    first.training.speed.setCurrentIndex(0)  # as fast as possible
    first.close()
    assert open_window(qtbot, settings).training.speed.currentData() is None
    settings.setValue("speed", "3.5")  # not in the list (an older version's, or edited by hand)
    assert open_window(qtbot, settings).training.speed.currentData() == default("speed")


def test_one_step_is_one_iteration_and_comes_at_once_even_when_slow(qtbot, window):
    window.training.speed.setCurrentIndex(1)  # 1 step a second
    window.training.step_button.click()
    started = time.perf_counter()
    qtbot.waitUntil(lambda: snap(window).iteration == 1 and not snap(window).running, timeout=5000)
    assert time.perf_counter() - started < 0.8
    qtbot.wait(1200)
    assert snap(window).iteration == 1


def test_stopping_says_why_and_how_to_go_on(qtbot, window):
    window.training.speed.setCurrentIndex(0)
    window.training.stop_at.setValue(40)
    window.training.play_button.click()
    qtbot.waitUntil(lambda: snap(window).iteration == 40 and not snap(window).running, timeout=10000)
    qtbot.waitUntil(lambda: "Stopped at iteration 40" in window.statusBar().currentMessage(), timeout=5000)
    assert "Raise 'Stop at'" in window.training.state.text()
    window.statusBar().clearMessage()
    window.training.play_button.click()  # Play at 'Stop at' is never silently ignored
    assert "Stopped at iteration 40" in window.statusBar().currentMessage()
    window.training.stop_at.setValue(10_000)
    window.training.speed.setCurrentIndex(4)  # 20 steps a second
    window.training.play_button.click()
    qtbot.waitUntil(lambda: snap(window).running, timeout=5000)
    window.training.play_button.click()
    qtbot.waitUntil(lambda: not snap(window).running, timeout=5000)
    qtbot.waitUntil(lambda: window.training.state.text().startswith("Paused at iteration"), timeout=5000)
    window.training.set_learning_rate(10.0)
    window.training.speed.setCurrentIndex(0)
    window.training.play_button.click()
    qtbot.waitUntil(lambda: snap(window).diverged is not None, timeout=10000)
    qtbot.waitUntil(lambda: "Diverged" in window.training.state.text(), timeout=5000)
    assert "lower α" in window.training.state.text()
    message = window.statusBar().currentMessage().lower()
    assert "diverged" in message and "lower" in message


def test_an_alpha_change_mid_run_is_marked_on_the_cost_curve(qtbot, window):
    from lrviz.ui.panels.training import lr_to_slider
    window.training.speed.setCurrentIndex(5)  # 100 steps a second
    window.training.stop_at.setValue(100_000)
    window.training.play_button.click()
    qtbot.waitUntil(lambda: snap(window).iteration > 30, timeout=10000)
    window.training.lr_slider.setValue(lr_to_slider(0.001))
    qtbot.waitUntil(lambda: snap(window).learning_rates[-1, 1] == 0.001, timeout=10000)
    qtbot.waitUntil(lambda: len(window.curves.rate_marks) == 1, timeout=5000)
    changed_at = int(snap(window).learning_rates[-1, 0])
    mark = window.curves.rate_marks[0]
    assert mark.value() == changed_at > 30 and mark.label.format == "α = 0.001"
    window.training.lr_slider.setValue(lr_to_slider(0.002))  # a second change a few steps later
    qtbot.waitUntil(lambda: len(window.curves.rate_marks) == 2, timeout=5000)
    qtbot.wait(300)  # drawn
    first, second = (m.label.sceneBoundingRect() for m in window.curves.rate_marks)
    legend = window.curves.cost_legend.sceneBoundingRect()
    plot = window.curves.cost_plot.vb.sceneBoundingRect()
    assert window.curves.rate_marks[1].label.format == "α = 0.002"
    assert not first.intersects(second) and not first.intersects(legend) and not second.intersects(legend)
    assert plot.contains(first) and plot.contains(second)
    window.training.reset_button.click()
    qtbot.waitUntil(lambda: snap(window).iteration == 0 and len(window.curves.rate_marks) == 0, timeout=10000)
    qtbot.wait(100)
    legend = window.curves.cost_legend.sceneBoundingRect()
    assert legend.top() - window.curves.cost_plot.vb.sceneBoundingRect().top() < 20  # back up: no labels to clear


def test_a_slider_drag_changes_alpha_once_where_it_is_let_go(qtbot, window):
    from lrviz.ui.panels.training import lr_to_slider
    slider, box = window.training.lr_slider, window.training.lr_edit
    window.training.step_button.click()
    qtbot.waitUntil(lambda: snap(window).iteration == 1, timeout=5000)
    slider.setSliderDown(True)  # what a mouse drag does to the slider
    for lr in (0.002, 0.001, 0.0005):
        slider.setSliderPosition(lr_to_slider(lr))
        assert box.text() == f"{lr:g}" and window.prefs.learning_rate == 0.005  # shown, not yet applied
    slider.setSliderDown(False)
    assert window.prefs.learning_rate == 0.0005 and box.text() == "0.0005"
    window.training.step_button.click()
    qtbot.waitUntil(lambda: snap(window).iteration == 2, timeout=5000)
    assert snap(window).learning_rates.tolist() == [[0, 0.005], [1, 0.0005]]  # one change, not three


def type_into(qtbot, box, text, key="Return"):
    from PySide6.QtCore import Qt
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, getattr(Qt.Key, f"Key_{key}"))


@pytest.mark.parametrize(("typed", "why"), [("abc", "not a number"), ("50", "between 1e-05 and 10")])
def test_a_bad_learning_rate_is_refused_visibly(qtbot, window, typed, why):
    box = window.training.lr_edit
    type_into(qtbot, box, typed)  # every key reaches the box (no validator swallows them)
    assert box.text() == typed
    assert box.property("invalid") and why in box.toolTip() and "#d62728" in box.styleSheet()
    assert window.prefs.learning_rate == 0.005 and window.training.learning_rate == 0.005
    window.training.step_button.click()
    qtbot.waitUntil(lambda: snap(window).iteration == 1, timeout=5000)
    assert snap(window).learning_rate == 0.005  # the trainer never saw it
    type_into(qtbot, box, "0.002")
    assert not box.property("invalid") and box.styleSheet() == "" and window.prefs.learning_rate == 0.002


def test_escape_shows_the_alpha_in_use_again(qtbot, window):
    box = window.training.lr_edit
    type_into(qtbot, box, "50")
    assert box.property("invalid")
    type_into(qtbot, box, "", key="Escape")
    assert box.text() == "0.005" and not box.property("invalid") and window.prefs.learning_rate == 0.005


def test_a_typed_value_between_positions_is_used_exactly(qtbot, window):
    from lrviz.ui.panels.training import lr_to_slider
    box = window.training.lr_edit
    type_into(qtbot, box, "0.00123456789")
    assert window.prefs.learning_rate == 0.00123456789 and box.text() == "0.00123456789"
    assert window.training.lr_slider.value() == lr_to_slider(0.001)  # the nearest position
    window.training.step_button.click()
    qtbot.waitUntil(lambda: snap(window).iteration == 1, timeout=5000)
    assert snap(window).learning_rate == 0.00123456789


def test_the_slider_lands_on_one_two_five():
    from lrviz.ui.panels.training import LR_VALUES, lr_to_slider, slider_to_lr
    assert LR_VALUES[:4] == [1e-5, 2e-5, 5e-5, 1e-4] and LR_VALUES[-3:] == [2.0, 5.0, 10.0]
    assert {0.001, 0.002, 0.005, 0.01} <= set(LR_VALUES)
    assert all(slider_to_lr(lr_to_slider(v)) == v for v in LR_VALUES)
    assert slider_to_lr(lr_to_slider(0.0049)) == 0.005  # a typed value between positions: the nearest one
