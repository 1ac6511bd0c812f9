"""How much of the bowl to compute, and how often, so that drawing it costs a bounded share of the
training process's time whatever the number of examples m.

A grid of g × g points on the slice costs about m·g² "cells" (one exp each, see
:meth:`lrviz.core.surface.Plane.grid`): 2 million at the course's m = 209 and g = 101, a thousand
million at CIFAR-10's m = 50,000. While training runs, the grid is as fine as ``REFIT_SECONDS``
allows (never coarser than ``MIN_GRID``) and refits come at most every ``MIN_INTERVAL`` seconds, less
often when one takes longer (at most ``REFIT_SHARE`` of the time). When training pauses, the full
``FULL_GRID`` surface is computed a few rows at a time (:class:`GridJob`), so the process still
answers between them. Every value drawn is J exactly, at the drawn grid's points.
"""

from __future__ import annotations

import math

import numpy as np

FULL_GRID = 101       # points per side of the surface when time allows (paused, or small m)
MIN_GRID = 21         # never coarser while running: still a bowl, with contour lines
REFIT_SECONDS = 0.1   # what one refit may cost while training runs
REFIT_SHARE = 0.1     # of the training process's time: refits wait longer when one costs more
MIN_INTERVAL = 1.0    # seconds: no more than one refit a second while running


def grid_size(m: int, cell_seconds: float, budget: float = REFIT_SECONDS, lo: int = MIN_GRID,
              hi: int = FULL_GRID) -> int:
    """Points per side g, lo ≤ g ≤ hi, such that m·g² cells at ``cell_seconds`` each fit ``budget``."""
    if cell_seconds <= 0 or m <= 0:
        return hi
    return min(max(int(math.sqrt(budget / (cell_seconds * m))), lo), hi)


def budgeted_interval(seconds: float, share: float, minimum: float) -> float:
    """Seconds between repeats of work that takes ``seconds``: at least ``minimum``, and long enough
    that it takes at most ``share`` of the time (refits here; the training process's deltas too)."""
    return max(minimum, seconds / share)


def refit_interval(refit_seconds: float, share: float = REFIT_SHARE, minimum: float = MIN_INTERVAL) -> float:
    """Seconds between refits while running."""
    return budgeted_interval(refit_seconds, share, minimum)


class GridJob:
    """J on the grid ``s_values`` × ``t_values`` of ``plane``, computed ``rows`` at a time by
    :meth:`advance`; each row is exactly what ``plane.grid`` gives for it."""

    def __init__(self, plane, s_values: np.ndarray, t_values: np.ndarray):
        self.plane, self.s, self.t = plane, np.asarray(s_values), np.asarray(t_values)
        self.J = np.empty((len(self.s), len(self.t)))
        self.rows_done = 0

    @property
    def done(self) -> bool:
        return self.rows_done >= len(self.s)

    def cells(self, rows: int = 1) -> int:
        """The cost of ``rows`` rows, in cells (m per grid point)."""
        return rows * len(self.t) * len(self.plane.y)

    def advance(self, rows: int = 1) -> None:
        start = self.rows_done
        stop = min(start + max(1, int(rows)), len(self.s))
        self.J[start:stop] = self.plane.grid(self.s[start:stop], self.t)
        self.rows_done = stop
