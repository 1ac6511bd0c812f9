"""One window for the tests, reset before each test to what a window just opened shows.

Opening a window costs a training process (spawned: a fresh Python importing numpy and lrviz), the
widgets, GL, and a first load; ~1 s each on 2 cores, for ~100 tests. The ``window`` fixture
(conftest.py) reuses one window instead, after :func:`reset`: training paused, the
settings model back to the test's settings (the defaults, in English), the test's QSettings in
use, every panel's own state (layout, tabs, checks, the race, the lesson, photos, camera, plots'
ranges) as at the start, and the built-in cats loaded again (a new run on them: the curves, the
bowl and every number start over). :func:`fingerprint` is what a test can see of a window; a test
(tests/test_window_reset.py) checks that a reset window's equals a new one's after a test's worth
of changes. A test that needs a window of its own (to close it, to open it on saved settings)
calls ``open_window(qtbot, settings)``.
"""

from __future__ import annotations

import re

import numpy as np

# runs are numbered by the training process, which a reset keeps: the numbers go on counting
RUN_NUMBER = re.compile(r"\brun \d+")

SPEC = "builtin:cats"  # what a window opens on, with no saved source


def alive(w) -> bool:
    """Whether ``w`` can still be reused: not deleted, and not closed (a test may close it)."""
    from shiboken6 import Shiboken

    from lrviz.ui import teardown
    return w is not None and Shiboken.isValid(w) and w in teardown._open and w.session.worker.alive


def make(qtbot, settings):
    """A new window on ``settings``, to be shared (not closed after the test that made it)."""
    from ui_helpers import OPENED, open_window
    w = open_window(qtbot, settings)
    OPENED.remove(w)
    settle(qtbot, w)
    remember(w)
    return w


def settle(qtbot, w) -> None:
    """Wait for the first bowl, drawn, and for the paced panels to catch up."""
    qtbot.waitUntil(lambda: w.session.current is not None and w.session.current.bowl is not None
                    and w.bowl.bowl is not None, timeout=15000)
    qtbot.wait(200)
    from PySide6.QtCore import QCoreApplication, QEvent
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # e.g. cards replaced


def dispose(w) -> None:
    """Close and delete ``w`` (the shared window, after the last test)."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from shiboken6 import Shiboken
    if Shiboken.isValid(w):
        w.close()
        w.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def reset(qtbot, w, settings) -> None:
    """Bring ``w`` back to what ``MainWindow(settings=settings)`` shows once its data is loaded."""
    from PySide6.QtCore import QCoreApplication, QEvent, Qt
    from PySide6.QtWidgets import QDialog
    from shiboken6 import Shiboken

    from lrviz.training.commands import Example, Follow, Pause, RaceRates, ShowIteration
    from lrviz.training.settings import Settings
    from lrviz.ui.i18n import TRANSLATIONS
    from lrviz.ui.panels import on_screen
    s = w.session
    s.send(Pause())
    s.cancel_load()
    qtbot.waitUntil(lambda: not s.loader.busy, timeout=10000)
    for dialog in w.findChildren(QDialog):  # a message box or Save dialog a test left open
        dialog.reject()
        dialog.deleteLater()  # (the window keeps no dialog of its own: each is made when asked for)
    # the language and the settings model, as the test's settings give them (changes persist into
    # the previous test's settings, not into this one's: a new window writes nothing at start)
    fresh = Settings.from_saved(settings.value)
    shown = next(name for name, action in w.menus.language_actions.items() if action.isChecked())  # its texts'
    if TRANSLATIONS.language != shown:  # a test set the language alone (or failed before switching back)
        TRANSLATIONS.set_language(shown)
    if shown != (fresh.language or "en"):
        w.set_language(fresh.language or "en")
    for name in Settings.__dataclass_fields__:
        setattr(w.prefs, name, getattr(fresh, name))
    w.settings = settings
    # panels: what the user (or a test) may have changed in them
    if w.race.start.isChecked():
        w.race.start.setChecked(False)  # one run again (RaceRates(None), as the button sends)
    w.race._mark("")
    w.race.current_lr = w.prefs.learning_rate
    w.training.set_racing(False)
    for widget, value in w._fresh_inputs:  # the boxes and checks the model does not hold, as they were
        if widget.property("text" if isinstance(value, str) else "checked" if isinstance(value, bool)
                           else "value") != value:
            set_input(widget, value)
    for combo, index, count in w._fresh_combos:  # a choice a test made (e.g. the label added photos get)
        if Shiboken.isValid(combo) and combo.count() == count and combo.currentIndex() != index:
            combo.setCurrentIndex(index)
    s.view_iteration(None)
    for command in (RaceRates(None), Follow(0), Example(0), ShowIteration(None)):
        s.send(command)
    w.curves.clear_overlays()
    qtbot.waitUntil(lambda: not w.predict.timer.isActive(), timeout=10000)  # photos still being decoded
    w.predict.clear()
    w.lesson.go(0)
    w.notice.hide()
    w.training.banner.hide()
    w.hint.setVisible(settings.value("hint_seen") is None)
    w._announce, w._first_load, w._warning = False, None, ""
    w.math.detail = None
    w.bowl._announced = ("", 0.0, 0)
    w.bowl.contour._hovered = w.losscost._hovered_at = None  # a reading under the mouse, said again on retranslating
    for label, text, tip in w._fresh_labels:  # what the new run does not draw stays as it was at the start
        if Shiboken.isValid(label):
            label.setText(text)
            label.setToolTip(tip)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # e.g. the photos' cards
    layout(w)  # before the new run is drawn: a panel tabbed away draws nothing, as in a new window
    # the data: loaded again, a new run from w = 0 (the curves, bowl and numbers start over)
    before = s._loads
    w.load(SPEC)
    qtbot.waitUntil(lambda: s._loads > before and s.current is not None, timeout=15000)
    for plot, auto in w._fresh_ranges:
        if any(auto):
            plot.vb.enableAutoRange(x=auto[0], y=auto[1])
    for label, text, _ in w._fresh_labels:  # a panel tabbed away draws when it comes forward
        if Shiboken.isValid(label) and not on_screen(label):
            label.setText(text)
    if w.bowl.is_3d:
        w.bowl.scene3d.reset_camera()
    w.curves.view.setFocus(Qt.FocusReason.OtherFocusReason)


def layout(w) -> None:
    """The window's size, docks and tabs as a new window has them."""
    for tabs, index in w._fresh_tabs:  # the views' tabs, the bowl's (3-D or map), Predict's
        tabs.setCurrentIndex(index)
    if w.isFullScreen() or w.isMaximized() or w.isMinimized():
        w.showNormal()
    w.resize(1500, 900)
    for dock in w.docks.values():
        dock.setFloating(False)
    w.restoreState(w._fresh_state)  # as laid out when it was first shown
    w.docks["lesson"].raise_()


def inputs(w) -> list:
    """The text boxes, spin boxes and checkable buttons of ``w`` with their values now."""
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QLineEdit, QSpinBox
    out = []
    for widget in w.findChildren(QAbstractSpinBox) + w.findChildren(QLineEdit) + w.findChildren(QAbstractButton):
        if isinstance(widget, QLineEdit) and isinstance(widget.parentWidget(), QAbstractSpinBox):
            continue  # a spin box's own editor
        if isinstance(widget, QLineEdit):
            out.append((widget, widget.text()))
        elif isinstance(widget, QSpinBox):
            out.append((widget, widget.value()))
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            out.append((widget, widget.isChecked()))
    return out


def remember(w) -> None:
    """Kept on a window when it is made: its inputs' first values, its labels' texts and the plots'
    auto-ranging, which :func:`reset` restores."""
    from PySide6.QtWidgets import QComboBox, QLabel, QTabWidget
    w._fresh_inputs = inputs(w)
    w._fresh_combos = [(combo, combo.currentIndex(), combo.count()) for combo in w.findChildren(QComboBox)]
    w._fresh_tabs = [(tabs, tabs.currentIndex()) for tabs in w.findChildren(QTabWidget)]
    w._fresh_state = w.saveState()
    w._fresh_labels = [(label, label.text(), label.toolTip()) for label in w.findChildren(QLabel)]
    w._fresh_ranges = [(plot, list(plot.vb.state["autoRange"])) for plot in plots(w)]


def set_input(widget, value) -> None:
    """Set an input as a user would (its signals tell the window)."""
    if isinstance(value, str):
        widget.setText(value)
        if hasattr(widget, "editingFinished"):
            widget.editingFinished.emit()
    elif isinstance(value, bool):
        widget.setChecked(value)
    else:
        widget.setValue(value)


def plots(w) -> list:
    """Every pyqtgraph PlotItem of the window (a test may fix their ranges)."""
    import pyqtgraph as pg
    return [item for view in w.findChildren(pg.GraphicsView) for item in view.scene().items()
            if isinstance(item, pg.PlotItem)]


def fingerprint(w) -> dict:
    """What a test can see of ``w``: each widget's visibility, enabled state and value or text, the
    dock layout, the settings model, the plots' ranges and items, the 3-D camera, the session's
    state and the snapshot's numbers (a live run at iteration 0 on the same data)."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSlider,
        QComboBox,
        QDialog,
        QLabel,
        QLineEdit,
        QListWidget,
        QScrollBar,
        QSpinBox,
        QTabWidget,
        QWidget,
    )

    from lrviz.ui.panels import on_screen
    seen = {}

    def path(widget) -> str:
        parts = []
        while widget is not None and widget is not w:
            parent = widget.parentWidget()
            siblings = [c for c in (parent.children() if parent else []) if type(c) is type(widget)]
            parts.append(widget.objectName() or f"{type(widget).__name__}{siblings.index(widget) if widget in siblings else ''}")
            widget = parent
        return "/".join(reversed(parts))

    for widget in w.findChildren(QWidget):
        if widget.window() is not w or widget.objectName() in ("ScrollLeftButton", "ScrollRightButton"):
            continue  # a combo box's popup, a dialog; a tab bar's arrows (enabled as it was last laid out)
        if not on_screen(widget) and any(a.objectName().startswith("qt_scrollarea_") for a in ancestry(widget)):
            continue  # a tabbed-away dock's scroll bars: shown or not as its content was last laid out
        state = [widget.isVisibleTo(w), widget.isEnabled(), widget.toolTip()]
        if isinstance(widget, QLabel):
            state.append(widget.text())
        if isinstance(widget, QAbstractButton):
            state += [widget.text(), widget.isChecked()]
        if isinstance(widget, QLineEdit):
            state += [widget.text(), widget.styleSheet()]
        if isinstance(widget, QScrollBar) and not on_screen(widget):
            pass  # its range follows the layout, made again when it is shown
        elif isinstance(widget, (QSpinBox, QAbstractSlider)):
            state += [widget.value(), widget.minimum(), widget.maximum()]
        if isinstance(widget, QComboBox):
            state += [widget.currentIndex(), [widget.itemText(i) for i in range(widget.count())]]
        if isinstance(widget, QTabWidget):
            state.append(widget.currentIndex())
        if isinstance(widget, QListWidget):
            state += [widget.count(), widget.currentRow()]
        seen[path(widget)] = [RUN_NUMBER.sub("run #", x) if isinstance(x, str) else x for x in state]
    for k, plot in enumerate(plots(w)):
        vb = plot.vb
        if not on_screen(plot.getViewWidget()):
            continue  # a view tabbed away is drawn anew when it comes forward
        seen[f"plot{k}"] = [[float(a) for a in vb.state["autoRange"]], vb.state["logMode"], plot.ctrl.logYCheck.isChecked(),
                            sorted(type(i).__name__ for i in plot.items if i.isVisible()),
                            [len(i.getData()[0]) if i.getData()[0] is not None else 0
                             for i in plot.listDataItems()]]
    snap = w.session.current
    seen["window"] = dict(
        state=bytes(w.saveState()), size=(w.width(), w.height()), status=w.statusBar().currentMessage(),
        prefs={n: getattr(w.prefs, n) for n in type(w.prefs).__dataclass_fields__}, focus=type(w.focusWidget()).__name__,
        viewing=w.session.viewing, source=w.session.loaded.dataset.source, tab=w.tabs.currentIndex(),
        dialogs=len(w.findChildren(QDialog)), overlays=len(w.curves.overlays),
        hovered=(w.bowl.contour._hovered, w.losscost._hovered_at),  # read out again on a language switch
        cards=[type(c).__name__ for c in w.predict.findChildren(type(w.predict.mine))
                                                 for c in c.cards], lesson=w.lesson.index,
        camera=w.bowl.is_3d and {k: str(v) for k, v in w.bowl.scene3d.opts.items() if k in ("center", "distance",
                                                                                           "elevation", "azimuth")},
        snapshot=None if snap is None else (snap.iteration, snap.running, snap.cost, snap.learning_rate, snap.stop_at,
                                            snap.viewing, snap.diverged, snap.settings, float(np.abs(snap.w).sum())),
    )
    return seen


def ancestry(widget) -> list:
    """``widget`` and its parents."""
    out = []
    while widget is not None:
        out.append(widget)
        widget = widget.parentWidget()
    return out


def differences(a: dict, b: dict) -> list[str]:
    """What differs between two fingerprints, one line each."""
    flat = [({**x, **{f"window.{k}": v for k, v in x["window"].items()}, "window": None}) for x in (a, b)]
    a, b = flat
    return [f"{key}: {a.get(key)!r} != {b.get(key)!r}" for key in sorted(set(a) | set(b), key=str)
            if a.get(key) != b.get(key)]
