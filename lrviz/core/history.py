"""What the trainer remembers: every iteration's cost, learning rate and b; evaluations at
intervals; and a bounded set of checkpoints from which any past iteration is replayed."""

from __future__ import annotations

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
            grown = np.empty((max(need, 2 * self._data.shape[0]),) + self._data.shape[1:])
            grown[: self._n] = self._data[: self._n]
            self._data = grown
        self._data[self._n: need] = values
        self._n = need

    def __len__(self) -> int:
        return self._n

    def view(self) -> np.ndarray:
        """The values so far (a view: copy it before handing it to another thread)."""
        return self._data[: self._n]


@dataclass
class Checkpoint:
    iteration: int
    state: np.ndarray
    b: float


class History:
    """``costs[t]`` = J(wₜ, bₜ) for t = 0 … T (T = iterations done), ``learning_rates[t]`` the α of
    step t → t+1, ``intercepts[t]`` = bₜ. ``evals`` rows: (t, train cost, train %, test cost, test %).

    Checkpoints are kept every ``every`` iterations; past ``max_checkpoints`` every other one is
    dropped and the interval doubles, so memory stays bounded however long training runs.
    """

    EVAL_COLUMNS = ("iteration", "train_cost", "train_accuracy", "test_cost", "test_accuracy")

    def __init__(self, checkpoint_every: int = 50, max_checkpoints: int = 128):
        self.costs = Series()
        self.learning_rates = Series()
        self.intercepts = Series()
        self.evals = Series(width=len(self.EVAL_COLUMNS), capacity=64)
        self.checkpoint_every = max(1, int(checkpoint_every))
        self.max_checkpoints = max(2, int(max_checkpoints))
        self.checkpoints: list[Checkpoint] = []

    @property
    def iterations(self) -> int:
        return len(self.costs) - 1

    def maybe_checkpoint(self, t: int, state: np.ndarray, b: float) -> None:
        if t % self.checkpoint_every:
            return
        self.checkpoints.append(Checkpoint(t, state.copy(), b))
        if len(self.checkpoints) > self.max_checkpoints:
            self.checkpoint_every *= 2
            self.checkpoints = [c for c in self.checkpoints if c.iteration % self.checkpoint_every == 0]

    def checkpoint_before(self, t: int) -> Checkpoint:
        best = self.checkpoints[0]
        for c in self.checkpoints:
            if c.iteration <= t:
                best = c
        return best
