"""What is loaded, sample thumbnails with their labels, and the ways to load data."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lrviz.core import Dataset, Facts
from lrviz.core.edits import Flip, LeaveOut
from lrviz.io.sources import dropped_kind
from lrviz.ui.i18n import class_names, tr_message, translate
from lrviz.ui.panels import to_pixmap
from lrviz.ui.panels.data_edits import CHANGED, EditsBox, change_text, marked_pixmap

THUMBS = {"train": 240, "test": 30}  # the course's 209 training images all shown: each can be changed
MAX_ADDED_SHOWN = 200


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
    edit_requested = Signal(object)  # a change to the training set (lrviz.core.edits)
    photos_dropped = Signal(list)    # photo files dropped here: to be added to the training set

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

        self.edits = EditsBox()
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
        self.tabs.addTab(self.edits.changes_tab, self._changes_title(0))
        train = self.lists["train"]
        train.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        train.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        train.customContextMenuRequested.connect(self._context_menu)
        train.itemChanged.connect(self._ticked)
        self.edits.flip_requested.connect(self._flip_selected)
        self._m = 0                  # the loaded training set's size
        self._pool: list[int] = []   # each train thumbnail's place in the pool (lrviz.core.edits)
        self._images = None          # the loaded training images
        self._edited = None          # lrviz.training.edited.Edited, or None: the data as loaded
        self._row_of_origin: dict[int, int] = {}  # pool index → row of the data training runs on
        self.setAcceptDrops(True)

        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.progress_box)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(self.edits)
        layout.addWidget(self.tabs, 1)

        self.lists["train"].itemClicked.connect(self._clicked)
        self.lists["train"].setToolTip(self.tr("Click an image to see the formulas' numbers for it (Math panel); "
                                               "untick it to leave it out; right-click to flip its label"))
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
        if self._shown is not None:  # the classes' names under the thumbnails and in the label chooser
            self._name_test()
            self._draw_train()
            self.edits.set_classes(self._shown["classes"])
            self._describe()
        self.edits.retranslate()

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
        test = self.lists["test"]
        test.clear()
        for i in range(min(THUMBS["test"], len(ds.test_images))):
            item = QListWidgetItem(QIcon(to_pixmap(ds.test_images[i], ICON)), "")
            item.setForeground(QBrush(POSITIVE if labels["test"][i] else NEGATIVE))
            test.addItem(item)
        self._name_test()
        self._m, self._images, self._edited = len(ds.train_labels), ds.train_images, None
        self.edits.set_classes(ds.classes)
        self.edits.say(None)
        self.lists["train"].clear()
        self._pool = []
        self._draw_train()
        self._describe()

    # -- the learner's changes ----------------------------------------------------------------------
    def _changes_title(self, n: int) -> str:
        return self.tr("Changes ({n})").format(n=n) if n else self.tr("Changes")

    def show_edits(self, edited) -> None:
        """The training set as changed (lrviz.training.edited.Edited; None: as loaded): each thumbnail's
        mark, the added photos after the loaded ones, the list of changes and the counts."""
        self._edited = edited if edited is not None and len(edited.edits) else None
        self._draw_train()
        self._describe()

    def _name_test(self) -> None:
        """Each test thumbnail's class, in the window's language."""
        classes, test = class_names(self._shown["classes"]), self.lists["test"]
        for i, label in enumerate(self._shown["labels"]["test"][:test.count()]):
            test.item(i).setText(classes[label])

    def _draw_train(self) -> None:
        """The train thumbnails in their state now (only those whose state changed are drawn again)."""
        lst, m, classes = self.lists["train"], self._m, class_names(self._shown["classes"])
        edited = self._edited
        photos = [img for e in edited.edits.photos() for img in e.images] if edited else []
        pool = list(range(min(THUMBS["train"], m))) + [m + j for j in range(min(len(photos), MAX_ADDED_SHOWN))]
        state = edited.state if edited else None
        self._row_of_origin = {int(o): r for r, o in enumerate(edited.origin)} if edited else {}
        lst.blockSignals(True)
        while lst.count() > len(pool):
            lst.takeItem(lst.count() - 1)
        for row, i in enumerate(pool):
            label = int(state.labels[i]) if state else int(self._shown["labels"]["train"][i])
            marks = (bool(state.left_out[i]), bool(state.flipped[i]), bool(state.added[i])) if state else (False,) * 3
            item = lst.item(row)
            if item is None:
                item = QListWidgetItem()
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                lst.addItem(item)
            key = (i, label, marks, classes[label])  # (the class's name: a language switch draws it anew)
            if item.data(Qt.ItemDataRole.UserRole) != key:
                item.setData(Qt.ItemDataRole.UserRole, key)
                image = self._images[i] if i < m else photos[i - m]
                item.setIcon(QIcon(marked_pixmap(image, ICON, *marks)))
                prefix = "✕ " if marks[0] else "⇄ " if marks[1] else "+ " if marks[2] else ""
                item.setText(prefix + classes[label])
                colour = QColor("#999999") if marks[0] else CHANGED if marks[1] or marks[2] else \
                    POSITIVE if label else NEGATIVE
                item.setForeground(QBrush(colour))
                item.setCheckState(Qt.CheckState.Unchecked if marks[0] else Qt.CheckState.Checked)
        lst.blockSignals(False)
        self._pool = pool

    def _ticked(self, item: QListWidgetItem) -> None:
        """A thumbnail's box ticked or cleared: put it back in, or leave it out (a change, a new run)."""
        i = self._pool[self.lists["train"].row(item)]
        out = item.checkState() != Qt.CheckState.Checked
        was_out = bool(self._edited.state.left_out[i]) if self._edited else False
        if out != was_out:
            self.edit_requested.emit(LeaveOut((i,), out=out))

    def _selected(self) -> list[int]:
        lst = self.lists["train"]
        return sorted(self._pool[lst.row(item)] for item in lst.selectedItems())

    def _flip_selected(self) -> None:
        chosen = self._selected()
        if chosen:
            self.edit_requested.emit(Flip(chosen))
        else:
            self.error.setText(self.tr("Select training images first (click; Ctrl+click for more), then flip"))
            self.error.show()

    def _context_menu(self, pos) -> None:
        lst = self.lists["train"]
        item = lst.itemAt(pos)
        if item is None:
            return
        if not item.isSelected():
            lst.setCurrentItem(item)
        chosen = self._selected()
        menu = QMenu(self)
        menu.addAction(self.tr("Flip label"), lambda: self.edit_requested.emit(Flip(chosen)))
        menu.addAction(self.tr("Leave out"), lambda: self.edit_requested.emit(LeaveOut(chosen)))
        menu.addAction(self.tr("Put back"), lambda: self.edit_requested.emit(LeaveOut(chosen, out=False)))
        menu.exec(lst.viewport().mapToGlobal(pos))

    def _clicked(self, item: QListWidgetItem) -> None:
        """The Math panel follows the example clicked: its row in the data training runs on."""
        i = self._pool[self.lists["train"].row(item)]
        row = self._row_of_origin.get(i) if self._edited else i
        if row is not None:  # a left-out example is in no run
            self.example_chosen.emit(row)

    # -- photos dropped here join the training set ----------------------------------------------------
    @staticmethod
    def _dropped_photos(event) -> list[str]:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        kind = dropped_kind([Path(u.toLocalFile()) for u in urls if u.isLocalFile()])
        return kind[1] if kind and kind[0] == "photos" else []

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self._m and self._dropped_photos(event):
            event.acceptProposedAction()
        else:
            event.ignore()  # a data set dropped here loads, as anywhere on the window

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = self._dropped_photos(event) if self._m else []
        if paths:
            event.acceptProposedAction()
            self.photos_dropped.emit(paths)
        else:
            event.ignore()

    def _describe(self) -> None:
        """The summary of the data shown, and its thumbnails' tooltips, in the language of now."""
        shown = self._shown
        classes = class_names(shown["classes"])
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
        edited = self._edited
        if edited is not None:
            pos, total = int(edited.labels.sum()), len(edited.labels)
            lines.append("<span style='color:#d95f02'>" + self.tr(
                "training on {total} images after {n} change(s) — {pos} {positive}, {neg} {negative}").format(
                total=total, n=len(edited.edits), pos=pos, positive=classes[1], neg=total - pos,
                negative=classes[0]) + "</span>")
        self.summary.setText("<br>".join(lines))
        lst, tip = self.lists["test"], self.tr("test #{i}: {label} (y = {y})")
        labels = shown["labels"]["test"]
        for i in range(lst.count()):
            lst.item(i).setToolTip(tip.format(i=i, label=classes[labels[i]], y=labels[i]))
        self._train_tips()
        photo_names = [n for e in edited.edits.photos() for n in e.names] if edited else []
        self.edits.set_changes([change_text(e, self._m, photo_names, classes) for e in edited.edits] if edited
                               else [])
        self.tabs.setTabText(self.tabs.indexOf(self.edits.changes_tab),
                             self._changes_title(len(edited.edits) if edited else 0))

    def _train_tips(self) -> None:
        lst, classes = self.lists["train"], class_names(self._shown["classes"])
        state = self._edited and self._edited.state
        names = [n for e in self._edited.edits.photos() for n in e.names] if self._edited else []
        for row, i in enumerate(self._pool):
            label = int(state.labels[i]) if state else int(self._shown["labels"]["train"][i])
            text = (self.tr("train #{i}: {label} (y = {y})").format(i=i, label=classes[label], y=label) if i < self._m
                    else self.tr("added photo {name}: {label} (y = {y})").format(name=names[i - self._m],
                                                                                 label=classes[label], y=label))
            if state is not None and state.left_out[i]:
                text += " — " + self.tr("left out: not trained on (tick it to put it back)")
            elif state is not None and state.flipped[i]:
                text += " — " + self.tr("label flipped by you (it came as {label})").format(
                    label=classes[1 - label])
            lst.item(row).setToolTip(text)
