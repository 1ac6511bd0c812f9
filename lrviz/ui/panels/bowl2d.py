"""The bowl seen from above: J as colours with labelled contour lines, the descent path, the current
point and the next step as an arrow; hovering reads (s, t, J). Without OpenGL this is the bowl
view; with it, a tab beside the 3-D view."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QGraphicsItem, QLabel, QSizePolicy, QVBoxLayout, QWidget

from lrviz.core.bowl import Bowl, RacePath
from lrviz.ui.i18n import translate
from lrviz.ui.panels import ArrowHead, Dot, white_plot
from lrviz.ui.panels.bowl3d import RECENT_STEPS
from lrviz.ui.panels.bowl_view import AxisNames, BowlView

CMAP = pg.colormap.get("viridis")


def bilinear(bowl: Bowl, s: float, b: float) -> float:
    """J at (s, b) from the drawn grid (exact at its vertices)."""
    i = float(np.interp(s, bowl.s, np.arange(len(bowl.s))))
    j = float(np.interp(b, bowl.t, np.arange(len(bowl.t))))
    i0, j0 = min(int(i), len(bowl.s) - 2), min(int(j), len(bowl.t) - 2)
    fi, fj = i - i0, j - j0
    J = bowl.J
    return float((1 - fi) * (1 - fj) * J[i0, j0] + fi * (1 - fj) * J[i0 + 1, j0]
                 + (1 - fi) * fj * J[i0, j0 + 1] + fi * fj * J[i0 + 1, j0 + 1])


LABEL_MARGIN = (0.05, 0.08)  # of the map's width and height: a label's centre stays this far inside


def label_points(bowl: Bowl) -> list[tuple[float, float, float]]:
    """Where to write each level's value: its contour's point farthest towards the top right, among
    those far enough inside the map for the whole label to show (a label at the very edge was cut)."""
    out = []
    for level, seg in bowl.contour_lines():
        seg = seg.reshape(-1, 2)
        x, y = (seg[:, 0] - bowl.s[0]) / np.ptp(bowl.s), (seg[:, 1] - bowl.t[0]) / np.ptp(bowl.t)
        ok = (np.abs(x - 0.5) <= 0.5 - LABEL_MARGIN[0]) & (np.abs(y - 0.5) <= 0.5 - LABEL_MARGIN[1])
        if ok.any():
            k = int(np.argmax(np.where(ok, x + y, -np.inf)))
            out.append((float(seg[k, 0]), float(seg[k, 1]), float(level)))
    return out


class ContourMap(BowlView, QWidget):
    """Top view of the same slice as the 3-D bowl. A new surface fades out and in (8 frames each)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._init_view()
        self.view, self.plot = white_plot()
        self.image = pg.ImageItem(axisOrder="row-major")
        # kept as a pixmap at screen resolution: the path moving over it no longer re-scales the
        # 101 × 101 image on every frame (half of this view's paint time)
        self.image.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.image.setColorMap(CMAP)
        self.plot.addItem(self.image)
        self.lines = self.plot.plot([], [], pen=pg.mkPen((255, 255, 255, 170), width=1), connect="pairs")
        self.level_labels: list[pg.TextItem] = []
        # the points before the last RECENT_STEPS as small dots joined by a faint line: a long bounce shows as
        # two rows of dots along the valley's walls, not as a white plate of crossing lines
        self.old_path = self.plot.plot([], [], pen=pg.mkPen((255, 255, 255, 40), width=1), symbol="o", symbolSize=3,
                                       symbolBrush=(255, 255, 255, 210), symbolPen=None)
        self.path = self.plot.plot([], [], pen=pg.mkPen("w", width=2), symbol="o", symbolSize=4,
                                   symbolBrush="w", symbolPen=None)
        self.start = self.plot.plot([], [], pen=None, symbol="o", symbolSize=9, symbolBrush=(15, 15, 15),
                                    symbolPen=pg.mkPen("w"))  # where training began
        self.step = pg.PlotCurveItem(pen=pg.mkPen((230, 25, 25), width=3))
        self.plot.addItem(self.step)
        self.head = ArrowHead(self.plot, (230, 25, 25), length=14, min_px=2.0)  # under 2 px: no direction
        self.point = Dot(12, (230, 25, 25), pg.mkPen("w"))  # moved, not rebuilt, every frame
        self.plot.addItem(self.point)
        self.bottom = self.plot.plot([], [], pen=None, symbol="+", symbolSize=14,
                                     symbolPen=pg.mkPen((25, 190, 75), width=3))
        self.readout = QLabel(self._hint())
        self.readout.setStyleSheet("color:#555")
        self.readout.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.readout)
        self.letters = ("s", "t")  # the axes' letters, for the reading under the mouse
        self._hovered: tuple[float, float] | None = None  # (s, b) read out under the mouse
        self.view.scene().sigMouseMoved.connect(self._hover)

    def tab_title(self) -> str:
        return translate("BowlPanel", "Seen from above")

    def _hint(self) -> str:
        return self.tr("Hover over the map to read its two coordinates and J")

    def retranslate(self) -> None:
        """The reading under the mouse again, with the axis name in the new language."""
        if self._hovered is not None and self.bowl is not None:
            self._read(*self._hovered)
        else:
            self.readout.setText(self._hint())

    def set_names(self, names: AxisNames) -> None:
        self.plot.setLabel("bottom", names.s)
        self.plot.setLabel("left", names.t)
        self.letters = names.letters

    def reset_camera(self) -> None:
        self.plot.autoRange(padding=0)

    def _draw_marks(self, bowl: Bowl, follow: bool) -> None:
        recent = max(len(bowl.path_s) - RECENT_STEPS, 0)
        self.path.setData(bowl.path_s[recent:], bowl.path_t[recent:])
        self.old_path.setData(bowl.path_s[:recent], bowl.path_t[:recent])
        self.start.setData(bowl.path_s[:1], bowl.path_t[:1]) if len(bowl.path_s) > 1 else self.start.setData([], [])
        s, b = float(bowl.path_s[-1]), float(bowl.path_t[-1])
        self.point.move(s, b)
        self.step.setData(np.array([s, s + bowl.step_s]), np.array([b, b + bowl.step_t]))
        self.head.place(s, b, s + bowl.step_s, b + bowl.step_t)

    def _ease_frame(self, height: float) -> None:
        self.plot.setOpacity(max(height, 0.05))  # everything drawn fades out, and the new surface in

    def _make_racer(self) -> tuple:
        line, dot = pg.PlotCurveItem(), Dot(10, (255, 255, 255), pg.mkPen("k"))
        self.plot.addItem(line)
        self.plot.addItem(dot)
        return line, dot

    def _place_racer(self, items: tuple, path: RacePath, colour: str) -> None:
        line, dot = items
        line.setData(path.s, path.t, pen=pg.mkPen(colour, width=2))
        dot.setBrush(pg.mkBrush(colour))
        dot.move(float(path.s[-1]), float(path.t[-1]))

    def _colour_path(self, colour: str | None) -> None:
        colour = colour or "w"
        self.path.setPen(pg.mkPen(colour, width=2))
        self.path.setSymbolBrush(colour)

    def _draw_surface(self, bowl: Bowl) -> None:
        Jt = bowl.J.T  # rows: b, columns: s
        self.image.setImage(Jt, levels=(float(Jt.min()), float(Jt.max())))
        ds, db = bowl.s[1] - bowl.s[0], bowl.t[1] - bowl.t[0]
        self.image.setRect(bowl.s[0] - ds / 2, bowl.t[0] - db / 2, ds * len(bowl.s), db * len(bowl.t))
        seg = [lines.reshape(-1, 2) for _, lines in bowl.contour_lines()]
        pts = np.concatenate(seg) if seg else np.empty((0, 2))
        self.lines.setData(pts[:, 0], pts[:, 1])
        places = label_points(bowl)
        while len(self.level_labels) < len(places):  # label items are made once and reused
            text = pg.TextItem(color=(255, 255, 255), anchor=(0.5, 0.5))
            self.plot.addItem(text)
            self.level_labels.append(text)
        for text, place in zip(self.level_labels, places + [None] * (len(self.level_labels) - len(places)),
                               strict=True):
            text.setVisible(place is not None)
            if place is not None:
                text.setText(f"{place[2]:g}")
                text.setPos(place[0], place[1])
        if bowl.bottom_in_view:
            self.bottom.setData([bowl.bottom[0]], [bowl.bottom[1]])
        else:
            self.bottom.setData([], [])
        self.plot.setXRange(float(bowl.s[0]), float(bowl.s[-1]), padding=0)
        self.plot.setYRange(float(bowl.t[0]), float(bowl.t[-1]), padding=0)

    def _hover(self, pos) -> None:
        bowl = self.bowl
        if bowl is None or not self.plot.sceneBoundingRect().contains(pos):
            return
        p = self.plot.vb.mapSceneToView(pos)
        s, b = p.x(), p.y()
        if bowl.s[0] <= s <= bowl.s[-1] and bowl.t[0] <= b <= bowl.t[-1]:
            self._read(s, b)

    def _read(self, s: float, b: float) -> None:
        """(s, b, J) under the mouse: symbols and numbers, the axis name in the window's language."""
        self._hovered = (s, b)
        self.readout.setText(f"{self.letters[0]} = {s:.4g} · {self.letters[1]} = {b:.4g} · "
                             f"J ≈ {bilinear(self.bowl, s, b):.4f}")
