"""Experiments from any step, in the window: the runs kept (the curves' Runs menu), Edit → Undo (back
to the run branched from), and where a new run starts (Reset's choices: w = 0, the learner's own
start, a saved model). Play while looking back at an iteration branches (:meth:`Session.play`).

The commands are :mod:`lrviz.training.commands`' (Branch, FollowRun, ShowRun, RemoveRun, Undo,
Reset, StartFrom); what each run is comes back in the snapshots."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QGridLayout, QMenu, QStyle, QToolButton

from lrviz.core import DataError
from lrviz.training.commands import FollowRun, RemoveRun, Reset, ShowRun, StartFrom, Undo
from lrviz.training.messages import Snapshot
from lrviz.ui.i18n import tr_message
from lrviz.ui.panels.kept import start_words


class Branching(QObject):
    """Wires the Runs menu, Undo and the start choices of ``window`` to its session."""

    def __init__(self, window):
        super().__init__(window)
        self.window = w = window
        s = w.session
        kept = w.curves.kept
        kept.follow_requested.connect(lambda run: s.send(FollowRun(run)))
        kept.show_requested.connect(lambda run, shown: s.send(ShowRun(run, shown)))
        kept.remove_requested.connect(lambda run: s.send(RemoveRun(run)))
        kept.undo_requested.connect(self.undo)
        style = w.style()
        # Edit → Undo, before Training
        self.edit = QMenu(w)
        self.undo_action = QAction(style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack), "", w)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(self.undo)
        self.undo_action.setEnabled(False)
        self.edit.addAction(self.undo_action)
        bar = w.menuBar()
        training = next(a for a in bar.actions() if a.menu() is not None and w.play_action in a.menu().actions())
        bar.insertMenu(training, self.edit)
        # where a new run starts: in the Training menu and beside Reset
        self.zeros = QAction(style.standardIcon(QStyle.StandardPixmap.SP_MediaSkipBackward), "", w)
        self.zeros.triggered.connect(lambda: s.send(Reset()))
        self.own = QAction(w)
        self.own.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.own.triggered.connect(lambda: s.send(Reset(own=True)))
        self.model = QAction(style.standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton), "", w)
        self.model.triggered.connect(self.ask_model)
        menu = training.menu()
        reset = next((a for a in menu.actions() if a.shortcut() == QKeySequence("Ctrl+R")), None)
        after = menu.actions()[menu.actions().index(reset) + 1] if reset in menu.actions()[:-1] else None
        for action in (self.own, self.model):
            menu.insertAction(after, action) if after is not None else menu.addAction(action)
        self.starts = QMenu(w)
        for action in (self.zeros, self.own, self.model):
            self.starts.addAction(action)
        self.start_button = QToolButton()  # under Reset, in the buttons' empty corner
        self.start_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.start_button.setMenu(self.starts)
        self.start_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        grid = w.training.layout().itemAt(0).layout()
        if isinstance(grid, QGridLayout):
            grid.addWidget(self.start_button, 1, 2)
        self.last: Snapshot | None = None
        s.snapshot.connect(self.show_snapshot)
        self.retranslate()
        w.installEventFilter(self)  # a language switch: the texts made from numbers, again

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def retranslate(self) -> None:
        self.edit.setTitle(self.tr("&Edit"))
        self._undo_text()
        self.zeros.setText(self.tr("Start again from w = 0, b = 0"))
        self.zeros.setToolTip(self.tr("A new run from w = 0, b = 0; the runs before stay on the curves, faint"))
        self._own_text()
        self.model.setText(self.tr("Start from a saved model…"))
        self.model.setToolTip(self.tr("A new run from the w and b of a model saved with File → Save model "
                                      "(or lrviz train --save): for the same images and scaling"))
        self.start_button.setText(self.tr("Start from…"))
        self.start_button.setToolTip(self.tr("Where a new run starts: w = 0, your own start, or a saved model"))
        self.window.curves.kept.retranslate()

    def _undo_text(self) -> None:
        s = self.last
        to = s.undo_to if s is not None else None
        self.undo_action.setText(self.tr("&Undo branch: back to run {run}").format(run=to) if to is not None
                                 else self.tr("&Undo branch"))
        self.undo_action.setToolTip(self.tr("Remove the latest branch and follow the run it left again"))

    def _own_text(self) -> None:
        s = self.last
        if s is not None and s.own:
            text = self.tr("Start again from your own start ({name})").format(name=s.own)
        elif s is not None and s.start is not None:
            text = self.tr("Start again from this run's start ({start})").format(start=start_words(s.start))
        else:
            text = self.tr("Start again from your own start")
        self.own.setText(text)
        self.own.setToolTip(self.tr("A new run from the same start: the saved model you started from, or where "
                                    "the run followed started (w = 0, or the iteration it branched at)"))

    def show_snapshot(self, s: Snapshot) -> None:
        before = self.last
        self.last = s
        if before is not None and s.run != before.run and any(k.run == s.run for k in before.kept):
            # another run of the family followed: its α and loss are the settings of now
            prefs = self.window.prefs
            if prefs.learning_rate != s.learning_rate:
                prefs.learning_rate = s.learning_rate
            if prefs.loss != s.loss:
                prefs.loss = s.loss
        if before is None or (before.undo_to, before.own, before.start) != (s.undo_to, s.own, s.start):
            self.undo_action.setEnabled(s.undo_to is not None)
            self._undo_text()
            self._own_text()
            self.own.setEnabled(s.race is None)

    def undo(self) -> None:
        s = self.last
        if s is None or s.undo_to is None:
            self.window.statusBar().showMessage(self.tr("Nothing to undo: no branch was made"))
            return
        self.window.session.send(Undo())
        self.window.statusBar().showMessage(self.tr("Back to run {run}").format(run=s.undo_to))

    def ask_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Start from a saved model"), "",
                                              self.tr("lrviz model (*.npz)"))
        if path:
            self.start_from_model(path)

    def start_from_model(self, path: str) -> bool:
        """A new run from a saved model's w and b, if it fits the data loaded; else said, naming the file."""
        from lrviz.io.modelfile import start_from
        w = self.window
        loaded = w.session.loaded
        if loaded is None:
            w.statusBar().showMessage(self.tr("Load data first: a start is for a data set"))
            return False
        try:
            weights, b = start_from(path, loaded.preprocessing)
        except DataError as e:
            w.statusBar().showMessage(self.tr("Cannot start there: {error}").format(error=tr_message(e.message)))
            return False
        if w.race.start.isChecked():
            w.race.start.click()  # a start of one's own is one run's
        w.session.send(StartFrom(weights, b, Path(path).name))
        w.statusBar().showMessage(self.tr("Starting from {name}: its w and b").format(name=Path(path).name))
        return True
