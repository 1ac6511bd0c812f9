"""How sharply J curves, and in which directions: the top eigenvalues of its Hessian.

Over the n + 1 parameters θ = (w, b), H = (1/m)·X̃ᵀ·diag(h)·X̃, where X̃ is X with a column of ones
(for b) and h = d²L/dz² of each example (the loss's :meth:`lrviz.core.losses.Loss.curvature`:
a(1 − a) for the cross-entropy). Along an eigen-direction with eigenvalue λ, J is close to a parabola
of curvature λ, and a gradient-descent step multiplies the distance to its lowest point by (1 − α·λ):
with α·λ < 1 the steps creep towards it, between 1 and 2 they overshoot and come back less far each
time, above 2 each bounce is wider than the last.

λ is found by Lanczos iteration with a few Hessian-vector products H·v = (1/m)·X̃ᵀ(h ⊙ X̃v), two
passes over X each, or — in the Gram form, when m ≪ n — on the coefficients c of θ = X̃ᵀc = (Xᵀc,
Σc), where a product is one m × m product (every direction a step can take lies in that span).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np

from lrviz.core import losses

CREEP, BOUNCE = 1.0, 2.0  # the thresholds of α·λ (see the module's docstring)


class PrimalSpace:
    """Vectors θ = (w, b) of n + 1 values with the usual inner product; H·θ is two passes over X."""

    def __init__(self, X: np.ndarray, h: np.ndarray):
        self.X, self.h = X, np.asarray(h, dtype=np.float64)
        self.dim = X.shape[1] + 1

    def metric(self, v: np.ndarray) -> np.ndarray:
        return v

    def apply(self, v: np.ndarray, Mv: np.ndarray) -> np.ndarray:
        z = (self.X @ v[:-1].astype(self.X.dtype)).astype(np.float64) + v[-1]
        g = self.h * z / len(self.h)
        return np.append((g.astype(self.X.dtype) @ self.X).astype(np.float64), g.sum())

    def to_theta(self, v: np.ndarray) -> np.ndarray:
        return np.asarray(v, dtype=np.float64)

    def first_vector(self) -> np.ndarray:
        """A start that is no eigenvector by accident (seeded: the same result every time)."""
        return np.random.default_rng(0).standard_normal(self.dim)


class GramSpace:
    """Coefficients c (m) of θ = X̃ᵀc = (Xᵀc, Σc), with ⟨c, d⟩ = cᵀK̃d, K̃ = XXᵀ + 11ᵀ: then H·X̃ᵀc
    = X̃ᵀ((1/m)·h ⊙ K̃c), so a product is the K̃c that the inner products need anyway."""

    def __init__(self, K: np.ndarray, X: np.ndarray, h: np.ndarray):
        self.K, self.X, self.h = K, X, np.asarray(h, dtype=np.float64)
        self.dim = K.shape[0]

    def metric(self, c: np.ndarray) -> np.ndarray:
        return (self.K @ c.astype(self.K.dtype)).astype(np.float64) + c.sum()

    def apply(self, c: np.ndarray, Mc: np.ndarray) -> np.ndarray:
        return self.h * Mc / len(self.h)

    def to_theta(self, c: np.ndarray) -> np.ndarray:
        return np.append((c.astype(self.X.dtype) @ self.X).astype(np.float64), c.sum())

    def first_vector(self) -> np.ndarray:
        return np.random.default_rng(0).standard_normal(self.dim)


@dataclass(eq=False)
class Curvature:
    """The top eigenvalues λ₁ ≥ λ₂ … of H at one point, and their eigenvectors.

    ``start`` is the top eigenvector in the space the products ran in: the next point's search
    starts there and needs few products. ``directions()`` gives the eigenvectors as unit (w, b)
    directions (one pass over X each in the Gram form, so only when asked)."""

    values: np.ndarray
    start: np.ndarray
    converged: bool
    products: int
    _vectors: np.ndarray = field(repr=False, default=None)
    _space: object = field(repr=False, default=None)
    _theta: np.ndarray | None = field(repr=False, default=None)

    @property
    def lambda_max(self) -> float:
        return float(self.values[0])

    def directions(self) -> np.ndarray:
        """(k × (n + 1)) unit eigenvectors in θ = (w, b)."""
        if self._theta is None:
            V = np.stack([self._space.to_theta(v) for v in self._vectors])
            self._theta = V / np.linalg.norm(V, axis=1, keepdims=True)
        return self._theta


def lanczos(space, start: np.ndarray | None = None, k: int = 2, steps: int = 40, tol: float = 1e-6,
            seconds: float | None = None) -> tuple[np.ndarray, np.ndarray, bool, int]:
    """The k largest eigenpairs of the space's operator by Lanczos with full re-orthogonalisation
    (Rayleigh–Ritz on the Krylov basis): (values, vectors as rows, converged, products). Stops when
    each pair's residual is below ``tol`` × λ₁, after ``steps`` products, or after ``seconds``."""
    began = time.perf_counter()
    q = np.asarray(space.first_vector() if start is None else start, dtype=np.float64)
    Mq = space.metric(q)
    norm = math.sqrt(max(float(q @ Mq), 0.0))
    if not norm > 0:
        q = space.first_vector()
        Mq = space.metric(q)
        norm = math.sqrt(float(q @ Mq))
    Q, MQ, AQ = [q / norm], [Mq / norm], []
    values, vectors, converged = np.zeros(k), np.stack([Q[0]] * k), False
    rng = np.random.default_rng(1)
    for _ in range(max(1, steps)):
        j = len(AQ)
        AQ.append(space.apply(Q[j], MQ[j]))
        T = np.array(MQ) @ np.array(AQ).T
        T = (T + T.T) / 2                     # ⟨qᵢ, A qⱼ⟩: symmetric but for rounding
        evals, evecs = np.linalg.eigh(T)
        order = np.argsort(evals)[::-1][:k]
        values, Y = evals[order], evecs[:, order]
        vectors = Y.T @ np.array(Q)
        w = AQ[j] - np.array(Q).T @ (np.array(MQ) @ AQ[j])
        w -= np.array(Q).T @ (np.array(MQ) @ w)  # twice: orthogonal to rounding
        Mw = space.metric(w)
        beta = math.sqrt(max(float(w @ Mw), 0.0))
        scale = max(abs(values[0]), 1e-300)
        if len(Q) >= k and bool(np.all(beta * np.abs(Y[-1]) <= tol * scale)) or len(Q) >= space.dim:
            converged = True
            break
        if seconds is not None and time.perf_counter() - began > seconds:
            break
        if beta <= 1e-12 * scale:  # an invariant subspace (the start was an eigenvector): go on from a
            w = rng.standard_normal(space.dim)  # new direction, so that the next pairs are found too
            for _ in range(2):
                w -= np.array(Q).T @ (np.array(MQ) @ w)
            Mw = space.metric(w)
            beta = math.sqrt(max(float(w @ Mw), 0.0))
        Q.append(w / beta)
        MQ.append(Mw / beta)
    return np.pad(values, (0, k - len(values))), vectors, converged, len(AQ)


def hessian_top(solver, z: np.ndarray, y: np.ndarray, loss: str = losses.DEFAULT, k: int = 2,
                start: np.ndarray | None = None, steps: int = 40, tol: float = 1e-6,
                seconds: float | None = None) -> Curvature:
    """The top k eigenpairs of the Hessian of J at the point whose logits are z, on the data the
    trainer's ``solver`` holds (:mod:`lrviz.core.solvers`), for the registered loss named ``loss``;
    ``start``: a previous result's :attr:`Curvature.start`, so that few products are needed."""
    h = losses.get(loss).curvature(z, y)  # d²L/dz² of each example; an unknown loss is refused first
    space = solver.curvature_space(h)
    if start is not None and start.shape != (space.dim,):
        start = None  # another solver's space (a new run): start afresh
    values, vectors, converged, products = lanczos(space, start, k, steps, tol, seconds)
    return Curvature(values, vectors[0], converged, products, vectors, space)


def regime(alpha_lambda: float) -> str:
    """What steps across the steepest direction do at this α·λ: "creep" (< 1), "overshoot"
    (1 … 2: they bounce back less each time) or "grow" (> 2: each bounce is wider)."""
    if alpha_lambda < CREEP:
        return "creep"
    return "overshoot" if alpha_lambda < BOUNCE else "grow"
