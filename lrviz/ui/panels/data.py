"""What is loaded, sample thumbnails with their labels, and the ways to load data."""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lrviz.core import Dataset, Facts
from lrviz.ui.i18n import tr_message, translate
from lrviz.ui.panels import to_pixmap

THUMBS = {"train": 60, "test": 30}


def source_text(source: str, facts: Facts) -> str:
    """A data set's name as shown: its path, and how it was made (from its facts, in the window's
    language), e.g. "/d/cats.h5 (seeded 80/20 split)"."""
    notes = []
    if facts.split_here:
        test = round(100 * facts.test_share)
        notes.append(translate("DataPanel", "seeded {train}/{test} split").format(train=100 - test, test=test))
    if facts.balanced:
        notes.append(translate("DataPanel", "balanced"))
    return f"{source} ({'; '.join(notes)})" if notes else source
ICON = 64
POSITIVE, NEGATIVE = QColor("#1a7f37"), QColor("#555555")


class DataPanel(QWidget):
    open_requested = Signal(str)     # "file" (h5 / CIFAR archive) or "folder"
    load_requested = Signal(str)     # a dataset spec, e.g. "builtin:cats"
    cancel_requested = Signal()
    example_chosen = Signal(int)     # a training thumbnail was clicked
    balance_toggled = Signal(bool)   # the CIFAR-10 data shown should be (un)balanced

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.summary = QLabel(self.tr("No data loaded"))
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#8a1c12")
        self.error.hide()

        open_file = QPushButton(self.tr("Open file…"))
        open_file.setToolTip(self.tr("The course's .h5 files, or CIFAR-10's binary .tar.gz (Ctrl+O)"))
        open_folder = QPushButton(self.tr("Image folder…"))
        open_folder.setToolTip(self.tr("A folder with one subfolder per class, e.g. cat/ and non-cat/ (Ctrl+Shift+O)"))
        self.builtin = QComboBox()
        self.builtin.addItem(self.tr("Built-in cats"), "builtin:cats")
        self.builtin.addItem(self.tr("Built-in toy (one weight)"), "builtin:toy")
        self.builtin.setToolTip(self.tr("What is loaded, and the data sets that need no file"))
        load_builtin = QPushButton(self.tr("Load"))
        self.balance = QCheckBox(self.tr("Balance CIFAR-10 classes"))
        self.balance.setToolTip(self.no_balance_tip)
        self.balance.setEnabled(False)  # until CIFAR-10 is loaded: then ticking it reloads it balanced
        buttons = QGridLayout()
        buttons.addWidget(open_file, 0, 0)
        buttons.addWidget(open_folder, 0, 1)
        buttons.addWidget(self.builtin, 1, 0)
        buttons.addWidget(load_builtin, 1, 1)
        buttons.addWidget(self.balance, 2, 0, 1, 2)

        self.progress = QProgressBar()
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.setToolTip(self.tr("Stop loading; the data loaded before stays"))
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel)
        self.progress_box = QWidget()
        self.progress_box.setLayout(progress_row)
        self.progress_box.hide()

        self.tabs = QTabWidget()
        self.lists = {}
        self._shown: dict | None = None  # what the summary and the thumbnails' tooltips are made from
        tab_names = {"train": self.tr("Train"), "test": self.tr("Test")}
        for split in THUMBS:
            lst = QListWidget()
            lst.setViewMode(QListView.ViewMode.IconMode)
            lst.setIconSize(QSize(ICON, ICON))
            lst.setResizeMode(QListView.ResizeMode.Adjust)
            lst.setMovement(QListView.Movement.Static)
            lst.setSpacing(2)
            self.lists[split] = lst
            self.tabs.addTab(lst, tab_names[split])

        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.progress_box)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(self.tabs, 1)

        self.lists["train"].itemClicked.connect(lambda item: self.example_chosen.emit(self.lists["train"].row(item)))
        self.lists["train"].setToolTip(self.tr("Click an image to see the formulas' numbers for it (Math panel)"))
        open_file.clicked.connect(lambda: self.open_requested.emit("file"))
        open_folder.clicked.connect(lambda: self.open_requested.emit("folder"))
        load_builtin.clicked.connect(lambda: self.load_requested.emit(self.builtin.currentData()))
        self.cancel.clicked.connect(self.cancel_requested)
        self.balance.toggled.connect(self.balance_toggled)

    # -- language ---------------------------------------------------------------------------------
    @property
    def balance_tip(self) -> str:
        return self.tr("CIFAR-10: keep every cat and as many randomly chosen non-cats (seeded)")

    @property
    def no_balance_tip(self) -> str:
        return self.tr("Applies to CIFAR-10: open its folder or archive first")

    def loaded_message(self) -> str:
        """The status bar's sentence for the data set shown (just loaded), in the window's language."""
        shown = self._shown
        (neg_train, pos_train), (neg_test, pos_test) = shown["counts"]["train"], shown["counts"]["test"]
        h, w, ch = shown["shape"]
        text = self.tr("Loaded {source}: {train} training images ({pos_train} {positive}), {test} test images "
                       "({pos_test} {positive}), {h}×{w}×{ch} each").format(
            source=source_text(shown["source"], shown["facts"]), train=neg_train + pos_train, pos_train=pos_train,
            positive=shown["classes"][1],
            test=neg_test + pos_test, pos_test=pos_test, h=h, w=w, ch=ch)
        return text + (self.tr("; {n} files skipped").format(n=shown["skipped"]) if shown["skipped"] else "")

    def _loaded_text(self, spec: str) -> str:
        return self.tr("Loaded: {name}").format(name=spec.rstrip("/").rsplit("/", 1)[-1] or spec)

    def retranslate(self) -> None:
        """After a language switch: the "Loaded: …" item, the summary and the thumbnails' tooltips (the
        window's walk has translated the plain texts and tooltips)."""
        spec = self.builtin.itemData(0)
        if self.builtin.count() and spec not in ("builtin:cats", "builtin:toy"):
            self.builtin.setItemText(0, self._loaded_text(spec))
        if self._shown is not None:
            self._describe()

    def _select(self, spec: str) -> None:
        """The selector shows what is loaded: a built-in by name, anything else as "Loaded: …"."""
        if self.builtin.itemData(0) not in ("builtin:cats", "builtin:toy"):
            self.builtin.removeItem(0)  # the previous "Loaded: …"
        index = self.builtin.findData(spec)
        if index < 0:
            self.builtin.insertItem(0, self._loaded_text(spec), spec)
            self.builtin.setItemData(0, spec, Qt.ItemDataRole.ToolTipRole)
            index = 0
        self.builtin.setCurrentIndex(index)

    def show_progress(self, done: int, total: int) -> None:
        self.progress_box.show()
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(self.tr("decoding %v / %m images") if total else self.tr("loading…"))

    def load_finished(self, error: str) -> None:
        self.progress_box.hide()
        self.error.setText(error)
        self.error.setVisible(bool(error))

    def show_dataset(self, ds: Dataset, cifar: bool = False) -> None:
        self._select(ds.spec.path)
        self.balance.setEnabled(cifar)
        self.balance.setToolTip(self.balance_tip if cifar else self.no_balance_tip)
        self.balance.blockSignals(True)
        self.balance.setChecked(cifar and ds.facts.balanced)
        self.balance.blockSignals(False)
        self.summary.setToolTip("\n".join(f"{p}: {tr_message(problem)}" for p, problem in ds.skipped[:50]))
        labels = {"train": ds.train_labels[:THUMBS["train"]], "test": ds.test_labels[:THUMBS["test"]]}
        self._shown = {"source": ds.source, "facts": ds.facts, "counts": ds.counts(), "classes": ds.classes,
                       "shape": ds.image_shape, "features": ds.n_features, "skipped": len(ds.skipped), "labels": labels}
        for split, images in (("train", ds.train_images), ("test", ds.test_images)):
            lst = self.lists[split]
            lst.clear()
            for i in range(min(THUMBS[split], len(images))):
                item = QListWidgetItem(QIcon(to_pixmap(images[i], ICON)), ds.classes[labels[split][i]])
                item.setForeground(QBrush(POSITIVE if labels[split][i] else NEGATIVE))
                lst.addItem(item)
        self._describe()

    def _describe(self) -> None:
        """The summary of the data shown, and its thumbnails' tooltips, in the language of now."""
        shown = self._shown
        classes = shown["classes"]
        lines = [f"<b>{html.escape(source_text(shown['source'], shown['facts']))}</b>"]
        for split in ("train", "test"):
            neg, pos = shown["counts"][split]
            total = neg + pos
            share = self.tr(" ({share} % {positive})").format(share=f"{100 * pos / total:.0f}",
                                                             positive=classes[1]) if total else ""
            line = (self.tr("train: {total} images — {pos} {positive}, {neg} {negative}{share}") if split == "train"
                    else self.tr("test: {total} images — {pos} {positive}, {neg} {negative}{share}"))
            lines.append(line.format(total=total, pos=pos, positive=classes[1], neg=neg, negative=classes[0],
                                     share=share))
        h, w, ch = shown["shape"]
        lines.append(self.tr("images {h}×{w}×{ch} → {n} features").format(h=h, w=w, ch=ch,
                                                                        n=f"{shown['features']:,}"))
        if shown["skipped"]:
            lines.append("<span style='color:#8a1c12'>" + self.tr("{n} files skipped (unreadable); hover for the "
                                                                  "list").format(n=shown["skipped"]) + "</span>")
        self.summary.setText("<br>".join(lines))
        for split, labels in shown["labels"].items():
            lst = self.lists[split]
            tip = (self.tr("train #{i}: {label} (y = {y})") if split == "train"
                   else self.tr("test #{i}: {label} (y = {y})"))
            for i in range(lst.count()):
                lst.item(i).setToolTip(tip.format(i=i, label=classes[labels[i]], y=labels[i]))
