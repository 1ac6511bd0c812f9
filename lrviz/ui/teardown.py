"""Ending cleanly however the window ends: closed, left open when Python exits, or interrupted.

A script (or ``lrviz.show``) may build the window itself and let Python exit, with the window still
open or closed but not deleted. PySide then deletes every object Python still owns, one at a time
and in no particular order, while the interpreter finalises: pyqtgraph's axes run their Python
``resizeEvent`` on labels already deleted, and the process died with exit 139 after the script's
last line (gdb: ``PySide::destroyQCoreApplication`` → ``~QGraphicsWidget`` → a Python override →
SIGSEGV in ``storePythonOverrideErrorOrPrint``; seen when the window was closed before it had been
laid out). Here every window is closed (stopping its training process and freeing its GL) and
deleted whole, children by their parents, while the QApplication still lives: before PySide's own
clean-up, whose exit handler was registered before this one and so runs after it.
"""

from __future__ import annotations

import atexit
import contextlib
import signal
import socket
import weakref

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSocketNotifier, QTimer
from shiboken6 import Shiboken

_open: set[QObject] = set()  # windows shown and not yet closed: kept alive until they are
_made: weakref.WeakSet = weakref.WeakSet()  # every window made and not yet deleted
_registered = False


def track(window: QObject) -> None:
    """Call when a window is made: it will be closed and deleted before Python exits."""
    global _registered
    if not _registered:
        atexit.register(dispose_all)  # after PySide's own handler: so this one runs first
        _registered = True
    _open.add(window)
    _made.add(window)


def closing(window: QObject) -> bool:
    """Whether ``window`` is closing for the first time (Qt sends a closed window's close event
    again when close() is called again); from then on a script that forgets it no longer keeps it."""
    if window not in _open:
        return False
    _open.discard(window)
    return True


def stop(window: QObject) -> None:
    """What a closing window ends: its training process and loading thread (stopped and joined),
    its 3-D view's GL buffers (freed while their context is current), its photo decoding."""
    window.session.close()
    window.bowl.release_gl()
    window.predict.release()


def dispose(window: QObject) -> None:
    """Close ``window`` if it is open (its own teardown runs) and delete it with all its children,
    while the QApplication lives. Without a QApplication only its training process is stopped."""
    if not Shiboken.isValid(window):
        return
    if QCoreApplication.instance() is None:  # nothing of Qt can be done safely any more
        session = getattr(window, "session", None)
        if session is not None:
            session.worker.stop()
        return
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def dispose_all() -> None:
    """Every window still there, closed and deleted (at exit, or when the caller wants it)."""
    for window in list(_made):
        dispose(window)
    _open.clear()


class Interrupt(QObject):
    """Ctrl+C in the terminal ends the window as its close button does (training process stopped,
    settings saved), then the event loop with ``code``. The signal wakes the loop through a socket
    (``signal.set_wakeup_fd``): Python's own handler runs only when Python code does, which in
    ``app.exec()`` may be never. A second Ctrl+C is Python's KeyboardInterrupt again.

    Made before the window is: a Ctrl+C while it is built and shown (seconds on a busy machine) is
    caught too (Python's KeyboardInterrupt raised inside a Qt callback would be printed and lost,
    and the window would stay open). ``window`` is set once it is made; :meth:`exec` runs the loop."""

    def __init__(self, window: QObject | None = None, code: int = 130):
        super().__init__()
        self.window, self.code, self.happened = window, code, False
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._old_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._old_handler = signal.signal(signal.SIGINT, self._on_signal)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _drain(self) -> None:
        with contextlib.suppress(OSError):
            self._reader.recv(512)  # the signal's byte; the handler has run (Python ran to get here)

    def _on_signal(self, signum, frame) -> None:
        if self.happened:
            return
        self.happened = True
        signal.signal(signal.SIGINT, signal.default_int_handler)  # a second Ctrl+C: end at once
        QTimer.singleShot(0, self, self._end)  # out of the handler, which may have interrupted any slot

    def _end(self) -> None:
        if self.window is None or self._reader.fileno() < 0:  # still being built (exec() ends it once
            return  # it is, without a loop), or no longer watched (restored)
        self.window.close()
        app = QCoreApplication.instance()
        if app is not None:
            app.exit(self.code)

    def exec(self, app: QCoreApplication) -> int:
        """``app.exec()``, unless Ctrl+C came before it could start: then the window is closed and no
        loop is started (``app.exit`` with no loop running would be lost, and the loop never end)."""
        if self.happened:
            self.window.close()
            return self.code
        return app.exec()

    def restore(self) -> None:
        """Python's own Ctrl+C handling again, and the socket closed."""
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._old_fd)
        if signal.getsignal(signal.SIGINT) in (self._on_signal, signal.default_int_handler):
            signal.signal(signal.SIGINT, self._old_handler)
        self._reader.close()
        self._writer.close()
