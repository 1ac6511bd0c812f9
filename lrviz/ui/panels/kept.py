"""The runs kept beside the followed one (branches, and the runs they left): dimmed on the cost
curves, each in its colour and labelled with its α and where it started; and the Runs menu under the
curves, to follow, hide or remove each (and Undo, and clearing the faint curves of earlier families).

What a run is comes from the training process (:class:`lrviz.training.messages.KeptRun`); this
module only draws it and says what the learner chose (signals), the window sends the commands."""

from __future__ import annotations

from functools import partial

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QToolButton

from lrviz.core import losses
from lrviz.training.messages import KeptRun, RunStart, Snapshot
from lrviz.ui.i18n import translate
from lrviz.ui.panels import loss_words
from lrviz.ui.panels.race import kept_colour, swatch

KEPT_OPACITY = 0.55  # the runs not followed: dimmed, the followed one's curves in front
TINY = 1e-300


def start_words(start: RunStart | None) -> str:
    """Where a run started, in words: 'from w = 0', 'from model.npz', 'branch of run 1 at iteration 100'."""
    if start is None or start.kind == "zeros":
        return translate("KeptRuns", "from w = 0")
    if start.kind == "own":
        return translate("KeptRuns", "from {name}").format(name=start.name)
    return translate("KeptRuns", "branch of run {run} at iteration {it}").format(run=start.parent,
                                                                                it=f"{start.iteration:,}")


def alpha_words(learning_rates: np.ndarray, now: float) -> str:
    """'α = 0.005', or 'α = 0.01 → 0.001' when the rate changed during the run."""
    rates = [float(v) for v in learning_rates[:, 1]] if len(learning_rates) else [now]
    shown = [f"{v:g}" for v in rates] if len(rates) <= 3 else [f"{rates[0]:g}", "…", f"{rates[-1]:g}"]
    return "α = " + " → ".join(shown)


def run_name(k: KeptRun) -> str:
    """A run's name everywhere (legend, menu, tooltips): its number, α, loss if not the course's, start."""
    loss = "" if losses.get(k.loss).course else ", " + loss_words(k.loss, "noun")
    rate = alpha_words(k.learning_rates, float("nan"))
    return translate("KeptRuns", "run {run}: {alpha}{loss}, {start}").format(run=k.run, alpha=rate, loss=loss,
                                                                            start=start_words(k.start))


def followed_name(s: Snapshot) -> str:
    """The followed run's name, from the snapshot (its rates and start)."""
    k = next((k for k in s.kept if k.run == s.run), None)
    if k is None:
        return ""
    return translate("KeptRuns", "run {run}: {alpha}{loss}, {start}").format(
        run=s.run, alpha=alpha_words(s.learning_rates, s.learning_rate),
        loss="" if losses.get(s.loss).course else ", " + loss_words(s.loss, "noun"), start=start_words(s.start))


class KeptRuns(QObject):
    """The kept runs' curves on ``plot`` (the cost plot) and the Runs button with its menu."""

    follow_requested = Signal(int)
    show_requested = Signal(int, bool)
    remove_requested = Signal(int)
    undo_requested = Signal()
    clear_requested = Signal()  # the faint curves of earlier families

    def __init__(self, plot: pg.PlotItem, followed: pg.PlotDataItem, parent: QObject | None = None):
        """``followed``: the followed run's training-cost curve, whose legend entry names the run."""
        super().__init__(parent)
        self.plot, self.followed = plot, followed
        followed.namer = self.followed_label
        self.items: dict[int, pg.PlotDataItem] = {}  # run → its dimmed cost curve
        self.kept: tuple = ()
        self.snapshot: Snapshot | None = None
        self.run = 0
        self.top = 0.0  # the highest cost drawn among them
        self._key: tuple = ()
        self.button = QToolButton()
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self.button)
        self.button.setMenu(self.menu)
        self.undo_action = QAction(self)
        self.undo_action.triggered.connect(self.undo_requested)
        self._build_menu()

    # -- the curves -------------------------------------------------------------------------------
    def show(self, s: Snapshot) -> None:
        self.run, self.kept, self.snapshot = s.run, s.kept, s
        drawn = {k.run: k for k in s.kept if k.run != s.run and k.place is not None}
        for run in [r for r in self.items if r not in drawn]:
            self.plot.removeItem(self.items.pop(run))
        self.top = 0.0
        for run, k in drawn.items():
            item = self.items.get(run)
            if item is None or item.place != k.place:
                if item is not None:
                    self.plot.removeItem(item)
                # added empty, then filled: pyqtgraph 0.14 fails when a clipToView item arrives with data
                item = self.plot.plot(pen=pg.mkPen(kept_colour(k.place), width=1), name=run_name(k), clipToView=True)
                item.place, item.namer = k.place, partial(self._name_of, run)
                item.setOpacity(KEPT_OPACITY)
                item.setZValue(-1)  # under the followed run's curves
                self.items[run] = item
            if getattr(item, "shown_at", None) != k.iteration:
                item.shown_at = k.iteration
                item.setData(k.costs[:, 0], np.maximum(k.costs[:, 1], TINY))
            finite = k.costs[:, 1][np.isfinite(k.costs[:, 1])]
            self.top = max(self.top, float(finite.max()) if len(finite) else 0.0)
        key = tuple((k.run, k.shown, k.place, k.iteration, tuple(k.learning_rates[:, 1])) for k in s.kept) + \
            (s.run, s.undo_to, s.learning_rates.tobytes())
        if key != self._key:
            self._key = key
            self._build_menu(s)
            self._name_followed()

    def followed_label(self) -> str:
        """The followed run's legend entry: 'train', and which run it is once several are kept."""
        s = self.snapshot
        if s is None or len(s.kept) < 2:
            return translate("CurvesPanel", "train")
        return translate("KeptRuns", "train, {run}").format(run=followed_name(s))

    def _name_followed(self) -> None:
        item, name = self.followed, self.followed_label()
        if item.opts.get("name") == name:
            return
        item.opts["name"] = name
        for sample, label in self.plot.legend.items:
            if sample.item is item:
                label.setText(name)
        self.plot.legend.updateSize()

    def _name_of(self, run: int) -> str:
        k = next((k for k in self.kept if k.run == run), None)
        return run_name(k) if k is not None else ""

    def clear(self) -> None:
        for item in self.items.values():
            self.plot.removeItem(item)
        self.items.clear()
        self.kept, self.top, self._key, self.snapshot = (), 0.0, (), None
        self._build_menu()
        self._name_followed()

    # -- the menu ---------------------------------------------------------------------------------
    def _build_menu(self, s: Snapshot | None = None) -> None:
        """One submenu per run (its colour, name, what can be done with it), then Undo and Clear."""
        menu, kept = self.menu, s.kept if s is not None else ()
        for action in menu.actions():  # the runs' submenus of before: gone now, not left as hidden children
            sub = action.menu()
            if sub is not None:
                sub.setParent(None)
                sub.deleteLater()
        menu.clear()
        self.button.setText(self.tr("Runs ({n})").format(n=len(kept)) if len(kept) > 1 else self.tr("Runs"))
        for k in kept:
            followed = k.run == (s.run if s else None)
            name = followed_name(s) if followed else run_name(k)
            sub = menu.addMenu(QIcon(swatch("#1f77b4" if followed else kept_colour(k.place or 0))),
                               self.tr("{name} (followed)").format(name=name) if followed else name)
            follow = sub.addAction(self.tr("Follow this run (Play trains it)"))
            follow.setEnabled(not followed)
            follow.triggered.connect(partial(self.follow_requested.emit, k.run))
            shown = sub.addAction(self.tr("Show on the curves and the bowl"))
            shown.setCheckable(True)
            shown.setChecked(k.shown or followed)
            shown.setEnabled(not followed)
            shown.toggled.connect(partial(self.show_requested.emit, k.run))
            remove = sub.addAction(self.tr("Remove"))
            remove.setEnabled(len(kept) > 1)
            remove.triggered.connect(partial(self.remove_requested.emit, k.run))
        if kept:
            menu.addSeparator()
        undo_to = s.undo_to if s is not None else None
        self.undo_action.setEnabled(undo_to is not None)
        self.undo_action.setText(self.tr("Undo: back to run {run}").format(run=undo_to) if undo_to is not None
                                 else self.tr("Undo"))
        menu.addAction(self.undo_action)
        clear = menu.addAction(self.tr("Clear earlier runs"))
        clear.setToolTip(self.tr("Remove the faint curves of earlier runs"))
        clear.triggered.connect(self.clear_requested)
        tip = self.tr("The runs kept to compare: scrub back to an iteration, change α or the loss and press Play "
                      "to branch a new run from there; here each can be followed, hidden or removed")
        if s is not None and s.kept:
            tip += "\n" + self.tr("Following {name}").format(name=followed_name(s))
        self.button.setToolTip(tip)

    def retranslate(self) -> None:
        """After a language switch: the menu and the button (the legend's names: the curves panel's)."""
        self._key = ()
        self._build_menu(self.snapshot)
        self._name_followed()
