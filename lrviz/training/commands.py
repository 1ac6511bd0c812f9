"""What the window tells the training process: one small dataclass per command.

A command crosses the pipe as itself (pickled) and is applied between two steps by the one handler
registered for its class in :data:`lrviz.training.process.HANDLERS`. Adding a command is a class
here and a handler there; :meth:`lrviz.training.worker.TrainingWorker.send` and
:meth:`lrviz.ui.session.Session.send` carry any of them.

The process starts from :class:`ProcessSettings` (made by :class:`lrviz.training.settings.Settings`,
where the defaults are), and reports the settings it runs with in every snapshot, so the window can
see that a change arrived.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ProcessSettings:
    """The settings the training process runs with: its first message, and in every snapshot."""

    learning_rate: float
    stop_at: int
    speed: float | None   # steps a second; None: as fast as possible
    loss: str             # the loss training descends
    surface: str          # the loss whose J the bowl draws
    plane: str            # the kind of slice the bowl asks for (lrviz.core.planes.KINDS)


@dataclass(frozen=True)
class Data:
    """New training data (see :mod:`lrviz.training.handoff`); snapshots of it carry ``tag``."""

    items: tuple
    tag: object = None


@dataclass(frozen=True)
class Reset:
    """Back to w = 0, b = 0: a new run; or, with ``start`` = (w, b), a new run from there (the
    learner's own parameters, given to ``lrviz.show``)."""

    start: tuple | None = None


@dataclass(frozen=True)
class Play:
    pass


@dataclass(frozen=True)
class Pause:
    pass


@dataclass(frozen=True)
class Step:
    """Take ``n`` steps, then pause (ignored while playing)."""

    n: int = 1


@dataclass(frozen=True)
class LearningRate:
    """α of the next steps (a race's runs keep their own)."""

    value: float


@dataclass(frozen=True)
class StopAt:
    """Play pauses at this iteration."""

    iteration: int


@dataclass(frozen=True)
class Speed:
    """Steps a second to aim at; None: as fast as possible."""

    steps_per_second: float | None


@dataclass(frozen=True)
class Loss:
    """Train on another loss: a new run from w = 0 (the earlier one stays on the curves)."""

    name: str


@dataclass(frozen=True)
class Surface:
    """Draw the bowl (and the 1-D pictures) with this loss's cost."""

    loss: str


@dataclass(frozen=True)
class Plane:
    """Draw the bowl on this kind of slice (lrviz.core.planes.KINDS), chosen now."""

    kind: str


@dataclass(frozen=True)
class RaceRates:
    """Race these learning rates from w = 0 (two or more), or train one run again (None)."""

    rates: tuple[float, ...] | None


@dataclass(frozen=True)
class Follow:
    """Which run of a race the weights, Math, Predict and the bowl's main path follow."""

    run: int


@dataclass(frozen=True)
class ShowIteration:
    """Replay a past iteration for display (None: back to live); training goes on."""

    iteration: int | None


@dataclass(frozen=True)
class Example:
    """Which training example the formulas' numbers are for."""

    index: int


@dataclass(frozen=True)
class TimeWays:
    """Time one iteration written with loops and vectorised (training waits a few seconds)."""


@dataclass(frozen=True)
class Quit:
    """End the training process."""


# the command that changes each of ProcessSettings' fields while the process runs
SETTING_COMMANDS = {"learning_rate": LearningRate, "stop_at": StopAt, "speed": Speed, "loss": Loss,
                    "surface": Surface, "plane": Plane}
