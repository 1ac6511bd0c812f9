"""An image folder: one subfolder per class (``cat/`` and ``non-cat/``, any two names), optionally
under ``train/`` and ``test/``; otherwise a seeded, stratified 80/20 split."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from lrviz.core.dataset import TEST_SHARE, Dataset, Facts, stratified_split
from lrviz.core.errors import QT_TRANSLATE_NOOP, DataError
from lrviz.io.budget import check_images
from lrviz.io.images import read_images

_IGNORED = {"thumbs.db", "desktop.ini"}


def _subdirs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts)
                  and p.name.lower() not in _IGNORED)


def _classes(root: Path, folders: list[Path], positive: str | None) -> tuple[str, str]:
    names = [p.name for p in folders]
    if len(names) != 2:
        if not names:
            raise DataError(root, QT_TRANSLATE_NOOP("DataError", "expected two class subfolders (e.g. cat/ and "
                                                    "non-cat/), found none"))
        raise DataError(root, QT_TRANSLATE_NOOP("DataError", "expected two class subfolders (e.g. cat/ and non-cat/), "
                                                "found {found}"), found=", ".join(f"{n}/" for n in names))
    lower = [n.lower() for n in names]
    if positive is None:
        if "cat" not in lower:
            raise DataError(root, QT_TRANSLATE_NOOP("DataError", "which class is positive, {first!r} or {second!r}? "
                                                    "Name it (--positive NAME)"), first=names[0], second=names[1])
        positive = names[lower.index("cat")]
    if positive.lower() not in lower:
        raise DataError(root, QT_TRANSLATE_NOOP("DataError", "the positive class {positive!r} is not a subfolder "
                                                "({first!r}, {second!r})"),
                        positive=positive, first=names[0], second=names[1])
    pos = names[lower.index(positive.lower())]
    return names[1 - names.index(pos)], pos


def _layout(root: Path, positive: str | None) -> tuple[tuple[str, str], dict[str, dict[int, Path]]]:
    """The class names and, per split ('all' or 'train' + 'test'), the folder of each label."""
    if not root.is_dir():
        raise DataError(root, QT_TRANSLATE_NOOP("DataError", "no such folder"))
    subdirs = _subdirs(root)
    if not subdirs and not _files(root):
        raise DataError(root, QT_TRANSLATE_NOOP("DataError", "the folder is empty"))
    by_name = {p.name.lower(): p for p in subdirs}
    if "train" in by_name and "test" in by_name:
        splits = {"train": by_name["train"], "test": by_name["test"]}
        classes = _classes(splits["train"], _subdirs(splits["train"]), positive)
        test_names = {p.name.lower() for p in _subdirs(splits["test"])}
        if test_names != {c.lower() for c in classes}:
            raise DataError(splits["test"], QT_TRANSLATE_NOOP("DataError", "its class subfolders must match "
                                                              "train/'s: {first}/, {second}/"),
                            first=classes[0], second=classes[1])
        layout = {k: {lab: _match(v, c) for lab, c in enumerate(classes)} for k, v in splits.items()}
        return classes, layout
    classes = _classes(root, subdirs, positive)
    return classes, {"all": {lab: _match(root, c) for lab, c in enumerate(classes)}}


def class_folders(root: str | Path) -> list[str]:
    """The class subfolder names of an image folder (under train/ if it has train/ and test/), so a
    caller can ask which is positive before loading. Raises DataError for a folder of another shape."""
    root = Path(root)
    if not root.is_dir():
        raise DataError(root, QT_TRANSLATE_NOOP("DataError", "no such folder"))
    subdirs = _subdirs(root)
    by_name = {p.name.lower(): p for p in subdirs}
    if "train" in by_name and "test" in by_name:
        subdirs = _subdirs(by_name["train"])
    return [p.name for p in subdirs]


def _match(folder: Path, name: str) -> Path:
    return next(p for p in _subdirs(folder) if p.name.lower() == name.lower())


def _take(images: np.ndarray, index: np.ndarray) -> np.ndarray:
    """``images[index]``, as a view (no copy) when the index is one contiguous run."""
    if len(index) and index[-1] - index[0] == len(index) - 1:
        return images[index[0]:index[-1] + 1]
    return images[index]


def load_folder(root: str | Path, side: int = 64, positive: str | None = None, seed: int = 0,
                progress: Callable[[int, int], None] | None = None,
                cancel: Callable[[], bool] | None = None, budget: int | None = None) -> Dataset:
    root = Path(root)
    classes, layout = _layout(root, positive)
    files: list[Path] = []
    labels: list[int] = []
    split_of: list[str] = []
    for split, folders in layout.items():
        for label, folder in folders.items():
            found = _files(folder)
            files += found
            labels += [label] * len(found)
            split_of += [split] * len(found)
    if not files:
        raise DataError(root, QT_TRANSLATE_NOOP("DataError", "no image files in the class subfolders"))
    check_images(root, len(files), (side, side, 3), budget)  # before decoding anything
    images = np.empty((len(files), side, side, 3), np.uint8)  # each decode lands in its row
    decoded = read_images(files, (side, side), 3, progress=progress, cancel=cancel, into=images)
    skipped = tuple((str(f), e.problem) for f, e in zip(files, decoded, strict=True) if isinstance(e, DataError))
    ok = [i for i, a in enumerate(decoded) if not isinstance(a, DataError)]
    del decoded
    if not ok:
        first, why = skipped[0]
        raise DataError(root, QT_TRANSLATE_NOOP("DataError", "none of the {n} files could be read (first: {file}: "
                                                "{why})"), n=len(files), file=first, why=why)
    for j, i in enumerate(ok):  # close the gaps left by skipped files, in place
        if i != j:
            images[j] = images[i]
    images = images[:len(ok)]
    y = np.array([labels[i] for i in ok], dtype=np.uint8)
    split = np.array([split_of[i] for i in ok])
    facts = Facts()
    if "all" in layout:
        tr, te = stratified_split(y, TEST_SHARE, seed)
        facts = Facts(split_here=True, test_share=TEST_SHARE, seed=seed)
    else:  # train/ then test/: two contiguous runs, kept as views
        tr, te = np.flatnonzero(split == "train"), np.flatnonzero(split == "test")
    return Dataset(_take(images, tr), y[tr], _take(images, te), y[te], classes, str(root), skipped, facts=facts)
