"""The cost bowl J(w, b): a live 3-D surface with the descent path, or a 2-D contour map without GL."""

from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRect, QTimer
from PySide6.QtGui import QVector3D
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QVBoxLayout, QWidget
from shiboken6 import Shiboken

from lrviz.core.bowl import Bowl
from lrviz.ui.messages import Snapshot
from lrviz.ui.panels import view_over_controls

MIN_REDRAW_SECONDS = 1 / 15  # new data; moving the camera redraws at once
SIDE, HEIGHT = 10.0, 6.0   # the drawing box: s and b over [-SIDE/2, SIDE/2], J over [0, HEIGHT]
CMAP = pg.colormap.get("viridis")
WHY_DROPS = ("Each dot is an iteration at its true cost J(wₜ, bₜ). The surface is J on one plane through "
             "the 12,288-dimensional weight space; where the path leaves that plane its true cost differs "
             "from the surface under it, and a thin line drops from the dot to the surface.")


def _new_surface(bowl: Bowl, drawn: np.ndarray | None) -> bool:
    """A refitted surface? (Compared by value: every update arrives as a new, unpickled Bowl.)"""
    return drawn is None or drawn.shape != bowl.J.shape or not np.array_equal(drawn, bowl.J)


class _Scale:
    """Maps (s, b, J) of one bowl into the drawing box."""

    def __init__(self, bowl: Bowl):
        self.s0, self.s1 = float(bowl.s[0]), float(bowl.s[-1])
        self.b0, self.b1 = float(bowl.b[0]), float(bowl.b[-1])
        self.j0, self.j1 = float(bowl.J.min()), float(bowl.J.max())
        self.j1 = max(self.j1, self.j0 + 1e-12)

    def s(self, v):
        return (np.asarray(v) - self.s0) / (self.s1 - self.s0) * SIDE - SIDE / 2

    def b(self, v):
        return (np.asarray(v) - self.b0) / (self.b1 - self.b0) * SIDE - SIDE / 2

    def j(self, v):
        return (np.asarray(v) - self.j0) / (self.j1 - self.j0) * HEIGHT


class BowlPanel(QWidget):
    """Title line, the view (3-D or 2-D) and its controls; ``show_snapshot`` draws the latest bowl."""

    def __init__(self, gl_problem: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLabel("J(w, b) — waiting for data")
        self.title.setWordWrap(True)
        self.follow = QCheckBox("Follow")
        self.follow.setToolTip("Keep the current point in the middle of the view")
        self.follow.setChecked(True)
        self.reset_view = QPushButton("Reset view")
        self.note = QLabel()
        self.note.setStyleSheet("color:#8a1c12")
        if gl_problem is None:
            self.scene3d = _bowl_3d_class()()
            self.view = QWidget.createWindowContainer(self.scene3d, self)
        else:
            self.scene3d = None
            self.view = Bowl2D(self)
        if gl_problem is not None:
            self.note.setText(f"3-D view unavailable: {gl_problem}. Showing the same slice as contours.")
            self.follow.hide()
        self.legend = QLabel("white: the path at each iteration's true cost · orange: drops to the surface "
                             "where the path leaves the plane · red: now, and the next step −α·(dw, db)")
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("color:#555")
        for widget in (self.view, self.legend, self.title):  # a native GL window shows no tooltips itself
            widget.setToolTip(WHY_DROPS)
        self.reset_view.clicked.connect((self.scene3d or self.view).reset_camera)
        body = QWidget()
        view_over_controls(body, self.view, self.follow, self.reset_view, self.note, stretch=self.note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.title)
        layout.addWidget(body, 1)
        layout.addWidget(self.legend)
        self.bowl: Bowl | None = None
        self._drawn_at = 0.0

    def release_gl(self) -> None:
        """On closing the window: free the scene's GL buffers while its context is current, then
        leave the GL window to its container alone. PySide keeps believing Python owns a window
        given to createWindowContainer, so both deleted it, and the process segfaulted at exit in
        QWindowContainer::toplevelAboutToBeDestroyed (seen with gdb)."""
        scene, self.scene3d = self.scene3d, None
        if scene is None:
            return
        if scene.context() is not None:
            scene.makeCurrent()
            scene.clear()
            scene.doneCurrent()
        Shiboken.invalidate(scene)  # the container deletes it, once

    @property
    def is_3d(self) -> bool:
        return not isinstance(self.view, Bowl2D)

    def show_snapshot(self, s: Snapshot) -> None:
        if s.bowl is None or (self.scene3d is None and not isinstance(self.view, Bowl2D)):
            return  # no data yet, or the GL scene was released on closing
        self.bowl = s.bowl
        now = time.perf_counter()
        if s.running and not s.viewing and now - self._drawn_at < MIN_REDRAW_SECONDS:
            return  # while training runs, redraw the scene at most ~15 times a second
        self._drawn_at = now
        if self.title.text() != s.bowl.title():
            self.title.setText(s.bowl.title())
        (self.scene3d or self.view).draw(s.bowl, self.follow.isChecked())
        if self.scene3d is not None:
            # not in the same event-loop pass as the main window's repaint: a 0 ms timer runs after
            # the pending paints, so the UI's other timers get a turn between the two (measured: one
            # pass of both held the UI thread 30-45 ms every frame). The panel is the timer's
            # context, so a window closed meanwhile cancels it.
            QTimer.singleShot(0, self, self._repaint_scene)

    def _repaint_scene(self) -> None:
        if self.scene3d is not None:  # released when the window closed
            self.scene3d.update()


def _bowl_3d_class():
    """The 3-D view's class; pyqtgraph.opengl is imported only once GL is known to work.

    A QOpenGLWindow (pyqtgraph's GLViewMixin), embedded with createWindowContainer, not a
    QOpenGLWidget: a QOpenGLWidget makes Qt composite the *whole* main window through OpenGL, and
    under software GL every repaint anywhere (curves, labels) then cost a full-window composite —
    measured: the heartbeat went from 17 ms to 80 ms late."""
    import pyqtgraph.opengl as gl
    from pyqtgraph.opengl.GLViewWidget import GLViewMixin
    from PySide6.QtOpenGL import QOpenGLWindow

    class _Bowl3D(GLViewMixin, QOpenGLWindow):
        def __init__(self):
            super().__init__()
            self.setBackgroundColor("w")
            self.surface = gl.GLSurfacePlotItem(computeNormals=False, smooth=False, glOptions="opaque")
            # lines and dots opaque: pyqtgraph's default additive blending washes them out to white
            self.path = gl.GLLinePlotItem(color=(1, 1, 1, 1), width=2, glOptions="opaque")
            self.dots = gl.GLScatterPlotItem(color=(1, 1, 1, 1), size=4, glOptions="opaque")
            self.drops = gl.GLLinePlotItem(color=(1.0, 0.6, 0.2, 1), width=1, mode="lines", glOptions="opaque")
            self.point = gl.GLScatterPlotItem(color=(0.95, 0.1, 0.1, 1), size=14, glOptions="opaque")
            self.arrow = gl.GLLinePlotItem(color=(0.95, 0.1, 0.1, 1), width=4, mode="lines", glOptions="opaque")
            self.labels = [gl.GLTextItem(color=(40, 40, 40, 255)) for _ in range(3)]
            for item in (self.surface, self.drops, self.path, self.dots, self.arrow, self.point, *self.labels):
                self.addItem(item)
            self._bowl_J = None
            self.reset_camera()

        def rect(self):  # GLTextItem asks its view for a QWidget's rect()
            return QRect(0, 0, self.width(), self.height())

        def reset_camera(self):
            self.setCameraPosition(pos=QVector3D(0, 0, HEIGHT / 3), distance=26, elevation=28, azimuth=-55)

        def draw(self, bowl: Bowl, follow: bool):
            sc = _Scale(bowl)
            lift = 0.02 * HEIGHT  # keep lines off the surface (z-fighting)
            if _new_surface(bowl, self._bowl_J):
                self._bowl_J = bowl.J
                zn = sc.j(bowl.J)
                colours = CMAP.map((zn / HEIGHT).ravel(), mode="float")
                self.surface.setData(x=sc.s(bowl.s), y=sc.b(bowl.b), z=zn, colors=colours)
                # each label beside the edge it names: s along the front, b along the left, J up the corner
                self.labels[0].setData(pos=(-SIDE / 4, -SIDE / 2 - 1.2, 0), text=f"w along d: {sc.s0:.3g} … {sc.s1:.3g}")
                self.labels[1].setData(pos=(-SIDE / 2 - 1.2, -SIDE / 4, 0), text=f"b: {sc.b0:.3g} … {sc.b1:.3g}")
                self.labels[2].setData(pos=(-SIDE / 2, -SIDE / 2, HEIGHT * 0.8), text=f"J: {sc.j0:.3g} … {sc.j1:.3g}")
            xs, ys = sc.s(bowl.path_s), sc.b(bowl.path_b)
            zs = np.minimum(sc.j(bowl.path_J), HEIGHT * 1.5) + lift
            pts = np.column_stack([xs, ys, zs])
            self.path.setData(pos=pts)
            self.dots.setData(pos=pts)
            under = np.minimum(sc.j(bowl.path_J_plane), HEIGHT * 1.5) + lift
            far = np.abs(zs - under) > 0.05
            drops = np.empty((2 * far.sum(), 3))
            drops[0::2], drops[1::2] = pts[far], np.column_stack([xs[far], ys[far], under[far]])
            self.drops.setData(pos=drops if len(drops) else np.zeros((2, 3)))
            self.point.setData(pos=pts[-1:])
            tip = np.array([[sc.s(bowl.path_s[-1] + bowl.step_s), sc.b(bowl.path_b[-1] + bowl.step_b),
                             min(float(sc.j(bowl.step_J)), HEIGHT * 1.5) + lift]])
            self.arrow.setData(pos=np.vstack([pts[-1:], tip]))
            if follow:
                self.opts["center"] = QVector3D(*pts[-1])  # the panel schedules the repaint

    return _Bowl3D


class Bowl2D(pg.GraphicsLayoutWidget):
    """The same slice as a coloured map with contours, the path, the point and the step."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setBackground("w")
        self.plot = self.addPlot()
        self.plot.setLabel("bottom", "w along d")
        self.plot.setLabel("left", "b")
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setColorMap(CMAP)
        self.plot.addItem(self.image)
        self.contours = [pg.IsocurveItem(pen=pg.mkPen((255, 255, 255, 150))) for _ in range(8)]
        for c in self.contours:
            c.setParentItem(self.image)
        self.path = self.plot.plot([], [], pen=pg.mkPen("k", width=1), symbol="o", symbolSize=3, symbolBrush="k")
        self.step = self.plot.plot([], [], pen=pg.mkPen("r", width=2))
        self.point = self.plot.plot([], [], pen=None, symbol="o", symbolSize=9, symbolBrush="r")
        self._bowl_J = None

    def reset_camera(self):
        self.plot.autoRange()

    def draw(self, bowl: Bowl, follow: bool):
        if _new_surface(bowl, self._bowl_J):
            self._bowl_J = bowl.J
            Jt = bowl.J.T  # rows: b, columns: s
            self.image.setImage(Jt, levels=(Jt.min(), Jt.max()))
            ds, db = bowl.s[1] - bowl.s[0], bowl.b[1] - bowl.b[0]
            self.image.setRect(bowl.s[0] - ds / 2, bowl.b[0] - db / 2, ds * len(bowl.s), db * len(bowl.b))
            for c, level in zip(self.contours, np.quantile(Jt, np.linspace(0.05, 0.8, 8)), strict=True):
                c.setData(Jt)
                c.setLevel(level)
            self.plot.autoRange()
        self.path.setData(bowl.path_s, bowl.path_b)
        s, b = bowl.path_s[-1], bowl.path_b[-1]
        self.point.setData([s], [b])
        self.step.setData([s, s + bowl.step_s], [b, b + bowl.step_b])
