"""Steps a second as measured, not as asked for.

The speed a learner picks is a target: at m = 20,000 and n = 3,000, "1000 steps / s" ran 74 steps
a second, and the window said 1000. :class:`StepRate` counts the steps actually taken over a
sliding window of recent wall-clock time; the clock is passed in, so it is tested without waiting.
"""

from __future__ import annotations

import math
from collections import deque

WINDOW_SECONDS = 1.0  # the rate of about the last second: follows a change of speed within a second
LEAST_SECONDS = 0.25  # less time than this says too little (at 1 step / s: the second step is needed)


class StepRate:
    """``start(now)`` when stepping (re)starts, ``add(now, steps)`` after each batch of steps;
    :attr:`rate` is then the steps a second over the last ``window`` seconds (from the newest mark
    at least that old), or NaN until ``least`` seconds of steps are covered."""

    def __init__(self, window: float = WINDOW_SECONDS, least: float = LEAST_SECONDS):
        self.window, self.least = window, least
        self._marks: deque[tuple[float, int]] = deque()  # (time, steps taken since start)
        self._steps = 0

    def start(self, now: float) -> None:
        self._marks.clear()
        self._marks.append((now, 0))
        self._steps = 0

    def add(self, now: float, steps: int) -> None:
        if not self._marks:
            self.start(now)
        self._steps += steps
        self._marks.append((now, self._steps))
        while len(self._marks) > 2 and self._marks[1][0] <= now - self.window:
            self._marks.popleft()  # the newest mark at least ``window`` old stays as the start

    @property
    def rate(self) -> float:
        if len(self._marks) < 2:
            return math.nan
        (t0, n0), (t1, n1) = self._marks[0], self._marks[-1]
        return (n1 - n0) / (t1 - t0) if t1 - t0 >= self.least else math.nan
