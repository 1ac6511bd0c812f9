"""The numbers behind a readable plot of J: axis ticks at round values, contour levels, and the
contour lines themselves (marching squares, vectorised). Pure numpy, shared by the 3-D bowl's floor
and the 2-D contour map."""

from __future__ import annotations

import math

import numpy as np


def nice_step(span: float, count: int) -> float:
    """The 1-2-5 step whose number of intervals over ``span`` is closest to ``count``."""
    if not span > 0 or not math.isfinite(span):
        return 1.0
    base = 10.0 ** math.floor(math.log10(span / max(count, 1)))
    steps = [m * base for m in (1, 2, 5, 10)]
    return min(steps, key=lambda step: (abs(span / step - count), -step))


def nice_ceiling(value: float, floor: float = 1.0) -> float:
    """The smallest 1-2-5 number (…, 0.5, 1, 2, 5, 10, 20, …) that is ≥ ``value`` and ≥ ``floor``:
    a plot's range that grows in a few round jumps instead of on every frame."""
    value = max(float(value), float(floor))
    if not math.isfinite(value) or value <= 0:
        return float(floor)
    base = 10.0 ** math.floor(math.log10(value))
    for m in (1, 2, 5, 10):
        if m * base >= value * (1 - 1e-12):
            return float(round(m * base, 12))
    return 10 * base


def nice_ticks(lo: float, hi: float, count: int = 5) -> np.ndarray:
    """Round values (multiples of a 1-2-5 step) inside [lo, hi], about ``count`` of them."""
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return np.array([lo]) if math.isfinite(lo) else np.empty(0)
    step = nice_step(hi - lo, count)
    first = math.ceil(lo / step - 1e-9)
    ticks = (np.arange(first, math.floor(hi / step + 1e-9) + 1) * step)
    return np.round(ticks, 12)


def contour_levels(J: np.ndarray, count: int = 8) -> np.ndarray:
    """Round levels between the surface's lowest and highest values, denser near the bottom
    (where the path ends up): round ticks of √(J − min), squared back."""
    lo, hi = float(np.min(J)), float(np.max(J))
    if not hi > lo:
        return np.empty(0)
    roots = np.linspace(0, math.sqrt(hi - lo), count + 2)[1:-1]
    levels = lo + roots ** 2
    step = nice_step(hi - lo, 4 * count)
    rounded = np.unique(np.round(levels / step) * step)
    return rounded[(rounded > lo) & (rounded < hi)]


def contour_segments(Z: np.ndarray, xs: np.ndarray, ys: np.ndarray, level: float) -> np.ndarray:
    """The line J = ``level`` through the grid ``Z[i, j]`` = J(xs[i], ys[j]), as straight segments
    ``(k, 2, 2)``: k segments, each two (x, y) points, linear inside each cell (marching squares;
    a saddle cell is split by its centre value)."""
    Z = np.asarray(Z, dtype=np.float64)
    xs, ys = np.asarray(xs, dtype=np.float64), np.asarray(ys, dtype=np.float64)
    above = Z > level
    with np.errstate(divide="ignore", invalid="ignore"):
        tx = (level - Z[:-1, :]) / (Z[1:, :] - Z[:-1, :])   # along x, at each ys[j]: (nx-1, ny)
        ty = (level - Z[:, :-1]) / (Z[:, 1:] - Z[:, :-1])   # along y, at each xs[i]: (nx, ny-1)
    hx = xs[:-1, None] + tx * np.diff(xs)[:, None]
    vy = ys[None, :-1] + ty * np.diff(ys)[None, :]
    hit_h = above[:-1, :] != above[1:, :]
    hit_v = above[:, :-1] != above[:, 1:]
    # each cell's four edges, in order bottom (y = ys[j]), right, top, left
    nx, ny = Z.shape
    X = np.stack([hx[:, :-1], np.broadcast_to(xs[1:, None], (nx - 1, ny - 1)),
                  hx[:, 1:], np.broadcast_to(xs[:-1, None], (nx - 1, ny - 1))], axis=-1)
    Y = np.stack([np.broadcast_to(ys[None, :-1], (nx - 1, ny - 1)), vy[1:, :],
                  np.broadcast_to(ys[None, 1:], (nx - 1, ny - 1)), vy[:-1, :]], axis=-1)
    hit = np.stack([hit_h[:, :-1], hit_v[1:, :], hit_h[:, 1:], hit_v[:-1, :]], axis=-1)
    count = hit.sum(axis=-1)
    pts = np.stack([X, Y], axis=-1)                         # (nx-1, ny-1, 4, 2)
    two = count == 2
    order = np.argsort(~hit[two], axis=-1, kind="stable")[:, :2]
    singles = np.take_along_axis(pts[two], order[..., None], axis=1)
    four = count == 4
    if not four.any():
        return singles
    centre = (Z[:-1, :-1] + Z[1:, :-1] + Z[:-1, 1:] + Z[1:, 1:])[four] / 4 > level
    corner_isolated = above[:-1, :-1][four] != centre       # the bottom-left corner cut off alone
    p = pts[four]
    first = np.where(corner_isolated[:, None, None], p[:, [0, 3]], p[:, [0, 1]])
    second = np.where(corner_isolated[:, None, None], p[:, [1, 2]], p[:, [2, 3]])
    return np.concatenate([singles, first, second])
