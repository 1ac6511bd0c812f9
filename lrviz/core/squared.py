"""Why not squared error? J on the same slice of parameter space for the lecture's first guess,
L = ½(ŷ − y)², beside the cross-entropy. With z = u + s·v + b on the slice (see
:class:`lrviz.core.surface.Plane`), the squared error has a closed form in z too, so a whole grid
still costs no pass over X: O(m) per grid point, in blocks."""

from __future__ import annotations

import numpy as np

from lrviz.core.surface import Plane


def squared_error_grid(plane: Plane, s_values: np.ndarray, b_values: np.ndarray, block: int = 16) -> np.ndarray:
    """``J[i, j] = mean ½(σ(z) − y)²`` at w₀ + s_values[i]·d, b_values[j]."""
    s = np.asarray(s_values, dtype=np.float64)
    b = np.asarray(b_values, dtype=np.float64)
    out = np.empty((len(s), len(b)))
    for i in range(0, len(s), block):
        z = (plane.u[None, :] + s[i:i + block, None] * plane.v[None, :])[:, None, :] + b[None, :, None]
        a = 0.5 * (1.0 + np.tanh(0.5 * z))   # σ(z) without overflow
        out[i:i + block] = 0.5 * np.mean((a - plane.y) ** 2, axis=-1)
    return out


def cross_entropy_grid(plane: Plane, s_values: np.ndarray, b_values: np.ndarray) -> np.ndarray:
    """The cross-entropy on the same grid (the plane's own fast grid)."""
    return plane.grid(s_values, b_values)


def second_differences(J: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Second differences of a grid along each axis: ≥ 0 everywhere where J is convex along it."""
    return np.diff(J, n=2, axis=0), np.diff(J, n=2, axis=1)
