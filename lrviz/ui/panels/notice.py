"""A problem the learner has to act on, said where they look: over the central views, until they load
something else or close it. A status-bar line is gone at the next message (a failed start-up load
was replaced within 1.5 s by the built-in set that was loaded instead, and nothing said so)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStyle, QWidget


class Notice(QWidget):
    open_requested = Signal()  # "Open data…": the way to act on it, at hand

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("notice")
        self.setStyleSheet("#notice { background:#fde2e1; border:1px solid #d08070; border-radius:4px; } "
                           "#notice QLabel { color:#8a1c12; }")
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(24, 24))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # a path is shown as it is, never as markup
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(self.tr("Open data…"))
        self.open_button.setToolTip(self.tr("The course's .h5 files, or CIFAR-10's binary .tar.gz (Ctrl+O)"))
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setToolTip(self.tr("Hide this message"))
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 8, 6)
        row.addWidget(icon)
        row.addWidget(self.text, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.close_button)
        self.open_button.clicked.connect(self.open_requested)
        self.close_button.clicked.connect(self.hide)
        self.hide()

    def say(self, text: str) -> None:
        self.text.setText(text)
        self.show()
