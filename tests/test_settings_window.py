"""The window is built from the settings model: its widgets start from it, a change in the model shows in
its widget and reaches the training process, a widget's change goes into the model, and what the
model remembers the window saves and reads back."""

from conftest import need_module

need_module("PySide6")

from lrviz.training.settings import SPEEDS, Settings, default  # noqa: E402


def test_the_widgets_start_from_the_model(qtbot, window):
    from lrviz.ui.panels.training import lr_text
    snap = window.session.current
    assert snap.settings == Settings().process_settings() == window.prefs.process_settings()  # its first state
    t, b = window.training, window.bowl
    assert t.lr_edit.text() == lr_text(default("learning_rate")) and t.stop_at.value() == default("stop_at")
    assert t.speed.currentData() == default("speed") and t.loss.currentData() == default("loss")
    assert b.surface.currentData() == default("surface") and b.plane.currentData() == default("plane")
    assert [t.speed.itemData(i) for i in range(t.speed.count())] == list(SPEEDS)


def test_a_change_in_the_model_shows_in_its_widget_and_reaches_the_process(qtbot, window):
    t, b = window.training, window.bowl
    widgets = {"learning_rate": lambda: t.learning_rate, "stop_at": t.stop_at.value, "speed": t.speed.currentData,
               "loss": t.loss.currentData, "surface": b.surface.currentData, "plane": b.plane.currentData}
    for name, value in [("stop_at", 25), ("learning_rate", 0.02), ("speed", 5.0), ("loss", "squared_error"),
                        ("surface", "squared_error"), ("plane", "pca")]:
        setattr(window.prefs, name, value)
        assert widgets[name]() == value, name
        qtbot.waitUntil(lambda name=name, value=value: getattr(window.session.current.settings, name) == value,
                        timeout=10000)
    assert window.session.current.settings == window.prefs.process_settings()


def test_a_widget_changes_the_model_and_what_is_remembered_is_saved(qtbot, settings):
    from ui_helpers import open_window
    first = open_window(qtbot, settings)
    first.training.speed.setCurrentIndex(first.training.speed.findData(20.0))
    first.training.stop_at.setValue(30)
    first.bowl.surface.setCurrentIndex(first.bowl.surface.findData("squared_error"))
    assert (first.prefs.speed, first.prefs.stop_at, first.prefs.surface) == (20.0, 30, "squared_error")
    assert float(settings.value("speed")) == 20.0 and settings.value("stop_at") is None  # saved as it changes
    first.close()
    again = open_window(qtbot, settings)
    assert again.prefs.speed == 20.0 and again.training.speed.currentData() == 20.0  # remembered
    assert again.prefs.stop_at == default("stop_at")  # not remembered: a new start stops at the lab's count


def test_stop_at_set_before_the_first_play_reaches_the_process(qtbot, window):
    window.prefs.speed = None
    window.prefs.stop_at = 25  # no widget touched: the model alone
    assert window.training.stop_at.value() == 25
    window.training.play_button.click()
    qtbot.waitUntil(lambda: window.session.current.iteration == 25 and not window.session.current.running,
                    timeout=15000)
    qtbot.wait(200)
    assert window.session.current.iteration == 25 and window.session.current.stop_at == 25
