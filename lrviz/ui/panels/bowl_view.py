"""What the bowl panel asks of each of its views (as ndv's ``views/bases``): the panel holds a list
of them — the 3-D bowl when GL works, the map seen from above always — and gives each the same
bowl. What every view does alike is written here once: a changed surface is eased in (never a
jump), the other runs of a race are drawn in their colours, and the followed run's path takes its
colour. A view supplies only its drawing: the surface, the marks, one racer, and one frame of its
easing.

Adding a view: subclass :class:`BowlView` beside a Qt widget or window, fill in the ``_draw_*``
methods and ``tab_title``, and append it to ``BowlPanel.views``; nothing else in the panel changes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from lrviz.core.bowl import Bowl, RacePath
from lrviz.ui.panels.race import followed_run, path_colour, race_colour, shown_items

EASE_INTERVAL_MS = 16  # one frame of an easing


@dataclass(frozen=True)
class AxisNames:
    """The slice's axes, in the window's language: long names (a flat plot's axis titles), their
    letters (a 3-D box's, and the readings) and J's name (which loss's cost)."""

    s: str
    t: str
    letters: tuple[str, str]
    j: str


class BowlView:
    """A view of the bowl. Mixed into a QWidget or a QWindow (``QTimer(self)`` needs a QObject);
    ``_init_view`` is called from its ``__init__``."""

    ease_frames = 8  # a new surface: this many frames out, as many in

    def _init_view(self) -> None:
        self.bowl: Bowl | None = None
        self.racers: list = []  # the items of each other run of a race, made as needed and reused
        self._bowl_J: np.ndarray | None = None  # the surface drawn
        self._followed: int | None = None  # the race's run drawn as the main path (None: one run)
        self._ease = QTimer(self, interval=EASE_INTERVAL_MS)
        self._ease.timeout.connect(self._ease_step)
        self._eased, self._pending = 0, None

    # -- what the panel calls -----------------------------------------------------------------------
    def tab_title(self) -> str:
        raise NotImplementedError

    def widget(self, parent: QWidget) -> QWidget:
        """What the panel puts in its tab: the view itself when it is a widget."""
        return self

    def set_names(self, names: AxisNames) -> None:
        raise NotImplementedError

    def retranslate(self) -> None:
        """After a language switch: the texts the view draws itself."""

    def reset_camera(self) -> None:
        raise NotImplementedError

    def release(self) -> None:
        """On closing the window: free what Qt will not (GL buffers)."""

    def note(self, learning_rate: float) -> str:
        """A sentence beside the view's buttons about what it cannot show ('' for none)."""
        return ""

    @property
    def easing(self) -> bool:
        return self._ease.isActive()

    def draw(self, bowl: Bowl, follow: bool = False, ease: bool = False) -> None:
        """Draw ``bowl``. ``ease``: its surface is of another plane or range — a short easing out of
        the old surface and into the new one, instead of a jump. ``follow``: keep the current point in
        the middle (where the view can)."""
        if self._ease.isActive():
            self._pending = (bowl, follow)
            return
        if self._bowl_J is None or self._bowl_J.shape != bowl.J.shape or not np.array_equal(self._bowl_J, bowl.J):
            if ease and self._bowl_J is not None:
                self._pending, self._eased = (bowl, follow), 0
                self._ease_started()
                self._ease.start()
                return
            self._bowl_J = bowl.J
            self._draw_surface(bowl)
        self.bowl = bowl
        self._draw_marks(bowl, follow)
        self._draw_racers(bowl)

    # -- what a view draws ------------------------------------------------------------------------
    def _draw_surface(self, bowl: Bowl) -> None:
        raise NotImplementedError

    def _draw_marks(self, bowl: Bowl, follow: bool) -> None:
        """The path, the current point, the next step."""
        raise NotImplementedError

    def _make_racer(self) -> tuple:
        """The items of one other run of a race (added to the view)."""
        raise NotImplementedError

    def _place_racer(self, items: tuple, path: RacePath, colour: str) -> None:
        raise NotImplementedError

    def _colour_path(self, colour: str | None) -> None:
        """The main path's colour: the followed run's in a race, the view's own (None) otherwise."""
        raise NotImplementedError

    def _ease_frame(self, height: float) -> None:
        """One frame of the easing: the surface at ``height`` (1 → 0 out, 0 → 1 in)."""
        raise NotImplementedError

    def _ease_started(self) -> None:
        """Before the first frame of an easing."""

    def _ease_done(self) -> None:
        """After its last frame."""

    # -- alike in every view ----------------------------------------------------------------------
    def _draw_racers(self, bowl: Bowl) -> None:
        """Each other run of a race: its path and its point, in its colour (as on the curves)."""
        for items, path in zip(shown_items(self.racers, len(bowl.others), self._make_racer), bowl.others,
                               strict=True):
            self._place_racer(items, path, path_colour(path))
        followed = followed_run(bowl.others)
        if followed != self._followed:  # the followed run's path takes its colour too
            self._followed = followed
            self._colour_path(None if followed is None else race_colour(followed))

    def _ease_step(self) -> None:
        """One frame: the old surface goes, the new one is put in at the bottom, it comes."""
        self._eased += 1
        if self._eased == self.ease_frames and self._pending is not None:
            bowl = self._pending[0]
            self._bowl_J = bowl.J
            self._draw_surface(bowl)
        self._ease_frame(abs(1.0 - self._eased / self.ease_frames))
        if self._eased >= 2 * self.ease_frames:
            self._ease.stop()
            self._ease_frame(1.0)
            self._ease_done()
            pending, self._pending = self._pending, None
            if pending is not None:
                self.draw(*pending)
