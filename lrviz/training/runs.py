"""The training process's run: its data, the trainer (or a race of them) and which run is followed.

A run starts when data arrives, on Reset, and when the loss or the raced rates change; each start
is numbered, so the window can tell a new run's history from more of the same one.
"""

from __future__ import annotations

import time

import numpy as np

from lrviz.core import GradientDescent
from lrviz.core.race import Race
from lrviz.core.tracker import trainer_options
from lrviz.io.budget import gram_room
from lrviz.training.commands import ProcessSettings
from lrviz.training.handoff import receive

CHECKPOINT_BYTES = 64 * 2**20  # for dense checkpoints where steps are slow (scrubbing ≤ 0.5 s)
EVERY_STEP_CELLS = 8e6  # (train + test examples) × features up to which every step is evaluated


def eval_every(X: np.ndarray, X_test: np.ndarray | None) -> int:
    """How often the accuracies and the test cost are computed: every step where that is cheap (the
    course's data: a zig-zag of period 2 shows in the accuracy curves too, and they end where the
    readouts are), every 10th beyond (CIFAR-10: a pass over the test set is a tenth of a step)."""
    rows = X.shape[0] + (0 if X_test is None else X_test.shape[0])
    return 1 if rows * X.shape[1] <= EVERY_STEP_CELLS else 10


def window_options(X: np.ndarray, X_test: np.ndarray | None, runs: int = 1, n_iter: int | None = None) -> dict:
    """What the window's trainers keep beyond a plain GradientDescent: the bowl's path
    (lrviz.core.tracker.trainer_options), an evaluation every step where that is cheap, and dense
    checkpoints where steps are slow (``runs``: a race's, sharing the bytes)."""
    return dict(trainer_options(X, runs, n_iter), eval_every=eval_every(X, X_test),
                checkpoint_bytes=CHECKPOINT_BYTES // runs)


class Runs:
    """The data, the trainer the panels follow, and (while rates race) the race it belongs to."""

    def __init__(self, settings: ProcessSettings):
        self.data: tuple | None = None   # X, y, X_test, y_test
        self.data_tag = None
        self.gram_bytes: int | None = None  # what the Gram form's K may take: what the memory budget leaves
        self.lr = settings.learning_rate
        self.stop_at = settings.stop_at
        self.loss = settings.loss
        self.rates: list[float] | None = None  # several learning rates racing (None: one run)
        self.race: Race | None = None
        self.follow = 0                 # the race's run the trainer's panels follow
        self.trainer: GradientDescent | None = None
        self.run = 0

    def set_data(self, items: tuple, tag: object) -> bool:
        """False if the data was freed before it arrived: the window has sent newer data since."""
        try:
            self.data = receive(items)  # big arrays mapped from shared memory (no copy), the rest as sent
        except FileNotFoundError:
            return False
        self.data_tag = tag
        X, X_test = self.data[0], self.data[2]
        self.gram_bytes = gram_room(len(X) + (0 if X_test is None else len(X_test)), X.shape[1:])
        return True

    def restart(self, start: tuple | None = None) -> bool:
        """A new run from w = 0 on the data, or from ``start`` = (w, b) (one run; a race starts from
        0); False: there is no data yet."""
        if self.data is None:
            return False
        # every iteration checkpointed until 128, then thinned, and the latest ones kept: the bowl's path
        options = dict(window_options(self.data[0], self.data[2], len(self.rates or [self.lr]), self.stop_at),
                       loss=self.loss, gram_bytes=self.gram_bytes)
        if self.rates:
            self.race = Race(self.rates, **options).start(*self.data, n_iter=self.stop_at)
            self.follow = min(self.follow, len(self.rates) - 1)
            self.trainer = self.race.runs_[self.follow]
        else:
            self.race = None
            origin = {} if start is None else {"w0": start[0], "b0": start[1]}
            self.trainer = GradientDescent(self.lr, **options).start(*self.data, n_iter=self.stop_at, **origin)
        self.run += 1
        return True

    def set_learning_rate(self, lr: float) -> None:
        self.lr = lr
        if self.trainer is not None and self.race is None:  # a race's runs keep their own rates
            self.trainer.learning_rate = lr

    def set_follow(self, run: int) -> bool:
        """Follow another run of a race; True if the trainer followed changed."""
        self.follow = int(run)
        if self.race is None:
            return False
        self.follow = min(max(self.follow, 0), len(self.race.runs_) - 1)
        self.trainer = self.race.runs_[self.follow]
        return True

    def step(self, n: int) -> tuple[int, float]:
        """Take up to ``n`` steps (every run of a race); (steps taken, seconds they took)."""
        start = time.perf_counter()
        taken = (self.race or self.trainer).step(n) if n else 0
        elapsed = time.perf_counter() - start
        if taken:  # what a replayed step costs: checkpoints stay dense where it is much
            for run in self.race.runs_ if self.race is not None else (self.trainer,):
                run.history_.step_seconds = elapsed / taken
        return taken, elapsed

    def n_iter(self) -> int:
        return self.race.n_iter_ if self.race is not None else self.trainer.n_iter_

    def all_diverged(self) -> bool:
        if self.race is not None:
            return not self.race.live_
        return self.trainer.diverged_ is not None

    def others(self) -> tuple:
        """(place, run) of each other run of a race, for the bowl."""
        if self.race is None:
            return ()
        return tuple((j, run) for j, run in enumerate(self.race.runs_) if run is not self.trainer)
