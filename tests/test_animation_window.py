"""File → Save animation… (issue 24): the descent from history, a frame per chosen iteration, each
captioned with the engine's J and α; the window draws on meanwhile; Cancel leaves no file."""

import pytest
from conftest import engine_bowl, features
from PIL import Image
from ui_helpers import load_and_run


def test_frames_are_spread_evenly_over_the_range_each_once():
    from lrviz.ui.animate import frame_iterations
    assert frame_iterations(0, 40, 41) == list(range(41))
    spread = frame_iterations(100, 2000, 60)
    assert len(spread) == 60 and spread[0] == 100 and spread[-1] == 2000
    assert frame_iterations(0, 3, 50) == [0, 1, 2, 3]  # never a frame twice
    assert frame_iterations(7, 7, 10) == [7]


def _run_job(qtbot, window, key, iterations, path, fps=10):
    from lrviz.ui import animate, pictures
    view = {v.key: v for v in pictures.views(window)}[key]
    job = animate.AnimationJob(window, view, iterations, str(path), fps)
    outcome = []
    job.done.connect(outcome.append)
    job.start()
    return job, outcome


def test_the_descent_is_saved_with_the_engines_cost_and_alpha_under_each_frame(qtbot, window, tmp_path, toy,
                                                                             monkeypatch):
    from lrviz.ui import animate
    load_and_run(qtbot, window, "builtin:toy", 12, lr=10.0)
    captions = []
    original = animate.caption_text
    monkeypatch.setattr(animate, "caption_text", lambda s: captions.append((s.iteration, s.cost)) or original(s))
    _, outcome = _run_job(qtbot, window, "map", list(range(13)), tmp_path / "overshoot.gif")
    qtbot.waitUntil(lambda: bool(outcome), timeout=60000)
    assert outcome == [""]
    with Image.open(tmp_path / "overshoot.gif") as gif:
        assert gif.n_frames == 13 and gif.info["duration"] == 100
        first = gif.convert("RGB").copy()
        gif.seek(6)
        assert first.size == gif.size and first.tobytes() != gif.convert("RGB").tobytes()  # the ball moved
    trainer, _, _ = engine_bowl(*features(toy, scale=toy.scale)[:2], 10.0, 12)
    assert [i for i, _ in captions] == list(range(13))
    assert [c for _, c in captions] == pytest.approx([trainer.replay(i)[2] for i in range(13)], rel=1e-6)
    assert "α = 10" in animate.caption_text(window.session.current)
    qtbot.waitUntil(lambda: window.session.viewing is None, timeout=5000)  # back to the live run
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".gif" or ".part" in p.name] == ["overshoot.gif"]


def test_cancel_stops_at_once_and_leaves_no_file(qtbot, window, tmp_path):
    load_and_run(qtbot, window, "builtin:toy", 30, lr=10.0)
    job, outcome = _run_job(qtbot, window, "curves", list(range(31)), tmp_path / "long.webp")
    qtbot.waitUntil(lambda: job.k >= 2, timeout=30000)
    job.cancel()
    qtbot.wait(300)
    assert outcome == [] and job.k < 31
    assert not [p for p in tmp_path.iterdir() if "long" in p.name]
    assert window.session.viewing is None


def test_the_dialog_asks_where_and_says_what_it_saved(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from lrviz.ui import animate
    load_and_run(qtbot, window, "builtin:toy", 8, lr=10.0)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a: (str(tmp_path / "descent"), "Animated WebP (*.webp)"))
    dialog = animate.SaveAnimationDialog(window)
    assert (dialog.first.value(), dialog.last.value()) == (0, 8)
    dialog.choice.setCurrentIndex(dialog.choice.findData("slices"))
    dialog.frames.setValue(5)
    dialog.save()
    qtbot.waitUntil(lambda: "descent.webp" in window.statusBar().currentMessage(), timeout=30000)
    with Image.open(tmp_path / "descent.webp") as webp:
        assert webp.n_frames == 5
    assert window.settings.value("animation_view") == "slices"
