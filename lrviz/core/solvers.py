"""Two exact ways to run the course's full-batch gradient descent on X (m × n).

Both produce the same iterates wₜ (to rounding); the trainer picks one by the data's shape.

* ``Primal`` keeps w (n values): each step is z = Xw (one pass over X) and dw = Xᵀ(A − Y)/m (one more).
* ``Gram`` uses that every update w := w − α·Xᵀ(A − Y)/m adds a combination of X's rows, so
  wₜ = w₀ + Xᵀ·aₜ for a vector aₜ of m coefficients. With K = XXᵀ (m × m, computed once),
  z = Xw₀ + K·aₜ and the update is aₜ := aₜ − α(A − Y)/m. When m ≪ n (the course: 209 vs 12288)
  an iteration costs O(m²) instead of O(mn); w itself is formed only when asked for.

A solver holds the data; the changing state (w or a) is passed in and returned, never kept, so the
trainer can replay any past iteration from a checkpoint through exactly the same arithmetic.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from lrviz.core.curvature import GramSpace, PrimalSpace


class Primal:
    name = "primal"

    def __init__(self, X: np.ndarray, dtype: np.dtype, w0: np.ndarray):
        self.X = np.ascontiguousarray(X, dtype=dtype)
        self.dtype = np.dtype(dtype)
        self.w0 = w0
        self.X_test: np.ndarray | None = None

    def initial_state(self) -> np.ndarray:
        return self.w0.astype(self.dtype)

    def wx(self, w: np.ndarray) -> np.ndarray:
        return (self.X @ w).astype(np.float64)

    def propose(self, w: np.ndarray, dz: np.ndarray, lr: float,
                grad: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The next w and its Xw; ``grad``: dz·X if already known (the trainer's gradient())."""
        grad = dz.astype(self.dtype) @ self.X if grad is None else grad  # m · dw
        w_new = w - self.dtype.type(lr / self.X.shape[0]) * grad
        return w_new, self.wx(w_new)

    def propose_many(self, W: np.ndarray, dZ: np.ndarray, step: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`propose` for k runs at once: rows of W (k × n), dZ (k × m), and ``step`` the
        column (k × 1) of each run's α/m. Two matrix-matrix products instead of 2k matrix-vector ones."""
        grad = dZ.astype(self.dtype) @ self.X  # (k × n): each row m · dw
        W_new = W - step.astype(self.dtype) * grad
        return W_new, (W_new @ self.X.T).astype(np.float64)

    def weights(self, w: np.ndarray) -> np.ndarray:
        return w.astype(np.float64)

    def weights_many(self, states: list[np.ndarray]) -> np.ndarray:
        return np.stack(states).astype(np.float64)

    def attach_test(self, X_test: np.ndarray) -> None:
        self.X_test = np.ascontiguousarray(X_test, dtype=self.dtype)

    def test_wx(self, w: np.ndarray) -> np.ndarray:
        """X_test·w (for a (k × n) stack of states: one row per state)."""
        return (self.X_test @ w if w.ndim == 1 else w @ self.X_test.T).astype(np.float64)

    # -- geometry of the path (see lrviz.core.planes), on displacements D between states --------
    def pull(self, V: np.ndarray) -> np.ndarray:
        """w-directions, the rows of V (j × n), as P (dim × j) such that D @ P dots each state
        displacement's w-part with each: here P = Vᵀ."""
        return np.atleast_2d(V).T.astype(np.float64)

    def gram_of(self, D: np.ndarray) -> np.ndarray:
        """The inner products of the w-displacements of the rows of D: (k × k)."""
        D = np.atleast_2d(D).astype(np.float64)
        return D @ D.T

    def sqnorms(self, D: np.ndarray) -> np.ndarray:
        """‖w-displacement‖² of each row of D."""
        D = np.atleast_2d(D).astype(np.float64)
        return np.einsum("ij,ij->i", D, D)

    def combine(self, coefficients: np.ndarray, D: np.ndarray) -> np.ndarray:
        """Σᵢ cᵢ·(w-displacement of Dᵢ): a w-direction made of the path's points."""
        return coefficients @ np.atleast_2d(D).astype(np.float64)

    def curvature_space(self, h: np.ndarray) -> PrimalSpace:
        """The Hessian (1/m)·X̃ᵀ·diag(h)·X̃ as an operator on (w, b) (see lrviz.core.curvature)."""
        return PrimalSpace(self.X, h)


GRAM_MAX_BYTES = 2 * 2**30   # K (m × m) may take at most this: m ≈ 16,000 in float64, 23,000 in float32
GRAM_FLOAT64_BYTES = 256 * 2**20  # K is float64 up to this (m ≈ 5,800; the course's 209 keeps its table
#                                   exact only so: with a float32 K one printed cost moves in its 6th
#                                   digit); beyond, K is in the data's float32: half the memory and time
GRAM_BLOCK = 2048            # columns of X converted to float64 at a time


def gram_itemsize(m: int, itemsize: int) -> int:
    """Bytes per entry of K for m examples of data with ``itemsize`` bytes per value."""
    return 8 if itemsize == 8 or 8 * m * m <= GRAM_FLOAT64_BYTES else 4


def gram_matrix(X: np.ndarray, block: int = GRAM_BLOCK, other: np.ndarray | None = None,
                dtype=np.float64) -> np.ndarray:
    """K = X Xᵀ (or X·otherᵀ) in float64, from float64 copies of ``block`` columns at a time: a
    float32 X is never copied whole (the course's 209 × 12,288: 2.6 MB at a time instead of 20.5 MB).
    With ``dtype`` float32: straight from a float32 X, no copies at all."""
    Y = X if other is None else other
    if np.dtype(dtype) == np.float32:
        return X @ Y.T
    if (X.dtype == np.float64 and Y.dtype == np.float64) or X.shape[1] <= block:
        X64 = X.astype(np.float64, copy=False)
        return X64 @ (X64 if other is None else Y.astype(np.float64, copy=False)).T  # syrk for A @ A.T
    K = np.zeros((X.shape[0], Y.shape[0]))
    for j in range(0, X.shape[1], block):
        part = X[:, j:j + block].astype(np.float64)
        K += part @ (part if other is None else Y[:, j:j + block].astype(np.float64)).T
    return K


def _times(K: np.ndarray, a: np.ndarray, Kt: np.ndarray) -> np.ndarray:
    """K·a in float64, or for a (k × m) stack of states the rows of a·Kt (Kt: Kᵀ, or K itself when it
    is symmetric); a float32 K is not copied to float64 for the product, a is cast to K's type."""
    a = a.astype(K.dtype, copy=False)
    return (K @ a if a.ndim == 1 else a @ Kt).astype(np.float64, copy=False)


class Gram:
    name = "gram"

    def __init__(self, X: np.ndarray, dtype: np.dtype, w0: np.ndarray, max_bytes: int = GRAM_MAX_BYTES):
        m = X.shape[0]
        size = gram_itemsize(m, np.dtype(dtype).itemsize)
        if size * m * m > max_bytes:  # refused before anything is allocated
            raise ValueError(f"solver='gram' needs an m × m matrix of {size * m * m / 2**30:.1f} GiB for m = {m:,} "
                             f"examples, over its limit of {max_bytes / 2**30:.1f} GiB: use solver='primal' "
                             "(or 'auto', which chooses by size)")
        self.X = np.ascontiguousarray(X, dtype=dtype)
        self.w0 = w0.astype(np.float64)
        self.K = gram_matrix(self.X, dtype=np.float64 if size == 8 else np.float32)  # m × m, reused every step
        # Xw₀, or None for w₀ = 0 (the trainer's start: saves adding zeros every step)
        self.u0 = (self.X @ w0.astype(self.X.dtype)).astype(np.float64) if w0.any() else None
        self.K_test: np.ndarray | None = None

    def initial_state(self) -> np.ndarray:
        return np.zeros(self.X.shape[0])

    def wx(self, a: np.ndarray) -> np.ndarray:
        """Xw = Xw₀ + K·a (for a (k × m) stack of states: the rows of A·K, as K is symmetric)."""
        Ka = _times(self.K, a, self.K)  # K is symmetric
        return Ka if self.u0 is None else self.u0 + Ka

    def propose(self, a: np.ndarray, dz: np.ndarray, lr: float,
                grad: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The next a and its Xw (no pass over X: ``grad`` is not needed)."""
        a_new = a - (lr / a.shape[0]) * dz
        return a_new, self.wx(a_new)

    def propose_many(self, A: np.ndarray, dZ: np.ndarray, step: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`propose` for k runs at once: rows of A (k × m) and dZ, ``step`` the column (k × 1)
        of each run's α/m; K is symmetric, so the rows of A·K are each run's K·a: one (k × m)·(m × m)
        product."""
        A_new = A - step * dZ
        return A_new, self.wx(A_new)

    def weights(self, a: np.ndarray) -> np.ndarray:
        return self.w0 + (a.astype(self.X.dtype) @ self.X).astype(np.float64)

    def weights_many(self, states: list[np.ndarray]) -> np.ndarray:
        """Many w at once: one (k × m)·(m × n) product instead of k passes over X."""
        return self.w0 + (np.stack(states).astype(self.X.dtype) @ self.X).astype(np.float64)

    def attach_test(self, X_test: np.ndarray) -> None:
        Xt = np.ascontiguousarray(X_test, dtype=self.X.dtype)
        self.K_test = gram_matrix(Xt, other=self.X, dtype=self.K.dtype)  # as K: no float64 copy of either whole
        self.ut0 = (Xt @ self.w0.astype(Xt.dtype)).astype(np.float64) if self.u0 is not None else None

    def test_wx(self, a: np.ndarray) -> np.ndarray:
        """X_test·w (for a (k × m) stack of states: one row per state)."""
        Ka = _times(self.K_test, a, self.K_test.T)
        return Ka if self.ut0 is None else self.ut0 + Ka

    # -- geometry of the path (see lrviz.core.planes): w = w₀ + Xᵀa is never formed --------------
    def pull(self, V: np.ndarray) -> np.ndarray:
        """w-directions, the rows of V (j × n), as P = XVᵀ (m × j): (XᵀΔa)·v = Δa·(Xv), so D @ P
        dots each displacement with each direction. One pass over X, made once per plane."""
        return (self.X @ np.atleast_2d(V).T.astype(self.X.dtype)).astype(np.float64)

    def gram_of(self, D: np.ndarray) -> np.ndarray:
        """(XᵀΔaᵢ)·(XᵀΔaⱼ) = Δaᵢᵀ K Δaⱼ for the rows of D: no pass over X."""
        D = np.atleast_2d(D)
        return _times(self.K, D, self.K) @ D.T

    def sqnorms(self, D: np.ndarray) -> np.ndarray:
        """‖XᵀΔa‖² = ΔaᵀKΔa of each row of D: O(m²) each."""
        D = np.atleast_2d(D)
        return np.einsum("ij,ij->i", _times(self.K, D, self.K), D)

    def combine(self, coefficients: np.ndarray, D: np.ndarray) -> np.ndarray:
        """Σᵢ cᵢ·XᵀΔaᵢ = Xᵀ(Σᵢ cᵢΔaᵢ): one pass over X however many rows."""
        c = coefficients @ np.atleast_2d(D)
        return (c.astype(self.X.dtype) @ self.X).astype(np.float64)

    def curvature_space(self, h: np.ndarray) -> GramSpace:
        """The Hessian as an operator on the coefficients c of (Xᵀc, Σc) (see lrviz.core.curvature):
        every direction a step takes lies in that span, and a product is one m × m product."""
        return GramSpace(self.K, self.X, h)


# What each solver's work costs on a machine of this kind (2 cores, AMD EPYC; measured with OpenBLAS
# by benchmarks/bench_solver.py at m = 2,000 … 10,000, n = 12,288): forming K is a BLAS-3 product, an
# iteration a BLAS-2 pass over X (primal, twice) or over K (Gram). Only the break-even between the
# two matters, so rough figures do.
GRAM_SETUP_RATE = 4e10       # m²·n per second, forming K = XXᵀ in float64 (twice that in float32)
X_PASS_BYTES = 1.9e10        # bytes of X read per second by X·w or dz·X
K_PASS_BYTES = 1.7e10        # bytes of K read per second by K·a
DEFAULT_ITERATIONS = 2000    # the course's run, when the caller does not say how many


def estimated_seconds(m: int, n: int, itemsize: int, n_iter: int) -> dict[str, float]:
    """Rough seconds of ``n_iter`` iterations with each solver, the Gram form's set-up included."""
    k = gram_itemsize(m, itemsize)  # a float32 K: set up twice as fast (sgemm), half the bytes a pass
    return {"gram": m * m * n / (GRAM_SETUP_RATE * 8 / k) + n_iter * k * m * m / K_PASS_BYTES,
            "primal": n_iter * 2 * m * n * itemsize / X_PASS_BYTES}


def choose(solver: str, X: np.ndarray, dtype=np.float32, n_iter: int | None = None,
           max_bytes: int = GRAM_MAX_BYTES, estimate: Callable[[int, int, int, int], dict] | None = None) -> type:
    """``"auto"`` takes the solver with the smaller estimated cost for ``n_iter`` iterations (the
    Gram form's set-up is worth it only for long enough runs with m well below n), and never a K
    over ``max_bytes`` (at most GRAM_MAX_BYTES: the caller may allow less, e.g. what its memory
    budget leaves). ``estimate(m, n, itemsize, n_iter)`` gives the costs, {"gram": s, "primal": s}
    (:func:`estimated_seconds` unless given: whether they are right for a machine is measured by
    benchmarks/bench_solver.py)."""
    if solver == "primal":
        return Primal
    if solver == "gram":
        return Gram
    if solver != "auto":
        raise ValueError(f"solver must be 'auto', 'primal' or 'gram', got {solver!r}")
    m, n = X.shape
    if gram_itemsize(m, np.dtype(dtype).itemsize) * m * m > min(max_bytes, GRAM_MAX_BYTES):
        return Primal
    cost = (estimate or estimated_seconds)(m, n, np.dtype(dtype).itemsize,
                                          DEFAULT_ITERATIONS if n_iter is None else n_iter)
    return Gram if cost["gram"] < cost["primal"] else Primal
