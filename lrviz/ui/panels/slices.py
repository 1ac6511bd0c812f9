"""J alone: the lecture's one-variable pictures. J along each axis of the bowl's plane through the
current point — along the path (s) and across the valley (t), or whatever the plane is — each with
the point, the tangent there (its slope is the derivative the trainer computed) and the step
−α·slope as an arrow to the next point. Under them, a gauge of α·λ_max: how the steps across the
steepest direction behave (creep, overshoot and settle, or bounce further each time)."""

from __future__ import annotations

import math
import re

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from lrviz.core.bowl import Bowl
from lrviz.training.messages import Snapshot
from lrviz.ui.panels import ArrowHead, Dot
from lrviz.ui.panels.bowl_words import alpha_lambda_text
from lrviz.ui.panels.race import path_colour, shown_items

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

    def draw(self, xs: np.ndarray, J: np.ndarray, x: float, y: float, slope: float, step: float,
             span: tuple[float, float] | None = None) -> None:
        """The curve J over xs, through the point (x, y), its tangent, and the step to x + step;
        ``span``: the J range to show (the two plots share one, so that steep and flat compare)."""
        same = self._curve[0] is not None and np.array_equal(self._curve[0], xs) and np.array_equal(self._curve[1], J)
        if not same:
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
        lo, hi = span if span is not None else (float(np.min(J)), float(np.max(J)))
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


REGIMES = ((0.0, 1.0, "#3a9a4a"), (1.0, 2.0, "#e0a020"), (2.0, math.inf, "#d03b2f"))  # creep, settle, grow


def fitted(words: str, fm, width: int) -> str:
    """A zone's words in ``width`` pixels: whole, else their range alone ("> 2: bounce would grow" →
    "> 2", never "> 2: bou…"), elided only if even that does not fit."""
    if fm.horizontalAdvance(words) <= width:
        return words
    short = re.split("[:：]", words, maxsplit=1)[0].strip()
    return fm.elidedText(short, Qt.TextElideMode.ElideRight, max(width, 0))


class CurvatureGauge(QWidget):
    """α·λ_max on a scale with its two thresholds, 1 and 2: green below 1 (the steps creep towards
    the valley's floor), amber between (they overshoot and come back less far each time), red above
    2 (on a parabola of this sharpness each bounce would be wider than the last). Painted: one line
    high, whatever the language."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.value: float | None = None
        self.approximate = False
        self.setMinimumHeight(self.fontMetrics().height() + 8)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def set_value(self, value: float | None, approximate: bool = False) -> None:
        if (value, approximate) != (self.value, self.approximate):
            self.value, self.approximate = value, approximate
            self.update()

    def text(self) -> str:
        """The value as written before the scale."""
        return ("≈ " if self.approximate else "") + f"α·λ_max = {alpha_lambda_text(self.value)}"

    def labels(self) -> tuple[str, str, str]:
        return (self.tr("< 1: creeps"), self.tr("1–2: bounce settles"), self.tr("> 2: bounce would grow"))

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """One line: the value, then the scale's three zones (words inside; they meet at 1 and at 2),
        and a pointer at the value."""
        if self.value is None or not math.isfinite(self.value):
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = self.fontMetrics()
        h = self.height()
        text = self.text()
        left = fm.horizontalAdvance(text) + 10
        p.setPen(QColor("#222"))
        p.drawText(QRectF(0, 0, left, h), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        bar = QRectF(left, 3, self.width() - left - 6, h - 6)
        top_value = max(3.0, 1.15 * self.value)
        x = lambda v: bar.left() + bar.width() * min(v, top_value) / top_value  # noqa: E731
        v = x(self.value)
        for (lo, hi, colour), words in zip(REGIMES, self.labels(), strict=True):
            zone = QRectF(x(lo), bar.top(), x(min(hi, top_value)) - x(lo), bar.height())
            p.fillRect(zone, QColor(colour))
            p.setPen(QColor("white"))
            if zone.left() <= v <= zone.right():  # the words beside the pointer, never under it
                room = QRectF(zone.left(), zone.top(), v - 8 - zone.left(), zone.height()) \
                    if v - zone.left() > zone.right() - v else QRectF(v + 8, zone.top(), zone.right() - v - 8,
                                                                       zone.height())
                zone = room
            p.drawText(zone, Qt.AlignmentFlag.AlignCenter, fitted(words, fm, int(zone.width()) - 4))
        # a pointer: a white-edged black triangle pointing down at the value
        p.setBrush(QColor("#111"))
        p.setPen(QPen(QColor("white"), 1.5))
        p.drawPolygon(QPolygonF([QPointF(v - 7, 0.5), QPointF(v + 7, 0.5), QPointF(v, h - 2)]))
        p.end()


class SlicesView(QWidget):
    """J along the plane's first axis (the second held) beside J along its second (the first held),
    and the gauge of α·λ_max under them."""

    redraw_seconds = 1 / 10  # while training runs (ui/frames.py): two plots of arrows and tangents

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground("w")
        # a laptop's 768 px still shows each curve and its tangent; no more, or under the words below the
        # plots (the lesson, the legend: four lines or more each there) the numbers were laid over the
        # plots' axis names (a layout given less than its minimum overlaps its widgets)
        self.view.setMinimumHeight(112)
        self.along_s = OneSlice(self.view.addPlot(row=0, col=0))
        self.along_t = OneSlice(self.view.addPlot(row=0, col=1))
        self.numbers = (QLabel(), QLabel())
        row = QHBoxLayout()
        for label in self.numbers:  # one line each: never squeezing the plots above on a laptop
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label.setStyleSheet("color:#333")
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            row.addWidget(label, 1)
        self.gauge = CurvatureGauge()
        self.gauge.setToolTip(self.tr("α·λ_max: the learning rate times how sharply J curves across its steepest "
                                      "direction. Below 1 the steps creep towards the valley's floor; between 1 and "
                                      "2 they overshoot it and come back less far each time; above 2 each bounce is "
                                      "wider than the last."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        layout.addWidget(self.gauge)
        self.titles = (self.tr("J along s"), self.tr("J along t"))
        self.letters = ("s", "t")
        self._drawn: Bowl | None = None  # the bowl whose slopes the labels say
        self._label_axes()

    def show_snapshot(self, s: Snapshot) -> None:
        """The 1-D pictures through the snapshot's point."""
        if s.bowl is None or s.bowl.line_s is None:
            return
        self.draw(s.bowl)

    def set_axis_names(self, titles: tuple[str, str], letters: tuple[str, str]) -> None:
        """Each plot's title (J along which axis, the other held) and the axes' letters (the slopes
        drawn already are said again with them: the slices are drawn before the bowl panel names a
        new kind of plane, and when training is paused no later frame would)."""
        self.titles, self.letters = titles, letters
        self._label_axes()
        if self._drawn is not None:
            self._say_slopes(self._drawn)

    def _label_axes(self) -> None:
        """Each plot's axis says what it is ("J along the path (s), t held"): under the axis, where a
        title above the plot took a line of the laptop's few."""
        for one, title in ((self.along_s, self.titles[0]), (self.along_t, self.titles[1])):
            if one.title != title:  # a label is HTML laid out anew on every set
                one.title = title
                one.plot.setLabel("bottom", title)

    def retranslate(self) -> None:
        """The gauge's words; titles and numbers follow at the next draw (the bowl panel names them)."""
        self.gauge.update()

    def draw(self, bowl: Bowl) -> None:
        s_now, t_now = float(bowl.path_s[-1]), float(bowl.path_t[-1])
        # one J range for both: a valley steep across and flat along looks so side by side
        span = (float(min(bowl.line_s.min(), bowl.line_t.min())), float(max(bowl.line_s.max(), bowl.line_t.max())))
        self.along_s.draw(bowl.s, bowl.line_s, s_now, bowl.J_now, bowl.slope_s, bowl.step_s, span)
        self.along_t.draw(bowl.t, bowl.line_t, t_now, bowl.J_now, bowl.slope_t, bowl.step_t, span)
        for one, coordinate in ((self.along_s, "s"), (self.along_t, "t")):  # a race's other runs, at their J
            one.racers([(getattr(p, coordinate)[-1], p.J[-1], path_colour(p))
                        for p in bowl.others])
        self._say_slopes(bowl)
        c = bowl.curvature
        self.gauge.set_value(None if c is None else c.alpha_lambda, c is not None and not c.converged)

    def _say_slopes(self, bowl: Bowl) -> None:
        self._drawn = bowl
        text = self.tr("dJ/d{var} = {slope} → step {step}") if bowl.loss == bowl.trained \
            else self.tr("this J's dJ/d{var} = {slope} · step {step}")
        for label, var, slope, step in ((self.numbers[0], self.letters[0], bowl.slope_s, bowl.step_s),
                                        (self.numbers[1], self.letters[1], bowl.slope_t, bowl.step_t)):
            label.setText(text.format(var=var, slope=f"{slope:.3g}", step=f"{step:+.2g}"))
            label.setToolTip(self.tr("The tangent's slope at the point (the derivative the trainer computed) and "
                                     "the step it makes, −α times it (for the squared error's J: the step "
                                     "training takes, on its own loss)"))
