"""A CIFAR-10-sized data set for benchmarks, generated (never downloaded): data_batch_1.bin …
data_batch_5.bin (10,000 records each) and test_batch.bin (10,000) in CIFAR-10's binary layout:
each record is 1 label byte (0–9; 3 is "cat") and 3,072 pixel bytes (1,024 red, 1,024 green,
1,024 blue, row-major), 184 MB in all.

The pictures are photo-like where it matters for timing: smooth 8 × 8 colour regions blown up to
32 × 32 plus noise, so pixels are correlated as in photos; the cats are tinted a little, so there is
something to learn and the cost falls instead of sitting at log 2.

Run: python benchmarks/synthetic_cifar.py OUT_FOLDER [--train 50000] [--test 10000]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

PER_BATCH = 10_000
CAT = 3


def records(n: int, rng: np.random.Generator) -> np.ndarray:
    """n records (n × 3,073 bytes), about one in ten a cat."""
    labels = rng.integers(0, 10, n, dtype=np.uint8)
    coarse = rng.integers(0, 256, (n, 3, 8, 8)).astype(np.int16)
    coarse[labels == CAT, 0] += 40   # cats a little redder, a little less blue
    coarse[labels == CAT, 2] -= 40
    pixels = np.repeat(np.repeat(coarse, 4, axis=2), 4, axis=3)
    pixels += rng.integers(-24, 25, pixels.shape, dtype=np.int16)
    out = np.empty((n, 1 + 3 * 32 * 32), np.uint8)
    out[:, 0] = labels
    out[:, 1:] = np.clip(pixels, 0, 255).reshape(n, -1)
    return out


def write(folder: str | Path, train: int = 50_000, test: int = 10_000, seed: int = 0) -> Path:
    """The batches in ``folder`` (made if needed), ``train`` records split into batches of at most
    10,000, and ``test`` in test_batch.bin; returns the folder. Written one batch at a time."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    sizes = [min(PER_BATCH, train - a) for a in range(0, train, PER_BATCH)]
    for i, n in enumerate(sizes, start=1):
        (folder / f"data_batch_{i}.bin").write_bytes(records(n, rng).tobytes())
    (folder / "test_batch.bin").write_bytes(records(test, rng).tobytes())
    return folder


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--train", type=int, default=50_000)
    ap.add_argument("--test", type=int, default=10_000)
    args = ap.parse_args()
    print(write(args.out, args.train, args.test))


if __name__ == "__main__":
    main()
