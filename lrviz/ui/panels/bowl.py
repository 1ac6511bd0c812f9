"""The cost bowl J(w, b): the 3-D bowl (or, without OpenGL, the same slice from above) over the
lecture's one-variable pictures, with a title, a legend and an explanation in plain words."""

from __future__ import annotations


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
from lrviz.ui.gl import gl_problem as probe_gl
from lrviz.ui.messages import Snapshot
from lrviz.ui.panels import view_over_controls
from lrviz.ui.panels.bowl2d import ContourMap
from lrviz.ui.panels.bowl3d import SHORT_ARROW, bowl_3d_class
from lrviz.ui.panels.slices import SlicesView



class BowlPanel(QWidget):
    redraw_seconds = 1 / 15  # while training runs (ui/frames.py); moving the camera redraws at once
    """Title line, the bowl (3-D, or from above), the 1-D pictures under it, and their words;
    ``show_snapshot`` draws the latest bowl."""

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
        self.lesson.setStyleSheet("background:#eef4fb; color:#1b3a5c; padding:4px; border-radius:3px")
        self.lesson.hide()
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("color:#555")
        top = QWidget()
        view_over_controls(top, self.tabs, self.follow, self.reset_view, self.note, stretch=self.note)
        # Every text that may change its number of lines during a run lives in the lower pane, under
        # the 1-D views: a label gaining a line there shrinks those plots, never the 3-D view
        # (resizing its GL window mid-run cost 100 ms and made the bowl jump).
        bottom = QWidget()
        words = QVBoxLayout(bottom)
        words.setContentsMargins(0, 0, 0, 0)
        words.addWidget(self.slices, 1)
        for label in (self.lesson, self.legend):
            words.addWidget(label)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(top)
        self.split.addWidget(bottom)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.split.setChildrenCollapsible(False)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        side = QVBoxLayout()
        side.addWidget(self.about)
        side.addWidget(self.surface)
        header.addLayout(side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(header)
        layout.addWidget(self.split, 1)
        self.tabs.currentChanged.connect(self._tab_shown)
        self.bowl: Bowl | None = None
        self.n_weights = 0
        self.learning_rate = 0.0
        self._exact: tuple | None = None  # (whole bowl?, loss drawn) the axis names were made for

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
        self._exact = None  # the axis names again, in the new language
        if self.bowl is not None:
            self._words_for(self.bowl)
        for view in (self.scene3d, self.contour, self.slices):
            if view is not None:
                view.retranslate()

    def _unavailable(self) -> str:
        return self.tr("3-D view unavailable: {problem}. Showing the same slice from above.").format(
            problem=self.gl_problem)

    def _words_for(self, bowl: Bowl) -> None:
        """The views' axis names: they change only with the kind of bowl (and the language)."""
        if self._exact == (bowl.exact, bowl.loss):
            return
        self._exact = (bowl.exact, bowl.loss)
        s_name = "w" if bowl.exact else self.tr("w-direction")
        j_name = self.tr("J (squared error)") if bowl.loss == "squared_error" else "J"
        for view in (self.scene3d, self.contour, self.slices):
            if view is not None:
                view.set_axis_names(s_name, "b", *((j_name,) if view is self.scene3d else ()))

    def _legend(self, s: Snapshot) -> str:
        """What each mark of the picture is, in a sentence."""
        bowl = s.bowl
        legend = self.tr("{path} · red ball: now · red arrow: the next step −α·(dw, db), to scale{bottom} · "
                         "floor: contour lines (equal cost)").format(
            path=self.tr("each run's path in its colour (as on the curves)") if bowl.others else
            self.tr("white: the descent path, a dot per iteration at its cost J"),
            bottom=self.tr(" · green: the lowest point") if bowl.bottom is not None else "")
        if not bowl.exact:
            legend += self.tr(" · {share} % of the path lies in this slice; thin drop lines: where it leaves it "
                              "(see About)").format(share=f"{100 * bowl.direction.share:.0f}")
        if bowl.others and s.race:  # a race: every run's path on this slice, in its colour
            legend += self.tr(" · the red ball is the run followed, α = {lr}; share of the others' paths in "
                              "this slice: {shares}").format(
                lr=f"{s.race[s.follow].learning_rate:g}",
                shares=", ".join(f"α = {s.race[p.run].learning_rate:g}: {100 * p.share:.0f} %" for p in bowl.others))
        return legend

    def _title(self, bowl: Bowl) -> str:
        if bowl.loss == "squared_error":
            return self.tr("Squared-error cost J = (1/m) Σ ½(ŷ − y)² over the same two directions")
        if bowl.exact:
            return self.tr("Cost J(w, b) — one weight w and a bias b, so this is the whole bowl")
        return self.tr("Cost J over two directions: b, and the direction in which w has moved so far")

    def _lesson(self, bowl: Bowl) -> str:
        if bowl.loss == "squared_error":
            trained = self.tr("the cross-entropy") if bowl.trained == "cross_entropy" else self.tr("the squared error")
            return self.tr("The first guess, ½(ŷ − y)², on the same slice: look for flat plateaus and sides that "
                           "curve the wrong way — not one round bowl, so gradient descent can stall. That is why "
                           "logistic regression uses the cross-entropy. (The arrow is the step training takes, "
                           "on {loss}.)").format(loss=trained)
        if bowl.bottom is not None:
            return ""
        return self.tr("No bottom here: along this direction the training images can be told apart perfectly, "
                       "so J keeps falling towards 0 as w grows. Gradient descent would go on for ever — "
                       "that is a lesson about this data, not a bug.")

    def explain(self) -> None:
        QMessageBox.information(self, self.tr("How the bowl is drawn"), self.explanation())

    def explanation(self) -> str:
        bowl = self.bowl
        if bowl is not None and bowl.exact:
            return self.tr(
                "This model has one weight w and a bias b, so the cost J(w, b) is exactly this surface: "
                "the lecture's bowl.\n\nAcross: w. Back: b. Up: J, the average loss over the training "
                "examples. Each white dot is one iteration of gradient descent; the red arrow is the next "
                "step −α·(dw, db), drawn to scale. A larger α makes longer steps: too large, and the "
                "point jumps past the bottom to the other side.\n\nBelow the bowl, the same cost along one "
                "variable at a time: J(w) with b held, and J(b) with w held. The dashed line is the tangent; "
                "its slope is the derivative the trainer computed.")
        n = self.n_weights or 12288
        share = 100 * bowl.direction.share if bowl is not None else 100.0
        return self.tr(
            "The model has {n} weights and a bias, so J(w, b) lives in {dims} dimensions — too many to "
            "draw. This picture is a slice through them: it starts at w₀ (where training began) and follows "
            "one direction in weight space, the one in which w has moved so far. Across: how far along that "
            "direction. Back: b. Up: the cost J.\n\nThe other {others} directions are held where they are. "
            "Gradient descent does not have to stay in this slice: {share} % of its path lies in it. Each "
            "white dot is drawn at its iteration's true cost; where the path leaves the slice, a thin orange "
            "line drops from the dot to the surface under it.\n\nThe red arrow is the next step −α·(dw, db), "
            "drawn to scale. When the training images can be told apart perfectly (the course's 209 pictures "
            "can), J has no lowest point along this direction: it keeps falling towards 0 as w grows.\n\n"
            "Below the bowl, J along one variable at a time, with the tangent whose slope is the derivative "
            "the trainer computed.").format(n=f"{n:,}", dims=f"{n + 1:,}", others=f"{max(n - 1, 0):,}",
                                            share=f"{share:.1f}")

    # -- drawing ----------------------------------------------------------------------------------
    def show_snapshot(self, s: Snapshot) -> None:
        if s.bowl is None or (self.is_3d and self.scene3d is None):
            return  # no data yet, or the GL scene was released on closing
        self.bowl, self.n_weights, self.learning_rate = s.bowl, int(s.w.size), s.learning_rate
        bowl = s.bowl
        self._words_for(bowl)
        title, lesson, legend = self._title(bowl), self._lesson(bowl), self._legend(s)
        if self.legend.text() != legend:
            self.legend.setText(legend)
        if self.title.text() != title:
            self.title.setText(title)
        if self.lesson.text() != lesson:
            self.lesson.setText(lesson)
            self.lesson.setVisible(bool(lesson))
        follow = self.follow.isChecked()
        if self.scene3d is not None and self.tabs.currentWidget() is self.view:  # hidden: on its tab's return
            self.scene3d.draw(bowl, follow)
        if self.contour.isVisible() or not self.is_3d:
            self.contour.draw(bowl, follow)
        self._arrow_note(bowl)
        if self.scene3d is not None:
            # not in the same event-loop pass as the main window's repaint: a 0 ms timer runs after
            # the pending paints, so the UI's other timers get a turn between the two (measured: one
            # pass of both held the UI thread 30-45 ms every frame). The panel is the timer's
            # context, so a window closed meanwhile cancels it.
            QTimer.singleShot(0, self, self._repaint_scene)

    def _tab_shown(self) -> None:
        """Each view is drawn only while shown: catch up when its tab comes forward."""
        if self.bowl is None:
            return
        if self.tabs.currentWidget() is self.contour:
            self.contour.draw(self.bowl)
        elif self.scene3d is not None:
            self.scene3d.draw(self.bowl, self.follow.isChecked())
            self._arrow_note(self.bowl)
            self._repaint_scene()

    def _arrow_note(self, bowl: Bowl) -> None:
        if not self.is_3d:
            return
        short = self.scene3d.arrow_length < SHORT_ARROW
        # no step sizes in this sentence: they change every frame (the 1-D pictures show them), and
        # a label re-wrapping on every frame re-laid out the panel each time
        text = self.tr("Next step too small to see at α = {lr} (to scale)").format(
            lr=f"{self.learning_rate:g}") if short else ""
        if self.note.text() != text:
            self.note.setText(text)
            self.note.setToolTip(text)  # the whole sentence where the line is cut

    def _repaint_scene(self) -> None:
        if self.scene3d is not None:  # released when the window closed
            self.scene3d.update()
