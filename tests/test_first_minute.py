"""The first minute of a new user: a hint that points at Play and the bowl, Qt's own media icons,
empty plots that say how to fill them, a data selector that shows what is loaded."""

import numpy as np
from conftest import need_module

need_module("PySide6")

from ui_helpers import open_window, run_to  # noqa: E402


def test_the_first_start_shows_a_hint_until_dismissed_and_help_brings_it_back(qtbot, settings):
    window = open_window(qtbot, settings)
    assert window.hint.isVisible() and "Play" in window.hint.text.text() and "bowl" in window.hint.text.text()
    window.hint.got_it.click()
    assert not window.hint.isVisible() and settings.value("hint_seen") in (True, "true")
    window.close()
    again = open_window(qtbot, settings)  # settings saved: no hint on the next start
    assert not again.hint.isVisible()
    action = next(a for a in again.menuBar().actions()[-1].menu().actions() if a.text() == "What am I looking at?")
    action.trigger()
    assert again.hint.isVisible()


def test_play_pause_and_step_use_qts_media_icons(qtbot, window):
    """Compared by their pixels: an icon's cacheKey() is new on every standardIcon() call."""
    from PySide6.QtWidgets import QStyle

    def pixels(icon):
        return icon.pixmap(16, 16).toImage()

    style = window.style()
    play = pixels(style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay))
    pause = pixels(style.standardIcon(QStyle.StandardPixmap.SP_MediaPause))
    step = pixels(style.standardIcon(QStyle.StandardPixmap.SP_MediaSkipForward))
    assert play != pause and play != step and pause != step  # three different pictures in this style
    button = window.training.play_button
    assert button.text() == "Play" and pixels(button.icon()) == play
    assert pixels(window.training.step_button.icon()) == step and "→" not in window.training.step_button.text()
    window.training.stop_at.setValue(10_000_000)
    button.click()
    qtbot.waitUntil(lambda: button.text() == "Pause", timeout=5000)
    assert pixels(button.icon()) == pause
    button.click()
    qtbot.waitUntil(lambda: button.text() == "Play", timeout=5000)
    assert pixels(button.icon()) == play


def test_empty_plots_say_how_to_fill_them_and_the_weights_start_on_a_sensible_scale(qtbot, window):
    assert window.curves.start_hint.isVisible()
    x0, x1 = window.curves.cost_plot.vb.viewRange()[0]
    assert x0 <= 0 and 9 <= x1 <= 11  # iterations 0 … 10, not −0.4 … 0.4
    window.docks["weights"].raise_()
    qtbot.waitUntil(lambda: window.weights.picture() is not None, timeout=3000)
    assert np.all(window.weights.picture() == 0)
    assert window.weights.colorbar.levels() == (-1.0, 1.0)  # not ±1e-12
    run_to(qtbot, window, 3)
    qtbot.waitUntil(lambda: not window.curves.start_hint.isVisible(), timeout=3000)


def test_the_data_selector_shows_what_is_loaded(qtbot, window, course_dir):
    assert window.data.builtin.currentData() == "builtin:cats"
    window.load(str(course_dir))
    qtbot.waitUntil(lambda: window.session.loaded.dataset.source == str(course_dir), timeout=15000)
    assert window.data.builtin.currentText() == f"Loaded: {course_dir.name}"
    assert window.data.builtin.currentData() == str(course_dir)


def test_history_does_not_make_the_docks_jump(qtbot, window):
    run_to(qtbot, window, 50)
    qtbot.wait(300)
    widths = {name: dock.width() for name, dock in window.docks.items()}
    window.curves.history.setValue(20)
    qtbot.waitUntil(lambda: window.session.viewing == 20 and window.bowl.bowl.path_iter[-1] == 20, timeout=5000)
    qtbot.wait(300)
    assert {name: dock.width() for name, dock in window.docks.items()} == widths
    window.curves.live.click()
