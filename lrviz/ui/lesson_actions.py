"""Carry out a lesson part's actions on the window: load the data it needs, set α, reset, bring the
right views forward, set the speed, step or play. Loading is asynchronous, so what follows a load
waits for it to finish."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from lrviz.core import losses
from lrviz.training.commands import Play, Reset, Step


def apply(window, actions: dict) -> None:
    actions = dict(actions)
    wanted = actions.pop("load", None)
    current = window.session.loaded.dataset.source if window.session.loaded else ""
    if wanted == "course":  # pictures: keep the user's own pictures if they have some loaded
        wanted = None if current and current != "builtin:toy" else "builtin:cats"
    if wanted and wanted != current:
        def after(_spec: str, error: str) -> None:
            window.session.load_finished.disconnect(after)
            if not error:
                QTimer.singleShot(200, lambda: _rest(window, actions))  # the first update of the new data
        window.session.load_finished.connect(after)
        window.load(wanted)
        return
    _rest(window, actions)


def _rest(window, actions: dict) -> None:
    s, settings = window.session, window.prefs
    if "lr" in actions:
        settings.learning_rate = float(actions["lr"])
    if actions.get("reset"):
        s.send(Reset())
    if "surface" in actions:  # the bowl's cost: a registered loss's name (an unknown one is an error)
        settings.surface = losses.get(actions["surface"]).name
    for name in actions.get("show", []):
        if name in window.docks:
            window.docks[name].show()
            window.docks[name].raise_()
        elif name in window.views:
            window.tabs.setCurrentWidget(window.views[name])
    if "speed" in actions:
        settings.speed = float(actions["speed"])
    if actions.get("steps"):
        s.send(Step(int(actions["steps"])))
    if actions.get("play"):
        s.send(Play())
