"""Training in a worker process; the UI thread only draws.

Commands (:mod:`lrviz.training.commands`) go in through a pipe and are applied between two steps
(so a new learning rate reaches the trainer between steps, while training runs). The process sends
deltas — only what is new —
at most ``max_rate`` times a second; a reader thread merges them, and the UI polls
:meth:`TrainingWorker.latest`. No Qt here.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import signal
import threading

from lrviz.training.commands import Data, ProcessSettings, Quit
from lrviz.training.handoff import Handoff
from lrviz.training.messages import History, Snapshot
from lrviz.training.process import serve

__all__ = ["Snapshot", "TrainingWorker"]


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


@contextlib.contextmanager
def _no_sigint():
    """SIGINT ignored while the training process is started. A spawned child inherits an ignored
    signal across its exec (and Python then installs no handler of its own), so a Ctrl+C to the
    whole group (the terminal's) cannot end it with a KeyboardInterrupt traceback while it is still
    importing, before :func:`serve` ignores SIGINT itself: the window decides, and sends Quit. The
    window's handler is back once the process is started (a Ctrl+C in those few milliseconds is
    lost). Only the main thread may set handlers, and one set outside Python cannot be put back:
    then nothing changes."""
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGINT) is None:
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class TrainingWorker:
    """Owns a :class:`GradientDescent` in its own process and drives it there.

    A process, not a thread: the training loop is mostly interpreter work (tiny numpy calls), and
    sharing one GIL with the UI thread made every frame wait (measured: 4–16 frames/s, heartbeat
    late by 70–330 ms, training at 22–44 % speed). Commands and snapshots cross a pipe.
    """

    def __init__(self, settings: ProcessSettings, max_rate: float = 20.0, chunk_seconds: float = 0.008):
        """``settings``: what the process starts with, its first message (made by
        :meth:`lrviz.training.settings.Settings.process_settings`)."""
        ctx = mp.get_context("spawn")  # never fork a process that runs Qt threads
        cmd_in, self._commands = ctx.Pipe(duplex=False)
        self._updates, updates_out = ctx.Pipe(duplex=False)
        self._lock = threading.Lock()
        self._history = History()
        self._fields: dict | None = None
        self._version = 0
        self._cache: tuple[int, Snapshot | None] = (0, None)
        self._handoff: tuple[object, Handoff] | None = None  # (tag, data in shared memory) until received
        self._process = ctx.Process(target=serve, args=(cmd_in, updates_out, settings, 1.0 / max_rate,
                                                         chunk_seconds), name="lrviz-training", daemon=True)
        with _one_blas_thread(), _no_sigint():
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
                received = self._handoff if self._handoff and delta.fields["data_tag"] == self._handoff[0] else None
            if received is not None:
                self._replace_handoff(None, only=received)  # the process has its copy of the data

    def send(self, command) -> None:
        """Any command of :mod:`lrviz.training.commands`; applied between two steps. (Data goes
        through :meth:`set_data`, which also looks after its shared memory.)"""
        if self._process.is_alive():
            with contextlib.suppress(BrokenPipeError, OSError):
                self._commands.send(command)

    # -- commands (UI thread) ---------------------------------------------------------------------
    def set_data(self, handoff: Handoff, tag: object = None) -> None:
        """New training data: features, labels, test features, test labels (see
        :mod:`lrviz.training.handoff`); snapshots of it carry ``tag`` so a reader can tell them from older
        ones. What is in shared memory crosses the pipe as names, and the window lets go of it once
        the process has the data; what is not crosses as it is, and the handoff lets go of it now."""
        self._replace_handoff((tag, handoff) if handoff.shared else None)
        self.send(Data(handoff.items, tag))
        if not handoff.shared:
            handoff.release()

    def _replace_handoff(self, new: tuple[object, Handoff] | None, only: tuple | None = None) -> None:
        """The data in shared memory waiting to be received becomes ``new`` (if it is still ``only``,
        when given); the one it replaces is freed outside the lock: freeing 740 MB takes ~0.1 s, and
        latest() on the window's thread waits for the lock."""
        with self._lock:
            if only is not None and self._handoff is not only:
                return
            older, self._handoff = self._handoff, new
        if older is not None:
            older[1].release()

    def latest(self) -> tuple[int, Snapshot | None]:
        """(version, snapshot); the version grows with every update the process sent."""
        with self._lock:
            if self._cache[0] != self._version and self._fields is not None:
                self._cache = (self._version, self._history.snapshot(self._fields))
            return self._cache

    def stop(self, timeout: float = 10.0) -> None:
        self.send(Quit())
        self._process.join(timeout)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(2.0)
        self._reader.join(2.0)
        self._commands.close()
        self._replace_handoff(None)

    @property
    def alive(self) -> bool:
        return self._process.is_alive()
