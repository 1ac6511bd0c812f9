"""What crosses between the training process and the window: snapshots, past views, deltas."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lrviz.core.bowl import Bowl
from lrviz.core.explain import StepDetail
from lrviz.core.history import Series


@dataclass(frozen=True)
class Snapshot:
    data_tag: object          # the tag given with the data this run trains on
    run: int                  # changes when data is replaced or training is reset
    iteration: int
    cost: float
    learning_rate: float      # the rate the next step will use
    train_accuracy: float
    test_accuracy: float
    costs: np.ndarray         # J(wₜ, bₜ) for t = 0 … iteration
    learning_rates: np.ndarray  # α of each step taken
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


@dataclass(frozen=True)
class Delta:
    """What the process sends: the scalars, w, and only the history added since the last one."""

    fields: dict               # every Snapshot field but the three histories
    start: int                 # len(costs) before these new costs (0 starts a new history)
    costs: np.ndarray
    learning_rates: np.ndarray
    evals: np.ndarray


class History:
    """The UI process's copy of the run's history, grown from deltas."""

    def __init__(self):
        self.costs, self.learning_rates, self.evals = Series(), Series(), Series(width=5, capacity=64)

    def merge(self, d: Delta) -> None:
        if d.start != len(self.costs):
            self.__init__()  # a new run, or a resend from its start
        self.costs.extend(d.costs)
        self.learning_rates.extend(d.learning_rates)
        self.evals.extend(d.evals)

    def snapshot(self, fields: dict) -> Snapshot:
        return Snapshot(costs=self.costs.view().copy(), learning_rates=self.learning_rates.view().copy(),
                        evals=self.evals.view().copy(), **fields)
