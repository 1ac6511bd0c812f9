"""Play / pause / step / reset, the learning rate on a log slider, speed, and the live numbers."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)
from superqt.utils import signals_blocked

from lrviz.training.messages import Snapshot
from lrviz.training.settings import LR_MAX, LR_MIN, SPEEDS, STOP_AT_MAX, STOP_AT_MIN, Settings, default
from lrviz.ui.bind import bind_combo, bind_spin
from lrviz.ui.i18n import QT_TRANSLATE_NOOP, tr_message, translate
from lrviz.ui.panels import add_loss_items

# the slider lands on the values people type: 1, 2, 5 in each decade from 1e-5 to 10
LR_VALUES = [float(f"{m}e{e}") for e in range(-5, 1) for m in (1, 2, 5)] + [10.0]
SLIDER_STEPS = len(LR_VALUES) - 1
# the words for each speed of lrviz.training.settings.SPEEDS (listed in its order: "As fast as
# possible" stays one click away, first)
SPEED_NAMES = {None: QT_TRANSLATE_NOOP("TrainingPanel", "As fast as possible"),
               1.0: QT_TRANSLATE_NOOP("TrainingPanel", "1 step / s"),
               2.0: QT_TRANSLATE_NOOP("TrainingPanel", "2 steps / s"),
               5.0: QT_TRANSLATE_NOOP("TrainingPanel", "5 steps / s"),
               20.0: QT_TRANSLATE_NOOP("TrainingPanel", "20 steps / s"),
               100.0: QT_TRANSLATE_NOOP("TrainingPanel", "100 steps / s"),
               1000.0: QT_TRANSLATE_NOOP("TrainingPanel", "1000 steps / s")}


def lr_to_slider(lr: float) -> int:
    """The slider position nearest to ``lr`` (on a log scale)."""
    lr = min(max(lr, LR_MIN), LR_MAX)
    return min(range(len(LR_VALUES)), key=lambda i: abs(math.log10(LR_VALUES[i]) - math.log10(lr)))


def slider_to_lr(pos: int) -> float:
    return LR_VALUES[pos]


def lr_text(lr: float) -> str:
    """α as the box shows it: short, and always the exact value in use (0.00123456789 is not
    shown rounded to 0.00123457)."""
    short = f"{lr:g}"
    return short if float(short) == lr else repr(lr)


def speed_text(speed: float | None) -> str:
    """The speed chosen, said as what it is: a target (the Steps / s readout is the rate measured)."""
    if speed is None:
        return translate("TrainingPanel", "as fast as possible")
    if speed == 1:
        return translate("TrainingPanel", "target 1 step / s")
    return translate("TrainingPanel", "target {speed} steps / s").format(speed=f"{speed:g}")


def parse_lr(text: str) -> tuple[float | None, str]:
    """(α, "") for an acceptable learning rate, or (None, why not)."""
    try:
        lr = float(text.strip().replace(",", "."))
    except ValueError:
        return None, translate("TrainingPanel", "“{text}” is not a number").format(text=text)
    if not (LR_MIN <= lr <= LR_MAX):
        return None, translate("TrainingPanel", "α must be between {low} and {high} (got {text})").format(
            low=f"{LR_MIN:g}", high=f"{LR_MAX:g}", text=text.strip())
    return lr, ""


def state_text(s: Snapshot, speed: float | None = default("speed")) -> str:
    """Where training stands and how to go on, in a sentence (of the live run, also while an
    earlier iteration is being shown)."""
    if s.running:  # no measured rate in it: a line changing every frame re-laid out the dock each time
        return translate("TrainingPanel", "Running, {speed}. Space pauses; drag α to change the step size as it "
                         "goes.").format(speed=speed_text(speed))
    it = int(s.costs[-1, 0]) if s.viewing and len(s.costs) else s.iteration
    if s.diverged:
        return translate("TrainingPanel", "Diverged at iteration {it}: lower α and press Reset.").format(it=f"{it:,}")
    if it == 0:
        return translate("TrainingPanel", "Ready: press Play (Space) to start gradient descent, or → for one step.")
    if it >= s.stop_at:
        return translate("TrainingPanel", "Stopped at iteration {it} (the 'Stop at' value). Raise 'Stop at' and "
                         "press Play to go on, or → for one step.").format(it=f"{it:,}")
    return translate("TrainingPanel", "Paused at iteration {it}. Play goes on; → takes one step.").format(
        it=f"{it:,}")


def fmt(value: float, spec: str) -> str:
    return "—" if value is None or not math.isfinite(value) else format(value, spec)


class TrainingPanel(QWidget):
    """The buttons, and the widgets of the settings training runs with (α, stop at, speed, loss),
    each showing its field of the settings model and writing the user's changes into it."""

    play_toggled = Signal()
    step_requested = Signal(int)
    reset_requested = Signal()
    learning_rate_changed = Signal(float)

    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        # Qt's own media icons: a glyph like ⏸ shows as a box on a machine without the font
        self._icons = {k: self.style().standardIcon(v) for k, v in (
            ("play", QStyle.StandardPixmap.SP_MediaPlay), ("pause", QStyle.StandardPixmap.SP_MediaPause),
            ("step", QStyle.StandardPixmap.SP_MediaSkipForward), ("reset", QStyle.StandardPixmap.SP_MediaSkipBackward))}
        self.play_button = QPushButton(self._icons["play"], self.tr("Play"))
        self.play_button.setToolTip(self.tr("Start or pause gradient descent (Space)"))
        self.step_button = QPushButton(self._icons["step"], self.tr("Step"))
        self.step_button.setToolTip(self.tr("Take one gradient-descent step: w := w − α·dw, "
                                            "b := b − α·db (→)"))
        self.n_steps = QSpinBox(minimum=1, maximum=1_000_000, value=100)
        self.n_steps.setToolTip(self.tr("How many steps Run n takes"))
        self.n_button = QPushButton(self.tr("Run n"))
        self.n_button.setToolTip(self.tr("Take this many steps, then pause"))
        self.reset_button = QPushButton(self._icons["reset"], self.tr("Reset"))
        self.reset_button.setToolTip(self.tr("Back to w = 0, b = 0; the run stays on the curves as a faint "
                                             "overlay (Ctrl+R)"))
        for b in (self.play_button, self.step_button, self.n_button, self.reset_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep Space and → for the window's shortcuts
        buttons = QGridLayout()
        buttons.addWidget(self.play_button, 0, 0)
        buttons.addWidget(self.step_button, 0, 1)
        buttons.addWidget(self.reset_button, 0, 2)
        buttons.addWidget(self.n_steps, 1, 0)
        buttons.addWidget(self.n_button, 1, 1)

        self.lr_slider = QSlider(Qt.Orientation.Horizontal, minimum=0, maximum=SLIDER_STEPS)
        self.lr_slider.setPageStep(3)  # a decade
        self.lr_slider.setToolTip(self.slider_tip)
        # a drag applies α once, where it is let go: one change (one mark on the cost curve), not one
        # per position passed on the way; the box shows the value under the handle meanwhile
        self.lr_slider.setTracking(False)
        self._previewing = False
        self.lr_edit = QLineEdit()
        self.lr_edit.setMaximumWidth(90)
        self.lr_edit.setToolTip(self.edit_tip)
        self.lr_edit.installEventFilter(self)  # Escape: back to the α in use
        self.learning_rate = settings.learning_rate
        lr_row = QHBoxLayout()
        lr_row.addWidget(self.lr_slider, 1)
        lr_row.addWidget(self.lr_edit)
        self.stop_at = QSpinBox(minimum=STOP_AT_MIN, maximum=STOP_AT_MAX, singleStep=100)
        self.stop_at.setToolTip(self.tr("Play pauses when training reaches this iteration"))
        self.speed = QComboBox()
        for value in SPEEDS:
            self.speed.addItem(self.tr(SPEED_NAMES[value]), value)
        self.speed.setToolTip(self.tr("Slow it down to follow single steps"))
        self.loss = QComboBox()
        add_loss_items(self.loss, "label")  # every registered loss (lrviz.core.losses), the course's first
        self.loss.setToolTip(self.tr("The loss L(ŷ, y) gradient descent minimises. Another loss starts a new run "
                                     "from w = 0; the run before stays on the cost curves to compare."))
        form = QFormLayout()
        form.addRow(self.tr("Loss L"), self.loss)
        form.addRow(self.tr("Learning rate α"), lr_row)
        form.addRow(self.tr("Stop at iteration"), self.stop_at)
        form.addRow(self.tr("Speed"), self.speed)

        self.readout = {k: QLabel("—") for k in ("iteration", "cost", "train", "test", "rate")}
        numbers = QGridLayout()  # two a row: a laptop's 768 px keep room for the lesson below
        for i, (key, label) in enumerate((("iteration", self.tr("Iteration")), ("cost", self.tr("Cost J")),
                                          ("train", self.tr("Train acc.")), ("test", self.tr("Test acc.")),
                                          ("rate", self.tr("Steps / s")))):
            self.readout[key].setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.readout[key].setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # never widens
            name = QLabel(label)
            name.setToolTip({"cost": self.tr("Cost J(w, b): the average loss over the training examples"),
                             "train": self.tr("Accuracy on the training examples"),
                             "test": self.tr("Accuracy on the test examples"),
                             "iteration": self.tr("Gradient-descent steps taken so far"),
                             "rate": self.tr("Steps a second, measured over the last second while training "
                                             "runs (the Speed list sets a target)")}[key])
            numbers.addWidget(name, i // 2, 2 * (i % 2))
            numbers.addWidget(self.readout[key], i // 2, 2 * (i % 2) + 1)
        numbers.setColumnStretch(1, 1)
        numbers.setColumnStretch(3, 1)
        font = self.readout["cost"].font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        for lab in self.readout.values():
            lab.setFont(font)
        widest, metrics = {"cost": "0.000000", "train": "100.00 %", "test": "100.00 %"}, QFontMetrics(font)
        for key, text in widest.items():  # whole, in any language's layout (Chinese names are wider:
            self.readout[key].setMinimumWidth(metrics.horizontalAdvance(text) + 2)  # "0.58450" lost its 8)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background:#fde2e1; color:#8a1c12; padding:6px; border-radius:4px")
        self.banner.hide()

        self.state = QLabel()  # under the buttons, where the eye is: running, paused, stopped, diverged
        self.state.setWordWrap(True)
        self.state.setStyleSheet("color:#1b3a5c")
        # room for three lines, always: a line that grew when training stopped squeezed the numbers
        # under it (the dock does not grow), and a fixed height never re-lays out the dock
        self.state.setMinimumHeight(3 * self.state.fontMetrics().lineSpacing() + 4)
        self.state.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.state)
        layout.addLayout(form)
        layout.addLayout(numbers)
        layout.addWidget(self.banner)
        layout.addStretch(1)

        self.play_button.clicked.connect(self.play_toggled)
        self.step_button.clicked.connect(lambda: self.step_requested.emit(1))
        self.n_button.clicked.connect(lambda: self.step_requested.emit(self.n_steps.value()))
        self.reset_button.clicked.connect(self.reset_requested)
        self.lr_slider.valueChanged.connect(self._slider_moved)
        self.lr_slider.sliderMoved.connect(self._slider_preview)
        self.lr_slider.sliderReleased.connect(self._slider_released)
        self.lr_edit.editingFinished.connect(self._edited)
        bind_spin(self.stop_at, settings, "stop_at")
        bind_combo(self.speed, settings, "speed")
        bind_combo(self.loss, settings, "loss")
        self.learning_rate_changed.connect(lambda lr: setattr(settings, "learning_rate", lr))
        settings.events.learning_rate.connect(self.set_learning_rate)
        self.set_learning_rate(settings.learning_rate)

    # -- learning rate ----------------------------------------------------------------------------
    @property
    def slider_tip(self) -> str:
        return self.tr("Learning rate α: 1, 2, 5 in each decade from 1e-5 to 10. Takes effect at the next step.")

    @property
    def edit_tip(self) -> str:
        return self.tr("The exact learning rate (1e-5 … 10); Enter to apply")

    def set_learning_rate(self, lr: float) -> None:
        with signals_blocked(self.lr_slider):
            self.lr_slider.setValue(lr_to_slider(lr))
        self._mark(None)
        self.lr_edit.setText(lr_text(lr))
        self.learning_rate = lr
        self.learning_rate_changed.emit(lr)

    def _slider_moved(self, pos: int) -> None:  # keys, wheel, clicks on the groove, and setValue
        self._previewing = False
        self.set_learning_rate(slider_to_lr(pos))

    def _slider_preview(self, pos: int) -> None:
        self._previewing = True
        self._mark(None)
        self.lr_edit.setText(lr_text(slider_to_lr(pos)))

    def _slider_released(self) -> None:  # before the slider's own value follows the handle
        if self._previewing:
            self._previewing = False
            lr = slider_to_lr(self.lr_slider.sliderPosition())
            if lr != self.learning_rate:
                self.set_learning_rate(lr)
            else:  # let go where it was: the box shows the α in use again
                self.lr_edit.setText(lr_text(lr))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (watched is self.lr_edit and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Escape):
            self._mark(None)  # nothing typed is kept that is not in use
            self.lr_edit.setText(lr_text(self.learning_rate))
            return True
        return super().eventFilter(watched, event)

    def _edited(self) -> None:
        lr, why = parse_lr(self.lr_edit.text())
        if lr is None:  # shown, never silently dropped: the α in use stays, the box says why
            self._mark(why + self.tr("; α stays {lr}").format(lr=f"{self.learning_rate:g}"))
        elif lr != self.learning_rate or self.lr_edit.property("invalid"):
            self.set_learning_rate(lr)

    def _mark(self, why: str | None) -> None:
        self.lr_edit.setProperty("invalid", bool(why))
        self.lr_edit.setStyleSheet("border: 2px solid #d62728; background: #fde2e1" if why else "")
        self.lr_edit.setToolTip(why or self.edit_tip)

    # -- drawing ----------------------------------------------------------------------------------
    def set_racing(self, on: bool) -> None:
        """While several learning rates race each run has its own α: the slider waits."""
        for widget, tip in ((self.lr_slider, self.slider_tip), (self.lr_edit, self.edit_tip)):
            widget.setEnabled(not on)
            widget.setToolTip(self.tr("Racing: each run has its own α (Compare α below); press Race again to end "
                                      "the race") if on else tip)

    def show_snapshot(self, s: Snapshot) -> None:
        running = "pause" if s.running else "play"
        text = self.tr("Pause") if s.running else self.tr("Play")
        if self.play_button.text() != text:
            self.play_button.setText(text)
            self.play_button.setIcon(self._icons[running])
        self.readout["iteration"].setText(f"{s.iteration:,}" + (self.tr(" (past)") if s.viewing else ""))
        self.readout["cost"].setText(fmt(s.cost, ".6f"))
        self.readout["train"].setText(fmt(s.train_accuracy, ".2f") + " %")
        self.readout["test"].setText(fmt(s.test_accuracy, ".2f") + " %" if math.isfinite(s.test_accuracy)
                                     else self.tr("no test set"))
        self.readout["rate"].setText(fmt(s.steps_per_second, ",.0f") if s.running else "—")  # measured
        text = state_text(s, self.speed.currentData())
        if s.viewing:  # said here, in the wrapped line of fixed height: the numbers' row never widens
            text = self.tr("Showing iteration {it} from history. Live (under the curves) follows training "
                           "again.").format(it=f"{s.iteration:,}")
        if self.state.text() != text:
            self.state.setText(text)
        self.step_button.setEnabled(not s.running)
        self.n_button.setEnabled(not s.running)
        if s.diverged:
            self.banner.setText(self.tr("Training paused: {why}.").format(why=tr_message(s.diverged)))
            self.banner.show()
        else:
            self.banner.hide()
