"""Drawing pace: while training runs, the heavy panels (plots, the bowl) take turns, one per pass
of the event loop, each with the newest snapshot; and the garbage collector's full passes are kept
off the live objects.

One pass drawing every panel held the UI thread 60-130 ms on a 2-core machine under software
OpenGL, and anything waiting (a click, a timer) waited that long. Here the next panel draws only
once the event loop is about to go idle (the last one's repaint is done), a few ms later: a slow
machine then draws each panel less often instead of falling behind."""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QAbstractEventDispatcher, QObject, QTimer

PANEL_GAP_MS = 3  # between two heavy panels' draws while training runs


class FramePacer(QObject):
    """Hands snapshots to ``panels``. While training runs, a panel with a ``redraw_seconds``
    attribute draws at most that often; the next snapshot after the interval carries the newest
    state, and a step, a stop, a scrub or a new run draws every panel at once. A paused snapshot
    of the same iteration (more detail: the full bowl) is drawn panel by panel too."""

    def __init__(self, panels: tuple, parent: QObject | None = None):
        super().__init__(parent)
        self.panels = panels
        self.latest = None
        self.queue: list = []  # panels still to draw the latest snapshot
        self._drawn_at = {panel: 0.0 for panel in panels}
        self._run = None
        self._key = None  # (run, iteration, viewing, running) of the latest snapshot
        self._pump = QTimer(self, singleShot=True, interval=PANEL_GAP_MS)
        self._pump.timeout.connect(self._draw_next)
        QAbstractEventDispatcher.instance().aboutToBlock.connect(self._when_idle)

    def show(self, snap) -> None:
        key, self._key = self._key, (snap.run, snap.iteration, snap.viewing, snap.running)
        self.latest = snap
        if snap.run != self._run or (not snap.running or snap.viewing) and key != self._key:
            self.draw_all(snap)  # a step, a stop, a scrub, a new run: at once
            return
        now = time.perf_counter()
        # running: the panels due; paused at the same iteration (a finer bowl arrived, say): all, in turns
        # (CIFAR-10's full 101 × 101 bowl made every panel draw in one pass: the window froze 60-140 ms)
        self.queue += [panel for panel in self.panels if panel not in self.queue and (
            not snap.running or now - self._drawn_at[panel] >= getattr(panel, "redraw_seconds", 0.0))]
        self._when_idle()

    def draw_all(self, snap) -> None:
        """Every panel draws ``snap`` now (also what made its texts: a new language)."""
        self.latest, self._run = snap, snap.run
        self.queue.clear()
        for panel in self.panels:
            self._draw(panel)

    def _draw(self, panel) -> None:
        self._drawn_at[panel] = time.perf_counter()
        panel.show_snapshot(self.latest)

    def _when_idle(self) -> None:
        if self.queue and not self._pump.isActive():
            self._pump.start()

    def _draw_next(self) -> None:
        if self.queue and self.latest is not None:
            self._draw(self.queue.pop(0))
            self._when_idle()  # the next one after a gap, also where no loop blocks (a script that only
            #                    calls processEvents never sees aboutToBlock: the queue stalled there)


def settle_objects() -> None:
    """Collect garbage once now (a load is a pause anyway), then exempt every object alive from the
    garbage collector's full passes: with the window, its plots and a gallery alive, one automatic
    full pass took 90 ms in the middle of training (43-47 ms during a drop of 1,000 photos), and the
    window froze that long. Objects made later are still collected as usual."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
