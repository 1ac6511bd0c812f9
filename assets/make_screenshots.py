"""Make the README's screenshots (and any other view) from the real window.

    xvfb-run -a -s "-screen 0 1600x1000x24 +extension GLX +render" python assets/make_screenshots.py \
        --data builtin:toy --lr 1 --iters 25 --out /tmp/toy.png [--size 1600x1000] [--panel bowl]

Opens the window on DATA, sets α, trains to ITERS (at full speed), waits for the views to settle and
saves the whole window (or one panel) as PNG.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    from lrviz.core import losses  # numpy only: Qt is imported later, once the platform is set

    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="builtin:cats")
    ap.add_argument("--lr", type=float, default=None)
    ap.add_argument("--iters", type=int, default=0)
    ap.add_argument("--out", required=True)
    ap.add_argument("--size", default="1600x1000")
    ap.add_argument("--panel", default="window", help="window, bowl, curves, training, weights, math, predict")
    ap.add_argument("--tab", default=None, help="the bowl's tab to show: 3d or above")
    ap.add_argument("--central", default=None, help="the central tab: curves, losscost, graph, loops, predict")
    ap.add_argument("--settle", type=float, default=1.5)
    ap.add_argument("--loss", default=None, choices=losses.names(), help="train on this loss")
    ap.add_argument("--surface", default=None, choices=losses.names(), help="the bowl draws J with this loss")
    ap.add_argument("--dock", default=None, help="bring this left dock forward: lesson, data, weights, math")
    ap.add_argument("--race", default=None, help="race these learning rates, e.g. '0.01, 0.001, 0.0001'")
    ap.add_argument("--branch", default=None, metavar="K:ALPHA", help="after training: scrub back to iteration K, "
                    "set α = ALPHA and press Play (a branch from K), e.g. '100:0.001'")
    ap.add_argument("--hint", action="store_true", help="show the first-start hint")
    ap.add_argument("--language", default="en", help="the window's language: en or zh_CN")
    ap.add_argument("--photos", nargs="*", default=None, help="image files to drop on the Predict tab")
    ap.add_argument("--leave-out", nargs="*", type=int, default=None, help="training examples to untick (Data panel)")
    ap.add_argument("--add-photos", nargs="*", default=None, help="photos to add to the training set as cats")
    ap.add_argument("--experiment", default=None, choices=("flip", "keep"),
                    help="after training: Experiments → flip 10 cat labels, or leave out all but 20; trains again")
    args = ap.parse_args()

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    import lrviz.ui  # noqa: F401  (binding choice before pyqtgraph)
    from lrviz.ui import share_gl_contexts
    share_gl_contexts()
    from lrviz.ui.main_window import MainWindow
    app = QApplication.instance() or QApplication(sys.argv)
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "shots.ini"), QSettings.Format.IniFormat)
    settings.setValue("language", args.language)
    if not args.hint:
        settings.setValue("hint_seen", True)  # the first-start hint only where asked for
    window = MainWindow(settings=settings, source=args.data)
    w, h = (int(v) for v in args.size.split("x"))
    window.resize(w, h)
    window.show()

    def pump(seconds: float, until=lambda: False) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end and not until():
            app.processEvents()
            time.sleep(0.01)

    pump(30, lambda: window.session.current is not None)
    if args.leave_out:  # changes to the training set before training (each one a new run)
        from lrviz.core.edits import LeaveOut
        window.editing.apply(LeaveOut(args.leave_out))
    if args.add_photos:
        window.editing.add_photos(args.add_photos, 1)
    pump(30, lambda: window.session.current is not None)
    if args.lr is not None:
        window.training.set_learning_rate(args.lr)
    if args.loss is not None:
        window.training.loss.setCurrentIndex(window.training.loss.findData(args.loss))
        pump(1)
    if args.surface is not None:
        window.bowl.surface.setCurrentIndex(window.bowl.surface.findData(args.surface))
    if args.dock is not None:
        window.docks[args.dock].raise_()
    if args.race is not None:
        window.race.rates.setText(args.race)
        window.race.start.setChecked(True)
        pump(10, lambda: window.session.current.race is not None)
    if args.iters:
        window.training.speed.setCurrentIndex(0)  # as fast as possible
        window.training.stop_at.setValue(args.iters)
        window.toggle_play()
        pump(120, lambda: window.session.current.iteration >= args.iters and not window.session.current.running
             and (args.race is None or window.session.current.race is not None))
    if args.branch:
        k, alpha = args.branch.split(":")
        window.curves.view_requested.emit(int(k))  # as dragging the history slider does
        pump(5, lambda: window.session.current.view is not None and window.session.current.view.iteration == int(k))
        window.training.set_learning_rate(float(alpha))
        pump(0.3)
        window.toggle_play()
        pump(120, lambda: window.session.current.start is not None and window.session.current.start.kind == "branch"
             and window.session.current.iteration >= args.iters and not window.session.current.running)
    if args.experiment:
        before = window.session.current.run
        (window.editing.flip_cats if args.experiment == "flip" else window.editing.keep_few)()
        pump(120, lambda: window.session.current is not None and window.session.current.run != before
             and window.session.current.iteration >= args.iters and not window.session.current.running)
    if args.central:
        window.tabs.setCurrentWidget(window.views[args.central])
        if args.central == "loops":
            window.loops.button.click()
            pump(30, lambda: window.session.current.timings is not None)
    if args.tab == "above":
        window.bowl.tabs.setCurrentWidget(window.bowl.contour)
    if args.photos:
        window.predict.add_paths(args.photos)
        pump(30, lambda: window.predict.job is not None and window.predict.job.finished
             and len(window.predict.mine.cards) >= len(args.photos))
    pump(args.settle)
    from PySide6.QtGui import QCursor
    QCursor.setPos(0, 0)  # the pointer out of the picture
    pump(0.2)
    target = window if args.panel == "window" else getattr(window, args.panel)
    if args.panel == "window":
        # a GL window inside a container is not in QWidget.grab(): take the screen under the window
        shot = window.screen().grabWindow(0, window.x(), window.y(), window.frameGeometry().width(),
                                          window.frameGeometry().height())
    else:
        top_left = target.mapToGlobal(target.rect().topLeft())
        shot = window.screen().grabWindow(0, top_left.x(), top_left.y(), target.width(), target.height())
    shot.save(args.out)
    print(f"saved {args.out}: {args.data} at iteration {window.session.current.iteration}, "
          f"α = {window.prefs.learning_rate:g}, {shot.width()}×{shot.height()}")
    window.close()


if __name__ == "__main__":
    main()
