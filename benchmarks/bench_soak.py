"""Memory stays flat however long training runs (issue 9): a soak at full speed, headless and in the
window, printing the resident memory (RSS) of every process every few seconds.

Measures, in one run (the course data by default):
  * headless: GradientDescent.step in a loop in this process, for N million iterations;
  * the window: training at full speed with every panel live, for N million iterations, RSS of the
    window's process and of its training process.
Each part prints its samples, then the growth per million iterations after warm-up (a robust slope
over the samples after the first fifth). Goal: < 10 MB per million iterations in every process.

Needs a display for the window part:
    xvfb-run -a -s "-screen 0 1600x1000x24 +extension GLX" python benchmarks/bench_soak.py --millions 2
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "catvnoncat"
GOAL_MB_PER_MILLION = 10.0


def rss_mb(pid: int | str = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def growth_per_million(samples: list[tuple[int, float]]) -> float:
    """MB per million iterations after the first fifth (warm-up): the Theil–Sen slope (the median of
    the slopes between every two samples), which one sample taken mid-refit cannot swing."""
    it = np.array([s[0] for s in samples], dtype=float)
    mb = np.array([s[1] for s in samples])
    keep = it >= it[-1] / 5
    it, mb = it[keep] / 1e6, mb[keep]
    i, j = np.triu_indices(len(it), 1)
    ok = it[j] > it[i]
    return float(np.median((mb[j] - mb[i])[ok] / (it[j] - it[i])[ok])) if ok.any() else float("nan")


def headless(data: str, iterations: int, every: float) -> list[tuple[int, float]]:
    from lrviz.core import GradientDescent, Preprocessing
    from lrviz.io import load_dataset
    ds = load_dataset(data)
    prep = Preprocessing.fit(ds.train_images)
    trainer = GradientDescent(0.005).start(prep.transform(ds.train_images), ds.train_labels,
                                           prep.transform(ds.test_images), ds.test_labels)
    samples = [(0, rss_mb())]
    last = time.perf_counter()
    while trainer.n_iter_ < iterations:
        trainer.step(min(500, iterations - trainer.n_iter_))
        if time.perf_counter() - last >= every:
            last = time.perf_counter()
            samples.append((trainer.n_iter_, rss_mb()))
            print(f"      headless  {trainer.n_iter_:>11,} it   RSS {samples[-1][1]:7.1f} MB", flush=True)
    samples.append((trainer.n_iter_, rss_mb()))
    return samples


def windowed(data: str, iterations: int, every: float) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    import lrviz.ui  # noqa: F401  (binding choice before pyqtgraph)
    from lrviz.ui.main_window import MainWindow
    app = QApplication.instance() or QApplication(sys.argv)
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "soak.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, source=data)
    window.show()
    while window.session.current is None:
        app.processEvents()
        time.sleep(0.005)
    pid = window.session.worker._process.pid
    ui, trainer = [], []

    def sample():
        it = window.session.current.iteration
        ui.append((it, rss_mb()))
        trainer.append((it, rss_mb(pid)))
        print(f"      window    {it:>11,} it   RSS window {ui[-1][1]:7.1f} MB, training process "
              f"{trainer[-1][1]:7.1f} MB", flush=True)
        if it >= iterations or (len(ui) > 2 and not window.session.current.running):  # done, or diverged
            timer.stop()
            window.close()
            app.quit()

    timer = QTimer()
    timer.setInterval(int(every * 1000))
    timer.timeout.connect(sample)

    def start():
        window.training.stop_at.setValue(iterations)
        window.training.speed.setCurrentIndex(0)  # as fast as possible (the default is a watchable pace)
        window.toggle_play()
        sample()
        timer.start()

    QTimer.singleShot(1000, start)
    app.exec()
    return ui, trainer


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--millions", type=float, default=2.0, help="iterations per part, in millions")
    ap.add_argument("--every", type=float, default=5.0, help="seconds between samples")
    args = ap.parse_args()
    n = int(args.millions * 1e6)
    print(f"lrviz soak · {args.data} · {n:,} iterations per part at full speed", flush=True)
    t0 = time.perf_counter()
    head = headless(args.data, n, args.every)
    head_s = time.perf_counter() - t0
    ui, trainer = windowed(args.data, n, args.every)
    print("   growth after warm-up (MB per million iterations; goal < "
          f"{GOAL_MB_PER_MILLION:g}):")
    for name, samples in (("headless trainer", head), ("window process", ui), ("training process", trainer)):
        g = growth_per_million(samples)
        print(f"      {name:18s} {samples[0][1]:7.1f} → {samples[-1][1]:7.1f} MB over {samples[-1][0]:>11,} it: "
              f"{g:+6.2f} MB/M  {'PASS' if g < GOAL_MB_PER_MILLION else 'MISS'}")
    print(f"   headless took {head_s:.0f} s ({n / head_s:,.0f} it/s)")


if __name__ == "__main__":
    main()
