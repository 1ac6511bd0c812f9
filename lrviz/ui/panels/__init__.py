"""The window's panels. Each listens to the session's signals and only draws."""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QImage, QPen, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QHBoxLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from lrviz.core import losses
from lrviz.ui.i18n import translate


def on_screen(widget: QWidget) -> bool:
    """Whether ``widget`` is really on screen. A dock tabbed behind another stays "visible" to Qt
    (``isVisible()`` is True) but is moved off-screen: drawing it then is wasted UI time."""
    return widget.isVisible() and not widget.visibleRegion().isEmpty()


def loss_words(loss: str, attribute: str) -> str:
    """A registered loss's words (its ``label``, ``noun``, …) in the window's language."""
    return translate(losses.CONTEXT, getattr(losses.get(loss), attribute))


def add_loss_items(combo: QComboBox, attribute: str) -> None:
    """One item per registered loss (:mod:`lrviz.core.losses`), in the registry's order: its words
    ``attribute`` as the text, its name as the data. The window's menus of losses are made so."""
    for loss in losses.registered():
        combo.addItem(translate(losses.CONTEXT, getattr(loss, attribute)), loss.name)


READ_SECONDS = 0.25  # numbers in words change at most 4 times a second while training runs: readable


class Throttle(QObject):
    """Calls ``show`` at most once per ``seconds`` while training runs (the last request of a burst
    is always shown, a little later), and at once otherwise. Laying out rich text costs ~5-15 ms."""

    def __init__(self, parent: QObject, show, seconds: float = READ_SECONDS):
        super().__init__(parent)
        self._show, self.seconds, self._at = show, seconds, 0.0
        self._later = QTimer(self, singleShot=True)
        self._later.timeout.connect(self.now)

    def request(self, running: bool) -> None:
        wait = self._at + self.seconds - time.perf_counter()
        if running and wait > 0:
            if not self._later.isActive():
                self._later.start(int(wait * 1000) + 1)
            return
        self.now()

    def now(self) -> None:
        self._later.stop()
        self._at = time.perf_counter()
        self._show()


def to_pixmap(rgb: np.ndarray, side: int | None = None) -> QPixmap:
    """uint8 (H, W, 1 or 3) -> QPixmap (copied: the array may go away), fitted in ``side`` pixels."""
    rgb = np.ascontiguousarray(rgb if rgb.shape[2] == 3 else np.repeat(rgb, 3, axis=2))
    h, w, _ = rgb.shape
    pm = QPixmap.fromImage(QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy())
    return pm.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation) \
        if side else pm


def scrolling(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless area that scrolls it vertically when squeezed, as it is otherwise."""
    holder = QScrollArea()
    holder.setWidgetResizable(True)
    holder.setFrameShape(QFrame.Shape.NoFrame)
    holder.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    holder.setWidget(widget)
    return holder


def white_plot():
    """A white plot view with one plot: no context menu, no SI prefixes on the axes (a cost axis
    read "×0.001" otherwise). Returns (view, plot)."""
    import pyqtgraph as pg  # noqa: PLC0415 (after the Qt binding is chosen)
    view = pg.GraphicsLayoutWidget()
    view.setBackground("w")
    plot = view.addPlot()
    plot.setMenuEnabled(False)
    for side in ("left", "bottom"):
        plot.getAxis(side).enableAutoSIPrefix(False)
    return view, plot


def view_over_controls(panel: QWidget, view: QWidget, *controls: QWidget, stretch: QWidget | None = None) -> None:
    """Lay out ``panel``: a plot ``view`` taking the space, and a row of ``controls`` under it
    (``stretch``, if given, is the control that takes the row's spare width)."""
    row = QHBoxLayout()
    for control in controls:
        row.addWidget(control, 1 if control is stretch else 0)
    layout = QVBoxLayout(panel)
    layout.setContentsMargins(2, 2, 2, 2)
    layout.addWidget(view, 1)
    layout.addLayout(row)


class Dot(QGraphicsEllipseItem):
    """A dot of a fixed size in pixels at a point of the plot. Moving it is a setPos: a one-point
    PlotDataItem cost ~0.7 ms a move (its scatter rebuilds the symbol), and a frame has four."""

    def __init__(self, size: float, fill, outline: QPen):
        super().__init__(-size / 2, -size / 2, size, size)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setBrush(QBrush(QColor(*fill) if isinstance(fill, tuple) else QColor(fill)))
        self.setPen(outline)
        self.setZValue(10)

    def move(self, x: float, y: float) -> None:
        if (self.pos().x(), self.pos().y()) != (x, y):
            self.setPos(x, y)

    def getData(self):  # noqa: N802 (as a plot item's, for tests)
        return np.array([self.pos().x()]), np.array([self.pos().y()])


class ArrowHead:
    """The head of a step's arrow on a plot: at the step's end, pointing along it in screen terms
    (the axes' scales differ), hidden when the step is shorter than ``min_px`` on screen. Restyled
    only when its angle changes (restyling rebuilds the arrow's path)."""

    def __init__(self, plot, colour, length: float = 12, min_px: float = 4.0):
        import pyqtgraph as pg  # noqa: PLC0415 (after the Qt binding is chosen)
        self.vb, self.min_px = plot.vb, min_px
        self.item = pg.ArrowItem(headLen=length, tipAngle=35, brush=colour, pen=None)
        plot.addItem(self.item)
        self._angle: int | None = None

    def place(self, x: float, y: float, x_next: float, y_next: float) -> None:
        import pyqtgraph as pg  # noqa: PLC0415
        a, b = self.vb.mapViewToScene(pg.Point(x, y)), self.vb.mapViewToScene(pg.Point(x_next, y_next))
        dx, dy = b.x() - a.x(), b.y() - a.y()
        visible = dx * dx + dy * dy >= self.min_px ** 2
        if self.item.isVisible() != visible:
            self.item.setVisible(visible)
        if visible:
            angle = round(180 + float(np.degrees(np.arctan2(dy, dx))))
            if angle != self._angle:
                self._angle = angle
                self.item.setStyle(angle=angle)
            self.item.setPos(x_next, y_next)
