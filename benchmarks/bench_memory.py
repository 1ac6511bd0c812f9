"""Does "lrviz loads at most N GB" hold for the whole app? The size check's figure beside the
measured peak, for the command line and for the window (issue 26).

Makes an HDF5 file of ``--images`` pictures of 64×64×3 (30,000 by default: 369 MB as uint8, well
under 1 MB on disk, as the pictures compress well), then:
  * the command line: ``lrviz train --data FILE --iters 30``;
  * the window: ``lrviz FILE`` as a script would open it, for ``--seconds``: once loaded it shows
    every tab (loss vs cost, forward & backward, the loops timed, the Predict tab's gallery),
    trains at full speed, scrubs the history, and closes.
Each runs in a process of its own; the peak is the largest sum of proportional set sizes (PSS,
/proc/PID/smaps_rollup) over the process and all its descendants (the training process, the
resource tracker), sampled every ``--every`` seconds: shared memory counts once, however many
processes map it. The app on ``builtin:cats`` (a few MB of data) gives the fixed overhead.

Needs a display for the window:
    xvfb-run -a -s "-screen 0 1600x1000x24 +extension GLX +render" python benchmarks/bench_memory.py
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np


def pss_bytes(pid: int) -> int:
    """The process's proportional set size (0 if it has gone)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def hwm_bytes(pid: int) -> int:
    """The process's peak resident set size so far (VmHWM; 0 if it has gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return "?"


def descendants(root: int) -> list[int]:
    """``root`` and every process below it, from /proc's parent links."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, ()))
    return out


class TreeSampler:
    """Samples the summed PSS of a process tree every ``every`` seconds, in a thread, until stopped."""

    def __init__(self, pid: int, every: float, trace: bool = False):
        self.pid, self.every, self.trace = pid, every, trace
        self.peak, self.peak_at, self.samples, self.processes = 0, 0.0, 0, 1
        self.at_peak: list[tuple[int, int]] = []  # (pid, PSS) of each process at the peak
        self.hwm: dict[int, int] = {}
        self._printed = -1
        self._stop = threading.Event()
        self._began = time.perf_counter()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            # children before their parents: a page the training process maps while the tree is being
            # read (or a fork's) is then counted at most once; parents first counted it twice (+0.3 GB)
            pids = descendants(self.pid)[::-1]
            each = [(p, pss_bytes(p)) for p in pids]
            for p in pids:  # the kernel's own high-water mark of each (RSS: shared pages in full)
                self.hwm[p] = max(self.hwm.get(p, 0), hwm_bytes(p))
            total = sum(b for _, b in each)
            self.samples += 1
            now = time.perf_counter() - self._began
            if total > self.peak:
                self.peak, self.peak_at, self.processes, self.at_peak = total, now, len(pids), each
            if self.trace and int(now * 5) > self._printed:  # five lines a second
                self._printed = int(now * 5)
                print(f"      {now:5.1f} s  {total / 1e6:7.0f} MB = " + " + ".join(f"{b / 1e6:.0f}" for _, b in each),
                      flush=True)
            self._stop.wait(self.every)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def make_h5(path: Path, images: int, side: int = 64) -> None:
    """``images`` pictures of side×side×3 that compress well (a smooth pattern, shifted per image),
    labels alternating: one ``train_set_x`` (so lrviz splits it 80/20, as a one-file set is)."""
    import h5py
    rows = np.arange(side, dtype=np.int64)[:, None, None]
    cols = np.arange(side, dtype=np.int64)[None, :, None]
    chan = np.arange(3, dtype=np.int64)[None, None, :]
    with h5py.File(path, "w") as f:
        x = f.create_dataset("train_set_x", (images, side, side, 3), np.uint8, chunks=(256, side, side, 3),
                             compression="gzip", compression_opts=9)
        for a in range(0, images, 256):
            k = np.arange(a, min(a + 256, images), dtype=np.int64)[:, None, None, None]
            x[a:a + len(k)] = ((rows + 2 * cols + 40 * chan + (k % 16) * 8) % 256).astype(np.uint8)
        f.create_dataset("train_set_y", data=(np.arange(images) % 2).astype(np.int64))
        f.create_dataset("list_classes", data=[b"non-cat", b"cat"])


def check_figure(path: Path) -> tuple[int, str]:
    """The size check's figure for this file: its bytes (as lrviz.io.h5 counts them: what the app
    needs for the images, and the labels as stored), and the words it says them in."""
    import h5py

    from lrviz.core.errors import DataError
    from lrviz.io import load_dataset
    from lrviz.io.budget import needed_bytes
    with h5py.File(path, "r") as f:
        x, y = f["train_set_x"], f["train_set_y"]
        figure = needed_bytes(x.shape[0], x.shape[1:]) + y.size * y.dtype.itemsize
    try:
        load_dataset(str(path), budget=1)
    except DataError as e:
        said = str(e).split(" in memory")[0].split(": ")[-1].strip()
    else:
        said = "?"
    return figure, said


def measure(cmd: list[str], every: float, env: dict | None = None, timeout: float = 600,
            trace: bool = False) -> tuple[int, float, int, int]:
    """(peak PSS of the tree, seconds in when it peaked, processes then, exit status) of ``cmd``."""
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL)
    sampler = TreeSampler(proc.pid, every, trace)
    try:
        code = proc.wait(timeout)
    finally:
        peak = sampler.stop()
    if trace:
        print("      each process's own peak RSS (VmHWM): " + ", ".join(f"{b / 1e6:.0f} MB" for b in sampler.hwm.values()))
        print("      at the peak: " + ", ".join(f"{name(p)} {b / 1e6:.0f} MB" for p, b in sampler.at_peak))
    return peak, sampler.peak_at, sampler.processes, code


def window_driver(source: str, seconds: float) -> None:
    """The window as a script opens it: every tab shown, training at full speed, history scrubbed."""
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    import lrviz.ui  # noqa: F401  (binding choice before pyqtgraph)
    from lrviz.training.commands import TimeWays
    from lrviz.ui.main_window import MainWindow
    app = QApplication.instance() or QApplication(sys.argv)
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "memory.ini"), QSettings.Format.IniFormat)
    settings.setValue("language", "en")
    window = MainWindow(settings=settings, source=source)
    window.show()
    began = time.perf_counter()
    steps = iter([
        lambda: window.tabs.setCurrentWidget(window.losscost),
        lambda: window.tabs.setCurrentWidget(window.graph),
        lambda: (window.tabs.setCurrentWidget(window.loops), window.session.send(TimeWays())),
        lambda: (window.tabs.setCurrentWidget(window.predict), window.predict.tabs.setCurrentIndex(1)),
        lambda: (window.training.speed.setCurrentIndex(0), window.training.stop_at.setValue(10**7),
                 window.toggle_play()),
        lambda: window.tabs.setCurrentWidget(window.losscost),
        lambda: window.session.view_iteration(max(window.session.current.iteration // 2, 0)),
        lambda: window.session.view_iteration(None),
        lambda: window.tabs.setCurrentWidget(window.curves),
    ])

    def tick():
        if time.perf_counter() - began > seconds:
            window.close()
            app.quit()
        elif window.session.current is not None:
            step = next(steps, None)
            if step is not None:
                step()

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(2000)
    app.exec()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--images", type=int, default=30_000)
    ap.add_argument("--seconds", type=float, default=40.0, help="how long the window stays open")
    ap.add_argument("--every", type=float, default=0.05, help="seconds between samples")
    ap.add_argument("--only", choices=("cli", "window"), help="measure one of the two")
    ap.add_argument("--trace", action="store_true", help="print each process's PSS once a second")
    ap.add_argument("--window-driver", nargs=2, metavar=("SOURCE", "SECONDS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.window_driver:
        window_driver(args.window_driver[0], float(args.window_driver[1]))
        return
    lrviz = [sys.executable, "-m", "lrviz"]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.h5"
        made = time.perf_counter()
        make_h5(path, args.images)
        figure, said = check_figure(path)
        print(f"lrviz memory · {args.images:,} images of 64×64×3 in {path.stat().st_size / 1e6:.1f} MB of HDF5 "
              f"(made in {time.perf_counter() - made:.0f} s)")
        print(f"   the size check: {said} ({figure / 1e9:.3f} GB)")
        print("   peak = the largest sum of PSS over the process tree, sampled every "
              f"{args.every * 1000:.0f} ms")
        env = dict(os.environ, LRVIZ_MAX_MEMORY_GB="100")  # the check's own figure, whatever this machine's budget
        rows = []
        if args.only in (None, "cli"):
            for name, data in (("cli, builtin:cats", "builtin:cats"), ("cli", str(path))):
                rows.append((name, data, *measure([*lrviz, "train", "--data", data, "--iters", "30",
                                                   "--print-every", "10"], args.every, env, trace=args.trace)))
        if args.only in (None, "window"):
            if not os.environ.get("DISPLAY"):
                sys.exit("the window needs a display: run under xvfb-run (see --help)")
            for name, data, seconds in (("window, builtin:cats", "builtin:cats", min(args.seconds, 20.0)),
                                        ("window", str(path), args.seconds)):
                cmd = [sys.executable, __file__, "--window-driver", data, str(seconds)]
                rows.append((name, data, *measure(cmd, args.every, env, trace=args.trace)))
        from lrviz.io.budget import APP_OVERHEAD
        print(f"   the promise: the app's processes together take at most the check's figure + "
              f"{APP_OVERHEAD / 1e9:.1f} GB (lrviz.io.budget.APP_OVERHEAD)")
        for name, data, peak, at, procs, code in rows:
            line = f"   {name:22s} peak {peak / 1e9:6.3f} GB at {at:5.1f} s over {procs} processes (exit {code})"
            if data != "builtin:cats":
                over = peak - figure
                line += (f"; check {figure / 1e9:.3f} GB: {peak / figure:.2f}× it, {over / 1e6:+.0f} MB "
                         f"{'PASS' if over <= APP_OVERHEAD and code == 0 else 'MISS'}")
            print(line, flush=True)

if __name__ == "__main__":
    main()
