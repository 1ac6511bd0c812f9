"""The lesson guide: the notes' four parts — binary classification, logistic regression, the cost
function, gradient descent — a few sentences each, with a button that sets the window up to show
it (``actions_requested``, carried out by the main window), and Back / Next."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStyle, QVBoxLayout, QWidget

from lrviz.ui.lessons import load_lesson


class LessonPanel(QWidget):
    actions_requested = Signal(dict)

    def __init__(self, language: str = "en", parent: QWidget | None = None):
        super().__init__(parent)
        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.show_button = QPushButton()
        self.show_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay))
        self.show_button.clicked.connect(lambda: self.actions_requested.emit(dict(self.part["actions"])))
        style = self.style()
        self.back = QPushButton(style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack), "")
        self.next = QPushButton(style.standardIcon(QStyle.StandardPixmap.SP_ArrowForward), "")
        self.back.setToolTip(self.tr("Back to the previous part"))
        self.next.setToolTip(self.tr("On to the next part"))
        self.back.clicked.connect(lambda: self.go(self.index - 1))
        self.next.clicked.connect(lambda: self.go(self.index + 1))
        self.where = QLabel()
        nav = QHBoxLayout()
        nav.addWidget(self.back)
        nav.addWidget(self.where, 1, Qt.AlignmentFlag.AlignCenter)
        nav.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.show_button)
        layout.addLayout(nav)
        self.index = 0
        self.set_language(language)

    @property
    def part(self) -> dict:
        return self.lesson["parts"][self.index]

    def set_language(self, language: str) -> None:
        self.lesson = load_lesson(language)
        self.go(self.index)

    def go(self, index: int) -> None:
        parts = self.lesson["parts"]
        self.index = max(0, min(index, len(parts) - 1))
        self.heading.setText(self.part["title"])
        self.text.setText(self.part["text"])
        self.show_button.setText(self.part["button"])
        self.where.setText(f"{self.index + 1} / {len(parts)}")
        self.back.setEnabled(self.index > 0)
        self.next.setEnabled(self.index < len(parts) - 1)
