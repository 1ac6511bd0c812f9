"""What the window asks of a view (as ndv's ``views/bases``): a QWidget that draws snapshots.

The window hands each snapshot of the training process (:class:`lrviz.training.messages.Snapshot`)
to every view through its frame pacer (:mod:`lrviz.ui.frames`), so that while training runs the
heavy views take turns; a view says how often it needs drawing then. Everything it shows is asked
of core (``lrviz.core``) with the snapshot's numbers: a view draws, it does not compute the maths.

Adding a view to the central tabs: a module in ``lrviz/ui/panels/`` with a class meeting
:class:`SnapshotView`, one line in :data:`lrviz.ui.main_window.TABS`, and (for File → Save
picture…) one entry in :func:`lrviz.ui.pictures.views`. A view of the bowl is a
:class:`lrviz.ui.panels.bowl_view.BowlView` instead, appended to ``BowlPanel.views``.
"""

from __future__ import annotations

from typing import Protocol

from lrviz.training.messages import Snapshot


class SnapshotView(Protocol):
    """The interface; only :meth:`show_snapshot` is required, the rest is used where a view has it
    (and ``redraw_seconds``, a class attribute: while training runs, drawn at most this often)."""

    def show_snapshot(self, s: Snapshot) -> None:
        """Draw ``s`` (a new run, a step, a past iteration being viewed: ``s.viewing``)."""

    def refresh(self) -> None:
        """Catch up when shown again (a tabbed-away view skips drawing)."""

    def retranslate(self) -> None:
        """Redraw the texts it draws itself in the window's new language."""
