"""The main window: panels in docks, menus and shortcuts, drops, and settings that persist."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lrviz.core import DataError, LrvizError
from lrviz.io.sources import absolute, dropped_kind, kind_or_none, spec_for
from lrviz.training.commands import Example, Follow, Pause, RaceRates, Reset, Step, TimeWays
from lrviz.training.settings import LANGUAGES, PERSISTED, Settings
from lrviz.ui import branching, experiments, file_dialogs, lesson_actions, teardown
from lrviz.ui.bind import bind_combo
from lrviz.ui.frames import FramePacer, settle_objects
from lrviz.ui.gl import gl_problem
from lrviz.ui.i18n import QT_TRANSLATE_NOOP, TRANSLATIONS, has_font, retranslate, system_language, tr_message
from lrviz.ui.menus import Menus
from lrviz.ui.panels import scrolling
from lrviz.ui.panels.bowl import BowlPanel
from lrviz.ui.panels.curves import CurvesPanel
from lrviz.ui.panels.data import DataPanel, source_text
from lrviz.ui.panels.graph import GraphView
from lrviz.ui.panels.hint import Hint
from lrviz.ui.panels.lesson import LessonPanel
from lrviz.ui.panels.loops import LoopsView
from lrviz.ui.panels.losscost import LossCostView
from lrviz.ui.panels.math import MathPanel
from lrviz.ui.panels.notice import Notice
from lrviz.ui.panels.predict import PredictPanel
from lrviz.ui.panels.race import RacePanel
from lrviz.ui.panels.training import TrainingPanel, state_text
from lrviz.ui.panels.view import SnapshotView
from lrviz.ui.panels.weights import WeightsPanel
from lrviz.ui.session import Session

# the central tabs, in order: (name — also the window's attribute —, panel class, title). A view is a
# QWidget with show_snapshot(snapshot) (drawn paced, see ui/frames.py) and, if it needs them,
# redraw_seconds, refresh() and retranslate() (lrviz.ui.panels.view.SnapshotView)
TABS = (("curves", CurvesPanel, QT_TRANSLATE_NOOP("MainWindow", "Cost curves")),
        ("losscost", LossCostView, QT_TRANSLATE_NOOP("MainWindow", "Loss vs cost")),
        ("graph", GraphView, QT_TRANSLATE_NOOP("MainWindow", "Forward && backward")),
        ("loops", LoopsView, QT_TRANSLATE_NOOP("MainWindow", "No for loop")),
        ("predict", PredictPanel, QT_TRANSLATE_NOOP("MainWindow", "Predict")))
NOTHING_LOADED = QT_TRANSLATE_NOOP("MainWindow", "Nothing is loaded: open a data set (Ctrl+O), drop one on the window, "
                                   "or choose a built-in set in the Data panel.")


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None, source: str | None = None):
        super().__init__()
        self.settings = settings if settings is not None else QSettings("lrviz", "lrviz")
        # the settings model: widgets and the training process are built from it, and the fields it
        # remembers are saved here, as they change (_persist), and read back here
        self.prefs = Settings.from_saved(self.settings.value)
        self.prefs.events.connect(self._persist)
        language = self.prefs.language or system_language()
        no_font = language != "en" and not has_font(language)  # boxes instead of words: stay in English
        if no_font or not TRANSLATIONS.set_language(language):
            TRANSLATIONS.set_language("en")
        self.session = Session(self.prefs, self)
        self.setWindowTitle(self.tr("lrviz — logistic regression as a neural network"))
        self.setAcceptDrops(True)
        self.setDockOptions(QMainWindow.DockOption.AllowTabbedDocks | QMainWindow.DockOption.AnimatedDocks)

        self.views: dict[str, SnapshotView] = {}  # the central tabs: each a panel class of its own (see TABS)
        self.tabs = QTabWidget()
        for name, kind, title in TABS:
            self.views[name] = view = kind()
            setattr(self, name, view)
            self.tabs.addTab(view, self.tr(title))
        self.hint = Hint()  # the first minute: shown until dismissed (see _menus for bringing it back)
        self.notice = Notice()  # a load that failed: said here until the user acts
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.notice)
        column.addWidget(self.hint)
        column.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.training = TrainingPanel(self.prefs)
        self.race = RacePanel()
        self.race.current_lr = self.prefs.learning_rate
        self.training.layout().insertWidget(3, self.race)  # under α, stop-at and speed: it acts on them all
        self.data = DataPanel()
        self.weights = WeightsPanel()
        self.bowl = BowlPanel(gl_problem())  # a 2-D contour map where OpenGL cannot be had
        bind_combo(self.bowl.surface, self.prefs, "surface")
        bind_combo(self.bowl.plane, self.prefs, "plane")
        self.math = MathPanel()
        self.lesson = LessonPanel(TRANSLATIONS.language)
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        self.docks = {
            "training": self._dock("Training", self.tr("Training"), self.training, left),
            "lesson": self._dock("Lesson", self.tr("Lesson"), self.lesson, left),
            "data": self._dock("Data", self.tr("Data"), self.data, left, scroll=True),
            "weights": self._dock("Weights w", self.tr("Weights w"), self.weights, left),
            "math": self._dock("Math", self.tr("Math"), self.math, left, scroll=True),  # (its rows: ~400 px)
            "bowl": self._dock("Cost bowl J(w, b)", self.tr("Cost bowl J(w, b)"), self.bowl, right),  # right column
        }
        for name in ("data", "weights", "math"):  # one tab group under Training: a laptop has no room for more
            self.tabifyDockWidget(self.docks["lesson"], self.docks[name])
        self.docks["lesson"].raise_()
        self.resize(1500, 900)
        self._announce = False  # a stop after Play or steps is said in the status bar (see _draw)
        # every view that draws snapshots, paced (Predict only while shown; twice a second while running)
        self.pacer = FramePacer((*self.views.values(), self.bowl.slices, self.bowl, self.weights), self)
        self._sized = False  # docks get their share of the width once the window's size is known
        self._default_state = self.saveState()
        self.menus = Menus(self)
        self.branching = branching.Branching(self)  # branches, Undo, the runs kept, the learner's own start
        self._connect()
        self.editing = experiments.DataEditing(self)  # the Data panel's changes and the Experiments menu
        self.menus.language_actions[TRANSLATIONS.language].setChecked(True)
        self.statusBar().showMessage(self.tr("Ready"))
        self._warning = self._no_font_message(language) if no_font else ""  # said once the first load is done
        self.curves.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.curves.view.setFocus()  # not a text field: Space and → reach the shortcuts from the start
        if self.settings.value("geometry") is not None:
            self.restoreGeometry(self.settings.value("geometry"))
            self.restoreState(self.settings.value("windowState"))
            self._sized = True  # the user's own layout
        self.hint.setVisible(self.settings.value("hint_seen") is None)  # a first start: no saved settings
        self.hint.dismissed.connect(lambda: self.settings.setValue("hint_seen", True))
        # the first load's failure is also said on stderr (lrviz was started from a terminal, perhaps);
        # a remembered set that has gone is said as such, and never swapped for another
        self._first_load = "argument" if source else "remembered" if self.settings.contains("source") else None
        teardown.track(self)  # closed and deleted before Python exits, whoever made it
        self.load(source or self.prefs.source)

    def _persist(self, info) -> None:
        """A setting changed (psygnal's EmissionInfo): saved at once if it is one that is remembered."""
        name = info.signal.name
        if name in PERSISTED:
            self.settings.setValue(name, self.prefs.saved(name))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if not self._sized:  # a laptop's 1366 px and a desktop's 1600 px alike: ~22 % left, ~37 % bowl
            self._sized = True
            w = self.width()
            self.resizeDocks([self.docks["training"], self.docks["bowl"]], [int(0.22 * w), int(0.37 * w)],
                             Qt.Orientation.Horizontal)

    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea,
              scroll: bool = False) -> QDockWidget:
        """``scroll``: the panel scrolls when squeezed, instead of setting the window's least height
        (the Data panel's Chinese summary wraps to four lines: the window needed 770 px of a 768 screen)."""
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # saveState/restoreState need names: the same in every language
        dock.setWidget(scrolling(widget) if scroll else widget)
        self.addDockWidget(area, dock)
        if hasattr(widget, "refresh"):  # a panel tabbed away skips drawing: catch up when it comes forward
            dock.visibilityChanged.connect(lambda shown: shown and widget.refresh())
        return dock

    def _no_font_message(self, language: str) -> str:
        return self.tr("{language} needs a font for its writing system (on Debian / Ubuntu: sudo apt-get install "
                       "{package}); staying in English").format(language=LANGUAGES[language].name,
                                                                 package=LANGUAGES[language].font)

    def set_language(self, language: str) -> None:
        """View → Language: every text in the other language at once, remembered for the next start."""
        old = TRANSLATIONS.language
        if language != "en" and not has_font(language):
            self.statusBar().showMessage(self._no_font_message(language))
        elif language != old and TRANSLATIONS.set_language(language):
            self.prefs.language = language
            retranslate(self, old, language)
            self.lesson.set_language(language)
            for panel in (*self.views.values(), self.training, self.race, self.data, self.weights, self.bowl,
                          self.math, self.branching):
                if hasattr(panel, "retranslate"):  # texts a panel draws itself, or makes from numbers
                    panel.retranslate()
            if self.session.current is not None:
                self._draw(self.session.current, everything=True)
        self.menus.language_actions[TRANSLATIONS.language].setChecked(True)

    def _connect(self) -> None:
        s = self.session
        # the settings training runs with reach it through the model (Session); these are actions
        self.training.play_toggled.connect(self.toggle_play)
        self.training.step_requested.connect(lambda n: s.send(Step(n)))
        self.training.reset_requested.connect(lambda: s.send(Reset()))
        self.training.learning_rate_changed.connect(lambda lr: setattr(self.race, "current_lr", lr))
        self.race.race_requested.connect(self._race)
        self.race.follow_changed.connect(lambda run: s.send(Follow(run)))
        self.data.open_requested.connect(lambda kind: file_dialogs.open_data(self, kind))
        self.notice.open_requested.connect(lambda: file_dialogs.open_data(self, "file"))
        self.data.load_requested.connect(self.load)
        self.data.cancel_requested.connect(s.cancel_load)
        self.data.balance_toggled.connect(self._rebalance)
        s.snapshot.connect(self._draw)
        self.predict.message.connect(self.statusBar().showMessage)
        self.predict.show_requested.connect(lambda: self.tabs.setCurrentWidget(self.predict))
        self.predict.open_button.clicked.connect(lambda: file_dialogs.open_images(self))
        self.predict.export_button.clicked.connect(lambda: file_dialogs.export_csv(self))
        self.curves.view_requested.connect(s.view_iteration)
        self.math.example_changed.connect(lambda index: s.send(Example(index)))
        self.losscost.example_chosen.connect(self._choose_example)
        self.loops.measure_requested.connect(lambda: s.send(TimeWays()))
        self.lesson.actions_requested.connect(lambda actions: lesson_actions.apply(self, actions))
        self.data.example_chosen.connect(self._choose_example)
        s.dataset_changed.connect(self._dataset_changed)
        s.load_progress.connect(lambda spec, done, total: self.data.show_progress(done, total))
        s.load_finished.connect(self._load_finished)
        s.message.connect(lambda text: self.statusBar().showMessage(text))

    def _draw(self, snap, everything: bool = False) -> None:
        """Hand a snapshot to the panels: the light ones now, the heavy ones paced (ui/frames.py), or
        all now with ``everything`` (what they show was made in another language)."""
        self.training.show_snapshot(snap)
        self.math.show_snapshot(snap)
        if snap.running:
            self._announce = True
        elif self._announce and not snap.viewing and snap.iteration > 0:
            self._announce = False  # it stopped after Play or steps: say so where the eye is (a short
            self.statusBar().showMessage(state_text(snap))  # run may end before any frame saw it run)
        if everything:
            self.pacer.draw_all(snap)
        else:
            self.pacer.show(snap)

    def _race(self, rates) -> None:
        self.training.set_racing(bool(rates))
        self.session.send(RaceRates(tuple(float(r) for r in rates) if rates else None))
        self.statusBar().showMessage(
            self.tr("Racing α = {rates} from the same start: Play runs them together").format(
                rates=", ".join(f"{lr:g}" for lr in rates)) if rates else self.tr("One run again"))

    # -- actions ----------------------------------------------------------------------------------
    def load(self, spec: str) -> None:
        spec = absolute(spec)  # what is saved, and reloaded from any folder
        options: dict = {}
        kind = kind_or_none(spec)  # None: the loader reports what is wrong, naming the path
        if kind == "folder":
            positive = file_dialogs.ask_positive(self, spec)
            if positive is False:  # the user cancelled: keep what is loaded, and say if that is nothing
                if self.session.loaded is None:
                    self.notice.say(self.tr(NOTHING_LOADED))
                return
            options["positive"] = positive
        elif kind == "cifar":
            options["balance"] = self.data.balance.isChecked()
        self.statusBar().showMessage(self.tr("Loading {spec}…").format(spec=spec))
        self.data.show_progress(0, 0)
        self.session.load(spec, **options)

    def toggle_play(self) -> None:
        current = self.session.current
        if self.session.running:
            self.session.send(Pause())
        elif current is not None and self.session.branch_point() is None and current.iteration >= self.prefs.stop_at:
            # (the settings model, not the snapshot: a 'Stop at' just raised has not reached it yet)
            self.statusBar().showMessage(state_text(current))
        else:
            self._announce = True
            if self.hint.isVisible():  # "press Play" has been done: the hint has said its piece
                self.hint.dismiss()
            self.session.play()  # (looking back: a branch from there)

    def save_model(self) -> None:
        if self.session.model() is None:
            self.statusBar().showMessage(self.tr("Nothing to save yet: load data first"))
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save model"), "model.npz", self.tr("lrviz model (*.npz)"))
        if path:
            try:
                self.session.save_model(path)
            except (LrvizError, OSError) as e:  # e.g. a read-only folder: say so, never a traceback
                why = tr_message(e.message) if isinstance(e, DataError) else str(e)
                self.statusBar().showMessage(self.tr("Could not save: {error}").format(error=why))
                return
            self.statusBar().showMessage(self.tr("Saved {path}").format(path=path))

    def _choose_example(self, index: int) -> None:
        self.math.example.setValue(index)
        self.docks["math"].show()
        self.docks["math"].raise_()

    def _dataset_changed(self, loaded) -> None:
        ds = loaded.dataset
        self.data.show_dataset(ds, self._is_cifar(ds))
        self.math.set_dataset(len(ds.train_labels), ds.classes)
        self.losscost.set_dataset(ds.train_images, ds.train_labels, ds.classes)
        self.graph.set_dataset(ds.image_shape, ds.classes)
        self.loops.new_data()
        self.curves.new_data()
        self.weights.set_image_shape(ds.image_shape)
        self.predict.set_loaded(loaded)
        self.prefs.source = ds.spec.path  # absolute: the same set from any folder
        self.settings.setValue("positive", ds.classes[1])
        QTimer.singleShot(0, self, settle_objects)

    @staticmethod
    def _is_cifar(ds) -> bool:
        return kind_or_none(ds.spec.path) == "cifar"

    def _rebalance(self, on: bool) -> None:
        """The balance box ticked or cleared with CIFAR-10 loaded: load it again that way."""
        loaded = self.session.loaded
        if loaded is not None and self._is_cifar(loaded.dataset):
            self.load(loaded.dataset.spec.path)

    def _load_finished(self, spec: str, error: str) -> None:
        """A load's end. A failure is said in the status bar, in the Data panel and, until the user
        acts, over the views; the data loaded before stays, and none is loaded in its place."""
        self.data.load_finished(error)
        first, self._first_load = self._first_load, None
        if not error:
            self.notice.hide()
            self.statusBar().showMessage(self._warning or self.data.loaded_message())
            self._warning = ""
            return
        ds = self.session.loaded.dataset if self.session.loaded else None
        kept = self.tr("; still on {source}").format(source=source_text(ds.source, ds.facts)) if ds else ""
        self.statusBar().showMessage(self.tr("Could not load: {error}").format(error=error) + kept)
        said = (self.tr("The data set used last could not be loaded: {error}") if first == "remembered"
                else self.tr("Could not load: {error}")).format(error=error)
        self.notice.say(said + kept if ds else self.tr("{problem}. {next}").format(problem=said,
                                                                                   next=self.tr(NOTHING_LOADED)))
        if first:
            print(f"lrviz: error: {said}", file=sys.stderr, flush=True)

    # -- drops ------------------------------------------------------------------------------------
    @staticmethod
    def _dropped(event) -> tuple[str, list[str]] | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        return dropped_kind([Path(u.toLocalFile()) for u in urls if u.isLocalFile()])

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self._dropped(event):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        dropped = self._dropped(event)
        if dropped:
            event.acceptProposedAction()
            kind, paths = dropped
            if kind == "data":
                self.load(spec_for(paths[0]))
            else:  # photos dropped anywhere go to the Predict tab
                self.predict.add_paths(paths)

    # -- closing ----------------------------------------------------------------------------------
    def closeEvent(self, event) -> None:  # noqa: N802
        if teardown.closing(self):  # once, however it closes (button, close(), Ctrl+C, Python exiting)
            for key, value in (("geometry", self.saveGeometry()), ("windowState", self.saveState())):
                self.settings.setValue(key, value)
            self.settings.sync()
            teardown.stop(self)
        super().closeEvent(event)
