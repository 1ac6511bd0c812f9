"""How long the window's training process takes to start: from TrainingWorker() to its first
snapshot of builtin:toy (data this small makes the process's own start, imports included, nearly
all of it), in a fresh interpreter each time that has imported PySide6 first, as the window's
process has. The training process is spawned (never forked), so it imports what its module
imports, and nothing the window's process already had.

Before issue 23 the training process's modules lived in lrviz.ui, whose __init__ imports PySide6;
tests/test_architecture.py checks that none of Qt is loaded there now.

Run: python benchmarks/bench_process_start.py [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def first_snapshot_seconds() -> float:
    import PySide6.QtCore  # noqa: F401  (the window's process has Qt; the training process must not pay for it)

    from lrviz.core import Preprocessing, builtin
    from lrviz.training.handoff import Handoff
    from lrviz.training.settings import Settings
    from lrviz.training.worker import TrainingWorker
    ds = builtin.toy()
    p = Preprocessing.fit(ds.train_images, ds.scale)
    handoff = Handoff((p.transform(ds.train_images), ds.train_labels, p.transform(ds.test_images), ds.test_labels))
    began = time.perf_counter()
    worker = TrainingWorker(Settings().process_settings())
    worker.set_data(handoff, tag=1)
    while worker.latest()[1] is None:
        if time.perf_counter() - began > 60:
            raise SystemExit("no snapshot in 60 s")
        time.sleep(0.001)
    seconds = time.perf_counter() - began
    worker.stop()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # a single start, in this process
    args = parser.parse_args()
    if args.one:
        print(first_snapshot_seconds())
        return
    times = [float(subprocess.run([sys.executable, __file__, "--one"], capture_output=True, text=True, check=True)
                   .stdout) for _ in range(args.runs)]
    imports = subprocess.run([sys.executable, "-X", "importtime", "-c", "import lrviz.training.process"],
                             capture_output=True, text=True, check=True).stderr.strip().splitlines()[-1]
    print(f"first snapshot after {statistics.median(times) * 1000:.0f} ms (median of {args.runs} fresh starts; "
          f"min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})")
    print(f"the training process's imports: {int(imports.split('|')[1]) / 1000:.0f} ms (python -X importtime)")


if __name__ == "__main__":
    main()
