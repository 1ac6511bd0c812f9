"""Preparing people's photos for prediction (no Qt): expand folders, decode in parallel with the
one image pipeline, hand results over in order as they are ready, with progress and cancel.

A few photos decode in threads (no start-up cost: one 12-megapixel JPEG is on screen in ~70 ms).
A big drop decodes in worker processes at low priority: threads running Pillow's Python-level steps
held the GIL against the window's thread, whose 10 ms heartbeat came 80-300 ms late during a drop of
1,000 photos.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import itertools
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
PROCESS_BATCH = 8  # photos per task for a decoding process
HEAD = 4           # a big drop's first photos decode in threads while its processes start
PREVIEW = 160    # a card's preview is at most this many pixels on a side


# what the file dialogs offer as photos (any file Pillow reads is taken, whatever its name)
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp")
IMAGE_PATTERNS = " ".join("*" + s for s in IMAGE_SUFFIXES)


@dataclass(frozen=True)
class Photo:
    path: str
    image: np.ndarray | None      # what the model sees (uint8, the model's image shape)
    preview: np.ndarray | None    # for people (RGB, ≤ 160 px)
    error: str | None = None      # why it could not be read


def expand(paths: list[str | Path]) -> list[Path]:
    """Files as given; folders replaced by the files inside them (recursively, in path order, hidden
    ones skipped). A folder that cannot be listed stays as it is, so its card says what is wrong;
    a subfolder that cannot be is skipped.
    With os.scandir, not Path.rglob: listing 1,000 photos took 50-80 ms of the window's GIL."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            try:
                out += [p.joinpath(*parts) for parts in sorted(_files_under(str(p), ()))]
            except OSError:
                out.append(p)
        else:
            out.append(p)
    return out


def _files_under(folder: str, parts: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Each file below ``folder`` as its path's parts (sorting these sorts as paths do); symbolic
    links to folders are not followed (no loops)."""
    found = []
    with os.scandir(folder) as entries:
        for e in entries:
            if e.name.startswith("."):
                continue
            if e.is_dir(follow_symlinks=False):
                try:
                    found += _files_under(e.path, (*parts, e.name))
                except OSError:  # a subfolder that cannot be read (lost+found, say): the rest still counts
                    continue
            elif e.is_file():
                found.append((*parts, e.name))
    return found


def prepare(path: Path, shape: tuple[int, int, int]) -> Photo:
    h, w, c = shape
    try:
        image, preview = read_image_with_preview(path, (w, h), c)
        return Photo(str(path), image, preview)
    except DataError as e:
        return Photo(str(path), None, None, e.problem)


def prepare_all(paths: list[Path], shape: tuple[int, int, int]) -> list[Photo]:
    """A batch of photos for one worker process: one message each way, not one per photo. Whatever
    goes wrong with one photo is said on its own card, never on its batch's."""
    out = []
    for p in paths:
        try:
            out.append(prepare(p, shape))
        except Exception as e:  # noqa: BLE001 — not a DataError: still this photo's problem only
            out.append(failed(p, e))
    return out


def failed(path: Path, e: BaseException) -> Photo:
    """A card for a photo whose decoding failed with ``e``, saying so."""
    why = Message(QT_TRANSLATE_NOOP("DataError", "could not be decoded ({kind}: {reason})"),
                  {"kind": type(e).__name__, "reason": str(e)}, "DataError")
    return Photo(str(path), None, None, why)


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


def _lower(pid: int, idle: bool) -> None:
    """Make process or thread ``pid`` (0: this thread) yield the CPU to the window. ``idle``: the
    SCHED_IDLE class, which runs only when nothing else wants a core and yields it the moment the
    window wakes (at nice 10, decoding processes still took the window's core for 20-60 ms at a
    time on two cores). Only for other processes: a thread of the window's process shares its GIL,
    and an idle-class thread holding the GIL while other work has the cores would stall the window
    in turn (a 10 ms heartbeat came 30-40 ms late while such a thread submitted a drop's files)."""
    if idle:
        try:
            os.sched_setscheduler(pid, os.SCHED_IDLE, os.sched_param(0))
            return
        except (AttributeError, OSError):  # not Linux, or not allowed: a nice value
            pass
    with contextlib.suppress(AttributeError, OSError):  # not allowed: normal priority
        os.setpriority(os.PRIO_PROCESS, pid or threading.get_native_id(), 10)


class _IdleProcess(mp.get_context("spawn").Process):
    """A decoding process, lowered the moment it exists (before its own imports run)."""

    def start(self) -> None:
        super().start()
        _lower(self.pid, idle=True)


class _IdleSpawn(type(mp.get_context("spawn"))):
    """Spawn (never fork a process that runs Qt threads), with the processes lowered."""

    Process = _IdleProcess


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

    def _pools(self) -> tuple[cf.Executor, cf.Executor | None]:
        """(the decoders; for a big drop also threads for its first ``HEAD`` photos, decoded
        while the processes start: at low priority next to training that took 2 s to a first card)."""
        self.processes = processes = len(self.paths) > SMALL_DROP if self._processes is None else self._processes
        cores = os.cpu_count() or 1
        workers = min(DECODERS, self._workers_asked or (cores if processes else cores + 2))
        def threads(n: int) -> cf.Executor:  # they share the window's GIL: lowered by nice only
            return cf.ThreadPoolExecutor(n, initializer=_lower, initargs=(0, False))

        if processes:  # one thread for the head: four held the window's GIL, a heartbeat 45-48 ms late
            return cf.ProcessPoolExecutor(workers, mp_context=_IdleSpawn()), threads(1)
        return threads(workers), None

    def _run(self) -> None:
        self.paths = expand(self._given)
        if self._cancel.is_set():
            return
        refused = over_budget(self.paths, self.shape, self._budget)
        pool, head = self._pools()
        with pool, head or contextlib.nullcontext():
            # batches of consecutive files for processes (a drop of 1,000 is 125 tasks, not 1,000:
            # less of this thread's Python, which shares the window's GIL); one by one for threads
            first = HEAD if head is not None else 0
            batches, index, n = [], 0, len(self.paths)
            while index < n:
                if index in refused:
                    batches.append(([index], None))
                    index += 1
                    continue
                size = PROCESS_BATCH if self.processes and index >= first else 1
                batch = list(itertools.takewhile(lambda i: i not in refused, range(index, min(index + size, n))))
                executor = head if index < first else pool
                batches.append((batch, executor.submit(prepare_all, [self.paths[i] for i in batch], self.shape)))
                index += len(batch)
            for batch, future in batches:
                if future is None:
                    photos = None if self._cancel.is_set() else [Photo(str(self.paths[batch[0]]), None, None,
                                                                       refused[batch[0]])]
                else:
                    photos = self._wait([self.paths[i] for i in batch], future)
                if photos is None:  # cancelled
                    for _, f in batches:
                        if f is not None:
                            f.cancel()
                    return
                with self._lock:
                    self._ready += zip(batch, photos, strict=True)
                    self._done += len(batch)

    def _wait(self, paths: list[Path], future: cf.Future) -> list[Photo] | None:
        while not self._cancel.is_set():
            try:
                return future.result(timeout=0.05)
            except cf.TimeoutError:
                continue
            except Exception as e:  # noqa: BLE001 — a worker process died: say so on the cards
                return [failed(path, e) for path in paths]
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
