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

CURVE, TANGENT, STEP = "#1f5fb4", "#e8710a", (220, 30, 30)


class OneSlice:
    """One plot: a curve J(x), the point, the tangent and the step."""

    def __init__(self, plot: pg.PlotItem):
        self.plot = plot
        plot.setMenuEnabled(False)
        plot.setLabel("left", "J")
        for side in ("left", "bottom"):
            plot.getAxis(side).enableAutoSIPrefix(False)
        self.curve = plot.plot([], [], pen=pg.mkPen(CURVE, width=2))
        self.tangent = plot.plot([], [], pen=pg.mkPen(TANGENT, width=2.5, style=pg.QtCore.Qt.PenStyle.DashLine))
        self.step = plot.plot([], [], pen=pg.mkPen(STEP, width=3))
        self.head = pg.ArrowItem(headLen=12, tipAngle=35, brush=STEP, pen=None)
        plot.addItem(self.head)
        self.point = plot.plot([], [], pen=None, symbol="o", symbolSize=11, symbolBrush=STEP, symbolPen="w")
        self.next = plot.plot([], [], pen=None, symbol="o", symbolSize=7, symbolBrush=(255, 255, 255),
                              symbolPen=pg.mkPen(STEP, width=2))

    def draw(self, xs: np.ndarray, J: np.ndarray, x: float, y: float, slope: float, step: float) -> None:
        """The curve J over xs, through the point (x, y), its tangent, and the step to x + step."""
        self.curve.setData(xs, J)
        self.point.setData([x], [y])
        half = (xs[-1] - xs[0]) / 5
        self.tangent.setData([x - half, x + half], [y - slope * half, y + slope * half])
        x_next = x + step
        y_next = float(np.interp(x_next, xs, J))
        self.step.setData([x, x_next], [y, y_next])
        self.next.setData([x_next], [y_next])
        self._head(x, y, x_next, y_next)
        self.plot.setXRange(float(xs[0]), float(xs[-1]), padding=0.02)
        lo, hi = float(np.min(J)), float(np.max(J))
        self.plot.setYRange(lo, hi, padding=0.08)

    def _head(self, x, y, x_next, y_next) -> None:
        vb = self.plot.vb
        a, b = vb.mapViewToScene(pg.Point(x, y)), vb.mapViewToScene(pg.Point(x_next, y_next))
        dx, dy = b.x() - a.x(), b.y() - a.y()
        visible = dx * dx + dy * dy >= 16.0
        self.head.setVisible(visible)
        if visible:
            self.head.setStyle(angle=180 + float(np.degrees(np.arctan2(dy, dx))))
            self.head.setPos(x_next, y_next)


class SlicesView(QWidget):
    """J along the w-direction (b fixed) beside J along b (w fixed)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground("w")
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
        self.s_name = "w-direction"
        self.set_axis_names("w-direction", "b")

    def set_axis_names(self, s_name: str, b_name: str) -> None:
        self.s_name = s_name
        self.along_s.plot.setLabel("bottom", s_name)
        self.along_b.plot.setLabel("bottom", b_name)

    def draw(self, bowl: Bowl, b_now: float, s_now: float) -> None:
        self.along_s.plot.setTitle(self.tr("J({0}), b fixed").format(self.s_name))
        self.along_b.plot.setTitle(self.tr("J(b), w fixed"))
        self.along_s.draw(bowl.s, bowl.line_s, s_now, bowl.J_now, bowl.slope_s, bowl.step_s)
        self.along_b.draw(bowl.b, bowl.line_b, b_now, bowl.J_now, bowl.slope_b, bowl.step_b)
        text = self.tr("tangent slope dJ/d{0} = {1:.4g}\nstep −α·slope = {2:+.3g}")
        self.numbers[0].setText(text.format("w" if bowl.exact else "s", bowl.slope_s, bowl.step_s))
        self.numbers[1].setText(text.format("b", bowl.slope_b, bowl.step_b))
