"""The 3-D bowl's GL view: a QOpenGLWindow (pyqtgraph's GLViewMixin) drawing J as a shaded surface
in a box with ticks, contour lines of J on the floor, the descent path at each iteration's true
cost, the current point as a ball and the next step as an arrow. Imported only once GL is known to
work (lrviz.ui.gl), so that a machine without it never loads pyqtgraph.opengl.

A QOpenGLWindow embedded with createWindowContainer, not a QOpenGLWidget: a QOpenGLWidget makes Qt
composite the *whole* main window through OpenGL, and under software GL every repaint anywhere then
cost a full-window composite (heartbeat 80 ms). Labels are painted after the GL scene, over
everything (as pyqtgraph's GLTextItem), so they sit outside the box (see
:func:`lrviz.ui.panels.bowl3d.axis_ticks`)."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
import pyqtgraph.opengl as gl
from pyqtgraph.opengl.GLGraphicsItem import GLGraphicsItem
from pyqtgraph.opengl.GLViewWidget import GLViewMixin
from PySide6.QtCore import QRect, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QMatrix4x4, QPainter, QVector3D
from PySide6.QtOpenGL import QOpenGLWindow
from PySide6.QtWidgets import QWidget
from shiboken6 import Shiboken

from lrviz.core.bowl import Bowl, RacePath
from lrviz.ui.i18n import translate
from lrviz.ui.panels.bowl3d import (
    AZIMUTH,
    ELEVATION,
    EXTENT,
    FLOOR,
    HEIGHT,
    LIFT,
    MORPH_FRAMES,
    RECENT_STEPS,
    SHORT_ARROW,
    SIDE,
    Scale,
    axis_ticks,
    floor_contours,
    inside_segments,
    mesh_segments,
    shaded_colours,
)
from lrviz.ui.panels.bowl_view import AxisNames, BowlView


class GLLabels(GLGraphicsItem):
    """Many texts at 3-D positions, painted with one QPainter after the scene."""

    def __init__(self, size: float = 10, bold: bool = False):
        super().__init__()
        self.setGLOptions("translucent")
        self.font = QFont()
        self.font.setPointSizeF(size)
        self.font.setBold(bold)
        self.items: list = []
        self.colour = QColor(50, 50, 50)
        self._key: tuple = ()
        self._image = QImage()

    def set_labels(self, items) -> None:
        self.items = list(items)
        self.update()

    def placed(self) -> tuple[list, QRectF]:
        """Each label's text and alignment at its place on the view (pixels), and the view's rect."""
        rect = QRectF(self.view().rect())
        to_view = QMatrix4x4()
        to_view.viewport(rect.left(), rect.bottom(), rect.width(), -rect.height())
        project = to_view * self.mvpMatrix()
        return [(project.map(QVector3D(*pos)).toPointF(), text, align) for pos, text, align in self.items], rect

    def paint(self):
        if not self.items:
            return
        self.setupGLState()
        placed, rect = self.placed()
        key = (tuple((round(p.x()), round(p.y()), t, a) for p, t, a in placed), int(rect.width()),
               int(rect.height()))
        if key != self._key:  # the camera or the labels moved: lay the texts out again
            self._key, self._image = key, self._render(placed, int(rect.width()), int(rect.height()))
        # one image of all labels, laid out by the raster engine: drawing each text through
        # the GL paint engine cost 0.1 ms a label but spiked to 60-75 ms a frame (its glyph cache)
        painter = QPainter(self.view())
        painter.drawImage(0, 0, self._image)
        painter.end()

    def _render(self, placed, width: int, height: int) -> QImage:
        image = QImage(max(width, 1), max(height, 1), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        self.draw_texts(painter, placed)
        painter.end()
        return image

    def draw_texts(self, painter: QPainter, placed) -> None:
        """The labels with ``painter`` (scaled by its caller for a larger picture)."""
        painter.setPen(self.colour)
        painter.setFont(self.font)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        metrics = QFontMetrics(self.font)
        for p, text, align in placed:
            r = metrics.boundingRect(text)
            x = p.x() - (r.width() if align & Qt.AlignmentFlag.AlignRight else
                         r.width() / 2 if align & Qt.AlignmentFlag.AlignHCenter else 0)
            y = p.y() + (metrics.ascent() if align & Qt.AlignmentFlag.AlignTop else
                         metrics.ascent() / 2 - 1 if align & Qt.AlignmentFlag.AlignVCenter else
                         -metrics.descent())
            painter.drawText(round(x), round(y), text)


class Bowl3D(BowlView, GLViewMixin, QOpenGLWindow):
    """The bowl in 3-D. A new surface sinks to the floor and the new one rises from it (MORPH_FRAMES
    frames each); the path, the ball and the arrow are hidden meanwhile."""

    ease_frames = MORPH_FRAMES

    def __init__(self):
        super().__init__()
        self._init_view()
        self.setBackgroundColor("w")
        opaque = {"glOptions": "opaque"}
        self.surface = gl.GLSurfacePlotItem(computeNormals=False, smooth=False, **opaque)
        self.mesh = gl.GLLinePlotItem(color=(0.15, 0.15, 0.15, 0.35), width=1, mode="lines",
                                      glOptions="translucent", antialias=True)
        self.contours = gl.GLLinePlotItem(width=2, mode="lines", **opaque)
        self.axes = gl.GLLinePlotItem(color=(0.3, 0.3, 0.3, 1), width=1, mode="lines", **opaque)
        # lines and dots opaque: pyqtgraph's default additive blending washes them out to white
        self.path = gl.GLLinePlotItem(color=(1, 1, 1, 1), width=3, **opaque)
        # the points before the last RECENT_STEPS as small dots on the surface, no line: a bounce of hundreds
        # of steps shows as two rows of dots along the valley's walls, not as a white sheet of chords
        self.old_path = gl.GLScatterPlotItem(color=(1, 1, 1, 0.8), size=3, glOptions="opaque")
        self.start = gl.GLScatterPlotItem(color=(0.05, 0.05, 0.05, 1), size=10, **opaque)  # where it began
        self.dots = gl.GLScatterPlotItem(color=(1, 1, 1, 1), size=6, **opaque)
        # a grey rim, drawn before the dots (at their depth they cover all but its ring): a dot above
        # the surface's outline is still seen on the white background
        self.rims = gl.GLScatterPlotItem(color=(0.45, 0.45, 0.45, 1), size=8, **opaque)
        # grey: the 1-D plots' dashed tangents are orange
        self.drops = gl.GLLinePlotItem(color=(0.25, 0.25, 0.25, 0.5), width=1, mode="lines",
                                       glOptions="translucent")
        red = (0.9, 0.1, 0.1, 1)
        # a disc that always faces the camera reads as a ball; a lit sphere rendered almost black here
        self.ball = gl.GLScatterPlotItem(color=red, size=17, **opaque)
        self.shaft = gl.GLLinePlotItem(color=red, width=4, **opaque)
        self.head = gl.GLMeshItem(meshdata=gl.MeshData.cylinder(rows=1, cols=16, radius=[0.22, 0.0], length=0.6),
                                  color=red, shader="shaded", smooth=False, **opaque)
        self.bottom = gl.GLScatterPlotItem(color=(0.1, 0.75, 0.3, 1), size=12, **opaque)
        self.labels = GLLabels()
        for item in (self.axes, self.contours, self.surface, self.mesh, self.drops, self.old_path, self.start,
                     self.path,
                     self.rims, self.dots,
                     self.shaft, self.head, self.ball, self.bottom, self.labels):
            self.addItem(item)
        self.names = ("s", "t", "J")  # until the panel names them
        self._has_bottom = False
        self._sc: Scale | None = None  # the box of the marks drawn last
        self.arrow_length = 0.0   # of the last arrow drawn, in box units
        self.moved_by_user = False
        self._container: QWidget | None = None
        self.reset_camera()

    def tab_title(self) -> str:
        return translate("BowlPanel", "3-D bowl")

    def widget(self, parent: QWidget) -> QWidget:
        if self._container is None:
            self._container = QWidget.createWindowContainer(self, parent)
        return self._container

    def note(self, learning_rate: float) -> str:
        if self.arrow_length >= SHORT_ARROW:
            return ""
        # no step sizes in this sentence: they change every frame (the 1-D pictures show them), and
        # a label re-wrapping on every frame re-laid out the panel each time
        return translate("BowlPanel", "Next step too small to see at α = {lr} (to scale)").format(
            lr=f"{learning_rate:g}")

    def release(self) -> None:
        """Free the scene's GL buffers while its context is current, then leave this window to its
        container alone. PySide keeps believing Python owns a window given to createWindowContainer,
        so both deleted it, and the process segfaulted at exit in
        QWindowContainer::toplevelAboutToBeDestroyed (seen with gdb)."""
        if self.context() is not None:
            self.makeCurrent()
            self.clear()
            self.doneCurrent()
        Shiboken.invalidate(self)  # the container deletes it, once

    def picture(self, scale: int = 2) -> QImage:
        """The view as it stands, ``scale`` times its size on screen: the scene rendered again into a
        larger framebuffer (labels and all), not the screen's pixels magnified. Points and lines keep
        their size on screen times ``scale``."""
        w, h = self.width() * scale, self.height() * scale
        sized = [(item, item.size) for item in self.items if isinstance(item, gl.GLScatterPlotItem)]
        widths = [(item, item.width) for item in self.items if isinstance(item, gl.GLLinePlotItem)]
        shown = self.labels.visible()
        try:
            for item, size in sized:
                item.setData(size=size * scale)
            for item, width in widths:
                item.setData(width=width * scale)
            self.labels.setVisible(False)  # painted below, over the scene, at the picture's scale
            pixels = self.renderToArray((w, h))
        finally:
            for item, size in sized:
                item.setData(size=size)
            for item, width in widths:
                item.setData(width=width)
            self.labels.setVisible(shown)
            region = self.getViewport()  # the whole view's projection again (the render left a tile's)
            self.setProjection(region, region)
            self.setModelview()
            self.doneCurrent()
        image = QImage(pixels.tobytes(), w, h, 4 * w, QImage.Format.Format_ARGB32).copy()
        if shown:
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.scale(scale, scale)
            self.labels.draw_texts(painter, self.labels.placed()[0])
            painter.end()
        return image

    def rect(self):  # GLTextItem-style items ask their view for a QWidget's rect()
        return QRect(0, 0, self.width(), self.height())

    def fitting_distance(self) -> float:
        """The camera distance at which the box and its labels fill the view: pyqtgraph's fov is
        the horizontal angle, so the vertical one follows from the view's aspect ratio."""
        across = 2 * math.tan(math.radians(self.opts["fov"]) / 2)
        aspect = max(self.width(), 1) / max(self.height(), 1)
        return max(EXTENT[0] / across, EXTENT[1] * aspect / across)

    def reset_camera(self):
        self.moved_by_user = False
        self.setCameraPosition(pos=QVector3D(0, 0, (FLOOR + HEIGHT) * 0.25), distance=self.fitting_distance(),
                               elevation=ELEVATION, azimuth=AZIMUTH)

    def resizeGL(self, w, h):  # noqa: N802 — Qt's name
        super().resizeGL(w, h)
        if not self.moved_by_user:
            self.opts["distance"] = self.fitting_distance()

    def mouseMoveEvent(self, ev):  # noqa: N802
        self.moved_by_user = True
        super().mouseMoveEvent(ev)

    def wheelEvent(self, ev):  # noqa: N802
        self.moved_by_user = True
        super().wheelEvent(ev)

    def set_names(self, names: AxisNames) -> None:
        # the letters only: the title says what they are, and a long name at the box's right edge
        # was cut, or covered the bowl
        self.names = (*names.letters, names.j)
        self._bowl_J = None  # relabel at the next draw

    def retranslate(self) -> None:
        """The axis names are rendered into the labels' image: lay them out again at the next draw."""
        self._bowl_J = None

    def _ease_started(self) -> None:
        self._show_marks(False)

    def _ease_done(self) -> None:
        self._show_marks(True)

    def _ease_frame(self, height: float) -> None:
        for item in (self.surface, self.mesh):
            item.resetTransform()
            if height < 1.0:
                item.scale(1.0, 1.0, max(height, 0.02))
        self.update()

    def _show_marks(self, on: bool) -> None:
        """The path, the ball, the arrow and the green dot hidden while the surface changes (the next
        draw sets the arrow's and the racers' visibility again)."""
        for item in (self.path, self.old_path, self.start, self.dots, self.rims, self.drops, self.ball, self.shaft,
                     self.head, *[i for pair in self.racers for i in pair]):
            item.setVisible(on)
        self.bottom.setVisible(on and self._has_bottom)

    def _draw_marks(self, bowl: Bowl, follow: bool) -> None:
        self._sc = sc = Scale(bowl)
        pts = sc.point(bowl.path_s, bowl.path_t, bowl.path_J)
        pts[:, 2] += LIFT
        under = sc.j(bowl.path_J_plane) + LIFT
        # the line is the path's trace on the slice, the dots its true costs: a path that leaves the
        # slice and back at each step (a cost that bounces) joined dot to dot stood as a white wall
        trace = np.column_stack([pts[:, :2], under])
        recent = max(len(pts) - RECENT_STEPS, 0)
        self.path.setData(pos=trace[recent:])
        self.old_path.setData(pos=trace[:recent] if recent else np.zeros((0, 3)))
        self.start.setData(pos=trace[:1] if len(trace) > 1 else np.zeros((0, 3)))
        self.dots.setData(pos=pts[recent:])
        self.rims.setData(pos=pts[recent:])
        far = np.abs(pts[:, 2] - under) > 0.05
        drops = np.empty((2 * far.sum(), 3))
        drops[0::2], drops[1::2] = pts[far], np.column_stack([pts[far, 0], pts[far, 1], under[far]])
        self.drops.setData(pos=drops if len(drops) else np.zeros((2, 3)))
        here = pts[-1]
        self.ball.setData(pos=pts[-1:])
        tip = sc.point(bowl.path_s[-1:] + bowl.step_s, bowl.path_t[-1:] + bowl.step_t, [bowl.step_J])[0]
        tip[2] += here[2] - sc.j(bowl.path_J_plane[-1])  # the step along the slice, from the ball
        self._draw_arrow(here, tip)
        if follow:
            self.opts["center"] = QVector3D(*here)
        # not in the same event-loop pass as the main window's repaint: a 0 ms timer runs after the
        # pending paints, so the UI's other timers get a turn between the two (measured: one pass of
        # both held the UI thread 30-45 ms every frame)
        QTimer.singleShot(0, self, self.update)

    def _make_racer(self) -> tuple:
        line = gl.GLLinePlotItem(width=3, glOptions="opaque")
        ball = gl.GLScatterPlotItem(size=13, glOptions="opaque")
        self.addItem(line)
        self.addItem(ball)
        return line, ball

    def _place_racer(self, items: tuple, path: RacePath, colour: str) -> None:
        line, ball = items
        rgba = pg.mkColor(colour).getRgbF()
        pts = self._sc.point(path.s, path.t, path.J)
        pts[:, 2] += LIFT
        steps = inside_segments(pts)  # the part over the surface: past its edge a path would hang in the air
        line.setData(pos=steps if len(steps) else np.zeros((2, 3)), color=rgba if len(steps) else (0, 0, 0, 0),
                     mode="lines")
        ball.setData(pos=pts[-1:], color=rgba)
        ball.setVisible(bool(np.all(np.abs(pts[-1, :2]) <= SIDE / 2)))  # its point, when it is over the surface

    def _colour_path(self, colour: str | None) -> None:
        rgba = (1, 1, 1, 1) if colour is None else pg.mkColor(colour).getRgbF()
        self.path.setData(color=rgba)
        self.dots.setData(color=rgba)
        self.old_path.setData(color=(*rgba[:3], 0.8))

    def _draw_surface(self, bowl: Bowl) -> None:
        sc = Scale(bowl)
        x, y, z = sc.s(bowl.s), sc.b(bowl.t), sc.j(bowl.J)
        # every other vertex (51 × 51): a quarter of the upload that held the UI thread up to 48 ms
        # at each refit; the shading and the mesh lines keep the shape
        xs, ys, zs = x[::2], y[::2], z[::2, ::2]
        self.surface.setData(x=xs, y=ys, z=zs, colors=shaded_colours(xs, ys, zs))
        self.mesh.setData(pos=mesh_segments(x, y, z))
        # the floor in the next event-loop pass: one pass doing both held the UI thread ~25 ms
        QTimer.singleShot(0, self, lambda: self._draw_floor(bowl, sc))

    def _draw_floor(self, bowl: Bowl, sc: Scale) -> None:
        if bowl.J is not self._bowl_J:
            return  # a newer surface came meanwhile: its own floor is on its way
        pos, colours = floor_contours(bowl, sc)
        self.contours.setData(pos=pos, color=colours)
        lines, labels = axis_ticks(bowl, sc, self.names)
        self.axes.setData(pos=lines)
        self.labels.set_labels(labels)
        if bowl.bottom_in_view:  # beyond the view it is said, not drawn outside the box
            self.bottom.setData(pos=sc.point(*([v] for v in bowl.bottom)) + [0, 0, LIFT])
        self._has_bottom = bowl.bottom_in_view
        self.bottom.setVisible(self._has_bottom and not self.easing)
        self.update()

    def _draw_arrow(self, start: np.ndarray, tip: np.ndarray) -> None:
        v = tip - start
        length = float(np.linalg.norm(v))
        self.arrow_length = length
        visible = length >= SHORT_ARROW
        self.shaft.setVisible(visible)
        self.head.setVisible(visible)
        if not visible:
            return
        u = v / length
        head = min(0.6, 0.5 * length)
        self.shaft.setData(pos=np.vstack([start, tip - u * head * 0.8]))
        self.head.resetTransform()
        self.head.scale(head / 0.6, head / 0.6, head / 0.6)
        axis = np.cross([0.0, 0.0, 1.0], u)
        angle = math.degrees(math.acos(float(np.clip(u[2], -1, 1))))
        if np.linalg.norm(axis) > 1e-9:
            self.head.rotate(angle, *axis)
        elif u[2] < 0:
            self.head.rotate(180, 1, 0, 0)
        self.head.translate(*(tip - u * head))

