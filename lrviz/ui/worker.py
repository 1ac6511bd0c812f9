"""Training in a worker process; the UI thread only draws.

Commands go in through a pipe and are applied between two steps (so a new learning rate reaches
the trainer between steps, while training runs). The worker sends a :class:`Snapshot` — copies of
its arrays — at most ``max_rate`` times a second; the UI polls :meth:`TrainingWorker.latest`.
No Qt here.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import threading
import time
from dataclasses import dataclass

import numpy as np

from lrviz.core import GradientDescent
from lrviz.core.bowl import Bowl, extend_bowl, fit_bowl
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


@contextlib.contextmanager
def _one_blas_thread():
    """The training process gets one BLAS thread (read from the environment when numpy loads): its
    products are small, and an idle OpenBLAS thread spins, taking the core the window draws on."""
    names = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
    saved = {k: os.environ.get(k) for k in names}
    os.environ.update({k: "1" for k in names})
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@dataclass(frozen=True)
class _Delta:
    """What the process sends: the scalars, w, and only the history added since the last one."""

    fields: dict               # every Snapshot field but the three histories
    start: int                 # len(costs) before these new costs (0 starts a new history)
    costs: np.ndarray
    learning_rates: np.ndarray
    evals: np.ndarray


class _History:
    """The UI process's copy of the run's history, grown from deltas."""

    def __init__(self):
        self.costs, self.learning_rates, self.evals = Series(), Series(), Series(width=5, capacity=64)

    def merge(self, d: _Delta) -> None:
        if d.start != len(self.costs):
            self.__init__()  # a new run, or a resend from its start
        self.costs.extend(d.costs)
        self.learning_rates.extend(d.learning_rates)
        self.evals.extend(d.evals)

    def snapshot(self, fields: dict) -> Snapshot:
        return Snapshot(costs=self.costs.view().copy(), learning_rates=self.learning_rates.view().copy(),
                        evals=self.evals.view().copy(), **fields)


class TrainingWorker:
    """Owns a :class:`GradientDescent` in its own process and drives it there.

    A process, not a thread: the training loop is mostly interpreter work (tiny numpy calls), and
    sharing one GIL with the UI thread made every frame wait (measured: 4–16 frames/s, heartbeat
    late by 70–330 ms, training at 22–44 % speed). Commands and snapshots cross a pipe.
    """

    def __init__(self, learning_rate: float = 0.005, max_rate: float = 30.0, chunk_seconds: float = 0.008):
        ctx = mp.get_context("spawn")  # never fork a process that runs Qt threads
        cmd_in, self._commands = ctx.Pipe(duplex=False)
        self._updates, updates_out = ctx.Pipe(duplex=False)
        self._lock = threading.Lock()
        self._history = _History()
        self._fields: dict | None = None
        self._version = 0
        self._cache: tuple[int, Snapshot | None] = (0, None)
        self._process = ctx.Process(target=_serve, args=(cmd_in, updates_out, learning_rate, 1.0 / max_rate,
                                                         chunk_seconds), name="lrviz-training", daemon=True)
        with _one_blas_thread():
            self._process.start()
        cmd_in.close()
        updates_out.close()
        # Drains the pipe as fast as the process writes, so the process never waits for a frame.
        self._reader = threading.Thread(target=self._read, name="lrviz-updates", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                delta = self._updates.recv()
            except (EOFError, OSError):
                return
            with self._lock:
                self._history.merge(delta)
                self._fields = delta.fields
                self._version += 1

    def _send(self, kind: str, arg=None) -> None:
        if self._process.is_alive():
            try:
                self._commands.send((kind, arg))
            except (BrokenPipeError, OSError):
                pass

    # -- commands (UI thread) ---------------------------------------------------------------------
    def set_data(self, X, y, X_test=None, y_test=None, tag: object = None) -> None:
        """New training data; snapshots of it carry ``tag`` so a reader can tell them from older ones."""
        self._send("data", ((X, y, X_test, y_test), tag))

    def play(self) -> None:
        self._send("play")

    def pause(self) -> None:
        self._send("pause")

    def step(self, n: int = 1) -> None:
        self._send("step", int(n))

    def reset(self) -> None:
        self._send("reset")

    def set_learning_rate(self, lr: float) -> None:
        self._send("lr", float(lr))

    def set_stop_at(self, iteration: int) -> None:
        self._send("stop_at", int(iteration))

    def set_speed(self, steps_per_second: float | None) -> None:
        """``None``: as fast as possible; otherwise that many steps a second."""
        self._send("speed", steps_per_second)

    def latest(self) -> tuple[int, Snapshot | None]:
        """(version, snapshot); the version grows with every update the process sent."""
        with self._lock:
            if self._cache[0] != self._version and self._fields is not None:
                self._cache = (self._version, self._history.snapshot(self._fields))
            return self._cache

    def stop(self, timeout: float = 10.0) -> None:
        self._send("quit")
        self._process.join(timeout)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(2.0)
        self._reader.join(2.0)
        self._commands.close()

    @property
    def alive(self) -> bool:
        return self._process.is_alive()


def _serve(commands, updates, learning_rate: float, min_interval: float, chunk_seconds: float) -> None:
    """The training process: apply commands between steps; send updates at most 1/min_interval a second."""
    s = _State(learning_rate)
    while True:
        busy = s.trainer is not None and (s.running or s.pending) and s.trainer.diverged_ is None
        try:
            ready = commands.poll(s.wait_time() if busy else None)
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
        if s.dirty and s.trainer is not None and (not s.running or time.perf_counter() - s.published >= min_interval):
            try:
                updates.send(s.delta())
            except (BrokenPipeError, OSError):
                return
            s.dirty = False
            s.published = time.perf_counter()


BOWL_REFIT_SECONDS = 1.0
BOWL_PATH_POINTS = 64


class _State:
    """The training process's own state."""

    def __init__(self, lr: float):
        self.trainer: GradientDescent | None = None
        self.data = None
        self.data_tag = None
        self.lr = lr
        self.run = 0
        self.running = False
        self.pending = 0          # steps asked for by "step n"
        self.stop_at = 2000
        self.speed: float | None = None
        self.chunk = 16           # steps per chunk at full speed, adapted to ~chunk_seconds
        self.rate = 0.0
        self.paced_since = 0.0
        self.paced_done = 0
        self.dirty = False
        self.published = 0.0
        self.sent_run, self.sent = -1, 0  # what the last delta covered
        self.bowl: Bowl | None = None
        self.plane = None
        self.bowl_fitted = (-1, -1, 0.0)   # (run, iteration, time) of the last refit

    def apply(self, kind: str, arg) -> None:
        if kind == "data":
            self.data, self.data_tag = arg
            self._restart()
        elif kind == "reset":
            self._restart()
        elif kind == "lr":
            self.lr = arg
            if self.trainer is not None:
                self.trainer.learning_rate = arg
        elif kind == "play" and self.trainer is not None:
            self.running = self.trainer.n_iter_ < self.stop_at and self.trainer.diverged_ is None
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
        self.dirty = True

    def _restart(self) -> None:
        self.running, self.pending = False, 0
        if self.data is not None:
            # every iteration checkpointed until 128, then thinned: a dense early path for the bowl
            self.trainer = GradientDescent(self.lr, checkpoint_every=1, max_checkpoints=128).start(*self.data)
            self.run += 1
            self.bowl = None

    def _pace_from_now(self) -> None:
        self.paced_since, self.paced_done = time.perf_counter(), 0

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
        limit = self.pending if self.pending else self.stop_at - t.n_iter_
        n = max(0, min(n, limit))
        start = time.perf_counter()
        taken = t.step(n) if n else 0
        elapsed = time.perf_counter() - start
        self.paced_done += taken
        if self.speed is None and taken:
            self.rate = taken / max(elapsed, 1e-9)
            self.chunk = int(min(max(self.rate * chunk_seconds, 1), 100_000))
        elif self.speed is not None:
            self.rate = self.speed
        if self.pending:
            self.pending = max(0, self.pending - taken)
        if t.diverged_ is not None or t.n_iter_ >= self.stop_at or (not self.pending and not self.running):
            self.running = False
        if not self.running and t.diverged_ is not None:
            self.pending = 0
        self.dirty = True

    def update_bowl(self, w: np.ndarray) -> Bowl:
        """Refit the slice about once a second while running, and at once when paused elsewhere;
        in between, only grow the path on the current plane (one dot product)."""
        t = self.trainer
        dw, db = t.gradient()
        run, fitted_at, when = self.bowl_fitted
        now = time.perf_counter()
        stale = self.bowl is None or run != self.run or (
            fitted_at != t.n_iter_ and (now - when >= BOWL_REFIT_SECONDS or not self.running))
        if stale:
            X, y = self.data[0], self.data[1]
            self.bowl, self.plane = fit_bowl(X, y, *t.trajectory(BOWL_PATH_POINTS), dw, db, self.lr)
            self.bowl_fitted = (self.run, t.n_iter_, now)
        else:
            self.bowl = extend_bowl(self.bowl, self.plane, t.n_iter_, w, t.b_, t.cost_, dw, db, self.lr)
        return self.bowl

    def delta(self) -> _Delta:
        t = self.trainer
        h = t.history_
        start = self.sent if self.sent_run == self.run else 0
        self.sent_run, self.sent = self.run, len(h.costs)
        evals = h.evals.view()
        first_eval = int(np.searchsorted(evals[:, 0], start)) if len(evals) else 0
        w = t.w_
        fields = dict(data_tag=self.data_tag, run=self.run, iteration=t.n_iter_, cost=t.cost_,
                      learning_rate=self.lr, train_accuracy=t.train_accuracy(), test_accuracy=t.test_accuracy(),
                      w=w, b=t.b_, running=self.running or bool(self.pending), stop_at=self.stop_at,
                      diverged=t.diverged_, steps_per_second=self.rate, bowl=self.update_bowl(w))
        return _Delta(fields, start, h.costs.view()[start:].copy(),
                      h.learning_rates.view()[max(start - 1, 0):].copy() if start else h.learning_rates.view().copy(),
                      evals[first_eval:].copy())
