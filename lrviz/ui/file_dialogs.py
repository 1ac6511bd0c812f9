"""The window's file dialogs: open data or an image folder, photos to predict, predictions to save, and
which class of a two-folder set is positive. What they offer comes from the readers (lrviz.io)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog

from lrviz.core import DataError
from lrviz.io.folder import class_folders
from lrviz.io.photos import IMAGE_PATTERNS
from lrviz.io.sources import data_patterns, spec_for
from lrviz.ui.i18n import translate


def ask_positive(window, spec: str) -> str | None | bool:
    """For a folder without a cat/ subfolder: which class is positive? False if cancelled."""
    try:
        names = class_folders(spec)
    except DataError:
        return None
    if len(names) != 2 or any(n.lower() == "cat" for n in names):
        return None
    saved = window.settings.value("positive")
    if saved in names and window.prefs.source == spec:
        return saved
    name, ok = QInputDialog.getItem(window, translate("MainWindow", "Which class is positive?"), translate(
        "MainWindow", "{folder} has the classes {a!r} and {b!r}.\nWhich one should the model give the probability of?"
    ).format(folder=Path(spec).name, a=names[0], b=names[1]), names, 0, False)
    return name if ok else False


def open_data(window, kind: str) -> None:
    """File → Open data file… (``kind`` "file") or Open image folder… ("folder"), then load it."""
    remembered = window.prefs.source
    start = "" if remembered.startswith("builtin:") else str(Path(remembered).parent)
    if kind == "folder":
        path = QFileDialog.getExistingDirectory(
            window, translate("MainWindow", "Open an image folder (one subfolder per class)"), start)
    else:
        path, _ = QFileDialog.getOpenFileName(window, translate("MainWindow", "Open data"), start, translate(
            "MainWindow", "Data sets ({patterns});;All files (*)").format(patterns=data_patterns()))
    if path:
        window.load(spec_for(path))


def open_images(window) -> None:
    """Photos for the Predict tab."""
    paths, _ = QFileDialog.getOpenFileNames(window, translate("MainWindow", "Images to predict"), "", translate(
        "MainWindow", "Images ({patterns});;All files (*)").format(patterns=IMAGE_PATTERNS))
    if paths:
        window.predict.add_paths(paths)


def export_csv(window) -> None:
    """The Predict tab's predictions as CSV."""
    path, _ = QFileDialog.getSaveFileName(window, translate("MainWindow", "Export predictions"), "predictions.csv",
                                          "CSV (*.csv)")
    if path:
        n = window.predict.export_csv(path)
        said = translate("MainWindow", "Saved {n} predictions to {path}").format(n=n, path=path)
        window.statusBar().showMessage(said)
