"""``lrviz.show``: the window on arrays a learner already has, from a script or a notebook.

As ``napari.imshow`` does, it opens the window and returns a viewer. In a plain script it blocks
until the window is closed; in IPython or Jupyter with Qt's event loop (``%gui qt``) it returns at
once and the kernel stays usable while the window trains (napari's test: the shell's
``active_eventloop`` is "qt"). ``block`` overrides either.

The arrays become a data set here (:func:`lrviz.io.arrays.dataset_from_arrays`: the course's three
layouts, one sentence for a bad array) and reach the training process as a file's do: the window's
loader makes the features straight into shared memory. The learner's arrays are read, never changed.
The window runs with a copy of the app's remembered settings (language, layout): nothing a notebook
does is remembered by the app, and the next ``lrviz`` opens on the data set used last, not on arrays
that are gone.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import weakref
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QSettings, QTimer
from shiboken6 import Shiboken

from lrviz.core.errors import LrvizError
from lrviz.io.arrays import SOURCE, dataset_from_arrays, hold, let_go, parameters_of
from lrviz.io.budget import check_images
from lrviz.training.commands import Pause, Play, StartFrom, Step
from lrviz.training.messages import Snapshot
from lrviz.training.settings import Settings
from lrviz.ui.app import application
from lrviz.ui.main_window import MainWindow
from lrviz.ui.teardown import Interrupt

POLL_MS = 20           # how often a wait looks again
NOT_LEFT_BEHIND = ("source",)  # the remembered data set: never the arrays, which go with the kernel


class WindowClosed(RuntimeError):
    """The viewer's window has been closed: only :attr:`Viewer.model` (its last state) is left."""


def ipython_has_event_loop() -> bool:
    """IPython's Qt event loop is on (``%gui qt``): napari's test. (Qt's own loop level says nothing
    here: IPython starts and stops the loop around every prompt.)"""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return bool(shell) and getattr(shell, "active_eventloop", None) == "qt"


def loop_running() -> bool:
    """A Qt event loop will run the window without us: IPython's, or one we are called from."""
    app = QCoreApplication.instance()
    return ipython_has_event_loop() or (app is not None and app.thread().loopLevel() > 0)


def own_settings(prefix: str) -> tuple[QSettings, str]:
    """A settings file for one window, in a folder of its own (see :func:`remove_with`)."""
    folder = tempfile.mkdtemp(prefix=prefix)
    return QSettings(str(Path(folder) / "lrviz.ini"), QSettings.Format.IniFormat), folder


def remove_with(window: QObject, folder: str) -> None:
    """``folder`` is removed when ``window`` is gone (or when Python exits)."""
    weakref.finalize(window, shutil.rmtree, folder, True)


def copy_settings(mine: QSettings) -> QSettings:
    """``mine`` holding the app's remembered settings but the data set."""
    app = QSettings("lrviz", "lrviz")
    for key in app.allKeys():
        if key not in NOT_LEFT_BEHIND:
            mine.setValue(key, app.value(key))
    mine.setValue("hint_seen", True)  # the first-start hint talks of opening data: here it is open
    return mine


def kernel_notifier():
    """The Qt socket notifier through which ipykernel's Qt loop hears its next request, if any."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return getattr(getattr(shell, "kernel", None), "_qt_notifier", None)


def wait(condition, window=None, timeout: float | None = None) -> bool:
    """Let Qt run (the window draws, the session polls) until ``condition()``; False if the window
    closed or ``timeout`` seconds passed first. An event loop, not processEvents in a loop (PySide6
    6.12 on Python 3.11 leaks a reference to None at each of those: ../shared/ENGINEERING_NOTES.md).
    In a Jupyter kernel the kernel's own socket notifier is held meanwhile: left on, it could fire in
    this loop, inside a cell, and the kernel's Qt loop then waited for a request it had already been
    told of (the next cell hung in 1 run of 6 here, ipykernel 6.31); ipykernel looks for waiting
    requests each time its loop starts again."""
    notifier = kernel_notifier()
    held = notifier is not None and notifier.isEnabled()
    if held:
        notifier.setEnabled(False)
    try:
        return _wait(condition, window, timeout)
    finally:
        if held:
            notifier.setEnabled(True)


def _wait(condition, window, timeout):
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(POLL_MS)
    gone = (lambda: not Shiboken.isValid(window) or not window.isVisible()) if window is not None else (lambda: False)
    outcome = {"met": condition()}

    def check():
        outcome["met"] = condition()
        if outcome["met"] or gone():
            loop.quit()
    timer.timeout.connect(check)
    if not outcome["met"] and not gone():
        timer.start()
        if timeout is not None:
            QTimer.singleShot(int(timeout * 1000), loop.quit)
        loop.exec()
        timer.stop()
    return outcome["met"]


def _reading(field: str, kind: type = float, doc: str | None = None) -> property:
    """A read-only attribute of :class:`Model`: the latest snapshot's ``field`` as ``kind``."""
    return property(lambda model: kind(getattr(model._snap(), field)), doc=doc)


class Model:
    """The live model, named as scikit-learn names a fitted estimator's attributes: each read gives
    the window's latest state (after the window closed: its last one). ``w_`` is ``(n_x,)`` as core's
    trainer keeps it (``w_.reshape(-1, 1)`` is the lab's ``(n_x, 1)``)."""

    def __init__(self, viewer: Viewer):
        self._viewer = viewer

    def _snap(self) -> Snapshot:
        return self._viewer.snapshot()

    @property
    def w_(self) -> np.ndarray:
        return np.array(self._snap().w, dtype=np.float64)

    b_ = _reading("b")
    cost_ = _reading("cost", doc="J(w, b) on the training set at the current iteration.")
    n_iter_ = _reading("iteration", int)
    learning_rate = _reading("learning_rate")
    train_accuracy_ = _reading("train_accuracy")
    test_accuracy_ = _reading("test_accuracy", doc="NaN without a test set.")

    @property
    def history_(self) -> np.ndarray:
        """Rows (iteration t, J after t steps) from t = 0: every t of a short run; a long run's middle
        is summarised (its lowest and highest J per stretch), as the cost curves draw it."""
        return np.array(self._snap().costs, dtype=np.float64)

    def __repr__(self) -> str:
        s = self._snap()
        return f"lrviz model: iteration {s.iteration}, J = {s.cost:.6f}, b = {s.b:.6g}, α = {s.learning_rate:g}"


class Viewer(QObject):
    """The window :func:`show` opened, driven from Python: ``play()``, ``pause()``, ``step(n)``,
    ``set_learning_rate(α)``, ``close()``; ``model`` is the live model. Each call returns once the
    window shows its outcome (``play`` at once)."""

    def __init__(self, window: MainWindow, spec: str, start: tuple[np.ndarray, float] | None):
        super().__init__()
        self.window = window
        self._spec, self._start = spec, start
        self._last: Snapshot | None = None
        self._started = start is None  # True once the run from the learner's (w, b) is the one shown
        self._error = ""  # the load's failure, if it failed (said by the call that waited for it)
        window._first_load = None  # a failed load is raised to the caller, not printed by the window too
        window.session.load_finished.connect(self._loaded)
        window.session.dataset_changed.connect(self._data_arrived)
        window.session.snapshot.connect(self._seen)

    # -- the learner's start ----------------------------------------------------------------------
    def _data_arrived(self, loaded) -> None:
        if self._start is not None and loaded.dataset.spec.path == self._spec:
            w, b = self._start  # after the data, on the same pipe; Reset → 'my own start' returns to it
            self.window.session.send(StartFrom(w, b, "lrviz.show(w=…, b=…)"))

    def _loaded(self, spec: str, error: str) -> None:
        if spec == self._spec and error:
            self._error = error

    def _seen(self, snap: Snapshot) -> None:
        current = self.window.session.current
        if not self._started and current is not None and current.iteration == 0:
            w, b = self._start
            self._started = bool(np.allclose(current.w, w, rtol=1e-6, atol=1e-7) and np.isclose(current.b, b))

    # -- state ------------------------------------------------------------------------------------
    @property
    def open(self) -> bool:
        return Shiboken.isValid(self.window) and self.window.isVisible()

    def snapshot(self) -> Snapshot:
        """The window's latest state (the live one, even while it shows a past iteration)."""
        if Shiboken.isValid(self.window) and self.window.session.current is not None and self._started:
            self._last = self.window.session.current
        if self._last is None:
            self._ready()
        return self._last

    @property
    def model(self) -> Model:
        return Model(self)

    def _ready(self) -> None:
        """Wait for the window's first state of the learner's data (and start)."""
        session = self.window.session if Shiboken.isValid(self.window) else None
        if session is not None and not wait(lambda: session.current is not None and self._started or self._error,
                                            self.window):
            raise WindowClosed("the lrviz window was closed before it had trained on the arrays")
        if self._error:
            raise LrvizError(self._error)
        if session is None and self._last is None:
            raise WindowClosed("the lrviz window was closed before it had trained on the arrays")
        if session is not None:
            self._last = session.current

    def _alive(self) -> None:
        if not self.open:
            raise WindowClosed("the lrviz window is closed: viewer.model keeps its last state")
        self._ready()

    # -- actions ----------------------------------------------------------------------------------
    def play(self) -> None:
        """Train on, at the window's speed, until its "Stop at" (2,000 by default)."""
        self._alive()
        if not self.window.session.running:
            self.window.session.send(Play())

    def pause(self) -> None:
        self._alive()
        self.window.session.send(Pause())
        wait(lambda: not self.window.session.running, self.window, timeout=10)

    def step(self, n: int = 1) -> None:
        """Take ``n`` steps of gradient descent (pausing first if it plays); returns when the window
        shows them (at its speed: Training → Speed), or when the run diverged."""
        if int(n) != n or n < 1:
            raise ValueError(f"step(n): n must be a whole number ≥ 1, got {n!r}")
        self.pause()
        session = self.window.session
        target = session.current.iteration + int(n)
        session.send(Step(int(n)))
        wait(lambda: session.current.iteration >= target and not session.running
             or session.current.diverged is not None and not session.running, self.window)

    def set_learning_rate(self, alpha: float) -> None:
        """α of the next steps, as if set in the window; returns once training runs with it."""
        self._alive()
        self.window.prefs.learning_rate = alpha  # checked there: a ValueError names the allowed range
        alpha = self.window.prefs.learning_rate
        session = self.window.session
        wait(lambda: session.current.settings is not None and session.current.settings.learning_rate == alpha,
             self.window, timeout=10)

    def close(self) -> None:
        """Close the window; ``model`` keeps its last state."""
        if Shiboken.isValid(self.window):
            if self.window.session.current is not None and self._started:
                self._last = self.window.session.current
            self.window.close()
        let_go(self._spec)

    def __repr__(self) -> str:
        state = "open" if self.open else "closed"
        s = self._last or (self.window.session.current if Shiboken.isValid(self.window) else None)
        at = f", iteration {s.iteration}, J = {s.cost:.6f}" if s is not None else ""
        return f"<lrviz viewer ({state}){at}>"


def show(X, Y, X_test=None, Y_test=None, *, lr: float = 0.005, w=None, b=None, block: bool | None = None) -> Viewer:
    """Open the window on the arrays ``X``, ``Y`` (and a test set) and return a :class:`Viewer`.

    ``X``: images ``(m, 64, 64, 3)`` uint8 as loaded (``train_set_x_orig``), the lab's flattened
    ``(n_x, m)`` (with or without ``/ 255``) or scikit-learn's ``(m, n_x)``; ``Y``: ``(1, m)`` or
    ``(m,)`` labels 0/1. ``lr``: α. ``w``, ``b``: the learner's own parameters to start from
    (``(n_x, 1)`` or ``(n_x,)``; default 0). ``block``: wait until the window is closed (default:
    yes in a script, no where a Qt event loop runs, e.g. IPython or Jupyter after ``%gui qt``).
    """
    ds = dataset_from_arrays(X, Y, X_test, Y_test)  # one sentence for a bad array, before any window
    check_images(SOURCE, len(ds.train_labels) + len(ds.test_labels), ds.image_shape)
    start = None
    if w is not None or b is not None:
        start = parameters_of(np.zeros(ds.n_features) if w is None else w, 0.0 if b is None else b, ds.n_features)
    Settings().learning_rate = lr  # a ValueError naming the allowed range, before any window
    if block is None:
        block = not loop_running()
    application()
    spec = hold(ds)
    settings, folder = own_settings("lrviz-show-")
    window = MainWindow(settings=copy_settings(settings), source=spec)
    remove_with(window, folder)
    window.prefs.learning_rate = lr
    viewer = Viewer(window, spec, start)
    window.show()
    if block:
        interrupt = Interrupt(window)
        try:
            wait(lambda: False, window)
        finally:
            interrupt.restore()
        viewer.close()
        if interrupt.happened:
            raise KeyboardInterrupt
    return viewer
