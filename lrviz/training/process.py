"""The training process: a GradientDescent driven by commands, sending deltas at a bounded rate.

Runs in its own process (see :class:`lrviz.training.worker.TrainingWorker`), spawned: it imports
this module and what it needs, never Qt (an import-linter contract; tests/test_architecture.py).
Its state is four parts, each with one responsibility: the run (:mod:`~lrviz.training.runs`), the
pace (:mod:`~lrviz.training.pacing`), the bowl's schedule (:mod:`~lrviz.training.bowl_schedule`)
and publishing (:mod:`~lrviz.training.publish`). A command (:mod:`~lrviz.training.commands`) is
applied by the one handler :data:`HANDLERS` holds for its class.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable

import numpy as np

from lrviz.core.tracker import is_mark, next_mark
from lrviz.core.vectorize import WAYS, Timing, time_way
from lrviz.training import commands as c
from lrviz.training.bowl_schedule import BowlSchedule
from lrviz.training.commands import ProcessSettings
from lrviz.training.messages import Delta
from lrviz.training.pacing import Pace
from lrviz.training.publish import Publisher
from lrviz.training.runs import Runs


def serve(commands, updates, settings: ProcessSettings, min_interval: float, chunk_seconds: float) -> None:
    """The training process: apply commands between steps; send updates at most 1/min_interval a second."""
    with contextlib.suppress(OSError, AttributeError):
        os.nice(10)  # under contention the window comes first; training still gets every idle cycle
    # Ctrl+C in the terminal reaches every process of the group: the window decides (it closes and
    # sends Quit), this process does not die mid-update with a traceback of its own
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    s = State(settings)
    while not s.quitting:
        busy = s.runs.trainer is not None and s.pace.busy and not s.runs.all_diverged()
        refining = not busy and s.bowl.job is not None
        try:
            ready = commands.poll(s.pace.wait_time() if busy else 0 if refining else None)
            while ready and not s.quitting:
                s.apply(commands.recv())
                ready = commands.poll()
        except (EOFError, OSError):
            return  # the window went away
        if s.quitting:
            return
        if s.runs.trainer is not None and s.pace.busy:
            s.advance(chunk_seconds)
        elif refining and s.bowl.refine(s.runs, chunk_seconds):
            s.publisher.dirty = True
        if s.publisher.dirty and s.runs.trainer is not None and s.publisher.due(s.publisher.clock(), min_interval,
                                                                                s.pace.running):
            try:
                updates.send(s.delta())
            except (BrokenPipeError, OSError):
                return
            s.publisher.sent_now()


class State:
    """The training process's state: its four parts, and the commands applied to them."""

    def __init__(self, settings: ProcessSettings):
        self.runs = Runs(settings)
        self.pace = Pace(settings.speed)
        self.bowl = BowlSchedule(settings.surface, settings.plane)
        self.publisher = Publisher()
        self.quitting = False

    def apply(self, command) -> None:
        """Apply one command (an unknown one is a bug of the window's: it raises)."""
        handler = HANDLERS.get(type(command))
        if handler is None:
            raise TypeError(f"no handler for the command {command!r}")
        handler(self, command)
        self.publisher.dirty = True

    def settings(self) -> ProcessSettings:
        """The settings the process runs with now: reported in every snapshot."""
        r = self.runs
        return ProcessSettings(learning_rate=r.lr, stop_at=r.stop_at, speed=self.pace.speed, loss=r.loss,
                               surface=self.bowl.surface, plane=self.bowl.plane)

    def restart(self, own: bool = False) -> None:
        self.pace.stop()
        if self.runs.restart(own):
            self.bowl.new_run()

    def followed_changed(self) -> None:
        """Another run of the family is followed: paused there, the bowl chosen for it anew."""
        self.pace.stop()
        self.publisher.view_t = None
        self.bowl.new_run()
        self.bowl.mark(self.runs)

    def advance(self, chunk_seconds: float) -> None:
        """Take the steps due now (:meth:`Pace.due`), a chunk ending at the bowl's next mark, where its
        plane is reconsidered (lrviz.core.tracker)."""
        runs, pace = self.runs, self.pace
        n = pace.due()
        if n <= 0:
            return
        limit = pace.pending if pace.pending else runs.stop_at - runs.n_iter()
        n = max(0, min(n, limit, next_mark(runs.n_iter()) - runs.n_iter()))
        taken, elapsed = runs.step(n)
        pace.took(taken, elapsed, chunk_seconds)
        if taken and is_mark(runs.trainer.n_iter_):
            self.bowl.mark(runs)
        if runs.all_diverged() or runs.n_iter() >= runs.stop_at or not pace.busy:
            pace.running = False
        if not pace.running and runs.all_diverged():
            pace.pending = 0
        self.publisher.dirty = True

    def looking_back(self) -> bool:
        """Whether a past iteration of the followed run is shown (Play there makes a branch)."""
        t, at = self.runs.trainer, self.publisher.view_t
        return t is not None and at is not None and at < t.n_iter_ and self.runs.race is None

    def delta(self) -> Delta:
        return self.publisher.delta(self.runs, self.pace, self.bowl, self.settings())


# -- the commands' handlers: one per command class --------------------------------------------------
HANDLERS: dict[type, Callable[[State, object], None]] = {}


def handles(kind: type):
    """Register the handler of commands of class ``kind``."""
    def register(handler):
        HANDLERS[kind] = handler
        return handler
    return register


@handles(c.Data)
def _data(s: State, cmd: c.Data) -> None:
    if s.runs.set_data(cmd.items, cmd.tag):
        s.publisher.timings = None
        s.bowl.new_data()
        s.restart()


@handles(c.Reset)
def _reset(s: State, cmd: c.Reset) -> None:
    s.restart(cmd.own)


@handles(c.StartFrom)
def _start_from(s: State, cmd: c.StartFrom) -> None:
    s.pace.stop()
    if s.runs.start_from(cmd.w, cmd.b, cmd.name):
        s.bowl.new_run()


@handles(c.Branch)
def _branch(s: State, cmd: c.Branch) -> None:
    if s.runs.branch(cmd.iteration):
        s.followed_changed()


@handles(c.FollowRun)
def _follow_run(s: State, cmd: c.FollowRun) -> None:
    if s.runs.follow_run(cmd.run):
        s.followed_changed()


@handles(c.ShowRun)
def _show_run(s: State, cmd: c.ShowRun) -> None:
    if s.runs.show_run(cmd.run, cmd.shown):
        s.bowl.mark(s.runs)  # the slice is chosen for the paths drawn
        s.publisher.view_cache = None


@handles(c.RemoveRun)
def _remove_run(s: State, cmd: c.RemoveRun) -> None:
    changed = s.runs.remove_run(cmd.run)
    if changed:
        s.followed_changed()
    elif changed is False:
        s.bowl.mark(s.runs)
        s.publisher.view_cache = None


@handles(c.Undo)
def _undo(s: State, cmd: c.Undo) -> None:
    if s.runs.undo():
        s.followed_changed()


@handles(c.Play)
def _play(s: State, cmd: c.Play) -> None:
    if s.runs.trainer is not None:
        s.pace.running = s.runs.n_iter() < s.runs.stop_at and not s.runs.all_diverged()
        s.pace.start_clock()


@handles(c.Pause)
def _pause(s: State, cmd: c.Pause) -> None:
    s.pace.stop()


@handles(c.Step)
def _step(s: State, cmd: c.Step) -> None:
    if s.runs.trainer is not None and not s.pace.running:
        s.pace.pending += cmd.n
        s.pace.start_clock()


@handles(c.LearningRate)
def _learning_rate(s: State, cmd: c.LearningRate) -> None:
    s.runs.set_learning_rate(cmd.value)


@handles(c.StopAt)
def _stop_at(s: State, cmd: c.StopAt) -> None:
    s.runs.stop_at = cmd.iteration


@handles(c.Speed)
def _speed(s: State, cmd: c.Speed) -> None:
    s.pace.set_speed(cmd.steps_per_second)


@handles(c.Loss)
def _loss(s: State, cmd: c.Loss) -> None:  # another loss is another run (the earlier one stays on the curves)
    s.runs.loss = cmd.name
    if not s.looking_back() and (s.runs.trainer is None or s.runs.trainer.loss != cmd.name):
        s.restart()  # (looking back at an iteration: the loss of the branch Play makes from there)


@handles(c.Surface)
def _surface(s: State, cmd: c.Surface) -> None:
    s.bowl.set_surface(cmd.loss)
    s.publisher.view_cache = None


@handles(c.Plane)
def _plane(s: State, cmd: c.Plane) -> None:
    s.bowl.ask(cmd.kind, s.runs)
    s.publisher.view_cache = None


@handles(c.RaceRates)
def _race(s: State, cmd: c.RaceRates) -> None:  # [α, α, …] to race from w = 0, or None for one run again
    s.runs.rates = list(cmd.rates) if cmd.rates and len(cmd.rates) > 1 else None
    s.restart()


@handles(c.Follow)
def _follow(s: State, cmd: c.Follow) -> None:
    if s.runs.set_follow(cmd.run):
        s.bowl.tracker.reset()
        s.bowl.mark(s.runs)
        s.publisher.view_cache = None


@handles(c.ShowIteration)
def _show(s: State, cmd: c.ShowIteration) -> None:
    s.publisher.view_t = cmd.iteration
    t = s.runs.trainer
    if cmd.iteration is None and t is not None and t.loss != s.runs.loss and s.runs.race is None:
        s.restart()  # a loss chosen while looking back, and no branch made: a new run, as at once


@handles(c.Example)
def _example(s: State, cmd: c.Example) -> None:
    s.publisher.example = cmd.index


@handles(c.TimeWays)
def _time_ways(s: State, cmd: c.TimeWays) -> None:
    if s.runs.data is not None:
        s.publisher.timings = time_ways(s.runs.data[0], s.runs.data[1])


@handles(c.Quit)
def _quit(s: State, cmd: c.Quit) -> None:
    s.quitting = True


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
