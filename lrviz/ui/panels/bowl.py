"""The cost bowl J(w, b): the 3-D bowl (or, without OpenGL, the same slice from above) over the
lecture's one-variable pictures, with a title, a legend and an explanation in plain words
(:mod:`lrviz.ui.panels.bowl_words`). Which slice of parameter space is drawn, and when it changes,
is decided in the training process (:mod:`lrviz.core.planes`); a change is said and eased."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer
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
from shiboken6 import Shiboken

from lrviz.core.bowl import Bowl
from lrviz.training.messages import Snapshot
from lrviz.ui.gl import gl_problem as probe_gl
from lrviz.ui.panels import Throttle, view_over_controls
from lrviz.ui.panels import bowl_words as words
from lrviz.ui.panels.bowl2d import ContourMap
from lrviz.ui.panels.bowl3d import SHORT_ARROW, bowl_3d_class
from lrviz.ui.panels.slices import SlicesView

ANNOUNCE_SECONDS = 6.0  # a new slice or a wider view is said this long beside the view's buttons…
ANNOUNCE_STEPS = 100    # …and no more steps later (a fast run leaves it behind at once)


class BowlPanel(QWidget):
    """Title line, the slice and surface menus, the bowl (3-D, or from above), the 1-D pictures
    under it, and their words; ``show_snapshot`` draws the latest bowl."""

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
        self.surface.addItem(self.tr("J with the cross-entropy (what we train)"), "cross_entropy")
        self.surface.addItem(self.tr("J with the squared error (the first guess)"), "squared_error")
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
        self.slices = SlicesView()
        self.tabs = QTabWidget()
        if gl_problem is None:
            self.scene3d = bowl_3d_class()()
            self.view = QWidget.createWindowContainer(self.scene3d, self)
            self.tabs.addTab(self.view, self.tr("3-D bowl"))
        else:
            self.scene3d = None
            self.view = self.contour
        self.tabs.addTab(self.contour, self.tr("Seen from above"))
        self.follow = QCheckBox(self.tr("Follow the point"))
        self.follow.setToolTip(self.tr("Keep the current point in the middle of the view"))
        self.reset_view = QPushButton(self.tr("Reset view"))
        self.reset_view.clicked.connect((self.scene3d or self.contour).reset_camera)
        self.note = QLabel()  # one line beside the view's buttons: its height never changes during a run
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
        """On closing the window: free the scene's GL buffers while its context is current, then
        leave the GL window to its container alone. PySide keeps believing Python owns a window
        given to createWindowContainer, so both deleted it, and the process segfaulted at exit in
        QWindowContainer::toplevelAboutToBeDestroyed (seen with gdb)."""
        scene, self.scene3d = self.scene3d, None
        if scene is None:
            return
        if scene.context() is not None:
            scene.makeCurrent()
            scene.clear()
            scene.doneCurrent()
        Shiboken.invalidate(scene)  # the container deletes it, once

    @property
    def is_3d(self) -> bool:
        return self.view is not self.contour

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
        for view in (self.scene3d, self.contour, self.slices):
            if view is not None:
                view.retranslate()

    def _unavailable(self) -> str:
        return self.tr("3-D view unavailable: {problem}. Showing the same slice from above.").format(
            problem=self.gl_problem)

    def _words_for(self, bowl: Bowl) -> None:
        """The views' axis names: they change only with the kind of plane (and the language)."""
        if self._named == (bowl.plane.kind, bowl.loss):
            return
        self._named = (bowl.plane.kind, bowl.loss)
        names, letters = words.axis_names(bowl), words.letters(bowl)
        j_name = self.tr("J (squared error)") if bowl.loss == "squared_error" else "J"
        if self.scene3d is not None:  # the letters only: the title says what they are, and a long name at
            self.scene3d.set_axis_names(*letters, j_name)  # the box's right edge was cut, or covered the bowl
        self.contour.set_axis_names(*names, letters)
        self.slices.set_axis_names(words.slice_titles(bowl), letters)
        self.plane.setEnabled(not bowl.exact)  # one weight: the plane is the whole space

    def explain(self) -> None:
        QMessageBox.information(self, self.tr("How the bowl is drawn"), self.explanation())

    def explanation(self) -> str:
        return words.explanation(self.bowl, self.n_weights)

    # -- drawing ----------------------------------------------------------------------------------
    def show_snapshot(self, s: Snapshot) -> None:
        if s.bowl is None or (self.is_3d and self.scene3d is None):
            return  # no data yet, or the GL scene was released on closing
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
        follow = self.follow.isChecked()
        if self.scene3d is not None and self.tabs.currentWidget() is self.view:  # hidden: on its tab's return
            self.scene3d.draw(bowl, follow, ease)
        if self.contour.isVisible() or not self.is_3d:
            self.contour.draw(bowl, follow, ease)
        self._note(bowl)
        if self.scene3d is not None:
            # not in the same event-loop pass as the main window's repaint: a 0 ms timer runs after
            # the pending paints, so the UI's other timers get a turn between the two (measured: one
            # pass of both held the UI thread 30-45 ms every frame). The panel is the timer's
            # context, so a window closed meanwhile cancels it.
            QTimer.singleShot(0, self, self._repaint_scene)

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
        if self.bowl is None:
            return
        if self.tabs.currentWidget() is self.contour:
            self.contour.draw(self.bowl)
        elif self.scene3d is not None:
            self.scene3d.draw(self.bowl, self.follow.isChecked())
            self._note(self.bowl)
            self._repaint_scene()

    def _note(self, bowl: Bowl) -> None:
        """The line beside the view's buttons: a new slice or a wider view, said for a few seconds;
        else, in 3-D, whether the next step is too short to see."""
        said, when, at = self._announced
        recent = time.monotonic() - when < ANNOUNCE_SECONDS and bowl.path_iter[-1] - at <= ANNOUNCE_STEPS
        text = said if said and recent else ""
        if not text and self.is_3d and self.scene3d.arrow_length < SHORT_ARROW:
            # no step sizes in this sentence: they change every frame (the 1-D pictures show them), and
            # a label re-wrapping on every frame re-laid out the panel each time
            text = self.tr("Next step too small to see at α = {lr} (to scale)").format(lr=f"{self.learning_rate:g}")
        if self.gl_problem is not None:
            text = self._unavailable() + (" " + text if text else "")
        if self.note.text() != text:
            self.note.setText(text)
            self.note.setToolTip(text)  # the whole sentence where the line is cut

    def _repaint_scene(self) -> None:
        if self.scene3d is not None:  # released when the window closed
            self.scene3d.update()
