"""Start the window: ``lrviz`` or ``python app.py``."""

from __future__ import annotations

import sys

import pyqtgraph as pg
from PySide6.QtWidgets import QApplication

from lrviz.ui.main_window import MainWindow
from lrviz.ui.teardown import Interrupt


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication: the one already running (a notebook's, a test's), else a new one named
    lrviz (where QSettings keeps the app's settings); with the app's drawing options either way."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else [sys.argv[0] if sys.argv and sys.argv[0] else "lrviz"])
        app.setOrganizationName("lrviz")
        app.setApplicationName("lrviz")
    pg.setConfigOptions(antialias=False)  # antialiased curves cost ~70 ms a frame in software rendering
    return app


def run(argv: list[str] | None = None, source: str | None = None) -> int:
    """The window until it is closed (0), or until Ctrl+C in the terminal, which closes it as its
    button does and then raises KeyboardInterrupt: lrviz reports it as `lrviz train` does
    ("lrviz: interrupted", exit 130, the shell's code for a program ended by Ctrl+C)."""
    app = application(argv if argv is not None else sys.argv)
    interrupt = Interrupt()  # before the window: a Ctrl+C while it is built closes it too
    try:
        interrupt.window = MainWindow(source=source)
        interrupt.window.show()
        code = interrupt.exec(app)
    finally:
        interrupt.restore()
    if interrupt.happened:
        raise KeyboardInterrupt
    return code
