"""A pace a person can follow: the default speed, what the window says when training stops, the
α changes marked on the cost curve, and a learning-rate box that refuses bad input visibly."""

import time

import pytest

pytest.importorskip("PySide6")

from ui_helpers import snap  # noqa: E402


def test_the_default_speed_lets_a_person_watch(qtbot, window):
    from lrviz.ui.panels.training import DEFAULT_SPEED
    assert window.training.speed.currentData() == DEFAULT_SPEED
    assert 10 <= window.training.stop_at.value() / DEFAULT_SPEED <= 30  # the default run takes 10–30 s
    window.training.play_button.click()
    qtbot.waitUntil(lambda: snap(window).running, timeout=5000)
    started = time.perf_counter()
    qtbot.wait(2000)
    seconds = time.perf_counter() - started
    it = snap(window).iteration
    assert snap(window).running and 0 < it <= DEFAULT_SPEED * (seconds + 0.5) < 2000
    assert "Running" in window.training.state.text()


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
    window.training.reset_button.click()
    qtbot.waitUntil(lambda: snap(window).iteration == 0 and len(window.curves.rate_marks) == 0, timeout=10000)


@pytest.mark.parametrize(("typed", "why"), [("abc", "not a number"), ("50", "between 1e-05 and 10")])
def test_a_bad_learning_rate_is_refused_visibly(qtbot, window, typed, why):
    box = window.training.lr_edit
    box.setText(typed)
    box.editingFinished.emit()
    assert box.property("invalid") and why in box.toolTip() and "#d62728" in box.styleSheet()
    assert window.session.learning_rate == 0.005 and window.training.learning_rate == 0.005
    window.training.step_button.click()
    qtbot.waitUntil(lambda: snap(window).iteration == 1, timeout=5000)
    assert snap(window).learning_rate == 0.005  # the trainer never saw it
    box.setText("0.002")
    box.editingFinished.emit()
    assert not box.property("invalid") and box.styleSheet() == "" and window.session.learning_rate == 0.002


def test_the_slider_lands_on_one_two_five():
    from lrviz.ui.panels.training import LR_VALUES, lr_to_slider, slider_to_lr
    assert LR_VALUES[:4] == [1e-5, 2e-5, 5e-5, 1e-4] and LR_VALUES[-3:] == [2.0, 5.0, 10.0]
    assert {0.001, 0.002, 0.005, 0.01} <= set(LR_VALUES)
    assert all(slider_to_lr(lr_to_slider(v)) == v for v in LR_VALUES)
    assert slider_to_lr(lr_to_slider(0.0049)) == 0.005  # a typed value between positions: the nearest one
