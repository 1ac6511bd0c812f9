"""Preparing people's photos for prediction (no Qt): expand folders, decode in parallel with the
one image pipeline, hand results over in order as they are ready, with progress and cancel.

A few photos decode in threads (no start-up cost: one 12-megapixel JPEG is on screen in ~70 ms).
A big drop decodes in worker processes at low priority: threads running Pillow's Python-level steps
held the GIL against the window's thread, whose 10 ms heartbeat came 80-300 ms late during a drop of
1,000 photos.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing as mp
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from lrviz.core.errors import QT_TRANSLATE_NOOP, DataError, Message
from lrviz.io.budget import default_budget, format_bytes
from lrviz.io.images import DECODERS, read_image_with_preview

SMALL_DROP = 16  # up to this many files decode in threads; more in processes
PREVIEW = 160    # a card's preview is at most this many pixels on a side


@dataclass(frozen=True)
class Photo:
    path: str
    image: np.ndarray | None      # what the model sees (uint8, the model's image shape)
    preview: np.ndarray | None    # for people (RGB, ≤ 160 px)
    error: str | None = None      # why it could not be read


def expand(paths: list[str | Path]) -> list[Path]:
    """Files as given; folders replaced by the files inside them (recursively, hidden ones skipped).
    A folder that cannot be listed stays as it is, so its card says what is wrong."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            try:
                out += sorted(f for f in p.rglob("*") if f.is_file()
                              and not any(part.startswith(".") for part in f.relative_to(p).parts))
            except OSError:
                out.append(p)
        else:
            out.append(p)
    return out


def prepare(path: Path, shape: tuple[int, int, int]) -> Photo:
    h, w, c = shape
    try:
        image, preview = read_image_with_preview(path, (w, h), c)
        return Photo(str(path), image, preview)
    except DataError as e:
        return Photo(str(path), None, None, e.problem)


def bytes_per_photo(shape: tuple[int, int, int]) -> int:
    """What a card keeps: the model's image (uint8), its float32 features and an RGB preview."""
    h, w, c = shape
    return h * w * c * (1 + 4) + PREVIEW * PREVIEW * 3


def over_budget(paths: list[Path], shape: tuple[int, int, int], budget: int | None = None) -> dict[int, str]:
    """For a drop bigger than the budget: the index of each file left out, and what its card says.
    The first files (in the order dropped) are kept, as many as the budget holds."""
    budget = default_budget() if budget is None else int(budget)
    each = bytes_per_photo(shape)
    keep = budget // each
    if len(paths) <= keep:
        return {}
    why = Message(QT_TRANSLATE_NOOP("DataError", "not loaded: this drop would need {size}; lrviz holds at most "
                                    "{limit} of photos"),
                  {"size": format_bytes(len(paths) * each), "limit": format_bytes(budget)}, "DataError")
    return dict.fromkeys(range(keep, len(paths)), why)


def _lower_priority() -> None:
    """Decoding yields the CPU to the window. On Linux a thread has its own nice value, and the threads
    and processes it starts inherit it: the decoders are lowered from their first instruction, so
    even their imports do not compete with the window."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
    except (AttributeError, OSError):  # not Linux, or not allowed: normal priority
        pass


class PhotoJob:
    """Decode ``paths`` for a model of image ``shape``; poll :meth:`take` for what is ready.
    Folders are listed in the background too (a folder of thousands, or on a slow disk, takes time).
    ``processes``: None chooses (processes for more than ``SMALL_DROP`` files). ``budget``: the most
    bytes the drop's cards may hold (None: the loading budget); files beyond it are not decoded,
    their cards say why."""

    def __init__(self, paths: list[str | Path], shape: tuple[int, int, int], workers: int | None = None,
                 processes: bool | None = None, budget: int | None = None):
        self._given = list(paths)
        self._budget = budget
        self.paths: list[Path] | None = None  # once the folders are listed
        self.shape = tuple(shape)
        self._processes, self._workers_asked = processes, workers
        self.processes: bool | None = None  # chosen once the folders are listed
        self._lock = threading.Lock()
        self._ready: list[tuple[int, Photo]] = []
        self._done = 0
        self._cancel = threading.Event()
        self._thread = threading.Thread(target=self._run, name="lrviz-photos", daemon=True)
        self._thread.start()

    def _pool(self) -> cf.Executor:
        self.processes = processes = len(self.paths) > SMALL_DROP if self._processes is None else self._processes
        cores = os.cpu_count() or 1
        workers = min(DECODERS, self._workers_asked or (cores if processes else cores + 2))
        if processes:  # spawn: never fork a process that runs Qt threads
            return cf.ProcessPoolExecutor(workers, mp_context=mp.get_context("spawn"))
        return cf.ThreadPoolExecutor(workers)  # both start from the lowered thread (_run): lowered too

    def _run(self) -> None:
        _lower_priority()  # this thread, and so the decoding processes it starts, from their first instruction
        self.paths = expand(self._given)
        if self._cancel.is_set():
            return
        refused = over_budget(self.paths, self.shape, self._budget)
        with self._pool() as pool:
            futures = [None if i in refused else pool.submit(prepare, p, self.shape)
                       for i, p in enumerate(self.paths)]
            for index, (path, future) in enumerate(zip(self.paths, futures, strict=True)):
                if future is None:
                    photo = None if self._cancel.is_set() else Photo(str(path), None, None, refused[index])
                else:
                    photo = self._wait(path, future)
                if photo is None:  # cancelled
                    for f in futures:
                        if f is not None:
                            f.cancel()
                    return
                with self._lock:
                    self._ready.append((index, photo))
                    self._done += 1

    def _wait(self, path: Path, future: cf.Future) -> Photo | None:
        while not self._cancel.is_set():
            try:
                return future.result(timeout=0.05)
            except cf.TimeoutError:
                continue
            except Exception as e:  # noqa: BLE001 — a worker process died: say so on the card
                why = Message(QT_TRANSLATE_NOOP("DataError", "could not be decoded ({kind}: {reason})"),
                              {"kind": type(e).__name__, "reason": str(e)}, "DataError")
                return Photo(str(path), None, None, why)
        return None

    def take(self) -> tuple[list[tuple[int, Photo]], int, int | None]:
        """(newly ready (index, photo) pairs, done, total); total is None while folders are listed."""
        with self._lock:
            ready, self._ready = self._ready, []
            return ready, self._done, None if self.paths is None else len(self.paths)

    @property
    def finished(self) -> bool:
        return not self._thread.is_alive()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def wait(self, timeout: float | None = None) -> None:
        self._thread.join(timeout)
