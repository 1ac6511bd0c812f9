"""The training set after the learner's edits (lrviz.core.edits), made for the window and for the
training process: the window keeps the edited uint8 images (the views draw them), the process gets
their features, made with the loaded set's preprocessing, through a :class:`Handoff` as a load's."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from lrviz.core.edits import Edits, State, apply
from lrviz.core.errors import Message
from lrviz.training.handoff import Handoff
from lrviz.training.loader import UNEXPECTED, Loaded, features


@dataclass(frozen=True, eq=False)
class Edited:
    """The edits and what they make of the loaded training set: ``images``, ``labels`` and, for each
    row, ``origin`` (its place in the pool: the loaded examples, then the added photos)."""

    edits: Edits
    images: np.ndarray
    labels: np.ndarray
    origin: np.ndarray
    state: State


def edit(loaded: Loaded, edits: Edits) -> Edited:
    ds = loaded.dataset
    images, labels, origin = apply(ds.train_images, ds.train_labels, edits)
    return Edited(edits, images, labels, origin, edits.state(ds.train_labels))


def handoff(loaded: Loaded, edited: Edited) -> Handoff:
    """The edited data as the training process receives data: features, labels, test features, test labels."""
    ds, prep = loaded.dataset, loaded.preprocessing
    return Handoff((features(prep, edited.images), edited.labels, features(prep, ds.test_images), ds.test_labels))


class Handoffs:
    """The edited set's features made on a thread of their own, one change after another: CIFAR-10's
    (50,000 × 3,072 float32, with the test set's) held the window's thread ~0.4 s at every change.
    :meth:`make` asks for the data of a change (``tag``: which one); :meth:`ready` gives the newest one
    made if it is still the one wanted, and frees any other. A change asked for before the one
    before it began is not made at all."""

    def __init__(self):
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="lrviz-edit")
        self._pending: list[Future] = []
        self._wanted: object = None

    def make(self, loaded: Loaded, edited: Edited, tag: object) -> None:
        self._wanted = tag
        self._pending.append(self._pool.submit(self._make, loaded, edited, tag))

    def _make(self, loaded: Loaded, edited: Edited, tag: object):
        if tag != self._wanted:
            return tag, None  # another change came first: this one is not needed
        try:
            return tag, handoff(loaded, edited)
        except Exception as e:  # noqa: BLE001 — e.g. no memory for it: said in the window, nothing lost
            return tag, Message(UNEXPECTED, {"spec": loaded.dataset.source, "kind": type(e).__name__,
                                             "error": str(e)}, "Loader")

    def ready(self, wanted: object) -> Handoff | Message | None:
        """The data made for ``wanted`` (or why it could not be), once; None while it is being made."""
        self._wanted = wanted
        out = None
        for future in [f for f in self._pending if f.done()]:
            self._pending.remove(future)
            tag, made = future.result()
            if tag == wanted and made is not None:
                out = made
            elif isinstance(made, Handoff):
                made.release()  # a change superseded while it was made
        return out

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def close(self) -> None:
        """Wait for what is being made, and free it."""
        self._wanted = None
        self._pool.shutdown(wait=True)
        self.ready(None)
