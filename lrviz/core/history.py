"""What the trainer remembers, in memory bounded however long training runs: the cost of every
iteration (exact for the first and the most recent ones, min/max-summarised in between), the
learning rate of every step (exact: it changes rarely, so only its changes are kept), evaluations
at intervals, and a bounded set of checkpoints from which any past iteration is replayed exactly."""

from __future__ import annotations

import bisect
from collections import deque
from dataclasses import dataclass

import numpy as np


class Series:
    """An append-only float64 array with amortised O(1) appends and cheap views."""

    def __init__(self, width: int = 0, capacity: int = 1024):
        self._data = np.empty((capacity, width) if width else capacity)
        self._n = 0

    def append(self, value) -> None:
        if self._n == self._data.shape[0]:
            grown = np.empty((2 * self._n,) + self._data.shape[1:])
            grown[: self._n] = self._data
            self._data = grown
        self._data[self._n] = value
        self._n += 1

    def extend(self, values: np.ndarray) -> None:
        values = np.asarray(values, dtype=np.float64).reshape((-1,) + self._data.shape[1:])
        need = self._n + len(values)
        if need > self._data.shape[0]:
            capacity = self._data.shape[0]
            while capacity < need:  # doubled as appends double it: the same rows, the same room, either way
                capacity *= 2
            grown = np.empty((capacity,) + self._data.shape[1:])
            grown[: self._n] = self._data[: self._n]
            self._data = grown
        self._data[self._n: need] = values
        self._n = need

    def drop_first(self, k: int) -> np.ndarray:
        """Remove and return (a copy of) the first k values; the rest move to the front."""
        out = self._data[:k].copy()
        self._data[: self._n - k] = self._data[k: self._n]
        self._n -= k
        return out

    def __len__(self) -> int:
        return self._n

    def view(self) -> np.ndarray:
        """The values so far (a view: copy it before handing it to another thread)."""
        return self._data[: self._n]


def minmax_bins(rows: np.ndarray, width: int, key: int = 1) -> np.ndarray:
    """Of ``rows`` (sorted by column 0, the iteration t), keep in each bin ``t // width`` the row
    with the smallest and the row with the largest ``rows[:, key]`` (one row if they are the same),
    in order of t: peaks and troughs survive, as on an oscilloscope's peak-detect display."""
    if len(rows) == 0:
        return rows
    g = rows[:, 0].astype(np.int64) // width
    order = np.lexsort((rows[:, key], g))           # by bin, then by key: a bin's min first, max last
    starts = np.flatnonzero(np.r_[True, g[order][1:] != g[order][:-1]])
    ends = np.r_[starts[1:], len(order)] - 1
    return rows[np.unique(np.concatenate([order[starts], order[ends]]))]


def thin_rows(rows: np.ndarray, max_rows: int = 1200, key: int = 1) -> np.ndarray:
    """At most about ``max_rows`` of ``rows`` for drawing: each bin of consecutive rows keeps the one
    with the lowest and the one with the highest ``rows[:, key]`` (oscillations stay visible); the
    last few rows always. Paint time then stays flat however long training runs (pyqtgraph's own
    autoDownsample did not bound it: 98 ms a frame at 100k points under Xvfb)."""
    n = len(rows)
    if n <= max_rows:
        return rows
    k = int(np.ceil(n / (max_rows // 2)))
    m = n // k * k
    values = rows[:m, key].reshape(-1, k)
    lo, hi = values.argmin(axis=1), values.argmax(axis=1)
    base = np.arange(0, m, k)
    return rows[np.sort(np.concatenate([base + np.minimum(lo, hi), base + np.maximum(lo, hi), np.arange(m, n)]))]


class Trace:
    """Rows ``(t, value, …)`` appended in increasing t, kept in bounded memory.

    The first ``head`` rows and the last ``tail`` to ``2·tail`` rows are exact. Rows in between are
    summarised: in each bin of ``bin_width`` iterations only the rows with the smallest and the
    largest value of column ``key`` stay (:func:`minmax_bins`); when there are more than ``bins``
    bins, the width doubles. Every row kept is a true row, never an average. Rows are folded into
    the summary ``tail`` at a time, so two copies grown from the same rows in different pieces
    (the trainer's and the window's) are equal.
    """

    def __init__(self, columns: int = 2, head: int = 4096, tail: int = 8192, bins: int = 2048, key: int = 1):
        self.columns, self.head_size, self.tail_size, self.bins, self.key = columns, head, tail, bins, key
        self._head = Series(width=columns, capacity=64)
        self._middle = np.empty((0, columns))
        self._tail = Series(width=columns, capacity=64)
        self.bin_width = 1
        self.end = 0        # last t + 1: where the next row's t starts

    def append(self, row) -> None:
        """One row (a tuple): the trainer's per-iteration path, kept cheap."""
        if len(self._head) < self.head_size:
            self._head.append(row)
        else:
            self._tail.append(row)
            if len(self._tail) > 2 * self.tail_size:
                self._fold(self._tail.drop_first(self.tail_size))
        self.end = int(row[0]) + 1

    def extend(self, rows: np.ndarray) -> None:
        rows = np.asarray(rows, dtype=np.float64).reshape(-1, self.columns)
        if not len(rows):
            return
        room = self.head_size - len(self._head)
        if room > 0:
            self._head.extend(rows[:room])
            rows = rows[room:]
        for a in range(0, len(rows), self.tail_size):  # a piece at a time: the tail's array never grows
            self._tail.extend(rows[a:a + self.tail_size])  # past 3·tail rows, whatever one extend brings
            while len(self._tail) > 2 * self.tail_size:
                self._fold(self._tail.drop_first(self.tail_size))
        self.end = int(self.last[0]) + 1

    def _fold(self, rows: np.ndarray) -> None:
        middle = minmax_bins(np.concatenate([self._middle, rows]), self.bin_width, self.key)
        while len(np.unique(middle[:, 0].astype(np.int64) // self.bin_width)) > self.bins:
            self.bin_width *= 2
            middle = minmax_bins(middle, self.bin_width, self.key)
        self._middle = middle

    def __len__(self) -> int:
        """How many rows are kept (not how many were appended: see :attr:`end`)."""
        return len(self._head) + len(self._middle) + len(self._tail)

    @property
    def nbytes(self) -> int:
        """Bytes its arrays take (what they hold room for, not only the rows kept)."""
        return self._head._data.nbytes + self._middle.nbytes + self._tail._data.nbytes

    @property
    def summarised(self) -> bool:
        return len(self._middle) > 0

    @property
    def last(self) -> np.ndarray:
        return (self._tail if len(self._tail) else self._head).view()[-1]

    def rows(self) -> np.ndarray:
        """Every row kept, in order of t (a new array)."""
        return np.concatenate([self._head.view(), self._middle, self._tail.view()])

    def values(self, column: int = 1) -> np.ndarray:
        return self.rows()[:, column]

    def exact_since(self, t: int) -> np.ndarray | None:
        """The rows with iteration ≥ t if every one of them is still exact, else None."""
        if not self.summarised:
            rows = self.rows()
        elif len(self._tail) and t >= self._tail.view()[0, 0]:
            rows = self._tail.view()
        else:
            return None
        return rows[np.searchsorted(rows[:, 0], t):].copy()

    def at(self, t: int) -> np.ndarray | None:
        """The exact row of iteration t, if kept."""
        for part in (self._head.view(), self._tail.view(), self._middle):
            i = np.searchsorted(part[:, 0], t)
            if i < len(part) and part[i, 0] == t:
                return part[i].copy()
        return None


class RateLog:
    """The learning rate of every step t → t+1, kept exactly as its changes: ``(t, α)`` rows where a
    new rate starts. A person changes it a few times a run, so this stays small."""

    def __init__(self):
        self.changes = Series(width=2, capacity=16)
        self.steps = 0

    def append(self, lr: float) -> None:
        if not len(self.changes) or self.changes.view()[-1, 1] != lr:
            self.changes.append((self.steps, lr))
        self.steps += 1

    def extend(self, lr: float, count: int) -> None:
        """``count`` steps at the same rate."""
        if count > 0:
            self.append(lr)
            self.steps += count - 1

    def __len__(self) -> int:
        return self.steps

    def at(self, t: int) -> float:
        return rate_at(self.changes.view(), t)

    def values(self) -> np.ndarray:
        """Every step's rate (for short runs and tests: this is O(steps))."""
        return rates_of(self.changes.view(), self.steps)


def rate_at(changes: np.ndarray, t: int) -> float:
    """The learning rate of step t → t+1, from change rows ``(t, α)`` (a snapshot's
    ``learning_rates``); the first rate before the first change."""
    return float(changes[max(np.searchsorted(changes[:, 0], t, side="right") - 1, 0), 1])


def rates_of(changes: np.ndarray, steps: int) -> np.ndarray:
    """Every step's rate from change rows ``(t, α)``."""
    if steps == 0 or not len(changes):
        return np.empty(0)
    lengths = np.diff(np.r_[changes[:, 0], steps]).astype(np.int64)
    return np.repeat(changes[:, 1], lengths)


@dataclass(slots=True)
class Checkpoint:
    iteration: int
    state: np.ndarray
    b: float
    cost: float


def _iteration(c: Checkpoint) -> int:
    return c.iteration


class History:
    """``costs`` rows (t, J(wₜ, bₜ)) for t = 0 … T (T = iterations done), ``learning_rates`` the α of
    each step t → t+1, ``evals`` rows: (t, train cost, train %, test cost, test %).

    Checkpoints are kept every ``every`` iterations; past ``max_checkpoints`` every other one is
    dropped and the interval doubles, unless a step is expensive: with ``max_bytes``, while the
    checkpoints fit in that many bytes, the interval does not double past what replays in
    ``replay_seconds`` at ``step_seconds`` a step (measured by whoever runs the steps; 0 until then).
    So scrubbing stays quick at CIFAR-10's size, and the course's cheap steps keep few checkpoints.
    ``recent``: the states of that many latest iterations are kept too, every one (the bowl draws
    the recent path step by step: thinned checkpoints would hide a zig-zag of period 2).
    ``start``: the first iteration recorded (a run continued from another's iteration); it is
    always checkpointed, whatever the interval, so every later iteration replays from it.
    Everything here stays bounded however long training runs.
    """

    EVAL_COLUMNS = ("iteration", "train_cost", "train_accuracy", "test_cost", "test_accuracy")

    def __init__(self, checkpoint_every: int = 50, max_checkpoints: int = 128, max_bytes: int | None = None,
                 replay_seconds: float = 0.25, recent: int = 0, start: int = 0):
        self.start = int(start)  # the first iteration (a run continued from another's: where it left it)
        self.costs = Trace(columns=2)
        self.learning_rates = RateLog()
        self.learning_rates.steps = self.start
        self.evals = Trace(columns=len(self.EVAL_COLUMNS), head=1024, tail=1024, bins=1024)
        self.checkpoint_every = max(1, int(checkpoint_every))
        self.max_checkpoints = max(2, int(max_checkpoints))
        self.max_bytes = max_bytes
        self.replay_seconds = replay_seconds
        self.step_seconds = 0.0
        self.checkpoints: list[Checkpoint] = []
        self.recent: deque[Checkpoint] = deque(maxlen=max(int(recent), 0))

    @property
    def iterations(self) -> int:
        return self.costs.end - 1

    @property
    def nbytes(self) -> int:
        """Bytes its arrays and checkpoints take: bounded, however long training runs."""
        return (self.costs.nbytes + self.evals.nbytes + self.learning_rates.changes._data.nbytes
                + sum(c.state.nbytes for c in self.checkpoints))

    def maybe_checkpoint(self, t: int, state: np.ndarray, b: float, cost: float) -> None:
        if t % self.checkpoint_every and t != self.start:
            return
        self.checkpoints.append(Checkpoint(t, state.copy(), b, cost))
        if len(self.checkpoints) > self.max_checkpoints and not self._dense(state.nbytes):
            self.checkpoint_every *= 2
            self.checkpoints = [c for c in self.checkpoints
                                if c.iteration % self.checkpoint_every == 0 or c.iteration == self.start]

    def remember(self, t: int, state: np.ndarray, b: float, cost: float) -> None:
        """Keep iteration t's state among the ``recent`` latest (nothing when none are kept). Kept
        as it is, not copied: a trainer's states are new arrays every step, never changed in place."""
        if self.recent.maxlen:
            self.recent.append(Checkpoint(t, state, b, cost))

    def _dense(self, state_bytes: int) -> bool:
        """Keep every checkpoint: a doubled interval would replay too slowly, and memory allows."""
        return (self.max_bytes is not None and 2 * self.checkpoint_every * self.step_seconds > self.replay_seconds
                and len(self.checkpoints) * state_bytes <= self.max_bytes)

    def checkpoint_before(self, t: int) -> Checkpoint:
        """The last checkpoint at or before iteration t (the first one if none is)."""
        return self.checkpoints[max(0, bisect.bisect_right(self.checkpoints, t, key=_iteration) - 1)]
