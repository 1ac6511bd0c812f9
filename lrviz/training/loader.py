"""Loading and preprocessing data in a background thread, with progress and cancel (no Qt)."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from lrviz.core import Cancelled, DataError, Dataset, LrvizError, Preprocessing
from lrviz.core.errors import QT_TRANSLATE_NOOP, Message
from lrviz.io import load_dataset
from lrviz.training.handoff import Handoff, Made

CANCELLED = Message(QT_TRANSLATE_NOOP("Loader", "loading cancelled"), None, "Loader")
UNEXPECTED = QT_TRANSLATE_NOOP("Loader", "{spec}: unexpected {kind}: {error}")


@dataclass(frozen=True)
class Loaded:
    """A data set loaded for the window: its uint8 images (the panels draw them; the Predict tab
    ranks the test set from them) and, in ``handoff``, the float features made for the training
    process only. The window keeps no float copy of the features (issue 26: that copy alone was
    1.47 GB of a 30,000-image set)."""

    dataset: Dataset
    preprocessing: Preprocessing
    handoff: Handoff  # features, labels, test features, test labels, ready for the training process


def features(prep: Preprocessing, images: np.ndarray) -> Made:
    """The float32 features of ``images``, to be made where the training process will read them."""
    return Made((images.shape[0], prep.n_features), np.dtype(np.float32),
                lambda out: prep.transform(images, np.float32, out=out))


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
            if self.cancelled.is_set():
                raise Cancelled
            # made for the training process here, in the background, straight into shared memory
            handoff = Handoff((features(prep, ds.train_images), ds.train_labels, features(prep, ds.test_images),
                               ds.test_labels))
            with self._finishing:
                if self.cancelled.is_set():
                    handoff.release()
                    raise Cancelled
                self.result = ("done", self.spec, Loaded(ds, prep, handoff))
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
