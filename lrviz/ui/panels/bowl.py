"""The cost bowl J(w, b): the 3-D bowl (or, without OpenGL, the same slice from above) over the
lecture's one-variable pictures, with a title, a legend and an explanation in plain words
(:mod:`lrviz.ui.panels.bowl_words`). Which slice of parameter space is drawn, and when it changes,
is decided in the training process (:mod:`lrviz.core.planes`); a change is said and eased."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from superqt import QElidingLabel

from lrviz.core.bowl import Bowl
from lrviz.training.messages import Snapshot
from lrviz.ui.gl import gl_problem as probe_gl
from lrviz.ui.panels import Throttle, add_loss_items, view_over_controls
from lrviz.ui.panels import bowl_words as words
from lrviz.ui.panels.bowl2d import ContourMap
from lrviz.ui.panels.bowl_view import AxisNames, BowlView
from lrviz.ui.panels.slices import SlicesView

ANNOUNCE_SECONDS = 6.0  # a new slice or a wider view is said this long beside the view's buttons…
ANNOUNCE_STEPS = 100    # …and no more steps later (a fast run leaves it behind at once)


class BowlPanel(QWidget):
    """Title line, the slice and surface menus, the bowl's views (3-D and from above, or from above
    only: each a tab, :class:`BowlView`), the 1-D pictures under them, and their words;
    ``show_snapshot`` draws the latest bowl in the view shown."""

    redraw_seconds = 1 / 15  # while training runs (ui/frames.py); moving the camera redraws at once

    def __init__(self, gl_problem: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLabel(self.tr("Cost J(w, b) — waiting for data"))
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.about = QPushButton(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxQuestion),
                                 self.tr("About this picture"))
        self.about.clicked.connect(self.explain)
        self.surface = QComboBox()
        add_loss_items(self.surface, "surface_label")  # J with each registered loss (lrviz.core.losses)
        self.surface.setToolTip(self.tr("Draw the bowl and the curves below it with this loss's cost, on the "
                                        "same slice and path. The lecture's question: why not squared error?"))
        self.plane = QComboBox()
        for text, kind in words.PLANE_CHOICES:
            self.plane.addItem(self.tr(text), kind)
        self.plane.setToolTip(self.tr("Which slice of the weights' space to draw. Along the path × across the "
                                      "valley holds the path's travel and its bounce; the others are the older "
                                      "picture (b and the direction w has moved) and the path's principal "
                                      "components."))
        self.contour = ContourMap()
        self.scene3d = None  # the 3-D view, when GL works (kept for tests and benchmarks to reach)
        if gl_problem is None:  # imported only now: a machine without GL never loads pyqtgraph.opengl
            from lrviz.ui.panels.bowl3d_gl import Bowl3D
            self.scene3d = Bowl3D()
        self.views: list[BowlView] = [v for v in (self.scene3d, self.contour) if v is not None]
        self.slices = SlicesView()
        self.tabs = QTabWidget()
        for view in self.views:
            self.tabs.addTab(view.widget(self), view.tab_title())
        self.follow = QCheckBox(self.tr("Follow the point"))
        self.follow.setToolTip(self.tr("Keep the current point in the middle of the view"))
        self.reset_view = QPushButton(self.tr("Reset view"))
        self.reset_view.clicked.connect(lambda: self.shown_view().reset_camera())
        # one line beside the view's buttons (its height never changes during a run), cut with "…"
        # where the dock is narrow (superqt's eliding label), the whole sentence in its tooltip
        self.note = QElidingLabel()
        self.note.setStyleSheet("color:#6b4e00")
        self.note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # never widens the dock
        self.gl_problem = gl_problem
        if gl_problem is not None:  # no 3-D view to resize: the whole sentence, wrapped
            self.note.setWordWrap(True)
            self.note.setText(self._unavailable())
            self.follow.hide()
        self.lesson = QLabel()
        self.lesson.setWordWrap(True)
        self.lesson.setStyleSheet("background:#eef4fb; color:#1b3a5c; padding:3px; border-radius:3px")
        self.lesson.hide()
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("color:#555")
        for label in (self.lesson, self.legend):  # a little smaller: the 1-D plots keep their room on a laptop
            font = label.font()
            font.setPointSizeF(font.pointSizeF() * 0.92)
            label.setFont(font)
        top = QWidget()
        view_over_controls(top, self.tabs, self.follow, self.reset_view, self.note, stretch=self.note)
        # Every text that may change its number of lines during a run lives in the lower pane, under
        # the 1-D views: a label gaining a line there shrinks those plots, never the 3-D view
        # (resizing its GL window mid-run cost 100 ms and made the bowl jump).
        bottom = QWidget()
        lower = QVBoxLayout(bottom)
        lower.setContentsMargins(0, 0, 0, 0)
        lower.addWidget(self.slices, 1)
        for label in (self.lesson, self.legend):
            lower.addWidget(label)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(top)
        self.split.addWidget(bottom)
        self.split.setStretchFactor(0, 1)  # half and half: on a laptop the words and the 1-D plots need it
        self.split.setStretchFactor(1, 1)
        self.split.setChildrenCollapsible(False)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.about, 0, Qt.AlignmentFlag.AlignTop)
        menus = QHBoxLayout()
        for combo in (self.plane, self.surface):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)  # elided, never widening the dock (the whole item in its list)
            menus.addWidget(combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(header)
        layout.addLayout(menus)
        layout.addWidget(self.split, 1)
        self.tabs.currentChanged.connect(self._tab_shown)
        self.bowl: Bowl | None = None
        self.n_weights = 0
        self.learning_rate = 0.0
        self._named: tuple | None = None  # (kind of plane, loss drawn) the axis names were made for
        self._shown: tuple | None = None  # (run, plane number, frame) last drawn: a change is eased and said
        self._announced = ("", 0.0, 0)    # (what was said, when, at which iteration)
        self._snapshot: Snapshot | None = None
        self._words = Throttle(self, self._set_words)

    def release_gl(self) -> None:
        """On closing the window: each view frees what Qt will not; nothing is drawn after."""
        views, self.views = self.views, []
        for view in views:
            view.release()

    @property
    def is_3d(self) -> bool:
        return self.scene3d is not None

    def shown_view(self) -> BowlView | None:
        """The view whose tab is in front (None once released)."""
        shown = self.tabs.currentWidget()
        return next((v for v in self.views if v.widget(self) is shown), None)

    # -- words ------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        """After a language switch: the texts drawn in the views (axis names, the 3-D labels) and the
        sentences made here; the next snapshot redraws the rest."""
        if self.gl_problem is not None:
            self.gl_problem = probe_gl() or self.gl_problem  # the probe's reason, in the new language
            self.note.setText(self._unavailable())
        self._named = None  # the axis names again, in the new language
        self._announced = ("", 0.0, 0)
        if self.bowl is not None:
            self._words_for(self.bowl)
            self._set_words()
        for i, view in enumerate(self.views):
            self.tabs.setTabText(i, view.tab_title())
            view.retranslate()
        self.slices.retranslate()

    def _unavailable(self) -> str:
        return self.tr("3-D view unavailable: {problem}. Showing the same slice from above.").format(
            problem=self.gl_problem)

    def _words_for(self, bowl: Bowl) -> None:
        """The views' axis names: they change only with the kind of plane (and the language)."""
        if self._named == (bowl.plane.kind, bowl.loss):
            return
        self._named = (bowl.plane.kind, bowl.loss)
        letters = words.letters(bowl)
        names = AxisNames(*words.axis_names(bowl), letters, words.j_name(bowl))
        for view in self.views:
            view.set_names(names)
        self.slices.set_axis_names(words.slice_titles(bowl), letters)
        self.plane.setEnabled(not bowl.exact)  # one weight: the plane is the whole space

    def explain(self) -> None:
        QMessageBox.information(self, self.tr("How the bowl is drawn"), self.explanation())

    def explanation(self) -> str:
        return words.explanation(self.bowl, self.n_weights)

    # -- drawing ----------------------------------------------------------------------------------
    def show_snapshot(self, s: Snapshot) -> None:
        if s.bowl is None or not self.views:
            return  # no data yet, or the views were released on closing
        self.bowl, self.n_weights, self.learning_rate = s.bowl, int(s.w.size), s.learning_rate
        bowl = s.bowl
        self._words_for(bowl)
        shown = (s.run, bowl.plane.number, bowl.frame)
        ease = self._shown is not None and self._shown[0] == s.run and self._shown[1:] != shown[1:]
        if ease:
            self._announced = (words.announcement(bowl, self._shown[1] != shown[1]), time.monotonic(),
                               int(bowl.path_iter[-1]))
        self._shown = shown
        self._snapshot = s
        self._words.request(s.running)  # laying out the words' rich text costs ~5-15 ms: 4 times a second
        view = self.shown_view()  # a hidden view catches up when its tab comes forward
        if view is not None:
            view.draw(bowl, self.follow.isChecked(), ease)
        self._note(bowl)

    def _set_words(self) -> None:
        """The title, the blue box and the legend for the latest snapshot."""
        s = self._snapshot
        if s is None or s.bowl is None:
            return
        bowl = s.bowl
        followed = s.race[s.follow].learning_rate if s.race else None
        title, lesson, legend = words.title(bowl), words.lesson(bowl), words.legend(bowl, s.learning_rate, followed)
        if self.legend.text() != legend:
            self.legend.setText(legend)
        tip = self._racers_tip(s)
        if self.legend.toolTip() != tip:
            self.legend.setToolTip(tip)
        if self.title.text() != title:
            self.title.setText(title)
        if self.lesson.text() != lesson:
            self.lesson.setText(lesson)
            self.lesson.setVisible(bool(lesson))

    def _racers_tip(self, s: Snapshot) -> str:
        """How much of each other run's recent path the slice holds (a race): in the legend's tooltip."""
        if not s.bowl.others or not s.race:
            return ""
        return self.tr("Each other run leaves this slice more or less. Of its recent steps the slice holds: "
                       "{shares}").format(shares=", ".join(f"α = {s.race[p.run].learning_rate:g}: {100 * p.share:.0f} %"
                                                          for p in s.bowl.others))

    def _tab_shown(self) -> None:
        """Each view is drawn only while shown: catch up when its tab comes forward."""
        view = self.shown_view()
        if self.bowl is not None and view is not None:
            view.draw(self.bowl, self.follow.isChecked())
            self._note(self.bowl)

    def _note(self, bowl: Bowl) -> None:
        """The line beside the view's buttons: a new slice or a wider view, said for a few seconds;
        else what the view cannot show (in 3-D, a next step too short to see)."""
        said, when, at = self._announced
        recent = time.monotonic() - when < ANNOUNCE_SECONDS and bowl.path_iter[-1] - at <= ANNOUNCE_STEPS
        text = said if said and recent else ""
        if not text:
            text = next((t for t in (v.note(self.learning_rate) for v in self.views) if t), "")
        if self.gl_problem is not None:
            text = self._unavailable() + (" " + text if text else "")
        if self.note.text() != text:
            self.note.setText(text)
            self.note.setToolTip(text)  # the whole sentence where the line is cut
