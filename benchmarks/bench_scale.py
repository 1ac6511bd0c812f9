"""The bowl's cost as the data grows, from the course's size to CIFAR-10's, measured side by side in
one run (lrviz.core.tracker, as the training process drives it).

For each m × n (synthetic float32 data; the course's real data for 209 × 12,288), after a few
steps of training:
  * a new plane: what choosing one costs (λ_max and its eigenvector by Lanczos, the path's own
    direction, the plane's pass over X, the path projected, the view framed, the surface on the grid
    the running budget allows, its lowest point and contour lines): it happens a few times a run;
  * an update between planes: the path grown by a step, the 1-D pictures, the green dot's outlook
    (λ_max not measured: it has its own budget): what every snapshot costs;
  * λ_max again after a step, warm-started (budgeted by the training process to ≤ 10 % of its time);
  * paused: the full 101 × 101 surface computed row by row (GridJob): its total time and its longest
    single slice (what a command waits for while paused).
Times are medians of 3; peak memory is numpy's, traced by tracemalloc in a separate call.

Run: python benchmarks/bench_scale.py [--sizes 209x12288 2000x12288 10000x12288 50000x3072]
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc

import numpy as np
from bench_engine import DEFAULT_DATA

from lrviz.core import GradientDescent, Preprocessing, refit
from lrviz.core.tracker import BowlTracker, trainer_options
from lrviz.io import load_dataset

DEFAULT_SIZES = ["209x12288", "2000x12288", "10000x12288", "50000x3072"]


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
    return statistics.median(times), peak


def measure(m: int, n: int) -> dict:
    X, y = data(m, n)
    t = GradientDescent(0.005, **trainer_options(X)).start(X, y)
    t.step(12)
    tracker = BowlTracker()
    tracker.bowl(t, 0.005, refit.MIN_GRID)  # warm-up, and a cell cost
    cell = 1e-8
    for _ in range(2):  # a first plane on the guess, then on the measured cost, as the training process does
        g = refit.grid_size(m, cell)

        def new_plane(g=g):
            tracker.reset()
            tracker.bowl(t, 0.005, g)
        plane_s, plane_mb = traced(new_plane)
        cell = plane_s / (m * g * g)
    t.step(1)
    tracker.bowl(t, 0.005, g)

    def update():
        t.step(1)
        tracker.bowl(t, 0.005, g, lambda_seconds=0)
    update_s, _ = traced(update)
    lam_s, _ = traced(lambda: (t.step(1), tracker.measure(t)))
    plane = tracker.drawn_plane(t)
    bowl = tracker.bowl(t, 0.005, g, lambda_seconds=0)
    s101, t101 = (np.linspace(v[0], v[-1], refit.FULL_GRID) for v in (bowl.s, bowl.t))
    slices = []

    def paused():
        job = refit.GridJob(plane, s101, t101)
        while not job.done:
            start = time.perf_counter()
            job.advance(max(1, int(0.05 / (cell * job.cells()))))
            slices.append(time.perf_counter() - start)
        return job
    paused_s, paused_mb = traced(paused)
    exact = np.abs(paused().J - plane.grid(s101, t101)).max()
    return dict(m=m, n=n, grid=g, plane_s=plane_s, plane_mb=plane_mb, update_s=update_s, lam_s=lam_s,
                paused_s=paused_s, paused_mb=paused_mb, slice_s=max(slices), exact=exact, solver=t.solver_)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", nargs="+", default=DEFAULT_SIZES)
    args = ap.parse_args()
    print("lrviz bowl benchmark: the bowl's work per size (time · numpy's peak memory)")
    print(f"{'m × n':>15} {'solver':>6} │ {'a new plane (grid)':>26} │ {'an update':>9} │ {'λ_max, warm':>11} │ "
          f"{'paused: 101² by rows':>21} {'longest':>8} │ exact")
    for size in args.sizes:
        m, n = map(int, size.split("x"))
        r = measure(m, n)
        print(f"{m:>7,} × {n:<6,} {r['solver']:>6} │ {1e3 * r['plane_s']:8.0f} ms {r['plane_mb']:6.0f} MiB "
              f"({r['grid']:3}²) │ {1e3 * r['update_s']:6.1f} ms │ {1e3 * r['lam_s']:8.1f} ms │ "
              f"{1e3 * r['paused_s']:8.0f} ms {r['paused_mb']:6.0f} MiB {1e3 * r['slice_s']:6.0f} ms │ {r['exact']:.0e}")
    print("goals: a new plane (a few a run) within a refit's budget (~100 ms + λ_max); an update a few ms; the paused "
          "surface equal to the plane's grid (exact), in slices of ≤ ~50 ms")


if __name__ == "__main__":
    main()
