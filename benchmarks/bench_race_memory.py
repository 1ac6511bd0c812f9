"""A race of learning rates keeps its memory flat, as a single run does (issue 26).

For each N in ``--iters`` (0.1 M and 0.8 M by default), each in a fresh process:
  * the command line: ``lrviz train --data DATA --lr 0.01 0.001 --iters N`` (one step(N) call), and the
    same with one rate;
  * the window's training process (lrviz.training.process, driven through TrainingWorker as the
    window drives it, no window needed): the same race at full speed until iteration N, and one run.
Prints each process's peak resident memory (the kernel's high-water mark: ru_maxrss, VmHWM) and the
growth per million iterations between the two N. Goal: < 10 MB per million iterations.

    python benchmarks/bench_race_memory.py [--data builtin:toy] [--iters 100000 800000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

GOAL_MB_PER_MILLION = 10.0
RATES = ("0.01", "0.001")


def cli_peak_mb(data: str, rates: tuple[str, ...], iters: int) -> float:
    """Peak RSS of `lrviz train` (ru_maxrss of the finished child)."""
    proc = subprocess.Popen([sys.executable, "-m", "lrviz", "train", "--data", data, "--lr", *rates,
                             "--iters", str(iters), "--print-every", str(10**9)], stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"lrviz train failed with status {proc.returncode}")
    return usage.ru_maxrss / 1024


def hwm_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def process_peak_mb(data: str, rates: tuple[str, ...], iters: int) -> tuple[float, float]:
    """(peak RSS of the window's training process training to ``iters``, seconds it took)."""
    from lrviz.core import Preprocessing
    from lrviz.io import load_dataset
    from lrviz.training.commands import Play, RaceRates
    from lrviz.training.handoff import Handoff
    from lrviz.training.settings import Settings
    from lrviz.training.worker import TrainingWorker
    ds = load_dataset(data)
    prep = Preprocessing.fit(ds.train_images, ds.scale)
    worker = TrainingWorker(Settings(learning_rate=float(rates[0]), speed=None, stop_at=iters).process_settings())
    try:
        worker.set_data(Handoff((prep.transform(ds.train_images), ds.train_labels, prep.transform(ds.test_images),
                                 ds.test_labels)), tag=1)
        worker.send(RaceRates(tuple(float(r) for r in rates) if len(rates) > 1 else None))
        while (snap := worker.latest()[1]) is None:
            time.sleep(0.05)
        began = time.perf_counter()
        worker.send(Play())
        while (snap := worker.latest()[1]).iteration < iters or snap.running:
            time.sleep(0.1)
        return hwm_mb(worker._process.pid), time.perf_counter() - began
    finally:
        worker.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="builtin:toy")
    ap.add_argument("--iters", type=int, nargs=2, default=[100_000, 800_000])
    ap.add_argument("--only", choices=("cli", "process"))
    ap.add_argument("--process", nargs="+", help=argparse.SUPPRESS)  # one training process's case, in a fresh process
    args = ap.parse_args()
    if args.process:
        peak, took = process_peak_mb(args.data, tuple(args.process[1:]), int(args.process[0]))
        print(peak, took)
        return
    lo, hi = args.iters
    print(f"lrviz race memory · {args.data} · peak resident memory at {lo:,} and {hi:,} iterations, "
          f"each in a fresh process")
    for where in ("cli", "process"):
        if args.only not in (None, where):
            continue
        for rates in (RATES, RATES[:1]):
            peaks = []
            for n in (lo, hi):
                began = time.perf_counter()
                if where == "cli":
                    peaks.append(cli_peak_mb(args.data, rates, n))
                else:  # a fresh process: its own high-water mark
                    out = subprocess.run([sys.executable, __file__, "--data", args.data, "--process", str(n), *rates],
                                         capture_output=True, text=True, check=True).stdout.split()
                    peaks.append(float(out[0]))
                took = time.perf_counter() - began
                print(f"      {where:8s} α = {' '.join(rates):12s} {n:>9,} it: peak {peaks[-1]:7.1f} MB "
                      f"({took:.0f} s)", flush=True)
            growth = (peaks[1] - peaks[0]) / ((hi - lo) / 1e6)
            name = "window's training process" if where == "process" else "lrviz train"
            print(f"   {name}, {'race' if len(rates) > 1 else 'one run'}: {peaks[0]:.1f} → {peaks[1]:.1f} MB, "
                  f"{growth:+.2f} MB per million iterations  "
                  f"{'PASS' if growth < GOAL_MB_PER_MILLION else 'MISS'} (goal < {GOAL_MB_PER_MILLION:g})",
                  flush=True)


if __name__ == "__main__":
    main()
