"""Helpers for the tests that open the real window (Qt is imported inside them)."""

import numpy as np

OPENED = []  # every window a test opened; conftest.dispose_windows closes and deletes them


def open_window(qtbot, settings, source=None):
    from lrviz.ui.main_window import MainWindow
    w = MainWindow(settings=settings, source=source)
    OPENED.append(w)
    w.show()
    qtbot.waitUntil(lambda: w.session.current is not None, timeout=15000)
    return w


def needs_gl(window=None) -> None:
    """The 3-D bowl needs OpenGL: an X server with GLX (CI runs the tests under Xvfb), and with
    ``window``, a window that got a GL context. Otherwise :func:`conftest.missing` decides."""
    from conftest import missing
    from PySide6.QtGui import QGuiApplication
    if QGuiApplication.platformName() != "xcb":
        missing("needs an X server with GLX (CI runs this under Xvfb)")
    if window is not None and not window.bowl.is_3d:
        missing(f"no GL: the 3-D bowl is not drawn ({window.bowl.note.text()})")


def snap(w):
    return w.session.current


def image_pixels(img):
    """A QImage as an int array (height, width, 3), whatever its row padding."""
    from PySide6.QtGui import QImage
    img = img.convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(img.constBits(), np.uint8, img.sizeInBytes()).reshape(img.height(), img.bytesPerLine())
    return rows[:, : img.width() * 3].reshape(img.height(), img.width(), 3).astype(int)


def run_to(qtbot, w, stop_at, timeout=15000):
    """Train to ``stop_at`` as fast as possible (the window's default pace is one a person can follow)."""
    w.training.speed.setCurrentIndex(0)
    w.training.stop_at.setValue(stop_at)
    w.training.play_button.click()
    qtbot.waitUntil(lambda: snap(w).iteration == stop_at and not snap(w).running, timeout=timeout)


def load(qtbot, window, spec, lr=None):
    """Load ``spec`` (unless loaded) and wait for its first bowl; then set α to ``lr`` if given."""
    if window.session.loaded is None or window.session.loaded.dataset.source != spec:
        window.load(spec)
        qtbot.waitUntil(lambda: window.session.loaded is not None and window.session.loaded.dataset.source == spec
                        and snap(window) is not None and snap(window).bowl is not None, timeout=15000)
    if lr is not None:
        window.training.set_learning_rate(lr)


def load_and_run(qtbot, window, spec, stop_at, lr=None):
    load(qtbot, window, spec, lr)
    run_to(qtbot, window, stop_at)


def activate(qtbot, window):
    """Shortcuts reach the active window only; under Xvfb there is no window manager to activate it."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    window.curves.view.setFocus()  # e.g. after using the combo box, a user clicks the plot


def drop(widget, paths):
    """Drag file URLs onto ``widget`` and drop them; True when the drag was accepted."""
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in (paths if isinstance(paths, list) else [paths])])
    pos = QPointF(50, 50)
    enter = QDragEnterEvent(pos.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    dropped = QDropEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, dropped)
    return enter.isAccepted()


def snapshot_for(**fields):
    """A Snapshot of a run at w = 0 with the given fields, for driving one panel on its own."""
    import numpy as np

    from lrviz.training.messages import Snapshot
    base = dict(data_tag=None, run=1, iteration=0, cost=float("nan"), learning_rate=0.005, train_accuracy=float("nan"),
                test_accuracy=float("nan"), costs=np.zeros((0, 2)), learning_rates=np.array([[0, 0.005]]),
                evals=np.zeros((0, 5)), w=np.zeros(1), b=0.0, running=False, stop_at=100, diverged=None,
                steps_per_second=0.0)
    return Snapshot(**(base | fields))
