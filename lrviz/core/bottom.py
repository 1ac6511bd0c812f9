"""The lowest point of J on a slice, if it has one.

On the plane z = u + s·v + b the cross-entropy J(s, b) is convex, so it has one lowest point or
none: when the training examples can be separated along the slice, J keeps falling towards 0 as
the point moves away. Damped Newton in two variables (O(m) a step) finds the lowest point, or
reports that the search ran beyond a generous range, or that J was still falling there.
"""

from __future__ import annotations

import numpy as np

from lrviz.core.surface import Plane


def _cost_grad_hess(plane: Plane, s: float, b: float) -> tuple[float, np.ndarray, np.ndarray]:
    z = plane.u + s * plane.v + b
    J = float(np.mean(np.logaddexp(0.0, plane.q * z)))
    a = 0.5 * (1.0 + np.tanh(0.5 * z))
    r = a - plane.y
    w = a * (1.0 - a)
    g = np.array([np.mean(r * plane.v), np.mean(r)])
    H = np.array([[np.mean(w * plane.v ** 2), np.mean(w * plane.v)], [np.mean(w * plane.v), np.mean(w)]])
    return J, g, H


def find_bottom(plane: Plane, start: tuple[float, float], reach: float,
                steps: int = 60) -> tuple[float, float, float] | None:
    """(s*, b*, J*) where J is lowest on the plane, or None when there is no lowest point within
    ``reach`` of ``start`` (in s and in b)."""
    s, b = map(float, start)
    J, g, H = _cost_grad_hess(plane, s, b)
    for _ in range(steps):
        gnorm = float(np.hypot(*g))
        if gnorm < 1e-10 * max(1.0, J):
            break
        damping = 1e-9 * max(float(np.trace(H)), 1e-12)
        try:
            step = -np.linalg.solve(H + damping * np.eye(2), g)
        except np.linalg.LinAlgError:
            step = -g
        t = 1.0
        while t > 1e-8:  # backtracking: accept a step that lowers J enough
            s_new, b_new = s + t * step[0], b + t * step[1]
            J_new = float(np.mean(np.logaddexp(0.0, plane.q * (plane.u + s_new * plane.v + b_new))))
            if J_new <= J + 1e-4 * t * float(g @ step):
                break
            t /= 2
        else:
            break
        s, b = s_new, b_new
        if abs(s - start[0]) > reach or abs(b - start[1]) > reach:
            return None  # ran away: J keeps falling along the slice
        J, g, H = _cost_grad_hess(plane, s, b)
    # a true lowest point: tiny gradient and a curved (not flat) bowl there
    if np.hypot(*g) > 1e-6 * max(1.0, J) or np.linalg.eigvalsh(H)[0] < 1e-9:
        return None
    return s, b, J
