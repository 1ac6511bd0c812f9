"""J alone: the lecture's one-variable pictures. J along the w-direction with b held where it is, and
J along b with w held; each with the current point, the tangent there (its slope is the derivative
the trainer computed) and the step −α·slope as an arrow to the next point. As training runs the
point walks down the curve; at a large α it overshoots to the other side."""

from __future__ import annotations


import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from lrviz.core.bowl import Bowl
from lrviz.ui.messages import Snapshot
from lrviz.ui.panels import ArrowHead, Dot
from lrviz.ui.panels.race import race_colour, shown_items

CURVE, TANGENT, STEP = "#1f5fb4", "#e8710a", (220, 30, 30)


class OneSlice:
    """One plot: a curve J(x), the point, the tangent and the step."""

    def __init__(self, plot: pg.PlotItem):
        self.plot = plot
        plot.setMenuEnabled(False)
        plot.setLabel("left", "J")
        for side in ("left", "bottom"):
            plot.getAxis(side).enableAutoSIPrefix(False)

        def line(pen):  # PlotCurveItem: a fifth of a PlotDataItem's cost per update
            item = pg.PlotCurveItem(pen=pen)
            plot.addItem(item)
            return item

        self.curve = line(pg.mkPen(CURVE, width=1))
        self.tangent = line(pg.mkPen(TANGENT, width=1, style=Qt.PenStyle.DashLine))
        self.step = line(pg.mkPen(STEP, width=1))
        self.head = ArrowHead(plot, STEP)
        self.point = Dot(11, STEP, pg.mkPen("w"))
        self.next = Dot(7, (255, 255, 255), pg.mkPen(STEP, width=2))
        for dot in (self.point, self.next):
            plot.addItem(dot)
        self._frame: tuple[float, float] = (0.0, 0.0)
        self._y: tuple[float, float] = (0.0, 0.0)
        self._curve: tuple = (None, None)
        self._racers: list = []
        self.title = ""

    def draw(self, xs: np.ndarray, J: np.ndarray, x: float, y: float, slope: float, step: float) -> None:
        """The curve J over xs, through the point (x, y), its tangent, and the step to x + step."""
        if not (self._curve[0] is not None and np.array_equal(self._curve[0], xs) and np.array_equal(self._curve[1], J)):
            self._curve = (xs, J)  # the curve changes at a refit or when the other variable moved
            self.curve.setData(xs, J)
        self.point.move(x, y)
        half = (xs[-1] - xs[0]) / 5
        self.tangent.setData(np.array([x - half, x + half]), np.array([y - slope * half, y + slope * half]))
        x_next = x + step
        y_next = float(np.interp(x_next, xs, J))
        self.step.setData(np.array([x, x_next]), np.array([y, y_next]))
        self.next.move(x_next, y_next)
        # ranges only when the grid changes (a refit): re-ranging every frame regenerated both axes
        # each time, the largest part of a frame's cost
        frame = (float(xs[0]), float(xs[-1]))
        lo, hi = float(np.min(J)), float(np.max(J))
        if frame != self._frame or not (self._y[0] <= lo and hi <= self._y[1]):
            slack = 0.1 * max(hi - lo, 1e-9)  # the curve drifts a little every step: re-range rarely
            self._frame, self._y = frame, (lo - slack, hi + slack)
            self.plot.setXRange(*frame, padding=0.02)
            self.plot.setYRange(*self._y, padding=0)
        self.head.place(x, y, x_next, y_next)

    def racers(self, points: list[tuple[float, float, str]]) -> None:
        """Other runs' current points (x, J, colour): off this curve, which is through the followed run."""
        def make():
            dot = Dot(9, (255, 255, 255), pg.mkPen("k"))
            self.plot.addItem(dot)
            return (dot,)
        for (dot,), (x, y, colour) in zip(shown_items(self._racers, len(points), make), points, strict=True):
            dot.setBrush(pg.mkBrush(colour))
            dot.move(float(x), float(y))


class SlicesView(QWidget):
    """J along the w-direction (b fixed) beside J along b (w fixed)."""

    redraw_seconds = 1 / 10  # while training runs (ui/frames.py): two plots of arrows and tangents

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground("w")
        self.view.setMinimumHeight(130)  # a laptop's 768 px still shows each curve and its tangent
        self.along_s = OneSlice(self.view.addPlot(row=0, col=0))
        self.along_b = OneSlice(self.view.addPlot(row=0, col=1))
        self.numbers = (QLabel(), QLabel())
        row = QHBoxLayout()
        for label in self.numbers:
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label.setStyleSheet("color:#333")
            row.addWidget(label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self._names: tuple[str, str] | None = None  # given by the bowl panel; None: the defaults
        self._label_axes()

    def show_snapshot(self, s: Snapshot) -> None:
        """The 1-D pictures through the snapshot's point."""
        if s.bowl is None or s.bowl.line_s is None:
            return
        self.draw(s.bowl, float(s.bowl.path_b[-1]), float(s.bowl.path_s[-1]))

    def set_axis_names(self, s_name: str, b_name: str) -> None:
        self._names = (s_name, b_name)
        self._label_axes()

    @property
    def s_name(self) -> str:
        return self._names[0] if self._names is not None else self.tr("w-direction")

    def _label_axes(self) -> None:
        self.along_s.plot.setLabel("bottom", self.s_name)
        self.along_b.plot.setLabel("bottom", self._names[1] if self._names is not None else "b")

    def retranslate(self) -> None:
        """The default axis name in the new language; titles and numbers follow at the next draw."""
        self._label_axes()

    def draw(self, bowl: Bowl, b_now: float, s_now: float) -> None:
        for one, title in ((self.along_s, self.tr("J({name}), b fixed").format(name=self.s_name)),
                           (self.along_b, self.tr("J(b), w fixed"))):
            if one.title != title:  # a title is HTML laid out anew on every set
                one.title = title
                one.plot.setTitle(title)
        self.along_s.draw(bowl.s, bowl.line_s, s_now, bowl.J_now, bowl.slope_s, bowl.step_s)
        self.along_b.draw(bowl.b, bowl.line_b, b_now, bowl.J_now, bowl.slope_b, bowl.step_b)
        for one, coordinate in ((self.along_s, "s"), (self.along_b, "b")):  # a race's other runs, at their J
            one.racers([(getattr(p, coordinate)[-1], p.J[-1], race_colour(p.run))
                        for p in bowl.others])
        text = self.tr("tangent slope dJ/d{var} = {slope}\nstep −α·slope = {step}") if bowl.loss == bowl.trained \
            else self.tr("tangent slope of this J: dJ/d{var} = {slope}\nthe step training takes = {step}")
        self.numbers[0].setText(text.format(var="w" if bowl.exact else "s", slope=f"{bowl.slope_s:.4g}",
                                            step=f"{bowl.step_s:+.3g}"))
        self.numbers[1].setText(text.format(var="b", slope=f"{bowl.slope_b:.4g}", step=f"{bowl.step_b:+.3g}"))
