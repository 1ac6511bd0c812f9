"""The app's settings, in one evented model: the defaults are written here and nowhere else.

The window builds its widgets from it and writes the widgets' changes into it; the training process
starts from :meth:`Settings.process_settings` (one message) and is sent each change after that
(:data:`lrviz.training.commands.SETTING_COMMANDS`); the window persists :data:`PERSISTED` through
QSettings, in one place. Every value is checked when it is set: an unknown one is a ValueError.

Evented with psygnal (as napari and ndv are): ``settings.events.stop_at.connect(f)`` calls
``f(new)`` after a change, ``settings.events.connect(f)`` any change; setting the value a field
already has emits nothing. No Qt here, so the model and the process's first message are tested
without a window.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import NamedTuple

from psygnal import evented

from lrviz.core import losses
from lrviz.core.planes import KINDS
from lrviz.core.trainer import LEARNING_RATE
from lrviz.training.commands import ProcessSettings

LR_MIN, LR_MAX = 1e-5, 10.0
STOP_AT_MIN, STOP_AT_MAX = 1, 10_000_000
SPEEDS = (None, 1.0, 2.0, 5.0, 20.0, 100.0, 1000.0)  # steps a second; None: as fast as possible


class Language(NamedTuple):
    """A language the window speaks (its ``lrviz/ui/translations/lrviz_<code>.ts`` holds the texts)."""

    name: str     # in itself, so it is found whatever the current language
    script: str   # the writing system its texts need a font for (a QFontDatabase.WritingSystem name)
    font: str     # where to get such a font on Debian / Ubuntu (apt package), said when it is missing


LANGUAGES = {"en": Language("English", "Latin", "fonts-dejavu-core"),
             "zh_CN": Language("中文 (Chinese)", "SimplifiedChinese", "fonts-noto-cjk")}
PERSISTED = ("learning_rate", "speed", "language", "source")  # remembered from one start to the next


def loss_names() -> tuple[str, ...]:
    """The losses one can train on or draw: every registered one (lrviz.core.losses)."""
    return losses.names()


def _number(value, kind: type) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"expected a finite number, got {value!r}")
    if kind is int and value != int(value):
        raise ValueError(f"expected a whole number, got {value!r}")
    return kind(value)


def _within(low, high) -> Callable:
    kind = type(low)

    def check(value):
        value = _number(value, kind)
        if not low <= value <= high:
            raise ValueError(f"must be between {low:g} and {high:g}, got {value:g}")
        return value
    return check


def _one_of(choices: Callable[[], tuple]) -> Callable:
    def check(value):
        if value not in choices():
            raise ValueError(f"must be one of {', '.join(map(repr, choices()))}, got {value!r}")
        return value
    return check


def _source(value):
    if not isinstance(value, str) or not value:
        raise ValueError(f"a data set is named by a non-empty string, got {value!r}")
    return value


CHECKS = {
    "learning_rate": _within(LR_MIN, LR_MAX),
    "stop_at": _within(STOP_AT_MIN, STOP_AT_MAX),
    "speed": _one_of(lambda: SPEEDS),
    "loss": lambda name: losses.get(name).name,     # an unknown loss: UnknownLoss (a ValueError), naming the
    "surface": lambda name: losses.get(name).name,  # registered ones
    "plane": _one_of(lambda: KINDS),
    "language": _one_of(lambda: (None, *LANGUAGES)),
    "source": _source,
}
# a saved value as QSettings gives it back (a string in an .ini file) → the field's value
FROM_SAVED = {"learning_rate": float, "speed": lambda v: None if v == "fastest" else float(v), "language": str,
              "source": str}


@evented
@dataclass
class Settings:
    """What the learner chose (or the defaults): what the window shows and the process runs with."""

    learning_rate: float = LEARNING_RATE  # the lab's α
    stop_at: int = 2000           # the lab's 2,000 iterations
    speed: float | None = 100.0   # 2,000 iterations in 20 s: slow enough to watch and to drag α mid-run
    loss: str = losses.DEFAULT   # the loss training descends: the course's
    surface: str = losses.DEFAULT  # the loss whose J the bowl draws
    plane: str = "valley"         # the bowl's slice: along the path × across the valley
    language: str | None = None   # None: the system's (Chinese on a Chinese system, else English)
    source: str = "builtin:cats"  # the data set opened at start (once one was loaded: the last one)

    def __setattr__(self, name: str, value) -> None:
        if name in CHECKS:
            try:
                value = CHECKS[name](value)
            except (TypeError, ValueError) as e:
                raise ValueError(f"{name}: {e}") from None
        super().__setattr__(name, value)

    def process_settings(self) -> ProcessSettings:
        """The training process's first message: what it starts with."""
        return ProcessSettings(**{f.name: getattr(self, f.name) for f in fields(ProcessSettings)})

    def saved(self, name: str):
        """The value to persist for ``name`` (QSettings keeps no None: "fastest" is the speed's)."""
        value = getattr(self, name)
        return "fastest" if name == "speed" and value is None else value

    @classmethod
    def from_saved(cls, value_of: Callable[[str], object]) -> Settings:
        """Settings from persisted values (``value_of(name)``, None when there is none). A value no
        longer valid (an older version's, a file edited by hand) leaves the default: a start never
        fails on it."""
        settings = cls()
        for name in PERSISTED:
            raw = value_of(name)
            if raw is not None:
                with contextlib.suppress(TypeError, ValueError):
                    setattr(settings, name, FROM_SAVED[name](raw))
        return settings


def default(name: str):
    """A setting's default, without making a model (e.g. for the command line's options)."""
    return Settings.__dataclass_fields__[name].default
