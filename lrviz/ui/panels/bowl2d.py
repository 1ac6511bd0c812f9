"""The bowl seen from above: J as colours with labelled contour lines, the descent path, the current
point and the next step as an arrow; hovering reads (w-direction, b, J). Without OpenGL this is the
bowl view; with it, a tab beside the 3-D view."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QGraphicsItem, QLabel, QSizePolicy, QVBoxLayout, QWidget

from lrviz.core.bowl import Bowl
from lrviz.ui.panels import ArrowHead, Dot, white_plot
from lrviz.ui.panels.race import followed_run, race_colour, shown_items

CMAP = pg.colormap.get("viridis")


def bilinear(bowl: Bowl, s: float, b: float) -> float:
    """J at (s, b) from the drawn grid (exact at its vertices)."""
    i = float(np.interp(s, bowl.s, np.arange(len(bowl.s))))
    j = float(np.interp(b, bowl.b, np.arange(len(bowl.b))))
    i0, j0 = min(int(i), len(bowl.s) - 2), min(int(j), len(bowl.b) - 2)
    fi, fj = i - i0, j - j0
    J = bowl.J
    return float((1 - fi) * (1 - fj) * J[i0, j0] + fi * (1 - fj) * J[i0 + 1, j0]
                 + (1 - fi) * fj * J[i0, j0 + 1] + fi * fj * J[i0 + 1, j0 + 1])


def label_points(bowl: Bowl) -> list[tuple[float, float, float]]:
    """Where to write each level's value: its contour's point farthest towards the top right."""
    out = []
    for level, seg in bowl.contour_lines():
        seg = seg.reshape(-1, 2)
        if len(seg):
            u = (seg[:, 0] - bowl.s[0]) / np.ptp(bowl.s) + (seg[:, 1] - bowl.b[0]) / np.ptp(bowl.b)
            k = int(np.argmax(u))
            out.append((float(seg[k, 0]), float(seg[k, 1]), float(level)))
    return out


class ContourMap(QWidget):
    """Top view of the same slice as the 3-D bowl."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.view, self.plot = white_plot()
        self.image = pg.ImageItem(axisOrder="row-major")
        # kept as a pixmap at screen resolution: the path moving over it no longer re-scales the
        # 101 × 101 image on every frame (half of this view's paint time)
        self.image.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.image.setColorMap(CMAP)
        self.plot.addItem(self.image)
        self.lines = self.plot.plot([], [], pen=pg.mkPen((255, 255, 255, 170), width=1), connect="pairs")
        self.level_labels: list[pg.TextItem] = []
        self.path = self.plot.plot([], [], pen=pg.mkPen("w", width=2), symbol="o", symbolSize=4,
                                   symbolBrush="w", symbolPen=None)
        self.step = pg.PlotCurveItem(pen=pg.mkPen((230, 25, 25), width=3))
        self.plot.addItem(self.step)
        self.head = ArrowHead(self.plot, (230, 25, 25), length=14, min_px=2.0)  # under 2 px: no direction
        self.point = Dot(12, (230, 25, 25), pg.mkPen("w"))  # moved, not rebuilt, every frame
        self.plot.addItem(self.point)
        self.bottom = self.plot.plot([], [], pen=None, symbol="+", symbolSize=14, symbolPen=pg.mkPen((25, 190, 75), width=3))
        self.readout = QLabel(self._hint())
        self.readout.setStyleSheet("color:#555")
        self.readout.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.readout)
        self.bowl: Bowl | None = None
        self._bowl_J = None
        self.racers: list = []  # (line, dot) of each other run of a race
        self._hovered: tuple[float, float] | None = None  # (s, b) read out under the mouse
        self._followed: int | None = None  # the race's run drawn as the main path (None: one run)
        self.view.scene().sigMouseMoved.connect(self._hover)

    def _hint(self) -> str:
        return self.tr("Hover over the map to read w, b and J")

    def retranslate(self) -> None:
        """The reading under the mouse again, with the axis name in the new language."""
        if self._hovered is not None and self.bowl is not None:
            self._read(*self._hovered)
        else:
            self.readout.setText(self._hint())

    def set_axis_names(self, s_name: str, b_name: str) -> None:
        self.plot.setLabel("bottom", s_name)
        self.plot.setLabel("left", b_name)

    def reset_camera(self) -> None:
        self.plot.autoRange(padding=0)

    def draw(self, bowl: Bowl, follow: bool = False) -> None:
        self.bowl = bowl
        if self._bowl_J is None or self._bowl_J.shape != bowl.J.shape or not np.array_equal(self._bowl_J, bowl.J):
            self._bowl_J = bowl.J
            self._draw_surface(bowl)
        self.path.setData(bowl.path_s, bowl.path_b)
        self._draw_racers(bowl)
        s, b = float(bowl.path_s[-1]), float(bowl.path_b[-1])
        self.point.move(s, b)
        self.step.setData(np.array([s, s + bowl.step_s]), np.array([b, b + bowl.step_b]))
        self.head.place(s, b, s + bowl.step_s, b + bowl.step_b)

    def _draw_racers(self, bowl: Bowl) -> None:
        """Each other run of a race: its path and its point, in its colour (as on the curves)."""
        def make():
            line, dot = pg.PlotCurveItem(), Dot(10, (255, 255, 255), pg.mkPen("k"))
            self.plot.addItem(line)
            self.plot.addItem(dot)
            return line, dot
        for (line, dot), path in zip(shown_items(self.racers, len(bowl.others), make), bowl.others, strict=True):
            line.setData(path.s, path.b, pen=pg.mkPen(race_colour(path.run), width=2))
            dot.setBrush(pg.mkBrush(race_colour(path.run)))
            dot.move(float(path.s[-1]), float(path.b[-1]))
        followed = followed_run(bowl.others)
        if followed != self._followed:  # the followed run's path takes its colour too (as on the curves)
            self._followed = followed
            colour = "w" if followed is None else race_colour(followed)
            self.path.setPen(pg.mkPen(colour, width=2))
            self.path.setSymbolBrush(colour)

    def _draw_surface(self, bowl: Bowl) -> None:
        Jt = bowl.J.T  # rows: b, columns: s
        self.image.setImage(Jt, levels=(float(Jt.min()), float(Jt.max())))
        ds, db = bowl.s[1] - bowl.s[0], bowl.b[1] - bowl.b[0]
        self.image.setRect(bowl.s[0] - ds / 2, bowl.b[0] - db / 2, ds * len(bowl.s), db * len(bowl.b))
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
        if bowl.bottom is not None:
            self.bottom.setData([bowl.bottom[0]], [bowl.bottom[1]])
        else:
            self.bottom.setData([], [])
        self.plot.setXRange(float(bowl.s[0]), float(bowl.s[-1]), padding=0)
        self.plot.setYRange(float(bowl.b[0]), float(bowl.b[-1]), padding=0)

    def _hover(self, pos) -> None:
        bowl = self.bowl
        if bowl is None or not self.plot.sceneBoundingRect().contains(pos):
            return
        p = self.plot.vb.mapSceneToView(pos)
        s, b = p.x(), p.y()
        if bowl.s[0] <= s <= bowl.s[-1] and bowl.b[0] <= b <= bowl.b[-1]:
            self._read(s, b)

    def _read(self, s: float, b: float) -> None:
        """(s, b, J) under the mouse: symbols and numbers, the axis name in the window's language."""
        self._hovered = (s, b)
        self.readout.setText(f"{self.plot.getAxis('bottom').labelText or 'w'} = {s:.4g} · b = {b:.4g} · "
                             f"J ≈ {bilinear(self.bowl, s, b):.4f}")
