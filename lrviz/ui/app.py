"""Start the window: ``lrviz`` or ``python app.py``."""

from __future__ import annotations

import sys

import pyqtgraph as pg
from PySide6.QtWidgets import QApplication

from lrviz.ui.main_window import MainWindow
from lrviz.ui.teardown import Interrupt


def run(argv: list[str] | None = None, source: str | None = None) -> int:
    """The window until it is closed (0), or until Ctrl+C in the terminal, which closes it as its
    button does and then raises KeyboardInterrupt: lrviz reports it as `lrviz train` does
    ("lrviz: interrupted", exit 130, the shell's code for a program ended by Ctrl+C)."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setOrganizationName("lrviz")
    app.setApplicationName("lrviz")
    pg.setConfigOptions(antialias=False)  # antialiased curves cost ~70 ms a frame in software rendering
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
