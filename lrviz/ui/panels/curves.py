"""Cost and accuracy per iteration, train and test; earlier runs stay as faint, labelled overlays."""

from __future__ import annotations

import math
from functools import partial

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QSizePolicy, QSlider, QWidget
from superqt.utils import signals_blocked

from lrviz.core import losses
from lrviz.core.history import rate_at, thin_rows
from lrviz.core.levels import nice_ceiling
from lrviz.training.messages import Snapshot
from lrviz.ui.i18n import translate
from lrviz.ui.panels import loss_words, view_over_controls
from lrviz.ui.panels.kept import KeptRuns
from lrviz.ui.panels.race import RACE_COLOURS

TRAIN, TEST = "#1f77b4", "#e8710a"
OVERLAY_COLOURS = ["#7f7f7f", "#9467bd", "#2ca02c", "#d62728", "#8c564b", "#e377c2", "#17becf", "#bcbd22"]
MAX_OVERLAYS = 8
MAX_RATE_MARKS = 20  # the latest α changes marked on the cost curve
MARK_LABEL_ROWS = (12, 36)  # px from the plot's top to the centre of an α label; neighbours alternate
LEGEND_TOP = (10, 52)  # px: the cost legend's offset from the top; lower, under the labels, while α marks show
TINY = 1e-300  # log-scale plots need positive costs


def thinned(t: np.ndarray, values: np.ndarray, max_points: int = 3000) -> tuple[np.ndarray, np.ndarray]:
    """(t, values) thinned for drawing, min and max of each stretch kept (core.history.thin_rows)."""
    rows = thin_rows(np.column_stack([t, values]), max_points)
    return rows[:, 0], rows[:, 1]


def lr_label(learning_rates: np.ndarray) -> str:
    """'α = 0.005' or, when the rate changed during the run, 'α = 0.01 → 0.001' (from the
    snapshot's change rows (t, α))."""
    if len(learning_rates) == 0:
        return "α = ?"
    changes = list(learning_rates[:, 1])
    shown = changes if len(changes) <= 3 else [changes[0], "…", changes[-1]]
    return "α = " + " → ".join(v if isinstance(v, str) else f"{v:g}" for v in shown)


def overlay_name(learning_rates: np.ndarray, loss: str) -> str:
    """An earlier run's legend entry: its α, and its loss when it trained on another than the course's."""
    if not losses.get(loss).course:
        return translate("CurvesPanel", "{alpha}, {loss} (earlier)").format(alpha=lr_label(learning_rates),
                                                                             loss=loss_words(loss, "noun"))
    return translate("CurvesPanel", "{alpha} (earlier)").format(alpha=lr_label(learning_rates))


def race_name(learning_rate: float, diverged_at: int | None) -> str:
    """A racing run's legend entry: its α and, once it diverged, where."""
    if diverged_at is None:
        return f"α = {learning_rate:g}"
    return translate("CurvesPanel", "α = {lr} — diverged at {it}").format(lr=f"{learning_rate:g}",
                                                                          it=f"{diverged_at:,}")


def race_accuracy_name(learning_rate: float, diverged_at: int | None) -> str:
    """A racing run's entry in the accuracy plot: which accuracy it is, too (the race draws the
    training set's: a test curve per run would double the lines)."""
    return translate("CurvesPanel", "{run}, train").format(run=race_name(learning_rate, diverged_at))


def named(item: pg.PlotDataItem, namer) -> pg.PlotDataItem:
    """``item`` remembers how to make its legend name (``namer()``): made again after a language switch."""
    item.namer = namer
    return item


def last_iteration(s: Snapshot) -> int:
    return int(s.costs[-1, 0])


def cost_points(s: Snapshot) -> tuple[np.ndarray, np.ndarray]:
    return thinned(s.costs[:, 0], np.maximum(s.costs[:, 1], TINY))


class CurvesPanel(QWidget):
    """The cost and the accuracies against the iteration, train and test, with the α changes marked
    and earlier runs as faint overlays: the lab's figure, growing as training runs. A click on the
    cost curve asks for that iteration everywhere (``view_requested``); the history slider too."""

    redraw_seconds = 1 / 12  # while training runs (ui/frames.py): plenty for a curve, half the paint
    view_requested = Signal(object)  # an iteration to show everywhere, or None for live

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground("w")
        self.cost_plot = self.view.addPlot(row=0, col=0)
        self.acc_plot = self.view.addPlot(row=1, col=0)
        self.acc_plot.setXLink(self.cost_plot)
        # No grid and 1-px pens: under software rendering a translucent grid and 2-px pens made
        # one frame of these plots take 50 ms instead of 11 (the hover readout gives exact values).
        self._label_axes()
        for plot in (self.cost_plot, self.acc_plot):
            for side in ("left", "bottom"):
                plot.getAxis(side).enableAutoSIPrefix(False)  # else J reads "×0.001" with ticks of 200…900
        self.acc_plot.setYRange(0, 100)
        self.cost_legend = self.cost_plot.addLegend(offset=(-10, LEGEND_TOP[0]), brush=(255, 255, 255, 210))
        # (filled: an α mark at the live edge runs behind the legend, not through its words)
        self.acc_plot.addLegend(offset=(-10, -10))

        def curve(plot, colour, namer, symbol=None):
            return named(plot.plot([], [], pen=pg.mkPen(colour, width=1), name=namer(), symbol=symbol, symbolSize=5,
                                   symbolBrush=colour, symbolPen=None, clipToView=True), namer)

        train, test = (lambda: self.tr("train")), (lambda: self.tr("test"))
        self.train_cost = curve(self.cost_plot, TRAIN, train)
        self.test_cost = curve(self.cost_plot, TEST, test)
        self.train_acc = curve(self.acc_plot, TRAIN, train)
        self.test_acc = curve(self.acc_plot, TEST, test)
        for item in (self.train_cost, self.train_acc):  # the training J (the bowl's) in front of the test's
            item.setZValue(1)  # zig-zag, which is the louder one on the course's data
        self.start_hint = pg.TextItem(self._start_text(), color="#555", anchor=(0.5, 0.5))
        self.start_hint.setPos(5, 0.5)  # the middle of the first view (iterations 0…10, J 0…1)
        self.cost_plot.addItem(self.start_hint, ignoreBounds=True)
        self.cursor = pg.InfiniteLine(angle=90, pen=pg.mkPen("#999", style=pg.QtCore.Qt.PenStyle.DashLine))
        self.cursor.hide()
        self.cost_plot.addItem(self.cursor, ignoreBounds=True)
        self.overlays: list[pg.PlotDataItem] = []
        self.marker = pg.InfiniteLine(angle=90, pen=pg.mkPen("#d62728", width=1))
        self.marker.hide()
        self.cost_plot.addItem(self.marker, ignoreBounds=True)
        self.history = QSlider(Qt.Orientation.Horizontal)
        self.history.setToolTip(self.tr("Drag to see any past iteration in every panel (the bowl, the weights, "
                                        "the numbers)"))
        self.history.setMinimumWidth(160)
        self.live = QPushButton(self.tr("Live"))
        self.live.setToolTip(self.tr("Follow training again"))
        self.live.setEnabled(False)
        self.history.valueChanged.connect(self._slid)
        self.live.clicked.connect(lambda: self.view_requested.emit(None))

        self.log_y = QCheckBox(self.tr("Log cost"))
        self.log_y.setToolTip(self.tr("Show the cost on a logarithmic axis"))
        self.log_y.toggled.connect(self._log_toggled)
        self.kept = KeptRuns(self.cost_plot, self.train_cost, self)  # branches and the runs they left; the Runs menu
        self.kept.clear_requested.connect(self.clear_overlays)
        self.hover = QLabel(self.tr("Hover over the curves to read values"))
        self.hover.setStyleSheet("color:#555")
        self.hover.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # never widens the window
        view_over_controls(self, self.view, self.log_y, self.kept.button, QLabel(self.tr("History")), self.history,
                           self.live, stretch=self.history)
        self.layout().addWidget(self.hover)  # its own line: a long readout neither widens nor gets cut

        self.last: Snapshot | None = None
        self.rate_marks: list[pg.InfiniteLine] = []
        self._marked: bytes = b""
        self._rates = np.empty((0, 2))  # the α changes marked
        self._legend_low = False
        self._range: tuple = ()
        self._few_evals = False
        self.race_costs: list = []   # each racing run's curves (see _draw_race)
        self.race_accs: list = []
        self._race_key: tuple = ()
        self._overlay_top = 0.0  # the highest cost among the earlier runs drawn
        self.cost_plot.vb.sigResized.connect(self._place_rate_labels)
        self.view.scene().sigMouseMoved.connect(self._hover)
        self.view.scene().sigMouseClicked.connect(self._clicked)

    # -- language ---------------------------------------------------------------------------------
    def _start_text(self) -> str:
        return self.tr("Press Play (Space), or Step (→) for one step:\neach step adds a point here")

    def _label_axes(self) -> None:
        for plot, label in ((self.cost_plot, self.tr("cost J")), (self.acc_plot, self.tr("accuracy (%)"))):
            plot.setLabel("left", label)
            plot.setLabel("bottom", self.tr("iteration"))

    def retranslate(self) -> None:
        """After a language switch: the axes, the empty plot's hint, the legends and the α marks."""
        self._label_axes()
        self.start_hint.setText(self._start_text())
        for plot in (self.cost_plot, self.acc_plot):
            for sample, label in plot.legend.items:
                namer = getattr(sample.item, "namer", None)
                if namer is not None:
                    sample.item.opts["name"] = namer()
                    label.setText(sample.item.opts["name"])
            plot.legend.updateSize()
        self._marked = b""
        self._mark_rate_changes(self._rates)

    # -- data -------------------------------------------------------------------------------------
    def new_data(self) -> None:
        """Different data: earlier runs are not comparable any more."""
        self.clear_overlays()
        self.kept.clear()
        self._mark_rate_changes(np.empty((0, 2)))
        self.last = None
        self._range = ()
        for item in (self.train_cost, self.test_cost, self.train_acc, self.test_acc):
            item.setData([], [])

    def clear_overlays(self) -> None:
        for item in self.overlays:
            self.cost_plot.removeItem(item)
        self.overlays.clear()
        self._overlay_top = 0.0

    def _keep_as_overlay(self, s) -> None:  # a Snapshot, or a KeptRun of its family
        colour = OVERLAY_COLOURS[len(self.overlays) % len(OVERLAY_COLOURS)]
        # added empty, then filled: pyqtgraph 0.14 fails when a clipToView item arrives with data
        namer = partial(overlay_name, s.learning_rates.copy(), s.loss)
        item = named(self.cost_plot.plot(pen=pg.mkPen(colour, width=1, style=pg.QtCore.Qt.PenStyle.DashLine),
                                         name=namer(), clipToView=True), namer)
        item.setData(*cost_points(s))
        item.setOpacity(0.6)
        finite = s.costs[:, 1][np.isfinite(s.costs[:, 1])]
        self._overlay_top = max(self._overlay_top, float(finite.max()) if len(finite) else 0.0)
        self.overlays.append(item)
        if len(self.overlays) > MAX_OVERLAYS:
            self.cost_plot.removeItem(self.overlays.pop(0))

    def show_snapshot(self, s: Snapshot) -> None:
        last = self.last
        if last is not None and s.run != last.run and not any(k.run == last.run for k in s.kept):  # a new family
            for run in (last, *(k for k in last.kept if k.run != last.run and k.place is not None)):
                if len(run.costs) > 1:
                    self._keep_as_overlay(run)
        self.last = s
        self.kept.show(s)
        with signals_blocked(self.history):  # the slider follows training: no request back
            self.history.setRange(int(s.costs[0, 0]), last_iteration(s))  # a branch's history begins where it left
            self.history.setValue(s.iteration)
        self.live.setEnabled(s.viewing)
        if s.viewing:
            self.marker.setPos(s.iteration)
        if self.marker.isVisible() != s.viewing:  # touching a hidden item still dirties the scene
            self.marker.setVisible(s.viewing)
        self.train_cost.setData(*cost_points(s))
        self._mark_rate_changes(s.learning_rates)
        ev = acc = s.evals
        if not s.viewing and not s.race and (not len(ev) or ev[-1, 0] < s.iteration):
            # the accuracies now, from the snapshot: their curves end where the readouts are (between two
            # evaluations, as at CIFAR-10's size, they ended up to 9 iterations earlier)
            acc = np.vstack([ev, [s.iteration, s.cost, s.train_accuracy, np.nan, s.test_accuracy]])
        has_test = len(ev) and np.isfinite(ev[:, 3]).any()
        self.test_cost.setData(*thinned(ev[:, 0], np.maximum(ev[:, 3], TINY))) if has_test else \
            self.test_cost.setData([], [])
        self.train_acc.setData(*thinned(acc[:, 0], acc[:, 2]))
        self.test_acc.setData(*thinned(acc[:, 0], acc[:, 4])) if has_test else self.test_acc.setData([], [])
        self._draw_race(s)
        fresh = last_iteration(s) == 0 and not s.race
        if self.start_hint.isVisible() != fresh:  # an empty plot says how to fill it
            self.start_hint.setVisible(fresh)
        few = len(ev) < 30  # the first evaluations (one per 10 steps) as dots: a lone point draws no line
        if few != self._few_evals:
            self._few_evals = few
            for item in (self.train_acc, self.test_acc):
                item.setSymbol("o" if few else None)
        self._fit_ranges(s, has_test)

    def _draw_race(self, s: Snapshot) -> None:
        """Several learning rates racing: each run's cost and accuracy in its colour, labelled
        with its α (and, once it diverged, where); the one-run curves step aside meanwhile."""
        runs = s.race or ()
        key = tuple((r.learning_rate, bool(r.diverged), r.iteration if r.diverged else 0) for r in runs) + (s.follow,)
        if key != self._race_key:
            self._race_key = key
            for plot, items in ((self.cost_plot, self.race_costs), (self.acc_plot, self.race_accs)):
                for item in items:
                    plot.removeItem(item)
                items.clear()
            singles = ((self.cost_plot, self.train_cost), (self.cost_plot, self.test_cost),
                       (self.acc_plot, self.train_acc), (self.acc_plot, self.test_acc))
            for plot, item in singles:
                item.setVisible(not runs)
                plot.legend.removeItem(item)
                if not runs:
                    item.opts["name"] = item.namer()  # in the language of now
                    plot.legend.addItem(item, item.opts["name"])
            for i, r in enumerate(runs):
                diverged = r.iteration if r.diverged else None
                namer = partial(race_name, r.learning_rate, diverged)
                pen = pg.mkPen(RACE_COLOURS[i], width=1)  # (wider pens cost 3-5× the paint time in software)
                self.race_costs.append(named(self.cost_plot.plot([], [], pen=pen, name=namer()), namer))
                namer = partial(race_accuracy_name, r.learning_rate, diverged)
                self.race_accs.append(named(self.acc_plot.plot([], [], pen=pen, name=namer()), namer))
        for r, cost, acc in zip(runs, self.race_costs, self.race_accs, strict=True):
            cost.setData(r.costs[:, 0], np.maximum(r.costs[:, 1], TINY))
            acc.setData(r.evals[:, 0], r.evals[:, 2])

    def _fit_ranges(self, s: Snapshot, has_test: bool) -> None:
        """Round ranges that grow in a few jumps (iterations 0…10, …20, …50, …; cost 0…1, …2, …):
        auto-ranging on every frame re-generated all four axes each time, the largest part of a
        frame's cost, and made the curve's scale creep while one watched it."""
        # what is drawn: each racing run's training cost, or the one run's costs
        costs = [r.costs[:, 1] for r in s.race] if s.race else [s.costs[:, 1]] + ([s.evals[:, 3]] if has_test else [])
        values = np.concatenate(costs)
        values = values[np.isfinite(values) & (values > 0)]
        top = max(float(values.max()) if len(values) else 1.0, self._overlay_top, self.kept.top)
        log = self.log_y.isChecked()
        if log:  # decades that hold every cost drawn
            low = float(values.min()) if len(values) else 0.1
            y = (math.floor(math.log10(max(low, TINY))), math.ceil(math.log10(top)))
        else:
            y = (0.0, nice_ceiling(top * 1.02, 0.1))
        last = max([last_iteration(s)] + [r.iteration for r in s.race or ()] + [k.iteration for k in s.kept])
        key = (nice_ceiling(last, 10), y, log)
        if key == self._range:
            return
        self._range = key
        self.cost_plot.setXRange(0, key[0], padding=0.01)
        self.cost_plot.setYRange(*y, padding=0.02 if log else 0)

    def _log_toggled(self, on: bool) -> None:
        self.cost_plot.setLogMode(y=on)
        if self.last is not None:
            self._fit_ranges(self.last, bool(len(self.last.evals)) and np.isfinite(self.last.evals[:, 3]).any())

    def _mark_rate_changes(self, rates: np.ndarray) -> None:
        """A thin line labelled with the new α where the learning rate changed: what the slider did.
        Rebuilt only when the changes differ (they are a handful of rows)."""
        key = rates.tobytes()
        if key == self._marked:
            return
        self._marked, self._rates = key, rates
        for mark in self.rate_marks:
            self.cost_plot.removeItem(mark)
        self.rate_marks = []
        for t, lr in rates[1:][-MAX_RATE_MARKS:]:
            mark = pg.InfiniteLine(float(t), angle=90, pen=pg.mkPen("#9467bd", width=1),
                                   label=self.tr("α = {lr}").format(lr=f"{lr:g}"),
                                   labelOpts={"color": "#6a3d9a", "fill": (255, 255, 255, 220), "movable": False})
            self.cost_plot.addItem(mark, ignoreBounds=True)
            self.rate_marks.append(mark)
        if self._legend_low != bool(self.rate_marks):  # moves only when the first mark comes or the last goes
            self._legend_low = bool(self.rate_marks)
            self.cost_legend.setOffset((-10, LEGEND_TOP[self._legend_low]))
        self._place_rate_labels()

    def _place_rate_labels(self, *_) -> None:
        """Each label a fixed number of pixels under the plot's top (the label's position is a
        fraction of the height), alternating between two rows so that close changes stay readable.
        pyqtgraph keeps a label inside the plot: right of its line, or left of it past the middle."""
        height = max(self.cost_plot.vb.height(), 1.0)
        for i, mark in enumerate(reversed(self.rate_marks)):  # the latest always on the top row
            mark.label.setPosition(min(max(1 - MARK_LABEL_ROWS[i % 2] / height, 0.5), 1.0))

    # -- history ----------------------------------------------------------------------------------
    def _slid(self, value: int) -> None:
        self.view_requested.emit(value)

    def _iteration_at(self, pos) -> int | None:
        s = self.last
        plot = next((p for p in (self.cost_plot, self.acc_plot) if p.sceneBoundingRect().contains(pos)), None)
        if s is None or plot is None:
            return None
        t = int(round(plot.vb.mapSceneToView(pos).x()))
        return t if s.costs[0, 0] <= t <= last_iteration(s) else None

    def _clicked(self, event) -> None:
        t = self._iteration_at(event.scenePos())
        if t is not None:
            self.view_requested.emit(t)

    # -- hover ------------------------------------------------------------------------------------
    def _hover(self, pos) -> None:
        s = self.last
        t = self._iteration_at(pos)
        if t is None:
            self.cursor.hide()
            return
        self.cursor.setPos(t)
        self.cursor.show()
        i = min(np.searchsorted(s.costs[:, 0], t), len(s.costs) - 1)
        if s.costs[i, 0] == t:
            text = self.tr("iteration {t}: J = {cost}").format(t=t, cost=f"{s.costs[i, 1]:.6f}")
        else:  # the middle of a long run is kept as each stretch's lowest and highest cost
            text = self.tr("iteration {t}: J ≈ {cost} (at iteration {at}; click for exact)").format(
                t=t, cost=f"{s.costs[i, 1]:.6f}", at=int(s.costs[i, 0]))
        if len(s.evals):
            row = s.evals[min(np.searchsorted(s.evals[:, 0], t), len(s.evals) - 1)]
            if np.isfinite(row[4]):
                text += "  ·  " + self.tr("at iteration {it}: train {train} %, test {test} % (J test {cost})").format(
                    it=int(row[0]), train=f"{row[2]:.1f}", test=f"{row[4]:.1f}", cost=f"{row[3]:.4f}")
            else:
                text += "  ·  " + self.tr("at iteration {it}: train {train} %").format(it=int(row[0]),
                                                                                     train=f"{row[2]:.1f}")
        rates = s.learning_rates
        if t < last_iteration(s) and len(rates):
            text += f"  ·  α = {rate_at(rates, t):g}"
        self.hover.setText(text + "  ·  " + self.tr("click to see this iteration everywhere"))
