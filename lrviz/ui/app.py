"""Start the window: ``lrviz`` or ``python app.py``."""

from __future__ import annotations

import sys

import pyqtgraph as pg
from PySide6.QtWidgets import QApplication

from lrviz.ui.main_window import MainWindow


def run(argv: list[str] | None = None, source: str | None = None) -> int:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setOrganizationName("lrviz")
    app.setApplicationName("lrviz")
    pg.setConfigOptions(antialias=False)  # antialiased curves cost ~70 ms a frame in software rendering
    window = MainWindow(source=source)
    window.show()
    return app.exec()
