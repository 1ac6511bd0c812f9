"""File → Save animation…: the descent from history, as a GIF, WebP or MP4 (:mod:`lrviz.io.animation`).

Each frame is a past iteration asked of the training process as the History slider asks for one
(replayed exactly from its checkpoints), drawn by the chosen view, and captioned with the
iteration, J and α in the window's language. The job is driven by the snapshots as they arrive, so
the window keeps drawing and answering while it runs; a progress dialog counts the frames and
Cancel leaves no file behind."""

from __future__ import annotations

import contextlib

import numpy as np
from PySide6.QtCore import QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QMessageBox,
    QProgressDialog,
    QSpinBox,
    QWidget,
)

from lrviz.core.errors import DataError
from lrviz.core.history import rate_at
from lrviz.io.animation import AnimationWriter
from lrviz.training.messages import Snapshot
from lrviz.ui import pictures
from lrviz.ui.i18n import tr_message, translate
from lrviz.ui.panels.curves import last_iteration

SETTLE_MS = 30          # after a frame's snapshot: the views' second pass (the 3-D floor) is drawn
FRAME_TIMEOUT_MS = 20000  # a past iteration that never comes back: said, not waited for forever
BOWL_VIEWS = ("bowl", "map", "slices", "window")  # views that draw the bowl of the frame's iteration


def frame_iterations(first: int, last: int, frames: int) -> list[int]:
    """``frames`` iterations from ``first`` to ``last`` (both included), evenly spread, each once."""
    if last <= first or frames <= 1:
        return [last]
    return sorted({int(round(v)) for v in np.linspace(first, last, frames)})


def caption_text(s: Snapshot) -> str:
    alpha = rate_at(s.learning_rates, s.iteration) if len(s.learning_rates) else s.learning_rate
    return translate("Animation", "iteration {i}   ·   J = {cost}   ·   α = {alpha}").format(
        i=s.iteration, cost=f"{s.cost:.6f}", alpha=f"{alpha:g}")


def captioned(image: QImage, text: str) -> np.ndarray:
    """``image`` with a white strip under it holding ``text``: an RGB array."""
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    font = QFont()
    font.setPixelSize(max(12, image.height() // 28))
    strip = int(QFontMetrics(font).height() * 1.6)
    out = QImage(image.width(), image.height() + strip, QImage.Format.Format_RGB888)
    out.fill(QColor("white"))
    painter = QPainter(out)
    painter.drawImage(0, 0, image)
    painter.setFont(font)
    painter.setPen(QColor(30, 30, 30))
    painter.drawText(QRect(0, image.height(), image.width(), strip), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    rows = np.frombuffer(out.constBits(), np.uint8, out.sizeInBytes()).reshape(out.height(), out.bytesPerLine())
    return rows[:, : 3 * out.width()].reshape(out.height(), out.width(), 3).copy()


class AnimationJob(QObject):
    """Asks for each frame's iteration, draws it when its snapshot has come, writes it; ``done``
    carries "" or the sentence that says why there is no file."""

    progress = Signal(int)  # frames written
    done = Signal(str)

    def __init__(self, window, view: pictures.View, iterations: list[int], path: str, fps: float):
        super().__init__(window)
        self.window, self.view, self.iterations, self.path = window, view, iterations, path
        self.writer = AnimationWriter(path, fps)  # a wrong suffix or folder: raised before anything starts
        self.k = 0
        self._restore = window.session.viewing
        self._snapshot: Snapshot | None = None
        self._timeout = QTimer(self, singleShot=True, interval=FRAME_TIMEOUT_MS)
        self._timeout.timeout.connect(lambda: self._stop(translate("Animation", "iteration {i} did not come back "
                                                                   "from the training process").format(
            i=self.iterations[self.k])))

    def start(self) -> None:
        self.view.reveal()
        self.window.session.snapshot.connect(self._arrived)
        self._ask()

    def cancel(self) -> None:
        self._stop(None)

    def _ask(self) -> None:
        self._snapshot = None
        self._timeout.start()
        self.window.session.view_iteration(self.iterations[self.k])

    def _arrived(self, s: Snapshot) -> None:
        want = self.iterations[self.k]
        if self._snapshot is not None or not s.viewing or s.iteration != want:
            return
        if self.view.key in BOWL_VIEWS and (s.bowl is None or int(s.bowl.path_iter[-1]) != want):
            return
        self._snapshot = s
        QTimer.singleShot(SETTLE_MS, self, self._capture)

    def _capture(self) -> None:
        if self.writer is None:
            return  # cancelled meanwhile
        if any(v.easing for v in self.window.bowl.views):  # a new slice eases in: the frame after it
            QTimer.singleShot(SETTLE_MS, self, self._capture)
            return
        try:
            self.writer.add(captioned(pictures.image_of(self.view, 1), caption_text(self._snapshot)))
        except (DataError, ValueError) as e:
            self._stop(tr_message(e.message) if isinstance(e, DataError) else str(e))
            return
        self.k += 1
        self.progress.emit(self.k)
        if self.k < len(self.iterations):
            self._ask()
            return
        try:
            self.writer.close()
        except DataError as e:
            self._stop(tr_message(e.message))
            return
        self._stop("")

    def _stop(self, outcome: str | None) -> None:
        """Done (""), failed (the reason) or cancelled (None): the window back where it was."""
        self._timeout.stop()
        if self.writer is not None and outcome != "":
            self.writer.abort()
        self.writer = None
        with contextlib.suppress(RuntimeError, TypeError):  # not connected (it never started)
            self.window.session.snapshot.disconnect(self._arrived)
        self.window.session.view_iteration(self._restore)
        if outcome is not None:
            self.done.emit(outcome)


class SaveAnimationDialog(QDialog):
    """Which view, which iterations, how many frames and how fast; then where."""

    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent or window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # made anew each time it is asked for
        self.window_ = window
        self.setWindowTitle(self.tr("Save animation"))
        self.views = [v for v in pictures.views(window) if v.key not in ("predict",)]
        self.choice = QComboBox()
        for view in self.views:
            self.choice.addItem(view.title, view.key)
        self.choice.setCurrentIndex(max(self.choice.findData(window.settings.value("animation_view", "map")), 0))
        s = window.session.current
        last = last_iteration(s) if s is not None else 0
        self.first, self.last = QSpinBox(), QSpinBox()
        for box, value in ((self.first, 0), (self.last, last)):
            box.setRange(0, max(last, 0))
            box.setValue(value)
        self.frames = QSpinBox()
        self.frames.setRange(2, 1000)
        self.frames.setValue(min(max(last + 1, 2), 60))
        self.fps = QSpinBox()
        self.fps.setRange(1, 60)
        self.fps.setValue(10)
        self.fps.setSuffix(self.tr(" frames/s"))
        form = QFormLayout(self)
        form.addRow(self.tr("View"), self.choice)
        form.addRow(self.tr("From iteration"), self.first)
        form.addRow(self.tr("To iteration"), self.last)
        form.addRow(self.tr("Frames"), self.frames)
        form.addRow(self.tr("Speed"), self.fps)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.job: AnimationJob | None = None

    def save(self) -> None:
        view = self.views[self.choice.currentIndex()]
        settings = self.window_.settings
        folder = str(settings.value("picture_dir", ""))
        suggested = f"{folder + '/' if folder else ''}lrviz-{view.key}-{self.first.value()}-{self.last.value()}.gif"
        filters = (self.tr("Animated GIF (*.gif)"), self.tr("Animated WebP (*.webp)"),
                   self.tr("MP4 video, with ffmpeg (*.mp4)"))
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("Save animation"), suggested, ";;".join(filters))
        if not path:
            return
        if "." not in path.rsplit("/", 1)[-1]:
            path += "." + chosen.rsplit("*.", 1)[-1].rstrip(")")
        iterations = frame_iterations(min(self.first.value(), self.last.value()),
                                      max(self.first.value(), self.last.value()), self.frames.value())
        try:
            self.job = AnimationJob(self.window_, view, iterations, path, self.fps.value())
        except DataError as e:
            QMessageBox.warning(self, self.tr("Animation not saved"), tr_message(e.message))
            return
        settings.setValue("animation_view", view.key)
        progress = QProgressDialog(self.tr("Drawing {n} frames…").format(n=len(iterations)), self.tr("Cancel"),
                                   0, len(iterations), self.window_)
        progress.setWindowTitle(self.tr("Save animation"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)  # the window draws on; only Cancel is asked
        progress.setMinimumDuration(0)
        self.job.progress.connect(progress.setValue)
        progress.canceled.connect(self.job.cancel)
        self.job.done.connect(lambda outcome: self._done(outcome, path, progress))
        self.hide()
        self.job.start()

    def _done(self, outcome: str, path: str, progress: QProgressDialog) -> None:
        progress.reset()
        progress.deleteLater()
        if outcome:
            QMessageBox.warning(self.window_, self.tr("Animation not saved"), outcome)
        else:
            self.window_.statusBar().showMessage(self.tr("Saved {n} frames to {path}").format(
                n=len(self.job.iterations), path=path))
        self.done(QDialog.DialogCode.Accepted if not outcome else QDialog.DialogCode.Rejected)


def ask_and_save(window) -> None:
    SaveAnimationDialog(window).open()
