"""The data edits saved with a model (:mod:`lrviz.core.edits`), as plain arrays in the same ``.npz``:
no pickle. Added photos are kept as their pixels, so the run can be made again from the data set the
edits were made on (``edit_source``, ``edit_pool`` examples) without the photos' files.

Fields: ``edit_kind`` (one code per edit, :data:`KINDS`), ``edit_size`` (how many examples or photos
each names), ``edit_label`` (an added photo's label, 0 for the others), ``edit_index`` (every
leave-out and flip's examples, one after the other), ``added_images`` (uint8 ``(p, H, W, C)``),
``added_names`` (their names), ``edit_pool`` (the loaded set's number of examples) and
``edit_source`` (what was loaded). Every value is checked before any :class:`Edits` is made; a
problem is one :class:`DataError` naming the file and the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from lrviz.core.edits import AddPhotos, Edits, Flip, LeaveOut
from lrviz.core.errors import QT_TRANSLATE_NOOP, DataError

KINDS = {0: "leave out", 1: "put back", 2: "flip", 3: "add photos"}
FIELDS = {"edit_kind": "iu", "edit_size": "iu", "edit_label": "iu", "edit_index": "iu", "added_images": "u",
          "added_names": "U", "edit_pool": "iu", "edit_source": "U"}
VECTORS = ("edit_kind", "edit_size", "edit_label", "edit_index", "added_names")
ONE_VALUE = ("edit_pool", "edit_source")


@dataclass(frozen=True)
class SavedEdits:
    """Edits made on a training set of ``pool`` examples loaded from ``source``."""

    edits: Edits
    pool: int
    source: str


def edit_fields(saved: SavedEdits | None) -> dict[str, np.ndarray]:
    """The arrays that hold ``saved`` edits (none for no edits)."""
    if saved is None or not len(saved.edits):
        return {}
    edits, pool, source = saved.edits, saved.pool, saved.source
    kinds, sizes, labels, index, images, names = [], [], [], [], [], []
    for e in edits:
        if isinstance(e, AddPhotos):
            kinds.append(3)
            sizes.append(len(e.images))
            labels.append(e.label)
            images.append(e.images)
            names += e.names
        else:
            kinds.append(2 if isinstance(e, Flip) else 0 if e.out else 1)
            sizes.append(len(e.indices))
            labels.append(0)
            index += e.indices
    out = {"edit_kind": np.array(kinds, np.int8), "edit_size": np.array(sizes, np.int64),
           "edit_label": np.array(labels, np.int8), "edit_index": np.array(index, np.int64),
           "edit_pool": np.int64(pool), "edit_source": np.str_(source)}
    if images:
        out["added_images"] = np.concatenate(images)
        out["added_names"] = np.array(names, dtype=str)
    return out


def edits_from_fields(path: str | Path, data: dict[str, np.ndarray],
                      image_shape: tuple[int, int, int]) -> SavedEdits | None:
    """The edits read back from a model file's fields (None: it has no edits)."""
    if "edit_kind" not in data:
        return None
    missing = [f for f in ("edit_size", "edit_label", "edit_index", "edit_pool", "edit_source") if f not in data]
    if missing:
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "the data edits are incomplete: missing {fields}"),
                        fields=", ".join(missing))
    for field in VECTORS:
        if field in data and data[field].ndim != 1:
            raise DataError(path, QT_TRANSLATE_NOOP("DataError", "field {field!r} must be a vector, got an array "
                                                    "of shape {shape}"), field=field, shape=data[field].shape)
    for field in ONE_VALUE:
        if data[field].shape not in ((), (1,)):
            raise DataError(path, QT_TRANSLATE_NOOP("DataError", "field {field!r} must be one value, got an array "
                                                    "of shape {shape}"), field=field, shape=data[field].shape)
    kinds, sizes, labels = (data[f].astype(np.int64) for f in ("edit_kind", "edit_size", "edit_label"))
    index = data["edit_index"]
    pool = int(data["edit_pool"].item())
    if not len(kinds) == len(sizes) == len(labels):
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "fields 'edit_kind', 'edit_size' and 'edit_label' "
                                                "differ in length"))
    bad = sorted(set(kinds.tolist()) - set(KINDS))
    if bad:
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "field 'edit_kind' has unknown kinds {bad}"),
                        bad=bad[:5])
    if np.any(sizes < 1) or pool < 1:
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "an edit of no examples, or edits of an empty data set"))
    adds = kinds == 3
    photos = int(sizes[adds].sum())
    images = data.get("added_images", np.zeros((0, *image_shape), np.uint8))
    names = data.get("added_names", np.zeros(0, str))
    if images.dtype != np.uint8 or images.shape != (photos, *image_shape) or len(names) != photos:
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "field 'added_images' must hold the {n} added photos "
                                                "as uint8 {shape} images with a name each, got {dtype} {got} and "
                                                "{names} names"), n=photos, shape="×".join(map(str, image_shape)),
                        dtype=images.dtype, got=images.shape, names=len(names))
    if np.any(labels[adds] > 1) or np.any(labels[adds] < 0):
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "field 'edit_label' must be 0 or 1"))
    if int(sizes[~adds].sum()) != len(index):
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "field 'edit_index' holds {n} examples, the edits name "
                                                "{m}"), n=len(index), m=int(sizes[~adds].sum()))
    edits, at, taken = Edits(), 0, 0
    try:
        for kind, size, label in zip(kinds.tolist(), sizes.tolist(), labels.tolist(), strict=True):
            if kind == 3:
                edits = edits.then(AddPhotos(images[taken:taken + size], label, tuple(names[taken:taken + size])))
                taken += size
                continue
            chosen = index[at:at + size]
            at += size
            edits = edits.then(Flip(chosen) if kind == 2 else LeaveOut(chosen, out=kind == 0))
        edits.state(np.zeros(pool, np.uint8))  # every edit names examples that existed when it was made
    except ValueError as e:
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "the data edits do not fit the data: {why}"),
                        why=str(e)) from None
    return SavedEdits(edits, pool, str(data["edit_source"].item()))
