"""Preparing people's photos for prediction off the UI thread (no Qt): expand folders, decode in
parallel with the one image pipeline, hand results over in batches, with progress and cancel."""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from lrviz.core import DataError
from lrviz.io import read_image_with_preview


@dataclass(frozen=True)
class Photo:
    path: str
    image: np.ndarray | None      # what the model sees (uint8, the model's image shape)
    preview: np.ndarray | None    # for people (RGB, ≤ 160 px)
    error: str | None = None      # why it could not be read


def expand(paths: list[str | Path]) -> list[Path]:
    """Files as given; folders replaced by the files inside them (recursively, hidden ones skipped)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file()
                          and not any(part.startswith(".") for part in f.relative_to(p).parts))
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


class PhotoJob:
    """Decode ``paths`` for a model of image ``shape``; poll :meth:`take` for what is ready."""

    def __init__(self, paths: list[str | Path], shape: tuple[int, int, int], workers: int | None = None):
        self.paths = expand(paths)
        self.shape = tuple(shape)
        self._lock = threading.Lock()
        self._ready: list[tuple[int, Photo]] = []
        self._done = 0
        self._cancel = threading.Event()
        self._workers = workers or min(8, (os.cpu_count() or 1) + 2)
        self._thread = threading.Thread(target=self._run, name="lrviz-photos", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        with ThreadPoolExecutor(self._workers) as pool:
            futures = [pool.submit(self._one, i, p) for i, p in enumerate(self.paths)]
            for f in futures:
                if self._cancel.is_set():
                    for g in futures:
                        g.cancel()
                    break
                try:
                    f.result()
                except Exception:  # noqa: BLE001 — _one never raises; a cancelled future does
                    pass

    def _one(self, index: int, path: Path) -> None:
        if self._cancel.is_set():
            return
        photo = prepare(path, self.shape)
        with self._lock:
            self._ready.append((index, photo))
            self._done += 1

    def take(self) -> tuple[list[tuple[int, Photo]], int, int]:
        """(newly ready (index, photo) pairs, done, total)."""
        with self._lock:
            ready, self._ready = self._ready, []
            return ready, self._done, len(self.paths)

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
