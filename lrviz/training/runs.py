"""The training process's run: its data, the trainer (or a race of them) and which run is followed.

A run starts when data arrives, on Reset, and when the loss or the raced rates change; each start
is numbered, so the window can tell a new run's history from more of the same one. Such a start
begins a family of runs: a branch from any iteration of a run of the family joins it, and each of
them is kept (to follow, hide or remove) with where it started (:class:`RunStart`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from lrviz.core import GradientDescent
from lrviz.core.race import Race
from lrviz.core.tracker import trainer_options
from lrviz.io.budget import gram_room
from lrviz.training.commands import ProcessSettings
from lrviz.training.handoff import receive
from lrviz.training.messages import RunStart

CHECKPOINT_BYTES = 64 * 2**20  # for dense checkpoints where steps are slow (scrubbing ≤ 0.5 s)
MAX_KEPT = 6  # runs of a family kept at most (each keeps its history and checkpoints)
ZEROS = RunStart("zeros")
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


@dataclass
class Kept:
    """A run of the family: its number, trainer, start, and whether it is drawn."""

    run: int
    trainer: GradientDescent
    start: RunStart
    shown: bool = True


class Runs:
    """The data, the trainer the panels follow, (while rates race) the race it belongs to, and
    (otherwise) the family of runs kept beside it."""

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
        self.run = 0                    # the followed run's number
        self.made = 0                   # runs made so far: the next one's number is one more
        self.kept: list[Kept] = []      # the family, oldest first (empty while rates race)
        self.branches: list[int] = []   # the branches made, latest last: what Undo takes back
        self.own: tuple | None = None   # the learner's own start: (w, b, name)

    def set_data(self, items: tuple, tag: object) -> bool:
        """False if the data was freed before it arrived: the window has sent newer data since."""
        try:
            self.data = receive(items)  # big arrays mapped from shared memory (no copy), the rest as sent
        except FileNotFoundError:
            return False
        self.data_tag = tag
        self.own = None  # another data set's parameters may not even fit
        X, X_test = self.data[0], self.data[2]
        self.gram_bytes = gram_room(len(X) + (0 if X_test is None else len(X_test)), X.shape[1:])
        return True

    def restart(self, own: bool = False) -> bool:
        """A new run (and family) on the data, from w = 0 or, with ``own``, from the learner's own
        start if one was given, else from where the followed run started (False: no data yet)."""
        if self.data is None:
            return False
        # every iteration checkpointed until 128, then thinned, and the latest ones kept: the bowl's path
        options = dict(window_options(self.data[0], self.data[2], len(self.rates or [self.lr]), self.stop_at),
                       loss=self.loss, gram_bytes=self.gram_bytes)
        followed = self.followed()
        start = ZEROS
        if self.rates:
            self.race = Race(self.rates, **options).start(*self.data, n_iter=self.stop_at)
            self.follow = min(self.follow, len(self.rates) - 1)
            self.trainer = self.race.runs_[self.follow]
        elif own and self.own is not None:
            w, b, name = self.own
            self.race, start = None, RunStart("own", name)
            self.trainer = GradientDescent(self.lr, **options).start(*self.data, n_iter=self.stop_at, w0=w, b0=b)
        elif own and followed is not None:  # the same start again: from the followed run's first state
            self.race, start = None, followed.start
            self.trainer = followed.trainer.branch(followed.trainer.t0_, learning_rate=self.lr, loss=self.loss)
        else:
            self.race = None
            self.trainer = GradientDescent(self.lr, **options).start(*self.data, n_iter=self.stop_at)
        self.made += 1
        self.run = self.made
        self.kept = [] if self.race is not None else [Kept(self.run, self.trainer, start)]
        self.branches = []
        return True

    def start_from(self, w: np.ndarray, b: float, name: str) -> bool:
        """The learner's own start (e.g. a saved model's w and b): remembered, and a new run from it.
        False if there is no data, or w does not fit it (the window checks first, and says why)."""
        if self.data is None or np.asarray(w).size != self.data[0].shape[1]:
            return False
        self.own = (np.asarray(w, dtype=np.float64).ravel(), float(b), str(name))
        self.rates = None
        return self.restart(own=True)

    # -- the family: branches, followed, hidden, removed, undone ------------------------------------
    def followed(self) -> Kept | None:
        return next((k for k in self.kept if k.run == self.run), None)

    def find(self, run: int) -> Kept | None:
        return next((k for k in self.kept if k.run == run), None)

    def branch(self, iteration: int) -> bool:
        """A new run from the followed run's ``iteration``, with the α and loss of now; the run it
        leaves stays, at the rate it last used. False while rates race (or before any run)."""
        parent = self.followed()
        if parent is None or self.race is not None:
            return False
        t = parent.trainer
        k = min(max(int(iteration), t.t0_), t.n_iter_)
        changes = t.history_.learning_rates.changes
        if len(changes) and t.n_iter_ > t.t0_:  # an α set while looking back is the branch's, not this run's
            t.learning_rate = float(changes.view()[-1, 1])
        self.made += 1
        self.kept.append(Kept(self.made, t.branch(k, learning_rate=self.lr, loss=self.loss),
                              RunStart("branch", parent=parent.run, iteration=k)))
        self.branches.append(self.made)
        self._follow_kept(self.kept[-1])
        while len(self.kept) > MAX_KEPT:  # the oldest one not followed goes
            self.kept.remove(next(k for k in self.kept if k.run != self.run))
        return True

    def _follow_kept(self, kept: Kept) -> None:
        self.run, self.trainer = kept.run, kept.trainer
        self.lr, self.loss = kept.trainer.learning_rate, kept.trainer.loss  # the settings of now: the run's

    def follow_run(self, run: int) -> bool:
        """Follow another run of the family (shown again if hidden); True if the followed run changed."""
        kept = self.find(run)
        if kept is None or kept.run == self.run:
            return False
        kept.shown = True
        self._follow_kept(kept)
        return True

    def show_run(self, run: int, shown: bool) -> bool:
        """Draw a run of the family or not (the followed one is always drawn); True if that changed."""
        kept = self.find(run)
        if kept is None or kept.run == self.run or kept.shown == bool(shown):
            return False
        kept.shown = bool(shown)
        return True

    def remove_run(self, run: int) -> bool | None:
        """Forget a run of the family: None if nothing changed; True if the followed run changed
        (to the one it branched from, or else the latest other), False if it did not."""
        kept = self.find(run)
        if kept is None or len(self.kept) < 2:
            return None
        self.kept.remove(kept)
        if run != self.run:
            return False
        parent = self.find(kept.start.parent) if kept.start.kind == "branch" else None
        self._follow_kept(parent or self.kept[-1])
        return True

    def undo_to(self) -> int | None:
        """The run Undo would return to: the one the latest branch (still kept) left."""
        for run in reversed(self.branches):
            kept = self.find(run)
            if kept is not None:
                return kept.start.parent if self.find(kept.start.parent) is not None else None
        return None

    def undo(self) -> bool:
        """Take back the latest branch: it goes, and the run it left is followed again."""
        to = self.undo_to()
        if to is None:
            return False
        while self.find(self.branches[-1]) is None:
            self.branches.pop()
        self.kept.remove(self.find(self.branches.pop()))
        self._follow_kept(self.find(to))
        return True

    def places(self) -> dict[int, int]:
        """Each drawn run's place (its colour, on the curves and the bowl alike), oldest first."""
        return {k.run: i for i, k in enumerate(k for k in self.kept if k.shown or k.run == self.run)}

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
        """(place, run) of each other run of a race, or of the family's other runs drawn, for the bowl."""
        if self.race is None:
            places = self.places()
            return tuple((places[k.run], k.trainer) for k in self.kept if k.run in places and k.run != self.run)
        return tuple((j, run) for j, run in enumerate(self.race.runs_) if run is not self.trainer)
