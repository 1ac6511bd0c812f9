"""The window's panels. Each listens to the session's signals and only draws."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget


def view_over_controls(panel: QWidget, view: QWidget, *controls: QWidget, stretch: QWidget | None = None) -> None:
    """Lay out ``panel``: a plot ``view`` taking the space, and a row of ``controls`` under it
    (``stretch``, if given, is the control that takes the row's spare width)."""
    row = QHBoxLayout()
    for control in controls:
        row.addWidget(control, 1 if control is stretch else 0)
    layout = QVBoxLayout(panel)
    layout.setContentsMargins(2, 2, 2, 2)
    layout.addWidget(view, 1)
    layout.addLayout(row)
