"""Loss vs cost: the two branches of the loss over ŷ, every training example as a dot on its branch,
and the cost J as a horizontal line at their average. "The loss is one example; the cost is the
average" becomes something one sees. Hover a dot for its picture and numbers; click it to make it
the Math panel's example. The loss is the one training descends (the snapshot's): with the squared
error, its curves, its dots and its J, the Training panel's J."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from lrviz.core import losses
from lrviz.core.lossview import LossPoints, loss_curves, loss_points
from lrviz.training.messages import Snapshot
from lrviz.ui.i18n import class_name
from lrviz.ui.panels import to_pixmap, white_plot

CAT, NOT_CAT, WRONG, COST = (214, 39, 40), (31, 119, 180), (20, 20, 20), (44, 160, 44)
CHANGED = (217, 95, 2)  # an example the learner changed (relabelled or added): ringed in the Data panel's colour
TOP = 6.0   # losses above this are drawn at the top edge (a triangle marks them); the squared error stays under ½


class LossCostView(QWidget):
    redraw_seconds = 0.25  # while training runs (ui/frames.py): 209 dots need not move 20 times a second
    example_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.view, self.plot = white_plot()
        self._label_axes()
        self.plot.setXRange(0, 1, padding=0.01)
        self.legend = self.plot.addLegend(offset=(-10, 10))
        self.branches = (self.plot.plot(pen=pg.mkPen(CAT, width=2)), self.plot.plot(pen=pg.mkPen(NOT_CAT, width=2)))
        self.loss = ""
        self.top = TOP
        self._set_loss(losses.DEFAULT)
        self.plot.addItem(pg.InfiniteLine(0.5, angle=90, pen=pg.mkPen((150, 150, 150), style=Qt.PenStyle.DashLine)))
        self.cost = pg.InfiniteLine(0, angle=0, pen=pg.mkPen(COST, width=2))
        self.cost.setZValue(20)  # the average over the dots, not under them
        self.plot.addItem(self.cost)
        # its words in the legend, top right where no dot is: on the line they hid the dots around
        # ŷ = 0.3-0.7, where the misclassified ones gather
        self._cost_sample = pg.PlotDataItem(pen=pg.mkPen(COST, width=2))  # (the legend's sample only)
        self.cost_words = ""
        self._legend_cost()
        self.dots = pg.ScatterPlotItem(size=8, hoverable=True, tip=None)
        self.plot.addItem(self.dots)
        self.rings = pg.ScatterPlotItem(size=17, pen=pg.mkPen(CHANGED, width=2.5), brush=None, symbol="o")
        self.rings.setZValue(10)  # over the dots, under the cost line's words
        self.plot.addItem(self.rings)
        self.changed: np.ndarray | None = None  # per example: 0 as loaded, 1 relabelled, 2 an added photo
        self.ringed = np.zeros(0, np.int64)     # the examples ringed now (their rows in the training set)
        self.dots.sigClicked.connect(self._clicked)
        self.dots.sigHovered.connect(self._hovered)
        self.points: LossPoints | None = None
        self.picture = QLabel()
        self.picture.setFixedSize(64, 64)
        self.readout = QLabel(self._readout_hint())
        self.readout.setWordWrap(True)
        self.readout.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        row = QHBoxLayout()
        row.addWidget(self.picture)
        row.addWidget(self.readout, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self.images: np.ndarray | None = None
        self.labels: np.ndarray | None = None
        self.classes = ("non-cat", "cat")
        self._drawn: tuple | None = None
        self._hovered_at: int | None = None  # the example whose numbers the readout shows
        self._latest: Snapshot | None = None
        # made once: one brush per class, one ring pen for mistakes (per-dot objects cost ~20 ms a frame)
        self._brushes = [pg.mkBrush(*NOT_CAT, 200), pg.mkBrush(*CAT, 200)]
        self._pens = [pg.mkPen(None), pg.mkPen(WRONG, width=2)]

    def _set_loss(self, loss: str) -> None:
        """The two branches of ``loss`` (the loss training descends) and the legend naming them."""
        if loss == self.loss:
            return
        self.loss = loss
        y_hat, if_cat, if_not = loss_curves(loss)
        self.top = min(TOP, max(if_cat.max(), if_not.max()))
        self.plot.setYRange(0, self.top, padding=0.02)
        self.legend.clear()
        for curve, branch, y, formula in zip(self.branches, (if_cat, if_not), (1, 0), losses.get(loss).branches,
                                             strict=True):
            curve.setData(y_hat, np.minimum(branch, self.top))
            self.legend.addItem(curve, f"y = {y}: L = {formula}")
        if getattr(self, "rings", None) is not None:  # (made after the first loss's curves)
            self._legend_cost()
            self._legend_rings()

    def _legend_cost(self) -> None:
        """The J line's entry: what it is, and how many dots are misclassified."""
        self.legend.removeItem(self._cost_sample)
        self.legend.addItem(self._cost_sample, self.cost_words or " ")
        self.legend.getLabel(self._cost_sample).setText(self.cost_words or " ", color=COST)

    def _legend_rings(self) -> None:
        """The orange rings in the legend while some examples are changed."""
        self.legend.removeItem(self.rings)
        if self.changed is not None:
            self.legend.addItem(self.rings, self.tr("changed by you (Data panel)"))

    def _label_axes(self) -> None:
        positive = class_name(getattr(self, "classes", ("", "cat"))[1])  # the data's (a folder's may be a dog)
        self.plot.setLabel("bottom", self.tr("ŷ = σ(wᵀx + b), the model's P({positive})").format(positive=positive))
        self.plot.setLabel("left", self.tr("loss L(ŷ, y)"))

    def _readout_hint(self) -> str:
        p = self.points
        if p is not None and p.sampled:  # CIFAR-10's 50,000: J and the mistakes count all, the dots are a sample
            return self.tr("Each dot is one training example at its ŷ and its loss: {shown} of the {n} examples, "
                           "picked at random (J averages all {n}). Hover a dot; click it to follow it in the Math "
                           "panel.").format(shown=f"{len(p.index):,}", n=f"{p.total:,}")
        return self.tr("Each dot is one training example at its ŷ and its loss. Hover a dot; "
                       "click it to follow it in the Math panel.")

    def retranslate(self) -> None:
        """After a language switch: the axes, the cost line's words and the hovered example's."""
        self._label_axes()
        self._legend_rings()
        self._drawn = None  # the cost line's label is made again at the next frame (or on showing)
        if self._latest is not None:
            self.show_snapshot(self._latest)
        if self._hovered_at is not None and self.points is not None and self._hovered_at < len(self.points.loss):
            self._describe(self._hovered_at)

    def set_dataset(self, images: np.ndarray, labels: np.ndarray, classes: tuple[str, str],
                    changed: np.ndarray | None = None) -> None:
        """The training set the dots are; ``changed`` marks the examples the learner changed (Data panel):
        they are ringed in orange."""
        self.images, self.labels, self.classes = images, labels, classes
        self._label_axes()
        self.changed = changed if changed is not None and changed.any() else None
        self.points = None
        self._hovered_at = None
        self._drawn = None
        self.dots.clear()
        self.rings.clear()
        self.ringed = np.zeros(0, np.int64)
        self._legend_rings()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._latest is not None:  # hidden while the run went on: catch up now
            self.show_snapshot(self._latest)

    def show_snapshot(self, s: Snapshot) -> None:
        self._latest = s
        if s.logits is None or self.images is None or len(s.logits) != len(self.images):
            return
        key = (s.run, s.iteration, s.viewing)
        if key == self._drawn or not self.isVisible():
            return
        self._drawn = key
        self._set_loss(s.loss)
        self.points = p = loss_points(s.logits, self.labels, s.loss)
        shown = np.minimum(p.loss, self.top)
        self.dots.setData(x=p.y_hat, y=shown, data=np.arange(len(shown)),  # a dot's data: its place in p
                          brush=[self._brushes[v] for v in p.y], pen=[self._pens[v] for v in p.wrong.astype(int)],
                          symbol=np.where(p.loss > self.top, "t1", "o"))
        if self.changed is not None:
            mine = self.changed[p.index] > 0
            self.ringed = p.index[mine]
            self.rings.setData(x=p.y_hat[mine], y=shown[mine])
        # J is the engine's (the Training panel's number), not the mean of the float32 logits' losses
        self.cost.setValue(min(s.cost, self.top) if math.isfinite(s.cost) else self.top)
        words = self.tr("J = average of all {n} losses = {cost} · {wrong} misclassified (dark edge)").format(
            n=f"{p.total:,}", cost=f"{s.cost:.4f}", wrong=f"{p.mistakes:,}")
        if words != self.cost_words:
            self.cost_words = words
            self.legend.getLabel(self._cost_sample).setText(words, color=COST)
        if self._hovered_at is None:
            self.readout.setText(self._readout_hint())

    def _hovered(self, _item, points, _event) -> None:
        if not len(points) or self.points is None:
            return
        i = self._hovered_at = int(points[0].data())
        example = int(self.points.index[i])
        self.picture.setPixmap(to_pixmap(self.images[example], 64) if self.images is not None else QPixmap())
        self._describe(i)

    def _describe(self, i: int) -> None:
        p = self.points
        verdict = self.tr("misclassified") if p.wrong[i] else self.tr("right")
        change = int(self.changed[p.index[i]]) if self.changed is not None else 0
        if change:
            verdict += " — " + (self.tr("you flipped its label") if change == 1 else self.tr("a photo you added"))
        self.readout.setText(self.tr("Example {i} ({label}, y = {y}): ŷ = {y_hat}, L = {loss} — {verdict}. "
                                     "Click to see its numbers in the Math panel.").format(
            i=int(p.index[i]), label=class_name(self.classes[int(p.y[i])]), y=int(p.y[i]), y_hat=f"{p.y_hat[i]:.4f}",
            loss=f"{p.loss[i]:.4f}", verdict=verdict))

    def _clicked(self, _item, points, _event) -> None:
        if len(points) and self.points is not None:
            self.example_chosen.emit(int(self.points.index[int(points[0].data())]))
