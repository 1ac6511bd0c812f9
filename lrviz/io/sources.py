"""One entry point for every dataset kind: a path (or ``builtin:NAME``) -> :class:`Dataset`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lrviz.core import builtin
from lrviz.core.dataset import Dataset
from lrviz.core.errors import QT_TRANSLATE_NOOP, DataError, Message
from lrviz.io.cifar import BATCH_NAME, load_cifar
from lrviz.io.folder import load_folder
from lrviz.io.h5 import load_h5

KINDS = Message(QT_TRANSLATE_NOOP("DataError", "the course's .h5 files (a folder or one file), an image folder (one "
                                 "subfolder per class), CIFAR-10 binary (.tar.gz or its folder), or builtin:cats / "
                                 "builtin:toy"), None, "DataError")


def kind_of(path: Path) -> str:
    """'h5', 'cifar' or 'folder' for an existing path; raises DataError otherwise."""
    name = path.name.lower()
    if path.is_file():
        if name.endswith((".h5", ".hdf5")):
            return "h5"
        if name.endswith((".tar.gz", ".tgz", ".tar")):
            return "cifar"
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "not a dataset lrviz knows; expected {kinds}"),
                        kinds=KINDS)
    if path.is_dir():
        if any(path.glob("*.h5")):
            return "h5"
        try:
            if (path / "cifar-10-batches-bin").is_dir() or any(BATCH_NAME.match(p.name) for p in path.iterdir()):
                return "cifar"
        except OSError as e:
            raise DataError(path, QT_TRANSLATE_NOOP("DataError", "cannot be listed ({reason})"),
                            reason=e.strerror or str(e)) from None
        return "folder"
    raise DataError(path, QT_TRANSLATE_NOOP("DataError", "no such file or folder"))


def load_dataset(spec: str | Path, *, side: int = 64, positive: str | None = None, balance: bool = False,
                 seed: int = 0, progress: Callable[[int, int], None] | None = None,
                 cancel: Callable[[], bool] | None = None, budget: int | None = None) -> Dataset:
    """Load any dataset kind. ``side``/``positive``/``progress``/``cancel`` apply to image folders,
    ``balance`` to CIFAR-10, ``seed`` to every seeded split or sample. ``budget`` is the most bytes
    the loaded data may take (None: :func:`lrviz.io.budget.default_budget`); what a file declares is
    checked against it before anything is read."""
    if str(spec).startswith("builtin:"):
        return builtin.load(str(spec))
    path = Path(spec).expanduser()
    kind = kind_of(path)
    if kind == "h5":
        return load_h5(path, seed, budget)
    if kind == "cifar":
        return load_cifar(path, balance, seed, budget)
    return load_folder(path, side, positive, seed, progress, cancel, budget)
