"""The Predict tab: drop, paste or open photos; each becomes a card that follows the model as it
trains (and history scrubbing); a test-set gallery with the mistakes first; CSV export."""

from __future__ import annotations

import csv
import tempfile
import time
from pathlib import Path

import numpy as np
from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lrviz.core import model as M
from lrviz.io.photos import Photo, PhotoJob
from lrviz.training.messages import Snapshot
from lrviz.ui.i18n import class_name
from lrviz.ui.panels.cards import BLUE, RED, Card, CardGrid

GALLERY = 60           # test images shown, mistakes first
RANKED = GALLERY * 20  # ranked among at most 1,200 test images
BLOCK = 128            # test images made into features at a time to rank them
TICK_BUDGET = 0.008    # seconds of card-making per tick: the window stays responsive during a big drop


class PredictPanel(QWidget):
    """Numbers follow every snapshot while the tab is shown (twice a second while training runs);
    a hidden tab only notes that it is out of date and catches up when shown."""

    redraw_seconds = 0.5  # while training runs (ui/frames.py): predictions refresh twice a second
    message = Signal(str)
    show_requested = Signal()  # photos were added: the window brings this tab forward

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.open_button = QPushButton(self.tr("Open images…"))
        self.paste_button = QPushButton(self.tr("Paste"))
        self.paste_button.setToolTip(self.tr("Predict the image on the clipboard"))
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.setToolTip(self.tr("path, P(positive class), label of every card"))
        self.clear_button = QPushButton(self.tr("Clear"))
        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("%v of %m photos"))  # not just a percentage: 0 % while cards appear
        self.cancel = QPushButton(self.tr("Cancel"))
        self.heat = QCheckBox(self.tr("Heat-map wᵢ·xᵢ"))
        self.heat.setChecked(True)
        self.heat.setToolTip(self.tr("On the 64 × 64 image the model sees: red where a pixel pushes towards the "
                                     "positive class, blue where it pushes away. Off: the plain image."))
        self.key = QLabel()  # the heat-map's colours, said beside it
        self._key_for("cat")
        bar = QHBoxLayout()
        for w in (self.open_button, self.paste_button, self.export_button, self.clear_button, self.heat):
            bar.addWidget(w)
        bar.addStretch(1)
        # a row of its own, shown during a drop: beside the buttons it made the window 28 px wider
        # than a 1366-pixel laptop screen
        self.busy = QWidget()
        row = QHBoxLayout(self.busy)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel)
        self.busy.hide()
        self.mine = CardGrid(self.tr("Drop photos or a folder here, paste an image (Ctrl+V), or open images "
                                     "(Ctrl+I). Each becomes a card: the model's probability and the image as the "
                                     "model sees it."))
        self.gallery = CardGrid(self.tr("Load data with a test set to see the model's mistakes here."))
        self.tabs = QTabWidget()
        self.tabs.addTab(self.mine, self.tr("Your images"))
        self.tabs.addTab(self.gallery, self.tr("Test set: mistakes first"))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.key)  # a line of its own: beside the buttons it widened the window on a laptop
        layout.addWidget(self.busy)
        layout.addWidget(self.tabs, 1)

        self.loaded = None                    # lrviz.training.loader.Loaded: preprocessing, classes, test set
        self.photos: list[Photo] = []         # readable ones, in the order of self.mine's good cards
        self.good_cards: list[Card] = []
        self._chunks: list[np.ndarray] = []  # the photos' features, in the batches they arrived in
        self.job: PhotoJob | None = None
        self.snapshot: Snapshot | None = None
        self._stale = False
        self._temp: tempfile.TemporaryDirectory | None = None  # pasted images, made when first needed
        self._pastes = 0
        self.timer = QTimer(self)
        self.timer.setInterval(5)  # runs only while photos are being prepared
        self.timer.timeout.connect(self._collect)
        self.paste_button.clicked.connect(self.paste)
        self.clear_button.clicked.connect(self.clear)
        self.cancel.clicked.connect(lambda: self.job and self.job.cancel())
        self.heat.toggled.connect(self.mine.show_heat)
        self.heat.toggled.connect(self.gallery.show_heat)
        self.heat.toggled.connect(self.key.setVisible)

    def _key_for(self, positive: str) -> None:
        """The heat-map's key: red pushes towards the positive class, blue away from it."""
        red, blue = ("#{:02x}{:02x}{:02x}".format(*(int(v) for v in c)) for c in (RED, BLUE))
        self.key.setText(self.tr("<span style='color:{red}'>■</span> towards {positive} "
                                 "<span style='color:{blue}'>■</span> away").format(red=red, blue=blue,
                                                                                   positive=positive))


    # -- model and data ---------------------------------------------------------------------------
    def set_loaded(self, loaded) -> None:
        """New data, so a new model pipeline: re-read the photos if the image size changed."""
        old = self.loaded
        self.loaded = loaded
        self._key_for(class_name(loaded.dataset.classes[1]))
        self.snapshot = None
        paths = [c.path for c in self.mine.cards]
        if old is not None and paths and old.preprocessing.image_shape != loaded.preprocessing.image_shape:
            self.clear()
            self.add_paths(paths)
        else:
            self._refeature()
        self._build_gallery()

    @property
    def X(self) -> np.ndarray:
        """The features of every readable photo (one row each, in card order)."""
        return np.concatenate(self._chunks) if self._chunks else np.zeros((0, 0), np.float32)

    def _refeature(self, start: int = 0) -> None:
        """Features of the photos from ``start`` on, kept as a new batch: a drop of thousands is not
        copied again and again (one growing matrix cost 10-100 ms per batch at 1,000 photos)."""
        if self.loaded is None or not self.photos:
            self._chunks = []
            return
        if start == 0 or sum(len(c) for c in self._chunks) != start:
            start, self._chunks = 0, []
        self._chunks.append(self.loaded.preprocessing.transform(np.stack([p.image for p in self.photos[start:]])))

    def show_snapshot(self, s: Snapshot) -> None:
        old, self.snapshot = self.snapshot, s
        if old is not None and s.b == old.b and np.array_equal(s.w, old.w):
            return  # the same model (e.g. the paused bowl's finer grid arrived): every card is right
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """New model numbers for every card and the gallery (the cards in view repaint)."""
        self._stale = False
        self._refresh_cards()
        self._refresh_gallery()

    def _refresh_cards(self, start: int = 0) -> None:
        s, loaded = self.snapshot, self.loaded
        if s is None or loaded is None or sum(len(c) for c in self._chunks) != len(self.good_cards):
            return
        model = self.model()
        offset = 0
        for chunk in self._chunks:
            first = max(start - offset, 0)
            if first < len(chunk):
                z = model.logits_of(chunk[first:])
                for k, (zi, x) in enumerate(zip(z, chunk[first:], strict=True), offset + first):
                    self.good_cards[k].set_prediction(float(M.sigmoid(zi)), model.label(zi), model.classes[1],
                                                      self.photos[k].image, model, x)
            offset += len(chunk)

    def model(self) -> M.LogisticModel:
        """The snapshot's w and b as core's model, with the data's preprocessing and classes."""
        s, loaded = self.snapshot, self.loaded
        return M.LogisticModel(s.w, s.b, loaded.preprocessing, loaded.dataset.classes)

    # -- adding photos ----------------------------------------------------------------------------
    def add_paths(self, paths: list[str | Path]) -> None:
        if self.loaded is None:
            self.message.emit(self.tr("Load data first: the model decides the image size"))
            return
        if self.job is not None and not self.job.finished:
            self.job.cancel()
        self.job = PhotoJob(paths, self.loaded.preprocessing.image_shape)
        many = len(paths) > 1 or any(Path(p).is_dir() for p in paths)
        self.progress.setRange(0, 0)  # busy until the folders are listed
        self.progress.setValue(0)
        self.busy.setVisible(many)
        self._pending: dict[int, Photo] = {}
        self._next = 0
        self.tabs.setCurrentWidget(self.mine)
        self.show_requested.emit()
        self.timer.start()

    def _collect(self) -> None:
        """Create cards for what is ready, in the order given, a few per tick."""
        job = self.job
        if job is None:
            self.timer.stop()
            return
        ready, done, total = job.take()
        self._pending.update(ready)
        made, first_new = 0, len(self.photos)
        deadline = time.perf_counter() + TICK_BUDGET
        while self._next in self._pending and (made == 0 or time.perf_counter() < deadline):
            photo = self._pending.pop(self._next)
            self._next += 1
            made += 1
            card = Card(photo.path, photo.preview, photo.error)
            self.mine.add(card)
            if photo.error is None:
                self.photos.append(photo)
                self.good_cards.append(card)
        if total is not None and self.progress.maximum() != max(total, 1):
            self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if len(self.photos) > first_new:
            self._refeature(first_new)
            self._refresh_cards(first_new)
        if job.finished and not self._pending and (total is None or self._next >= total or job.cancelled):
            self.timer.stop()
            self.busy.hide()
            bad = sum(1 for c in self.mine.cards if c.error)
            n = len(self.mine.cards)
            self.message.emit(self.tr("{n} images, {bad} could not be read").format(n=n, bad=bad) if bad else
                              self.tr("{n} images").format(n=n))

    def paste(self) -> None:
        image = QGuiApplication.clipboard().image()
        if image.isNull():
            self.message.emit(self.tr("The clipboard holds no image"))
            return
        self._pastes += 1
        if self._temp is None:
            self._temp = tempfile.TemporaryDirectory(prefix="lrviz-paste-")
        path = Path(self._temp.name) / f"pasted-{self._pastes}.png"
        image.save(str(path))  # through a file, so a pasted image takes the one image pipeline
        self.add_paths([path])

    def release(self) -> None:
        """On closing the window: stop decoding, delete pasted images."""
        self.timer.stop()
        if self.job is not None:
            self.job.cancel()
            self.job.wait(5.0)
        if self._temp is not None:
            self._temp.cleanup()
            self._temp = None

    def clear(self) -> None:
        if self.job is not None:
            self.job.cancel()
        self.mine.clear()
        self.photos.clear()
        self.good_cards.clear()
        self._chunks = []

    def export_csv(self, path: str) -> int:
        if self._stale:
            self._refresh_cards()
        with open(path, "w", newline="") as f:
            out = csv.writer(f)
            positive = self.loaded.dataset.classes[1] if self.loaded else "positive"
            out.writerow(["path", f"P({positive})", "label"])
            for card in self.mine.cards:
                if card.error:
                    out.writerow([card.path, "", f"error: {card.error}"])
                else:
                    out.writerow([card.path, f"{card.p:.6f}", card.label])
        return len(self.mine.cards)

    # -- the test-set gallery ---------------------------------------------------------------------
    def _build_gallery(self) -> None:
        self.gallery.clear()
        if self.loaded is None:
            return
        for _ in range(min(GALLERY, len(self.loaded.dataset.test_images))):
            self.gallery.add(Card("", None))

    def _refresh_gallery(self) -> None:
        s, loaded = self.snapshot, self.loaded
        if s is None or loaded is None or not self.gallery.cards:
            return
        ds, model = loaded.dataset, self.model()
        # from the pixels, a block at a time: the window keeps no features of the test set (a float
        # copy of 1,200 of them was 59 MB at 64×64×3, and 118 MB more in float64 at every refresh)
        z = model.logits(ds.test_images[:RANKED], block=BLOCK)
        p = M.sigmoid(z)
        y = ds.test_labels[: len(p)]
        wrong = M.predict_labels(z) != y
        confidence = np.abs(p - 0.5)
        order = np.lexsort((-confidence, ~wrong))[: len(self.gallery.cards)]  # mistakes first, surest first
        for card, i in zip(self.gallery.cards, order, strict=True):
            image = ds.test_images[i]
            if card.index != i:
                card.index, card.path, card.truth = int(i), f"test image {i}", ds.classes[int(y[i])]
                card.set_image(self._gallery_title(int(i)), image)
            card.set_prediction(float(p[i]), model.label(z[i]), model.classes[1], image, model,
                                loaded.preprocessing.transform(image)[0])

    def _gallery_title(self, i: int) -> str:
        return self.tr("test #{i}").format(i=i)

    def retranslate(self) -> None:
        """After a language switch: the heat-map's key, the cards' tooltips, captions and the gallery's
        titles."""
        self._key_for(class_name(self.loaded.dataset.classes[1] if self.loaded is not None else "cat"))
        for card in (*self.mine.cards, *self.gallery.cards):
            card.retranslate()
            if card.index is not None:
                card.title = self._gallery_title(card.index)

    # -- drops ------------------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)
