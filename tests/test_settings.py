"""One settings model: validated, evented, the defaults written once, the training process's first
message made from it, and the fields it remembers saved and read back (the window's side is in
test_settings_window.py). Headless: no Qt."""

import dataclasses

import pytest

from lrviz.training.settings import PERSISTED, Settings, default, loss_names


@pytest.mark.parametrize(("name", "bad"), [("learning_rate", 50.0), ("learning_rate", "0.005"),
                                           ("learning_rate", float("nan")), ("stop_at", 0), ("stop_at", 2.5),
                                           ("speed", 3.5), ("loss", "hinge"), ("surface", "hinge"),
                                           ("plane", "sideways"), ("language", "fr"), ("source", "")])
def test_an_unknown_value_is_an_error_and_changes_nothing(name, bad):
    settings = Settings()
    seen = []
    settings.events.connect(seen.append)
    with pytest.raises(ValueError, match=name):
        setattr(settings, name, bad)
    assert getattr(settings, name) == default(name) and not seen
    with pytest.raises(ValueError, match=name):
        Settings(**{name: bad})


def test_a_change_is_one_event_and_the_same_value_none():
    settings = Settings()
    seen = []
    settings.events.stop_at.connect(seen.append)
    settings.stop_at = 25
    settings.stop_at = 25
    assert seen == [25]


def test_the_process_starts_from_the_models_values():
    settings = Settings(learning_rate=0.02, stop_at=25, speed=None, loss=loss_names()[-1], plane="pca")
    first = settings.process_settings()
    assert dataclasses.asdict(first) == {f.name: getattr(settings, f.name) for f in dataclasses.fields(first)}


def test_saved_values_are_read_back_and_a_stale_one_leaves_the_default():
    saved = {"learning_rate": "0.02", "speed": "fastest", "language": "zh_CN", "source": "/data/cats"}
    settings = Settings.from_saved(saved.get)
    assert (settings.learning_rate, settings.speed, settings.language, settings.source) == (0.02, None, "zh_CN",
                                                                                          "/data/cats")
    assert {name: settings.saved(name) for name in PERSISTED} == {**saved, "learning_rate": 0.02}
    stale = Settings.from_saved({"learning_rate": "abc", "speed": "3.5", "language": "fr", "source": ""}.get)
    assert stale == Settings()
