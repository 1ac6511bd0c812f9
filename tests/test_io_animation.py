"""Animations as files (issue 24): GIF and WebP by Pillow, MP4 by ffmpeg; the file appears whole or
not at all, and every mistake names the file."""

import numpy as np
import pytest
from conftest import missing
from PIL import Image

from lrviz.core.errors import DataError
from lrviz.io import animation
from lrviz.io.animation import AnimationWriter


def frames(n=5, h=30, w=41):
    """Frames that differ: a bar moving right, a colour per frame."""
    out = []
    for k in range(n):
        f = np.full((h, w, 3), 255, np.uint8)
        f[:, 6 * k: 6 * k + 6] = (20 * k, 200 - 15 * k, 90)  # 6 px: WebP and MP4 halve the colour's resolution
        out.append(f)
    return out


@pytest.mark.parametrize("suffix", [".gif", ".webp"])
def test_gif_and_webp_hold_every_frame_at_the_frame_rate(tmp_path, suffix):
    path = tmp_path / f"descent{suffix}"
    with AnimationWriter(path, fps=5) as writer:
        for f in frames():
            writer.add(f)
        writer.close()
    with Image.open(path) as im:
        assert im.n_frames == 5 and im.size == (41, 30)
        seen = []
        for k in range(5):
            im.seek(k)
            im.load()
            assert im.info["duration"] == 200
            seen.append(np.asarray(im.convert("RGB"))[:, 6 * k + 3])
    for k, column in enumerate(seen):  # the bar of frame k is where it was drawn, in about its colour
        assert np.abs(column.astype(int) - (20 * k, 200 - 15 * k, 90)).max() < 12
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def test_mp4_is_written_by_ffmpeg_where_it_is_found(tmp_path):
    if animation.ffmpeg() is None:
        missing("ffmpeg (the test extra installs imageio-ffmpeg)")
    import imageio_ffmpeg
    path = tmp_path / "descent.mp4"
    with AnimationWriter(path, fps=10) as writer:
        for f in frames(12, w=80):
            writer.add(f)
        writer.close()
    assert path.read_bytes()[4:8] == b"ftyp"
    assert imageio_ffmpeg.count_frames_and_secs(str(path))[0] == 12
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_without_ffmpeg_mp4_is_refused_with_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(animation, "ffmpeg", lambda: None)
    with pytest.raises(DataError, match=r"descent\.mp4: MP4 needs ffmpeg.*pip install"):
        AnimationWriter(tmp_path / "descent.mp4")
    assert not list(tmp_path.iterdir())


def test_mistakes_name_the_file_and_leave_nothing_behind(tmp_path, monkeypatch):
    with pytest.raises(DataError, match=r'x\.avi: cannot save an animation as "\.avi"'):
        AnimationWriter(tmp_path / "x.avi")
    with pytest.raises(DataError, match="does not exist"):
        AnimationWriter(tmp_path / "gone" / "x.gif")
    with pytest.raises(DataError, match="no frames"):
        AnimationWriter(tmp_path / "empty.gif").close()
    writer = AnimationWriter(tmp_path / "odd.gif")
    writer.add(frames(1)[0])
    with pytest.raises(ValueError, match="frame 1 is 10×30"):
        writer.add(frames(1, w=10)[0])
    writer.abort()
    monkeypatch.setattr(animation, "HELD_BYTES", 3 * 30 * 41)
    with pytest.raises(DataError, match="4 frames of 41×30 are too many for one GIF"), \
            AnimationWriter(tmp_path / "long.gif") as long:
        for f in frames(5):
            long.add(f)
    assert not list(tmp_path.iterdir())
