"""Animations of the descent as files: frames (H × W × 3 uint8 arrays, all of one size) → an
animated GIF or WebP (Pillow writes both) or an MP4 (ffmpeg, where it is found: the ``mp4`` extra
installs one with ``imageio-ffmpeg``, or one on the PATH is used).

As matplotlib's ``Animation.save``, the file's suffix chooses the format. The file appears whole or
not at all: frames go to a temporary file beside it, renamed at the end; a cancelled or failed
animation leaves nothing behind. A mistake is a :class:`DataError` naming the file."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
from PIL import Image

from lrviz.core.errors import QT_TRANSLATE_NOOP, DataError

FORMATS = (".gif", ".webp", ".mp4")
HELD_BYTES = 600 * 2**20  # GIF and WebP frames are held until the end: at most this much of them


def ffmpeg() -> str | None:
    """The ffmpeg program to write MP4 with, or None."""
    try:
        import imageio_ffmpeg
        return imageio_ffmpeg.get_ffmpeg_exe()
    except (ImportError, RuntimeError):
        return shutil.which("ffmpeg")


class AnimationWriter:
    """``add`` frames, then ``close`` (or ``abort``); a context manager that aborts on an error."""

    def __init__(self, path: str | Path, fps: float = 10.0, loop: bool = True):
        self.path = Path(path)
        self.suffix = self.path.suffix.lower()
        if self.suffix not in FORMATS:
            raise DataError(self.path, QT_TRANSLATE_NOOP("DataError", "cannot save an animation as \"{suffix}\": "
                                                         "choose .gif, .webp or .mp4"), suffix=self.suffix or "")
        if not self.path.parent.is_dir():
            raise DataError(self.path, QT_TRANSLATE_NOOP("DataError", "the folder {folder} does not exist"),
                            folder=str(self.path.parent))
        self.fps, self.loop = float(fps), loop
        self.frames: list[Image.Image] = []
        self.held = 0
        self.shape: tuple[int, int] | None = None
        self.count = 0
        self._ffmpeg: subprocess.Popen | None = None
        # beside the file, hidden, made as the file would be (permissions as the umask says)
        self._tmp = self.path.with_name(f".{self.path.stem}.{os.getpid()}.part{self.suffix}")
        try:
            self._tmp.touch()
        except OSError as e:  # a read-only folder, say
            raise DataError(self.path, QT_TRANSLATE_NOOP("DataError", "could not be written ({reason})"),
                            reason=e.strerror or str(e)) from e
        if self.suffix == ".mp4":
            self._start_ffmpeg()

    def _start_ffmpeg(self) -> None:
        if ffmpeg() is None:
            self._tmp.unlink(missing_ok=True)
            raise DataError(self.path, QT_TRANSLATE_NOOP("DataError", "MP4 needs ffmpeg, which was not found "
                                                         "(pip install \"lrviz[mp4]\"); .gif and .webp need nothing"))

    def add(self, frame: np.ndarray) -> None:
        frame = np.ascontiguousarray(frame[..., :3], dtype=np.uint8)
        h, w = frame.shape[:2]
        if self.shape is None:
            self.shape = (h, w)
        elif self.shape != (h, w):
            raise ValueError(f"frame {self.count} is {w}×{h}, the first was {self.shape[1]}×{self.shape[0]}")
        self.count += 1
        if self.suffix == ".mp4":
            if self._ffmpeg is None:
                self._ffmpeg = self._open_ffmpeg(w, h)
            try:
                self._ffmpeg.stdin.write(frame.tobytes())
            except BrokenPipeError as e:
                raise self._ffmpeg_failed(self._ffmpeg.communicate()[1]) from e
            return
        image = Image.fromarray(frame, "RGB")
        if self.suffix == ".gif":  # each frame its own 256 colours: the viridis bowl keeps its shading
            image = image.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        self.held += len(image.getbands()) * w * h
        if self.held > HELD_BYTES:
            raise DataError(self.path, QT_TRANSLATE_NOOP("DataError", "{n} frames of {w}×{h} are too many for one "
                                                         "{kind} (at most {mb} MB of frames): choose fewer "
                                                         "iterations, or MP4"),
                            n=self.count, w=w, h=h, kind=self.suffix[1:].upper(), mb=HELD_BYTES // 2**20)
        self.frames.append(image)

    def _open_ffmpeg(self, w: int, h: int) -> subprocess.Popen:
        # even sizes (yuv420p needs them): one pixel of padding where the frame is odd
        return subprocess.Popen(
            [ffmpeg(), "-y", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{w}x{h}",
             "-r", f"{self.fps:g}", "-i", "-", "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2:color=white",
             "-pix_fmt", "yuv420p", "-c:v", "libx264", "-movflags", "+faststart", str(self._tmp)],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def _ffmpeg_failed(self, stderr: bytes) -> DataError:
        err = stderr.decode(errors="replace").strip().splitlines()
        return DataError(self.path, QT_TRANSLATE_NOOP("DataError", "ffmpeg could not write it: {reason}"),
                         reason=err[-1] if err else "no reason given")

    def close(self) -> Path:
        """Write the file (it appears now, whole) and return its path."""
        if self.count == 0:
            self.abort()
            raise DataError(self.path, QT_TRANSLATE_NOOP("DataError", "no frames to write"))
        duration = round(1000 / self.fps)
        try:
            if self.suffix == ".mp4":
                stderr = self._ffmpeg.communicate()[1]  # the end of its input; waits for it
                if self._ffmpeg.returncode != 0:
                    raise self._ffmpeg_failed(stderr)
            else:
                first, rest = self.frames[0], self.frames[1:]
                options = {"loop": 0} if self.loop else {}
                if self.suffix == ".webp":
                    options |= {"quality": 90, "method": 4}
                first.save(self._tmp, format=self.suffix[1:].upper(), save_all=True, append_images=rest,
                           duration=duration, **options)
            os.replace(self._tmp, self.path)
        except OSError as e:
            self.abort()
            raise DataError(self.path, QT_TRANSLATE_NOOP("DataError", "could not be written ({reason})"),
                            reason=e.strerror or str(e)) from e
        except DataError:
            self.abort()
            raise
        self.frames = []
        return self.path

    def abort(self) -> None:
        """Stop and leave nothing behind."""
        if self._ffmpeg is not None and self._ffmpeg.returncode is None:
            self._ffmpeg.kill()
            self._ffmpeg.communicate()  # its pipes closed
        self.frames = []
        self._tmp.unlink(missing_ok=True)

    def __enter__(self) -> AnimationWriter:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is not None:
            self.abort()
