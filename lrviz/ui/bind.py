"""A widget shows one field of the settings model (lrviz.training.settings) and writes it back.

Both ways: the user's change sets the field (and so reaches the training process and, if it is
persisted, the saved settings); a change of the field from anywhere else (a lesson, a test, code)
shows in the widget. The model emits nothing when a value does not change, so the two never loop.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QSpinBox


def _index(combo: QComboBox, value) -> int:
    """The item whose data is ``value`` (findData cannot look for None)."""
    return next((i for i in range(combo.count()) if combo.itemData(i) == value), -1)


def bind_combo(combo: QComboBox, settings, name: str) -> None:
    """``combo``'s items' data are the field's values."""
    def show(value) -> None:
        index = _index(combo, value)
        if index < 0:
            raise ValueError(f"{name}: {value!r} is not in the menu")
        combo.setCurrentIndex(index)

    show(getattr(settings, name))
    combo.currentIndexChanged.connect(lambda _: setattr(settings, name, combo.currentData()))
    getattr(settings.events, name).connect(show)


def bind_spin(spin: QSpinBox, settings, name: str) -> None:
    def show(value) -> None:  # a Python function: psygnal cannot read a Qt method's signature
        spin.setValue(value)

    show(getattr(settings, name))
    spin.valueChanged.connect(lambda value: setattr(settings, name, value))
    getattr(settings.events, name).connect(show)
