"""Model files: an ``.npz`` with w, b, the image shape, the preprocessing and the class names.
Read with ``allow_pickle=False``: a model file can never run code."""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np

from lrviz.core.errors import DataError
from lrviz.core.model import LogisticModel
from lrviz.core.preprocess import Preprocessing

FORMAT = 1
_REQUIRED = ("format", "w", "b", "image_shape", "scale", "classes")


def save_model(path: str | Path, model: LogisticModel) -> None:
    p = model.preprocessing
    extra = {"mean": p.mean, "std": p.std} if p.scale == "standardize" else {}
    with open(path, "wb") as f:
        np.savez(f, format=np.int64(FORMAT), w=model.w, b=np.float64(model.b),
                 image_shape=np.array(p.image_shape, dtype=np.int64), scale=np.str_(p.scale),
                 classes=np.array(model.classes, dtype=str), **extra)


def load_model(path: str | Path) -> LogisticModel:
    path = Path(path)
    try:
        with np.load(path, allow_pickle=False) as npz:
            data = {k: npz[k] for k in npz.files}
    except FileNotFoundError:
        raise DataError(path, "no such file") from None
    except IsADirectoryError:
        raise DataError(path, "is a folder, not a model file") from None
    except (zipfile.BadZipFile, EOFError, OSError) as e:
        raise DataError(path, f"not an lrviz model file (.npz): {e}") from None
    except ValueError as e:
        raise DataError(path, f"not an lrviz model file: {e}") from None
    missing = [k for k in _REQUIRED if k not in data]
    if missing:
        raise DataError(path, f"not an lrviz model file: missing {', '.join(missing)}")
    if int(data["format"]) != FORMAT:
        raise DataError(path, f"model format {int(data['format'])}; this lrviz reads format {FORMAT}")
    shape = tuple(int(v) for v in np.ravel(data["image_shape"]))
    if len(shape) != 3 or shape[2] not in (1, 3) or min(shape) < 1:
        raise DataError(path, f"image shape {shape} is not (height, width, 1 or 3)")
    w = np.ravel(data["w"]).astype(np.float64)
    n = int(np.prod(shape))
    if w.shape[0] != n:
        raise DataError(path, f"w has {w.shape[0]} values but a {shape[0]}×{shape[1]}×{shape[2]} image "
                              f"gives {n}: the model does not fit its image pipeline")
    try:
        prep = Preprocessing(shape, str(data["scale"]), data.get("mean"), data.get("std"))
    except ValueError as e:
        raise DataError(path, str(e)) from None
    classes = tuple(str(c) for c in np.ravel(data["classes"]))
    if len(classes) != 2:
        raise DataError(path, f"expected two class names, got {list(classes)}")
    if not np.all(np.isfinite(w)) or not np.isfinite(data["b"]):
        raise DataError(path, "w or b holds nan or inf")
    return LogisticModel(w, float(data["b"]), prep, classes)
