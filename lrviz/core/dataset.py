"""The one dataset value every loader returns and every panel reads: the arrays, what to load again
(:class:`DataSpec`) and how they were made (:class:`Facts`), never folded into a name to parse."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from lrviz.core.errors import QT_TRANSLATE_NOOP, DataError, Message

# How messages name the splits and their labels ("train images must ...", "test labels must ...").
_NAMES = {name: Message(text, None, "DataError") for name, text in (
    ("train", QT_TRANSLATE_NOOP("DataError", "train")),
    ("test", QT_TRANSLATE_NOOP("DataError", "test")),
    ("train_labels", QT_TRANSLATE_NOOP("DataError", "train labels")),
    ("test_labels", QT_TRANSLATE_NOOP("DataError", "test labels")),
)}


def _check_split(source: str, name: str, images: np.ndarray, labels: np.ndarray) -> None:
    if not isinstance(images, np.ndarray) or images.dtype != np.uint8 or images.ndim != 4:
        raise DataError(source, QT_TRANSLATE_NOOP("DataError", "{name} images must be a uint8 array (m, H, W, C), "
                                                  "got {dtype} {shape}"),
                        name=_NAMES[name], dtype=getattr(images, "dtype", type(images)),
                        shape=getattr(images, "shape", ""))
    if images.shape[3] not in (1, 3):
        raise DataError(source, QT_TRANSLATE_NOOP("DataError", "{name} images must have 1 or 3 channels, got {n}"),
                        name=_NAMES[name], n=images.shape[3])
    if labels.ndim != 1 or labels.shape[0] != images.shape[0]:
        raise DataError(source, QT_TRANSLATE_NOOP("DataError", "{name}: {n} images but labels of shape {shape}"),
                        name=_NAMES[name], n=images.shape[0], shape=labels.shape)


def _labels(source: str, name: str, labels: object) -> np.ndarray:
    labels = np.asarray(labels)
    if labels.size and not np.all(np.isin(labels, (0, 1))):
        bad = np.setdiff1d(np.unique(labels), [0, 1])
        raise DataError(source, QT_TRANSLATE_NOOP("DataError", "{name} must be 0 or 1, found {bad}"),
                        name=_NAMES[name], bad=bad[:5].tolist())
    return labels.astype(np.uint8)


@dataclass(frozen=True)
class DataSpec:
    """What :func:`lrviz.io.load_dataset` takes back to load the same data again: where it is (an
    absolute path, or ``builtin:NAME``) and the options that shaped it. A folder named
    ``my cats (2024)`` is that folder: nothing is ever appended to ``path``."""

    path: str
    positive: str | None = None   # image folders: the positive class's subfolder (None: "cat")
    balance: bool = False         # CIFAR-10: keep every cat and as many non-cats
    seed: int = 0                 # every seeded split or sample
    side: int = 64                # image folders: images are resized to side × side


@dataclass(frozen=True)
class Facts:
    """How the data set was made, for the window (in its language) and the command line to say."""

    split_here: bool = False      # False: it came as train and test; True: one set, split here
    test_share: float = 0.0       # the share held out for testing when split here (stratified)
    seed: int | None = None       # the seed of that split, or of the balancing sample
    balanced: bool = False        # CIFAR-10: the non-cats sampled down to the number of cats


@dataclass(frozen=True, eq=False)
class Dataset:
    """uint8 images ``(m, H, W, C)`` with labels in {0, 1}, split into train and test.

    ``classes`` is ``(negative, positive)``: label 1 means ``classes[1]`` (e.g. "cat").
    ``source`` names it in messages (the path or built-in name it was read from); ``spec`` is how
    to load it again (by default just ``source``), ``facts`` how it was made.
    ``skipped`` lists ``(path, problem)`` for inputs that could not be read and were left out.
    ``scale`` is how its features are meant to be scaled (see :class:`Preprocessing`): "255" for
    pictures, "standardize" for a set such as builtin:toy whose bowl is round only when standardised.
    """

    train_images: np.ndarray
    train_labels: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray
    classes: tuple[str, str] = ("non-cat", "cat")
    source: str = ""
    skipped: tuple[tuple[str, str], ...] = field(default=())
    scale: str = "255"
    facts: Facts = field(default=Facts())
    spec: DataSpec | None = None

    def __post_init__(self) -> None:
        if self.spec is None:
            object.__setattr__(self, "spec", DataSpec(self.source))
        for name in ("train_labels", "test_labels"):
            object.__setattr__(self, name, _labels(self.source, name, getattr(self, name)))
        _check_split(self.source, "train", self.train_images, self.train_labels)
        _check_split(self.source, "test", self.test_images, self.test_labels)
        if self.train_images.shape[0] == 0:
            raise DataError(self.source, QT_TRANSLATE_NOOP("DataError", "no training images"))
        if self.test_images.shape[0] and self.test_images.shape[1:] != self.train_images.shape[1:]:
            raise DataError(self.source, QT_TRANSLATE_NOOP("DataError", "test images are {test}, train images {train}"),
                            test=self.test_images.shape[1:], train=self.train_images.shape[1:])
        present = set(np.unique(self.train_labels).tolist())
        if present != {0, 1}:
            only = self.classes[present.pop()] if len(present) == 1 else "?"
            raise DataError(self.source, QT_TRANSLATE_NOOP("DataError", "the training set has one class only "
                                                           "({only!r}); logistic regression needs examples of both"),
                            only=only)
        if len(self.classes) != 2:
            raise DataError(self.source, QT_TRANSLATE_NOOP("DataError", "expected two class names, got {classes!r}"),
                            classes=self.classes)
        object.__setattr__(self, "classes", tuple(str(c) for c in self.classes))

    @property
    def image_shape(self) -> tuple[int, int, int]:
        return tuple(self.train_images.shape[1:])  # type: ignore[return-value]

    @property
    def n_features(self) -> int:
        return int(np.prod(self.image_shape))

    @property
    def positive_class(self) -> str:
        return self.classes[1]

    def counts(self) -> dict[str, tuple[int, int]]:
        """``{"train": (negatives, positives), "test": (...)}``."""
        return {name: (int(np.sum(y == 0)), int(np.sum(y == 1)))
                for name, y in (("train", self.train_labels), ("test", self.test_labels))}


TEST_SHARE = 0.2  # a single set is split 80/20 into train and test


def stratified_split(labels: np.ndarray, test_fraction: float = TEST_SHARE,
                     seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Seeded split keeping the class balance: returns (train_index, test_index), each sorted."""
    rng = np.random.default_rng(seed)
    train, test = [], []
    for cls in (0, 1):
        idx = np.flatnonzero(labels == cls)
        rng.shuffle(idx)
        k = int(round(len(idx) * test_fraction))
        k = min(max(k, 1), len(idx) - 1) if len(idx) >= 2 else 0
        test.append(idx[:k])
        train.append(idx[k:])
    return np.sort(np.concatenate(train)), np.sort(np.concatenate(test))
