"""The main window's menus and their shortcuts (File, Training, View with Language, Help)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMessageBox

from lrviz.training.commands import Reset, Step
from lrviz.ui import animate, file_dialogs, pictures
from lrviz.ui.i18n import LANGUAGES


class Menus(QObject):
    """Builds the window's menu bar; ``language_actions`` are View → Language's checkable items."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.language_actions: dict[str, QAction] = {}
        self._build()

    def _action(self, menu, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.setToolTip(tip or text)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build(self) -> None:
        w = self.window
        bar = w.menuBar()
        m = bar.addMenu(self.tr("&File"))
        self._action(m, self.tr("&Open data file…"), lambda: file_dialogs.open_data(w, "file"),
                     QKeySequence.StandardKey.Open,
                     self.tr("The course's .h5 files or CIFAR-10's binary archive"))
        self._action(m, self.tr("Open image &folder…"), lambda: file_dialogs.open_data(w, "folder"), "Ctrl+Shift+O",
                     self.tr("A folder with one subfolder per class"))
        self._action(m, self.tr("Built-in &cats"), lambda: w.load("builtin:cats"),
                     tip=self.tr("Drawn cat faces vs other scenes"))
        self._action(m, self.tr("Built-in &toy"), lambda: w.load("builtin:toy"),
                     tip=self.tr("One weight and a bias: the bowl itself"))
        self._action(m, self.tr("Open &images to predict…"), lambda: file_dialogs.open_images(w), "Ctrl+I",
                     self.tr("See P(cat) for your own photos"))
        self._action(m, self.tr("&Paste image to predict"), w.predict.paste, QKeySequence.StandardKey.Paste,
                     self.tr("P(cat) for an image copied to the clipboard"))
        m.addSeparator()
        self._action(m, self.tr("&Save model…"), w.save_model, QKeySequence.StandardKey.Save,
                     self.tr("Save w, b and the preprocessing"))
        self._action(m, self.tr("Save &picture…"), lambda: pictures.ask_and_save(w), "Ctrl+Shift+S",
                     self.tr("A view as PNG (twice the screen's size) or SVG, for slides; "
                             "with the shortcut, the view under the pointer"))
        self._action(m, self.tr("Save &animation…"), lambda: animate.ask_and_save(w), "Ctrl+Shift+A",
                     self.tr("The descent from history as an animated GIF, WebP or MP4, a caption per frame"))
        m.addSeparator()
        self._action(m, self.tr("&Quit"), w.close, QKeySequence.StandardKey.Quit, self.tr("Close lrviz"))
        t = bar.addMenu(self.tr("&Training"))
        w.play_action = self._action(t, self.tr("Play / pause"), w.toggle_play, Qt.Key.Key_Space,
                                     self.tr("Start or pause gradient descent"))
        self._action(t, self.tr("One step"), lambda: w.session.send(Step(1)), Qt.Key.Key_Right,
                     "w := w − α·dw, b := b − α·db")
        self._action(t, self.tr("Reset"), lambda: w.session.send(Reset()), "Ctrl+R", self.tr("Back to w = 0, b = 0"))
        v = bar.addMenu(self.tr("&View"))
        for dock in w.docks.values():
            v.addAction(dock.toggleViewAction())
        self._action(v, self.tr("Reset layout"), lambda: w.restoreState(w._default_state),
                     tip=self.tr("The docks where they were at the first start"))
        languages = v.addMenu(self.tr("Language"))
        group = QActionGroup(self)
        for code, language in LANGUAGES.items():  # each one's name in itself: found whatever the current one
            action = QAction(language.name, w, checkable=True)
            action.setStatusTip(language.name)
            action.triggered.connect(lambda _=False, code=code: w.set_language(code))
            group.addAction(action)
            languages.addAction(action)
            self.language_actions[code] = action
        h = bar.addMenu(self.tr("&Help"))
        self._action(h, self.tr("What am I looking at?"), w.hint.show, "F1",
                     self.tr("Where to start: Play, the bowl, the lesson"))
        self._action(h, self.tr("About lrviz"), self.about, tip=self.tr("What lrviz is"))

    def about(self) -> None:
        QMessageBox.about(self.window, "lrviz", self.tr(
            "lrviz: see logistic regression, as a one-neuron network, learn by gradient descent."))
