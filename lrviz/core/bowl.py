"""Everything the bowl view draws, as numbers: J on a plane, the descent path on it, the next step,
the 1-D pictures through the current point, the curvature across the valley, and what the green
dot promises. Which plane, and when it changes, is :mod:`lrviz.core.planes`'s; keeping all of it up
to date as a run trains is :class:`lrviz.core.tracker.BowlTracker`'s.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from lrviz.core import losses
from lrviz.core.curvature import regime
from lrviz.core.levels import contour_levels, contour_segments, nice_ceiling
from lrviz.core.surface import span

EDGE = 0.06                # a point this close to the view's edge (a share of its width) widens the view
PACE_STEPS = 10            # the green dot's outlook: the pace of the last steps
BOUNCE_STEPS = 10          # a bounce across the valley: measured over the last 2 × this many steps


@dataclass(frozen=True)
class PlaneInfo:
    """What the window needs to know of the plane (its vectors stay in the training process)."""

    kind: str          # "valley", "steepest", "b", "pca" or "exact" (see lrviz.core.planes)
    number: int = 1    # a new plane, a new number
    reason: str = "start"
    chosen_at: int = 0
    share: float = 1.0  # of the path, the share it held when chosen


@dataclass(frozen=True)
class CurvatureInfo:
    """λ_max, the Hessian's largest eigenvalue, at one iteration, and the α it is compared with."""

    iteration: int
    lambda_max: float
    learning_rate: float
    converged: bool = True

    @property
    def alpha_lambda(self) -> float:
        return self.learning_rate * self.lambda_max

    @property
    def regime(self) -> str:
        return regime(self.alpha_lambda)


@dataclass(frozen=True)
class Outlook:
    """What the green dot (the plane's lowest point) means for this run now.

    ``kind``: "falls" (no lowest point: J keeps falling towards the edge of the view), "reach" (the
    ball is heading there and gets there within the iterations left), "far" (it would need more
    steps than are left), "away" (the path is not heading for it: it is this plane's lowest point
    only), or "none" (nothing to say: a loss whose surface is not convex, like the squared error)."""

    kind: str
    steps_needed: float = math.nan
    steps_left: int = 0


@dataclass(frozen=True)
class Bounce:
    """The path going back and forth across the valley (along t), measured on its last steps:
    ``ratio`` is how its size changed over the last :data:`BOUNCE_STEPS` (> 1: growing)."""

    ratio: float

    @property
    def trend(self) -> str:
        return "growing" if self.ratio > 1.02 else "shrinking" if self.ratio < 0.98 else "steady"


def bounce(iterations: np.ndarray, t: np.ndarray, steps: int = BOUNCE_STEPS) -> Bounce | None:
    """The bounce across the valley in the path's last 2 × ``steps`` steps, if it goes back and
    forth (its steps along t change sign at least 80 % of the time); else None."""
    it = np.asarray(iterations)
    run = len(it) - 1 - (np.flatnonzero(np.diff(it) != 1)[-1] + 1 if np.any(np.diff(it) != 1) else 0)
    if run < 2 * steps:
        return None
    d = np.diff(np.asarray(t, dtype=np.float64)[-(2 * steps + 1):])
    if np.mean(np.sign(d[1:]) != np.sign(d[:-1])) < 0.8:
        return None
    before, after = np.abs(d[:steps]).mean(), np.abs(d[steps:]).mean()
    return Bounce(float(after / before)) if before > 0 else None


@dataclass(frozen=True)
class RacePath:
    """Another run of a race (several learning rates), or another run kept beside the followed one
    (a branch, or the run it left), on the same plane: its path, at its costs."""

    run: int                   # its place in the race
    iterations: np.ndarray
    s: np.ndarray
    t: np.ndarray
    J: np.ndarray
    share: float               # of its path now, the share that lies in the plane
    kept: bool = False         # a run kept beside the followed one (a branch), not a race's


@dataclass(frozen=True)
class Bowl:
    s: np.ndarray              # grid along the plane's first axis (S,)
    t: np.ndarray              # grid along its second axis (T,)
    J: np.ndarray              # (S, T): J at each grid point
    plane: PlaneInfo
    path_iter: np.ndarray      # iterations of the path's points (k,)
    path_s: np.ndarray         # their plane coordinates
    path_t: np.ndarray
    path_J: np.ndarray         # their true cost J(wₜ, bₜ)
    path_J_plane: np.ndarray   # the surface's value under them (differs where the path leaves the plane)
    step_s: float = 0.0        # the next step −α·(dw, db), along each axis
    step_t: float = 0.0
    step_J: float = 0.0        # the surface's value where the step lands
    bottom: tuple[float, float, float] | None = None  # (s*, t*, J*): J's lowest point on the plane, if any
    line_s: np.ndarray | None = None   # J from the current point along the first axis, over the grid s
    line_t: np.ndarray | None = None   # … along the second axis, over the grid t
    J_now: float = 0.0         # J at the current point (the lines' value there)
    slope_s: float = 0.0       # dJ/ds at the current point: the trainer's gradient along the first axis
    slope_t: float = 0.0
    others: tuple = ()         # RacePath of each other run racing on this plane
    loss: str = losses.DEFAULT     # the name of the loss whose cost J is drawn (lrviz.core.losses)
    trained: str = losses.DEFAULT  # the loss training descends (its gradient makes the step)
    contours: tuple = ()       # ((level, segments (k, 2, 2) in (s, t)), …), computed with the surface
    share: float = 1.0         # of the path now, the share the plane holds (lrviz.core.planes.held_share)
    curvature: CurvatureInfo | None = None
    frame: int = 1             # the view's ranges: a new number when they change (the views ease)
    outlook: Outlook | None = None
    bounce: Bounce | None = None  # the path going back and forth across the valley, if it does

    @property
    def exact(self) -> bool:
        """The plane is the whole parameter space (one weight and b)."""
        return self.plane.kind == "exact"

    @property
    def bottom_in_view(self) -> bool:
        """The lowest point is on the drawn grid (it may lie beyond the view: then it is only said)."""
        return self.bottom is not None and bool(self.s[0] <= self.bottom[0] <= self.s[-1]
                                                and self.t[0] <= self.bottom[1] <= self.t[-1])

    @property
    def point(self) -> tuple[float, float, float]:
        return float(self.path_s[-1]), float(self.path_t[-1]), float(self.path_J[-1])

    def contour_lines(self, count: int = 8) -> tuple:
        """The surface's contour lines: those computed with it, or (a bowl made without) now."""
        return self.contours or level_lines(self.J, self.s, self.t, count)


def level_lines(J: np.ndarray, s: np.ndarray, t: np.ndarray, count: int = 8) -> tuple:
    """((level, segments), …) at round levels of J, denser near its bottom."""
    return tuple((float(level), contour_segments(J, s, t, level)) for level in contour_levels(J, count))


def widen(lo: float, hi: float, factor: float) -> tuple[float, float]:
    """[lo, hi] scaled by ``factor`` about its middle."""
    mid, half = (lo + hi) / 2, factor * (hi - lo) / 2
    return mid - half, mid + half


def axis_range(values: np.ndarray, curvature: float, rise: float, ahead: float = 0.0) -> tuple[float, float]:
    """A view's range along one axis: the points ``values`` with a margin, at least as wide as the
    stretch over which J, curving by ``curvature`` along the axis, rises by ``rise`` on each side
    of them (so that the walls of a valley show), ``ahead`` more of its width added on the high side
    (room for the path to travel on), and rounded out to a 1-2-5 width (fewer, rounder changes): about
    the middle, or, with room ahead, all of it ahead (the view starts just behind where the path did)."""
    lo, hi = span(values, margin=0.15, minimum=0.0)
    half = math.sqrt(2 * rise / curvature) if curvature > 0 and rise > 0 else 0.0
    mid = (lo + hi) / 2
    lo, hi = min(lo, mid - half), max(hi, mid + half)
    if not hi > lo:
        lo, hi = mid - 0.5, mid + 0.5
    hi += ahead * (hi - lo)
    width = nice_ceiling(hi - lo, 1e-300)
    pad = (width - (hi - lo)) / 2
    return (lo, lo + width) if ahead > 0 else (lo - pad, hi + pad)


def exact_frame(s: np.ndarray, t: np.ndarray) -> tuple[float, float, float, float]:
    """One weight: the whole bowl in a square box around the points (a round bowl looks round)."""
    (s_lo, s_hi), (t_lo, t_hi) = span(s, margin=0.8, minimum=4.0), span(t, margin=0.8, minimum=4.0)
    half = max(s_hi - s_lo, t_hi - t_lo) / 2
    cs, ct = (s_lo + s_hi) / 2, (t_lo + t_hi) / 2
    return cs - half, cs + half, ct - half, ct + half


def inside(frame: tuple[float, float, float, float], s: np.ndarray, t: np.ndarray) -> bool:
    """Whether the points lie inside the frame, away from its edges."""
    s_lo, s_hi, t_lo, t_hi = frame
    ms, mt = EDGE * (s_hi - s_lo), EDGE * (t_hi - t_lo)
    return bool(np.all((s >= s_lo + ms) & (s <= s_hi - ms) & (t >= t_lo + mt) & (t <= t_hi - mt)))


def grid_values(frame: tuple[float, float, float, float], points: int, loss: str) -> tuple[np.ndarray, np.ndarray]:
    """The grid over a frame, widened by the drawn loss's ``view_scale`` (the squared error's 3×:
    its plateaus lie where σ saturates, beyond the stretch the descent travels)."""
    s_lo, s_hi, t_lo, t_hi = frame
    scale = losses.get(loss).view_scale
    if scale != 1:
        (s_lo, s_hi), (t_lo, t_hi) = widen(s_lo, s_hi, scale), widen(t_lo, t_hi, scale)
    return np.linspace(s_lo, s_hi, points), np.linspace(t_lo, t_hi, points)


def outlook(bowl: Bowl, stop_at: int | None) -> Outlook:
    """What the green dot means for the run (see :class:`Outlook`), from the path's last steps: where
    the ball is on average (a bounce across the valley averages out over an even number of steps) and
    how fast that average moves, in the view's own units (each axis by its range: as the eye sees it)."""
    if not losses.get(bowl.loss).convex:
        return Outlook("none")
    if bowl.bottom is None:
        return Outlook("falls")
    left = max(int(stop_at) - int(bowl.path_iter[-1]), 0) if stop_at is not None else 0
    scale = np.array([np.ptp(bowl.s), np.ptp(bowl.t)])
    points = np.column_stack([bowl.path_s, bowl.path_t]) / scale
    steps = np.diff(bowl.path_iter)
    run = len(steps) - (np.flatnonzero(steps != 1)[-1] + 1 if np.any(steps != 1) else 0)  # consecutive steps
    k = min(PACE_STEPS, run // 2)
    if k == 0:  # no steps to tell a pace from
        to_go = np.array(bowl.bottom[:2]) / scale - points[-1]
        return Outlook("reach", 0.0 if float(np.hypot(*to_go)) < 0.03 else math.nan, left)
    moved = (points[-k:].mean(axis=0) - points[-2 * k:-k].mean(axis=0)) / k
    here = points[-k:].mean(axis=0) + moved * (k - 1) / 2  # the trend's point now, the bounce averaged out
    to_go = np.array(bowl.bottom[:2]) / scale - here
    distance, pace = float(np.hypot(*to_go)), float(np.hypot(*moved))
    if distance < 0.03:
        return Outlook("reach", 0.0, left)
    if pace == 0 or float(moved @ to_go) < 0.5 * pace * distance:  # more than 60° off
        return Outlook("away", math.nan, left)
    needed = distance / pace
    return Outlook("far" if stop_at is not None and needed > left else "reach", needed, left)


def with_lines(bowl: Bowl, plane, trained_plane, z: np.ndarray, lr: float) -> Bowl:
    """The 1-D pictures through the current point (logits z): J along each axis from there, the
    slopes there (of the drawn loss; the step is the trained loss's gradient), the step. O(m·grid)."""
    s_now, t_now = float(bowl.path_s[-1]), float(bowl.path_t[-1])
    z = np.asarray(z, dtype=np.float64)
    zeros_s, zeros_t = np.zeros(len(bowl.s)), np.zeros(len(bowl.t))
    trained = trained_plane.slopes(z)  # the derivative the trainer computes: what the step follows
    drawn = trained if plane is trained_plane else plane.slopes(z)
    step_s, step_t = -lr * trained[0], -lr * trained[1]
    return replace(bowl, line_s=plane.through(z, bowl.s - s_now, zeros_s),
                   line_t=plane.through(z, zeros_t, bowl.t - t_now),
                   J_now=plane.cost_of(z), slope_s=drawn[0], slope_t=drawn[1], step_s=step_s, step_t=step_t,
                   step_J=float(plane.at(s_now + step_s, t_now + step_t)[0]))
