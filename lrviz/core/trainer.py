"""Full-batch gradient descent exactly as the course, one step at a time.

Each iteration t, at parameters (wₜ, bₜ):
    A = σ(wᵀX + b);  J = (1/m) Σ L;  dw = X(A − Y)ᵀ / m;  db = mean(A − Y);
    w := w − α·dw;  b := b − α·db
The learning rate α (``learning_rate``) may change between any two steps.
"""

from __future__ import annotations

import inspect
import math

import numpy as np

from lrviz.core import losses, model, solvers
from lrviz.core.errors import QT_TRANSLATE_NOOP, Message
from lrviz.core.history import History
from lrviz.core.planes import PathSample

_LN2 = math.log(2.0)
LEARNING_RATE = 0.005  # the course lab's α: the default everywhere (the window's settings read it)
EVAL_BATCH = 256  # iterations evaluated together at most (their logits are kept until then)
_CONTEXT = "GradientDescent"  # where the divergence messages are translated


class GradientDescent:
    """Logistic regression trained by gradient descent from w = 0, b = 0 (or any start: :meth:`start`, :meth:`branch`).

    Parameters follow scikit-learn's habit (set in ``__init__``, learned values end in ``_``).
    Drive it with :meth:`start` then :meth:`step` (as a UI worker does), or :meth:`fit` at once.

    ``loss``: the name of a registered loss (:mod:`lrviz.core.losses`): "cross_entropy" (the course's,
    the default), "squared_error" (½(σ(z) − y)² averaged, with its exact gradient
    dz = (a − y)·a·(1 − a): the lecture's first guess, to compare), or any other registered; an unknown
    name is refused by :meth:`start`. A loss with a margin form (:class:`lrviz.core.losses.Margin`, the
    cross-entropy's) is stepped by it: its losses and dz from the logits in a few vectorised passes.

    ``divergence_factor``: training stops and ``diverged_`` explains why when the cost would rise
    above this many times the starting cost (at least ln 2, the cost of a model that knows nothing)
    or stop being finite. The step that would have diverged is not taken.

    ``checkpoint_bytes``: where steps are slow (``history_.step_seconds``, set by whoever times
    them), checkpoints stay dense up to this many bytes, so :meth:`replay` takes few steps.

    ``recent``: how many of the latest iterations' states to keep, every one (see :meth:`path`).

    ``gram_bytes``: the most the Gram form's K may take when ``solver`` is "auto" (None: the
    solvers' own limit); the app passes what its memory budget leaves.
    """

    def __init__(self, learning_rate: float = LEARNING_RATE, *, dtype: str = "float32", solver: str = "auto",
                 eval_every: int = 10, checkpoint_every: int = 50, max_checkpoints: int = 128,
                 divergence_factor: float = 10.0, loss: str = losses.DEFAULT, checkpoint_bytes: int | None = None,
                 recent: int = 0, gram_bytes: int | None = None):
        self.learning_rate = learning_rate
        self.loss = loss
        self.dtype = dtype
        self.solver = solver
        self.eval_every = eval_every
        self.checkpoint_every = checkpoint_every
        self.max_checkpoints = max_checkpoints
        self.checkpoint_bytes = checkpoint_bytes
        self.gram_bytes = gram_bytes
        self.divergence_factor = divergence_factor
        self.recent = recent

    # -- setting up -------------------------------------------------------------------------------
    def start(self, X: np.ndarray, y: np.ndarray, X_test: np.ndarray | None = None,
              y_test: np.ndarray | None = None, n_iter: int | None = None, *, w0: np.ndarray | None = None,
              b0: float = 0.0, t0: int = 0) -> GradientDescent:
        """Take the training data X (m × n features) and labels y (m,), reset to w = w0 (None: 0),
        b = b0 as iteration t0 (where the history begins). ``n_iter``: how many iterations are
        likely (the solver is chosen by their cost)."""
        losses.get(self.loss)  # an unknown loss is refused before anything is computed
        X = np.asarray(X)
        y = np.asarray(y, dtype=np.float64).ravel()
        if X.ndim != 2 or X.shape[0] != y.shape[0] or X.shape[0] == 0:
            raise ValueError(f"X must be (m, n) with m = len(y) > 0; got X {X.shape}, y {y.shape}")
        w0 = np.zeros(X.shape[1]) if w0 is None else np.asarray(w0, dtype=np.float64).ravel()
        if w0.shape != (X.shape[1],) or not np.isfinite(w0).all() or not math.isfinite(b0) or t0 < 0:
            raise ValueError(f"a start needs w0 of {X.shape[1]} finite numbers, a finite b0 and t0 ≥ 0; got "
                             f"{w0.shape[0]} values, b0 = {b0!r}, t0 = {t0}")
        limit = solvers.GRAM_MAX_BYTES if self.gram_bytes is None else self.gram_bytes
        kind = solvers.choose(self.solver, X, self.dtype, n_iter, limit)
        solver = kind(X, np.dtype(self.dtype), w0)
        has_test = X_test is not None and y_test is not None and len(y_test)
        if has_test:
            solver.attach_test(np.asarray(X_test))
        return self._begin(solver, y, np.asarray(X_test) if has_test else None, y_test if has_test else None,
                           b0=float(b0), t0=int(t0))

    def params(self) -> dict:
        """The parameters this trainer was made with (``GradientDescent(**params)`` makes another)."""
        return {name: getattr(self, name) for name in inspect.signature(GradientDescent).parameters}

    def branch(self, t: int, **changes) -> GradientDescent:
        """A new run from iteration t (:meth:`replay_state`) on the same, shared data, with ``changes``
        (e.g. ``learning_rate``, ``loss``): its history starts at t with this run's cost (same loss: exact)."""
        new, (state, b, _, z) = GradientDescent(**{**self.params(), **changes}), self.replay_state(int(t))
        return new._begin(self._solver, self._y, self._X_test, self._y_test, state=state, b0=b, t0=int(t), z=z)

    def _begin(self, solver, y: np.ndarray, X_test: np.ndarray | None, y_test: np.ndarray | None, *, state=None,
               b0: float = 0.0, t0: int = 0, z: np.ndarray | None = None) -> GradientDescent:
        """Start on data already held by ``solver`` (several runs may share one): from its initial
        state (its w₀) or ``state``, b = b0, as iteration t0 (``z``: the logits there, if known)."""
        self._loss_fn = losses.get(self.loss)
        self._margin = self._loss_fn.margin  # the fast path, if the loss has one
        self._y = y
        self._sign = 2.0 * y - 1.0          # s: +1 for positives, −1 for negatives
        self._neg_sign = -self._sign
        self._inv_m = 1.0 / y.shape[0]
        self._solver = solver
        self._X_test = X_test
        self._y_test = None if y_test is None else np.asarray(y_test, dtype=np.float64).ravel()
        self.history_ = History(self.checkpoint_every, self.max_checkpoints, max_bytes=self.checkpoint_bytes,
                                recent=self.recent, start=t0)
        self._t0 = t0
        self._due: list = []  # iterations recorded but not yet evaluated (see _flush_evals)
        state = self._solver.initial_state() if state is None else state
        z = (self._solver.wx(state) + b0 if b0 else self._solver.wx(state)) if z is None else z
        self._move_to(state, b0, z, self._losses(z))
        self.diverged_: Message | None = None  # an English str that the window translates
        self._cost0 = self._mean(self._L)
        self._record(t0, self._cost0)
        self._flush_evals()
        self._limit = self.divergence_factor * max(self._cost0, _LN2)
        return self

    def _losses(self, z: np.ndarray) -> np.ndarray:
        """Each example's loss; z may hold several runs' logits as rows (k × m). In the margin form
        (the cross-entropy's): L = ℓ(t) with t = −s·z, computed in place."""
        if self._margin is None:
            return self._loss_fn.losses(z, self._y)
        t = self._neg_sign * z
        return self._margin.losses(t, t)

    def _dz(self, z: np.ndarray, L: np.ndarray) -> np.ndarray:
        """dL/dz of each example; in the margin form from the losses L at z, without recomputing σ
        (the cross-entropy's A − Y = s·(e^−L − 1))."""
        if self._margin is None:
            return self._loss_fn.dz(z, self._y)
        return self._sign * self._margin.signed_dz(L)

    def _mean(self, v: np.ndarray) -> float:
        return float(np.add.reduce(v)) * self._inv_m  # ndarray.mean() costs ~5 µs more per call

    def _record(self, t: int, cost: float) -> None:
        h = self.history_
        self._cost = cost
        h.costs.append((t, cost))
        h.maybe_checkpoint(t, self._state, self._b, cost)
        h.remember(t, self._state, self._b, cost)
        if t % self.eval_every == 0 or t == self._t0:  # evaluated in bulk (see _flush_evals): one product, many steps
            self._due.append((t, self._state, self._b, self._z, cost))
            if len(self._due) >= EVAL_BATCH:
                self._flush_evals()

    def _flush_evals(self) -> None:
        """The evaluations of the iterations recorded since the last flush, all at once: with one
        evaluated every step (the window's, on small data), one at a time cost as much as the step."""
        due, self._due = self._due, []
        if due:
            t, states, B, Z, costs = zip(*due, strict=True)
            self.history_.evals.extend(self.evaluations(np.array(t, dtype=np.float64), np.stack(states),
                                                        np.array(B), np.stack(Z), np.array(costs)))

    def _evaluate(self, t: int) -> tuple[float, float, float, float, float]:
        return tuple(self.evaluations(t, self._state[None], np.array([self._b]), self._z[None],
                                      np.array([self._mean(self._L)]))[0].tolist())

    def evaluations(self, t, states: np.ndarray, B: np.ndarray, Z: np.ndarray, costs: np.ndarray) -> np.ndarray:
        """Evaluation rows (t, train cost, train %, test cost, test %) of k points on this run's data
        (a race's runs at iteration t, or this run at k iterations t), from their stacked states,
        biases, logits Z (k × m) and costs: one product over the test set for all of them."""
        rows = np.full((len(B), 5), math.nan)
        rows[:, 0], rows[:, 1] = t, costs
        rows[:, 2] = model.accuracies_percent(Z, self._y)
        if self._y_test is not None:
            Zt = self._solver.test_wx(states) + B[:, None]
            rows[:, 3] = self._loss_fn.costs(Zt, self._y_test)
            rows[:, 4] = model.accuracies_percent(Zt, self._y_test)
        return rows

    # -- training ---------------------------------------------------------------------------------
    def _advance(self, state, b, z, L, lr, grad=None):
        """One iteration from (state, b) whose logits are z and losses L: the next (state, b, z, L).
        ``grad``: dz·X at (state, b) if :meth:`gradient` has computed it (a pass over X saved)."""
        dz = self._dz(z, L)
        b_new = b - lr * self._mean(dz)
        state_new, wx = self._solver.propose(state, dz, lr, grad)
        z = wx + b_new
        return state_new, b_new, z, self._losses(z)

    def step(self, n: int = 1) -> int:
        """Take up to n iterations; returns how many were taken (fewer only if training diverged)."""
        taken = 0
        while taken < n and self.diverged_ is None:
            lr = float(self.learning_rate)
            state, b, z, L = self._advance(self._state, self._b, self._z, self._L, lr, self._mgrad)
            if not self._accept(state, b, z, L, self._mean(L), lr):
                break
            taken += 1
        self._flush_evals()
        return taken

    def _accept(self, state, b: float, z: np.ndarray, L: np.ndarray, cost: float, lr: float) -> bool:
        """Make (state, b) with logits z, losses L and cost the next iteration; or, if the cost has
        diverged, stop here and say why. (:class:`lrviz.core.race.Race` computes several runs'
        steps together and hands each its own.)"""
        if not (math.isfinite(cost) and cost <= self._limit):
            self._diverge(cost, lr)
            return False
        self._move_to(state, b, z, L)
        self.history_.learning_rates.append(lr)
        self._record(self.n_iter_ + 1, cost)  # n_iter_ counts recorded costs: this one is next
        return True

    def _move_to(self, state, b: float, z: np.ndarray, L: np.ndarray) -> None:
        """The current point becomes (state, b) with logits z and losses L; ``_mgrad``, its dz·X, is
        computed when :meth:`gradient` is first asked."""
        self._state, self._b, self._z, self._L, self._mgrad = state, b, z, L, None

    def _diverge(self, cost: float, lr: float) -> None:
        if math.isfinite(cost):
            what = Message(QT_TRANSLATE_NOOP("GradientDescent", "would rise to {cost:.4g}, over {factor:g}× its "
                                             "starting {start:.4g}"),
                           {"cost": cost, "factor": self.divergence_factor, "start": self._cost0}, _CONTEXT)
        else:
            what = Message(QT_TRANSLATE_NOOP("GradientDescent", "would stop being a finite number"), None, _CONTEXT)
        self.diverged_ = Message(QT_TRANSLATE_NOOP("GradientDescent", "training diverged at iteration {t}: with "
                                                   "learning rate {lr:g} the cost {what}; lower the learning rate "
                                                   "and reset"), {"t": self.n_iter_, "lr": lr, "what": what}, _CONTEXT)

    def fit(self, X: np.ndarray, y: np.ndarray, n_iter: int = 2000, X_test: np.ndarray | None = None,
            y_test: np.ndarray | None = None) -> GradientDescent:
        self.start(X, y, X_test, y_test, n_iter)
        self.step(n_iter)
        return self

    # -- what has been learned --------------------------------------------------------------------
    @property
    def n_iter_(self) -> int:
        return self.history_.iterations

    @property
    def t0_(self) -> int:
        return self._t0  # the iteration this run started at: 0, or where it branched from another

    @property
    def w_(self) -> np.ndarray:
        return self._solver.weights(self._state)

    @property
    def logits_(self) -> np.ndarray:
        """z = wᵀx + b of every training example, now (float64)."""
        return self._z

    @property
    def y_(self) -> np.ndarray:
        """The training labels (float64), as the trainer uses them."""
        return self._y

    @property
    def b_(self) -> float:
        return float(self._b)

    @property
    def cost_(self) -> float:
        return float(self._cost)

    @property
    def solver_(self) -> str:
        return self._solver.name

    def train_accuracy(self) -> float:
        return model.accuracy_percent(self._z, self._y)

    def test_accuracy(self) -> float:
        return self._evaluate(self.n_iter_)[4]

    def _logits(self, X: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
        return (X @ w.astype(X.dtype)).astype(np.float64) + b

    def logits(self, w: np.ndarray, b: float) -> np.ndarray:
        """z = wᵀx + b of every training example for any parameters (w, b)."""
        return self._logits(self._solver.X, w, b)

    def gradient(self, w: np.ndarray | None = None, b: float | None = None,
                 z: np.ndarray | None = None) -> tuple[np.ndarray, float]:
        """(dw, db) at the current parameters, or at (w, b) (whose logits ``z`` may be known already):
        the step is w := w − α·dw, b := b − α·db."""
        X = self._solver.X
        if w is None:
            z = self._z
        elif z is None:
            z = self._logits(X, w, b)
        dz = self._dz(z, self._L if w is None else self._losses(z))
        if w is not None:
            grad = dz.astype(X.dtype) @ X
        else:  # the current point's: kept, so that the next step (primal) reuses this pass over X
            grad = self._mgrad = dz.astype(X.dtype) @ X if self._mgrad is None else self._mgrad
        return grad.astype(np.float64) * self._inv_m, self._mean(dz)

    def evaluate(self, w: np.ndarray, b: float, z: np.ndarray | None = None) -> tuple[float, float, float]:
        """(cost, train %, test %) of any parameters (w, b) (whose logits ``z`` may be known already)."""
        z = self._logits(self._solver.X, w, b) if z is None else z
        test = math.nan
        if self._X_test is not None:
            test = model.accuracy_percent(self._logits(self._X_test, w, b), self._y_test)
        return self._loss_fn.cost(z, self._y), model.accuracy_percent(z, self._y), test

    def trajectory(self, max_points: int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """A sample of the path so far: (iterations, W (k × n), b (k,), J (k,)), from the checkpoints
        (dense while few, thinned evenly as training goes on) and the current point; at most
        ``max_points`` of them, evenly chosen, the first and the current always included."""
        h = self.history_
        cks = [c for c in h.checkpoints if c.iteration < self.n_iter_]
        if max_points is not None and len(cks) + 1 > max_points:
            keep = np.unique(np.linspace(0, len(cks), max_points).round().astype(int))
            cks = [cks[i] for i in keep if i < len(cks)]
        t = np.array([c.iteration for c in cks] + [self.n_iter_])
        W = self._solver.weights_many([c.state for c in cks] + [self._state])
        return (t, W, np.array([c.b for c in cks] + [self._b]),
                np.array([c.cost for c in cks] + [self._cost]))

    def path(self, max_points: int = 64, recent: int | None = None) -> PathSample:
        """The path so far as the solver's states (no w formed): every iteration kept in
        ``history_.recent`` (the last ``recent`` of them, if given), and before them the checkpoints,
        at most ``max_points`` of them, evenly chosen (the first always); the current point last."""
        h, now = self.history_, self.n_iter_
        # the recent states, if they reach up to now (a race's runs, stepped together, keep none)
        kept = list(h.recent)[:-1] if h.recent and h.recent[-1].iteration == now else []
        kept = kept[-recent:] if recent is not None and recent > 0 else [] if recent == 0 else kept
        first_recent = kept[0].iteration if kept else now
        older = [c for c in h.checkpoints if c.iteration < first_recent]
        if len(older) > max_points:
            keep = np.unique(np.linspace(0, len(older) - 1, max_points).round().astype(int))
            older = [older[i] for i in keep]
        return self._sample(older + kept)

    def recent_path(self, steps: int) -> PathSample:
        """The last ``steps`` steps, every one, and the current point (fewer where fewer are kept)."""
        h, now = self.history_, self.n_iter_
        if not h.recent or h.recent[-1].iteration != now:
            return self._sample([])
        points = []
        for c in reversed(h.recent):  # from the newest: no pass over all that is kept
            if c.iteration < now and len(points) < steps:
                points.append(c)
            elif len(points) >= steps:
                break
        return self._sample(points[::-1])

    def _sample(self, points: list) -> PathSample:
        """``points`` (checkpoints, in order of iteration) and the current point, as a PathSample."""
        return PathSample(np.array([c.iteration for c in points] + [self.n_iter_]),
                          np.stack([np.asarray(c.state) for c in points] + [np.asarray(self._state)]),
                          np.array([c.b for c in points] + [self._b]),
                          np.array([c.cost for c in points] + [self._cost]))

    @property
    def state_(self) -> np.ndarray:
        """The solver's state now: w (primal) or the Gram coefficients a (w = w₀ + Xᵀa)."""
        return self._state

    @property
    def data_(self):
        """The solver holding the training data: its geometry serves :mod:`lrviz.core.planes` and
        :mod:`lrviz.core.curvature` (in the Gram form, without forming w)."""
        return self._solver

    def params_at(self, t: int) -> tuple[np.ndarray, float]:
        """(wₜ, bₜ) for any past iteration t0_ ≤ t ≤ n_iter_, replayed from the nearest checkpoint."""
        w, b, _ = self.replay(t)
        return w, b

    def replay(self, t: int) -> tuple[np.ndarray, float, float]:
        """(wₜ, bₜ, J(wₜ, bₜ)) for any past iteration t0_ ≤ t ≤ n_iter_: replayed from the nearest
        checkpoint through the same arithmetic as training, so J is bit for bit the recorded cost."""
        state, b, cost, _ = self.replay_state(t)
        return self._solver.weights(state), float(b), cost

    def replay_state(self, t: int) -> tuple[np.ndarray, float, float, np.ndarray]:
        """(the solver's state, b, J, logits z) at any past iteration t0_ ≤ t ≤ n_iter_, as
        :meth:`replay` computes them, without forming w (see :mod:`lrviz.core.planes`)."""
        if not self._t0 <= t <= self.n_iter_:
            raise IndexError(f"iteration {t} is outside {self._t0}…{self.n_iter_}")
        if t == self.n_iter_:
            return self._state, self.b_, self.cost_, self._z
        ck = self.history_.checkpoint_before(t)
        state, b, cost = ck.state, ck.b, ck.cost
        z = self._solver.wx(state) + b
        L = self._losses(z)
        rates = self.history_.learning_rates
        for k in range(ck.iteration, t):
            state, b, z, L = self._advance(state, b, z, L, rates.at(k))
            cost = self._mean(L)
        return state, float(b), cost, z
