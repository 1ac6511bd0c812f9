"""The course's HDF5 files (``train_catvnoncat.h5`` / ``test_catvnoncat.h5``).

Untrusted HDF5 can point at other local files (external links, external storage, virtual datasets):
we read only hard-linked, contiguous-or-chunked datasets stored inside the file itself.

A small file can declare a huge array (chunks never written read as zeros; compressed chunks expand):
every shape is checked against the loading budget before anything is read, and what is accepted is
read in blocks of at most :data:`BLOCK_BYTES` into one preallocated uint8 array.
"""

from __future__ import annotations

import math
from pathlib import Path

import h5py
import numpy as np

from lrviz.core.dataset import TEST_SHARE, Dataset, Facts, stratified_split
from lrviz.core.errors import QT_TRANSLATE_NOOP, DataError, Message
from lrviz.io.budget import check_declared, format_bytes, images_of, needed_bytes

DEFAULT_CLASSES = ("non-cat", "cat")
BLOCK_BYTES = 64 * 2**20          # read at most this much of a dataset at a time
MAX_STORED_CHUNK = 256 * 10**6    # HDF5 decompresses a whole stored chunk to read any part of it
MAX_CLASSES_BYTES = 4096          # 'list_classes' is two short names

Split = tuple[h5py.Dataset, h5py.Dataset]  # (images, labels), inspected but not read


def _keys(f: h5py.File) -> str:
    """The file's keys for a message: the first ten (and how many there are), or "nothing"."""
    keys = sorted(f.keys())
    if not keys:
        return Message(QT_TRANSLATE_NOOP("DataError", "nothing"), None, "DataError")
    if len(keys) > 10:
        return Message(QT_TRANSLATE_NOOP("DataError", "{keys}, … ({n} keys)"),
                       {"keys": ", ".join(keys[:10]), "n": len(keys)}, "DataError")
    return ", ".join(keys)


def _dataset(f: h5py.File, path: Path, key: str) -> h5py.Dataset | None:
    if key not in f:
        return None
    link = f.get(key, getlink=True)
    if not isinstance(link, h5py.HardLink):
        kind = type(link).__name__  # SoftLink or ExternalLink
        problem = (QT_TRANSLATE_NOOP("DataError", "'{key}' is an {kind}; lrviz reads no links to other data")
                   if kind[:1].lower() in "aeiou" else
                   QT_TRANSLATE_NOOP("DataError", "'{key}' is a {kind}; lrviz reads no links to other data"))
        raise DataError(path, problem, key=key, kind=kind)
    ds = f[key]
    if not isinstance(ds, h5py.Dataset):
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "'{key}' is a group, expected a dataset"), key=key)
    if ds.is_virtual:
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "'{key}' is a virtual dataset; lrviz reads only data "
                                                "stored in the file"), key=key)
    if ds.external:
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "'{key}' is stored in external files; lrviz reads only "
                                                "data in the file"), key=key)
    if ds.chunks is not None and math.prod(ds.chunks) * ds.dtype.itemsize > MAX_STORED_CHUNK:
        chunk = math.prod(ds.chunks) * ds.dtype.itemsize
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "'{key}' is stored in chunks of {size}; lrviz reads "
                                                "chunks of at most {limit}"),
                        key=key, size=format_bytes(chunk), limit=format_bytes(MAX_STORED_CHUNK))
    return ds


def _split(f: h5py.File, path: Path, prefix: str) -> Split | None:
    """The images and labels of one split, their shapes and types checked; nothing read yet."""
    xs, ys = _dataset(f, path, f"{prefix}_set_x"), _dataset(f, path, f"{prefix}_set_y")
    if xs is None and ys is None:
        return None
    if xs is None or ys is None:
        missing = f"{prefix}_set_x" if xs is None else f"{prefix}_set_y"
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "missing key '{key}' (has: {keys})"),
                        key=missing, keys=_keys(f))
    if xs.ndim != 4 or xs.shape[3] not in (1, 3) or not np.issubdtype(xs.dtype, np.integer):
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "'{prefix}_set_x' must be uint8 images (m, H, W, 3); "
                                                "got {dtype} {shape}"), prefix=prefix, dtype=xs.dtype, shape=xs.shape)
    if 0 in xs.shape[1:3]:
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "'{prefix}_set_x' holds images of {height}×{width} "
                                                "pixels: not a data set of pictures"),
                        prefix=prefix, height=xs.shape[1], width=xs.shape[2])
    if ys.size != xs.shape[0] or ys.ndim > 2 or not (np.issubdtype(ys.dtype, np.integer)
                                                     or np.issubdtype(ys.dtype, np.floating)):
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "'{prefix}_set_y' must hold {count} labels; "
                                                "got {dtype} {shape}"),
                        prefix=prefix, count=xs.shape[0], dtype=ys.dtype, shape=ys.shape)
    return xs, ys


def _inspect(f: h5py.File, path: Path) -> dict[str, Split]:
    splits = {p: s for p in ("train", "test") if (s := _split(f, path, p)) is not None}
    if not splits:
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "missing keys 'train_set_x'/'train_set_y' "
                                                "(or 'test_set_…'); has: {keys}"), keys=_keys(f))
    return splits


def _check_size(source: object, splits: list[Split], budget: int | None) -> None:
    """What these splits declare (pixels kept as uint8 plus float32 features, what each example
    needs, and labels as stored) against the budget, from their shapes alone."""
    count = sum(xs.shape[0] for xs, _ in splits)
    needed = sum(needed_bytes(xs.shape[0], xs.shape[1:]) for xs, _ in splits)
    labels = sum(ys.size * ys.dtype.itemsize for _, ys in splits)
    shapes = {xs.shape[1:] for xs, _ in splits}
    what = (images_of(count, shapes.pop()) if len(shapes) == 1 else
            Message(QT_TRANSLATE_NOOP("DataError", "{count:,} images"), {"count": count}, "DataError"))
    check_declared(source, needed + labels, what, budget)


def _blocks(shape: tuple[int, ...], itemsize: int):
    """Selections covering a dataset of ``shape`` in blocks of at most ~BLOCK_BYTES (whole images,
    or rows of one image when a single image is larger)."""
    m, h = shape[0], shape[1]
    image = math.prod(shape[1:]) * itemsize
    if image <= BLOCK_BYTES:
        step = BLOCK_BYTES // image
        for a in range(0, m, step):
            yield np.s_[a:min(a + step, m)]
        return
    step = max(1, BLOCK_BYTES // (image // h))
    for i in range(m):
        for a in range(0, h, step):
            yield np.s_[i, a:min(a + step, h)]


def _read_pixels(xs: h5py.Dataset, path: Path, key: str) -> np.ndarray:
    """The images as uint8, read block by block into one array (other integer types range-checked
    block by block)."""
    out = np.empty(xs.shape, np.uint8)
    if out.size == 0:
        return out
    for sel in _blocks(xs.shape, xs.dtype.itemsize):
        if xs.dtype == np.uint8:
            xs.read_direct(out, sel, sel)
            continue
        block = xs[sel]
        if np.min(block) < 0 or np.max(block) > 255:
            raise DataError(path, QT_TRANSLATE_NOOP("DataError", "'{key}' has pixel values outside 0…255"), key=key)
        out[sel] = block
    return out


def _read(path: Path, prefix: str, split: Split) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = split
    try:
        x, y = _read_pixels(xs, path, f"{prefix}_set_x"), ys[()].ravel()
    except (OSError, RuntimeError, ValueError) as e:  # a damaged chunk, a filter HDF5 lacks, …
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "'{prefix}_set_…' could not be read ({reason})"),
                        prefix=prefix, reason=str(e)) from None
    if not np.all(np.isin(y, (0, 1))):
        bad = np.setdiff1d(np.unique(y), [0, 1])[:5].tolist()
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "'{prefix}_set_y' labels must be 0 or 1, found {bad}"),
                        prefix=prefix, bad=bad)
    return x, y.astype(np.uint8)


def _classes(f: h5py.File, path: Path) -> tuple[str, str]:
    ds = _dataset(f, path, "list_classes")
    if ds is None:
        return DEFAULT_CLASSES
    if ds.size != 2:
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "'list_classes' must name two classes, has {n:,} values"),
                        n=ds.size)
    if ds.size * ds.dtype.itemsize > MAX_CLASSES_BYTES:
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "'list_classes' declares names of {size} each; "
                                                "expected two short names"), size=format_bytes(ds.dtype.itemsize))
    names = [v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v) for v in ds[()].ravel()]
    return names[0][:100], names[1][:100]


def _open(path: Path) -> h5py.File:
    try:
        return h5py.File(path, "r")
    except FileNotFoundError:
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "no such file")) from None
    except OSError as e:
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "not a readable HDF5 file ({reason})"),
                        reason=str(e)) from None


def read_h5(path: Path, budget: int | None = None) -> tuple[dict[str, tuple[np.ndarray, np.ndarray]],
                                                            tuple[str, str]]:
    """The splits ('train' and/or 'test') found in one file, and its class names."""
    with _open(path) as f:
        splits = _inspect(f, path)
        classes = _classes(f, path)
        _check_size(path, list(splits.values()), budget)
        return {p: _read(path, p, s) for p, s in splits.items()}, classes


def _find_pair(folder: Path) -> tuple[Path, Path]:
    def one(kind: str) -> Path:
        exact = folder / f"{kind}_catvnoncat.h5"
        if exact.is_file():
            return exact
        found = sorted(folder.glob(f"{kind}*.h5"))
        if len(found) != 1:
            raise DataError(folder, QT_TRANSLATE_NOOP("DataError", "expected one {kind}_*.h5 file, found {n}"),
                            kind=kind, n=len(found))
        return found[0]
    return one("train"), one("test")


def _load_pair(folder: Path, budget: int | None) -> Dataset:
    train_file, test_file = _find_pair(folder)
    with _open(train_file) as ftrain, _open(test_file) as ftest:
        train, test = _inspect(ftrain, train_file), _inspect(ftest, test_file)
        if "train" not in train or "test" not in test:
            raise DataError(train_file if "train" not in train else test_file,
                            QT_TRANSLATE_NOOP("DataError", "missing the train_set_… / test_set_… keys"))
        classes = _classes(ftrain, train_file)
        _check_size(train_file, [train["train"]], budget)
        _check_size(test_file, [test["test"]], budget)
        _check_size(folder, [train["train"], test["test"]], budget)
        return Dataset(*_read(train_file, "train", train["train"]), *_read(test_file, "test", test["test"]),
                       classes, str(folder))


def load_h5(path: str | Path, seed: int = 0, budget: int | None = None) -> Dataset:
    """A folder with the train and test files, or one file (split 80/20, seeded, if it holds one set).
    ``budget``: the most bytes loading may take (None: :func:`lrviz.io.budget.default_budget`)."""
    path = Path(path)
    if path.is_dir():
        return _load_pair(path, budget)
    splits, classes = read_h5(path, budget)
    if len(splits) == 2:
        return Dataset(*splits["train"], *splits["test"], classes, str(path))
    (x, y), = splits.values()
    tr, te = stratified_split(y, TEST_SHARE, seed)
    return Dataset(x[tr], y[tr], x[te], y[te], classes, str(path),
                   facts=Facts(split_here=True, test_share=TEST_SHARE, seed=seed))
