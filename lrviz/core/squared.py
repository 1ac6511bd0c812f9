"""Why not squared error? J on the same slice of parameter space for the lecture's first guess,
L = ½(ŷ − y)², beside the cross-entropy. With z = z₀ + s·p + t·q on the slice (see
:class:`lrviz.core.surface.Plane`), the squared error has a closed form in z too, so a whole grid
still costs no pass over X: O(m) per grid point, in blocks."""

from __future__ import annotations

import numpy as np

from lrviz.core.surface import GRID_CHUNK_BYTES, Plane, grid_blocks


class SquaredErrorPlane(Plane):
    """The same slice as :class:`Plane`, with J the squared-error cost mean ½(σ(z) − y)²."""

    loss = "squared_error"

    def grid(self, s_values: np.ndarray, t_values: np.ndarray, max_bytes: int = GRID_CHUNK_BYTES) -> np.ndarray:
        return squared_error_grid(self, s_values, t_values, max_bytes)

    def costs(self, Z: np.ndarray) -> np.ndarray:
        a = 0.5 * (1.0 + np.tanh(0.5 * Z))   # σ(z) without overflow
        return 0.5 * np.mean((a - self.y) ** 2, axis=-1)

    def dz(self, z: np.ndarray) -> np.ndarray:
        a = 0.5 * (1.0 + np.tanh(0.5 * z))
        return (a - self.y) * a * (1.0 - a)  # dL/dz of ½(a − y)²


PLANES = {"cross_entropy": Plane, "squared_error": SquaredErrorPlane}


def plane_for(loss: str, spec, solver, y: np.ndarray) -> Plane:
    """The slice ``spec`` (:class:`lrviz.core.planes.PlaneSpec`) evaluated for ``loss``."""
    return PLANES[loss].of(spec, solver, y)


def squared_error_grid(plane: Plane, s_values: np.ndarray, t_values: np.ndarray,
                       max_bytes: int = GRID_CHUNK_BYTES) -> np.ndarray:
    """``J[i, j] = mean ½(σ(z) − y)²`` at (s_values[i], t_values[j]), in blocks of at most
    ``max_bytes`` of working arrays (float64, two at a time)."""
    s = np.asarray(s_values, dtype=np.float64)
    t = np.asarray(t_values, dtype=np.float64)
    out = np.empty((len(s), len(t)))
    for rows, cols in grid_blocks(len(s), len(t), len(plane.y), 8, max_bytes // 2):
        z = (plane.z0[None, :] + s[rows, None] * plane.p[None, :])[:, None, :] + \
            t[None, cols, None] * plane.q[None, None, :]
        np.multiply(z, 0.5, out=z)
        np.tanh(z, out=z)
        z += 1.0
        z *= 0.5                             # σ(z) = ½(1 + tanh(z/2)), without overflow
        z -= plane.y
        np.square(z, out=z)
        out[rows, cols] = 0.5 * np.mean(z, axis=-1)
    return out


def cross_entropy_grid(plane: Plane, s_values: np.ndarray, t_values: np.ndarray) -> np.ndarray:
    """The cross-entropy on the same grid (the plane's own fast grid)."""
    return Plane(plane.y, plane.z0, plane.p, plane.q).grid(s_values, t_values)


def second_differences(J: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Second differences of a grid along each axis: ≥ 0 everywhere where J is convex along it."""
    return np.diff(J, n=2, axis=0), np.diff(J, n=2, axis=1)
