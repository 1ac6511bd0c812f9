"""`lrviz export`: a view as a picture or an animation with no window on the screen. One hidden window
makes the PNG, the SVG and the GIF (its numbers are core's, its frames differ and there is one per
iteration asked for); the command line refuses a bad file before Qt starts, and, with no OpenGL, the
3-D bowl, while the 2-D views still work there."""

import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from conftest import ROOT, features
from PIL import Image

from lrviz.cli import main
from lrviz.core import GradientDescent


@pytest.mark.parametrize("out, said", [
    ("pic.jpg", r'pic.jpg: cannot save as ".jpg"; choose .png, .svg, .gif, .webp, .mp4'),
    ("pic", r'pic: cannot save as "(no suffix)"'),
    ("missing/pic.png", "missing/pic.png: the folder missing does not exist"),
    ("bowl.svg", "bowl.svg: the 3-D bowl is saved as .png only"),
])
def test_a_bad_file_is_one_line_naming_it_before_anything_runs(tmp_path, capsys, monkeypatch, out, said):
    monkeypatch.chdir(tmp_path)
    view = "bowl" if out == "bowl.svg" else "map"
    assert main(["export", "--data", "builtin:toy", "--view", view, "--out", out]) == 2
    err = capsys.readouterr().err
    assert said in err and err.count("\n") == 1, err
    assert list(tmp_path.iterdir()) == []


def test_one_hidden_window_makes_png_svg_and_gif(qapp, tmp_path, toy):
    from ui_helpers import OPENED

    from lrviz.ui import pictures
    from lrviz.ui.export import Export
    job = Export("builtin:toy", 10.0, 40)  # the README's overshoot: α = 10 on the toy's bowl
    OPENED.append(job.window)
    s = job.window.session.current
    X, y, Xt, yt = features(toy, scale=toy.scale)
    core = GradientDescent(10.0).start(X, y, Xt, yt, n_iter=40)
    core.step(40)
    assert s.iteration == 40 and np.isclose(s.cost, core.cost_, rtol=1e-5)  # the engine's run, shown
    assert s.bowl.bounce is not None  # the path goes back and forth across the valley: the zig-zag
    map_view = next(v for v in pictures.views(job.window) if v.key == "map")
    w, h = job.picture("map", tmp_path / "map.png")
    with Image.open(tmp_path / "map.png") as im:
        assert im.size == (w, h) == (2 * map_view.widget.width(), 2 * map_view.widget.height())
    job.picture("curves", tmp_path / "curves.svg")
    assert ET.parse(tmp_path / "curves.svg").getroot().tag.endswith("svg")
    assert job.animation("map", tmp_path / "overshoot.gif", 41, 10) == 41
    with Image.open(tmp_path / "overshoot.gif") as im:
        assert im.n_frames == 41
        frames = []
        for k in range(im.n_frames):
            im.seek(k)
            frames.append(np.asarray(im.convert("RGB")))
    assert all(not np.array_equal(a, b) for a, b in zip(frames[:-1], frames[1:], strict=True))  # each step moves the path


def test_without_opengl_the_bowl_is_refused_and_the_map_is_drawn(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path), "TMPDIR": str(tmp_path)}

    def export(view, out):
        return subprocess.run([sys.executable, "-m", "lrviz", "export", "--data", "builtin:toy", "--lr", "1", "--iters",
                               "5", "--view", view, "--out", str(tmp_path / out)], capture_output=True, text=True,
                              cwd=tmp_path, env=env, timeout=120)
    r = export("bowl", "bowl.png")
    assert r.returncode == 2 and not (tmp_path / "bowl.png").exists()
    assert r.stderr.startswith("lrviz: error: --view bowl needs OpenGL") and r.stderr.count("\n") == 1, r.stderr
    assert "offscreen" in r.stderr and "map, slices, curves, losscost" in r.stderr
    r = export("map", "map.png")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"wrote {tmp_path / 'map.png'}: ") and "iteration 5 (map)" in r.stdout
    with Image.open(tmp_path / "map.png") as im:
        assert im.format == "PNG" and im.size[0] > 400


def test_the_command_lines_animation_suffixes_are_the_writers():
    """`lrviz export` checks its --out suffix without loading Pillow: its list must be the writer's."""
    from lrviz.export_args import ANIMATIONS
    from lrviz.io.animation import FORMATS
    assert ANIMATIONS == FORMATS
