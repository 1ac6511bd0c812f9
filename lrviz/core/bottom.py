"""The lowest point of J on a slice, if it has one.

On the plane z = z₀ + s·p + t·q the J(s, t) of a convex loss (the cross-entropy) is convex, so it has
one lowest point or none: when the training examples can be separated along the slice, the
cross-entropy's J keeps falling towards 0 as the point moves away. Damped Newton in two variables
(O(m) a step, with the loss's dL/dz and d²L/dz²) finds the lowest point, or reports that the search
ran beyond a generous range, or that J was still falling there. A loss that is not convex has no
lowest point to claim: it is never asked.
"""

from __future__ import annotations

import numpy as np

from lrviz.core.surface import Plane


def _cost(plane: Plane, z: np.ndarray) -> float:
    return float(np.mean(plane.loss.losses(z, plane.y)))


def _cost_grad_hess(plane: Plane, s: float, t: float) -> tuple[float, np.ndarray, np.ndarray]:
    p, q = plane.p, plane.q
    z = plane.z0 + s * p + t * q
    J = _cost(plane, z)
    r = plane.loss.dz(z, plane.y)
    w = plane.loss.curvature(z, plane.y)
    g = np.array([np.mean(r * p), np.mean(r * q)])
    H = np.array([[np.mean(w * p * p), np.mean(w * p * q)], [np.mean(w * p * q), np.mean(w * q * q)]])
    return J, g, H


def find_bottom(plane: Plane, start: tuple[float, float], reach: float,
                steps: int = 60) -> tuple[float, float, float] | None:
    """(s*, t*, J*) where J is lowest on the plane, or None when there is no lowest point within
    ``reach`` of ``start`` (in s and in t). The plane's loss must be convex."""
    if not plane.loss.convex:
        raise ValueError(f"{plane.loss.name} is not convex: a lowest point found would be one of many")
    s, t = map(float, start)
    J, g, H = _cost_grad_hess(plane, s, t)
    for _ in range(steps):
        gnorm = float(np.hypot(*g))
        if gnorm < 1e-10 * max(1.0, J):
            break
        damping = 1e-9 * max(float(np.trace(H)), 1e-12)
        try:
            step = -np.linalg.solve(H + damping * np.eye(2), g)
        except np.linalg.LinAlgError:
            step = -g
        k = 1.0
        while k > 1e-8:  # backtracking: accept a step that lowers J enough
            s_new, t_new = s + k * step[0], t + k * step[1]
            J_new = _cost(plane, plane.z0 + s_new * plane.p + t_new * plane.q)
            if J_new <= J + 1e-4 * k * float(g @ step):
                break
            k /= 2
        else:
            break
        s, t = s_new, t_new
        if abs(s - start[0]) > reach or abs(t - start[1]) > reach:
            return None  # ran away: J keeps falling along the slice
        J, g, H = _cost_grad_hess(plane, s, t)
    # a true lowest point: tiny gradient and a curved (not flat) bowl there
    if np.hypot(*g) > 1e-6 * max(1.0, J) or np.linalg.eigvalsh(H)[0] < 1e-9:
        return None
    return s, t, J
