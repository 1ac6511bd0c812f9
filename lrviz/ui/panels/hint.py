"""The first minute: a short hint over the central views pointing at Play and at the bowl, shown on
first start (no saved settings) until dismissed; Help → "What am I looking at?" brings it back."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStyle, QWidget

from lrviz.ui.i18n import QT_TRANSLATE_NOOP

HINT = QT_TRANSLATE_NOOP(
    "Hint",
    "<b>New here?</b> Press <b>Play</b> (Space) at the top left: gradient descent starts, and the "
    "<b>cost bowl</b> on the right shows the red ball walking downhill, one step at a time, while the "
    "cost curves here fall. <b>Step</b> (→) takes one step; drag <b>α</b> to change the step size. "
    "The <b>Lesson</b> dock walks through the week's four ideas.")


class Hint(QWidget):
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("hint")
        self.setStyleSheet("#hint { background:#fff6d5; border:1px solid #e0c060; border-radius:4px; }")
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation).pixmap(24, 24))
        self.text = QLabel(self.tr(HINT))
        self.text.setWordWrap(True)
        self.got_it = QPushButton(self.tr("Got it"))
        self.got_it.setToolTip(self.tr("Hide this hint (Help → What am I looking at? shows it again)"))
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 8, 6)
        row.addWidget(icon)
        row.addWidget(self.text, 1)
        row.addWidget(self.got_it)
        self.got_it.clicked.connect(self.dismiss)

    def dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()
