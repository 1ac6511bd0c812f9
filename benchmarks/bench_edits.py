"""A change to a large training set (Experiments / the Data panel): how long the window's thread is
held, against making the change's data on that thread as before, side by side in one run.

CIFAR-10-sized data (benchmarks/synthetic_cifar.py: 50,000 training and 10,000 test pictures of
32 × 32 × 3, generated into --dir) is loaded in a window (Qt's offscreen platform); then, --repeat
times, one change more (10 more labels flipped):
  * before: the edited set and its features for the training process (``edit`` and ``handoff``,
    ~740 MB of float32 written to shared memory) made on the window's thread;
  * now: ``DataEditing.apply``, the window's own action: the edited set on the window's thread, its
    features on a thread of their own (lrviz.training.edited.Handoffs);
and the time until the training process's first picture of the new run, for both.
Goal: the window's thread held ≤ 1/2 as long as before (a frame is 16 ms; a held thread is a frozen window).

Run: python benchmarks/bench_edits.py [--dir /tmp/lrviz-bench-cifar] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default="/tmp/lrviz-bench-cifar")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from synthetic_cifar import write
    folder = Path(args.dir)
    if not (folder / "test_batch.bin").exists():
        write(folder)

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from lrviz.core.edits import Flip
    from lrviz.training.edited import edit, handoff
    from lrviz.ui.main_window import MainWindow
    app = QApplication([])
    settings = QSettings(str(folder / "bench.ini"), QSettings.Format.IniFormat)
    settings.setValue("language", "en")
    window = MainWindow(settings=settings, source=str(folder))
    window.resize(1366, 768)
    window.show()
    s = window.session

    def pump_until(done, seconds=120.0):
        end = time.perf_counter() + seconds
        while not done() and time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.002)
        if not done():
            sys.exit("bench_edits: timed out")

    pump_until(lambda: s.current is not None)
    n = len(s.loaded.dataset.train_labels)
    cats = [i for i in range(n) if s.loaded.dataset.train_labels[i] == 1]
    before, now, first_before, first_now = [], [], [], []
    for k in range(args.repeat):
        flips = tuple(cats[10 * k:10 * k + 10])
        # before: made on the window's thread, then handed over as a load's data is
        edits = s.edits.then(Flip(flips))
        run = s.current.run
        t0 = time.perf_counter()
        made = handoff(s.loaded, edit(s.loaded, edits))
        s._loads += 1
        s.worker.set_data(made, tag=s._loads)
        s._sent = (s._loads, None)
        s.current = None
        before.append(time.perf_counter() - t0)
        pump_until(lambda r=run: s.current is not None and s.current.run != r)
        first_before.append(time.perf_counter() - t0)
        # now: the window's own action
        run = s.current.run
        t0 = time.perf_counter()
        assert window.editing.apply(Flip(flips))
        now.append(time.perf_counter() - t0)
        pump_until(lambda r=run: s.current is not None and s.current.run != r)
        first_now.append(time.perf_counter() - t0)
    window.close()

    def ms(values):
        return f"{1e3 * statistics.median(values):7.0f} ms (max {1e3 * max(values):.0f})"

    print(f"lrviz change-the-data benchmark · {n:,} training pictures of {s.loaded.dataset.image_shape} · "
          f"{os.cpu_count()} cores · median of {args.repeat}")
    print(f"   window's thread held, before (made there)   {ms(before)}")
    print(f"   window's thread held, now (DataEditing)     {ms(now)}   {statistics.median(before) / statistics.median(now):.1f}× shorter")
    print(f"   to the new run's first picture, before      {ms(first_before)}")
    print(f"   to the new run's first picture, now         {ms(first_now)}")
    ok = statistics.median(now) <= statistics.median(before) / 2
    print(f"Target: held ≤ 1/2 of before: {'PASS' if ok else 'MISS'}")


if __name__ == "__main__":
    main()
