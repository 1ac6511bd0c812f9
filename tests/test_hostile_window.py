"""Hostile files dropped on the real window (issue 9): each gets one clear message naming it, the data
already loaded stays and still trains, nothing is printed; a huge photo's card says what is wrong."""

from conftest import need_module

need_module("PySide6")

from test_hostile_data import cifar_tar, h5_bomb, image_folder, png_declaring  # noqa: E402
from ui_helpers import drop, run_to, snap  # noqa: E402

from lrviz.io.budget import ENV  # noqa: E402


def refused(qtbot, window, path):
    """Drop ``path`` on the window; the status bar's message once the load has failed."""
    assert drop(window, path)
    qtbot.waitUntil(lambda: not window.session.loader.busy
                    and window.statusBar().currentMessage().startswith(f"Could not load: {path}: "), timeout=15000)
    return window.statusBar().currentMessage()


def test_hostile_data_dropped_on_the_window_is_refused_and_the_cats_stay(qtbot, window, tmp_path, capfd,
                                                                         monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    assert window.session.loaded.dataset.source == "builtin:cats"
    run_to(qtbot, window, 10)
    capfd.readouterr()

    bomb = h5_bomb(tmp_path / "bomb.h5")
    message = refused(qtbot, window, bomb)
    assert message.startswith(f"Could not load: {bomb}: declares 1,000,000 images of 64×64×3: 63.5 GB in memory; "
                              "lrviz loads at most ")
    assert message.endswith("use a smaller subset; still on builtin:cats")
    assert window.data.error.isVisible() and str(bomb) in window.data.error.text()

    tar = cifar_tar(tmp_path / "cifar.tar")
    message = refused(qtbot, window, tar)
    assert "declares 10,000,002 images of 32×32×3: 174 GB in memory" in message
    assert message.endswith("; still on builtin:cats")

    folder = image_folder(tmp_path / "photos", 30)
    monkeypatch.setenv(ENV, "0.001")  # 1 MB: the 60 images would take 3.81 MB as 64×64 pixels, features and what each example needs
    message = refused(qtbot, window, folder)
    assert message == (f"Could not load: {folder}: declares 60 images of 64×64×3: 3.81 MB in memory; lrviz loads "
                       f"at most 1 MB (set {ENV} or --max-memory to raise it) — use a smaller subset; "
                       "still on builtin:cats")
    monkeypatch.delenv(ENV)

    assert window.session.loaded.dataset.source == "builtin:cats"
    assert snap(window).iteration == 10  # the run so far is kept, and it goes on
    run_to(qtbot, window, 30)
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err and err == ""


def test_photos_declaring_huge_sizes_get_cards_saying_why(qtbot, window, tmp_path, capfd, monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    panel = window.predict
    huge = png_declaring(tmp_path / "huge.png", 30000, 30000)  # over Pillow's own limit too
    big = png_declaring(tmp_path / "big.png", 8000, 8000)  # 64 MP: over lrviz's limit only
    capfd.readouterr()
    assert drop(panel, [huge, big])
    qtbot.waitUntil(lambda: len(panel.mine.cards) == 2 and panel.job.finished and not panel.timer.isActive(),
                    timeout=15000)
    first, second = panel.mine.cards
    assert first.error.startswith("is 900 megapixels, refused as a possible decompression bomb; "
                                  "lrviz decodes at most ")
    assert second.error.startswith("is 8000×8000 pixels (64 megapixels); lrviz decodes at most ")
    assert first.p is None and second.p is None and capfd.readouterr().err == ""
