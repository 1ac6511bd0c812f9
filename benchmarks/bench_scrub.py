"""Scrubbing the history at CIFAR-10's size: how long the training process takes to show any past
iteration (replay from the nearest checkpoint, then the point's accuracy, gradient and bowl), with
checkpoints as before (a count: 128, thinned by doubling) and now (dense where steps are slow,
within CHECKPOINT_BYTES), side by side in one run.

Synthetic float32 data of CIFAR-10's shape (m = 50,000 × n = 3,072, 10,000 test examples), trained
at full speed for --iters steps; then every past iteration from a spread of 40 is shown once, the
worst cases (just before a checkpoint) included. Goal: every scrub ≤ 0.5 s.

Run: python benchmarks/bench_scrub.py [--iters 600] [--m 50000]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

import lrviz.training.runs
from lrviz.training import commands as c
from lrviz.training.process import State
from lrviz.training.settings import Settings


def synthetic(m: int, n: int, seed: int = 0) -> tuple:
    rng = np.random.default_rng(seed)
    X = rng.random((m, n), dtype=np.float32)
    y = (X[:, :64].mean(axis=1) > 0.5).astype(np.uint8)
    return X, y


def scrub_times(X, y, Xt, yt, iters: int, checkpoint_bytes: int) -> tuple[list[float], int, int]:
    lrviz.training.runs.CHECKPOINT_BYTES = checkpoint_bytes
    s = State(Settings(stop_at=iters, speed=None).process_settings())
    s.apply(c.Data((X, y, Xt, yt), 1))
    s.apply(c.Play())
    while s.pace.running:
        s.advance(0.25)
    h = s.runs.trainer.history_
    every = h.checkpoint_every
    targets = sorted({int(t) for t in np.linspace(1, iters - 1, 40)} | {every - 1, iters - 1 - (iters - 1) % every - 1})
    times = []
    for t in targets:
        s.publisher.view_t = t
        start = time.perf_counter()
        view = s.publisher.replay(s.runs, s.bowl, 0)
        times.append(time.perf_counter() - start)
        assert view.iteration == t
    return times, len(h.checkpoints), every


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--iters", type=int, default=600)
    ap.add_argument("--m", type=int, default=50_000)
    args = ap.parse_args()
    X, y = synthetic(args.m, 3072)
    Xt, yt = synthetic(10_000, 3072, seed=1)
    print(f"lrviz scrub benchmark · m = {args.m:,} × n = 3,072 (float32), 10,000 test · {args.iters} steps")
    for name, budget in (("before: 128 checkpoints, thinned", 0), ("now: dense within 64 MiB", 64 * 2**20)):
        times, kept, every = scrub_times(X, y, Xt, yt, args.iters, budget)
        print(f"   {name:34} {kept:5} checkpoints, every {every:3} · scrub median {1e3 * statistics.median(times):6.0f} ms,"
              f" worst {1e3 * max(times):6.0f} ms → {'PASS' if max(times) <= 0.5 else 'MISS'} (≤ 500 ms)")


if __name__ == "__main__":
    main()
