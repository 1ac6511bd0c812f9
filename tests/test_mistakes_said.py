"""Mistakes are said, never met with silence or swapped for something else: a data set that cannot be
loaded (from the command line, or remembered from last time) is said over the window's views until the
user acts, and on stderr; nothing else is loaded in its place, and the setting is kept."""

from conftest import need_module

need_module("PySide6")

from test_window import make_folder  # noqa: E402
from ui_helpers import OPENED, open_window  # noqa: E402


def starting_window(qtbot, settings, source=None):
    """A window whose first load may fail (open_window waits for training data)."""
    from lrviz.ui.main_window import MainWindow
    w = MainWindow(settings=settings, source=source)
    OPENED.append(w)
    w.show()
    qtbot.waitUntil(lambda: not w.session.loader.busy and (w.session.loaded or w.notice.isVisible()), timeout=15000)
    return w


def lrviz_lines(capfd) -> list[str]:
    return [line for line in capfd.readouterr().err.splitlines() if line.startswith("lrviz")]


def test_the_data_set_is_saved_by_its_absolute_path_and_a_gone_one_is_said_not_swapped(qtbot, settings, tmp_path,
                                                                                      monkeypatch, capfd):
    root = make_folder(tmp_path / "my cats (2024)", 3)  # its name ends in ")": it used to be cut at " ("
    monkeypatch.chdir(tmp_path)
    first = open_window(qtbot, settings)
    first.load("my cats (2024)")  # typed relative to the folder lrviz was started in
    qtbot.waitUntil(lambda: first.session.loaded.dataset.source == str(root), timeout=10000)
    assert settings.value("source") == str(root)
    first.close()

    monkeypatch.chdir(root / "cat")  # started from elsewhere: the same data set
    again = open_window(qtbot, settings)
    qtbot.waitUntil(lambda: again.session.loaded.dataset.source == str(root), timeout=10000)
    assert not again.notice.isVisible()
    again.close()

    root.rename(tmp_path / "moved")  # gone: said, not swapped for the built-in cats
    capfd.readouterr()
    gone = starting_window(qtbot, settings)
    said = f"The data set used last could not be loaded: {root}: no such file or folder"
    assert gone.session.loaded is None and gone.notice.text.text().startswith(said + ". Nothing is loaded")
    assert lrviz_lines(capfd) == [f"lrviz: error: {said}"]
    qtbot.wait(1600)  # still said (a status-bar line was replaced within 1.5 s), and nothing loaded instead
    assert gone.notice.isVisible() and gone.session.loaded is None and settings.value("source") == str(root)
    assert gone.notice.open_button.isVisible()  # the way to act, at hand
    for button in (gone.training.play_button, gone.training.step_button, gone.training.reset_button):
        button.click()  # with nothing loaded, the controls do nothing, and break nothing
    gone.save_model()
    assert gone.statusBar().currentMessage() == "Nothing to save yet: load data first"
    gone.load("builtin:toy")
    qtbot.waitUntil(lambda: gone.session.loaded is not None, timeout=10000)
    assert not gone.notice.isVisible() and settings.value("source") == "builtin:toy"


def test_a_path_given_to_the_window_that_cannot_be_loaded_is_said_there_and_on_stderr(qtbot, settings, tmp_path,
                                                                                       capfd):
    bad = tmp_path / "cats.h5"
    bad.write_bytes(b"not an HDF5 file")
    capfd.readouterr()
    w = starting_window(qtbot, settings, str(bad))
    text = w.notice.text.text()
    assert w.session.loaded is None and text.startswith(f"Could not load: {bad}: not a readable HDF5 file")
    assert lrviz_lines(capfd) == [f"lrviz: error: {text.split('. Nothing is loaded')[0]}"]
    assert not settings.contains("source")  # nothing was loaded, so nothing is remembered
    from test_io_h5 import good, write
    one = write(tmp_path / "one.h5", **good(30))  # one set: split here, and said so with both counts
    w.load(str(one))
    qtbot.waitUntil(lambda: w.session.loaded is not None, timeout=10000)
    assert not w.notice.isVisible()
    assert w.statusBar().currentMessage().startswith(f"Loaded {one} (seeded 80/20 split): 24 training images "
                                                     "(12 cat), 6 test images (3 cat)")
    assert f"{one} (seeded 80/20 split)" in w.data.summary.text() and "test: 6 images" in w.data.summary.text()


def test_a_start_on_a_folder_whose_question_is_cancelled_says_nothing_is_loaded(qtbot, settings, tmp_path,
                                                                               monkeypatch):
    from PySide6.QtWidgets import QInputDialog
    root = tmp_path / "pets"
    for cls in ("birds", "dogs"):
        (root / cls).mkdir(parents=True)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("", False))  # which is positive? Cancel
    w = starting_window(qtbot, settings, str(root))
    assert w.session.loaded is None and w.notice.text.text().startswith("Nothing is loaded: open a data set")
