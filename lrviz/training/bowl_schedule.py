"""When the training process spends time on the bowl: its plane at the marks, its surface within a
budget while training runs and whole (row by row) once it pauses, λ_max at most every so often.

The costs are bounded whatever m (see :mod:`lrviz.core.refit`); what they took is reported, so the
publisher does not count it as a delta's.
"""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np

from lrviz.core import refit
from lrviz.core.bowl import Bowl
from lrviz.core.tracker import BowlTracker
from lrviz.training.runs import Runs

CELL_SECONDS = 1e-8  # a first guess of one grid cell's cost (one exp of one example), until measured
LAMBDA_SHARE = 0.1    # of the training process's time, at most, for λ_max while it runs…
LAMBDA_INTERVAL = 0.25  # …and at most every this many seconds


class BowlSchedule:
    """The tracker (plane, path, ranges, surface), the last bowl sent, and the full surface's job."""

    def __init__(self, surface: str, plane: str):
        self.tracker = BowlTracker(plane, surface)
        self.last: Bowl | None = None       # the last bowl sent
        self.cell_seconds = CELL_SECONDS    # one grid cell's measured cost (see lrviz.core.refit)
        self.job: refit.GridJob | None = None  # the full surface, computed row by row while paused
        self.lambda_due = 0.0              # when λ_max is next measured while running
        self.lambda_seconds = 0.0          # what measuring it took last

    @property
    def surface(self) -> str:
        return self.tracker.surface

    @property
    def plane(self) -> str:
        return self.tracker.keeper.kind

    def new_data(self) -> None:
        self.tracker.forget_curvature()

    def new_run(self) -> None:
        self.last, self.job = None, None  # they hold X: older data is freed once nothing does
        self.tracker.reset()

    def mark(self, runs: Runs) -> None:
        """Reconsider the plane now (a mark iteration, or another run followed)."""
        self.tracker.mark(runs.trainer, runs.others())

    def set_surface(self, loss: str) -> None:
        self.tracker.set_surface(loss)

    def ask(self, kind: str, runs: Runs) -> None:
        """The learner chose a kind of plane: chosen now if there is a run, else at its start."""
        self.tracker.ask(kind)
        if runs.trainer is not None:
            self.mark(runs)

    def update(self, runs: Runs, running: bool) -> tuple[Bowl, float]:
        """(the bowl now, the seconds spent on what has budgets of its own: a new plane, its surface
        and λ_max). A surface is computed only when the plane or the view's ranges change, while
        running on a grid as fine as the budget allows, and the full grid row by row once paused
        (:meth:`refine`); λ_max is measured at most every :data:`LAMBDA_INTERVAL` s and within
        :data:`LAMBDA_SHARE` of the time."""
        t, tracker = runs.trainer, self.tracker
        m = runs.data[0].shape[0]
        now = time.perf_counter()
        grid = refit.grid_size(m, self.cell_seconds) if running else refit.FULL_GRID
        measure = not running or now >= self.lambda_due
        before = tracker.grid_points, tracker.frame_number, tracker.plane
        tracker.spent.update({"grid": 0.0, "lambda": 0.0, "plane": 0.0})
        bowl = tracker.bowl(t, t.learning_rate, grid, runs.others(), runs.stop_at,
                            lambda_seconds=refit.REFIT_SECONDS if measure else 0)
        if (tracker.frame_number, tracker.plane) != before[1:] or tracker.grid_points != before[0]:
            self.cell_seconds = max(tracker.spent["grid"], 1e-6) / (m * grid * grid)  # per grid cell
            self.job = None if grid >= refit.FULL_GRID else refit.GridJob(
                tracker.drawn_plane(t), *(np.linspace(v[0], v[-1], refit.FULL_GRID) for v in (bowl.s, bowl.t)))
        if measure:
            if running:
                self.lambda_seconds = tracker.spent["lambda"]
            self.lambda_due = now + refit.budgeted_interval(self.lambda_seconds, LAMBDA_SHARE, LAMBDA_INTERVAL)
        if runs.race is None and bowl.others:  # the family's other runs, not a race's
            bowl = replace(bowl, others=tuple(replace(p, kept=True) for p in bowl.others))
        self.last = bowl
        # the path, the ball and the 1-D pictures are the delta's
        return bowl, tracker.spent["grid"] + tracker.spent["lambda"] + tracker.spent["plane"]

    def refine(self, runs: Runs, seconds: float) -> bool:
        """While paused: about ``seconds`` more of the full surface; True once it is whole (to be drawn)."""
        job = self.job
        if job is None or self.last is None or runs.trainer is None:  # the bowl is to be redone anyway
            self.job = None
            return False
        # rows by the whole refit's cost per cell: cautious (no plane to build here), so a slice stays
        # within ``seconds``; that estimate is the running refit's and is left to it
        job.advance(max(1, int(seconds / (self.cell_seconds * job.cells()))))
        if job.done:
            self.tracker.set_grid(job.s, job.t, job.J)
            self.job = None
            return True
        return False
