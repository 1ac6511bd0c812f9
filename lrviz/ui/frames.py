"""Drawing pace: while training runs, the heavy panels (plots, the bowl) take turns, one per pass
of the event loop, each with the newest snapshot; and the garbage collector's full passes are kept
off the live objects.

One pass drawing every panel held the UI thread 60-130 ms on a 2-core machine under software
OpenGL, and anything waiting (a click, a timer) waited that long. Here the next panel draws only
once the event loop is about to go idle (the last one's repaint is done), a few ms later: a slow
machine then draws each panel less often instead of falling behind."""

from __future__ import annotations

import gc

from PySide6.QtCore import QAbstractEventDispatcher, QObject, QTimer

PANEL_GAP_MS = 3  # between two heavy panels' draws while training runs


class FramePacer(QObject):
    def __init__(self, panels: tuple, parent: QObject | None = None):
        super().__init__(parent)
        self.panels = panels
        self.latest = None
        self.queue: list = []  # panels still to draw the latest snapshot
        self._pump = QTimer(self, singleShot=True, interval=PANEL_GAP_MS)
        self._pump.timeout.connect(self._draw_next)
        QAbstractEventDispatcher.instance().aboutToBlock.connect(self._when_idle)

    def show(self, snap) -> None:
        self.latest = snap
        if not snap.running or snap.viewing:  # a step, a stop or a scrub: everything at once
            self.queue.clear()
            for panel in self.panels:
                panel.show_snapshot(snap)
            return
        self.queue += [panel for panel in self.panels if panel not in self.queue]
        self._when_idle()

    def _when_idle(self) -> None:
        if self.queue and not self._pump.isActive():
            self._pump.start()

    def _draw_next(self) -> None:
        if self.queue and self.latest is not None:
            self.queue.pop(0).show_snapshot(self.latest)


def settle_objects() -> None:
    """Collect garbage once now (a load is a pause anyway), then exempt every object alive from the
    garbage collector's full passes: with the window, its plots and a gallery alive, one automatic
    full pass took 90 ms in the middle of training (43-47 ms during a drop of 1,000 photos), and the
    window froze that long. Objects made later are still collected as usual."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
