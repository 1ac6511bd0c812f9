"""The training process: a GradientDescent driven by commands, sending deltas at a bounded rate.

Runs in its own process (see :class:`lrviz.ui.worker.TrainingWorker`); no Qt here.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time

import numpy as np

from lrviz.core import GradientDescent
from lrviz.core import refit
from lrviz.core.bowl import Bowl, bowl_at, extend_bowl, fit_bowl, race_paths, with_grid
from lrviz.core.history import thin_rows
from lrviz.core.race import Race
from lrviz.core.explain import step_detail
from lrviz.core.vectorize import WAYS, Timing, time_way
from lrviz.io.budget import gram_room
from lrviz.ui.handoff import receive
from lrviz.ui.messages import Delta, RaceRun, View


def serve(commands, updates, learning_rate: float, min_interval: float, chunk_seconds: float) -> None:
    """The training process: apply commands between steps; send updates at most 1/min_interval a second."""
    with contextlib.suppress(OSError, AttributeError):
        os.nice(10)  # under contention the window comes first; training still gets every idle cycle
    # Ctrl+C in the terminal reaches every process of the group: the window decides (it closes and
    # sends "quit"), this process does not die mid-update with a traceback of its own
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    s = State(learning_rate)
    while True:
        busy = s.trainer is not None and (s.running or s.pending) and not s.all_diverged()
        refining = not busy and s.job is not None
        try:
            ready = commands.poll(s.wait_time() if busy else 0 if refining else None)
            while ready:
                kind, arg = commands.recv()
                if kind == "quit":
                    return
                s.apply(kind, arg)
                ready = commands.poll()
        except (EOFError, OSError):
            return  # the window went away
        if s.trainer is not None and (s.running or s.pending):
            s.advance(chunk_seconds)
        elif refining:
            s.refine(chunk_seconds)
        if s.dirty and s.trainer is not None and s.due(time.perf_counter(), min_interval):
            try:
                updates.send(s.delta())
            except (BrokenPipeError, OSError):
                return
            s.dirty = False
            s.published = time.perf_counter()


DELTA_SHARE = 0.1  # of the training process's time, at most, for making deltas while it runs
DEFAULT_SPEED = 100.0  # steps a second: the course's 2,000 iterations in 20 s, slow enough to watch
BOWL_PATH_POINTS = 64
CHECKPOINT_BYTES = 64 * 2**20  # for dense checkpoints where steps are slow (scrubbing ≤ 0.5 s)
CELL_SECONDS = 1e-8  # a first guess of one grid cell's cost (one exp of one example), until measured
RACER_PATH_POINTS = 24  # each other run of a race: forming its w at each point is a pass over X


class State:
    """The training process's own state."""

    def __init__(self, lr: float):
        self.trainer: GradientDescent | None = None
        self.data = None
        self.data_tag = None
        self.gram_bytes: int | None = None  # what the Gram form's K may take: what the memory budget leaves
        self.lr = lr
        self.run = 0
        self.running = False
        self.pending = 0          # steps asked for by "step n"
        self.stop_at = 2000
        self.speed: float | None = DEFAULT_SPEED  # None: as fast as possible
        self.chunk = 16           # steps per chunk at full speed, adapted to ~chunk_seconds
        self.rate = 0.0
        self.paced_since = 0.0
        self.paced_done = 0
        self.dirty = False
        self.published = 0.0
        self.delta_seconds = 0.0  # what making the last delta took, refits aside
        self.elsewhere = 0.0      # of it, what is budgeted elsewhere: a refit of the bowl (lrviz.core.refit)
        #                           and the gradient, which the next step would compute anyway
        self.sent_run, self.sent = -1, 0  # what the last delta covered
        self.bowl: Bowl | None = None
        self.plane = None
        self.bowl_fitted = (-1, -1, 0.0)   # (run, iteration, time) of the last refit
        self.refit_seconds = 0.0           # what the last refit took
        self.cell_seconds = CELL_SECONDS    # one grid cell's measured cost (see lrviz.core.refit)
        self.job: refit.GridJob | None = None  # the full surface, computed row by row while paused
        self.view_t: int | None = None
        self.example = 0
        self.view_cache: tuple | None = None
        self.timings: tuple | None = None
        self.loss = "cross_entropy"     # the loss training descends
        self.surface = "cross_entropy"  # the loss whose cost the bowl draws
        self.rates: list[float] | None = None  # several learning rates racing (None: one run)
        self.race: Race | None = None
        self.follow = 0                 # the race's run the trainer's panels follow

    def apply(self, kind: str, arg) -> None:
        if kind == "data":
            items, tag = arg
            try:
                self.data = receive(items)  # big arrays mapped from shared memory (no copy), the rest as sent
            except FileNotFoundError:  # freed: the window has sent newer data since, which follows
                return
            self.data_tag = tag
            X, X_test = self.data[0], self.data[2]
            self.gram_bytes = gram_room(len(X) + (0 if X_test is None else len(X_test)), X.shape[1:])
            self.timings = None
            self._restart()
        elif kind == "reset":
            self._restart()
        elif kind == "lr":
            self.lr = arg
            if self.trainer is not None and self.race is None:  # a race's runs keep their own rates
                self.trainer.learning_rate = arg
        elif kind == "race":  # [α, α, …] to race from w = 0, or None for one run again
            self.rates = list(arg) if arg and len(arg) > 1 else None
            self._restart()
        elif kind == "follow":
            self.follow = int(arg)
            if self.race is not None:
                self.follow = min(max(self.follow, 0), len(self.race.runs_) - 1)
                self.trainer = self.race.runs_[self.follow]
                self.bowl, self.view_cache = None, None
        elif kind == "play" and self.trainer is not None:
            self.running = self.n_iter() < self.stop_at and not self.all_diverged()
            self._pace_from_now()
        elif kind == "pause":
            self.running, self.pending = False, 0
        elif kind == "step" and self.trainer is not None and not self.running:
            self.pending += arg
            self._pace_from_now()
        elif kind == "stop_at":
            self.stop_at = arg
        elif kind == "speed":
            self.speed = arg
            self._pace_from_now()
        elif kind == "view":
            self.view_t = arg
        elif kind == "example":
            self.example = arg
        elif kind == "loss":  # another loss is another run (the earlier one stays on the curves)
            self.loss = arg
            self._restart()
        elif kind == "surface":
            self.surface = arg
            self.bowl, self.view_cache = None, None  # refit at the next update
        elif kind == "time_ways" and self.data is not None:
            self.timings = time_ways(self.data[0], self.data[1])
        self.dirty = True

    def _restart(self) -> None:
        self.running, self.pending = False, 0
        if self.data is not None:
            # every iteration checkpointed until 128, then thinned: a dense early path for the bowl
            options = dict(checkpoint_every=1, max_checkpoints=128, loss=self.loss, gram_bytes=self.gram_bytes,
                           checkpoint_bytes=CHECKPOINT_BYTES // len(self.rates or [self.lr]))
            if self.rates:
                self.race = Race(self.rates, **options).start(*self.data, n_iter=self.stop_at)
                self.follow = min(self.follow, len(self.rates) - 1)
                self.trainer = self.race.runs_[self.follow]
            else:
                self.race = None
                self.trainer = GradientDescent(self.lr, **options).start(*self.data, n_iter=self.stop_at)
            self.run += 1
            self.bowl = None
            self.plane, self.job = None, None  # they hold X: older data is freed once nothing does

    def n_iter(self) -> int:
        return self.race.n_iter_ if self.race is not None else self.trainer.n_iter_

    def all_diverged(self) -> bool:
        if self.race is not None:
            return not self.race.live_
        return self.trainer.diverged_ is not None

    def _pace_from_now(self) -> None:
        """The first step is due at once (→ at 1 step a second answers now, not a second later)."""
        lead = 1.0 / self.speed if self.speed else 0.0
        self.paced_since, self.paced_done = time.perf_counter() - lead, 0

    def wait_time(self) -> float:
        """Seconds until the next step is due (0 at full speed)."""
        if self.speed is None:
            return 0.0
        due_at = self.paced_since + (self.paced_done + 1) / self.speed
        return max(0.0, due_at - time.perf_counter())

    def advance(self, chunk_seconds: float) -> None:
        t = self.trainer
        if self.speed is None:
            n = self.chunk
        else:
            n = int((time.perf_counter() - self.paced_since) * self.speed) - self.paced_done
            if n <= 0:
                return
        limit = self.pending if self.pending else self.stop_at - self.n_iter()
        n = max(0, min(n, limit))
        start = time.perf_counter()
        taken = (self.race or t).step(n) if n else 0
        elapsed = time.perf_counter() - start
        self.paced_done += taken
        if taken:  # what a replayed step costs: checkpoints stay dense where it is much
            for run in self.race.runs_ if self.race is not None else (t,):
                run.history_.step_seconds = elapsed / taken
        if self.speed is None and taken:
            self.rate = taken / max(elapsed, 1e-9)
            self.chunk = int(min(max(self.rate * chunk_seconds, 1), 100_000))
        elif self.speed is not None:
            self.rate = self.speed
        if self.pending:
            self.pending = max(0, self.pending - taken)
        if self.all_diverged() or self.n_iter() >= self.stop_at or (not self.pending and not self.running):
            self.running = False
        if not self.running and self.all_diverged():
            self.pending = 0
        self.dirty = True

    def replay(self, example: int) -> View | None:
        """The asked-for past iteration, replayed once and kept while nothing about it changes."""
        t = self.trainer
        if self.view_t is None:
            return None
        it = min(max(self.view_t, 0), t.n_iter_)
        key = (self.run, it, example, self.bowl_fitted)  # not per frame: only when the surface is refitted
        if self.view_cache is None or self.view_cache[0] != key:
            w, b, cost = t.replay(it)  # the replayed cost is bit for bit the recorded one
            z = t.logits(w, b)  # one pass over X for the accuracy, the gradient and the bowl
            _, train, test = t.evaluate(w, b, z)
            rates = t.history_.learning_rates
            lr = rates.at(it) if it < len(rates) else t.learning_rate
            dw, db = t.gradient(w, b, z)
            X, y = self.data[0], self.data[1]
            bowl = bowl_at(self.bowl, self.plane, it, w, b, cost, dw, db, lr, z) if self.bowl is not None else None
            bowl = self._with_racers(bowl, it) if bowl is not None else None
            logits = z.astype(np.float32)
            self.view_cache = (key, View(it, w, b, cost, train, test, bowl,
                                         step_detail(it, example, X, y, w, b, cost, dw, db, lr, self.loss), logits))
        return self.view_cache[1]

    def update_bowl(self, w: np.ndarray, dw: np.ndarray, db: float) -> Bowl:
        """Refit the slice at a cost bounded whatever m (see :mod:`lrviz.core.refit`): while running,
        on a grid as fine as the budget allows, about once a second or less often; when paused, at
        once, and then the full grid row by row (:meth:`refine`). In between, only grow the path
        on the current plane (one dot product)."""
        t = self.trainer
        run, fitted_at, when = self.bowl_fitted
        now = time.perf_counter()
        stale = self.bowl is None or run != self.run or (
            fitted_at != t.n_iter_ and (now - when >= refit.refit_interval(self.refit_seconds) or not self.running))
        if stale:
            X, y = self.data[0], self.data[1]
            m = X.shape[0]
            others = () if self.race is None else tuple(
                (j, *run.trajectory(RACER_PATH_POINTS)) for j, run in enumerate(self.race.runs_) if run is not t)
            grid = refit.grid_size(m, self.cell_seconds)
            self.bowl, self.plane = fit_bowl(X, y, *t.trajectory(BOWL_PATH_POINTS), dw, db, t.learning_rate,
                                             grid=grid, loss=self.surface, trained=self.loss, others=others,
                                             z=t.logits_)
            self.refit_seconds = time.perf_counter() - now
            self.elsewhere += self.refit_seconds
            self.cell_seconds = self.refit_seconds / (m * grid * grid)  # the whole refit, per cell: cautious
            self.bowl_fitted = (self.run, t.n_iter_, now)
            self.job = None if grid >= refit.FULL_GRID else refit.GridJob(
                self.plane, np.linspace(self.bowl.s[0], self.bowl.s[-1], refit.FULL_GRID),
                np.linspace(self.bowl.b[0], self.bowl.b[-1], refit.FULL_GRID))
        else:
            self.bowl = extend_bowl(self.bowl, self.plane, t.n_iter_, w, t.b_, t.cost_, dw, db, t.learning_rate,
                                    t.logits_)
        return self._with_racers(self.bowl)

    def refine(self, seconds: float) -> None:
        """While paused: about ``seconds`` more of the full surface; once it is whole, it is drawn."""
        job, t = self.job, self.trainer
        if job is None or self.bowl is None or t is None:  # the bowl is to be refitted anyway
            self.job = None
            return
        # rows by the whole refit's cost per cell: cautious (no plane to build here), so a slice stays
        # within ``seconds``; that estimate is the running refit's and is left to it
        job.advance(max(1, int(seconds / (self.cell_seconds * job.cells()))))
        if job.done:
            w, (dw, db) = t.w_, t.gradient()
            self.bowl = with_grid(self.bowl, self.plane, job.s, job.b, job.J, w, dw, db, t.logits_)
            self.bowl_fitted = (self.run, t.n_iter_, time.perf_counter())  # the history view follows
            self.job = None
            self.dirty = True

    def _with_racers(self, bowl: Bowl, until: int | None = None) -> Bowl:
        """The other runs of a race on the bowl, each ending at its point now (or at ``until``)."""
        if self.race is None or not bowl.others:
            return bowl
        points = []
        for path in bowl.others:
            run = self.race.runs_[path.run]
            if until is None or until >= run.n_iter_:
                points.append((path.run, run.n_iter_, run.w_, run.b_, run.cost_))
            else:
                w, b, cost = run.replay(until)
                points.append((path.run, until, w, b, cost))
        return race_paths(bowl, self.plane, points, until)

    def due(self, now: float, min_interval: float) -> bool:
        """Whether to send a delta now: at once when paused; while running, every ``min_interval``
        seconds, or less often when making one takes more than ``DELTA_SHARE`` of the time (at
        CIFAR-10's size a delta took 50-60 ms, five times a second: a quarter of training's time)."""
        return not self.running or now - self.published >= refit.budgeted_interval(self.delta_seconds, DELTA_SHARE,
                                                                                     min_interval)

    def delta(self) -> Delta:
        began, self.elsewhere = time.perf_counter(), 0.0
        delta = self._delta()
        self.delta_seconds = max(time.perf_counter() - began - self.elsewhere, 0.0)
        return delta

    def _delta(self) -> Delta:
        t = self.trainer
        h = t.history_
        start = self.sent if self.sent_run == self.run else 0
        costs = h.costs.exact_since(start)
        if costs is None:  # more was summarised since the last delta than it covers: send it all again
            start, costs = 0, h.costs.rows()
        self.sent_run, self.sent = self.run, h.costs.end
        evals = h.evals.rows()
        evals = evals[np.searchsorted(evals[:, 0], start):]
        w = t.w_
        began = time.perf_counter()
        dw, db = t.gradient()
        if self.race is None and t.solver_ == "primal":  # the next step reuses this pass over X: no cost
            self.elsewhere += time.perf_counter() - began  # of the delta's (a race's steps do not)
        X, y = self.data[0], self.data[1]
        example = min(self.example, X.shape[0] - 1)
        fields = dict(data_tag=self.data_tag, run=self.run, iteration=t.n_iter_, cost=t.cost_,
                      learning_rate=t.learning_rate, train_accuracy=t.train_accuracy(), test_accuracy=t.test_accuracy(),
                      w=w, b=t.b_, running=self.running or bool(self.pending), stop_at=self.stop_at,
                      diverged=t.diverged_, steps_per_second=self.rate, bowl=self.update_bowl(w, dw, db),
                      detail=step_detail(t.n_iter_, example, X, y, w, t.b_, t.cost_, dw, db, t.learning_rate, self.loss),
                      loss=self.loss, race=self._race_runs(), follow=self.follow,
                      view=self.replay(example), logits=t.logits_.astype(np.float32), timings=self.timings)
        return Delta(fields, start, costs, h.learning_rates.changes.view().copy(), evals)


    def _race_runs(self) -> tuple | None:
        if self.race is None:
            return None
        return tuple(RaceRun(run.learning_rate, run.n_iter_, run.cost_, run.train_accuracy(), run.test_accuracy(),
                             run.diverged_, thin_rows(run.history_.costs.rows()), thin_rows(run.history_.evals.rows()))
                     for run in self.race.runs_)


TIMING_EXAMPLES = 2000  # the loops are timed on at most this many examples, then scaled to m
TIMING_BYTES = 32 * 2**20  # … and on at most this much of X in float64 (the lab's type), which they copy:
#                            2,000 examples of 12,288 features were a 197 MB copy on top of the data


def time_ways(X: np.ndarray, y: np.ndarray, budget: float = 1.0) -> tuple[Timing, ...]:
    """One iteration each way (two loops, one loop, vectorised) at w = 0, b = 0 on this data."""
    m = X.shape[0]
    k = min(m, TIMING_EXAMPLES, max(1, TIMING_BYTES // (8 * X.shape[1])))
    w = np.zeros(X.shape[1])
    out = []
    for fn in WAYS.values():
        t = time_way(fn, X[:k], y[:k], w, 0.0, budget)
        out.append(Timing(t.name, t.seconds * m / k, t.examples_timed, m))
    return tuple(out)
