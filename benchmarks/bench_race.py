"""Several learning rates racing: k runs trained together against k single runs and the lab's loop.

On the course's data, 2000 iterations for k = 3 (the lab's 0.01, 0.001, 0.0001) and k = 5 rates,
measured side by side in one run (best of --repeat, the contenders taken in turn in every round):
  * lrviz's Race (the k runs' parameters as one matrix: a matrix-matrix product per iteration);
  * k separate GradientDescent runs, one after the other;
  * the lab's own loop (its propagate/optimize, float64, X as (n, m)), once per rate, as its last
    cell does;
  * one single GradientDescent run (the yardstick of the goal).
Goal: k runs together cost ≤ 1.5× one run. The same comparison (without the lab's loop) on a
larger synthetic set, m = 2,000 × n = 12,288 (float32, 200 iterations), where the products over X
dominate an iteration instead of the per-example arithmetic.

Run: python benchmarks/bench_race.py [--data ../shared/datasets/catvnoncat] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from bench_engine import DEFAULT_DATA, best_of, lab_optimize

from lrviz.core import GradientDescent, Preprocessing
from lrviz.core.race import Race
from lrviz.io import load_dataset

RATES = {3: [0.01, 0.001, 0.0001], 5: [0.01, 0.005, 0.001, 0.0005, 0.0001]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--iters", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    ds = load_dataset(args.data)
    prep = Preprocessing.fit(ds.train_images)
    X, y = prep.transform(ds.train_images), ds.train_labels
    m = len(y)
    X_lab, Y_lab = ds.train_images.reshape(m, -1).T / 255.0, y.reshape(1, m)
    n = args.iters

    print(f"lrviz race benchmark · {args.data} · m = {m}, n = {X.shape[1]:,} · {n} iterations, best of {args.repeat}")
    compare(X, y, n, args.repeat, lab=(X_lab, Y_lab))
    rng = np.random.default_rng(0)
    Xs = rng.random((2000, 12288), dtype=np.float32)
    ys = (Xs[:, :100].mean(axis=1) > 0.5).astype(np.float64)
    print(f"synthetic · m = 2,000, n = 12,288 (float32) · 200 iterations, best of {args.repeat}")
    compare(Xs, ys, 200, args.repeat)


def best_of_each(fns: dict, repeat: int) -> dict:
    """Best time and result of each function, the functions taken in turn in every round: a busy
    spell of the machine then slows all of them, not only the one measured during it."""
    best = {name: (float("inf"), None) for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            t = time.perf_counter()
            result = fn()
            best[name] = min(best[name], (time.perf_counter() - t, result), key=lambda pair: pair[0])
    return best


def compare(X, y, n: int, repeat: int, lab=None) -> None:
    fns = {"one": lambda: GradientDescent(0.005).fit(X, y, n)}
    for k, rates in RATES.items():
        fns[f"race {k}"] = lambda rates=rates: Race(rates).fit(X, y, n)
        fns[f"alone {k}"] = lambda rates=rates: [GradientDescent(lr).fit(X, y, n) for lr in rates]
    best = best_of_each(fns, repeat)
    t_one, one = best["one"]
    print(f"   one GradientDescent run ({one.solver_} form)            {1e3 * t_one:8.1f} ms")
    for k, rates in RATES.items():
        (t_race, race), (t_sep, alone) = best[f"race {k}"], best[f"alone {k}"]
        gap = max(float(np.abs(r.w_ - a.w_).max()) for r, a in zip(race.runs_, alone, strict=True))
        print(f"   k = {k} rates {', '.join(f'{lr:g}' for lr in rates)}:")
        print(f"      Race, together                            {1e3 * t_race:8.1f} ms = {t_race / t_one:4.2f}× one run")
        print(f"      {k} GradientDescent runs, one by one        {1e3 * t_sep:8.1f} ms = {t_sep / t_race:4.2f}× the race")
        if lab is not None:
            t_lab, labs = best_of(lambda rates=rates: [lab_optimize(*lab, n, lr) for lr in rates], 1)
            lab_gap = max(float(np.abs(r.w_ - w.ravel()).max()) for r, (w, _, _) in zip(race.runs_, labs, strict=True))
            print(f"      the lab's loop, once per rate             {1e3 * t_lab:8.1f} ms = {t_lab / t_race:4.1f}× the race")
            print(f"      final w: race vs alone max |Δ| {gap:.1e}; race vs the lab's (float64) {lab_gap:.1e}")
        else:
            print(f"      final w: race vs alone max |Δ| {gap:.1e}")
        print(f"      goal: k runs together ≤ 1.5× one run: {'PASS' if t_race <= 1.5 * t_one else 'MISS'}")


if __name__ == "__main__":
    main()
