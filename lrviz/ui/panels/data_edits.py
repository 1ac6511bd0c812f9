"""The Data panel's changes to the training set: the buttons (flip, add photos, undo, experiments),
the list of changes made, the sentence on what to look for (shown over the views), and each thumbnail's mark (left out:
grey and crossed; relabelled: an orange frame and ⇄; added: an orange frame and +)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lrviz.core.edits import AddPhotos, Edit, Flip
from lrviz.ui.i18n import class_name, translate
from lrviz.ui.panels import to_pixmap

CHANGED = QColor("#d95f02")    # what the learner changed: here and in the loss-vs-cost view's rings
LEFT_OUT = QColor("#c0392b")
SHOWN_NAMES = 4                # a change names at most this many examples, then "… (+k)"


def marked_pixmap(image: np.ndarray, size: int, left_out: bool, flipped: bool, added: bool) -> QPixmap:
    """A thumbnail with its state on it, readable at a glance."""
    pixmap = to_pixmap(image, size)
    if left_out:  # faded to grey, crossed out
        grey = pixmap.toImage().convertToFormat(pixmap.toImage().Format.Format_Grayscale8)
        pixmap = QPixmap.fromImage(grey)
    if not (left_out or flipped or added):
        return pixmap
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    w, h = pixmap.width(), pixmap.height()
    if left_out:
        painter.fillRect(pixmap.rect(), QColor(255, 255, 255, 120))
        painter.setPen(QPen(LEFT_OUT, 3))
        painter.drawLine(QPointF(4, 4), QPointF(w - 4, h - 4))
        painter.drawLine(QPointF(w - 4, 4), QPointF(4, h - 4))
    if flipped or added:
        painter.setPen(QPen(CHANGED, 4))
        painter.drawRect(2, 2, w - 4, h - 4)
        painter.fillRect(w - 20, 0, 20, 18, CHANGED)
        font = QFont(painter.font())
        font.setBold(True)
        font.setPixelSize(14)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(w - 20, 0, 20, 18, Qt.AlignmentFlag.AlignCenter, "+" if added and not flipped else "⇄")
    painter.end()
    return pixmap


def example_name(i: int, m: int, photo_names: list[str]) -> str:
    """How a change names an example: "#12" for the loaded set's, the file's name for an added photo."""
    return f"#{i}" if i < m else photo_names[i - m]


def change_text(edit: Edit, m: int, photo_names: list[str], classes: tuple[str, str]) -> str:
    """One line of the list of changes, in the window's language."""
    if isinstance(edit, AddPhotos):
        names = ", ".join(edit.names[:SHOWN_NAMES]) + (f" … (+{len(edit.names) - SHOWN_NAMES})"
                                                       if len(edit.names) > SHOWN_NAMES else "")
        return translate("DataEdits", "Added {n} photo(s) as {label}: {names}").format(
            n=len(edit.images), label=classes[edit.label], names=names)
    which = ", ".join(example_name(i, m, photo_names) for i in edit.indices[:SHOWN_NAMES])
    if len(edit.indices) > SHOWN_NAMES:
        which += f" … (+{len(edit.indices) - SHOWN_NAMES})"
    if isinstance(edit, Flip):
        text = translate("DataEdits", "Flipped the label of {n} example(s): {which}")
    elif edit.out:
        text = translate("DataEdits", "Left out {n} example(s): {which}")
    else:
        text = translate("DataEdits", "Put back {n} example(s): {which}")
    return text.format(n=len(edit.indices), which=which)


class EditsBox(QWidget):
    """The buttons over the thumbnails, the note on what to look for, and (``changes``, shown in its
    own tab by the Data panel) the list of changes."""

    flip_requested = Signal()      # flip the labels of the selected training images
    add_requested = Signal()       # add photos chosen in a file dialog
    undo_requested = Signal()      # undo the last change
    undo_all_requested = Signal()  # back to the data as loaded

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.flip = self._button(self.tr("Flip label"), self.tr(
            "Swap the label (cat ↔ non-cat) of the training images selected below; untick an image to leave it out"))
        self.add = self._button(self.tr("Add photos…"), self.tr(
            "Add your own photos to the training set with the label chosen here (or drop them on this panel)"))
        self.label = QComboBox()
        self.label.setToolTip(self.tr("The label added photos get"))
        self.undo = self._button(self.tr("Undo change"), self.tr("Undo the last change to the data (a new run)"))
        self.experiments = self._button(self.tr("Experiments"), self.tr(
            "One-click lessons on the data: flip labels, leave examples out, add your own photos"))
        self.experiments.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.look_for = LookFor()  # placed over the views by the window: where the learner looks
        self.note = self.look_for.text
        self.changes = QListWidget()
        self.changes.setWordWrap(True)
        self.changes.setToolTip(self.tr("Every change to the training set, the latest last; each one started a "
                                        "new run (the earlier runs stay on the cost curves, dashed)"))
        self.undo_all = QToolButton()
        self.undo_all.setText(self.tr("Back to the data as loaded"))
        self.undo_all.setToolTip(self.tr("Undo every change (a new run)"))
        grid = QGridLayout()  # two short rows: the Data dock is ~300 px wide on a 1366-px screen
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(3)
        for place, widget in (((0, 0), self.flip), ((0, 1), self.undo), ((0, 2), self.experiments),
                              ((1, 0), self.add), ((1, 1), self.label)):
            widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            grid.addWidget(widget, *place)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        self.changes_tab = QWidget()
        tab = QVBoxLayout(self.changes_tab)
        tab.setContentsMargins(2, 2, 2, 2)
        tab.addWidget(self.changes, 1)
        tab.addWidget(self.undo_all, 0, Qt.AlignmentFlag.AlignLeft)
        self.flip.clicked.connect(self.flip_requested)
        self.add.clicked.connect(self.add_requested)
        self.undo.clicked.connect(self.undo_requested)
        self.undo_all.clicked.connect(self.undo_all_requested)
        self.set_changes([])

    def _button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    def set_classes(self, classes: tuple[str, str]) -> None:
        """The label chooser offers the data set's classes, the positive one first."""
        chosen = self.label.currentData()
        self.label.clear()
        self.label.addItem(class_name(classes[1]), 1)
        self.label.addItem(class_name(classes[0]), 0)
        self.label.setCurrentIndex(max(self.label.findData(chosen), 0))

    def set_changes(self, lines: list[str]) -> None:
        self.changes.clear()
        self.changes.addItems(lines)
        if lines:
            self.changes.scrollToBottom()
        self.undo.setEnabled(bool(lines))
        self.undo_all.setEnabled(bool(lines))

    def say(self, sentence) -> None:
        self.look_for.say(sentence)

    def retranslate(self) -> None:
        self.look_for.retranslate()


class LookFor(QWidget):
    """An experiment's sentence on what to look for, over the views, until closed, undone or another
    data set is loaded."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lookFor")
        self.setStyleSheet("#lookFor { background:#fff4d6; border:1px solid #e0c070; border-radius:4px; }")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        close = QToolButton()
        close.setText("×")
        close.setToolTip(self.tr("Hide this sentence"))
        close.setAutoRaise(True)
        close.clicked.connect(lambda: self.say(None))
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        row.addWidget(self.text, 1)
        row.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self._sentence = None
        self.hide()

    def say(self, sentence) -> None:
        """``sentence()`` makes it in the language of now (again after a switch); None hides it."""
        self._sentence = sentence
        self.retranslate()

    def retranslate(self) -> None:
        text = self._sentence() if self._sentence is not None else ""
        self.text.setText(text)
        self.setVisible(bool(text))
