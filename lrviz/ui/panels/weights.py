"""w reshaped to the image and drawn with a diverging colour map centred on 0; for a model with one
weight (builtin:toy) w and b as numbers, since a 1 × 1 image says nothing."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QStackedWidget, QWidget

from lrviz.core.preprocess import picture
from lrviz.training.messages import Snapshot
from lrviz.ui.i18n import QT_TRANSLATE_NOOP
from lrviz.ui.panels import on_screen, view_over_controls

CHANNELS = [(QT_TRANSLATE_NOOP("WeightsPanel", "Sum of R, G, B"), None), (QT_TRANSLATE_NOOP("WeightsPanel", "Red"), 0),
            (QT_TRANSLATE_NOOP("WeightsPanel", "Green"), 1), (QT_TRANSLATE_NOOP("WeightsPanel", "Blue"), 2)]


class WeightsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground("w")
        self.box = self.view.addViewBox(lockAspect=True, invertY=True, enableMouse=False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.box.addItem(self.image)
        self.colorbar = pg.ColorBarItem(values=(-1, 1), colorMap=pg.colormap.get("CET-D1"), interactive=False,
                                        label="w")
        self.colorbar.setImageItem(self.image)
        self.view.addItem(self.colorbar)
        self.channel = QComboBox()
        for text, value in CHANNELS:
            self.channel.addItem(self.tr(text), value)
        self.channel.setToolTip(self.tr("Which colour channel's weights to show"))
        self.channel.currentIndexChanged.connect(lambda _: self._draw())
        self.caption = QLabel(self.tr("red: pushes towards the positive class · blue: away"))
        self.caption.setStyleSheet("color:#555")
        self.caption.setWordWrap(True)  # one long line made the whole left column 434 px wide
        self.numbers = QLabel()
        self.numbers.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.numbers.setTextFormat(Qt.TextFormat.RichText)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.numbers)
        view_over_controls(self, self.stack, self.channel, self.caption, stretch=self.caption)
        self.shape: tuple[int, int, int] = (1, 1, 1)
        self.w: np.ndarray | None = None
        self._drawn_shape: tuple[int, ...] = ()

    def set_image_shape(self, shape: tuple[int, int, int]) -> None:
        self.shape = tuple(shape)
        self.channel.setEnabled(self.shape[2] == 3)
        one = self.one_weight
        self.stack.setCurrentWidget(self.numbers if one else self.view)
        self.channel.setVisible(not one)
        self.caption.setText(self.tr("ŷ = σ(w·x + b): one weight and a bias") if one else
                             self.tr("red: pushes towards the positive class · blue: away"))
        self.w = None
        self.b = 0.0

    @property
    def one_weight(self) -> bool:
        return int(np.prod(self.shape)) == 1

    def show_snapshot(self, s: Snapshot) -> None:
        self.w, self.b = s.w, s.b
        if on_screen(self):  # tabbed away: drawn when its dock comes forward (refresh)
            self.refresh()

    def refresh(self) -> None:
        if self.w is None:
            return
        if self.one_weight:
            if self.w.size == 1:
                self.numbers.setText(f"<div style='font-size:22pt'>w = {float(self.w[0]):.4f}<br>"
                                     f"b = {self.b:.4f}</div>")
            return
        self._draw()

    def picture(self) -> np.ndarray | None:
        """The 2-D array drawn now (for tests and screenshots)."""
        if self.w is None or self.w.size != int(np.prod(self.shape)):
            return None
        return picture(self.w, self.shape, self.channel.currentData() if self.shape[2] == 3 else None)

    def _draw(self) -> None:
        pic = self.picture()
        if pic is None:
            return
        a = float(np.max(np.abs(pic))) or 1.0  # all zeros (before the first step): white on a ±1 scale
        self.image.setImage(pic, autoLevels=False)
        self.colorbar.setLevels(low=-a, high=a)  # centred on 0: white means no influence
        if pic.shape != self._drawn_shape:
            self._drawn_shape = pic.shape
            self.box.autoRange(padding=0.02)
