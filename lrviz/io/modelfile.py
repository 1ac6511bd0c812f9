"""Model files: an ``.npz`` with w, b, the image shape, the preprocessing and the class names.

A model file is data, never code, and never trusted. One validating reader opens the zip itself,
reads each member's ``.npy`` header first (its dtype and shape declare its size before anything is
read), checks every field's type, shape, size (in Python integers: no overflow) and values, and
only then builds the model; any problem is one :class:`DataError` naming the file and the field.
"""

from __future__ import annotations

import math
import zipfile
from pathlib import Path

import numpy as np

from lrviz.core.errors import DataError
from lrviz.core.model import LogisticModel
from lrviz.core.preprocess import Preprocessing
from lrviz.io.budget import check_declared, format_bytes

FORMAT = 1
_REQUIRED = ("format", "w", "b", "image_shape", "scale", "classes")
_NPY_MAGIC = b"\x93NUMPY"
_MAX_NAME = 200          # characters in a class name
_KINDS = {"format": "iu", "w": "iuf", "b": "iuf", "image_shape": "iu", "scale": "U", "classes": "U",
          "mean": "iuf", "std": "iuf"}


def save_model(path: str | Path, model: LogisticModel) -> None:
    p = model.preprocessing
    if p.scale == "standardize" and not (np.all(np.isfinite(p.std)) and np.all(p.std > 0)):
        raise DataError(path, "cannot save a standardisation with a zero, negative or non-finite std")
    extra = {"mean": p.mean, "std": p.std} if p.scale == "standardize" else {}
    with open(path, "wb") as f:
        np.savez(f, format=np.int64(FORMAT), w=model.w, b=np.float64(model.b),
                 image_shape=np.array(p.image_shape, dtype=np.int64), scale=np.str_(p.scale),
                 classes=np.array(model.classes, dtype=str), **extra)


def _header(zf: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> tuple[tuple[int, ...], np.dtype]:
    field = info.filename[:-4]
    with zf.open(info) as f:
        try:
            version = np.lib.format.read_magic(f)
            read = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
            shape, _, dtype = read(f)
        except (ValueError, OSError, EOFError) as e:
            raise DataError(path, f"field {field!r} is not a numpy array ({e})") from None
    return tuple(int(v) for v in shape), dtype


def _read_fields(path: Path, budget: int | None) -> dict[str, np.ndarray]:
    try:
        with open(path, "rb") as f:
            start = f.read(len(_NPY_MAGIC))
    except FileNotFoundError:
        raise DataError(path, "no such file") from None
    except IsADirectoryError:
        raise DataError(path, "is a folder, not a model file") from None
    except OSError as e:
        raise DataError(path, f"cannot be read ({e.strerror or e})") from None
    if start == _NPY_MAGIC:
        raise DataError(path, "is a single .npy array, not an lrviz model (.npz)")
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, EOFError, OSError):
        raise DataError(path, "not an lrviz model file (not a .npz archive)") from None
    out = {}
    with zf:
        for info in zf.infolist():
            field = info.filename[:-4] if info.filename.endswith(".npy") else None
            if field not in _KINDS:
                continue  # unknown members are ignored, never read
            check_declared(path, info.file_size, f"a field {field!r} of {format_bytes(info.file_size)}", budget)
            shape, dtype = _header(zf, info, path)
            if dtype.kind not in _KINDS[field] or dtype.hasobject:
                raise DataError(path, f"field {field!r} has values of type {dtype}, expected "
                                      f"{'text' if _KINDS[field] == 'U' else 'numbers'}")
            size = math.prod(shape)  # Python integers: a huge declared shape cannot wrap around
            check_declared(path, size * dtype.itemsize, f"a field {field!r} of shape {shape}", budget)
            try:
                with zf.open(info) as f:
                    out[field] = np.lib.format.read_array(f, allow_pickle=False)
            except (ValueError, OSError, EOFError, zipfile.BadZipFile) as e:
                raise DataError(path, f"field {field!r} cannot be read ({e})") from None
    return out


def _number(path: Path, data: dict, field: str) -> float:
    v = data[field]
    if v.size != 1:
        raise DataError(path, f"field {field!r} must be one number, got an array of shape {v.shape}")
    value = float(v.ravel()[0])
    if not math.isfinite(value):
        raise DataError(path, f"field {field!r} is {value}, not a finite number")
    return value


def _vector(path: Path, data: dict, field: str, shape: tuple[int, int, int]) -> np.ndarray:
    v = np.asarray(data[field], dtype=np.float64).ravel()
    n = math.prod(shape)
    if v.size != n:
        raise DataError(path, f"field {field!r} has {v.size} values but a {'×'.join(map(str, shape))} image "
                              f"gives {n} features: the model does not fit its image pipeline")
    if not np.all(np.isfinite(v)):
        raise DataError(path, f"field {field!r} holds nan or inf")
    return v


def load_model(path: str | Path, budget: int | None = None) -> LogisticModel:
    path = Path(path)
    data = _read_fields(path, budget)
    missing = [k for k in _REQUIRED if k not in data]
    if missing:
        raise DataError(path, f"not an lrviz model file: missing {', '.join(missing)}")
    if _number(path, data, "format") != FORMAT:
        raise DataError(path, f"model format {data['format'].ravel()[0]}; this lrviz reads format {FORMAT}")
    raw_shape = data["image_shape"].ravel()
    shape = tuple(int(v) for v in raw_shape)
    if len(shape) != 3 or shape[2] not in (1, 3) or min(shape) < 1:
        raise DataError(path, f"field 'image_shape' {shape} is not (height, width, 1 or 3)")
    w = _vector(path, data, "w", shape)
    b = _number(path, data, "b")
    if data["scale"].size != 1:
        raise DataError(path, "field 'scale' must be one word")
    scale = str(data["scale"].ravel()[0])
    mean = std = None
    if scale == "standardize":
        for field in ("mean", "std"):
            if field not in data:
                raise DataError(path, f"a standardised model needs the field {field!r}")
        mean, std = _vector(path, data, "mean", shape), _vector(path, data, "std", shape)
        if np.any(std <= 0):
            raise DataError(path, "field 'std' has zero or negative values: features would be divided by them")
    try:
        prep = Preprocessing(shape, scale, mean, std)
    except ValueError as e:
        raise DataError(path, f"field 'scale': {e}") from None
    classes = tuple(str(c) for c in data["classes"].ravel())
    if len(classes) != 2 or any(not c or len(c) > _MAX_NAME for c in classes):
        raise DataError(path, f"field 'classes' must be two names, got {list(classes)[:4]}")
    return LogisticModel(w, b, prep, classes)
