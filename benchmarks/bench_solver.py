"""Gram vs primal vs the solver "auto" chooses, for m = 209 … 10,000 examples of n = 12,288 features,
at 1, 100 and 2,000 iterations, and for m ≫ n (2,000 examples of 40 features), measured side by side
in one run.

For each m (the course's data at 209, synthetic float32 data above), measured: the Gram form's
set-up (K = XXᵀ) and the seconds per iteration of each solver (median over --steps iterations
after a warm-up). The run's time is set-up + iterations × per-iteration (each part measured, the
product computed: a 2,000-iteration primal run at m = 10,000 alone would take minutes). Goal:
"auto" picks the faster solver, or one within 25 % of it near the break-even. (The test suite checks
only that auto follows its cost estimates, lrviz.core.solvers.estimated_seconds; this checks the
estimates against the clock. Cases where one solver is several times faster than the other: the
course at 2,000 iterations (Gram), the course at 1 iteration and m ≫ n (primal).)

Run: OPENBLAS_NUM_THREADS=1 python benchmarks/bench_solver.py [--sizes 209 2000 4096 10000] [--steps 10]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
from bench_engine import DEFAULT_DATA

from lrviz.core import GradientDescent, Preprocessing
from lrviz.core.solvers import choose
from lrviz.io import load_dataset

N = 12288


def data(m: int, n: int = N) -> tuple[np.ndarray, np.ndarray]:
    if m == 209 and n == N and DEFAULT_DATA.exists():
        ds = load_dataset(DEFAULT_DATA)
        return Preprocessing.fit(ds.train_images).transform(ds.train_images), ds.train_labels
    rng = np.random.default_rng(0)
    X = rng.random((m, n), dtype=np.float32)
    return X, (X[:, : min(n, 64)].mean(axis=1) > 0.5).astype(np.uint8)


def per_step(t: GradientDescent, steps: int) -> float:
    t.step(2)  # warm-up
    times = []
    for _ in range(steps):
        start = time.perf_counter()
        t.step()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", nargs="+", type=int, default=[209, 2000, 4096, 10000])
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--wide", type=int, nargs=2, default=[2000, 40], metavar=("M", "N"),
                    help="a case with m ≫ n as well (default 2000 40; 0 0: none)")
    args = ap.parse_args()
    print(f"lrviz solver benchmark · n = {N:,} float32 unless said · set-up and per-iteration measured, runs = "
          "set-up + iterations × per-iteration")
    print(f"{'m':>7} │ {'Gram set-up':>11} {'per it.':>9} │ {'primal per it.':>14} │ {'iters':>5} {'Gram':>9} "
          f"{'primal':>9}  auto → {'':7} │ ok")
    cases = [(m, N) for m in args.sizes] + ([tuple(args.wide)] if args.wide[0] > 0 else [])
    for m, n in cases:
        X, y = data(m, n)
        setup, spent = float("inf"), 0.0
        while spent < 2.0:  # a small K is formed a few times: its first, cold, time is not its cost
            start = time.perf_counter()
            gram = GradientDescent(solver="gram").start(X, y)
            took = time.perf_counter() - start
            setup, spent = min(setup, took), spent + took
        g_it = per_step(gram, args.steps)
        del gram
        p_it = per_step(GradientDescent(solver="primal").start(X, y), args.steps)
        for iters in (1, 100, 2000):
            runs = {"gram": setup + iters * g_it, "primal": iters * p_it}
            picked = choose("auto", X, "float32", iters).name
            best = min(runs.values())
            ok = runs[picked] <= 1.25 * best
            print(f"{m:>7,} │ {setup:9.2f} s {1e3 * g_it:7.2f} ms │ {1e3 * p_it:12.2f} ms │ {iters:>5} "
                  f"{runs['gram']:7.2f} s {runs['primal']:7.2f} s  auto → {picked:7} │ "
                  f"{'PASS' if ok else 'MISS'} ({runs[picked] / best:.2f}× the faster)"
                  + ("" if n == N else f"  (n = {n:,})"))


if __name__ == "__main__":
    main()
