"""One photo's card: the original, the 64 × 64 image the model sees with each pixel's push
(wᵢ·xᵢ) overlaid, P(cat) as a number and a bar, and the label; or what is wrong with the file.
And the grid that holds cards: it draws only the cards in view (a card's numbers are always
current; its pixels are drawn when it is scrolled or shown into view)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QProgressBar, QScrollArea, QWidget

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
        self.index: int | None = None  # a gallery card's test image
        self._pending: tuple | None = None
        self._last: tuple | None = None

    def set_prediction(self, p: float, label: str, positive: str, image: np.ndarray | None = None,
                       w: np.ndarray | None = None, x: np.ndarray | None = None) -> None:
        """The model's numbers for this image, recorded now; drawn by :meth:`draw` (when in view).
        ``w`` and ``x`` (the weights and the image's features) make the heat-map of wᵢ·xᵢ."""
        self.p, self.label = p, label
        self._pending = self._last = (positive, image, w, x)

    def invalidate(self) -> None:
        """Draw again when next in view (e.g. the heat-map was switched on or off)."""
        self._pending = self._last

    @property
    def drawn(self) -> bool:
        return self._pending is None

    def draw(self, heat: bool = True) -> None:
        """Show the recorded numbers; the model's image with (``heat``) or without its heat-map."""
        if self._pending is None:
            return
        (positive, image, w, x), self._pending = self._pending, None
        truth = ""
        if self.truth is not None:
            ok = self.truth == self.label
            truth = f" · true: {self.truth} " + ("✓" if ok else "<b style='color:#8a1c12'>✗ wrong</b>")
        text = f"P({positive}) = <b>{self.p:.4f}</b> → {self.label}{truth}"
        if text != self.prob.text():
            self.prob.setText(text)
        self.bar.setValue(round(1000 * self.p))
        if image is not None and heat and w is not None and x is not None:
            self.seen.setPixmap(to_pixmap(heat_overlay(image, (w * x).reshape(image.shape)), SMALL))
        elif image is not None:
            self.seen.setPixmap(to_pixmap(image, SMALL))


class CardGrid(QScrollArea):
    """Cards in as many columns as the width allows (reflowed on resize), scrolling vertically.
    Only the cards in view are drawn: drawing one takes ~0.7 ms, and a gallery of 60 redrawn twice a
    second while training ran made the window's heartbeat 80 ms late."""

    def __init__(self, empty: str = ""):
        super().__init__()
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        self.grid = QGridLayout(body)
        self.grid.setSpacing(8)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setWidget(body)
        self.cards: list[Card] = []
        self.columns = 1
        self.heat = True  # draw each card's heat-map of wᵢ·xᵢ
        self.empty = QLabel(empty)  # shown while there are no cards
        self.empty.setWordWrap(True)
        self.empty.setFixedWidth(CARD_WIDTH)
        self.empty.setStyleSheet("color:#555; padding:12px")
        self.grid.addWidget(self.empty, 0, 0)
        self._draw_timer = QTimer(self)
        self._draw_timer.setSingleShot(True)
        self._draw_timer.setInterval(0)  # once Qt has laid new cards out (its posted events come first)
        self._draw_timer.timeout.connect(self.draw_visible)
        self.verticalScrollBar().valueChanged.connect(lambda _value: self._draw_timer.start())

    def _fit(self) -> int:
        return max(1, (self.viewport().width() - 10) // (CARD_WIDTH + self.grid.horizontalSpacing() + 2))

    def add(self, card: Card) -> None:
        if not self.cards:
            self.grid.removeWidget(self.empty)
            self.empty.hide()
        n = len(self.cards)
        self.grid.addWidget(card, n // self.columns, n % self.columns)
        self.cards.append(card)
        self._draw_timer.start()

    def in_view(self) -> list[Card]:
        """The cards in rows that meet the viewport, from the grid's arithmetic (so also cards Qt has
        not laid out yet, and a few lookups for a grid of thousands)."""
        top = -self.widget().y() - self.grid.contentsMargins().top()
        pitch = CARD_HEIGHT + self.grid.verticalSpacing()
        first, last = max(0, top // pitch), max(0, (top + self.viewport().height()) // pitch)
        return self.cards[first * self.columns: (last + 1) * self.columns]

    def draw_visible(self) -> None:
        if self.isVisible():
            for card in self.in_view():
                card.draw(self.heat)

    def show_heat(self, on: bool) -> None:
        self.heat = on
        for card in self.cards:
            card.invalidate()
        self.draw_visible()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self._draw_timer.start()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        columns = self._fit()
        if columns != self.columns:
            self.columns = columns
            for n, card in enumerate(self.cards):
                self.grid.addWidget(card, n // columns, n % columns)  # moves it
        self._draw_timer.start()

    def clear(self) -> None:
        for card in self.cards:
            self.grid.removeWidget(card)
            card.deleteLater()
        self.cards.clear()
        self.grid.addWidget(self.empty, 0, 0)
        self.empty.setVisible(bool(self.empty.text()))
