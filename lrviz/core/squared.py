"""Why not squared error? J on the same slice of parameter space for the lecture's first guess,
L = ½(ŷ − y)², beside the cross-entropy. With z = u + s·v + b on the slice (see
:class:`lrviz.core.surface.Plane`), the squared error has a closed form in z too, so a whole grid
still costs no pass over X: O(m) per grid point, in blocks."""

from __future__ import annotations

import numpy as np

from lrviz.core.surface import GRID_CHUNK_BYTES, Plane, grid_blocks


class SquaredErrorPlane(Plane):
    """The same slice as :class:`Plane`, with J the squared-error cost mean ½(σ(z) − y)²."""

    loss = "squared_error"

    def grid(self, s_values: np.ndarray, b_values: np.ndarray, max_bytes: int = GRID_CHUNK_BYTES) -> np.ndarray:
        return squared_error_grid(self, s_values, b_values, max_bytes)

    def at(self, s: np.ndarray, b: np.ndarray) -> np.ndarray:
        s, b = np.atleast_1d(s).astype(np.float64), np.atleast_1d(b).astype(np.float64)
        return self._mean(self.u[None, :] + s[:, None] * self.v[None, :] + b[:, None])

    def through(self, z: np.ndarray, ds: np.ndarray, db: np.ndarray) -> np.ndarray:
        ds, db = np.atleast_1d(ds).astype(np.float64), np.atleast_1d(db).astype(np.float64)
        return self._mean(np.asarray(z, dtype=np.float64)[None, :] + ds[:, None] * self.v[None, :] + db[:, None])

    def dz(self, z: np.ndarray) -> np.ndarray:
        a = 0.5 * (1.0 + np.tanh(0.5 * z))
        return (a - self.y) * a * (1.0 - a)  # dL/dz of ½(a − y)²

    def _mean(self, z: np.ndarray) -> np.ndarray:
        a = 0.5 * (1.0 + np.tanh(0.5 * z))   # σ(z) without overflow
        return 0.5 * np.mean((a - self.y) ** 2, axis=-1)


def plane_for(loss: str, X: np.ndarray, y: np.ndarray, w0: np.ndarray, d: np.ndarray) -> Plane:
    """The slice's evaluator for ``loss`` ("cross_entropy" or "squared_error")."""
    return SquaredErrorPlane(X, y, w0, d) if loss == "squared_error" else Plane(X, y, w0, d)


def squared_error_grid(plane: Plane, s_values: np.ndarray, b_values: np.ndarray,
                       max_bytes: int = GRID_CHUNK_BYTES) -> np.ndarray:
    """``J[i, j] = mean ½(σ(z) − y)²`` at w₀ + s_values[i]·d, b_values[j], in blocks of at most
    ``max_bytes`` of working arrays (float64, two at a time)."""
    s = np.asarray(s_values, dtype=np.float64)
    b = np.asarray(b_values, dtype=np.float64)
    out = np.empty((len(s), len(b)))
    for rows, cols in grid_blocks(len(s), len(b), len(plane.y), 8, max_bytes // 2):
        z = (plane.u[None, :] + s[rows, None] * plane.v[None, :])[:, None, :] + b[None, cols, None]
        np.multiply(z, 0.5, out=z)
        np.tanh(z, out=z)
        z += 1.0
        z *= 0.5                             # σ(z) = ½(1 + tanh(z/2)), without overflow
        z -= plane.y
        np.square(z, out=z)
        out[rows, cols] = 0.5 * np.mean(z, axis=-1)
    return out


def cross_entropy_grid(plane: Plane, s_values: np.ndarray, b_values: np.ndarray) -> np.ndarray:
    """The cross-entropy on the same grid (the plane's own fast grid)."""
    return plane.grid(s_values, b_values)


def second_differences(J: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Second differences of a grid along each axis: ≥ 0 everywhere where J is convex along it."""
    return np.diff(J, n=2, axis=0), np.diff(J, n=2, axis=1)
