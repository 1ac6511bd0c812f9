"""What crosses between the training process and the window: snapshots, past views, deltas."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lrviz.core import losses
from lrviz.core.bowl import Bowl
from lrviz.core.explain import StepDetail
from lrviz.core.history import Trace
from lrviz.training.commands import ProcessSettings


@dataclass(frozen=True)
class Snapshot:
    data_tag: object          # the tag given with the data this run trains on
    run: int                  # changes when data is replaced or training is reset
    iteration: int
    cost: float
    learning_rate: float      # the rate the next step will use
    train_accuracy: float
    test_accuracy: float
    costs: np.ndarray         # rows (t, J(wₜ, bₜ)), t = 0 … last: every t while the run is short,
    #                           a min/max summary of the middle of a long one (lrviz.core.history.Trace)
    learning_rates: np.ndarray  # rows (t, α): the rate of steps t, t+1, … until the next row
    evals: np.ndarray         # rows: iteration, train cost, train %, test cost, test %
    w: np.ndarray
    b: float
    running: bool
    stop_at: int
    diverged: str | None
    steps_per_second: float   # measured while running
    bowl: Bowl | None = None  # J on a slice, the path and the next step (see lrviz.core.bowl)
    detail: StepDetail | None = None  # the formulas' numbers for the chosen example
    view: View | None = None  # a past iteration, when one was asked for (see TrainingWorker.view)
    viewing: bool = False     # set by the session when panels should show ``view``'s iteration
    logits: np.ndarray | None = None  # z = wᵀx + b of every training example (float32), for the loss view
    timings: tuple | None = None      # lrviz.core.vectorize.Timing of each way, once measured
    loss: str = losses.DEFAULT        # the loss training descends
    race: tuple | None = None         # RaceRun of each learning rate when several race (None: one run)
    follow: int = 0                   # the race's run the other panels show
    settings: ProcessSettings | None = None  # what the process runs with: a change sent has arrived
    start: RunStart | None = None      # where the followed run started (None: a race's run)
    kept: tuple = ()                  # KeptRun of each run kept to compare (the followed one's costs empty)
    undo_to: int | None = None        # the run Undo returns to (the latest branch's), if any
    own: str | None = None            # the name of the learner's own start, once one was given


@dataclass(frozen=True)
class RunStart:
    """Where a run started: from w = 0 ("zeros"), from the learner's own (w, b) ("own", ``name``:
    where they came from, e.g. a model file's name), or at iteration ``iteration`` of run ``parent``
    ("branch"). Data edited in the window starts a run of its own the same way (any of the three)."""

    kind: str
    name: str = ""
    parent: int = 0
    iteration: int = 0


@dataclass(frozen=True)
class KeptRun:
    """A run kept beside the followed one (a branch, or the run branched from), as the curves, the
    bowl and the runs' menu show it."""

    run: int
    start: RunStart
    learning_rates: np.ndarray  # rows (t, α), as a snapshot's
    loss: str
    iteration: int
    cost: float
    diverged: object            # None, or why it stopped (a Message)
    shown: bool
    place: int | None           # its colour's place among the runs drawn (None: hidden)
    costs: np.ndarray           # rows (t, J), thinned for drawing (empty for the followed run)


@dataclass(frozen=True)
class RaceRun:
    """One run of a race of learning rates, as the curves and the legend draw it."""

    learning_rate: float
    iteration: int
    cost: float
    train_accuracy: float
    test_accuracy: float
    diverged: str | None
    costs: np.ndarray          # rows (t, J), thinned for drawing
    evals: np.ndarray          # rows (t, train cost, train %, test cost, test %), thinned


@dataclass(frozen=True)
class View:
    """A past iteration, replayed in the training process: what every panel shows while scrubbing."""

    iteration: int
    w: np.ndarray
    b: float
    cost: float
    train_accuracy: float
    test_accuracy: float
    bowl: Bowl | None
    detail: StepDetail
    logits: np.ndarray | None = None


@dataclass(frozen=True)
class Delta:
    """What the process sends: the scalars, w, and only the history added since the last one."""

    fields: dict               # every Snapshot field but the three histories
    start: int                 # the first iteration of these cost rows (0 starts the history anew)
    costs: np.ndarray          # rows (t, J), t ≥ start
    learning_rates: np.ndarray  # all the run's rate changes (t, α): a handful
    evals: np.ndarray          # rows with t ≥ start


class History:
    """The UI process's copy of the run's history, grown from deltas, bounded like the trainer's."""

    def __init__(self):
        self.costs = Trace(columns=2)
        self.evals = Trace(columns=5, head=1024, tail=1024, bins=1024)
        self.learning_rates = np.empty((0, 2))

    def merge(self, d: Delta) -> None:
        if d.start == 0 or d.start != self.costs.end:
            self.__init__()  # a new run, or a resend from its start
        self.costs.extend(d.costs)
        self.evals.extend(d.evals[d.evals[:, 0] >= self.evals.end] if len(d.evals) else d.evals)
        self.learning_rates = d.learning_rates

    def snapshot(self, fields: dict) -> Snapshot:
        return Snapshot(costs=self.costs.rows(), learning_rates=self.learning_rates,
                        evals=self.evals.rows(), **fields)
