"""Changes a learner makes to the training set: leave examples out (or put them back), flip labels,
add photos with a label. An :class:`Edits` is an ordered, immutable list of them; undo drops the
last. :func:`apply` turns the loaded set and the edits into the set training runs on.

Examples are named by their place in the *pool*: the loaded training set's ``m`` examples first,
then every added photo in the order added (the first photo added is ``m``). An edit may name only
examples that exist when it is made: an added photo can be left out or relabelled later, never
before it is added. Numpy only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from lrviz.core.errors import QT_TRANSLATE_NOOP, Message


def _indices(values) -> tuple[int, ...]:
    out = tuple(sorted({int(v) for v in np.asarray(values, dtype=np.int64).ravel()}))
    if not out:
        raise ValueError("an edit names at least one example")
    if out[0] < 0:
        raise ValueError(f"example {out[0]} does not exist (negative)")
    return out


@dataclass(frozen=True)
class LeaveOut:
    """Leave these examples out of training (``out=False``: put them back)."""

    indices: tuple[int, ...]
    out: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "indices", _indices(self.indices))


@dataclass(frozen=True)
class Flip:
    """Swap the label of these examples (0 ↔ 1); flipping again flips back."""

    indices: tuple[int, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "indices", _indices(self.indices))


@dataclass(frozen=True, eq=False)
class AddPhotos:
    """Add photos (uint8 ``(k, H, W, C)``, the data set's image shape) with one label; ``names``: what
    each photo was called (its file's name), for the list of changes."""

    images: np.ndarray
    label: int
    names: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        images = np.asarray(self.images)
        if images.dtype != np.uint8 or images.ndim != 4 or len(images) == 0:
            raise ValueError(f"photos must be a non-empty uint8 array (k, H, W, C), got {images.dtype} {images.shape}")
        if self.label not in (0, 1):
            raise ValueError(f"a label is 0 or 1, got {self.label!r}")
        names = tuple(str(n) for n in self.names) or tuple(f"photo {i + 1}" for i in range(len(images)))
        if len(names) != len(images):
            raise ValueError(f"{len(images)} photos but {len(names)} names")
        images = images.copy()
        images.flags.writeable = False  # an edit never changes: the run it made can be made again
        object.__setattr__(self, "images", images)
        object.__setattr__(self, "label", int(self.label))
        object.__setattr__(self, "names", names)


Edit = LeaveOut | Flip | AddPhotos


@dataclass(frozen=True)
class State:
    """What the edits did to each example of the pool: the labels now and the three marks."""

    labels: np.ndarray     # uint8, the label each example trains with now
    left_out: np.ndarray   # bool
    flipped: np.ndarray    # bool: its label differs from the one it came with
    added: np.ndarray      # bool: an added photo

    @property
    def kept(self) -> np.ndarray:
        """The pool's indices of the examples training runs on, in order (:func:`apply`'s ``origin``)."""
        return np.flatnonzero(~self.left_out)

    @property
    def ringed(self) -> np.ndarray:
        """Of the examples training runs on, which were changed (relabelled or added): bool per row."""
        keep = self.kept
        return self.flipped[keep] | self.added[keep]


@dataclass(frozen=True)
class Edits:
    """An ordered list of edits; :meth:`then` adds one, :meth:`undo` takes the last away."""

    items: tuple[Edit, ...] = ()

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):
        return iter(self.items)

    def then(self, edit: Edit) -> Edits:
        return Edits((*self.items, edit))

    def undo(self) -> Edits:
        return Edits(self.items[:-1])

    def photos(self) -> list[AddPhotos]:
        return [e for e in self.items if isinstance(e, AddPhotos)]

    def pool_size(self, m: int) -> int:
        return m + sum(len(e.images) for e in self.photos())

    def state(self, labels: np.ndarray) -> State:
        """Each example's state after the edits, for a loaded set with these ``labels``. ValueError
        if an edit names an example that did not exist when it was made."""
        labels = np.asarray(labels).astype(np.uint8).ravel()
        pool = len(labels)
        size = self.pool_size(pool)
        now = np.empty(size, np.uint8)
        now[:pool] = labels
        out = np.zeros(size, bool)
        for k, e in enumerate(self.items):
            if isinstance(e, AddPhotos):
                now[pool:pool + len(e.images)] = e.label
                pool += len(e.images)
                continue
            if e.indices[-1] >= pool:
                raise ValueError(f"edit {k + 1} names example {e.indices[-1]}, but there are {pool} examples then")
            idx = np.asarray(e.indices)
            if isinstance(e, Flip):
                now[idx] ^= 1
            else:
                out[idx] = e.out
        first = np.concatenate([labels] + [np.full(len(e.images), e.label, np.uint8) for e in self.photos()])
        added = np.zeros(size, bool)
        added[len(labels):] = True
        return State(now, out, now != first, added)


def apply(X: np.ndarray, y: np.ndarray, edits: Edits,
          rows: Callable[[np.ndarray], np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The training set after ``edits``: ``(X', y', origin)``. ``X`` holds one example per row (images
    or features), ``y`` their labels; ``rows`` turns the added photos into rows like ``X``'s (e.g.
    :meth:`Preprocessing.transform`; by default the photos themselves). ``origin[i]`` is the pool's
    index of row ``i`` (:mod:`lrviz.core.edits`). Pure: ``X`` and ``y`` are not changed."""
    X = np.asarray(X)
    m = len(X)
    state = edits.state(y)
    keep = state.kept
    ours = keep[keep < m]
    parts = [X[ours]]
    photos = edits.photos()
    theirs = keep[keep >= m] - m
    if len(theirs):
        images = np.concatenate([e.images for e in photos])[theirs]
        parts.append(np.asarray(rows(images) if rows is not None else images, dtype=X.dtype))
    return (np.concatenate(parts) if len(parts) > 1 else parts[0]), state.labels[keep], keep


NO_EXAMPLES = QT_TRANSLATE_NOOP("Edits", "no training example would be left")
ONE_CLASS = QT_TRANSLATE_NOOP("Edits", "only {name!r} examples would be left: logistic regression needs "
                              "examples of both classes")


def problem(labels: np.ndarray, classes: tuple[str, str]) -> Message | None:
    """Why a training set with these labels cannot be trained on, or None."""
    labels = np.asarray(labels)
    if not len(labels):
        return Message(NO_EXAMPLES, None, "Edits")
    present = np.unique(labels)
    if len(present) < 2:
        return Message(ONE_CLASS, {"name": classes[int(present[0])]}, "Edits")
    return None


# -- the lesson's experiments: which examples each one changes ------------------------------------
def surest_of_class(state: State, label: int, n: int, m: int, logits: np.ndarray | None = None) -> np.ndarray:
    """The ``n`` examples of the loaded set (not added, not left out) labelled ``label`` now that the
    model is surest of: the highest ``logits`` z = wᵀx + b for label 1, the lowest for 0 (``logits``:
    one per example of the pool, e.g. the live run's); the first ones where it cannot tell (w = 0)."""
    idx = np.flatnonzero((state.labels[:m] == label) & ~state.left_out[:m])
    if logits is not None:
        z = np.asarray(logits, np.float64)[idx]
        idx = idx[np.argsort(-z if label == 1 else z, kind="stable")]
    return np.sort(idx[:n])


def keep_only(state: State, n: int) -> np.ndarray:
    """The examples to leave out so that ``n`` stay, the classes in their present shares (at least
    one of each): the first examples of each class are kept. Empty if ``n`` or fewer are in."""
    kept = state.kept
    if len(kept) <= n:
        return np.zeros(0, np.int64)
    labels = state.labels[kept]
    cats = int(labels.sum())
    n_cat = min(max(round(n * cats / len(kept)), 1), cats, n - 1)
    stay = np.concatenate([kept[labels == 1][:n_cat], kept[labels == 0][:n - n_cat]])
    return np.setdiff1d(kept, stay)
