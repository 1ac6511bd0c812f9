"""Compare learning rates: the lab's closing figure, live. Up to five rates race from w = 0 in
lock-step (Play, Step, Reset, Stop at and Speed act on all); a menu picks the run the weights, the
Math and Predict follow. Colours are shared with the curves and the bowl."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QPushButton, QWidget
from superqt.utils import signals_blocked

from lrviz.core.race import MAX_RUNS
from lrviz.training.settings import default
from lrviz.ui.i18n import translate
from lrviz.ui.panels.training import lr_text, parse_lr

LAB_RATES = (0.01, 0.001, 0.0001)
# one colour per run, in the curves and the bowl alike: bright enough on the bowl's viridis surface
RACE_COLOURS = ("#ff7f0e", "#17becf", "#e377c2", "#bcbd22", "#9467bd")
RED_FRAME = "QLineEdit { border: 2px solid #d62728; }"


def parse_rates(text: str) -> tuple[list[float] | None, str]:
    """([α, …], "") for 2 to 5 distinct rates in range, or (None, why not)."""
    rates: list[float] = []
    for part in text.replace(";", ",").replace(" ", ",").split(","):
        if not part.strip():
            continue
        lr, why = parse_lr(part)  # the slider's box's own rules and words
        if lr is None:
            return None, why
        if lr not in rates:
            rates.append(lr)
    if not 2 <= len(rates) <= MAX_RUNS:
        return None, translate("RacePanel", "give 2 to {n} different learning rates, separated by commas").format(
            n=MAX_RUNS)
    return rates, ""


def shown_items(items: list, count: int, make) -> list:
    """The first ``count`` of ``items`` (tuples of plot items, made with ``make()`` as needed) shown,
    the rest hidden: each other run of a race keeps its items from frame to frame."""
    while len(items) < count:
        items.append(make())
    for k, group in enumerate(items):
        for item in group:
            item.setVisible(k < count)
    return items[:count]


def followed_run(others) -> int | None:
    """Which run of a race the bowl's own path belongs to: the one not among ``others`` (None: one run)."""
    if not others or any(getattr(p, "kept", False) for p in others):  # kept runs: the path keeps its own colour
        return None
    return ({*range(len(others) + 1)} - {p.run for p in others}).pop()


def race_colour(run: int) -> str:
    return RACE_COLOURS[run % len(RACE_COLOURS)]


# the runs kept beside the followed one (branches): none is the train curve's blue or the test curve's orange
KEPT_COLOURS = ("#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f")


def kept_colour(place: int) -> str:
    return KEPT_COLOURS[place % len(KEPT_COLOURS)]


def path_colour(path) -> str:
    """The colour of another run's path on the bowl (a RacePath): a kept run's, or a racing run's."""
    return kept_colour(path.run) if getattr(path, "kept", False) else race_colour(path.run)


def swatch(colour: str) -> QPixmap:
    pm = QPixmap(12, 12)
    pm.fill(QColor(colour))
    return pm


class RacePanel(QWidget):
    race_requested = Signal(object)  # [α, …] to race, or None to go back to one run
    follow_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rates = QLineEdit(", ".join(f"{lr:g}" for lr in LAB_RATES))
        self.rates.setToolTip(self.tip)
        self.add = QPushButton("+ α")
        self.add.setToolTip(self.tr("Add the learning rate set above (the slider's α) to the list"))
        self.start = QPushButton(self.tr("Race"))
        self.start.setCheckable(True)
        self.start.setToolTip(self.tr("Train one run per learning rate, together, from the same start; "
                                      "press again to go back to one run"))
        self.follow = QComboBox()
        self.follow.setToolTip(self.tr("The run the weights, the Math panel and Predict show"))
        self.follow.setEnabled(False)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel(self.tr("Compare α")), 0, 0)
        grid.addWidget(self.rates, 0, 1, 1, 2)
        grid.addWidget(self.add, 0, 3)
        grid.addWidget(self.start, 1, 0)
        grid.addWidget(QLabel(self.tr("Follow")), 1, 1)
        grid.addWidget(self.follow, 1, 2, 1, 2)
        grid.setColumnStretch(2, 1)
        self.current_lr = default("learning_rate")  # the window keeps it to α in use
        self.add.clicked.connect(self._add_current)
        self.start.toggled.connect(self._toggled)
        self.rates.returnPressed.connect(lambda: self.start.isChecked() and self._toggled(True))
        self.rates.textEdited.connect(lambda _: self._mark(""))
        self.follow.currentIndexChanged.connect(lambda i: i >= 0 and self.follow_changed.emit(i))

    @property
    def tip(self) -> str:
        """The rates box's tooltip while what it holds is fine."""
        return self.tr("2 to {n} learning rates, separated by commas (the lab's: 0.01, 0.001, 0.0001). "
                       "Race starts them all from w = 0, side by side.").format(n=MAX_RUNS)

    def retranslate(self) -> None:
        """After a language switch: the rates box's tooltip (or what is wrong with its rates)."""
        self._mark(parse_rates(self.rates.text())[1] if self.rates.styleSheet() else "")

    @property
    def racing(self) -> bool:
        return self.start.isChecked()

    def _add_current(self) -> None:
        text = self.rates.text().strip().rstrip(",")
        self.rates.setText(f"{text}, {lr_text(self.current_lr)}" if text else lr_text(self.current_lr))
        self._mark("")

    def _mark(self, problem: str) -> None:
        self.rates.setStyleSheet(RED_FRAME if problem else "")
        self.rates.setToolTip(problem or self.tip)

    def _toggled(self, on: bool) -> None:
        if not on:
            self.follow.clear()
            self.follow.setEnabled(False)
            self.race_requested.emit(None)
            return
        rates, problem = parse_rates(self.rates.text())
        self._mark(problem)
        if rates is None:
            with signals_blocked(self.start):
                self.start.setChecked(False)
            return
        with signals_blocked(self.follow):
            self.follow.clear()
            for i, lr in enumerate(rates):
                self.follow.addItem(swatch(RACE_COLOURS[i]), f"α = {lr:g}")
            self.follow.setCurrentIndex(0)
        self.follow.setEnabled(True)
        self.follow_changed.emit(0)
        self.race_requested.emit(rates)
