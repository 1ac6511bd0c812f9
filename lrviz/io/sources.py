"""One entry point for every dataset kind: a path (or ``builtin:NAME``) -> :class:`Dataset`."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lrviz.core import builtin
from lrviz.core.dataset import Dataset, DataSpec
from lrviz.core.errors import QT_TRANSLATE_NOOP, DataError, Message
from lrviz.io import arrays
from lrviz.io.cifar import BATCH_NAME, load_cifar
from lrviz.io.folder import load_folder
from lrviz.io.h5 import load_h5

KINDS = Message(QT_TRANSLATE_NOOP("DataError", "the course's .h5 files (a folder or one file), an image folder (one "
                                 "subfolder per class), CIFAR-10 binary (.tar.gz or its folder), or builtin:cats / "
                                 "builtin:toy"), None, "DataError")


@dataclass(frozen=True)
class Reader:
    """One kind of data set lrviz reads: which files and folders are of that kind, and how to load one.

    ``load(path, spec, budget, progress, cancel)`` returns a :class:`Dataset`; it raises DataError
    naming the path for anything wrong in the data, and checks what a file declares against
    ``budget`` before reading it."""

    kind: str
    suffixes: tuple[str, ...]                 # files of this kind (lower case); () for folders only
    folder: Callable[[Path], bool]            # whether a folder holds a data set of this kind
    load: Callable[..., Dataset]


def _is_cifar_folder(path: Path) -> bool:
    return (path / "cifar-10-batches-bin").is_dir() or any(BATCH_NAME.match(p.name) for p in path.iterdir())


# the kinds, in the order a folder is tried; the last one (image folders) takes any folder
READERS = (
    Reader("h5", (".h5", ".hdf5"), lambda path: any(path.glob("*.h5")),
           lambda path, spec, budget, progress, cancel: load_h5(path, spec.seed, budget)),
    Reader("cifar", (".tar.gz", ".tgz", ".tar"), _is_cifar_folder,
           lambda path, spec, budget, progress, cancel: load_cifar(path, spec.balance, spec.seed, budget)),
    Reader("folder", (), lambda path: True,
           lambda path, spec, budget, progress, cancel: load_folder(path, spec.side, spec.positive, spec.seed,
                                                                    progress, cancel, budget)),
)


def reader(kind: str) -> Reader:
    return next(r for r in READERS if r.kind == kind)


def data_suffixes() -> tuple[str, ...]:
    """The file names that are data sets (other files dropped on the window are photos)."""
    return tuple(s for r in READERS for s in r.suffixes)


def data_patterns() -> str:
    """For a file dialog's filter: "*.h5 *.hdf5 …"."""
    return " ".join("*" + s for s in data_suffixes())


def kind_of(path: Path) -> str:
    """The :data:`READERS` kind ('h5', 'cifar', 'folder', …) of an existing path; raises DataError otherwise."""
    name = path.name.lower()
    if path.is_file():
        for r in READERS:
            if name.endswith(r.suffixes):
                return r.kind
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "not a dataset lrviz knows; expected {kinds}"),
                        kinds=KINDS)
    if path.is_dir():
        try:
            return next(r.kind for r in READERS if r.folder(path))
        except OSError as e:
            raise DataError(path, QT_TRANSLATE_NOOP("DataError", "cannot be listed ({reason})"),
                            reason=e.strerror or str(e)) from None
    raise DataError(path, QT_TRANSLATE_NOOP("DataError", "no such file or folder"))


def kind_or_none(spec: str) -> str | None:
    """:func:`kind_of` a data set's path, or None for a built-in set and a path that is no data set."""
    if spec.startswith("builtin:"):
        return None
    try:
        return kind_of(Path(spec))
    except DataError:
        return None


def spec_for(path: str) -> str:
    """A chosen course file whose partner (train_… / test_…) sits beside it loads as the pair."""
    p = Path(path)
    if p.is_file() and p.suffix in reader("h5").suffixes and p.name.startswith(("train_", "test_")):
        partner = p.with_name(("test_" if p.name.startswith("train_") else "train_") + p.name.split("_", 1)[1])
        if partner.is_file():
            return str(p.parent)
    return str(p)


def dropped_kind(paths: list[Path]) -> tuple[str, list[str]] | None:
    """What files dropped on the window are: ("data", [path]) for one data folder or file, ("photos",
    paths) for files to predict, None for anything else (two data sets, or data and photos)."""
    is_data = [p.is_dir() or p.name.lower().endswith(data_suffixes()) for p in paths]
    if len(paths) == 1 and is_data[0]:
        return "data", [str(paths[0])]
    if paths and not any(is_data):
        return "photos", [str(p) for p in paths]
    return None


def absolute(spec: str | Path) -> str:
    """A data set's path as lrviz keeps it: absolute (``~`` expanded), so that it means the same from
    any folder; ``builtin:NAME`` and ``arrays:N`` (:func:`lrviz.io.arrays.hold`) as they are."""
    spec = str(spec)
    return spec if spec.startswith(("builtin:", arrays.PREFIX)) else os.path.abspath(Path(spec).expanduser())


def load_dataset(spec: str | Path | DataSpec, *, side: int = 64, positive: str | None = None, balance: bool = False,
                 seed: int = 0, progress: Callable[[int, int], None] | None = None,
                 cancel: Callable[[], bool] | None = None, budget: int | None = None) -> Dataset:
    """Load any dataset kind, from a path or a :class:`DataSpec` (a loaded set's ``spec``: the same
    data again; its options replace the keyword ones). ``side``/``positive``/``progress``/``cancel``
    apply to image folders, ``balance`` to CIFAR-10, ``seed`` to every seeded split or sample.
    ``budget`` is the most bytes the loaded data may take (None: :func:`lrviz.io.budget.default_budget`);
    what a file declares is checked against it before anything is read. The data set's ``source``
    and ``spec.path`` are absolute."""
    if not isinstance(spec, DataSpec):
        spec = DataSpec(absolute(spec), positive, balance, seed, side)
    if spec.path.startswith("builtin:"):
        ds = builtin.load(spec.path)
    elif spec.path.startswith(arrays.PREFIX):
        return arrays.held(spec.path)  # a learner's arrays (lrviz.show), checked when they were given
    else:
        path = Path(absolute(spec.path))
        ds = reader(kind_of(path)).load(path, spec, budget, progress, cancel)
    return dataclasses.replace(ds, spec=dataclasses.replace(spec, path=absolute(spec.path)))
