"""J(w, b) on a 2-D slice of the (n + 1)-dimensional parameter space: the bowl one can draw.

The slice is the plane θₒ + s·u + t·v (chosen by :mod:`lrviz.core.planes`). Since the logits are
linear in θ, z = z₀ + s·X̃u + t·X̃v on it: a whole grid costs one pass over X (for X̃u and X̃v) and
O(m · grid) arithmetic, never a forward pass per grid point.
"""

from __future__ import annotations

import numpy as np

_CHUNK = 100  # products of ≤ 127 factors in (1, 2] cannot overflow float32
_CHUNK64 = 1000  # nor products of ≤ 1023 such factors float64
GRID_CHUNK_BYTES = 4 * 2**20  # a grid's working arrays (grid points × m) at a time, whatever m: cache-sized


def grid_blocks(rows: int, cols: int, m: int, itemsize: int, max_bytes: int = GRID_CHUNK_BYTES):
    """(row slice, column slice) blocks of a rows × cols grid whose points each need m values of
    ``itemsize`` bytes: whole rows while a row fits in ``max_bytes``, else parts of one row (at
    least one point at a time). Peak memory is bounded by bytes, not by a count of rows."""
    point = max(1, m * itemsize)
    per_row = max(1, max_bytes // (cols * point))
    if cols * point <= max_bytes:
        for i in range(0, rows, per_row):
            yield slice(i, min(i + per_row, rows)), slice(0, cols)
        return
    per_col = max(1, max_bytes // point)
    for i in range(rows):
        for j in range(0, cols, per_col):
            yield slice(i, i + 1), slice(j, min(j + per_col, cols))


class Plane:
    """J on a plane of parameter space, bound to the data: J anywhere on it in O(m) per point.

    On the plane θₒ + s·u + t·v (see :mod:`lrviz.core.planes`) every example's logit is
    z = z₀ + s·p + t·q, with z₀ the logits at θₒ and p = X̃u, q = X̃v (X̃: X with a column of ones for
    b). Building it costs one pass over X (:meth:`of`); after that no pass over X is needed.
    """

    loss = "cross_entropy"

    def __init__(self, y: np.ndarray, z0: np.ndarray, p: np.ndarray, q: np.ndarray):
        self.y = np.asarray(y, dtype=np.float64).ravel()
        self.z0, self.p, self.q = (np.asarray(v, dtype=np.float64) for v in (z0, p, q))
        self.sign = -(2.0 * self.y - 1.0)  # each loss is log(1 + e^r) with r = sign·z

    @classmethod
    def of(cls, spec, solver, y: np.ndarray) -> Plane:
        """The plane ``spec`` (a :class:`lrviz.core.planes.PlaneSpec`) on the data ``solver`` holds."""
        state = np.asarray(spec.origin_state).astype(solver.initial_state().dtype)  # the solver's own type
        z0 = solver.wx(state) + spec.origin_b
        pq = (solver.X @ spec.axes[:, :-1].T.astype(solver.X.dtype)).astype(np.float64) + spec.axes[:, -1]
        return cls(y, z0, pq[:, 0], pq[:, 1])

    def grid(self, s_values: np.ndarray, t_values: np.ndarray, max_bytes: int = GRID_CHUNK_BYTES) -> np.ndarray:
        """``J[i, j]`` at (s_values[i], t_values[j]) as float64 (accurate to ~1e-6), computed in blocks
        of at most ``max_bytes`` of working arrays (two of them at a time).

        Each loss is written max(r, 0) + log(1 + e^(−|r|)); the logs of up to ``_CHUNK`` factors
        are taken as one log of their product (one ``log`` per chunk instead of one per example:
        the slowest part otherwise).
        """
        m = self.y.shape[0]
        a, sp, sq = ((self.sign * v).astype(np.float32) for v in (self.z0, self.p, self.q))
        s = np.asarray(s_values, dtype=np.float32)
        t = np.asarray(t_values, dtype=np.float32)
        cuts = np.arange(0, m, _CHUNK)
        out = np.empty((s.shape[0], t.shape[0]))
        for rows, cols in grid_blocks(len(s), len(t), m, 4, max_bytes // 2):
            r = (a[None, :] + s[rows, None] * sp[None, :])[:, None, :] + (t[cols, None] * sq[None, :])[None, :, :]
            e = np.abs(r)
            np.negative(e, out=e)
            np.exp(e, out=e)
            e += 1.0
            logs = np.log(np.multiply.reduceat(e, cuts, axis=-1)).sum(axis=-1, dtype=np.float64)
            del e
            np.maximum(r, 0.0, out=r)
            out[rows, cols] = r.sum(axis=-1, dtype=np.float64) + logs
        return out / m

    def logits_at(self, s: np.ndarray, t: np.ndarray) -> np.ndarray:
        """z of every example at the points (s[k], t[k]): (k × m)."""
        s, t = np.atleast_1d(s).astype(np.float64), np.atleast_1d(t).astype(np.float64)
        return self.z0[None, :] + s[:, None] * self.p[None, :] + t[:, None] * self.q[None, :]

    def at(self, s: np.ndarray, t: np.ndarray) -> np.ndarray:
        """J at the points (s[k], t[k]) of the plane (float64, exact)."""
        return self.costs(self.logits_at(s, t))

    def through(self, z: np.ndarray, ds: np.ndarray, dt: np.ndarray) -> np.ndarray:
        """J at the points moved by (ds, dt) along the plane's axes from a point whose logits are z
        (on the plane or off it): the 1-D pictures through the current point, cheap enough for
        every update (O(m) a point)."""
        ds, dt = np.atleast_1d(ds).astype(np.float64), np.atleast_1d(dt).astype(np.float64)
        return self.costs(np.asarray(z, dtype=np.float64)[None, :] + ds[:, None] * self.p[None, :]
                          + dt[:, None] * self.q[None, :])

    def costs(self, Z: np.ndarray) -> np.ndarray:
        """J of each row of logits Z (k × m)."""
        return mean_losses(self.sign[None, :] * Z)

    def cost_of(self, z: np.ndarray) -> float:
        """J at the point whose logits are z."""
        return float(self.costs(np.asarray(z, dtype=np.float64)[None, :])[0])

    def slopes(self, z: np.ndarray) -> tuple[float, float]:
        """(dJ/ds, dJ/dt) at the point whose logits are z: mean(dz·p) and mean(dz·q), the gradient
        (dw, db) the trainer computes there, along each axis."""
        dz = self.dz(np.asarray(z, dtype=np.float64))
        return float(np.mean(dz * self.p)), float(np.mean(dz * self.q))

    def dz(self, z: np.ndarray) -> np.ndarray:
        """dL/dz of each example: σ(z) − y for the cross-entropy."""
        return 0.5 * (1.0 + np.tanh(0.5 * z)) - self.y


def mean_losses(t: np.ndarray) -> np.ndarray:
    """Row means of log(1 + e^t) for a (k, m) array t, in float64, to ~1e-15 (absolute: a mean
    below ~1e-13 keeps few correct digits, which no picture of J can show).

    Each loss is max(t, 0) + log(1 + e^(−|t|)); the logs of up to ``_CHUNK64`` factors, each in
    (1, 2], are taken as one log of their product: ~2× faster than ``np.logaddexp`` at m = 209.
    """
    e = np.abs(t)
    np.negative(e, out=e)
    np.exp(e, out=e)
    e += 1.0
    logs = np.log(np.multiply.reduceat(e, np.arange(0, t.shape[-1], _CHUNK64), axis=-1)).sum(axis=-1)
    return (np.maximum(t, 0.0).sum(axis=-1) + logs) / t.shape[-1]


def span(values: np.ndarray, margin: float = 0.25, minimum: float = 1.0) -> tuple[float, float]:
    """A range around ``values`` with a relative margin, at least ``minimum`` wide."""
    lo, hi = float(np.min(values)), float(np.max(values))
    pad = max((hi - lo) * margin, (minimum - (hi - lo)) / 2, 0.0)
    return lo - pad, hi + pad
