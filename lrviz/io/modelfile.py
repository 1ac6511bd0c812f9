"""Model files: an ``.npz`` with w, b, the image shape, the preprocessing and the class names.

A model file is data, never code, and never trusted. One validating reader opens the zip itself,
reads each member's ``.npy`` header first (its dtype and shape declare its size before anything is
read), checks every field's type, shape and size (in Python integers: no overflow) against what that
field may be and against the loading budget, reads it with ``allow_pickle=False``, checks its values,
and only then builds the model. Any problem is one :class:`DataError` naming the file and the field.

:func:`save_model` writes format 1 and holds a model to the same rules, so what it saves loads.
"""

from __future__ import annotations

import math
import stat
import zipfile
import zlib
from pathlib import Path

import numpy as np

from lrviz.core.errors import QT_TRANSLATE_NOOP, DataError, Message
from lrviz.core.model import LogisticModel
from lrviz.core.preprocess import SCALES, Preprocessing
from lrviz.io.budget import check_declared, default_budget
from lrviz.io.editfile import FIELDS as EDIT_FIELDS
from lrviz.io.editfile import SavedEdits, edit_fields, edits_from_fields

try:
    from lzma import LZMAError
except ImportError:  # a Python without lzma: zipfile then refuses such members with a RuntimeError
    LZMAError = RuntimeError

FORMAT = 1
NPY_MAGIC = b"\x93NUMPY"
MAX_NAME = 255               # characters in a class name (a folder name's limit)
MAX_PATH = 4096              # characters in the path of the data set the edits were made on
BYTES_PER_FEATURE = 5 * 8    # predicting keeps w, mean, std, the features and a temporary in float64
MAX_LOGIT = 1e300            # |wᵀx + b| must stay far below float64's 1.8e308, rounding included

# What each field may hold: numpy dtype kinds ("iu" integers, "f" floats, "U" text).
_KINDS = {"format": "iu", "b": "iuf", "image_shape": "iu", "scale": "U", "classes": "U",
          "w": "iuf", "mean": "iuf", "std": "iuf", **EDIT_FIELDS}  # the data edits: lrviz.io.editfile
_REQUIRED = ("format", "w", "b", "image_shape", "scale", "classes")
# What a field that must be one value is told when it is an array.
_ONE_VALUE = {
    "format": QT_TRANSLATE_NOOP("DataError", "field 'format' must be one integer, got an array of shape {shape}"),
    "b": QT_TRANSLATE_NOOP("DataError", "field 'b' must be one number, got an array of shape {shape}"),
    "scale": QT_TRANSLATE_NOOP("DataError", "field 'scale' must be one word, got an array of shape {shape}"),
}
# What a field of the wrong type is told, by the kinds it may hold.
_WRONG_TYPE = {
    "u": QT_TRANSLATE_NOOP("DataError", "field {field!r} has values of type {dtype}, expected pixels (uint8)"),
    "U": QT_TRANSLATE_NOOP("DataError", "field {field!r} has values of type {dtype}, expected text"),
    "iu": QT_TRANSLATE_NOOP("DataError", "field {field!r} has values of type {dtype}, expected integers"),
    "iuf": QT_TRANSLATE_NOOP("DataError", "field {field!r} has values of type {dtype}, expected numbers"),
}
_VECTORS = ("w", "mean", "std")
_HEADER_READERS = {(1, 0): np.lib.format.read_array_header_1_0,
                   (2, 0): np.lib.format.read_array_header_2_0,
                   (3, 0): np.lib.format.read_array_header_2_0}  # 3.0 is 2.0 with a UTF-8 header
# Everything reading a hostile member can raise (RuntimeError: encrypted, or an unknown compression).
_READ_ERRORS = (ValueError, OSError, EOFError, RuntimeError, zipfile.BadZipFile, zlib.error, LZMAError)


def save_model(path: str | Path, model: LogisticModel, edits: SavedEdits | None = None) -> None:
    """Write ``model`` as format 1, with the data ``edits`` it was trained after (if any); refuse
    (DataError) a model that :func:`load_model` would refuse."""
    p = model.preprocessing
    mean, std = (p.mean, p.std) if p.scale == "standardize" else (None, None)
    problem = _values_problem(model.w, model.b, mean, std, model.classes)
    if problem:
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "cannot be saved: {why}"), why=problem)
    extra = {"mean": p.mean, "std": p.std} if p.scale == "standardize" else {}
    with open(path, "wb") as f:
        np.savez(f, format=np.int64(FORMAT), w=model.w, b=np.float64(model.b),
                 image_shape=np.array(p.image_shape, dtype=np.int64), scale=np.str_(p.scale),
                 classes=np.array(model.classes, dtype=str), **extra, **edit_fields(edits))


def load_model(path: str | Path, budget: int | None = None) -> LogisticModel:
    """Read a model file written by :func:`save_model`; any problem is one DataError naming the field."""
    path = Path(path)
    return _model(path, _read_fields(path, default_budget() if budget is None else int(budget)))


def load_edits(path: str | Path, budget: int | None = None) -> SavedEdits | None:
    """The data edits saved with a model (None if it was trained on the data as loaded); the model's
    fields are checked as :func:`load_model` checks them."""
    path = Path(path)
    data = _read_fields(path, default_budget() if budget is None else int(budget))
    return edits_from_fields(path, data, _model(path, data).preprocessing.image_shape)


def _model(path: Path, data: dict[str, np.ndarray]) -> LogisticModel:
    missing = [k for k in _REQUIRED if k not in data]
    if missing:
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "not an lrviz model file: missing {fields}"),
                        fields=", ".join(missing))
    version = int(data["format"].item())
    if version != FORMAT:
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "model format {version}; this lrviz reads format "
                                                "{format}"), version=version, format=FORMAT)
    shape = tuple(int(v) for v in data["image_shape"])  # Python integers: no wrap-around
    if min(shape) < 1 or shape[2] not in (1, 3):
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "field 'image_shape' {shape} is not (height, width, "
                                                "1 or 3)"), shape=shape)
    w = _vector(path, data, "w", shape)
    b = _floats(data["b"]).item()
    scale = str(data["scale"].item())
    if scale not in SCALES:
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "field 'scale' is {scale!r}; lrviz knows {known}"),
                        scale=scale, known=" and ".join(map(repr, SCALES)))
    mean = std = None
    if scale == "standardize":
        for field in ("mean", "std"):
            if field not in data:
                raise DataError(path, QT_TRANSLATE_NOOP("DataError", "a standardised model needs the field {field!r}"),
                                field=field)
        mean, std = _vector(path, data, "mean", shape), _vector(path, data, "std", shape)
    classes = tuple(str(c) for c in data["classes"])
    problem = _values_problem(w, b, mean, std, classes)
    if problem:
        raise DataError(path, problem)
    try:  # every field was checked above: this cannot fail, but if it does it is still one message
        return LogisticModel(w, b, Preprocessing(shape, scale, mean, std), classes)
    except ValueError as e:
        raise DataError(path, str(e)) from None


def start_from(path: str | Path, preprocessing: Preprocessing,
               model: LogisticModel | None = None) -> tuple[np.ndarray, float]:
    """A saved model's (w, b) as the start of a run on data that ``preprocessing`` makes features
    of (``model``: the file's, if already read). DataError naming the file when they do not fit:
    another image size, or features scaled another way (w would mean something else on them)."""
    model = load_model(path) if model is None else model
    mine, theirs = preprocessing, model.preprocessing
    if theirs.image_shape != mine.image_shape:
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "holds w for {their} images ({n} values), but this "
                                                "data's images are {mine} ({m} features): it cannot be a start here"),
                        their="×".join(map(str, theirs.image_shape)), n=f"{theirs.n_features:,}",
                        mine="×".join(map(str, mine.image_shape)), m=f"{mine.n_features:,}")
    if theirs.scale != mine.scale:
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "was trained on features scaled {their!r}, but these "
                                                "are scaled {mine!r}: its w would mean something else here"),
                        their=theirs.scale, mine=mine.scale)
    return model.w, model.b


def _read_fields(path: Path, budget: int) -> dict[str, np.ndarray]:
    """The known fields of the archive, each checked from its header before it is read."""
    fields: dict[str, np.ndarray] = {}
    with _open_archive(path) as zf:
        for info in zf.infolist():
            field = info.filename[:-4] if info.filename.endswith(".npy") else ""
            if field not in _KINDS:
                continue  # unknown members are ignored, never read
            if field in fields:
                raise DataError(path, QT_TRANSLATE_NOOP("DataError", "field {field!r} appears twice"), field=field)
            fields[field] = _read_member(path, zf, info, field, budget)
    return fields


def _open_archive(path: Path) -> zipfile.ZipFile:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "no such file")) from None
    except OSError as e:
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "cannot be read ({reason})"),
                        reason=e.strerror or str(e)) from None
    if stat.S_ISDIR(st.st_mode):
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "is a folder, not a model file"))
    if not stat.S_ISREG(st.st_mode):
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "is not a regular file, not a model file"))
    if st.st_size == 0:
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "is empty, not an lrviz model file"))
    try:
        with open(path, "rb") as f:
            start = f.read(len(NPY_MAGIC))
    except OSError as e:
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "cannot be read ({reason})"),
                        reason=e.strerror or str(e)) from None
    if start == NPY_MAGIC:
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "is a single .npy array, not an lrviz model (.npz)"))
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, RuntimeError):  # RuntimeError: a zip version
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "not an lrviz model file (not a .npz archive)")) from None


def _read_member(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo, field: str, budget: int) -> np.ndarray:
    try:
        with zf.open(info) as f:
            shape, dtype = _header(f)
        _check_header(path, field, shape, dtype, budget)
        what = Message(QT_TRANSLATE_NOOP("DataError", "a field {field!r} of {size:,} bytes in the zip"),
                       {"field": field, "size": info.file_size}, "DataError")
        check_declared(path, info.file_size, what, budget)
        with zf.open(info) as f:
            return np.lib.format.read_array(f, allow_pickle=False)
    except _READ_ERRORS as e:
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "field {field!r} is not a readable numpy array "
                                                "({reason})"), field=field, reason=_short(e)) from None


def _header(f) -> tuple[tuple[int, ...], np.dtype]:
    """The shape and dtype a ``.npy`` stream declares; its header is at most 10,000 bytes."""
    version = np.lib.format.read_magic(f)
    if version not in _HEADER_READERS:
        raise ValueError(f"unknown .npy version {version[0]}.{version[1]}")
    shape, _, dtype = _HEADER_READERS[version](f)
    if any(n < 0 for n in shape):
        raise ValueError(f"negative dimension in shape {shape}")
    return tuple(int(n) for n in shape), dtype


def _check_header(path: Path, field: str, shape: tuple[int, ...], dtype: np.dtype, budget: int) -> None:
    """Is this dtype and shape what ``field`` may be, and within the budget? Nothing is read yet."""
    kinds = _KINDS[field]
    if dtype.kind not in kinds:
        raise DataError(path, _WRONG_TYPE[kinds], field=field, dtype=dtype)
    if field in _ONE_VALUE and shape not in ((), (1,)):
        raise DataError(path, _ONE_VALUE[field], shape=shape)
    if field in EDIT_FIELDS:  # pixels of added photos: their size is declared here, before reading
        what = Message(QT_TRANSLATE_NOOP("DataError", "a field {field!r} of {size:,} bytes"),
                       {"field": field, "size": math.prod(shape) * dtype.itemsize}, "DataError")
        check_declared(path, math.prod(shape) * dtype.itemsize, what, budget)
    if field == "image_shape" and shape != (3,):
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "field 'image_shape' must be (height, width, channels), "
                                                "got an array of shape {shape}"), shape=shape)
    if field == "classes" and shape != (2,):
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "field 'classes' must be two names, got an array of "
                                                "shape {shape}"), shape=shape)
    if field in _VECTORS:
        if len(shape) not in (1, 2) or shape[1:] not in ((), (1,)):
            raise DataError(path, QT_TRANSLATE_NOOP("DataError", "field {field!r} must be a vector (n,) or a column "
                                                    "(n, 1), got an array of shape {shape}"), field=field, shape=shape)
        what = Message(QT_TRANSLATE_NOOP("DataError", "a field {field!r} of {n:,} features"),
                       {"field": field, "n": shape[0]}, "DataError")
        check_declared(path, shape[0] * BYTES_PER_FEATURE, what, budget)
    longest = MAX_PATH if field == "edit_source" else MAX_NAME
    if kinds == "U" and dtype.itemsize > 4 * longest:
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "field {field!r} holds text longer than {max} characters"),
                        field=field, max=longest)


def _vector(path: Path, data: dict[str, np.ndarray], field: str, shape: tuple[int, int, int]) -> np.ndarray:
    v = _floats(data[field]).ravel()
    n = math.prod(shape)
    if v.size != n:
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "field {field!r} has {size} values but a {dims} image "
                                                "gives {n} features: the model does not fit its image pipeline"),
                        field=field, size=v.size, dims="×".join(map(str, shape)), n=n)
    return v


def _floats(a: np.ndarray) -> np.ndarray:
    """float64 values; a long double beyond float64's range becomes inf (found by the value checks)."""
    with np.errstate(over="ignore"):
        return a.astype(np.float64)


def _values_problem(w: np.ndarray, b: float, mean: np.ndarray | None, std: np.ndarray | None,
                    classes: tuple[str, ...]) -> Message | None:
    """What is wrong with a model's values, or None: the same rules for saving and for loading."""
    if not math.isfinite(b):
        return Message(QT_TRANSLATE_NOOP("DataError", "field 'b' is {b}, not a finite number"), {"b": b}, "DataError")
    for field, v in (("w", w), ("mean", mean), ("std", std)):
        if v is not None and not np.all(np.isfinite(v)):
            return Message(QT_TRANSLATE_NOOP("DataError", "field {field!r} holds nan or inf"),
                           {"field": field}, "DataError")
    if std is not None and np.any(std <= 0):
        return Message(QT_TRANSLATE_NOOP("DataError", "field 'std' has zero or negative values: features would be "
                                         "divided by them"), None, "DataError")
    if len(classes) != 2:
        return Message(QT_TRANSLATE_NOOP("DataError", "field 'classes' must be two names, got {n}"),
                       {"n": len(classes)}, "DataError")
    for name in classes:
        if not name.strip() or len(name) > MAX_NAME or not name.isprintable():
            return Message(QT_TRANSLATE_NOOP("DataError", "field 'classes' has the name {name!r}: a class name is "
                                             "1 to {max} printable characters"),
                           {"name": name[:MAX_NAME], "max": MAX_NAME}, "DataError")
    # Any uint8 image's feature i is at most xmax[i] in size, so |wᵀx + b| ≤ Σ |wᵢ|·xmax[i] + |b|.
    with np.errstate(over="ignore", invalid="ignore"):
        xmax = 1.0 if std is None else np.maximum(np.abs(mean), np.abs(1.0 - mean)) / std
        if not np.all(np.isfinite(xmax)):
            return Message(QT_TRANSLATE_NOOP("DataError", "field 'std' has values so small that the features "
                                             "overflow"), None, "DataError")
        bound = float(np.sum(np.abs(w) * xmax)) + abs(b)
    if not bound < MAX_LOGIT:
        return Message(QT_TRANSLATE_NOOP("DataError", "fields 'w' and 'b' are so large that wᵀx + b overflows"),
                       None, "DataError")
    return None


def _short(e: Exception) -> str:
    text = str(e) or type(e).__name__
    return text if len(text) <= 200 else text[:200] + "…"
