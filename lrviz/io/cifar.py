"""CIFAR-10, binary version: "cat" (label 3) against the nine other classes. No pickle anywhere.

Accepts ``cifar-10-binary.tar.gz`` (read in memory, never extracted) or a folder holding
``data_batch_1.bin`` … ``data_batch_5.bin`` and ``test_batch.bin`` (or ``cifar-10-batches-bin/``).
Each record is 1 label byte and 3072 pixel bytes (1024 red, 1024 green, 1024 blue, row-major).
"""

from __future__ import annotations

import re
import tarfile
from pathlib import Path

import numpy as np

from lrviz.core.dataset import Dataset
from lrviz.core.errors import DataError

RECORD = 1 + 32 * 32 * 3
CAT = 3
BATCH_NAME = re.compile(r"^(data_batch_\d+|test_batch)\.bin$")


def _parse(name: str, raw: bytes) -> tuple[np.ndarray, np.ndarray]:
    if not raw or len(raw) % RECORD:
        raise DataError(name, f"is not a CIFAR-10 binary batch ({len(raw)} bytes is not a "
                              f"multiple of {RECORD})")
    rec = np.frombuffer(raw, dtype=np.uint8).reshape(-1, RECORD)
    labels = rec[:, 0]
    if labels.max() > 9:
        raise DataError(name, f"is not a CIFAR-10 binary batch (label byte {labels.max()} > 9)")
    images = rec[:, 1:].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)
    return np.ascontiguousarray(images), (labels == CAT).astype(np.uint8)


def _batches(path: Path) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    out = {}
    if path.is_dir():
        inner = path / "cifar-10-batches-bin"
        folder = inner if inner.is_dir() else path
        for f in sorted(folder.iterdir()):
            if BATCH_NAME.match(f.name):
                out[f.stem] = _parse(str(f), f.read_bytes())
        return out
    try:
        with tarfile.open(path, "r:*") as tar:
            for member in tar:
                name = Path(member.name).name
                if member.isfile() and BATCH_NAME.match(name):
                    out[Path(name).stem] = _parse(f"{path}:{name}", tar.extractfile(member).read())
    except (tarfile.TarError, OSError, EOFError) as e:
        raise DataError(path, f"not a readable tar archive ({e})") from None
    return out


def _balance(x: np.ndarray, y: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    pos, neg = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
    keep = np.sort(np.concatenate([pos, rng.choice(neg, size=min(len(pos), len(neg)), replace=False)]))
    return x[keep], y[keep]


def load_cifar(path: str | Path, balance: bool = False, seed: int = 0) -> Dataset:
    path = Path(path)
    batches = _batches(path)
    train = [v for k, v in sorted(batches.items()) if k.startswith("data_batch")]
    if not train or "test_batch" not in batches:
        raise DataError(path, "expected CIFAR-10 binary batches data_batch_1.bin … and test_batch.bin")
    x, y = np.concatenate([b[0] for b in train]), np.concatenate([b[1] for b in train])
    xt, yt = batches["test_batch"]
    if balance:
        rng = np.random.default_rng(seed)
        (x, y), (xt, yt) = _balance(x, y, rng), _balance(xt, yt, rng)
    return Dataset(x, y, xt, yt, ("not cat", "cat"), str(path) + (" (balanced)" if balance else ""))
