"""The course's HDF5 files (``train_catvnoncat.h5`` / ``test_catvnoncat.h5``).

Untrusted HDF5 can point at other local files (external links, external storage, virtual datasets):
we read only hard-linked, contiguous-or-chunked datasets stored inside the file itself.
"""

from __future__ import annotations

from pathlib import Path

import h5py
import numpy as np

from lrviz.core.dataset import Dataset, stratified_split
from lrviz.core.errors import DataError

DEFAULT_CLASSES = ("non-cat", "cat")


def _dataset(f: h5py.File, path: Path, key: str) -> h5py.Dataset | None:
    if key not in f:
        return None
    link = f.get(key, getlink=True)
    if not isinstance(link, h5py.HardLink):
        raise DataError(path, f"'{key}' is a {type(link).__name__}; lrviz reads no links to other data")
    ds = f[key]
    if not isinstance(ds, h5py.Dataset):
        raise DataError(path, f"'{key}' is a group, expected a dataset")
    if ds.is_virtual:
        raise DataError(path, f"'{key}' is a virtual dataset; lrviz reads only data stored in the file")
    if ds.external:
        raise DataError(path, f"'{key}' is stored in external files; lrviz reads only data in the file")
    return ds


def _read_split(f: h5py.File, path: Path, prefix: str) -> tuple[np.ndarray, np.ndarray] | None:
    xs, ys = _dataset(f, path, f"{prefix}_set_x"), _dataset(f, path, f"{prefix}_set_y")
    if xs is None and ys is None:
        return None
    if xs is None or ys is None:
        missing = f"{prefix}_set_x" if xs is None else f"{prefix}_set_y"
        raise DataError(path, f"missing key '{missing}' (has: {', '.join(sorted(f.keys()))})")
    if xs.ndim != 4 or xs.shape[3] not in (1, 3) or not np.issubdtype(xs.dtype, np.integer):
        raise DataError(path, f"'{prefix}_set_x' must be uint8 images (m, H, W, 3); "
                              f"got {xs.dtype} {xs.shape}")
    if ys.size != xs.shape[0] or ys.ndim > 2 or not (np.issubdtype(ys.dtype, np.integer)
                                                     or np.issubdtype(ys.dtype, np.floating)):
        raise DataError(path, f"'{prefix}_set_y' must hold {xs.shape[0]} labels; got {ys.dtype} {ys.shape}")
    x, y = xs[()], ys[()].ravel()
    if x.dtype != np.uint8:
        if x.min(initial=0) < 0 or x.max(initial=0) > 255:
            raise DataError(path, f"'{prefix}_set_x' has pixel values outside 0…255")
        x = x.astype(np.uint8)
    if not np.all(np.isin(y, (0, 1))):
        bad = np.setdiff1d(np.unique(y), [0, 1])[:5].tolist()
        raise DataError(path, f"'{prefix}_set_y' labels must be 0 or 1, found {bad}")
    return x, y.astype(np.uint8)


def _classes(f: h5py.File, path: Path) -> tuple[str, str]:
    ds = _dataset(f, path, "list_classes")
    if ds is None:
        return DEFAULT_CLASSES
    names = [v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v) for v in ds[()].ravel()]
    if len(names) != 2:
        raise DataError(path, f"'list_classes' must name two classes, got {names}")
    return names[0], names[1]


def _open(path: Path) -> h5py.File:
    try:
        return h5py.File(path, "r")
    except FileNotFoundError:
        raise DataError(path, "no such file") from None
    except OSError as e:
        raise DataError(path, f"not a readable HDF5 file ({e})") from None


def read_h5(path: Path) -> tuple[dict[str, tuple[np.ndarray, np.ndarray]], tuple[str, str]]:
    """The splits ('train' and/or 'test') found in one file, and its class names."""
    with _open(path) as f:
        splits = {p: s for p in ("train", "test") if (s := _read_split(f, path, p)) is not None}
        if not splits:
            raise DataError(path, "missing keys 'train_set_x'/'train_set_y' (or 'test_set_…'); "
                                  f"has: {', '.join(sorted(f.keys())) or 'nothing'}")
        return splits, _classes(f, path)


def _find_pair(folder: Path) -> tuple[Path, Path]:
    def one(kind: str) -> Path:
        exact = folder / f"{kind}_catvnoncat.h5"
        if exact.is_file():
            return exact
        found = sorted(folder.glob(f"{kind}*.h5"))
        if len(found) != 1:
            raise DataError(folder, f"expected one {kind}_*.h5 file, found {len(found)}")
        return found[0]
    return one("train"), one("test")


def load_h5(path: str | Path, seed: int = 0) -> Dataset:
    """A folder with the train and test files, or one file (split 80/20, seeded, if it holds one set)."""
    path = Path(path)
    if path.is_dir():
        train_file, test_file = _find_pair(path)
        train, classes = read_h5(train_file)
        test, _ = read_h5(test_file)
        if "train" not in train or "test" not in test:
            raise DataError(train_file if "train" not in train else test_file,
                            "missing the train_set_… / test_set_… keys")
        return Dataset(*train["train"], *test["test"], classes, str(path))
    splits, classes = read_h5(path)
    if len(splits) == 2:
        return Dataset(*splits["train"], *splits["test"], classes, str(path))
    (x, y), = splits.values()
    tr, te = stratified_split(y, 0.2, seed)
    return Dataset(x[tr], y[tr], x[te], y[te], classes, f"{path} (seeded 80/20 split)")
