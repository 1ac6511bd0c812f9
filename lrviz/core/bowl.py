"""Everything the bowl view draws, as numbers: J on a slice, the descent path on it, the next step.

The slice is the plane through the path's start w₀ along the path's main direction (its first
principal component; before w has moved, the first step's direction −dw). With one weight
(builtin:toy) the plane is the whole parameter space and the bowl is J(w, b) exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from lrviz.core.bottom import find_bottom
from lrviz.core.levels import contour_levels, contour_segments
from lrviz.core.squared import plane_for
from lrviz.core.surface import Direction, Plane, path_direction, span, travel_share


@dataclass(frozen=True)
class RacePath:
    """Another run of a race (several learning rates) on the same slice: its path, at its costs."""
    run: int                   # its place in the race
    t: np.ndarray              # iterations of its points
    s: np.ndarray
    b: np.ndarray
    J: np.ndarray
    share: float               # of its travel, the share that lies in the slice


@dataclass(frozen=True)
class Bowl:
    s: np.ndarray              # grid along the direction (S,)
    b: np.ndarray              # grid of b (B,)
    J: np.ndarray              # (S, B): J(w₀ + s·d, b)
    path_t: np.ndarray         # iterations of the path's points (k,)
    path_s: np.ndarray         # their slice coordinate
    path_b: np.ndarray
    path_J: np.ndarray         # their true cost J(wₜ, bₜ)
    path_J_plane: np.ndarray   # the surface's value under them (differs where the path leaves the plane)
    path_off: np.ndarray       # their distance from the plane in w-space
    step_s: float              # the next step −α·(dw, db) projected on the plane
    step_b: float
    step_J: float              # the surface's value where the step lands
    direction: Direction
    exact: bool                # the plane is the whole parameter space
    bottom: tuple[float, float, float] | None = None  # (s*, b*, J*): J's lowest point on the slice, if any
    line_s: np.ndarray | None = None   # J(w + (s − s_now)·d, b) over the grid s: the 1-D picture through
    #                                    the current point, so it lies on its curve even off the plane
    line_b: np.ndarray | None = None   # J(w, b') over the grid b'
    J_now: float = 0.0         # J at the current point (the curves' value at s_now, b_now)
    slope_s: float = 0.0       # dJ/ds at the current point: d·dw, the trainer's gradient along d
    slope_b: float = 0.0       # dJ/db: the trainer's db
    others: tuple = ()         # RacePath of each other run racing on this slice
    loss: str = "cross_entropy"     # the loss whose cost J is drawn
    trained: str = "cross_entropy"  # the loss training descends (its gradient makes the step)
    contours: tuple = ()       # ((level, segments (k, 2, 2) in (s, b)), …): computed with the surface,
    #                            in the training process, not on the window's thread at each refit

    def contour_lines(self, count: int = 8) -> tuple:
        """The surface's contour lines: those computed with it, or (a bowl made without) now."""
        return self.contours or level_lines(self.J, self.s, self.b, count)

    @property
    def point(self) -> tuple[float, float, float]:
        return float(self.path_s[-1]), float(self.path_b[-1]), float(self.path_J[-1])

    def title(self) -> str:
        if self.exact:
            return "J(w, b) exactly — the model has one weight and a bias, so this is the whole bowl"
        return f"J(w, b) on the plane through w₀ {self.direction.describe()}"


SQUARED_ERROR_WIDER = 3.0  # the squared-error surface spans this many times the cross-entropy's view


def widen(lo: float, hi: float, factor: float) -> tuple[float, float]:
    """[lo, hi] scaled by ``factor`` about its middle."""
    mid, half = (lo + hi) / 2, factor * (hi - lo) / 2
    return mid - half, mid + half


def level_lines(J: np.ndarray, s: np.ndarray, b: np.ndarray, count: int = 8) -> tuple:
    """((level, segments), …) at round levels of J, denser near its bottom."""
    return tuple((float(level), contour_segments(J, s, b, level)) for level in contour_levels(J, count))


def compute_bowl(X: np.ndarray, y: np.ndarray, path_t: np.ndarray, path_w: np.ndarray, path_b: np.ndarray,
                 path_J: np.ndarray, dw: np.ndarray, db: float, lr: float, grid: int = 101) -> Bowl:
    """The bowl for a path of weights ``path_w`` (k × n) ending at the current point, whose gradient
    there is (dw, db) and learning rate ``lr``."""
    return fit_bowl(X, y, path_t, path_w, path_b, path_J, dw, db, lr, grid)[0]


def fit_bowl(X, y, path_t, path_w, path_b, path_J, dw, db, lr, grid: int = 101, loss: str = "cross_entropy",
             trained: str = "cross_entropy", others: tuple = (), z: np.ndarray | None = None) -> tuple[Bowl, Plane]:
    """:func:`compute_bowl`, also returning the plane, so later points can be added cheaply
    (:func:`extend_bowl`) until the next refit. ``loss``: the cost drawn (the path's recorded costs
    ``path_J`` are of ``trained``; for another loss the path is drawn at that loss's value on the
    plane, and later points at their true value). ``others``: (run, path_t, path_w, path_b, path_J)
    of other runs from the same start (a race): the slice follows all the paths' main direction,
    frames them all, and carries each as a :class:`RacePath`. ``z``: the logits of the path's last
    point, if known (saves a pass over X)."""
    path_w = np.atleast_2d(np.asarray(path_w, dtype=np.float64))
    n = path_w.shape[1]
    all_w = np.vstack([np.atleast_2d(o[2]) for o in others] + [path_w]) if others else path_w
    if n == 1:
        direction = Direction(np.ones(1), 1.0, "only")
        w0 = np.zeros(1)
    else:
        w0 = path_w[0]
        direction = path_direction(all_w)
        if direction is None:  # nothing has moved yet: the first step will go along −dw
            norm = float(np.linalg.norm(dw))
            d = -dw / norm if norm > 0 else np.eye(n)[0]
            direction = Direction(d, 1.0, "gradient")
    plane = plane_for(loss, X, y, w0, direction.d)
    path_s, path_off = plane.coords(path_w)
    path_b = np.asarray(path_b, dtype=np.float64)
    step_s, step_b = float(direction.d @ (-lr * np.asarray(dw))), float(-lr * db)
    ends_s = np.append(path_s, path_s[-1] + step_s)
    ends_b = np.append(path_b, path_b[-1] + step_b)
    raced = []
    for run, o_t, o_w, o_b, o_J in others:
        o_w = np.atleast_2d(np.asarray(o_w, dtype=np.float64))
        o_s, _ = plane.coords(o_w)
        raced.append(RacePath(run, np.asarray(o_t), o_s, np.asarray(o_b, dtype=np.float64),
                              np.asarray(o_J, dtype=np.float64), travel_share(o_w, direction.d)))
        ends_s, ends_b = np.append(ends_s, o_s), np.append(ends_b, raced[-1].b)
    scale = max(float(np.ptp(ends_s)), float(np.ptp(ends_b)), 1e-3)
    # search far beyond the path for the slice's own lowest point, then frame it too
    # the cross-entropy's lowest point (find_bottom's maths is the cross-entropy's whatever the
    # plane draws): it frames the grid for either loss, so both surfaces share one grid
    bottom = find_bottom(plane, (float(path_s[-1]), float(path_b[-1])), reach=50 * scale + 50)
    if bottom is not None:
        ends_s, ends_b = np.append(ends_s, bottom[0]), np.append(ends_b, bottom[1])
        scale = max(float(np.ptp(ends_s)), float(np.ptp(ends_b)), 1e-3)
    # wide enough around the path that the surface's curvature (the bowl) shows, not just a slope
    s_lo, s_hi = span(ends_s, margin=0.8, minimum=2 * scale if n > 1 else 4.0)
    b_lo, b_hi = span(ends_b, margin=0.8, minimum=2 * scale if n > 1 else 4.0)
    if n == 1:  # the whole bowl: a square box, so a round bowl looks round
        half = max(s_hi - s_lo, b_hi - b_lo) / 2
        (s_lo, s_hi), (b_lo, b_hi) = ((c - half, c + half) for c in ((s_lo + s_hi) / 2, (b_lo + b_hi) / 2))
    if loss == "squared_error":  # its plateaus lie where σ saturates, beyond the descent's own stretch:
        (s_lo, s_hi), (b_lo, b_hi) = (widen(lo, hi, SQUARED_ERROR_WIDER) for lo, hi in ((s_lo, s_hi), (b_lo, b_hi)))
    s_grid, b_grid = np.linspace(s_lo, s_hi, grid), np.linspace(b_lo, b_hi, grid)
    step_J = float(plane.at(path_s[-1] + step_s, path_b[-1] + step_b)[0])
    J = plane.grid(s_grid, b_grid)
    on_plane = plane.at(path_s, path_b)
    path_J = np.asarray(path_J, dtype=np.float64) if loss == trained else on_plane
    bowl = Bowl(s_grid, b_grid, J, np.asarray(path_t), path_s, path_b, path_J, on_plane, path_off, step_s, step_b,
                step_J, direction, exact=n == 1, loss=loss, trained=trained, others=tuple(raced),
                bottom=bottom if loss == "cross_entropy" else None,  # the squared error is not convex: none claimed
                contours=level_lines(J, s_grid, b_grid))
    return with_lines(bowl, plane, path_w[-1], dw, db, z), plane


def with_lines(bowl: Bowl, plane: Plane, w: np.ndarray, dw: np.ndarray, db: float,
               z: np.ndarray | None = None) -> Bowl:
    """The 1-D pictures through the current point (w, b): J along d and along b, and the slopes the
    trainer computed there (the curves' own slopes at the point). ``z``: the point's logits, if
    known (else one pass over X). O(m · grid): cheap enough for every update."""
    s_now, b_now = float(bowl.path_s[-1]), float(bowl.path_b[-1])
    z = plane.logits(w, b_now) if z is None else np.asarray(z, dtype=np.float64)
    zeros_s, zeros_b = np.zeros(len(bowl.s)), np.zeros(len(bowl.b))
    if bowl.loss == bowl.trained:  # the tangent's slope is the derivative the trainer computed
        slopes = float(bowl.direction.d @ np.asarray(dw, dtype=np.float64)), float(db)
    else:  # the drawn loss's own derivative there (the step still follows the trained loss)
        slopes = plane.slopes(z)
    return replace(bowl, line_s=plane.through(z, bowl.s - s_now, zeros_s),
                   line_b=plane.through(z, zeros_b, bowl.b - b_now),
                   J_now=plane.cost_of(z),
                   slope_s=slopes[0], slope_b=slopes[1])


def with_grid(bowl: Bowl, plane: Plane, s_values: np.ndarray, b_values: np.ndarray, J: np.ndarray,
              w: np.ndarray, dw: np.ndarray, db: float, z: np.ndarray | None = None) -> Bowl:
    """The same bowl on another grid over the same slice (a finer one, computed while training was
    paused: see :class:`lrviz.core.refit.GridJob`), with its contour lines and 1-D pictures."""
    finer = replace(bowl, s=np.asarray(s_values), b=np.asarray(b_values), J=J,
                    contours=level_lines(J, s_values, b_values))
    return with_lines(finer, plane, w, dw, db, z)


def extend_bowl(bowl: Bowl, plane: Plane, t: int, w: np.ndarray, b: float, J: float, dw: np.ndarray,
                db: float, lr: float, z: np.ndarray | None = None) -> Bowl:
    """The same surface, with the path grown to iteration t at (w, b, J) and the step from there."""
    if t <= bowl.path_t[-1]:
        return bowl
    s, off = plane.coords(w)
    J = _drawn_cost(bowl, plane, w, b, J, z)
    step_s, step_b = float(bowl.direction.d @ (-lr * np.asarray(dw))), float(-lr * db)
    on_plane, step_J = plane.at(np.array([s, s + step_s]), np.array([b, b + step_b]))
    grown = replace(bowl, path_t=np.append(bowl.path_t, t), path_s=np.append(bowl.path_s, s),
                    path_b=np.append(bowl.path_b, b), path_J=np.append(bowl.path_J, J),
                    path_J_plane=np.append(bowl.path_J_plane, on_plane), path_off=np.append(bowl.path_off, off),
                    step_s=step_s, step_b=step_b, step_J=float(step_J))
    return with_lines(grown, plane, w, dw, db, z)


def bowl_at(bowl: Bowl, plane: Plane, t: int, w: np.ndarray, b: float, J: float, dw: np.ndarray, db: float,
            lr: float, z: np.ndarray | None = None) -> Bowl:
    """The same surface seen at a past iteration t: the path up to t, the point and step at t."""
    keep = bowl.path_t < t
    cut = replace(bowl, path_t=bowl.path_t[keep], path_s=bowl.path_s[keep], path_b=bowl.path_b[keep],
                  path_J=bowl.path_J[keep], path_J_plane=bowl.path_J_plane[keep], path_off=bowl.path_off[keep])
    if not keep.any():  # t = 0: a path of one point
        s, off = plane.coords(w)
        J_plane = plane.at(s, b)
        J = _drawn_cost(bowl, plane, w, b, J, z)
        cut = replace(cut, path_t=np.array([t]), path_s=np.array([s]), path_b=np.array([b]), path_J=np.array([J]),
                      path_J_plane=J_plane, path_off=np.array([off]))
        step_s, step_b = float(bowl.direction.d @ (-lr * np.asarray(dw))), float(-lr * db)
        cut = replace(cut, step_s=step_s, step_b=step_b, step_J=float(plane.at(s + step_s, b + step_b)[0]))
        return with_lines(cut, plane, w, dw, db, z)
    return extend_bowl(cut, plane, t, w, b, J, dw, db, lr, z)


def _drawn_cost(bowl: Bowl, plane: Plane, w: np.ndarray, b: float, J: float, z: np.ndarray | None) -> float:
    """The point's cost for the drawn loss: the trainer's J when it is the trained loss, else
    computed from the point's logits (one pass over X if they are not given)."""
    if bowl.loss == bowl.trained:
        return J
    return plane.cost_of(plane.logits(w, b) if z is None else z)


def race_paths(bowl: Bowl, plane: Plane, points: list[tuple[int, int, np.ndarray, float, float]],
               until: int | None = None) -> Bowl:
    """The other runs' paths as fitted, up to iteration ``until`` (all if None), each ending at its
    run's point (run, t, w, b, J) now: one projection per run, no refit."""
    grown = []
    for path, (run, t, w, b, J) in zip(bowl.others, points, strict=True):
        keep = path.t < (t if until is None else min(t, until))
        s, _ = plane.coords(np.asarray(w, dtype=np.float64))
        grown.append(replace(path, t=np.append(path.t[keep], t), s=np.append(path.s[keep], s),
                             b=np.append(path.b[keep], b), J=np.append(path.J[keep], J)))
    return replace(bowl, others=tuple(grown))
