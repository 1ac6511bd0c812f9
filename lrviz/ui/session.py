"""The controller between the window and the background threads.

A timer on the UI thread (every 16 ms, ~60 Hz) polls the training worker and the data loader and
re-emits what changed as Qt signals; panels only listen and draw. Every change of the settings
model that the training process runs with is sent to it (as the matching command); other commands
go through :meth:`Session.send`.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, QTimer, Signal

from lrviz.core import LogisticModel
from lrviz.core.edits import Edits, problem
from lrviz.core.errors import Message
from lrviz.io import save_model
from lrviz.io.editfile import SavedEdits
from lrviz.training.commands import SETTING_COMMANDS, Branch, Pause, Play, ShowIteration
from lrviz.training.edited import Edited, Handoffs, edit
from lrviz.training.loader import DataLoader, Loaded
from lrviz.training.messages import Snapshot
from lrviz.training.settings import Settings
from lrviz.training.worker import TrainingWorker
from lrviz.ui.i18n import tr_message

POLL_MS = 16  # polls are cheap when nothing is new; the worker sends at most 20 updates a second


class Session(QObject):
    snapshot = Signal(object)            # Snapshot
    dataset_changed = Signal(object)     # Loaded
    load_progress = Signal(str, int, int)
    load_finished = Signal(str, str)     # spec, "" or the error message
    message = Signal(str)
    data_edited = Signal(object)         # Edited: the training set changed in the window (a new run on it)

    def __init__(self, settings: Settings, parent: QObject | None = None):
        super().__init__(parent)
        self.settings = settings
        self.worker = TrainingWorker(settings.process_settings())  # its first message: the settings now
        settings.events.connect(self._setting_changed)
        self.loader = DataLoader()
        self.loaded: Loaded | None = None
        self.edited: Edited | None = None      # the learner's changes to the loaded training set, if any
        self._handoffs = Handoffs()            # the edited set's features, made off the window's thread
        self._held: list | None = None         # commands sent while they are made: sent after them, in order
        self._sent: tuple[int, Edited | None] = (0, None)  # the data the training process has: tag, edits
        self.current: Snapshot | None = None  # the live state (what Ctrl+S saves)
        self.viewing: int | None = None        # the past iteration being shown, if any
        self._seen = 0
        self._loads = 0  # tags the data handed to the worker
        self._diverged_shown: tuple[int, int] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)
        self._timer.start()

    def _setting_changed(self, info) -> None:
        """A setting changed (psygnal's EmissionInfo): the process is told if it runs with it."""
        name, value = info.signal.name, info.args[0]
        if name in SETTING_COMMANDS:
            self.send(SETTING_COMMANDS[name](value))

    # -- data -------------------------------------------------------------------------------------
    def load(self, spec: str, **options) -> None:
        self.send(Pause())
        self.loader.start(spec, **options)

    def cancel_load(self) -> None:
        self.loader.cancel()

    @property
    def edits(self) -> Edits:
        return self.edited.edits if self.edited is not None else Edits()

    def set_edits(self, edits: Edits) -> str:
        """Train on the loaded set changed by ``edits``: a new run on it, sent as a load's data is (the
        earlier run stays on the curves). "" or, in the window's language, why it cannot be."""
        if self.loaded is None:
            return ""
        edited = edit(self.loaded, edits)
        why = problem(edited.labels, self.loaded.dataset.classes)
        if why:
            return tr_message(why)
        self.edited = edited if len(edits) else None
        self.send(Pause())
        if self.viewing is not None:
            self.view_iteration(None)
        self.current = None
        self._loads += 1
        self._handoffs.make(self.loaded, edited, self._loads)  # sent from poll() once made
        if self._held is None:
            self._held = []
        self.data_edited.emit(edited)
        return ""

    # -- training ---------------------------------------------------------------------------------
    def send(self, command) -> None:
        """Any command of :mod:`lrviz.training.commands` to the training process (while an edited
        set's data is being made, held and sent after it, in order: e.g. Play after a change plays
        the new run)."""
        if self._held is not None:
            self._held.append(command)
        else:
            self.worker.send(command)

    def _send_held(self) -> None:
        held, self._held = self._held, None
        for command in held or ():
            self.worker.send(command)

    def view_iteration(self, iteration: int | None) -> None:
        """Show a past iteration in every panel (``None``: follow training live again)."""
        self.viewing = iteration
        self.send(ShowIteration(iteration))

    def branch_point(self) -> int | None:
        """The iteration Play would branch a new run from: a past one being shown (not in a race)."""
        now = self.current
        if self.viewing is None or now is None or now.race or self.viewing >= now.iteration:
            return None
        return self.viewing

    def play(self) -> None:
        """Play; looking back at a past iteration, first a new run from there (a branch, with the α
        and loss of now), and the panels follow it live."""
        k = self.branch_point()
        if k is not None:
            self.send(Branch(k))
            self.view_iteration(None)
        self.send(Play())

    def _display(self, snap: Snapshot) -> Snapshot:
        """What the panels draw: the live snapshot, or its replayed past iteration while scrubbing."""
        v = snap.view
        if self.viewing is None or v is None:
            return snap
        return replace(snap, iteration=v.iteration, cost=v.cost, w=v.w, b=v.b, train_accuracy=v.train_accuracy,
                       test_accuracy=v.test_accuracy, bowl=v.bowl or snap.bowl, detail=v.detail, logits=v.logits,
                       viewing=True)

    @property
    def running(self) -> bool:
        return bool(self.current and self.current.running)

    def model(self) -> LogisticModel | None:
        if self.loaded is None or self.current is None:
            return None
        return LogisticModel(self.current.w, self.current.b, self.loaded.preprocessing, self.loaded.dataset.classes)

    def save_model(self, path: str) -> None:
        model = self.model()
        if model is None:
            raise RuntimeError("nothing trained yet")
        ds = self.loaded.dataset
        save_model(path, model, SavedEdits(self.edits, len(ds.train_labels), ds.spec.path))

    # -- polling (UI thread) ----------------------------------------------------------------------
    def poll(self) -> None:
        event = self.loader.poll()
        if event is not None:
            kind, spec, payload = event
            if kind == "progress":
                self.load_progress.emit(spec, *payload)
            elif kind == "done":
                self._send_held()  # (meant for an edited set this load replaces)
                self.loaded = payload
                self.edited = None
                self.current = None
                self.viewing = None
                self._loads += 1
                self.worker.set_data(payload.handoff, tag=self._loads)
                self._sent = (self._loads, None)
                self.dataset_changed.emit(payload)
                self.load_finished.emit(spec, "")
            else:
                self.load_finished.emit(spec, tr_message(payload))
        if self._handoffs.busy:
            made = self._handoffs.ready(self._loads)
            if isinstance(made, Message):  # not made: the data the process has stays, and is shown again
                self._loads, self.edited = self._sent
                self.data_edited.emit(self.edited or edit(self.loaded, Edits()))
                self._send_held()
                self.message.emit(tr_message(made))
            elif made is not None:
                self.worker.set_data(made, tag=self._loads)
                self._sent = (self._loads, self.edited)
                self._send_held()
        version, snap = self.worker.latest()
        if (version != self._seen and snap is not None and self.loaded is not None
                and snap.data_tag == self._loads):  # never a snapshot of the previous data
            self._seen = version
            if self.current is not None and snap.run != self.current.run and any(
                    k.run == snap.run for k in self.current.kept):  # another run of the family: shown live
                self.viewing = None
            self.current = snap
            self.snapshot.emit(self._display(snap))
            key = (snap.run, snap.iteration)
            if snap.diverged and self._diverged_shown != key:
                self._diverged_shown = key
                self.message.emit(tr_message(snap.diverged))

    def close(self) -> None:
        self.settings.events.disconnect(self._setting_changed)
        self._timer.stop()
        self.loader.cancel()
        self._handoffs.close()
        self.worker.stop()
        self.loader.wait(5.0)
