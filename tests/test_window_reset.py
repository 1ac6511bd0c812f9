"""The window the tests share (conftest's ``window``) is, once reset, what a new window
shows: whatever a test did to it before (tests/window_reset.py)."""

from conftest import need_module

need_module("PySide6")

from ui_helpers import open_window, run_to, snap  # noqa: E402
from window_reset import differences, fingerprint, reset  # noqa: E402


def settled(qtbot, w) -> dict:
    """The fingerprint once the first bowl is drawn and the paced panels have caught up."""
    qtbot.waitUntil(lambda: snap(w) is not None and snap(w).bowl is not None and w.bowl.bowl is not None,
                    timeout=15000)
    qtbot.wait(300)
    return fingerprint(w)


def fresh_settings(tmp_path, name):
    from PySide6.QtCore import QSettings
    settings = QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat)
    settings.setValue("language", "en")
    return settings


def test_a_reset_window_shows_what_a_new_one_shows_whatever_was_done_to_it(qtbot, window, tmp_path):
    from PySide6.QtCore import QPointF

    new = open_window(qtbot, fresh_settings(tmp_path, "new"))
    expected, saved = settled(qtbot, new), sorted(new.settings.allKeys())
    new.close()

    w = window  # the shared window, as the fixture gives it to any test
    try:
        assert not differences(expected, settled(qtbot, w))
        # a test's worth of changes: settings, a run, a race, the past, panels, layout, data
        w.training.lr_edit.setText("0.001")
        w.training.lr_edit.editingFinished.emit()
        w.training.speed.setCurrentIndex(3)
        w.training.n_steps.setValue(25)
        w.bowl.plane.setCurrentIndex(w.bowl.plane.count() - 1)
        run_to(qtbot, w, 40)
        w.curves.history.setValue(20)
        w.curves.log_y.setChecked(True)
        w.curves.cost_plot.setXRange(0, 10, padding=0)
        w.race.rates.setText("0.005, 0.002")
        w.race.start.setChecked(True)
        w.race.follow.setCurrentIndex(1)
        run_to(qtbot, w, 60)
        w.bowl.follow.setChecked(True)
        if w.bowl.is_3d:
            w.bowl.scene3d.setCameraPosition(distance=3, elevation=10, azimuth=5)
            w.bowl.scene3d.moved_by_user = True
        w.math.example.setValue(7)
        w.lesson.next.click()
        w.hint.dismiss()
        w.notice.say("something went wrong")
        w.docks["weights"].hide()
        w.docks["math"].raise_()
        w.tabs.setCurrentIndex(4)
        w.bowl.tabs.setCurrentIndex(w.bowl.tabs.count() - 1)
        photo = tmp_path / "photo.png"
        __import__("PIL.Image", fromlist=["Image"]).new("RGB", (20, 20), (200, 10, 10)).save(photo)
        w.predict.add_paths([str(photo)])
        qtbot.waitUntil(lambda: len(w.predict.mine.cards) == 1, timeout=10000)
        w.resize(1366, 768)
        w.load("builtin:toy")
        qtbot.waitUntil(lambda: w.session.loaded.dataset.source == "builtin:toy", timeout=10000)
        w.curves._hover(w.curves.cost_plot.vb.mapViewToScene(QPointF(5, 0.5)))
        w.bowl.contour._hovered = (0.1, 0.1)  # as its _hover leaves it
        w.statusBar().showMessage("a test's message")
        from PySide6.QtWidgets import QDialog
        QDialog(w).show()  # as a Save dialog stays, hidden, once closed
        w.menus.language_actions["zh_CN"].trigger()
        from lrviz.ui.i18n import TRANSLATIONS
        TRANSLATIONS.set_language("en")  # as a test may, and fail before switching the window back
        assert differences(expected, fingerprint(w))  # (the fingerprint sees these changes)

        settings = fresh_settings(tmp_path, "next")
        reset(qtbot, w, settings)
        found = differences(expected, settled(qtbot, w))
        assert not found, "\n".join(line[:3000] for line in found)
        assert w.settings is settings and sorted(settings.allKeys()) == saved  # what a new window writes
    finally:
        reset(qtbot, w, fresh_settings(tmp_path, "after"))  # (for the next test, as the fixture would)
