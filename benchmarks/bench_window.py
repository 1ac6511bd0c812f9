"""The window stays responsive while training runs at full speed, and training keeps its speed.

Measures, in one run on the course data:
  * headless throughput: GradientDescent.step in a plain loop, the trainer the window trains (with
    its path kept for the bowl and, on small data, an evaluation every step: see
    lrviz.training.runs.window_options), in its own process with one BLAS
    thread as the window's training process has, just before and just after each windowed segment
    (training in the window is paused meanwhile);
  * with the window live (curves, weights, the 3-D bowl, readouts drawing at ~30 Hz): training
    throughput, the 3-D view's frames per second, and
    the lateness of a 10 ms QTimer heartbeat on the UI thread;
  * the same with the camera turning, with the Predict tab's test-set gallery in view, with the
    lesson's views in view (every example on its loss curve; the bowl seen from above), with the
    forward & backward graph, the Math dock and the squared-error bowl, and with five learning
    rates racing (one path and one curve each; camera turning). The bowl's 1-D pictures under it
    are live in every run.
Targets: worst heartbeat lateness ≤ 50 ms; windowed throughput ≥ 70 % of headless (the median of
the segments' ratios); the 3-D view ≥ 30 frames/s while its camera turns.

Needs a display: xvfb-run -a -s "-screen 0 1600x1000x24 +extension GLX" python benchmarks/bench_window.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "catvnoncat"


class Headless:
    """GradientDescent.step in a plain loop, in its own process with one BLAS thread as the window's
    training process has (lrviz.training.worker), so the rates compare like with like. The process stays,
    with the data loaded: a measurement of a second can sit between two windowed segments."""

    def __init__(self, data: str):
        env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
        self.proc = subprocess.Popen([sys.executable, __file__, "--headless", "--data", data], env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.proc.stdout.readline()  # "ready"

    def rate(self, seconds: float) -> float:
        self.proc.stdin.write(f"{seconds}\n")
        self.proc.stdin.flush()
        return float(self.proc.stdout.readline())

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait()


def _serve_headless(data: str) -> None:
    from lrviz.core import GradientDescent, Preprocessing
    from lrviz.io import load_dataset
    from lrviz.training.runs import window_options
    from lrviz.training.settings import default
    ds = load_dataset(data)
    prep = Preprocessing.fit(ds.train_images)
    X, X_test = prep.transform(ds.train_images), prep.transform(ds.test_images)
    # the trainer the window trains (its path for the bowl, an evaluation every step on data this small):
    # what is measured is what the window adds — drawing, snapshots, the bowl's work
    options = window_options(X, X_test, 1, default("stop_at"))  # as at a load: 'Stop at' as it starts
    print("ready", flush=True)
    for line in sys.stdin:
        trainer = GradientDescent(0.005, **options).start(X, ds.train_labels, X_test, ds.test_labels, n_iter=2000)
        seconds = float(line)
        start = time.perf_counter()
        while time.perf_counter() - start < seconds:
            trainer.step(200)
        print(trainer.n_iter_ / (time.perf_counter() - start), flush=True)


def windowed(data: str, headless: Headless, rounds: int, seconds: float, headless_seconds: float, orbit: bool = False, gallery: bool = False,
             lesson: bool = False, graph: bool = False, race: bool = False) -> tuple[list, list[float], float, float]:
    """Train at full speed with the window live, in ``rounds`` segments of ``seconds``, each between two
    headless measurements (training paused meanwhile); with ``orbit``, also turn the 3-D view's camera
    continuously (as a user dragging it), asking for a frame every 16 ms; with ``gallery``, show the
    Predict tab's test-set gallery (its cards follow the model) instead of the curves."""
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    import lrviz.ui  # noqa: F401  (binding choice before pyqtgraph)
    from lrviz.training.commands import Pause, Play
    from lrviz.ui.main_window import MainWindow
    app = QApplication.instance() or QApplication(sys.argv)
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "bench.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, source=data)
    window.show()
    while window.session.current is None:
        app.processEvents()
        time.sleep(0.005)
    window.training.stop_at.setValue(10_000_000)
    window.training.speed.setCurrentIndex(0)  # as fast as possible (the default is a watchable pace)
    if lesson:  # every example's dot moving on its loss curve, and the bowl's contour map
        window.tabs.setCurrentWidget(window.losscost)
        window.bowl.tabs.setCurrentWidget(window.bowl.contour)
    if graph:  # one example through the neuron, the Math dock's formulas, the squared-error bowl
        window.tabs.setCurrentWidget(window.graph)
        window.docks["math"].raise_()
        window.bowl.surface.setCurrentIndex(window.bowl.surface.findData("squared_error"))
    if race:  # five learning rates racing: one path and one curve each
        window.race.rates.setText("0.01, 0.005, 0.001, 0.0005, 0.0001")
        window.race.start.setChecked(True)
        while window.session.current.race is None:
            app.processEvents()
            time.sleep(0.005)
    if gallery:
        window.tabs.setCurrentWidget(window.predict)
        window.predict.tabs.setCurrentWidget(window.predict.gallery)
    lateness: list[float] = []
    state = {"last": None, "t0": None, "it0": 0, "frames": 0, "gl_frames": 0, "active": False, "time": 0.0}
    segments: list[tuple[float, float, float]] = []  # (headless before, windowed, headless after) it/s

    def beat():
        now = time.perf_counter()
        if state["last"] is not None:
            lateness.append(now - state["last"] - 0.010)
        state["last"] = now

    def count(key):
        if state["active"]:
            state[key] += 1

    window.session.snapshot.connect(lambda _snapshot: count("frames"))
    if window.bowl.is_3d:
        window.bowl.scene3d.frameSwapped.connect(lambda: count("gl_frames"))
    spinner = QTimer()
    spinner.setInterval(16)
    if orbit and window.bowl.is_3d:
        spinner.timeout.connect(lambda: window.bowl.scene3d.orbit(1.5, 0))
    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(beat)
    settle = QTimer()
    settle.setInterval(5)
    state["before"] = headless.rate(headless_seconds)

    def start():
        state["last"], state["active"] = None, True  # the heartbeat counts from here
        state["t0"] = time.perf_counter()
        state["it0"] = window.session.current.iteration
        window.session.send(Play())
        heartbeat.start()
        spinner.start()
        QTimer.singleShot(int(seconds * 1000), stop)

    def stop():
        window.session.send(Pause())
        state["elapsed"] = time.perf_counter() - state["t0"]
        heartbeat.stop()
        spinner.stop()
        state["active"] = False
        state["time"] += state["elapsed"]
        settle.start()

    def settled():  # the paused state has arrived: the last iteration counted
        if window.session.running:
            return
        settle.stop()
        rate = (window.session.current.iteration - state["it0"]) / state["elapsed"]
        after = headless.rate(headless_seconds)
        segments.append((state["before"], rate, after))
        state["before"] = after
        if len(segments) < rounds:
            QTimer.singleShot(200, start)
        else:
            window.close()
            app.quit()

    settle.timeout.connect(settled)
    QTimer.singleShot(1000, start)  # warm-up: the first frames compile shaders and upload buffers
    app.exec()
    fps = state["frames"] / state["time"]
    gl_fps = state["gl_frames"] / state["time"] if window.bowl.is_3d else float("nan")
    return segments, lateness, fps, gl_fps


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--seconds", type=float, default=2.0, help="seconds of each windowed segment")
    ap.add_argument("--rounds", type=int, default=5, help="windowed segments per case")
    ap.add_argument("--cifar", action="store_true",
                    help="CIFAR-10's size instead: a synthetic 50,000 × 32 × 32 × 3 set in its binary layout")
    ap.add_argument("--cases", default="", help="only the cases whose name contains this")
    ap.add_argument("--headless", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.headless:
        _serve_headless(args.data)
        return
    if args.cifar:
        from synthetic_cifar import write
        args.data = str(write(tempfile.mkdtemp(prefix="lrviz-cifar-")))

    # this machine's speed drifts by ±30 % within seconds (other tenants): each case trains in short
    # windowed segments, each compared with headless measurements just before and just after it;
    # the throughput figure is the median of the segments' ratios
    cases = {"window live": {},
             "window live, 3-D camera turning": {"orbit": True},
             "window live, Predict gallery in view": {"gallery": True},
             "window live, loss-vs-cost and bowl-from-above in view": {"lesson": True},
             "window live, forward & backward, Math, squared-error bowl": {"graph": True},
             "window live, 5 learning rates racing, 3-D camera turning": {"race": True, "orbit": True}}
    cases = {name: options for name, options in cases.items() if args.cases in name}
    headless = Headless(args.data)
    runs = {name: windowed(args.data, headless, args.rounds, args.seconds, args.seconds / 2, **options)
            for name, options in cases.items()}
    headless.close()
    print(f"lrviz window benchmark · {args.data} · training at full speed, {args.rounds} segments of "
          f"{args.seconds:g} s per case, each between headless runs of {args.seconds / 2:g} s")
    for name, (segments, lateness, fps, gl_fps) in runs.items():
        runs_k = 5 if cases[name].get("race") else 1  # five runs a race iteration: count every run's steps
        shares = [runs_k * rate / ((before + after) / 2) for before, rate, after in segments]
        late_ms = np.array(lateness) * 1e3
        unit = "race iterations/s (× 5 runs)" if runs_k > 1 else "it/s"
        print(f"   {name}:")
        print("      segments (headless before → windowed → headless after, " + unit + "): " + "; ".join(
            f"{before:,.0f} → {rate:,.0f} → {after:,.0f} = {100 * share:.0f} %"
            for (before, rate, after), share in zip(segments, shares, strict=True)))
        share = statistics.median(shares)
        print(f"      training {100 * share:.0f} % of headless (median of segments); {fps:.1f} snapshots/s drawn; "
              f"3-D bowl view {gl_fps:.1f} frames/s")
        print(f"      10 ms heartbeat: {len(late_ms)} beats, lateness median {np.median(late_ms):.1f} ms, "
              f"99th pct {np.percentile(late_ms, 99):.1f} ms, worst {late_ms.max():.1f} ms")
        verdict = [f"heartbeat ≤ 50 ms {'PASS' if late_ms.max() <= 50 else 'MISS'}",
                   f"throughput ≥ 70 % {'PASS' if share >= 0.70 else 'MISS'}"]
        if "turning" in name:  # the 3-D view is asked for a frame every 16 ms
            verdict.insert(0, f"3-D ≥ 30 frames/s {'PASS' if gl_fps >= 30 else 'MISS'}")
        print(f"      targets: {'; '.join(verdict)}")

if __name__ == "__main__":
    main()
