"""The window (Qt, pyqtgraph). Nothing below this layer imports it."""

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")  # pyqtgraph would prefer PyQt6 if it is installed
from PySide6.QtCore import QCoreApplication, Qt  # noqa: E402  (before pyqtgraph picks a binding)


def share_gl_contexts() -> None:
    """GL views share one context group: pyqtgraph caches compiled shaders, and a view whose context
    is new (a second window, or a dock floated out, which recreates it) must still find them valid.
    Only effective before the QApplication exists."""
    if QCoreApplication.instance() is None:
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)


share_gl_contexts()
