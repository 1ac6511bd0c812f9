"""J(w, b) on a 2-D slice of the (n + 1)-dimensional parameter space: the bowl one can draw.

The slice is the plane θₒ + s·u + t·v (chosen by :mod:`lrviz.core.planes`). Since the logits are
linear in θ, z = z₀ + s·X̃u + t·X̃v on it: a whole grid costs one pass over X (for X̃u and X̃v) and
O(m · grid) arithmetic, never a forward pass per grid point.
"""

from __future__ import annotations

import numpy as np

from lrviz.core import losses
from lrviz.core.blocks import GRID_CHUNK_BYTES, grid_blocks

__all__ = ["GRID_CHUNK_BYTES", "Plane", "grid_blocks", "span"]


class Plane:
    """J on a plane of parameter space, bound to the data: J anywhere on it in O(m) per point.

    On the plane θₒ + s·u + t·v (see :mod:`lrviz.core.planes`) every example's logit is
    z = z₀ + s·p + t·q, with z₀ the logits at θₒ and p = X̃u, q = X̃v (X̃: X with a column of ones for
    b). Building it costs one pass over X (:meth:`of`); after that no pass over X is needed. J is
    the cost of ``loss`` (a registered loss's name, :mod:`lrviz.core.losses`): the loss computes it,
    so every loss has its surface, its 1-D pictures and their slopes with no class of its own.
    """

    def __init__(self, y: np.ndarray, z0: np.ndarray, p: np.ndarray, q: np.ndarray, loss: str = losses.DEFAULT):
        self.y = np.asarray(y, dtype=np.float64).ravel()
        self.z0, self.p, self.q = (np.asarray(v, dtype=np.float64) for v in (z0, p, q))
        self.loss = losses.get(loss)

    @classmethod
    def of(cls, spec, solver, y: np.ndarray, loss: str = losses.DEFAULT) -> Plane:
        """The plane ``spec`` (a :class:`lrviz.core.planes.PlaneSpec`) on the data ``solver`` holds."""
        state = np.asarray(spec.origin_state).astype(solver.initial_state().dtype)  # the solver's own type
        z0 = solver.wx(state) + spec.origin_b
        pq = (solver.X @ spec.axes[:, :-1].T.astype(solver.X.dtype)).astype(np.float64) + spec.axes[:, -1]
        return cls(y, z0, pq[:, 0], pq[:, 1], loss)

    def grid(self, s_values: np.ndarray, t_values: np.ndarray, max_bytes: int = GRID_CHUNK_BYTES) -> np.ndarray:
        """``J[i, j]`` at (s_values[i], t_values[j]) as float64, computed by the loss in blocks of at
        most ``max_bytes`` of working arrays (:meth:`lrviz.core.losses.Loss.grid`; the cross-entropy's
        is float32-accurate, ~1e-6, and twice as fast)."""
        return self.loss.grid(self, s_values, t_values, max_bytes)

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
        return self.loss.costs(Z, self.y)

    def cost_of(self, z: np.ndarray) -> float:
        """J at the point whose logits are z."""
        return float(self.costs(np.asarray(z, dtype=np.float64)[None, :])[0])

    def slopes(self, z: np.ndarray) -> tuple[float, float]:
        """(dJ/ds, dJ/dt) at the point whose logits are z: mean(dz·p) and mean(dz·q), the gradient
        (dw, db) the trainer computes there, along each axis."""
        dz = self.loss.dz(np.asarray(z, dtype=np.float64), self.y)
        return float(np.mean(dz * self.p)), float(np.mean(dz * self.q))


def span(values: np.ndarray, margin: float = 0.25, minimum: float = 1.0) -> tuple[float, float]:
    """A range around ``values`` with a relative margin, at least ``minimum`` wide."""
    lo, hi = float(np.min(values)), float(np.max(values))
    pad = max((hi - lo) * margin, (minimum - (hi - lo)) / 2, 0.0)
    return lo - pad, hi + pad
