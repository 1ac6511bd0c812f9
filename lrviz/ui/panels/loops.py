""""No for loop over the data set": one iteration written three ways (two loops, one loop, none),
each with its code, timed once on the loaded data in the training process (so the window stays
responsive), with the times and the ratios side by side."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from lrviz.core.vectorize import WAYS, Timing, code_of

CODE_STYLE = "background:#f6f8fa; border:1px solid #ddd; padding:4px; font-family:monospace; font-size:9pt"


def seconds(t: float) -> str:
    return f"{t:.3g} s" if t >= 1 else f"{t * 1e3:.3g} ms" if t >= 1e-3 else f"{t * 1e6:.3g} µs"


class LoopsView(QWidget):
    measure_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.intro = QLabel(self.tr("The same gradient-descent iteration, three ways. The lecture's point: "
                                    "never loop over the examples in Python — let numpy do all m at once. "
                                    "(Here X holds one example per row, m × n, so X[i] is example i; the "
                                    "lecture's X is the same numbers as columns, n × m.)"))
        self.intro.setWordWrap(True)
        self.button = QPushButton(self.tr("Measure on this data"))
        self.button.setToolTip(self.tr("Times one iteration each way on the loaded training set (training "
                                       "pauses for a few seconds while it runs)"))
        self.button.clicked.connect(self._asked)
        self.status = QLabel(self.tr("Not measured yet."))
        self.status.setWordWrap(True)
        grid = QGridLayout()
        self.times: dict[str, QLabel] = {}
        self.titles: dict[str, QLabel] = {}
        for row, (name, fn) in enumerate(WAYS.items()):  # one above the other: code needs the width
            self.titles[name] = title = QLabel(f"<b>{escape(self._title(name))}</b>")
            code = QLabel(f"<pre style='margin:0'>{escape(code_of(fn))}</pre>")
            code.setTextFormat(Qt.TextFormat.RichText)
            code.setStyleSheet(CODE_STYLE)
            code.setAlignment(Qt.AlignmentFlag.AlignTop)
            code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.times[name] = QLabel("—")
            self.times[name].setWordWrap(True)
            grid.addWidget(title, 3 * row, 0)
            grid.addWidget(self.times[name], 3 * row + 1, 0)
            grid.addWidget(code, 3 * row + 2, 0)
        # the words above the code, wrapped to the view's width: inside the scrolled area they wrapped
        # to the code's width and ran past a narrow view's edge ("never loop ov" at 1366 × 768)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addLayout(grid)
        inner_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 0, 0)
        layout.addWidget(self.intro)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)
        self._shown: tuple | None = None

    def _title(self, name: str) -> str:
        return {"two loops": self.tr("Two loops: over examples and features"),
                "one loop": self.tr("One loop: over the examples"),
                "vectorised": self.tr("Vectorised: no loop")}[name]

    def _asked(self) -> None:
        self.button.setEnabled(False)
        self.status.setText(self.tr("Measuring in the training process…"))
        self.measure_requested.emit()

    def new_data(self) -> None:
        self._shown = None
        for label in self.times.values():
            label.setText("—")
        self.status.setText(self.tr("Not measured yet."))
        self.button.setEnabled(True)

    def show_snapshot(self, s) -> None:
        """A :class:`~lrviz.ui.panels.view.SnapshotView`: the timings the snapshot carries, once
        measured (drawn again only when they change)."""
        self.show_timings(s.timings)

    def show_timings(self, timings: tuple[Timing, ...] | None) -> None:
        if not timings or timings == self._shown:
            return
        self._shown = timings
        self.button.setEnabled(True)
        self._write(timings)

    def _write(self, timings: tuple[Timing, ...], status: bool = True) -> None:
        fastest = min(t.seconds for t in timings)
        for t in timings:
            name = next(k for k, fn in WAYS.items() if fn.__name__ == t.name)
            how = self.tr(" (timed on {timed} of {m} examples, scaled)").format(timed=t.examples_timed, m=t.m) \
                if t.scaled else ""
            ratio = t.seconds / fastest
            verdict = self.tr("the fastest") if ratio < 1.0001 else \
                self.tr("{ratio}× slower").format(ratio=f"{ratio:,.0f}")
            self.times[name].setText(self.tr("<b>{time}</b> per iteration — {verdict}{how}").format(
                time=seconds(t.seconds), verdict=verdict, how=how))
        if status:
            self.status.setText(self.tr("Measured on this machine with the loaded data (m = {m}).").format(
                m=timings[0].m))

    def retranslate(self) -> None:
        """After a language switch: the ways' titles and the measured times' sentences."""
        for name, title in self.titles.items():
            title.setText(f"<b>{escape(self._title(name))}</b>")
        if self._shown:  # while measuring again the status line says so (the window's walk translated it)
            self._write(self._shown, status=self.button.isEnabled())
