"""The bowl's refit as the data grows: time and peak memory per refit, from the course's size to
CIFAR-10's, measured side by side in one run.

For each m × n (synthetic float32 data, the course's real data for 209 × 12,288), after a few
steps of training:
  * before: one refit as lrviz did it: the 101 × 101 grid, 16 rows at a time (issue 14's table);
  * running: one refit as the training process does it now (lrviz.core.refit): the grid as fine as
    REFIT_SECONDS allows, the grid's working memory bounded by bytes, the whole refit timed (the
    pass over X for the plane, the slice's lowest point, the path, the contour lines);
  * paused: the full 101 × 101 surface computed row by row (GridJob), its total time and its
    longest single slice (what the process makes a command wait while paused).
Times are medians of 3; peak memory is numpy's, traced by tracemalloc in a separate call. Goals: a running refit ≤ 100 ms per refit-second
whatever m (refit_interval stretches the interval when one takes longer), memory bounded.

Run: python benchmarks/bench_scale.py [--sizes 209x12288 2000x12288 10000x12288 50000x3072 50000x12288]
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc

import numpy as np
from bench_engine import DEFAULT_DATA

from lrviz.core import GradientDescent, Preprocessing, refit
from lrviz.core.bowl import fit_bowl
from lrviz.core.surface import Plane
from lrviz.io import load_dataset

DEFAULT_SIZES = ["209x12288", "2000x12288", "10000x12288", "50000x3072", "50000x12288"]


def data(m: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    if (m, n) == (209, 12288) and DEFAULT_DATA.exists():
        ds = load_dataset(DEFAULT_DATA)
        return Preprocessing.fit(ds.train_images).transform(ds.train_images), ds.train_labels.astype(float)
    rng = np.random.default_rng(0)
    X = np.empty((m, n), dtype=np.float32)
    for i in range(0, m, 5000):  # in parts: no float64 copy of a 2.4 GB array
        X[i:i + 5000] = rng.random((min(5000, m - i), n), dtype=np.float32)
    y = (X[:, :64].mean(axis=1) > 0.5).astype(np.float64)
    return X, y


def traced(fn, repeat: int = 3):
    """(seconds: the median of ``repeat`` calls, peak MiB of numpy's allocations in one more call
    traced by tracemalloc: apart, as tracing slows numpy's many small allocations several-fold)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return statistics.median(times), peak, None


def measure(m: int, n: int) -> dict:
    X, y = data(m, n)
    t = GradientDescent(0.005, checkpoint_every=1).fit(X, y, 3)
    path = t.trajectory(64)
    dw, db = t.gradient()
    bowl, plane = fit_bowl(X, y, *path, dw, db, t.learning_rate, grid=refit.MIN_GRID)  # warm-up, and a cell cost
    s101 = np.linspace(bowl.s[0], bowl.s[-1], refit.FULL_GRID)
    b101 = np.linspace(bowl.b[0], bowl.b[-1], refit.FULL_GRID)
    old_bytes = 2 * 16 * refit.FULL_GRID * m * 4  # 16 rows at a time, as before
    defaults = Plane.grid.__defaults__
    Plane.grid.__defaults__ = (old_bytes,)  # fit_bowl's grid as it was: 101², 16 rows a block
    try:
        before_s, before_mb, _ = traced(lambda: fit_bowl(X, y, *path, dw, db, t.learning_rate, grid=refit.FULL_GRID))
    finally:
        Plane.grid.__defaults__ = defaults

    # running: a first refit on the guess, then on the measured cost, as the training process does
    cell = 1e-8
    for _ in range(2):
        g = refit.grid_size(m, cell)
        run_s, run_mb, _ = traced(lambda g=g: fit_bowl(X, y, *path, dw, db, t.learning_rate, grid=g))
        cell = run_s / (m * g * g)

    slices = []
    def paused():
        job = refit.GridJob(plane, s101, b101)
        while not job.done:
            start = time.perf_counter()
            job.advance(max(1, int(0.05 / (cell * job.cells()))))
            slices.append(time.perf_counter() - start)
        return job
    paused_s, paused_mb, _ = traced(paused)
    job = paused()
    exact = np.abs(job.J - plane.grid(s101, b101)).max()
    return dict(m=m, n=n, before_s=before_s, before_mb=before_mb, grid=g, run_s=run_s, run_mb=run_mb,
                interval=refit.refit_interval(run_s), paused_s=paused_s, paused_mb=paused_mb,
                slice_s=max(slices), exact=exact)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", nargs="+", default=DEFAULT_SIZES)
    args = ap.parse_args()
    print("lrviz refit benchmark: one refit of the bowl per size, before and now (time · numpy's peak memory)")
    print(f"{'m × n':>15} │ {'before: refit (101²)':>19} │ {'running: refit (grid)':>27} {'every':>6} "
          f"{'share':>6} │ {'paused: 101² by rows':>21} {'longest':>8} │ exact")
    for size in args.sizes:
        m, n = map(int, size.split("x"))
        r = measure(m, n)
        share = r["run_s"] / r["interval"]
        print(f"{m:>7,} × {n:<6,} │ {1e3 * r['before_s']:8.0f} ms {r['before_mb']:6.0f} MiB │ "
              f"{1e3 * r['run_s']:8.0f} ms {r['run_mb']:6.0f} MiB ({r['grid']:3}²) {r['interval']:5.1f}s "
              f"{100 * share:5.1f}% │ {1e3 * r['paused_s']:8.0f} ms {r['paused_mb']:6.0f} MiB "
              f"{1e3 * r['slice_s']:6.0f} ms │ {r['exact']:.0e}")
    print("goal: a running refit takes ≤ 10 % of the training process's time (≤ 100 ms a second) at every m,"
          " memory bounded; the paused surface equals the plane's grid (exact)")


if __name__ == "__main__":
    main()
