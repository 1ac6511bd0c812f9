"""The 3-D bowl's geometry, as numbers: the box's scale, the surface's shading, the mesh lines, the
floor's contour lines and the axes' ticks and labels. The GL view that draws them is
:mod:`lrviz.ui.panels.bowl3d_gl`, imported only once GL is known to work.

Labels are painted after the GL scene, over everything (as pyqtgraph's GLTextItem), so they sit
outside the box: along the floor's front and side edges and beside a vertical J axis at a corner,
never over the surface at the starting camera."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from lrviz.core.bowl import Bowl
from lrviz.core.levels import nice_ticks

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


def inside_segments(pts: np.ndarray) -> np.ndarray:
    """A path's steps (pairs of consecutive points, for a 'lines' plot) that lie over the box's floor:
    another run's path leaves the slice's view where the view is framed on the followed run, and GL
    draws no frame, so without this it would run on through the air past the surface."""
    inside = (np.abs(pts[:, 0]) <= SIDE / 2) & (np.abs(pts[:, 1]) <= SIDE / 2)
    both = inside[:-1] & inside[1:]
    return np.stack([pts[:-1][both], pts[1:][both]], axis=1).reshape(-1, 3)


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
