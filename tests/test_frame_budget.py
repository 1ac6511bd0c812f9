"""What keeps the window responsive while training runs at full speed (benchmarks/bench_window.py
measures the result): tabbed-away docks skip drawing and catch up when shown; heavy panels draw one
at a time, each with the newest state; plot ranges move in round jumps; a load settles the garbage
collector."""

import gc
import time

import pytest
from conftest import need_module

need_module("PySide6")

from ui_helpers import run_to, snap  # noqa: E402


def test_a_tabbed_away_dock_skips_drawing_and_catches_up_when_brought_forward(qtbot, window):
    from lrviz.ui.panels import on_screen
    math = window.math
    assert window.docks["math"].isVisible() and not on_screen(math)  # Qt calls a tabbed-away dock "visible"
    before = math.text.text()
    run_to(qtbot, window, 40)
    assert math.text.text() == before  # nothing laid out while hidden
    window.docks["math"].raise_()
    qtbot.waitUntil(lambda: on_screen(math) and "Iteration 40" in math.text.text(), timeout=3000)
    window.docks["lesson"].raise_()
    qtbot.waitUntil(lambda: not on_screen(math), timeout=3000)


def test_while_running_every_heavy_panel_still_follows_training(qtbot, window, monkeypatch):
    window.training.speed.setCurrentIndex(0)
    window.training.stop_at.setValue(10_000_000)
    seen = {"curves": set(), "bowl": set(), "slices": 0}
    original = window.bowl.slices.draw

    def counted(*args):
        seen["slices"] += 1
        original(*args)

    monkeypatch.setattr(window.bowl.slices, "draw", counted)  # (the window is shared: put back after)
    window.training.play_button.click()
    try:
        def follow():
            seen["curves"].add(window.curves.last.iteration if window.curves.last else None)
            if window.bowl.bowl is not None:
                seen["bowl"].add(int(window.bowl.bowl.path_iter[-1]))
            return len(seen["curves"]) > 5 and len(seen["bowl"]) > 5 and seen["slices"] > 5
        qtbot.waitUntil(follow, timeout=10000)
    finally:
        window.training.play_button.click()
    qtbot.waitUntil(lambda: not snap(window).running, timeout=5000)
    # once stopped, every panel shows the same, final iteration at once
    qtbot.waitUntil(lambda: window.curves.last.iteration == snap(window).iteration, timeout=3000)
    assert window.bowl.bowl.path_iter[-1] == snap(window).iteration
    assert not window.pacer.queue


def test_a_paused_snapshot_of_the_same_iteration_is_drawn_panel_by_panel(qtbot):
    """A step or a scrub draws every panel at once; a paused snapshot that only adds detail (CIFAR-10's
    full bowl, computed after pausing) is drawn one panel per pass: in one pass it froze the window
    60-140 ms."""
    import dataclasses

    from PySide6.QtWidgets import QApplication
    from ui_helpers import snapshot_for

    from lrviz.ui.frames import FramePacer

    drawn = []

    class Panel:
        def __init__(self, name):
            self.name = name

        def show_snapshot(self, s):
            drawn.append((self.name, s.iteration))

    pacer = FramePacer(tuple(Panel(n) for n in ("curves", "bowl", "weights")))
    step = snapshot_for(iteration=5)
    pacer.show(step)
    assert drawn == [("curves", 5), ("bowl", 5), ("weights", 5)]  # at once, in the same call
    drawn.clear()
    pacer.show(dataclasses.replace(step, cost=0.5))  # the same iteration, more detail
    assert drawn == [] and len(pacer.queue) == 3
    qtbot.waitUntil(lambda: len(drawn) == 3, timeout=3000)
    assert {name for name, _ in drawn} == {"curves", "bowl", "weights"} and not pacer.queue
    drawn.clear()
    pacer.show(dataclasses.replace(step, iteration=6))  # a step: at once again
    assert len(drawn) == 3
    QApplication.processEvents()
    # where nothing blocks in an event loop (a script calling processEvents, as lrviz export and the
    # screenshots do), the queue still drains: the No-for-loop view's timings never showed there
    drawn.clear()
    pacer.show(dataclasses.replace(step, iteration=6, cost=0.25))
    assert drawn == [] and len(pacer.queue) == 3
    end = time.perf_counter() + 2
    while len(drawn) < 3 and time.perf_counter() < end:
        QApplication.processEvents()
        time.sleep(0.005)
    assert len(drawn) == 3 and not pacer.queue


def test_the_cost_plot_ranges_jump_in_round_steps_not_every_frame(qtbot, window):
    run_to(qtbot, window, 120)
    qtbot.waitUntil(lambda: window.curves.last.iteration == 120, timeout=3000)
    x0, x1 = window.curves.cost_plot.vb.viewRange()[0]
    assert x0 <= 0 and 200 <= x1 <= 205  # 120 iterations: the axis runs to 200
    y0, y1 = window.curves.cost_plot.vb.viewRange()[1]
    s = window.curves.last
    top = max(s.costs[:, 1].max(), s.evals[:, 3].max())  # train and test cost
    assert y0 == pytest.approx(0) and top <= y1 <= 2.5 * top and y1 in (0.5, 1.0, 2.0, 5.0)  # 0 … a round number
    run_to(qtbot, window, 190)
    qtbot.waitUntil(lambda: window.curves.last.iteration == 190, timeout=3000)
    assert window.curves.cost_plot.vb.viewRange()[0][1] == pytest.approx(x1)  # same bin: untouched
    run_to(qtbot, window, 230)
    qtbot.waitUntil(lambda: window.curves.last.iteration == 230, timeout=3000)
    assert 500 <= window.curves.cost_plot.vb.viewRange()[0][1] <= 510


def test_a_load_leaves_the_live_objects_out_of_full_collections(qtbot, window):
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 1000, timeout=3000)
