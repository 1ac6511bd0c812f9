"""One photo's card: the original, the 64 × 64 image the model sees with each pixel's push
(wᵢ·xᵢ) overlaid, P(cat) as a number and a bar, and the label; or what is wrong with the file."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QProgressBar

SMALL = 128  # the model's image shown 2× (64 px → 128 px)
CARD_WIDTH, CARD_HEIGHT = 310, 215


def to_pixmap(rgb: np.ndarray, side: int | None = None) -> QPixmap:
    rgb = np.ascontiguousarray(rgb if rgb.shape[2] == 3 else np.repeat(rgb, 3, axis=2))
    h, w, _ = rgb.shape
    pm = QPixmap.fromImage(QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy())
    return pm.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation) \
        if side else pm


def heat_overlay(image: np.ndarray, contributions: np.ndarray) -> np.ndarray:
    """The model's image with red where pixels push towards the positive class and blue where away,
    more opaque the stronger the push (the sum over colour channels of wᵢ·xᵢ)."""
    c = contributions.sum(axis=2) if contributions.ndim == 3 else contributions
    a = np.abs(c) / (np.max(np.abs(c)) or 1.0)
    colour = np.where((c >= 0)[..., None], [214.0, 39, 40], [31.0, 119, 180])
    base = image.astype(np.float64) if image.shape[2] == 3 else np.repeat(image, 3, axis=2).astype(np.float64)
    alpha = (0.85 * a)[..., None]
    return (base * (1 - alpha) + colour * alpha).astype(np.uint8)


class Card(QFrame):
    def __init__(self, path: str, preview: np.ndarray | None, error: str | None = None, truth: str | None = None):
        super().__init__()
        self.path, self.error, self.truth = path, error, truth
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedSize(CARD_WIDTH, CARD_HEIGHT)
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        self.name = QLabel(Path(path).name)
        self.name.setToolTip(path)
        self.original = QLabel()
        self.original.setFixedSize(140, 140)
        self.original.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.seen = QLabel()
        self.seen.setFixedSize(SMALL, SMALL)
        self.seen.setToolTip("What the model sees (64 × 64), red where pixels push towards the positive "
                             "class (wᵢ·xᵢ > 0), blue where they push away")
        self.prob = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(8)
        grid.addWidget(self.name, 0, 0, 1, 2)
        grid.addWidget(self.original, 1, 0)
        grid.addWidget(self.seen, 1, 1)
        grid.addWidget(self.prob, 2, 0, 1, 2)
        grid.addWidget(self.bar, 3, 0, 1, 2)
        if preview is not None:
            self.original.setPixmap(to_pixmap(preview, 140))
        if error:
            self.original.setText("✕")
            self.prob.setText(f"<span style='color:#8a1c12'>{error}</span>")
            self.prob.setWordWrap(True)
            self.bar.hide()
        self.p: float | None = None
        self.label: str | None = None

    def show_prediction(self, p: float, label: str, positive: str, image: np.ndarray | None = None,
                        contributions: np.ndarray | None = None) -> None:
        self.p, self.label = p, label
        truth = ""
        if self.truth is not None:
            ok = self.truth == label
            truth = f" · true: {self.truth} " + ("✓" if ok else "<b style='color:#8a1c12'>✗ wrong</b>")
        self.prob.setText(f"P({positive}) = <b>{p:.4f}</b> → {label}{truth}")
        self.bar.setValue(round(1000 * p))
        if image is not None and contributions is not None:
            self.seen.setPixmap(to_pixmap(heat_overlay(image, contributions), SMALL))
