"""Forward and backward, as the course draws the computation graph for one example:
x, w, b → z = wᵀx + b → a = σ(z) → L(a, y). Forward values ride the arrows left to right (blue);
the derivatives come back right to left (red): dL/da, dz = a − y, then dw = x·dz (its size and a
picture of it) and db = dz. Below, the same step for all m examples at once, with the shapes.
Every number is the engine's (lrviz.core.explain), at the live or scrubbed iteration."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from lrviz.core import losses
from lrviz.core.explain import StepDetail
from lrviz.core.preprocess import picture
from lrviz.training.messages import Snapshot
from lrviz.ui.i18n import class_name
from lrviz.ui.panels import Throttle

FORWARD, BACKWARD, BOX = QColor(25, 90, 170), QColor(200, 30, 30), QColor(245, 245, 245)
DIVERGING = pg.colormap.get("CET-D1")


def g(v: float) -> str:
    return f"{v:.4g}"


def diverging_image(v: np.ndarray, shape: tuple[int, int, int]) -> QImage:
    """A vector shaped as the image (channels summed), white at 0, red/blue for ±."""
    pic = picture(v, shape)
    a = float(np.max(np.abs(pic))) or 1.0
    rgb = DIVERGING.map((pic / a + 1) / 2, mode="byte")[..., :3]
    rgb = np.ascontiguousarray(rgb)
    h, w = pic.shape
    return QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


BOX_TEXTS = ("x: 12,288 × 1", "z = wᵀx + b", "w: ‖w‖ = 0.0000")  # the widest a box holds
MIN_POINTS = 6.0


def graph_font(base: QFont, width: float, backs: tuple[str, ...]) -> QFont:
    """The graph's font for a canvas ``width`` wide: a little larger than the window's, smaller where
    narrow (a laptop's central tab), so that each box (width / 5.2) holds its text and the
    derivatives ``backs`` fit between two nodes' centres (0.24 × width) without running together."""
    f = QFont(base)
    f.setPointSizeF(f.pointSizeF() * 1.05)

    def fits() -> bool:
        metrics = QFontMetrics(f)
        return (max(metrics.horizontalAdvance(t) for t in BOX_TEXTS) + 16 <= width / 5.2
                and max(metrics.horizontalAdvance(t) for t in backs) + 8 <= 0.24 * width)
    while not fits() and f.pointSizeF() > MIN_POINTS:  # (widths do not scale with the size exactly)
        f.setPointSizeF(max(f.pointSizeF() - 0.25, MIN_POINTS))
    return f


class GraphCanvas(QWidget):
    """The graph itself, painted: boxes, arrows, values."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMinimumSize(420, 230)
        self.detail: StepDetail | None = None
        self.shape: tuple[int, int, int] = (1, 1, 1)
        self.classes = ("non-cat", "cat")
        self._dw_image: QImage | None = None

    def set_detail(self, d: StepDetail | None) -> None:
        self.detail = d
        shown = d is not None and d.dw_example is not None
        self._dw_image = diverging_image(d.dw_example, self.shape) if shown else None
        self.update()

    def _box(self, p: QPainter, rect: QRectF, text: str) -> None:
        p.setPen(QPen(QColor(90, 90, 90), 1.2))
        p.setBrush(BOX)
        p.drawRoundedRect(rect, 6, 6)
        p.setPen(QColor(20, 20, 20))
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    def _arrow(self, p: QPainter, a: QPointF, b: QPointF, colour: QColor) -> None:
        p.setPen(QPen(colour, 2))
        p.drawLine(a, b)
        d = b - a
        length = max((d.x() ** 2 + d.y() ** 2) ** 0.5, 1e-9)
        ux, uy = d.x() / length, d.y() / length
        head = QPainterPath(b)
        head.lineTo(b - QPointF(10 * ux - 5 * uy, 10 * uy + 5 * ux))
        head.lineTo(b - QPointF(10 * ux + 5 * uy, 10 * uy - 5 * ux))
        head.closeSubpath()
        p.setBrush(colour)
        p.drawPath(head)

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt's name)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        d = self.detail
        if d is None:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Load data to see the graph"))
            return
        W, H = self.width(), self.height()
        dz = "dz = " + losses.get(d.loss_name).dz_text()  # formulas: never translated
        backs = (f"da = dL/da = {g(d.da)}", f"{dz} = {g(d.dz)}")
        p.setFont(graph_font(self.font(), W, backs))
        metrics = p.fontMetrics()
        bw = min(max(metrics.horizontalAdvance(t) for t in BOX_TEXTS) + 16, W / 5.2)
        bh = 38
        row = H * 0.30
        ins = [QRectF(8, row - 78, bw, 30), QRectF(8, row - 15, bw, 30), QRectF(8, row + 48, bw, 30)]
        labels = [f"x: {d.n:,} × 1", f"w: ‖w‖ = {g(d.w_norm)}", f"b = {g(d.b)}"]  # formulas: never translated
        for rect, text in zip(ins, labels, strict=True):
            self._box(p, rect, text)
        xs = [W * 0.36, W * 0.60, W * 0.84]
        nodes = [QRectF(x - bw / 2, row - bh / 2, bw, bh) for x in xs]
        for rect, text in zip(nodes, ("z = wᵀx + b", "a = σ(z)", "L(a, y)"), strict=True):
            self._box(p, rect, text)
        for rect, dy in zip(ins, (-14, -7, 0), strict=True):  # three heads side by side, not one blot (the
            self._arrow(p, QPointF(rect.right(), rect.center().y()),  # derivatives leave below, at +14)
                        QPointF(nodes[0].left(), row + dy), FORWARD)
        fwd = [(nodes[0], nodes[1], f"z = {g(d.z)}"), (nodes[1], nodes[2], f"a = ŷ = {g(d.y_hat)}")]
        for a, b, text in fwd:  # values above the boxes, centred over their arrow: never clipped by a gap
            self._arrow(p, QPointF(a.right(), row - 8), QPointF(b.left(), row - 8), FORWARD)
            p.setPen(FORWARD)
            p.drawText(QRectF(a.center().x(), row - bh / 2 - 24, b.center().x() - a.center().x(), 20),
                       Qt.AlignmentFlag.AlignCenter, text)
        p.setPen(FORWARD)
        p.drawText(QRectF(nodes[2].left() - 40, row - bh / 2 - 46, bw + 80, 20), Qt.AlignmentFlag.AlignCenter,
                   f"L = {g(d.loss)} (y = {d.y})")
        back = [(nodes[2], nodes[1], backs[0]), (nodes[1], nodes[0], backs[1])]
        for a, b, text in back:  # derivatives below the boxes
            self._arrow(p, QPointF(a.left(), row + 8), QPointF(b.right(), row + 8), BACKWARD)
            p.setPen(BACKWARD)
            p.drawText(QRectF(b.center().x(), row + bh / 2 + 4, a.center().x() - b.center().x(), 20),
                       Qt.AlignmentFlag.AlignCenter, text)
        # dz flows back to w and b
        z_left = QPointF(nodes[0].left(), row + 14)
        self._arrow(p, z_left, QPointF(ins[1].right() + 2, ins[1].center().y() + 10), BACKWARD)
        self._arrow(p, z_left, QPointF(ins[2].right() + 2, ins[2].center().y()), BACKWARD)
        p.setPen(BACKWARD)
        p.drawText(QRectF(ins[2].left(), ins[2].bottom() + 4, W * 0.5, 20), Qt.AlignmentFlag.AlignLeft,
                   f"db = dz = {g(d.dz)}")
        text_top = ins[2].bottom() + 26
        p.drawText(QRectF(ins[2].left(), text_top, W * 0.6, 20), Qt.AlignmentFlag.AlignLeft,
                   self.tr("dw = x·dz: ‖dw‖ = {norm}, as a picture →").format(norm=g(d.dw_example_norm)))
        if self._dw_image is not None:
            side = min(72, H - text_top - 6)
            if side > 16:
                p.drawImage(QRectF(ins[2].left() + W * 0.55, text_top - 4, side, side), self._dw_image)
        p.end()


class GraphView(QWidget):
    """The canvas and, under it, the vectorised step for all m examples."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.canvas = GraphCanvas()
        self.vector = QLabel()
        self.vector.setWordWrap(True)
        self.vector.setTextFormat(Qt.TextFormat.RichText)
        self.vector.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.vector)
        self._latest: StepDetail | None = None
        self._throttle = Throttle(self, lambda: self._latest is not None and self._show(self._latest))

    def set_dataset(self, shape: tuple[int, int, int], classes: tuple[str, str]) -> None:
        self.canvas.shape, self.canvas.classes = tuple(shape), classes

    def show_snapshot(self, s: Snapshot) -> None:
        self._latest = s.detail
        if s.detail is not None and self.isVisible():  # hidden: nothing to lay out until shown
            self._throttle.request(s.running and not s.viewing)

    def _show(self, d: StepDetail) -> None:
        self.canvas.set_detail(d)
        self.title.setText(self.tr("<b>One example, iteration {it}</b>: training image {i} ({label}). Forward in "
                                   "blue, left to right; backward (the derivatives) in red, right to left.").format(
            it=f"{d.iteration:,}", i=d.example, label=class_name(self.canvas.classes[d.y])))
        self.vector.setText(self.tr(
            "<b>All m = {m} examples at once</b> (no loop): X is n × m = {n} × {m}; Z = wᵀX + b and "
            "A = σ(Z) are 1 × m; dZ = {dZ} is 1 × m; dw = (1/m)·X·dZᵀ is n × 1 (‖dw‖ = {dw}); "
            "db = (1/m)·Σ dZ = {db}; then w := w − α·dw, b := b − α·db with α = {lr}.").format(
            m=d.m, n=f"{d.n:,}", dw=g(d.dw_norm), db=g(d.db), lr=f"{d.lr:g}",
            dZ=losses.get(d.loss_name).dz_text("A", "Y")))

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._latest is not None:
            self._show(self._latest)

    def retranslate(self) -> None:
        """After a language switch: the words around the numbers (the canvas's are made as it paints)."""
        self.canvas.update()
        if self._latest is not None and self.isVisible():  # hidden: showEvent makes them on showing
            self._show(self._latest)
