"""The training set after the learner's edits (lrviz.core.edits), made for the window and for the
training process: the window keeps the edited uint8 images (the views draw them), the process gets
their features, made with the loaded set's preprocessing, through a :class:`Handoff` as a load's."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lrviz.core.edits import Edits, State, apply
from lrviz.training.handoff import Handoff
from lrviz.training.loader import Loaded, features


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
