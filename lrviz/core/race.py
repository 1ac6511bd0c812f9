"""Several learning rates racing: one run of gradient descent per rate, from the same start, all
computed together.

The course's lab ends with the cost curves for α = 0.01, 0.001 and 0.0001. Here the k runs' states
are the rows of one (k × n) matrix W (or (k × m) coefficients in the Gram form), so an iteration is
a matrix-matrix product instead of k matrix-vector products, and the elementwise work (σ, the
losses, dz) is done on (k × m) arrays at once. Each run is a :class:`GradientDescent` of its own
(history, checkpoints, replay, divergence), handed the step computed for it: its iterates equal a
single-run trainer's with the same α (to rounding: a matrix product may add in another order).
A run that diverges stops alone; the others go on.
"""

from __future__ import annotations

import numpy as np

from lrviz.core import losses
from lrviz.core.solvers import Gram
from lrviz.core.trainer import GradientDescent

MAX_RUNS = 5
FOLD_MAX_BYTES = 64 * 2**20  # the race's own K + 11ᵀ (the course's: 0.35 MB)
HAND_OVER_EVERY = 4096  # iterations computed together before the runs' histories take their costs: the
#                         costs waiting meanwhile take memory in proportion (~220 bytes an iteration
#                         for two runs), so `lrviz train --iters 800000` grew by 170 MB without a bound


class Race:
    """k runs of gradient descent, one per learning rate, trained in lock-step from w = 0, b = 0.

    Parameters as :class:`GradientDescent`'s, with ``learning_rates`` (1 to 5 of them) instead of
    one; after :meth:`start`, ``runs_`` holds one GradientDescent per rate (step them through the
    race, not one by one).
    """

    def __init__(self, learning_rates, *, dtype: str = "float32", solver: str = "auto", eval_every: int = 10,
                 checkpoint_every: int = 50, max_checkpoints: int = 128, divergence_factor: float = 10.0,
                 loss: str = losses.DEFAULT, checkpoint_bytes: int | None = None, recent: int = 0,
                 gram_bytes: int | None = None):
        self.learning_rates = list(learning_rates)
        self.dtype, self.solver, self.loss = dtype, solver, loss
        self.eval_every, self.checkpoint_every, self.max_checkpoints = eval_every, checkpoint_every, max_checkpoints
        self.divergence_factor = divergence_factor
        self.checkpoint_bytes = checkpoint_bytes  # for each run
        self.recent = recent                      # for each run (kept where a run steps alone)
        self.gram_bytes = gram_bytes  # for the one K the runs share

    def start(self, X: np.ndarray, y: np.ndarray, X_test: np.ndarray | None = None,
              y_test: np.ndarray | None = None, n_iter: int | None = None) -> Race:
        rates = [float(lr) for lr in self.learning_rates]
        if not 1 <= len(rates) <= MAX_RUNS or not all(np.isfinite(rates)) or min(rates) <= 0:
            raise ValueError(f"between 1 and {MAX_RUNS} positive learning rates, got {self.learning_rates!r}")
        options = dict(dtype=self.dtype, solver=self.solver, eval_every=self.eval_every,
                       checkpoint_every=self.checkpoint_every, max_checkpoints=self.max_checkpoints,
                       divergence_factor=self.divergence_factor, loss=self.loss,
                       checkpoint_bytes=self.checkpoint_bytes, recent=self.recent, gram_bytes=self.gram_bytes)
        first = GradientDescent(rates[0], **options).start(X, y, X_test, y_test, n_iter)
        self.runs_ = [first] + [GradientDescent(lr, **options)._begin(first._solver, first._y, first._X_test,
                                                                       first._y_test) for lr in rates[1:]]
        self._solver = first._solver
        self._fold = None
        return self

    def fit(self, X, y, n_iter: int = 2000, X_test=None, y_test=None) -> Race:
        self.start(X, y, X_test, y_test, n_iter)
        self.step(n_iter)
        return self

    @property
    def n_iter_(self) -> int:
        """Iterations of the longest run (a diverged run stops where it diverged)."""
        return max(run.n_iter_ for run in self.runs_)

    @property
    def live_(self) -> list[int]:
        return [i for i, run in enumerate(self.runs_) if run.diverged_ is None]

    def step(self, n: int = 1) -> int:
        """Up to n iterations of every run still going; returns how many (fewer once all diverged)."""
        taken = 0
        while taken < n:
            live = [run for run in self.runs_ if run.diverged_ is None]
            if not live:
                break
            if len(live) == 1:  # one left: its own arithmetic
                taken += live[0].step(n - taken)
                break
            taken += self._together(live, min(n - taken, HAND_OVER_EVERY))
        return taken

    def _together(self, live: list[GradientDescent], n: int) -> int:
        """Up to n iterations of the live runs (all at the same iteration) as one computation. The
        runs' own bookkeeping (costs, rates, checkpoints, evaluations) is done in bulk; the
        iteration where one diverges is handed to the runs' own way, and the race stops after it."""
        first, solver = live[0], self._solver
        inv_m = first._inv_m
        lr = np.array([float(run.learning_rate) for run in live])
        limit = live[0]._limit  # the same for every run: they start from the same cost
        S = np.stack([run._state for run in live])
        B = np.array([run._b for run in live])
        Z = np.stack([run._z for run in live])
        L = np.stack([run._L for run in live])
        t0 = first.n_iter_
        pending: list[np.ndarray] = []  # costs of iterations not yet handed to the runs

        done = 0
        add = np.add.reduce
        step = (lr / len(first._y))[:, None]  # each run's α/m, as the single run's propose computes it
        mean = np.full(len(first._y), inv_m)
        fold = self._folded()
        if fold is not None:  # the race's own coordinates: c = s·a and t = −s·z (see _folded)
            signed_dz, loss_of = first._margin.signed_dz, first._margin.losses
            sign, neg_sign = first._sign, first._neg_sign
            S, Z = S * sign, Z * neg_sign

        def real(S, Z, B):
            """The runs' a, z and b from the race's coordinates (b = Σa where B is not kept)."""
            if fold is None:
                return S, Z, B
            a = S * sign
            return a, Z * neg_sign, a.sum(axis=1)

        def hand_over(S, B, Z, L) -> None:
            """Each run's state becomes its row; the pending costs go into its history in one go."""
            if pending:
                done = len(pending)
                costs = np.array(pending)
                t = np.arange(t0 + 1, t0 + 1 + done, dtype=np.float64)
                for j, run in enumerate(live):
                    run.history_.costs.extend(np.column_stack([t, costs[:, j]]))
                    run.history_.learning_rates.extend(float(lr[j]), done)
                pending.clear()
            S, Z, B = real(S, Z, B)
            for j, run in enumerate(live):
                run._move_to(S[j], float(B[j]), Z[j], L[j])
                run._cost = float(run.history_.costs.last[1])

        while done < n:
            if fold is None:
                dZ = first._dz(Z, L)
                B_next = B - lr * (add(dZ, axis=1) * inv_m)
                S_next, Z_next = solver.propose_many(S, dZ, step)
                Z_next += B_next[:, None]
                L_next = first._losses(Z_next)
            else:  # c := c − α/m·s·dz, t = c·M, L = ℓ(t) (the cross-entropy's: s·dz = e^−L − 1, ℓ = softplus)
                S_next = S - step * signed_dz(L)
                Z_next, B_next = S_next @ fold, None
                L_next = loss_of(Z_next)
            costs = L_next @ mean  # each row's mean: one product (the runs' own way sums, then scales)
            t = t0 + len(pending) + 1
            if not costs.max() <= limit:  # one has diverged (a NaN or an infinite cost too): the runs' own way
                hand_over(S, B, Z, L)
                a, z, b = real(S_next, Z_next, B_next)
                for j, run in enumerate(live):
                    run._accept(a[j], float(b[j]), z[j], L_next[j], float(costs[j]), float(lr[j]))
                    run._flush_evals()
                return done + 1
            pending.append(costs)
            if t % first.eval_every == 0 or t % first.history_.checkpoint_every == 0:
                a, z, b = real(S_next, Z_next, B_next)
                for j, run in enumerate(live):  # as each run's _record keeps them
                    run.history_.maybe_checkpoint(t, a[j], float(b[j]), float(costs[j]))
                if t % first.eval_every == 0:
                    rows = first.evaluations(t, a, b, z, costs)
                    for run, row in zip(live, rows.tolist(), strict=True):
                        run.history_.evals.append(tuple(row))
            done += 1
            S, B, Z, L = S_next, B_next, Z_next, L_next
        hand_over(S, B, Z, L)
        return done

    def _folded(self) -> np.ndarray | None:
        """M = −S(K + 11ᵀ)S, S = diag(s), s = 2y − 1 = ±1 for each example, for runs in the Gram form
        from w₀ = 0 (with a float64 K of at most FOLD_MAX_BYTES), else None.

        Each run's b is then Σa, as b and a both move by −α/m times dz (b by its sum), so
        z = Ka + b = (K + 11ᵀ)a. With c = s·a, t = −s·z = c·M, and a loss in the margin form
        (:class:`lrviz.core.losses.Margin`: L = ℓ(t), s·dz a function of L; the cross-entropy's
        ℓ(t) = log(1 + e^t), s·dz = e^−L − 1), c := c − α/m·s·dz and L = ℓ(t): one product an
        iteration, no bias and no signs to apply (multiplying by ±1 is exact). A loss without a
        margin form races the runs' own way."""
        s = self._solver
        if (not isinstance(s, Gram) or s.u0 is not None or s.K.dtype != np.float64 or s.K.nbytes > FOLD_MAX_BYTES
                or losses.get(self.loss).margin is None):
            return None
        if self._fold is None:
            sign = self.runs_[0]._sign
            self._fold = (s.K + 1.0) * np.outer(sign, -sign)
        return self._fold
