"""Training in a background thread; the UI thread only draws.

Commands go in through a queue and are applied between two steps (so a new learning rate reaches
the trainer between steps, while training runs). The worker publishes a :class:`Snapshot` — copies,
never views of arrays it keeps changing — at most ``max_rate`` times a second; the UI polls
:meth:`TrainingWorker.latest`. No Qt here: plain threads, testable without a window.
"""

from __future__ import annotations

import queue
import threading
import time
from dataclasses import dataclass

import numpy as np

from lrviz.core import GradientDescent


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


class TrainingWorker:
    """Owns a :class:`GradientDescent` and drives it from its own thread."""

    def __init__(self, learning_rate: float = 0.005, max_rate: float = 30.0, chunk_seconds: float = 0.008):
        self._commands: queue.SimpleQueue = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._latest: tuple[int, Snapshot | None] = (0, None)
        self._min_interval = 1.0 / max_rate
        self._chunk_seconds = chunk_seconds
        self._lr = learning_rate
        self._thread = threading.Thread(target=self._loop, name="lrviz-training", daemon=True)
        self._thread.start()

    # -- commands (any thread) --------------------------------------------------------------------
    def set_data(self, X, y, X_test=None, y_test=None, tag: object = None) -> None:
        """New training data; snapshots of it carry ``tag`` so a reader can tell them from older ones."""
        self._commands.put(("data", ((X, y, X_test, y_test), tag)))

    def play(self) -> None:
        self._commands.put(("play", None))

    def pause(self) -> None:
        self._commands.put(("pause", None))

    def step(self, n: int = 1) -> None:
        self._commands.put(("step", int(n)))

    def reset(self) -> None:
        self._commands.put(("reset", None))

    def set_learning_rate(self, lr: float) -> None:
        self._commands.put(("lr", float(lr)))

    def set_stop_at(self, iteration: int) -> None:
        self._commands.put(("stop_at", int(iteration)))

    def set_speed(self, steps_per_second: float | None) -> None:
        """``None``: as fast as possible; otherwise that many steps a second."""
        self._commands.put(("speed", steps_per_second))

    def latest(self) -> tuple[int, Snapshot | None]:
        """(version, snapshot): the version grows with every snapshot published."""
        with self._lock:
            return self._latest

    def stop(self, timeout: float = 10.0) -> None:
        if self._thread.is_alive():
            self._commands.put(("quit", None))
            self._thread.join(timeout)

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    # -- the thread -------------------------------------------------------------------------------
    def _loop(self) -> None:
        s = _State(self._lr)
        while True:
            busy = s.trainer is not None and (s.running or s.pending) and s.trainer.diverged_ is None
            timeout = s.wait_time() if busy else None
            try:
                cmd = self._commands.get(timeout=timeout) if timeout is None or timeout > 0 else \
                    self._commands.get_nowait()
            except queue.Empty:
                cmd = None
            while cmd is not None:
                if cmd[0] == "quit":
                    return
                s.apply(*cmd)
                try:
                    cmd = self._commands.get_nowait()
                except queue.Empty:
                    cmd = None
            if s.trainer is not None and (s.running or s.pending):
                s.advance(self._chunk_seconds)
            if s.dirty and (not s.running or time.perf_counter() - s.published >= self._min_interval):
                self._publish(s)

    def _publish(self, s: _State) -> None:
        snap = s.snapshot()
        with self._lock:
            self._latest = (self._latest[0] + 1, snap)
        s.dirty = False
        s.published = time.perf_counter()


class _State:
    """The worker thread's own state: only that thread touches it."""

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
            self.trainer = GradientDescent(self.lr).start(*self.data)
            self.run += 1

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

    def snapshot(self) -> Snapshot | None:
        t = self.trainer
        if t is None:
            return None
        h = t.history_
        return Snapshot(
            data_tag=self.data_tag, run=self.run, iteration=t.n_iter_, cost=t.cost_, learning_rate=self.lr,
            train_accuracy=t.train_accuracy(), test_accuracy=t.test_accuracy(),
            costs=h.costs.view().copy(), learning_rates=h.learning_rates.view().copy(),
            evals=h.evals.view().copy(), w=t.w_, b=t.b_, running=self.running or bool(self.pending),
            stop_at=self.stop_at, diverged=t.diverged_, steps_per_second=self.rate)
