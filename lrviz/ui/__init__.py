"""The window (Qt, pyqtgraph). Nothing below this layer imports it."""

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")  # pyqtgraph would prefer PyQt6 if it is installed
import PySide6  # noqa: E402,F401  (before pyqtgraph, which picks the binding already imported)
