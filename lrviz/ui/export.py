"""``lrviz export``: a picture or an animation of one view, with no window on the screen.

The window is built as ever, but never shown on the screen (``WA_DontShowOnScreen``: under an X
server its 3-D bowl still gets its GL context; without a display Qt's offscreen platform draws the
2-D views), with a settings file of its own (the user's are neither read nor changed). It trains
the iterations asked for at α as fast as it can, then saves what File → Save picture… saves
(:func:`lrviz.ui.pictures.take`) or what File → Save animation… saves (:class:`AnimationJob`,
iterations 0 … N). A mistake is one line naming the file or the option.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt, qInstallMessageHandler

from lrviz.core.errors import DataError, LrvizError
from lrviz.core.refit import FULL_GRID
from lrviz.export_args import EXPORT_VIEWS
from lrviz.io.animation import FORMATS
from lrviz.training.commands import Play
from lrviz.ui import pictures
from lrviz.ui.animate import AnimationJob, frame_iterations
from lrviz.ui.app import application
from lrviz.ui.gl import gl_problem
from lrviz.ui.i18n import tr_message
from lrviz.ui.main_window import MainWindow
from lrviz.ui.viewer import own_settings, remove_with, wait

SIZE = (1600, 1000)        # the window's size: the views as a 1600 × 1000 screen shows them
SETTLE_SECONDS = 20        # at most this long for the bowl's full surface after the last step


def no_gl_line(problem: str) -> str:
    return (f"--view bowl needs OpenGL, which this session lacks ({problem}); the other views "
            f"({', '.join(v for v in EXPORT_VIEWS if v != 'bowl')}) work without it")


class Export:
    """A hidden window on ``source``, trained ``iters`` iterations at ``lr``: :meth:`picture` and
    :meth:`animation` save its views. :meth:`close` when done."""

    def __init__(self, source: str, lr: float, iters: int):
        application()
        settings, folder = own_settings("lrviz-export-")  # never the user's settings
        settings.setValue("hint_seen", True)  # no first-start hint above the views
        self.window = window = MainWindow(settings=settings, source=source)
        remove_with(window, folder)
        window._first_load = None  # a failed load is said once, by the export's error line
        prefs = window.prefs
        prefs.learning_rate, prefs.speed, prefs.stop_at = lr, None, max(iters, 1)  # before the data arrives
        self.iters = iters
        window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        window.resize(*SIZE)
        error: list[str] = []
        window.session.load_finished.connect(lambda spec, e: e and error.append(e))
        window.show()
        session = window.session
        wait(lambda: error or session.current is not None and session.current.settings is not None
             and session.current.settings.learning_rate == prefs.learning_rate, window)
        if error:
            self.close()
            raise LrvizError(error[0])
        if iters > 0:
            session.send(Play())
            wait(lambda: not self._alive() or self._done(), window)
        if not self._alive():
            self.close()
            raise LrvizError("the training process ended unexpectedly")
        wait(self._settled, window, timeout=SETTLE_SECONDS)

    def _alive(self) -> bool:
        return self.window.session.worker.alive

    def _settled(self) -> bool:
        """The bowl drawn where the path ends, its surface at the full grid (paused, it is refined)."""
        s = self.window.session.current
        return s.bowl is None or (len(s.bowl.s) >= FULL_GRID and int(s.bowl.path_iter[-1]) == s.iteration)

    def _done(self) -> bool:
        s = self.window.session.current
        return not s.running and (s.iteration >= self.iters or s.diverged is not None)

    @property
    def last_iteration(self) -> int:
        return self.window.session.current.iteration

    def view(self, key: str) -> pictures.View:
        for view in pictures.views(self.window):
            if view.key == key:
                return view
        raise LrvizError(no_gl_line(gl_problem() or self.window.bowl.note.text()))

    def picture(self, key: str, path: str | Path) -> tuple[int, int]:
        """The view ``key`` now, as PNG (twice its size on screen) or SVG; (width, height) in pixels."""
        try:
            size = pictures.take(self.window, self.view(key), path)
        except pictures.PictureError as e:
            raise LrvizError(f"{path}: {e}" if str(path) not in str(e) else str(e)) from None
        return size.width(), size.height()

    def animation(self, key: str, path: str | Path, frames: int, fps: float) -> int:
        """Iterations 0 … the last, ``frames`` of them evenly spread, as GIF, WebP or MP4; the number
        of frames written."""
        iterations = frame_iterations(0, self.last_iteration, frames)
        try:
            job = AnimationJob(self.window, self.view(key), iterations, str(path), fps)
        except DataError as e:
            raise LrvizError(tr_message(e.message)) from None
        outcome: list[str] = []
        job.done.connect(outcome.append)
        job.start()
        wait(lambda: bool(outcome), self.window)
        if not outcome:
            job.cancel()
            raise LrvizError(f"{path}: the window closed before the animation was done")
        if outcome[0]:
            raise LrvizError(outcome[0])
        return len(iterations)

    def close(self) -> None:
        self.window.close()
        self.window.deleteLater()


def _quiet_platform(mode, context, message: str) -> None:
    """Qt's messages on stderr, but the offscreen platform's notes that it cannot move or size a
    window (it has none to show): an export's output is its one line."""
    if not message.startswith("This plugin does not support"):
        sys.stderr.write(message + "\n")


def export(source: str, lr: float, iters: int, view: str, out: str, frames: int | None = None,
           fps: float = 10.0) -> str:
    """What ``lrviz export`` does; returns the line it prints. The 3-D bowl is refused before any
    training where OpenGL is missing."""
    qInstallMessageHandler(_quiet_platform)
    application()
    if view == "bowl" and gl_problem() is not None:
        raise LrvizError(no_gl_line(gl_problem()))
    job = Export(source, lr, iters)
    try:
        moving = Path(out).suffix.lower() in FORMATS
        if moving:
            n = job.animation(view, out, frames or min(job.last_iteration + 1, 100), fps)
            return f"wrote {out}: {n} frames of iterations 0…{job.last_iteration} ({view})"
        w, h = job.picture(view, out)
        return f"wrote {out}: {w} × {h} pixels, iteration {job.last_iteration} ({view})"
    finally:
        job.close()
