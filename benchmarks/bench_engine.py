"""Engine benchmark on the course's data, measured side by side in one run.

1. 2000 iterations of gradient descent: the lab's own formulation (float64, X as (n, m), np.dot)
   against lrviz's GradientDescent (default settings, and the primal float32 solver for scale).
   Target: lrviz ≥ 10× faster, costs equal to 1e-5.
2. J(w, b) on a 101 × 101 slice: lrviz's slice_costs against brute force (one forward pass per grid
   point). Target: ≤ 10 ms and ≥ 100×.

Run: python benchmarks/bench_engine.py [--data ../shared/datasets/catvnoncat] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

import numpy as np

from lrviz.core import GradientDescent, Preprocessing, losses
from lrviz.core import surface as S
from lrviz.io import load_dataset

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "catvnoncat"


def lab_sigmoid(z):
    return 1 / (1 + np.exp(-z))


def lab_propagate(w, b, X, Y):
    m = X.shape[1]
    A = lab_sigmoid(np.dot(w.T, X) + b)
    cost = -1 / m * np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dw = 1 / m * np.dot(X, (A - Y).T)
    db = 1 / m * np.sum(A - Y)
    return dw, db, cost


def lab_optimize(X, Y, num_iterations=2000, learning_rate=0.005):
    """The lab's initialize_with_zeros + optimize, recording every cost."""
    w, b = np.zeros((X.shape[0], 1)), 0.0
    costs = []
    for _ in range(num_iterations):
        dw, db, cost = lab_propagate(w, b, X, Y)
        w = w - learning_rate * dw
        b = b - learning_rate * db
        costs.append(cost)
    return w, b, np.array(costs)


def best_of(fn, repeat):
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def blas_info() -> str:
    try:
        from threadpoolctl import threadpool_info
        libs = [f"{i['internal_api']} {i['version']} ({i['num_threads']} threads)" for i in threadpool_info()
                if i.get("user_api") == "blas"]
        return ", ".join(libs) or "unknown"
    except ImportError:
        return "unknown (pip install threadpoolctl to show)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    ds = load_dataset(args.data)
    m = ds.train_images.shape[0]
    print(f"lrviz engine benchmark · {args.data}: {m} × {ds.n_features} · {os.cpu_count()} cores · "
          f"numpy {np.__version__} · BLAS {blas_info()}")

    # -- 1. gradient descent ---------------------------------------------------------------------
    X_lab = ds.train_images.reshape(m, -1).T / 255.0
    Y_lab = ds.train_labels.reshape(1, m)
    prep = Preprocessing.fit(ds.train_images)
    X = prep.transform(ds.train_images)
    y = ds.train_labels

    t_lab, (w_lab, b_lab, costs_lab) = best_of(lambda: lab_optimize(X_lab, Y_lab), args.repeat)
    t_auto, auto = best_of(lambda: GradientDescent(0.005).fit(X, y, 2000), args.repeat)
    t_primal, primal = best_of(lambda: GradientDescent(0.005, solver="primal").fit(X, y, 2000), args.repeat)

    print(f"\n1. Gradient descent, 2000 iterations at α = 0.005 (best of {args.repeat}; "
          "lrviz's time includes its set-up, e.g. forming K = XXᵀ)")
    print(f"   the lab's formulation (float64, X (n, m), np.dot)   {1e3 * t_lab:8.1f} ms")
    for name, t, tr in ((f"lrviz GradientDescent() [{auto.solver_}, float32]", t_auto, auto),
                        ("lrviz GradientDescent(solver='primal') [float32]", t_primal, primal)):
        dj = np.abs(tr.history_.costs.values()[:2000] - costs_lab).max()
        dw = np.abs(tr.w_ - w_lab.ravel()).max()
        print(f"   {name:52s} {1e3 * t:8.1f} ms  {t_lab / t:6.1f}× faster   "
              f"max |ΔJ| {dj:.1e}  max |Δw| {dw:.1e}")
    speedup = t_lab / t_auto
    costs_equal = np.abs(auto.history_.costs.values()[:2000] - costs_lab).max() <= 1e-5

    # -- 2. the slice ----------------------------------------------------------------------------
    w0, b0 = auto.w_, auto.b_
    d = w0 / np.linalg.norm(w0)  # the direction w has moved (from w = 0), and b
    s_values = np.linspace(-1.5, 1.5, 101) * np.linalg.norm(w0)
    b_values = b0 + np.linspace(-2, 2, 101)
    times = []
    for _ in range(30):
        t = time.perf_counter()
        Xw, Xd = (X @ np.stack([w0, d], axis=1).astype(X.dtype)).astype(np.float64).T  # the one pass over X
        J = S.Plane(y, Xw, Xd, np.ones(len(y))).grid(s_values, b_values)  # z = Xw₀ + s·Xd + b
        times.append(time.perf_counter() - t)
    t_slice = statistics.median(times)

    X64 = X.astype(np.float64)

    def brute():
        out = np.empty((101, 101))
        for i, s in enumerate(s_values):
            w = w0 + s * d
            for j, b in enumerate(b_values):
                out[i, j] = losses.get("cross_entropy").cost(X64 @ w + b, y)  # one forward pass per grid point
        return out

    t_brute, J_brute = best_of(brute, 1)
    print("\n2. J(w, b) on a 101 × 101 slice through the trained point: the direction w has moved × b")
    print(f"   lrviz Plane.grid, its pass over X included (median of 30) {1e3 * t_slice:8.2f} ms "
          f"(min {1e3 * min(times):.2f}, max {1e3 * max(times):.2f})")
    print(f"   brute force, one forward pass per grid point        {1e3 * t_brute:8.1f} ms  "
          f"{t_brute / t_slice:6.0f}× slower   max |ΔJ| {np.abs(J - J_brute).max():.1e}")

    print("\nTargets:")
    print(f"   gradient descent ≥ 10× the lab's, costs equal to 1e-5: {speedup:.1f}×, "
          f"{'equal' if costs_equal else 'NOT equal'} → {'PASS' if speedup >= 10 and costs_equal else 'MISS'}")
    print(f"   slice ≤ 10 ms and ≥ 100× brute force: {1e3 * t_slice:.2f} ms, {t_brute / t_slice:.0f}× → "
          f"{'PASS' if t_slice <= 0.010 and t_brute / t_slice >= 100 else 'MISS'}")


if __name__ == "__main__":
    main()
