"""One photo's card: the original, the 64 × 64 image the model sees with each pixel's push
(wᵢ·xᵢ) overlaid, P(cat) as a number and a bar, and the label; or what is wrong with the file.
And the grid that holds them.

A card is one widget that paints itself (no child widgets or layouts): a drop of 1,000 photos made
as label-and-layout cards spent 30-45 ms per batch creating, polishing and laying them out. Its
numbers are current as soon as they are set; its heat-map is rendered when it is painted, so only
cards in view cost anything."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPixmap, QStaticText
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget

from lrviz.core.model import LogisticModel
from lrviz.core.preprocess import picture
from lrviz.ui.i18n import class_name, tr_message
from lrviz.ui.panels import to_pixmap

RED, BLUE = np.array([214, 39, 40], np.float32), np.array([31, 119, 180], np.float32)
SMALL = 128  # the model's image shown 2× (64 px → 128 px)
CARD_WIDTH, CARD_HEIGHT = 310, 215
MIN_CARD_WIDTH = 264  # narrower cards (a smaller photo) before one column fewer: two fit at 1600 px
MARGIN, SPACING = 10, 8  # around the grid, between cards


def heat_overlay(image: np.ndarray, contributions: np.ndarray) -> np.ndarray:
    """The model's image with red where pixels push towards the positive class and blue where away,
    more opaque the stronger the push (the sum over colour channels of wᵢ·xᵢ, ``contributions``
    one per feature of ``image``)."""
    c = np.asarray(picture(contributions, image.shape), dtype=np.float32)
    a = np.abs(c)
    a *= np.float32(0.85) / (a.max() or np.float32(1.0))
    colour = np.where((c >= 0)[..., None], RED, BLUE)
    base = image.astype(np.float32) if image.shape[2] == 3 else np.repeat(image, 3, axis=2).astype(np.float32)
    alpha = a[..., None]
    return (base + (colour - base) * alpha).astype(np.uint8)  # base·(1 − α) + colour·α


BAR = QColor(31, 119, 180)
ERROR = "#8a1c12"


class Card(QWidget):
    """``path`` and a ``preview`` of the photo, or the ``error`` that kept it from being read;
    ``truth``: a test image's true label."""

    def __init__(self, path: str, preview: np.ndarray | None, error: str | None = None, truth: str | None = None):
        super().__init__()
        self.path, self.error, self.truth = path, error, truth
        self.title = Path(path).name
        self.setFixedSize(CARD_WIDTH, CARD_HEIGHT)
        self.setToolTip(self._tip())
        self.original: QPixmap | None = to_pixmap(preview, 140) if preview is not None else None
        self.seen: QPixmap | None = None
        self.caption = f"<span style='color:{ERROR}'>{tr_message(error)}</span>" if error else ""
        self.heat = True  # draw the heat-map of wᵢ·xᵢ on the model's image
        self.p: float | None = None
        self.label: str | None = None
        self.index: int | None = None  # a gallery card's test image
        self._inputs: tuple | None = None  # (positive class, model image, w, x) of the last prediction
        self._dirty = False                # the inputs changed since the card was last drawn
        self._text = QStaticText()
        self._text.setTextFormat(Qt.TextFormat.RichText)

    def _tip(self) -> str:
        return self.path + "\n" + self.tr("Right: what the model sees (64 × 64), red where pixels push towards the "
                                           "positive class (wᵢ·xᵢ > 0), blue where they push away")

    def retranslate(self) -> None:
        """After a language switch: the tooltip now, the caption when next painted."""
        self.setToolTip(self._tip())
        self.invalidate()

    def set_image(self, title: str, preview: np.ndarray) -> None:
        self.title, self.original = title, to_pixmap(preview, 140)
        self.update()

    def set_prediction(self, p: float, label: str, positive: str, image: np.ndarray | None = None,
                       model: LogisticModel | None = None, x: np.ndarray | None = None) -> None:
        """The model's numbers for this image, recorded now; drawn when the card is next painted.
        ``model`` and ``x`` (the image's features) make the heat-map of wᵢ·xᵢ."""
        self.p, self.label = p, label
        self._inputs, self._dirty = (positive, image, model, x), True
        self.update()  # a card out of view is not painted: it costs nothing until scrolled to

    def invalidate(self) -> None:
        """Draw again (e.g. the heat-map was switched on or off)."""
        self._dirty = self._inputs is not None
        self.update()

    @property
    def drawn(self) -> bool:
        return not self._dirty

    def draw(self) -> None:
        """Turn the recorded numbers into the caption and the model's image (with its heat-map)."""
        if not self._dirty:
            return
        (positive, image, model, x), self._dirty = self._inputs, False
        truth = ""
        if self.truth is not None:
            ok = self.truth == self.label
            truth = " · " + self.tr("true: {label}").format(label=class_name(self.truth)) + " " + (
                "✓" if ok else f"<b style='color:{ERROR}'>" + self.tr("✗ wrong") + "</b>")
        self.caption = f"P({class_name(positive)}) = <b>{self.p:.4f}</b> → {class_name(self.label)}{truth}"
        if image is not None and self.heat and model is not None and x is not None:
            self.seen = to_pixmap(heat_overlay(image, model.contributions_of(x)), SMALL)
        elif image is not None:
            self.seen = to_pixmap(image, SMALL)

    def paintEvent(self, event) -> None:  # noqa: N802
        self.draw()
        pal = self.palette()
        with QPainter(self) as qp:
            qp.setPen(pal.color(QPalette.ColorRole.Mid))
            qp.setBrush(pal.color(QPalette.ColorRole.Base))
            qp.drawRoundedRect(self.rect().adjusted(0, 0, -1, -1), 3, 3)
            qp.setPen(pal.color(QPalette.ColorRole.Text))
            inner = self.width() - 16
            name = qp.fontMetrics().elidedText(self.title, Qt.TextElideMode.ElideMiddle, inner)
            qp.drawText(QRect(8, 4, inner, 20), Qt.AlignmentFlag.AlignVCenter, name)
            side = min(140, inner - 8 - SMALL)  # the photo's box: what the model's image leaves of the width
            box = QRect(8, 26, side, 140)
            if self.original is not None:
                pm = self.original
                if pm.width() > side:  # a narrow card: the photo smaller
                    pm = pm.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
                qp.drawPixmap(box.center().x() - pm.width() // 2, box.center().y() - pm.height() // 2, pm)
            elif self.error:
                qp.drawText(box, Qt.AlignmentFlag.AlignCenter, "✕")
            if self.seen is not None:
                qp.drawPixmap(self.width() - 8 - SMALL, 32, self.seen)
            if self._text.text() != self.caption or self._text.textWidth() != inner:
                self._text.setText(self.caption)
                self._text.setTextWidth(inner)
            qp.drawStaticText(8, 170, self._text)
            if self.p is not None and not self.error:
                bar = QRect(8, CARD_HEIGHT - 14, inner, 7)
                qp.setPen(Qt.PenStyle.NoPen)
                qp.setBrush(pal.color(QPalette.ColorRole.Midlight))
                qp.drawRect(bar)
                qp.setBrush(BAR)
                qp.drawRect(bar.adjusted(0, 0, -round((1 - self.p) * bar.width()), 0))


class _Note(QLabel):
    """A wrapped text without a layout to size it: as tall as its text, also after a language switch."""

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        self.adjustSize()


class CardGrid(QScrollArea):
    """Cards in as many columns as the width allows (reflowed on resize), scrolling vertically.

    Cards sit at fixed places (they are all one size), not in a layout: a QGridLayout placed every
    card again whenever one was added, and at 700-1,000 cards each batch of a drop held the window
    20-40 ms more. Here adding a card moves only that card; a reflow moves each once."""

    def __init__(self, empty: str = ""):
        super().__init__()
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body = QWidget()
        self.setWidget(self.body)
        self.cards: list[Card] = []
        self.columns, self.card_width = 1, CARD_WIDTH
        self.heat = True
        self.empty = _Note(self.body)  # shown while there are no cards
        self.empty.setWordWrap(True)
        self.empty.setFixedWidth(CARD_WIDTH)
        self.empty.setStyleSheet("color:#555; padding:12px")
        self.empty.move(MARGIN, MARGIN)
        self.empty.setText(empty)

    def _fit(self) -> tuple[int, int]:
        """(columns, card width): as many columns as cards of at least MIN_CARD_WIDTH allow, the
        cards as wide as the row leaves them, up to CARD_WIDTH."""
        room = self.viewport().width() - 2 * MARGIN
        columns = max(1, (room + SPACING) // (MIN_CARD_WIDTH + SPACING))
        return columns, max(MIN_CARD_WIDTH, min(CARD_WIDTH, (room - (columns - 1) * SPACING) // columns))

    def _place(self, card: Card, n: int) -> None:
        row, column = divmod(n, self.columns)
        card.setFixedWidth(self.card_width)
        card.move(MARGIN + column * (self.card_width + SPACING), MARGIN + row * (CARD_HEIGHT + SPACING))

    def _fit_height(self) -> None:
        rows = -(-len(self.cards) // self.columns)
        inside = rows * (CARD_HEIGHT + SPACING) - SPACING if rows else self.empty.height()
        self.body.setMinimumHeight(2 * MARGIN + inside)

    def add(self, card: Card) -> None:
        if not self.cards:
            self.empty.hide()
        card.heat = self.heat
        card.setParent(self.body)
        self._place(card, len(self.cards))
        self.cards.append(card)
        card.show()
        self._fit_height()

    def show_heat(self, on: bool) -> None:
        self.heat = on
        for card in self.cards:
            card.heat = on
            card.invalidate()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        fit = self._fit()
        if fit != (self.columns, self.card_width):
            self.columns, self.card_width = fit
            for n, card in enumerate(self.cards):
                self._place(card, n)
            self._fit_height()

    def clear(self) -> None:
        for card in self.cards:
            card.hide()
            card.deleteLater()
        self.cards.clear()
        self._fit_height()
        self.empty.setVisible(bool(self.empty.text()))
