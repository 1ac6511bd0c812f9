"""The 3-D bowl: J as a shaded surface in a box with ticks, contour lines of J on the floor, the
descent path at each iteration's true cost, the current point as a ball and the next step as an
arrow. pyqtgraph.opengl is imported only by :func:`bowl_3d_class`, once GL is known to work.

Labels are painted after the GL scene, over everything (as pyqtgraph's GLTextItem), so they sit
outside the box: along the floor's front and side edges and beside a vertical J axis at a corner,
never over the surface at the starting camera."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRect, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QMatrix4x4, QPainter, QVector3D

from lrviz.core.bowl import Bowl
from lrviz.core.levels import nice_ticks
from lrviz.ui.panels.race import followed_run, race_colour, shown_items

SIDE, HEIGHT = 10.0, 6.0    # the box: s and b over [-SIDE/2, SIDE/2], J over [0, HEIGHT]
FLOOR = -0.45 * HEIGHT      # the floor (contours, ticks) sits well below the surface, so it shows
LIFT = 0.03 * HEIGHT        # the path floats this far above the surface (no z-fighting)
CLIP = 1.4 * HEIGHT         # costs above the box are drawn at its lid
CMAP = pg.colormap.get("viridis")
LIGHT = np.array([-0.45, -0.55, 0.70]) / np.linalg.norm([-0.45, -0.55, 0.70])
MESH_LINES = 11             # grid lines drawn on the surface in each direction
SHORT_ARROW = 0.25          # box units: an arrow shorter than this is too short to see
AZIMUTH, ELEVATION = -60.0, 28.0
MORPH_FRAMES = 10           # a new surface: 10 frames (~0.16 s) sinking, 10 rising
RECENT_STEPS = 16           # the path's last steps, drawn bold with a dot each; the ones before, as small dots
EXTENT = (25.0, 19.0)       # how much of the scene (across, up) the starting camera must show


class Scale:
    """(s, t, J) of one bowl → the box's coordinates."""

    def __init__(self, bowl: Bowl):
        self.s0, self.s1 = float(bowl.s[0]), float(bowl.s[-1])
        self.b0, self.b1 = float(bowl.t[0]), float(bowl.t[-1])
        self.j0, self.j1 = float(bowl.J.min()), float(bowl.J.max())
        self.j1 = max(self.j1, self.j0 + 1e-12)

    def s(self, v):
        return (np.asarray(v, dtype=float) - self.s0) / (self.s1 - self.s0) * SIDE - SIDE / 2

    def b(self, v):
        return (np.asarray(v, dtype=float) - self.b0) / (self.b1 - self.b0) * SIDE - SIDE / 2

    def j(self, v):
        return np.minimum((np.asarray(v, dtype=float) - self.j0) / (self.j1 - self.j0) * HEIGHT, CLIP)

    def point(self, s, b, J) -> np.ndarray:
        return np.column_stack([self.s(s), self.b(b), self.j(J)])


def shaded_colours(x: np.ndarray, y: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Viridis by height, darkened where the surface turns away from the light: the curvature shows
    without GL lighting (whose normals pyqtgraph computes in a slow Python loop)."""
    dzdx, dzdy = np.gradient(z, x, y)
    normals = np.stack([-dzdx, -dzdy, np.ones_like(z)], axis=-1)
    normals /= np.linalg.norm(normals, axis=-1, keepdims=True)
    light = 0.55 + 0.45 * np.clip(normals @ LIGHT, 0, 1)
    colours = CMAP.map((z / HEIGHT).ravel(), mode="float")
    colours[:, :3] *= light.ravel()[:, None]
    return colours


def mesh_segments(x: np.ndarray, y: np.ndarray, z: np.ndarray, lines: int = MESH_LINES) -> np.ndarray:
    """A few grid lines along the surface, as pairs of points (for mode='lines')."""
    out = []
    for i in np.linspace(0, len(x) - 1, lines).round().astype(int):
        pts = np.column_stack([np.full(len(y), x[i]), y, z[i] + 0.01])
        out.append(np.stack([pts[:-1], pts[1:]], axis=1))
    for j in np.linspace(0, len(y) - 1, lines).round().astype(int):
        pts = np.column_stack([x, np.full(len(x), y[j]), z[:, j] + 0.01])
        out.append(np.stack([pts[:-1], pts[1:]], axis=1))
    return np.concatenate(out).reshape(-1, 3)


def floor_contours(bowl: Bowl, sc: Scale) -> tuple[np.ndarray, np.ndarray]:
    """Contour lines of J on the floor: points (pairs) and their colours (the level's colour)."""
    pts, cols = [np.zeros((2, 3))], [np.zeros((2, 4))]
    for level, seg in bowl.contour_lines():
        seg = seg.reshape(-1, 2)
        if len(seg):
            pts.append(np.column_stack([sc.s(seg[:, 0]), sc.b(seg[:, 1]), np.full(len(seg), FLOOR)]))
            colour = CMAP.map([float(sc.j(level)) / HEIGHT], mode="float")[0]
            cols.append(np.tile(colour, (len(seg), 1)))
    return np.concatenate(pts), np.concatenate(cols)


def axis_ticks(bowl: Bowl, sc: Scale, names: tuple[str, str, str]):
    """Tick marks (pairs of points) and labels [(pos, text, alignment)] along three box edges:
    s along the front edge (y = −SIDE/2), b along the right edge (x = +SIDE/2), both on the floor,
    and J up the front-left corner. The camera starts looking from the front right, so these are
    the edges nearest to it and their labels fall outside the surface's outline."""
    h, lo = SIDE / 2, FLOOR
    lines = [(-h, -h, lo), (h, -h, lo), (h, -h, lo), (h, h, lo), (-h, -h, lo), (-h, -h, HEIGHT)]
    labels = []
    centre_top = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
    left_mid = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    right_mid = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    for v in nice_ticks(sc.s0, sc.s1, 4):
        x = float(sc.s(v))
        lines += [(x, -h, lo), (x, -h - 0.3, lo)]
        labels.append(((x, -h - 0.6, lo), f"{v:g}", centre_top))
    for v in nice_ticks(sc.b0, sc.b1, 4):
        y = float(sc.b(v))
        lines += [(h, y, lo), (h + 0.3, y, lo)]
        labels.append(((h + 0.55, y, lo), f"{v:g}", left_mid))
    for v in nice_ticks(sc.j0, sc.j1, 4):
        z = float(sc.j(v))
        lines += [(-h, -h, z), (-h - 0.25, -h - 0.25, z)]
        labels.append(((-h - 0.45, -h - 0.45, z), f"{v:g}", right_mid))
    bold_end = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
    labels += [((h + 0.5, -h - 0.9, lo), names[0] + " →", bold_end),       # at the ends of the axes
               ((h + 0.6, h + 0.8, lo), names[1] + " →", left_mid),
               ((-h, -h, HEIGHT + 0.6), names[2] + " ↑", Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)]
    return np.array(lines, dtype=float), labels


def bowl_3d_class():
    """The 3-D view's class (pyqtgraph.opengl imported here, once GL is known to work).

    A QOpenGLWindow (pyqtgraph's GLViewMixin), embedded with createWindowContainer, not a
    QOpenGLWidget: a QOpenGLWidget makes Qt composite the *whole* main window through OpenGL, and
    under software GL every repaint anywhere then cost a full-window composite (heartbeat 80 ms)."""
    import pyqtgraph.opengl as gl
    from pyqtgraph.opengl.GLGraphicsItem import GLGraphicsItem
    from pyqtgraph.opengl.GLViewWidget import GLViewMixin
    from PySide6.QtOpenGL import QOpenGLWindow

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

        def paint(self):
            if not self.items:
                return
            self.setupGLState()
            rect = QRectF(self.view().rect())
            to_view = QMatrix4x4()
            to_view.viewport(rect.left(), rect.bottom(), rect.width(), -rect.height())
            project = to_view * self.mvpMatrix()
            placed = tuple((project.map(QVector3D(*pos)).toPointF(), text, align) for pos, text, align in self.items)
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
            painter.end()
            return image

    class Bowl3D(GLViewMixin, QOpenGLWindow):
        def __init__(self):
            super().__init__()
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
            self._morph = QTimer(self, interval=16)  # a new surface: the old one sinks, the new one rises
            self._morph.timeout.connect(self._morph_step)
            self._morph_frames, self._pending = 0, None
            self._has_bottom = False
            self._bowl_J = None
            self.arrow_length = 0.0   # of the last arrow drawn, in box units
            self.moved_by_user = False
            self.racers: list = []   # (line, ball) of each other run of a race
            self._followed: int | None = None  # the race's run drawn as the main path (None: one run)
            self.reset_camera()

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

        def set_axis_names(self, s_name: str, b_name: str, j_name: str) -> None:
            self.names = (s_name, b_name, j_name)
            self._bowl_J = None  # relabel at the next draw

        def retranslate(self) -> None:
            """The axis names are rendered into the labels' image: lay them out again at the next draw."""
            self._bowl_J = None

        def draw(self, bowl: Bowl, follow: bool, ease: bool = False):
            """``ease``: the surface is of another plane or range: the old one sinks to the floor and the
            new one rises from it (MORPH_FRAMES frames each), instead of a jump."""
            if self._morph.isActive():
                self._pending = (bowl, follow)
                return
            sc = Scale(bowl)
            if self._bowl_J is None or self._bowl_J.shape != bowl.J.shape or not np.array_equal(self._bowl_J, bowl.J):
                if ease and self._bowl_J is not None:
                    self._pending = (bowl, follow)
                    self._morph_frames = 0
                    self._show_marks(False)
                    self._morph.start()
                    return
                self._bowl_J = bowl.J
                self._draw_surface(bowl, sc)
            self._draw_marks(bowl, sc, follow)

        def _show_marks(self, on: bool) -> None:
            """The path, the ball, the arrow and the green dot hidden while the surface changes (the next
            draw sets the arrow's and the racers' visibility again)."""
            for item in (self.path, self.old_path, self.start, self.dots, self.rims, self.drops, self.ball, self.shaft,
                         self.head, *[i for pair in self.racers for i in pair]):
                item.setVisible(on)
            self.bottom.setVisible(on and self._has_bottom)

        def _morph_step(self) -> None:
            """One frame of the easing: the surface's height scaled down to 0, then the new one up to 1."""
            self._morph_frames += 1
            k = self._morph_frames / MORPH_FRAMES
            if self._morph_frames == MORPH_FRAMES and self._pending is not None:
                bowl, _ = self._pending
                self._bowl_J = bowl.J
                self._draw_surface(bowl, Scale(bowl))
            height = abs(1.0 - k) if k < 2 else 1.0
            for item in (self.surface, self.mesh):
                item.resetTransform()
                item.scale(1.0, 1.0, max(height, 0.02))
            self.update()
            if self._morph_frames >= 2 * MORPH_FRAMES:
                self._morph.stop()
                for item in (self.surface, self.mesh):
                    item.resetTransform()
                self._show_marks(True)
                pending, self._pending = self._pending, None
                if pending is not None:
                    self.draw(*pending)
                    self.update()

        def _draw_marks(self, bowl: Bowl, sc: Scale, follow: bool) -> None:
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
            self._draw_racers(bowl, sc)
            tip = sc.point(bowl.path_s[-1:] + bowl.step_s, bowl.path_t[-1:] + bowl.step_t, [bowl.step_J])[0]
            tip[2] += here[2] - sc.j(bowl.path_J_plane[-1])  # the step along the slice, from the ball
            self._draw_arrow(here, tip)
            if follow:
                self.opts["center"] = QVector3D(*here)  # the panel schedules the repaint

        def _draw_racers(self, bowl: Bowl, sc: Scale) -> None:
            """Each other run of a race: its path and its ball, in its colour (as on the curves)."""
            def make():
                line = gl.GLLinePlotItem(width=3, glOptions="opaque")
                ball = gl.GLScatterPlotItem(size=13, glOptions="opaque")
                self.addItem(line)
                self.addItem(ball)
                return line, ball
            for (line, ball), path in zip(shown_items(self.racers, len(bowl.others), make), bowl.others, strict=True):
                colour = pg.mkColor(race_colour(path.run)).getRgbF()
                pts = sc.point(path.s, path.t, path.J)
                pts[:, 2] += LIFT
                line.setData(pos=pts, color=colour)
                ball.setData(pos=pts[-1:], color=colour)
            followed = followed_run(bowl.others)
            if followed != self._followed:  # the followed run's path takes its colour too
                self._followed = followed
                colour = (1, 1, 1, 1) if followed is None else pg.mkColor(race_colour(followed)).getRgbF()
                self.path.setData(color=colour)
                self.dots.setData(color=colour)
                self.old_path.setData(color=(*colour[:3], 0.8))

        def _draw_surface(self, bowl: Bowl, sc: Scale) -> None:
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
            self.bottom.setVisible(self._has_bottom and not self._morph.isActive())
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

    return Bowl3D
