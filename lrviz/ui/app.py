"""Start the window: ``lrviz`` or ``python app.py``."""

from __future__ import annotations

import gc
import sys

import pyqtgraph as pg
from PySide6.QtWidgets import QApplication

from lrviz.ui.main_window import MainWindow


def settle() -> None:
    """Move everything made so far (Qt, pyqtgraph, numpy and their modules) out of the cyclic
    garbage collector's sight: a full collection scanning them held the UI thread 43-47 ms during a
    drop of 1,000 photos; after this, 13 ms. Called once the window exists."""
    gc.collect()
    gc.freeze()


def run(argv: list[str] | None = None, source: str | None = None) -> int:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setOrganizationName("lrviz")
    app.setApplicationName("lrviz")
    pg.setConfigOptions(antialias=False)  # antialiased curves cost ~70 ms a frame in software rendering
    window = MainWindow(source=source)
    window.show()
    settle()
    return app.exec()
