"""CIFAR-10, binary version: "cat" (label 3) against the nine other classes. No pickle anywhere.

Accepts ``cifar-10-binary.tar.gz`` (read in memory, never extracted) or a folder holding
``data_batch_1.bin`` … ``data_batch_5.bin`` and ``test_batch.bin`` (or ``cifar-10-batches-bin/``).
Each record is 1 label byte and 3072 pixel bytes (1024 red, 1024 green, 1024 blue, row-major).

The batches' sizes are known before reading (the folder's file sizes, the tar members' headers):
their total is checked against the loading budget first, then each batch is read in blocks straight
into the preallocated train and test arrays.
"""

from __future__ import annotations

import re
import tarfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np

from lrviz.core.dataset import Dataset, Facts
from lrviz.core.errors import QT_TRANSLATE_NOOP, DataError
from lrviz.io.budget import check_images

RECORD = 1 + 32 * 32 * 3
CAT = 3
BATCH_NAME = re.compile(r"^(data_batch_\d+|test_batch)\.bin$")
BLOCK_RECORDS = 8192  # ~25 MB read at a time
MAX_MEMBERS = 1000    # a CIFAR-10 archive holds 8 files; a "tar" of millions of headers is refused


@dataclass(frozen=True)
class _Batch:
    source: str                       # what an error names: the file, or "archive:member"
    stem: str                         # data_batch_1 … or test_batch
    size: int                         # bytes, as declared before reading
    open: Callable[[], BinaryIO]
    order: int = 0                    # position in the archive (read in that order: no seeking back)

    @property
    def records(self) -> int:
        return self.size // RECORD


def _folder_batches(path: Path) -> list[_Batch]:
    inner = path / "cifar-10-batches-bin"
    folder = inner if inner.is_dir() else path
    return [_Batch(str(f), f.stem, f.stat().st_size, lambda f=f: f.open("rb"))
            for f in sorted(folder.iterdir()) if BATCH_NAME.match(f.name) and f.is_file()]


def _tar_batches(tar: tarfile.TarFile, path: Path, budget: int | None) -> list[_Batch]:
    """The archive's batches, each header checked as soon as it is seen: moving on to the next
    header means skipping (for .tar.gz, decompressing) the member's declared data."""
    out = []
    for count, member in enumerate(iter(tar.next, None)):
        if count >= MAX_MEMBERS:
            raise DataError(path, QT_TRANSLATE_NOOP("DataError", "holds more than {n:,} files; a CIFAR-10 archive "
                                                    "holds 8"), n=MAX_MEMBERS)
        name = Path(member.name).name
        if member.isfile() and BATCH_NAME.match(name):
            out.append(_Batch(f"{path}:{name}", Path(name).stem, member.size,
                              lambda m=member: tar.extractfile(m), count))
            check_images(path, sum(b.records for b in out), (32, 32, 3), budget)
    return out


def _read_into(batch: _Batch, x: np.ndarray, y: np.ndarray) -> None:
    """Fill ``x`` (records, 32, 32, 3) and ``y`` from ``batch``, a block of records at a time."""
    buf = bytearray(min(batch.records, BLOCK_RECORDS) * RECORD)
    with batch.open() as stream:
        for a in range(0, batch.records, BLOCK_RECORDS):
            k = min(BLOCK_RECORDS, batch.records - a)
            view, got = memoryview(buf)[:k * RECORD], 0
            while got < len(view):
                try:
                    n = stream.readinto(view[got:])
                except (tarfile.ReadError, EOFError):  # a member whose data stops short
                    n = 0
                if not n:
                    raise DataError(batch.source, QT_TRANSLATE_NOOP("DataError", "is truncated: declares {size:,} "
                                                                    "bytes, holds {got:,}"),
                                    size=batch.size, got=a * RECORD + got)
                got += n
            rec = np.frombuffer(buf, np.uint8, k * RECORD).reshape(k, RECORD)
            if rec[:, 0].max() > 9:
                raise DataError(batch.source, QT_TRANSLATE_NOOP("DataError", "is not a CIFAR-10 binary batch "
                                                                "(label byte {label} > 9)"), label=int(rec[:, 0].max()))
            x[a:a + k] = rec[:, 1:].reshape(k, 3, 32, 32).transpose(0, 2, 3, 1)
            y[a:a + k] = rec[:, 0] == CAT
            del rec, view


def _load(path: Path, batches: list[_Batch], budget: int | None) -> tuple[np.ndarray, ...]:
    check_images(path, sum(b.records for b in batches), (32, 32, 3), budget)  # before reading
    for b in batches:
        if not b.size or b.size % RECORD:
            raise DataError(b.source, QT_TRANSLATE_NOOP("DataError", "is not a CIFAR-10 binary batch ({size} bytes "
                                                        "is not a multiple of {record})"), size=b.size, record=RECORD)
    train = sorted((b for b in batches if b.stem.startswith("data_batch")), key=lambda b: b.stem)
    test = [b for b in batches if b.stem == "test_batch"]
    if not train or len(test) != 1:
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "expected CIFAR-10 binary batches data_batch_1.bin … "
                                                "and test_batch.bin"))
    arrays = []
    for group in (train, test):
        n = sum(b.records for b in group)
        x, y = np.empty((n, 32, 32, 3), np.uint8), np.empty(n, np.uint8)
        arrays += [x, y]
        starts = np.cumsum([0] + [b.records for b in group])
        for b, a, end in sorted(zip(group, starts, starts[1:], strict=False), key=lambda t: t[0].order):
            _read_into(b, x[a:end], y[a:end])
    return tuple(arrays)


def _read(path: Path, budget: int | None) -> tuple[np.ndarray, ...]:
    if path.is_dir():
        try:
            return _load(path, _folder_batches(path), budget)
        except OSError as e:
            raise DataError(path, QT_TRANSLATE_NOOP("DataError", "could not be read ({reason})"),
                            reason=str(e)) from None
    try:
        with tarfile.open(path, "r:*") as tar:
            return _load(path, _tar_batches(tar, path, budget), budget)
    except (tarfile.TarError, OSError, EOFError) as e:
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "not a readable tar archive ({reason})"),
                        reason=str(e)) from None


def _balance(x: np.ndarray, y: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    pos, neg = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
    keep = np.sort(np.concatenate([pos, rng.choice(neg, size=min(len(pos), len(neg)), replace=False)]))
    return x[keep], y[keep]


def load_cifar(path: str | Path, balance: bool = False, seed: int = 0, budget: int | None = None) -> Dataset:
    """``budget``: the most bytes loading may take (None: :func:`lrviz.io.budget.default_budget`)."""
    path = Path(path)
    x, y, xt, yt = _read(path, budget)
    if balance:
        rng = np.random.default_rng(seed)
        (x, y), (xt, yt) = _balance(x, y, rng), _balance(xt, yt, rng)
    return Dataset(x, y, xt, yt, ("not cat", "cat"), str(path),
                   facts=Facts(balanced=True, seed=seed) if balance else Facts())
