"""J(w, b) on a 2-D slice of the (n + 1)-dimensional parameter space: the bowl one can draw.

The slice passes through (w₀, ·) along a unit direction d in w-space; its coordinates are
s (how far along d) and b. Since X(w₀ + s·d) = Xw₀ + s·Xd, a whole grid costs two matrix-vector
products (one pass over X) and O(m · grid) arithmetic, never a forward pass per grid point.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    """The slice through (w₀, ·) along the unit direction d, bound to the data: J anywhere on it.

    Building it costs one pass over X (u = Xw₀, v = Xd); after that, J(w₀ + s·d, b) is O(m) per
    point: z = u + s·v + b.
    """

    loss = "cross_entropy"

    def __init__(self, X: np.ndarray, y: np.ndarray, w0: np.ndarray, d: np.ndarray):
        X = np.asarray(X)
        self.w0, self.d = np.asarray(w0, dtype=np.float64), np.asarray(d, dtype=np.float64)
        self.y = np.asarray(y, dtype=np.float64).ravel()
        self.X = X  # a reference, not a copy: for the logits of a point off the plane
        uv = (X @ np.stack([self.w0, self.d], axis=1).astype(X.dtype)).astype(np.float64)
        self.q = -(2.0 * self.y - 1.0)  # each loss is log(1 + e^t) with t = q·z
        self.u, self.v = uv[:, 0], uv[:, 1]
        self.qv = self.q * self.v

    def grid(self, s_values: np.ndarray, b_values: np.ndarray, max_bytes: int = GRID_CHUNK_BYTES) -> np.ndarray:
        """``J[i, j] = J(w₀ + s_values[i]·d, b_values[j])`` as float64 (accurate to ~1e-6), computed
        in blocks of at most ``max_bytes`` of working arrays (two of them at a time).

        Each loss is written max(t, 0) + log(1 + e^(−|t|)); the logs of up to ``_CHUNK`` factors
        are taken as one log of their product (one ``log`` per chunk instead of one per example:
        the slowest part otherwise).
        """
        m = self.y.shape[0]
        a, p = (self.q * self.u).astype(np.float32), (self.q * self.v).astype(np.float32)
        s = np.asarray(s_values, dtype=np.float32)
        b = np.asarray(b_values, dtype=np.float32)
        q = self.q.astype(np.float32)
        cuts = np.arange(0, m, _CHUNK)
        out = np.empty((s.shape[0], b.shape[0]))
        for rows, cols in grid_blocks(len(s), len(b), m, 4, max_bytes // 2):
            t = (a[None, :] + s[rows, None] * p[None, :])[:, None, :] + (b[cols, None] * q[None, :])[None, :, :]
            e = np.abs(t)
            np.negative(e, out=e)
            np.exp(e, out=e)
            e += 1.0
            logs = np.log(np.multiply.reduceat(e, cuts, axis=-1)).sum(axis=-1, dtype=np.float64)
            del e
            np.maximum(t, 0.0, out=t)
            out[rows, cols] = t.sum(axis=-1, dtype=np.float64) + logs
        return out / m

    def at(self, s: np.ndarray, b: np.ndarray) -> np.ndarray:
        """J at the points (s[k], b[k]) of the plane (float64, exact)."""
        s, b = np.atleast_1d(s).astype(np.float64), np.atleast_1d(b).astype(np.float64)
        z = self.u[None, :] + s[:, None] * self.v[None, :] + b[:, None]
        return np.logaddexp(0.0, self.q[None, :] * z).mean(axis=1)

    def through(self, z: np.ndarray, ds: np.ndarray, db: np.ndarray) -> np.ndarray:
        """J at the points moved by (ds·d, db) from a point whose logits are z (on the plane or not).

        O(m) per point and cheap enough to redo at every update (the 1-D pictures): one ``exp`` per
        example and point, and one ``log`` per chunk of examples (see :func:`mean_losses`)."""
        ds, db = np.atleast_1d(ds).astype(np.float64), np.atleast_1d(db).astype(np.float64)
        qz = self.q * np.asarray(z, dtype=np.float64)
        return mean_losses(qz[None, :] + ds[:, None] * self.qv[None, :] + db[:, None] * self.q[None, :])

    def logits(self, w: np.ndarray, b: float) -> np.ndarray:
        """z = Xw + b of any point (one pass over X): for a point off the plane."""
        return (self.X @ np.asarray(w).astype(self.X.dtype)).astype(np.float64) + b

    def cost_of(self, z: np.ndarray) -> float:
        """J at the point whose logits are z."""
        return float(self.through(z, np.zeros(1), np.zeros(1))[0])

    def slopes(self, z: np.ndarray) -> tuple[float, float]:
        """(dJ/ds, dJ/db) at the point whose logits are z: mean(dz·v) and mean(dz)."""
        dz = self.dz(np.asarray(z, dtype=np.float64))
        return float(np.mean(dz * self.v)), float(np.mean(dz))

    def dz(self, z: np.ndarray) -> np.ndarray:
        """dL/dz of each example: σ(z) − y for the cross-entropy."""
        return 0.5 * (1.0 + np.tanh(0.5 * z)) - self.y

    def coords(self, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Slice coordinate s of one w (n,) or many (k, n), and the distance off the plane."""
        return project(w, self.w0, self.d)


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


def slice_costs(X: np.ndarray, y: np.ndarray, w0: np.ndarray, d: np.ndarray,
                s_values: np.ndarray, b_values: np.ndarray) -> np.ndarray:
    """``J[i, j] = J(w₀ + s_values[i]·d, b_values[j])``: see :meth:`Plane.grid`."""
    return Plane(X, y, w0, d).grid(s_values, b_values)


def project(w: np.ndarray, w0: np.ndarray, d: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Slice coordinate s = d·(w − w₀) of one w (n,) or many (k, n), and the distance off the slice."""
    delta = np.atleast_2d(w) - w0
    s = delta @ d
    off = np.sqrt(np.maximum(np.einsum("ij,ij->i", delta, delta) - s * s, 0.0))
    return (s, off) if np.ndim(w) == 2 else (s[0], off[0])


@dataclass(frozen=True)
class Direction:
    """A unit direction d in w-space, and the share of the path's spread it captures (0…1)."""

    d: np.ndarray
    share: float
    kind: str  # "gradient", "travel", "principal" or "only" (one weight: the whole space)

    def describe(self) -> str:
        what = {"only": "the only weight",
                "gradient": "the first step's direction (−dw at w₀)",
                "travel": "the direction w has moved",
                "principal": "the path's first principal component"}[self.kind]
        return f"along {what} · path {100 * self.share:.1f} % in-plane"


def _unit(v: np.ndarray) -> np.ndarray | None:
    norm = float(np.linalg.norm(v))
    return v / norm if norm > 0 and np.isfinite(norm) else None


def travel_share(path: np.ndarray, d: np.ndarray) -> float:
    """Of the path's squared distance from its start, the share that lies along d."""
    delta = path - path[0]
    total = float(np.einsum("ij,ij->", delta, delta))
    return float(np.sum((delta @ d) ** 2) / total) if total > 0 else 1.0


def gradient_direction(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float) -> Direction:
    """−dw at (w, b): where the next step will go. Used before w has moved at all."""
    z = (X @ w.astype(X.dtype)).astype(np.float64) + b
    a = 0.5 * (1.0 + np.tanh(0.5 * z))
    dw = ((a - y).astype(X.dtype) @ X).astype(np.float64)
    d = _unit(-dw)
    if d is None:  # at a stationary point: any axis will do
        d = np.zeros(w.shape[0])
        d[0] = 1.0
    return Direction(d, 1.0, "gradient")


def path_direction(path: np.ndarray, principal: bool = True) -> Direction | None:
    """The direction of a path of weights (k, n): its first principal component (oriented the way
    the path travels) or, with ``principal=False``, the straight line from start to end."""
    path = np.asarray(path, dtype=np.float64)
    travel = _unit(path[-1] - path[0]) if len(path) > 1 else None
    if travel is None:
        return None
    if not principal or len(path) < 3:
        return Direction(travel, travel_share(path, travel), "travel")
    # the top right-singular vector of the centred path from its k × k Gram matrix (k ≤ 64 points,
    # n up to 12,288+): the same direction as an SVD of the k × n path at a fraction of its cost.
    # The Gram matrix is centred, not the path: no k × n copy (half the time at the course's n)
    gram = path @ path.T
    row = gram.mean(axis=0)
    evals, evecs = np.linalg.eigh(gram - row[:, None] - row[None, :] + row.mean())
    top = _unit(path.T @ evecs[:, -1] - path.mean(axis=0) * evecs[:, -1].sum())
    if top is None:
        return Direction(travel, travel_share(path, travel), "travel")
    d = top if top @ travel >= 0 else -top
    return Direction(d, float(evals[-1] / np.sum(np.maximum(evals, 0.0))), "principal")


def span(values: np.ndarray, margin: float = 0.25, minimum: float = 1.0) -> tuple[float, float]:
    """A range around ``values`` with a relative margin, at least ``minimum`` wide."""
    lo, hi = float(np.min(values)), float(np.max(values))
    pad = max((hi - lo) * margin, (minimum - (hi - lo)) / 2, 0.0)
    return lo - pad, hi + pad
