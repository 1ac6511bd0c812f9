"""The lesson guide's texts, one JSON file per language (``en.json``, ``zh_CN.json``): what each part
says, its button, and the actions that set the window up to show it."""

from __future__ import annotations

import json
from pathlib import Path

from lrviz.core import losses

HERE = Path(__file__).resolve().parent
ACTIONS = {"load", "lr", "reset", "show", "steps", "speed", "play", "surface"}


def load_lesson(language: str = "en") -> dict:
    """The lesson in ``language`` (a file name such as "en" or "zh_CN"); English if there is none."""
    path = HERE / f"{language}.json"
    if not path.is_file():
        path = HERE / "en.json"
    lesson = json.loads(path.read_text(encoding="utf-8"))
    for part in lesson["parts"]:
        unknown = set(part["actions"]) - ACTIONS
        if unknown:
            raise ValueError(f"{path.name}: part {part['title']!r} has unknown actions {sorted(unknown)}")
        if "surface" in part["actions"]:  # the bowl's cost: a registered loss, or the file is refused
            try:
                losses.get(part["actions"]["surface"])
            except losses.UnknownLoss as e:
                raise ValueError(f"{path.name}: part {part['title']!r}: {e}") from None
    return lesson


def languages() -> list[str]:
    return sorted(p.stem for p in HERE.glob("*.json"))
