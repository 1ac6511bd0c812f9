"""Loading and preprocessing data in a background thread, with progress and cancel (no Qt)."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from lrviz.core import Cancelled, DataError, Dataset, LrvizError, Preprocessing
from lrviz.core.errors import QT_TRANSLATE_NOOP, Message
from lrviz.io import load_dataset
from lrviz.ui.handoff import Handoff

CANCELLED = Message(QT_TRANSLATE_NOOP("Loader", "loading cancelled"), None, "Loader")
UNEXPECTED = QT_TRANSLATE_NOOP("Loader", "{spec}: unexpected {kind}: {error}")


@dataclass(frozen=True)
class Loaded:
    dataset: Dataset
    preprocessing: Preprocessing
    X: np.ndarray
    X_test: np.ndarray
    handoff: Handoff | None = None  # X, labels, X_test, test labels ready for the training process


class DataLoader:
    """One load at a time; starting another cancels the one under way. Poll :meth:`poll`."""

    def __init__(self):
        self._lock = threading.Lock()
        self._job: _Job | None = None

    def start(self, spec: str, **options) -> None:
        self.cancel()  # and whatever it loaded, if not yet polled: its data in shared memory is freed
        job = _Job(spec, options)
        with self._lock:
            self._job = job
        job.thread.start()

    def cancel(self) -> None:
        with self._lock:
            job = self._job
        if job is not None:
            job.cancel()

    @property
    def busy(self) -> bool:
        with self._lock:
            return self._job is not None and self._job.thread.is_alive()

    def poll(self):
        """("progress", spec, (done, total)), ("done", spec, Loaded), ("error" or "cancelled", spec,
        message), or None when nothing is loading."""
        with self._lock:
            job = self._job
            if job is None:
                return None
            if job.result is not None:
                self._job = None
                return job.result
            return ("progress", job.spec, job.progress)

    def wait(self, timeout: float | None = None) -> None:
        with self._lock:
            job = self._job
        if job is not None:
            job.thread.join(timeout)


class _Job:
    def __init__(self, spec: str, options: dict):
        self.spec = spec
        self.options = options
        self.cancelled = threading.Event()
        self.progress = (0, 0)
        self.result = None
        self._finishing = threading.Lock()  # a result and a cancel, one after the other
        self.thread = threading.Thread(target=self._run, name="lrviz-load", daemon=True)

    def _run(self) -> None:
        try:
            ds = load_dataset(self.spec, progress=self._progress, cancel=self.cancelled.is_set, **self.options)
            prep = Preprocessing.fit(ds.train_images, ds.scale)
            X, X_test = prep.transform(ds.train_images), prep.transform(ds.test_images)
            if self.cancelled.is_set():
                raise Cancelled
            # copied for the training process here, in the background, not on the window's thread
            handoff = Handoff((X, ds.train_labels, X_test, ds.test_labels))
            with self._finishing:
                if self.cancelled.is_set():
                    handoff.release()
                    raise Cancelled
                self.result = ("done", self.spec, Loaded(ds, prep, X, X_test, handoff))
        except Cancelled:
            self.result = ("cancelled", self.spec, CANCELLED)
        except LrvizError as e:  # a Message: the window shows it in its language
            self.result = ("error", self.spec, e.message if isinstance(e, DataError) else str(e))
        except Exception as e:  # noqa: BLE001 — a bug must not kill the window; say what happened
            self.result = ("error", self.spec, Message(UNEXPECTED, {"spec": self.spec, "kind": type(e).__name__,
                                                                    "error": str(e)}, "Loader"))

    def cancel(self) -> None:
        """Stop loading; a load already done but not yet taken is dropped, its shared memory freed."""
        with self._finishing:
            self.cancelled.set()
            if self.result is not None and self.result[0] == "done":
                self.result[2].handoff.release()
                self.result = ("cancelled", self.spec, CANCELLED)

    def _progress(self, done: int, total: int) -> None:
        self.progress = (done, total)
