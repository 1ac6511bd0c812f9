"""What the training process sends the window: a delta (only what is new) when one is due, with the
past iteration being shown replayed once and kept while nothing about it changes."""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from lrviz.core import refit
from lrviz.core.explain import step_detail
from lrviz.core.history import thin_rows
from lrviz.training.bowl_schedule import BowlSchedule
from lrviz.training.commands import ProcessSettings
from lrviz.training.messages import Delta, KeptRun, RaceRun, View
from lrviz.training.pacing import Pace
from lrviz.training.runs import Runs

DELTA_SHARE = 0.1  # of the training process's time, at most, for making deltas while it runs


class Publisher:
    """When a delta is due, what it holds, and what making it took."""

    def __init__(self, clock: Callable[[], float] = time.perf_counter):
        self.clock = clock  # injectable: what a delta took is accounted for without waiting for it
        self.dirty = False
        self.published = 0.0
        self.delta_seconds = 0.0  # what making the last delta took, refits aside
        self.elsewhere = 0.0      # of it, what is budgeted elsewhere: the bowl (lrviz.core.refit)
        #                           and the gradient, which the next step would compute anyway
        self.sent_run, self.sent = -1, 0  # what the last delta covered
        self.view_t: int | None = None    # the past iteration asked for (None: live)
        self.example = 0                  # the training example the formulas' numbers are for
        self.view_cache: tuple | None = None
        self.timings: tuple | None = None  # lrviz.core.vectorize.Timing of each way, once measured
        self.kept_cache: dict = {}  # run → (what it was made of, its KeptRun): a run not followed is still

    def due(self, now: float, min_interval: float, running: bool) -> bool:
        """Whether to send a delta now: at once when paused; while running, every ``min_interval``
        seconds, or less often when making one takes more than ``DELTA_SHARE`` of the time (at
        CIFAR-10's size a delta took 50-60 ms, five times a second: a quarter of training's time)."""
        return not running or now - self.published >= refit.budgeted_interval(self.delta_seconds, DELTA_SHARE,
                                                                                min_interval)

    def sent_now(self) -> None:
        self.dirty = False
        self.published = self.clock()

    def delta(self, runs: Runs, pace: Pace, bowl: BowlSchedule, settings: ProcessSettings) -> Delta:
        began, self.elsewhere = self.clock(), 0.0
        delta = self._delta(runs, pace, bowl, settings)
        self.delta_seconds = max(self.clock() - began - self.elsewhere, 0.0)
        return delta

    def _delta(self, runs: Runs, pace: Pace, schedule: BowlSchedule, settings: ProcessSettings) -> Delta:
        t, f = runs.trainer, runs.followed()
        h = t.history_
        start = self.sent if self.sent_run == runs.run else 0
        costs = h.costs.exact_since(start)
        if costs is None:  # more was summarised since the last delta than it covers: send it all again
            start, costs = 0, h.costs.rows()
        self.sent_run, self.sent = runs.run, h.costs.end
        evals = h.evals.rows()
        evals = evals[np.searchsorted(evals[:, 0], start):]
        w = t.w_
        began = self.clock()
        dw, db = t.gradient()
        if runs.race is None and t.solver_ == "primal":  # the next step reuses this pass over X: no cost
            self.elsewhere += self.clock() - began  # of the delta's (a race's steps do not)
        X, y = runs.data[0], runs.data[1]
        example = min(self.example, X.shape[0] - 1)
        bowl, spent = schedule.update(runs, pace.running)
        self.elsewhere += spent
        fields = dict(data_tag=runs.data_tag, run=runs.run, iteration=t.n_iter_, cost=t.cost_,
                      learning_rate=t.learning_rate, train_accuracy=t.train_accuracy(), test_accuracy=t.test_accuracy(),
                      w=w, b=t.b_, running=pace.busy, stop_at=runs.stop_at, diverged=t.diverged_,
                      steps_per_second=pace.rate.rate, bowl=bowl,
                      detail=step_detail(t.n_iter_, example, X, y, w, t.b_, t.cost_, dw, db, t.learning_rate,
                                         runs.loss),
                      loss=runs.loss, race=self._race_runs(runs), follow=runs.follow,
                      view=self.replay(runs, schedule, example), logits=t.logits_.astype(np.float32),
                      timings=self.timings, settings=settings, start=f.start if f else None,
                      kept=self.kept_runs(runs), undo_to=runs.undo_to(), own=runs.own[2] if runs.own else None)
        return Delta(fields, start, costs, h.learning_rates.changes.view().copy(), evals)

    def replay(self, runs: Runs, schedule: BowlSchedule, example: int) -> View | None:
        """The asked-for past iteration, replayed once and kept while nothing about it changes."""
        t, last = runs.trainer, schedule.last
        if self.view_t is None or last is None:
            return None
        it = min(max(self.view_t, t.t0_), t.n_iter_)  # a branch's history begins where it left its run
        # not per frame: only when the surface changes (a new plane or view, a finer grid)
        key = (runs.run, it, example, last.plane.number, last.frame, len(last.s), last.loss)
        if self.view_cache is None or self.view_cache[0] != key:
            w, b, cost = t.replay(it)  # the replayed cost is bit for bit the recorded one
            z = t.logits(w, b)  # one pass over X for the accuracy, the gradient and the bowl
            _, train, test = t.evaluate(w, b, z)
            rates = t.history_.learning_rates
            lr = rates.at(it) if it < len(rates) else t.learning_rate
            dw, db = t.gradient(w, b, z)
            X, y = runs.data[0], runs.data[1]
            bowl = schedule.tracker.at(last, t, it, lr, runs.others())
            logits = z.astype(np.float32)
            self.view_cache = (key, View(it, w, b, cost, train, test, bowl,
                                         step_detail(it, example, X, y, w, b, cost, dw, db, lr, runs.loss), logits))
        return self.view_cache[1]

    def kept_runs(self, runs: Runs) -> tuple:
        """Each run of the family as the window draws it: a run not followed does not change, so
        its thinned costs are made once (and again when it is followed, drawn or placed anew)."""
        places, out, cache = runs.places(), [], {}
        for k in runs.kept:
            t, followed = k.trainer, k.run == runs.run
            key = (t.n_iter_, k.shown, places.get(k.run), followed, t.learning_rate, t.diverged_ is None)
            old = self.kept_cache.get(k.run)
            if old is None or old[0] != key:
                costs = np.empty((0, 2)) if followed else thin_rows(t.history_.costs.rows(), 600)
                old = (key, KeptRun(k.run, k.start, t.history_.learning_rates.changes.view().copy(), t.loss,
                                    t.n_iter_, t.cost_, t.diverged_, k.shown, places.get(k.run), costs))
            cache[k.run] = old
            out.append(old[1])
        self.kept_cache = cache
        return tuple(out)

    @staticmethod
    def _race_runs(runs: Runs) -> tuple | None:
        if runs.race is None:
            return None
        return tuple(RaceRun(run.learning_rate, run.n_iter_, run.cost_, run.train_accuracy(), run.test_accuracy(),
                             run.diverged_, thin_rows(run.history_.costs.rows()), thin_rows(run.history_.evals.rows()))
                     for run in runs.race.runs_)
