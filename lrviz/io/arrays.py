"""Arrays a learner already has → a :class:`lrviz.core.Dataset` (for ``lrviz.show``).

The course's notebook holds its data in three layouts, and lrviz takes each as it is:

* images ``(m, H, W, C)`` uint8, as loaded (``train_set_x_orig``), labels ``(1, m)`` or ``(m,)``;
* flattened ``(n_x, m)``, one column per example, as in the lab (``train_set_x_flatten / 255``),
  labels ``(1, m)``;
* scikit-learn's ``(m, n_x)``, one row per example, labels ``(m,)``.

``Y`` decides between the last two: its length is m. Pixel values may be uint8, whole numbers
0…255, or those divided by 255 (the lab's): lrviz works on the pixels and divides by 255 itself, so
the course's numbers come out exactly. Other features (standardised, say) are refused with a
sentence saying what to pass instead. The learner's arrays are read, never changed.
"""

from __future__ import annotations

import dataclasses
import itertools
import math

import numpy as np

from lrviz.core.dataset import Dataset, DataSpec
from lrviz.core.errors import QT_TRANSLATE_NOOP, DataError

SOURCE = "arrays"   # how a data set given as arrays is named in messages and in the window
PREFIX = "arrays:"  # the spec of a data set held here: ``arrays:1`` (see :func:`hold`)
EXACT = 1e-4        # a value times 255 within this of a whole number is that whole number of 1/255ths


def image_shape(n: int) -> tuple[int, int, int]:
    """The picture behind ``n`` features: the course's 64 × 64 × 3, any square RGB or grey image,
    else one row of n grey pixels (so the weights can still be drawn)."""
    side = math.isqrt(n // 3)
    if 3 * side * side == n:
        return side, side, 3
    side = math.isqrt(n)
    return (side, side, 1) if side * side == n else (1, n, 1)


def _shape(a: np.ndarray) -> str:
    return "(" + ", ".join(str(d) for d in a.shape) + ")"


def labels_of(name: str, Y) -> np.ndarray:
    """``Y`` as (m,) labels in {0, 1}: (1, m), (m,) or (m, 1) of ints, floats or booleans."""
    y = np.asarray(Y)
    if y.ndim == 2 and 1 in y.shape:
        y = y.reshape(-1)
    if y.ndim != 1:
        raise DataError(SOURCE, QT_TRANSLATE_NOOP("DataError", "{name} must be labels of shape (1, m) or (m,), got "
                                                  "{shape}"), name=name, shape=_shape(y))
    if y.dtype.kind not in "biuf":
        raise DataError(SOURCE, QT_TRANSLATE_NOOP("DataError", "{name} must hold numbers 0 and 1, got {dtype}"),
                        name=name, dtype=str(y.dtype))
    if y.dtype.kind == "f" and not np.all(np.isfinite(y)):
        raise DataError(SOURCE, QT_TRANSLATE_NOOP("DataError", "{name} holds {n} values that are not numbers (NaN "
                                                  "or infinite)"), name=name, n=int(np.sum(~np.isfinite(y))))
    if not np.all(np.isin(y, (0, 1))):
        bad = np.setdiff1d(np.unique(y), [0, 1])[:5]
        raise DataError(SOURCE, QT_TRANSLATE_NOOP("DataError", "{name} must be 0 or 1, found {bad}"), name=name,
                        bad=bad.tolist())
    return y.astype(np.uint8)  # a copy: the learner's array is never changed


def examples_of(name: str, X, m: int, label_name: str) -> np.ndarray:
    """``X`` as (m, …) examples, one per label: images as they are, flattened arrays by which of
    their axes has the labels' length (the columns: the lab's (n_x, m); the rows: (m, n_x))."""
    x = np.asarray(X)
    if x.ndim in (3, 4):
        if x.shape[0] != m:
            raise DataError(SOURCE, QT_TRANSLATE_NOOP("DataError", "{name} holds {k} images of shape {shape} but "
                                                      "{labels} has {m} labels"),
                            name=name, k=x.shape[0], shape="(" + ", ".join(map(str, x.shape[1:])) + ")",
                            labels=label_name, m=m)
        return x if x.ndim == 4 else x[..., np.newaxis]
    if x.ndim != 2:
        raise DataError(SOURCE, QT_TRANSLATE_NOOP("DataError", "{name} must be images (m, H, W, C), the lab's "
                                                  "flattened (n_x, m) or scikit-learn's (m, n_x); got {shape}"),
                        name=name, shape=_shape(x))
    rows, cols = x.shape
    if cols == m and rows != m:
        x = x.T                               # the lab's (n_x, m): one column per example
    elif rows == m and cols == m:
        raise DataError(SOURCE, QT_TRANSLATE_NOOP("DataError", "{name} is {shape}, as many examples as features: "
                                                  "give {labels} as (1, m) for the lab's (n_x, m) or as (m,) for "
                                                  "scikit-learn's (m, n_x)"),
                        name=name, shape=_shape(x), labels=label_name)
    elif rows != m:
        raise DataError(SOURCE, QT_TRANSLATE_NOOP("DataError", "{name} is {shape} but {labels} has {m} labels: "
                                                  "neither its columns (the lab's (n_x, m)) nor its rows "
                                                  "(scikit-learn's (m, n_x)) are {m}"),
                        name=name, shape=_shape(x), labels=label_name, m=m)
    return x.reshape((m, *image_shape(x.shape[1])))


def pixels_of(name: str, x: np.ndarray) -> np.ndarray:
    """Examples as uint8 pixels (a new array): uint8 as they are; whole numbers 0…255; or values
    in [0, 1] that are whole numbers of 1/255ths (the lab's ``/ 255``). Anything else is refused."""
    if x.dtype == np.uint8:
        return x.copy()
    if x.dtype.kind not in "biuf":
        raise DataError(SOURCE, QT_TRANSLATE_NOOP("DataError", "{name} must hold numbers, got {dtype}"), name=name,
                        dtype=str(x.dtype))
    values = x.astype(np.float64)
    bad = ~np.isfinite(values)
    if bad.any():
        raise DataError(SOURCE, QT_TRANSLATE_NOOP("DataError", "{name} holds {n} values that are not numbers (NaN "
                                                  "or infinite)"), name=name, n=int(bad.sum()))
    lo, hi = float(values.min()), float(values.max())
    scale = 255.0 if hi <= 1.0 and lo >= 0.0 and x.dtype.kind == "f" else 1.0
    scaled = values * scale
    whole = np.rint(scaled)
    if lo < 0 or hi * scale > 255 + EXACT or np.abs(scaled - whole).max() > EXACT:
        raise DataError(SOURCE, QT_TRANSLATE_NOOP("DataError", "{name} must be pixel values — uint8 0…255, or those "
                                                  "divided by 255 as the lab does — but its values run from {lo} to "
                                                  "{hi}: pass the images before standardising them"),
                        name=name, lo=f"{lo:.4g}", hi=f"{hi:.4g}")
    return whole.astype(np.uint8)


def dataset_from_arrays(X, Y, X_test=None, Y_test=None, classes: tuple[str, str] = ("non-cat", "cat")) -> Dataset:
    """A Dataset of the learner's arrays (see the module's docstring); no test set if none is given."""
    if (X_test is None) != (Y_test is None):
        raise DataError(SOURCE, QT_TRANSLATE_NOOP("DataError", "give both X_test and Y_test, or neither"))
    y = labels_of("Y", Y)
    images = pixels_of("X", examples_of("X", X, len(y), "Y"))
    if X_test is None:
        test_images, y_test = np.zeros((0, *images.shape[1:]), np.uint8), np.zeros(0, np.uint8)
    else:
        y_test = labels_of("Y_test", Y_test)
        test_images = pixels_of("X_test", examples_of("X_test", X_test, len(y_test), "Y_test"))
    return Dataset(images, y, test_images, y_test, classes=classes, source=SOURCE)


def parameters_of(w, b, n_features: int) -> tuple[np.ndarray, float]:
    """The learner's own (w, b) to start from: w as (n_x, 1) as in the lab, or (n_x,); b a number."""
    w = np.asarray(w, dtype=np.float64)
    if w.size != n_features or (w.ndim == 2 and 1 not in w.shape) or w.ndim > 2:
        raise DataError(SOURCE, QT_TRANSLATE_NOOP("DataError", "w must hold one weight per feature, (n_x, 1) or "
                                                  "(n_x,) with n_x = {n}; got {shape}"), n=n_features, shape=_shape(w))
    b = np.asarray(b, dtype=np.float64)
    if b.size != 1:
        raise DataError(SOURCE, QT_TRANSLATE_NOOP("DataError", "b must be one number, got {shape}"), shape=_shape(b))
    if not (np.all(np.isfinite(w)) and np.isfinite(b)):
        raise DataError(SOURCE, QT_TRANSLATE_NOOP("DataError", "w and b must be finite numbers"))
    return w.reshape(-1).copy(), float(b)


_held: dict[str, Dataset] = {}
_numbers = itertools.count(1)


def hold(ds: Dataset) -> str:
    """Keep ``ds`` in this process under a spec of its own (``arrays:N``), which the window loads as
    it loads a path: through its loader, into the training process's shared memory."""
    spec = f"{PREFIX}{next(_numbers)}"
    _held[spec] = dataclasses.replace(ds, spec=DataSpec(spec))
    return spec


def held(spec: str) -> Dataset:
    """The data set :func:`hold` kept under ``spec``."""
    try:
        return _held[spec]
    except KeyError:
        raise DataError(spec, QT_TRANSLATE_NOOP("DataError", "these arrays were given to an earlier lrviz.show "
                                                "and are no longer held: call lrviz.show again")) from None


def let_go(spec: str) -> None:
    """Forget what :func:`hold` kept (the window that showed it has closed)."""
    _held.pop(spec, None)
