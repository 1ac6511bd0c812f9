"""Changing the data in the window: the Data panel's changes reach the session (each one a new run on
the edited set, the earlier run kept on the curves), the views follow the edited set, and the
Experiments menu holds the lesson's one-click experiments, each with a sentence on what to look for.
The Data panel's Undo is its own (its button and this menu): the Edit menu's Ctrl+Z is the runs'."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu

from lrviz.core.edits import AddPhotos, Edits, Flip, LeaveOut, keep_only, surest_of_class
from lrviz.io.photos import expand, prepare_all
from lrviz.training.commands import Play
from lrviz.ui.i18n import QT_TRANSLATE_NOOP, class_name, tr_message, translate

FLIPPED = 10      # "flip 10 cat labels"
KEPT = 20         # "leave out all but 20 examples"
MAX_PHOTOS = 200  # photos added at once (each one is decoded here, on the window's thread)
C = "Experiments"  # (lupdate reads the literal below; each sentence is translated where it is shown)
LOOK_FOR = {
    "flip": QT_TRANSLATE_NOOP("Experiments", "The {n} {positive} images the model was surest of are now labelled "
                              "{negative}. Look for: the bowl's floor rises — this run's J ends above the earlier "
                              "one (dashed on the cost curves) — and in Loss vs cost the ringed dots keep a large "
                              "loss: no w fits them."),
    "keep": QT_TRANSLATE_NOOP("Experiments", "Only {n} training examples are left. Look for: train accuracy "
                              "reaches 100 % while test accuracy falls below the earlier run's {before} % — the "
                              "model learns the {n} by heart instead of what a cat looks like."),
    "photos": QT_TRANSLATE_NOOP("Experiments", "Your {n} photo(s) joined the training set as {label} (marked + "
                                "below). Look for: their ringed dots in Loss vs cost, and whether test accuracy "
                                "changes."),
    "drop": QT_TRANSLATE_NOOP("Experiments", "Drop photos of your own cats on the Data panel (or use Add "
                              "photos…): they join the training set as {label}, and a new run starts."),
}


class DataEditing(QObject):
    """Wires the Data panel's changes, the Experiments menu and the session together."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        w, data = window, window.data
        self.menu = QMenu(self.tr("E&xperiments"), w)
        self.flip_action = self._action(self.tr("Flip 10 cat labels"), self.flip_cats, self.tr(
            "Relabel as non-cats the ten cats the model is surest of: the bowl's floor rises, the ringed dots "
            "in Loss vs cost"))
        self.keep_action = self._action(self.tr("Leave out all but 20 examples"), self.keep_few, self.tr(
            "Train on twenty examples: train accuracy reaches 100 %, test accuracy falls"))
        self.photos_action = self._action(self.tr("Add your own cat photos…"), self.own_photos, self.tr(
            "Photos you choose (or drop on the Data panel) join the training set as cats"))
        self.menu.addSeparator()
        self.undo_action = self._action(self.tr("Undo the last data change"), self.undo,
                                        self.tr("The Data panel's changes, one by one (a new run each time)"))
        self.reset_action = self._action(self.tr("Back to the data as loaded"), self.undo_all,
                                         self.tr("Undo every change"))
        help_title = translate("Menus", "&Help")  # the Experiments menu goes before Help
        help_menu = next(a for a in w.menuBar().actions() if a.menu() and a.menu().title() == help_title)
        w.menuBar().insertMenu(help_menu, self.menu)
        data.edits.experiments.setMenu(self.menu)
        w.centralWidget().layout().insertWidget(2, data.edits.look_for)  # under the notice and the hint
        data.edit_requested.connect(self.apply)
        data.photos_dropped.connect(lambda paths: self.add_photos(paths, data.edits.label.currentData()))
        data.edits.undo_requested.connect(self.undo)
        data.edits.undo_all_requested.connect(self.undo_all)
        data.edits.add_requested.connect(lambda: self.choose_photos(data.edits.label.currentData()))
        w.session.data_edited.connect(self._edited)
        w.session.dataset_changed.connect(lambda _loaded: self._enable())
        self._enable()

    def _action(self, text: str, slot, tip: str) -> QAction:
        action = QAction(text, self.window)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        self.menu.addAction(action)
        return action

    def _enable(self) -> None:
        edited = bool(len(self.window.session.edits))
        self.undo_action.setEnabled(edited)
        self.reset_action.setEnabled(edited)

    # -- changes ------------------------------------------------------------------------------------
    def apply(self, edit) -> bool:
        """One change more: a new run on the edited set; False (and why, where the learner looks) if
        the change would leave nothing to learn from."""
        return self._set(self.window.session.edits.then(edit))

    def undo(self) -> None:
        if len(self.window.session.edits):
            self.window.data.edits.say(None)
            self._set(self.window.session.edits.undo())

    def undo_all(self) -> None:
        if len(self.window.session.edits):
            self.window.data.edits.say(None)
            self._set(Edits())

    def _set(self, edits: Edits) -> bool:
        w = self.window
        if w.session.loaded is None:
            return False
        why = w.session.set_edits(edits)
        data = w.data
        data.error.setVisible(bool(why))
        if why:
            data.error.setText(self.tr("Not changed: {why}").format(why=why))
            data.show_edits(w.session.edited)  # a box just cleared is ticked again
            w.statusBar().showMessage(data.error.text())
            return False
        w.statusBar().showMessage(self.tr("A new run on the changed data ({n} change(s)); the earlier run stays on the "
                                     "cost curves, dashed").format(n=len(edits)))
        return True

    def _edited(self, edited) -> None:
        """The views follow the training set as changed: thumbnails, the loss view's dots and rings."""
        w = self.window
        ds = w.session.loaded.dataset
        state, keep = edited.state, edited.origin
        changed = np.where(state.added[keep], 2, np.where(state.flipped[keep], 1, 0)).astype(np.int8)
        w.data.show_edits(edited)
        w.losscost.set_dataset(edited.images, edited.labels, ds.classes, changed=changed)
        w.math.set_dataset(len(edited.labels), ds.classes)
        self._enable()

    # -- photos ---------------------------------------------------------------------------------------
    def choose_photos(self, label: int) -> bool:
        paths, _ = QFileDialog.getOpenFileNames(self.window, self.tr("Photos to add to the training set"), "", self.tr(
            "Images (*.jpg *.jpeg *.png *.gif *.bmp *.tif *.tiff *.webp);;All files (*)"))
        return bool(paths) and self.add_photos(paths, label)

    def add_photos(self, paths: list[str], label: int) -> bool:
        """Read the photos at the data set's image size (lrviz.io.photos) and add those that could be
        read with ``label``; what could not be is said, naming the file."""
        w = self.window
        if w.session.loaded is None:
            return False
        files = expand(paths)
        photos = prepare_all(files[:MAX_PHOTOS], w.session.loaded.preprocessing.image_shape)
        good = [p for p in photos if p.image is not None]
        problems = [f"{Path(p.path).name}: {tr_message(p.error)}" for p in photos if p.image is None]
        if len(files) > MAX_PHOTOS:
            problems.append(self.tr("{n} more not added: at most {max} at once").format(n=len(files) - MAX_PHOTOS,
                                                                                    max=MAX_PHOTOS))
        added = bool(good) and self.apply(AddPhotos(np.stack([p.image for p in good]), int(label),
                                                    tuple(Path(p.path).name for p in good)))
        if problems:
            text = self.tr("Could not add {problems}").format(problems="; ".join(problems[:3]) +
                                                         (" …" if len(problems) > 3 else ""))
            w.data.error.setText(text)
            w.data.error.show()
            w.statusBar().showMessage(text)
        return added

    # -- the lesson's experiments ---------------------------------------------------------------------
    def _show(self, view: str | None) -> None:
        w = self.window
        w.docks["data"].show()
        w.docks["data"].raise_()
        if view is not None:
            w.tabs.setCurrentWidget(w.views[view])

    def _state(self):
        loaded = self.window.session.loaded
        edits = self.window.session.edits
        return edits.state(loaded.dataset.train_labels), len(loaded.dataset.train_labels)

    def flip_cats(self) -> bool:
        """Relabel as negatives the ten positives (cats) the live run is surest of (its logits, the
        engine's), and train: the model cannot be sure of them any more."""
        s = self.window.session
        if s.loaded is None:
            return False
        state, m = self._state()
        logits = None
        if s.current is not None and s.current.logits is not None and s.current.iteration > 0:
            logits = np.zeros(s.edits.pool_size(m))
            rows = s.edited.origin if s.edited is not None else np.arange(m)
            logits[rows] = s.current.logits
        chosen = surest_of_class(state, 1, FLIPPED, m, logits)
        classes = self.window.session.loaded.dataset.classes
        def sentence() -> str:
            return translate(C, LOOK_FOR["flip"]).format(n=len(chosen), positive=class_name(classes[1]),
                                                          negative=class_name(classes[0]))
        return len(chosen) > 0 and self._experiment(Flip(chosen), "losscost", sentence)

    def keep_few(self) -> bool:
        if self.window.session.loaded is None:
            return False
        state, _ = self._state()
        out = keep_only(state, KEPT)
        now = self.window.session.current
        before = f"{now.test_accuracy:.0f}" if now is not None and now.iteration > 0 else "?"
        return len(out) > 0 and self._experiment(LeaveOut(out), "curves", lambda: translate(C, LOOK_FOR["keep"]).format(
            n=KEPT, before=before))

    def own_photos(self) -> bool:
        w = self.window
        if w.session.loaded is None:
            return False
        w.data.edits.label.setCurrentIndex(w.data.edits.label.findData(1))
        self._show(None)
        label = w.session.loaded.dataset.classes[1]
        if not self.choose_photos(1):
            w.data.edits.say(lambda: translate(C, LOOK_FOR["drop"]).format(label=class_name(label)))
            return False
        n = len(w.session.edits.photos()[-1].images)
        w.data.edits.say(lambda: translate(C, LOOK_FOR["photos"]).format(n=n, label=class_name(label)))
        self._show("losscost")
        w.session.send(Play())
        return True

    def _experiment(self, edit, view: str, sentence) -> bool:
        """``sentence()``: what to look for, in the language of now (made again after a switch)."""
        if not self.apply(edit):
            return False
        w = self.window
        w.data.edits.say(sentence)
        w.statusBar().showMessage(sentence())
        self._show(view)
        w.session.send(Play())  # one click: the run on the changed data starts
        return True

