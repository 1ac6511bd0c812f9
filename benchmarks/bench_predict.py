"""Prediction in the real window: drop → card for a 12-megapixel JPEG, and cards per second for
a folder of 1,000 photos, with the lateness of a 10 ms heartbeat on the UI thread meanwhile.
Targets: ≤ 100 ms per 12 MP JPEG; the window stays responsive (heartbeat ≤ 50 ms late).
The window has the built-in cats loaded, or with --cifar a synthetic set of CIFAR-10's size
(50,000 × 32 × 32 × 3, in its binary layout: benchmarks/synthetic_cifar.py), or --data.

Needs a display: xvfb-run -a -s "-screen 0 1600x1000x24 +extension GLX" python benchmarks/bench_predict.py
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image


def make_photo(path: Path, size: tuple[int, int], seed: int, texture: float = 0.08) -> None:
    """A photo-like JPEG: smooth colour regions plus fine texture and noise; ``texture`` sets how
    much detail (and so the file size, which drives decoding time)."""
    rng = np.random.default_rng(seed)
    w, h = size
    small = rng.integers(0, 256, (12, 16, 3), dtype=np.uint8)
    im = Image.fromarray(small).resize((w, h), Image.BICUBIC)
    noise = Image.effect_noise((w, h), 40).convert("RGB")
    Image.blend(im, noise, texture).save(path, quality=92)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="builtin:cats", help="what the window has loaded")
    ap.add_argument("--cifar", action="store_true", help="a synthetic set of CIFAR-10's size loaded instead")
    args = ap.parse_args()
    import lrviz.ui  # noqa: F401
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from lrviz.ui.frames import settle_objects as settle
    from lrviz.ui.main_window import MainWindow

    tmp = Path(tempfile.mkdtemp(prefix="lrviz-bench-"))
    big = tmp / "twelve_megapixels.jpg"
    make_photo(big, (4000, 3000), 0, texture=0.35)  # ~ a phone photo's file size
    folder = tmp / "thousand"
    folder.mkdir()
    t = time.perf_counter()
    for i in range(1000):
        make_photo(folder / f"{i:04d}.jpg", (800, 600), i)
    made = time.perf_counter() - t

    app = QApplication.instance() or QApplication(sys.argv)
    if args.cifar:
        from synthetic_cifar import write
        args.data = str(write(tmp / "cifar"))
    window = MainWindow(settings=QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat), source=args.data)
    window.show()
    while window.session.current is None:
        app.processEvents()
        time.sleep(0.005)
    settle()  # as the window does after each load
    panel = window.predict
    window.tabs.setCurrentWidget(panel)

    def until(condition, limit=120.0):
        """Wait in a real Qt event loop (idle between events, as the app is), checking every 1 ms;
        a busy processEvents() loop here held the GIL against the decoding thread."""
        start = time.perf_counter()
        loop, check = QEventLoop(), QTimer()
        check.setInterval(1)
        check.timeout.connect(lambda: (condition() or time.perf_counter() - start > limit) and loop.quit())
        check.start()
        loop.exec()
        check.stop()
        if not condition():
            raise TimeoutError
        return time.perf_counter() - start

    times = []
    for _ in range(7):
        panel.clear()
        app.processEvents()
        t = time.perf_counter()
        panel.add_paths([big])
        until(lambda: panel.mine.cards and panel.mine.cards[0].drawn)  # P(cat), bar and heat-map set
        panel.mine.cards[0].repaint()  # shown: painted on screen, not only created
        times.append(time.perf_counter() - t)
    panel.clear()
    app.processEvents()
    lateness, last = [], [None]

    def beat():
        now = time.perf_counter()
        if last[0] is not None:
            lateness.append(now - last[0] - 0.010)
        last[0] = now

    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(beat)
    heartbeat.start()
    t = time.perf_counter()
    panel.add_paths([folder])
    elapsed = until(lambda: len(panel.mine.cards) == 1000 and not panel.timer.isActive())
    heartbeat.stop()
    late = np.array(lateness) * 1e3
    good = sum(1 for c in panel.mine.cards if c.p is not None)
    loaded = len(window.session.loaded.dataset.train_labels)
    window.close()

    ms = np.array(times) * 1e3
    print(f"lrviz prediction benchmark · window with {args.data} ({loaded:,} "
          f"training images) · {Path(big).stat().st_size / 1e6:.1f} MB 4000×3000 JPEG; "
          f"1,000 JPEGs of 800×600 (made in {made:.1f} s)")
    print(f"   drop → card shown, 12 MP JPEG: median {statistics.median(ms):.1f} ms, "
          f"min {ms.min():.1f}, max {ms.max():.1f} (7 runs)")
    print(f"   folder of 1,000 photos: {elapsed:.2f} s → {1000 / elapsed:.0f} cards/s ({good} predicted)")
    print(f"      10 ms heartbeat meanwhile: {len(late)} beats, lateness median {statistics.median(late):.1f} ms, "
          f"99th pct {np.percentile(late, 99):.1f} ms, worst {late.max():.1f} ms")
    print("Targets:")
    print(f"   12 MP JPEG ≤ 100 ms: {statistics.median(ms):.1f} ms → {'PASS' if statistics.median(ms) <= 100 else 'MISS'}")
    print(f"   heartbeat during the 1,000-photo drop ≤ 50 ms: {late.max():.1f} ms → {'PASS' if late.max() <= 50 else 'MISS'}")


if __name__ == "__main__":
    main()
