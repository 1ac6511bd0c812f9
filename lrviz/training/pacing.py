"""When the training process takes its next steps: Play, Pause, Step n, and the speed asked for.

The clock is injectable, so the pace is testable without waiting for it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from lrviz.core.rate import StepRate


class Pace:
    """Whether training runs, the steps still asked for, and how many are due now."""

    def __init__(self, speed: float | None, clock: Callable[[], float] = time.perf_counter):
        self.clock = clock
        self.running = False
        self.pending = 0          # steps asked for by Step n
        self.speed = speed        # steps a second; None: as fast as possible
        self.chunk = 16           # steps per chunk at full speed, adapted to ~chunk_seconds
        self.rate = StepRate()    # steps a second as taken (the speed asked for is only a target)
        self.paced_since = 0.0
        self.paced_done = 0

    @property
    def busy(self) -> bool:
        return self.running or bool(self.pending)

    def stop(self) -> None:
        self.running, self.pending = False, 0

    def set_speed(self, speed: float | None) -> None:
        self.speed = speed
        self.start_clock()

    def start_clock(self) -> None:
        """The first step is due at once (→ at 1 step a second answers now, not a second later)."""
        lead = 1.0 / self.speed if self.speed else 0.0
        now = self.clock()
        self.paced_since, self.paced_done = now - lead, 0
        self.rate.start(now)

    def wait_time(self) -> float:
        """Seconds until the next step is due (0 at full speed)."""
        if self.speed is None:
            return 0.0
        due_at = self.paced_since + (self.paced_done + 1) / self.speed
        return max(0.0, due_at - self.clock())

    def due(self) -> int:
        """The steps to take now: a chunk at full speed; at a chosen speed the steps its clock has
        reached, but never more than a chunk at once. A speed the machine cannot keep leaves a
        backlog, which is dropped: taken whole, it held the process for seconds (12 s at m = 20,000,
        n = 3,000 and 1000 steps a second), answering neither Pause nor the bowl."""
        if self.speed is None:
            return self.chunk
        # (+ a hair: a step due at this very instant is due, whatever the rounding of the seconds)
        n = int((self.clock() - self.paced_since) * self.speed + 1e-9) - self.paced_done
        if n > self.chunk:  # behind: a chunk now, and the clock starts again from here
            n = self.chunk
            self.paced_since, self.paced_done = self.clock() - n / self.speed, 0
        return n

    def took(self, taken: int, elapsed: float, chunk_seconds: float) -> None:
        """``taken`` steps took ``elapsed`` seconds: counted, and the chunk fitted to ``chunk_seconds``."""
        self.paced_done += taken
        if taken and elapsed > 0:  # what fits in a chunk's time, measured (at any speed)
            self.chunk = int(min(max(taken / elapsed * chunk_seconds, 1), 100_000))
        self.rate.add(self.clock(), taken)
        if self.pending:
            self.pending = max(0, self.pending - taken)
