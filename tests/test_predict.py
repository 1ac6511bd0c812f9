"""The Predict tab in the real window (pytest-xvfb, or Qt's offscreen platform without a display)."""

import csv

import numpy as np
import pytest
from conftest import need_module
from PIL import Image

need_module("PySide6")

from conftest import features, missing  # noqa: E402
from ui_helpers import drop, image_pixels, run_to, snap  # noqa: E402

from lrviz.core import GradientDescent  # noqa: E402
from lrviz.core import model as M  # noqa: E402


def photos(tmp_path, cats):
    """Two real-looking photos (built-in cat pictures, enlarged), a text file, a truncated JPEG, a folder."""
    big = Image.fromarray(cats.test_images[0]).resize((640, 480), Image.BICUBIC)
    big.save(tmp_path / "a.jpg", quality=92)
    Image.fromarray(cats.test_images[1]).resize((300, 300)).convert("RGBA").save(tmp_path / "b.png")
    (tmp_path / "notes.txt").write_text("not a picture")
    data = (tmp_path / "a.jpg").read_bytes()
    (tmp_path / "cut.jpg").write_bytes(data[: len(data) // 3])
    folder = tmp_path / "more"
    folder.mkdir()
    for i in range(3):
        Image.fromarray(cats.train_images[i]).save(folder / f"{i}.png")
    return [tmp_path / "a.jpg", tmp_path / "b.png", tmp_path / "notes.txt", tmp_path / "cut.jpg", folder]


def cards_done(panel, n):
    return len(panel.mine.cards) == n and (panel.job is None or panel.job.finished) and not panel.timer.isActive()


def test_drops_of_good_and_bad_files_and_a_folder(qtbot, window, tmp_path, cats, monkeypatch):
    panel = window.predict
    bomb = tmp_path / "bomb.png"  # a small file that decodes to 4 megapixels, over twice the limit set here
    Image.new("RGB", (2000, 2000)).save(bomb)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000_000)
    assert drop(panel, [*photos(tmp_path, cats), bomb])
    assert window.tabs.currentWidget() is panel  # a drop brings the tab forward
    qtbot.waitUntil(lambda: cards_done(panel, 8), timeout=15000)
    by_name = {c.title: c for c in panel.mine.cards}
    assert "not an image" in by_name["notes.txt"].error
    assert "truncated" in by_name["cut.jpg"].error or "could not be decoded" in by_name["cut.jpg"].error
    assert "decompression bomb" in by_name["bomb.png"].error
    good = [c for c in panel.mine.cards if not c.error]
    assert len(good) == 5 and all(c.p is not None and 0 <= c.p <= 1 for c in good)
    assert [c.title for c in panel.mine.cards][:2] == ["a.jpg", "b.png"]  # in the order dropped
    qtbot.waitUntil(lambda: good[0].drawn, timeout=5000)
    assert "P(cat) = " in good[0].caption and not good[0].seen.isNull()


def test_a_card_says_what_lrviz_predict_says(qtbot, window, tmp_path, cats, capsys):
    from lrviz.cli import main
    run_to(qtbot, window, 200)
    paths = photos(tmp_path, cats)[:2]
    window.predict.add_paths(paths)
    qtbot.waitUntil(lambda: cards_done(window.predict, 2), timeout=15000)
    window.session.save_model(str(tmp_path / "m.npz"))
    capsys.readouterr()
    assert main(["predict", "--model", str(tmp_path / "m.npz"), *map(str, paths)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    for card, line in zip(window.predict.mine.cards, lines, strict=True):
        path, prob, label = line.split("\t")
        assert path == card.path and prob == f"P(cat) = {card.p:.6f}" and label == card.label


def test_cards_follow_training_and_history(qtbot, window, tmp_path, cats):
    panel = window.predict
    run_to(qtbot, window, 20)
    panel.add_paths(photos(tmp_path, cats)[:2])
    qtbot.waitUntil(lambda: cards_done(panel, 2), timeout=15000)
    early = [c.p for c in panel.mine.cards]
    run_to(qtbot, window, 400)
    qtbot.waitUntil(lambda: snap(window).iteration == 400 and panel.snapshot.iteration == 400, timeout=5000)
    X = panel.X.astype(np.float64)
    engine = GradientDescent(0.005).fit(*features(cats)[:2], 400)
    np.testing.assert_allclose([c.p for c in panel.mine.cards], M.sigmoid(X @ engine.w_ + engine.b_), atol=1e-9)
    assert [c.p for c in panel.mine.cards] != early
    window.curves.history.setValue(20)  # scrubbing: the cards show iteration 20 again
    qtbot.waitUntil(lambda: panel.snapshot.viewing and panel.snapshot.iteration == 20, timeout=10000)
    np.testing.assert_allclose([c.p for c in panel.mine.cards], early, atol=1e-9)


def test_a_snapshot_of_the_same_model_leaves_the_cards_alone(qtbot, window, tmp_path, cats):
    """A paused run still sends snapshots (the bowl's finer grid, say): with 1,000 cards, redoing
    every card for them held the window 60-110 ms in the middle of a drop. Only a new w or b does."""
    import dataclasses
    panel = window.predict
    run_to(qtbot, window, 20)
    panel.add_paths(photos(tmp_path, cats)[:2])
    qtbot.waitUntil(lambda: cards_done(panel, 2) and all(c.drawn for c in panel.mine.cards), timeout=15000)
    s = panel.snapshot
    panel.show_snapshot(dataclasses.replace(s, w=s.w.copy(), bowl=None))
    assert all(c.drawn for c in panel.mine.cards) and not panel._stale
    panel.show_snapshot(dataclasses.replace(s, b=s.b + 1.0))
    assert not any(c.drawn for c in panel.mine.cards)  # new numbers, drawn when next painted
    want = M.sigmoid(panel.X.astype(np.float64) @ s.w + s.b + 1.0)
    np.testing.assert_allclose([c.p for c in panel.mine.cards], want, atol=1e-12)


def test_paste_an_image(qtbot, window, cats):
    from PySide6.QtGui import QGuiApplication, QImage
    img = np.ascontiguousarray(cats.test_images[3])
    QGuiApplication.clipboard().setImage(QImage(img.data, 64, 64, 192, QImage.Format.Format_RGB888).copy())
    window.predict.paste()
    qtbot.waitUntil(lambda: cards_done(window.predict, 1), timeout=10000)
    card = window.predict.mine.cards[0]
    assert card.error is None and card.title == "pasted-1.png" and card.p is not None


def test_the_gallery_shows_mistakes_first(qtbot, window, cats):
    run_to(qtbot, window, 300)
    window.tabs.setCurrentWidget(window.predict)
    window.predict.tabs.setCurrentWidget(window.predict.gallery)
    cards = window.predict.gallery.cards
    assert len(cards) == 50  # the built-in test set
    wrong = [c.truth != c.label for c in cards]
    n_wrong = sum(wrong)
    assert wrong == [True] * n_wrong + [False] * (50 - n_wrong)
    X, y, Xt, yt = features(cats)
    engine = GradientDescent(0.005).fit(X, y, 300, Xt, yt)
    assert n_wrong == round(50 * (100 - engine.test_accuracy()) / 100) > 0
    qtbot.waitUntil(lambda: cards[0].drawn, timeout=5000)
    assert not cards[-1].drawn  # out of view: its pixels wait until it is scrolled to
    assert "✗ wrong" in cards[0].caption
    bar = window.predict.gallery.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: cards[-1].drawn, timeout=5000)
    assert "true: " in cards[-1].caption and not cards[-1].seen.isNull()
    # every number and heat-map on a card is core's model: P, the label, wᵢ·xᵢ
    from lrviz.ui.panels.cards import heat_overlay, to_pixmap
    model = M.LogisticModel(engine.w_, engine.b_, window.session.loaded.preprocessing, cats.classes)
    shown = [c.index for c in cards]
    np.testing.assert_allclose([c.p for c in cards], model.predict_proba(cats.test_images[shown]), rtol=1e-5)
    assert [c.label for c in cards] == [cats.classes[k] for k in model.predict(cats.test_images[shown])]
    expected = to_pixmap(heat_overlay(cats.test_images[cards[-1].index],
                                      model.contributions(cats.test_images[cards[-1].index])), cards[-1].seen.width())
    assert (np.abs(image_pixels(expected.toImage()) - image_pixels(cards[-1].seen.toImage())) <= 2).mean() > 0.99


def test_a_hidden_tab_catches_up_when_shown(qtbot, window, tmp_path, cats):
    panel = window.predict
    panel.add_paths(photos(tmp_path, cats)[:2])
    qtbot.waitUntil(lambda: cards_done(panel, 2), timeout=15000)
    window.tabs.setCurrentWidget(window.curves)
    run_to(qtbot, window, 150)
    before = [c.p for c in panel.mine.cards]
    assert panel.snapshot.iteration == 150
    window.tabs.setCurrentWidget(panel)
    engine = GradientDescent(0.005).fit(*features(cats)[:2], 150)
    now = [c.p for c in panel.mine.cards]
    np.testing.assert_allclose(now, M.sigmoid(panel.X.astype(np.float64) @ engine.w_ + engine.b_), atol=1e-9)
    assert now != before  # while hidden, the cards were not worked on
    qtbot.waitUntil(lambda: all(c.drawn for c in panel.mine.cards), timeout=5000)
    assert f"{now[0]:.4f}" in panel.mine.cards[0].caption


def test_csv_export(qtbot, window, tmp_path, cats):
    panel = window.predict
    panel.add_paths(photos(tmp_path, cats)[:3])
    qtbot.waitUntil(lambda: cards_done(panel, 3), timeout=15000)
    n = panel.export_csv(str(tmp_path / "out.csv"))
    with open(tmp_path / "out.csv", newline="") as f:
        rows = list(csv.reader(f))
    assert n == 3 and rows[0] == ["path", "P(cat)", "label"]
    assert rows[1] == [panel.mine.cards[0].path, f"{panel.mine.cards[0].p:.6f}", panel.mine.cards[0].label]
    assert rows[3][0].endswith("notes.txt") and rows[3][1] == "" and rows[3][2].startswith("error: not an image")


def test_a_folder_of_many_files_shows_progress_and_can_be_cancelled(qtbot, window, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(400):
        Image.new("RGB", (200, 150), (i % 256, 90, 30)).save(folder / f"{i:04d}.png")
    panel = window.predict
    window.tabs.setCurrentWidget(panel)  # as a user looking at the Predict tab
    panel.add_paths([folder])
    assert panel.progress.isVisible() and panel.cancel.isVisible()
    qtbot.waitUntil(lambda: panel.progress.maximum() == 400, timeout=10000)  # once the folder is listed
    qtbot.waitUntil(lambda: len(panel.mine.cards) > 100, timeout=10000)  # several batches of cards
    panel.cancel.click()
    qtbot.waitUntil(lambda: not panel.timer.isActive(), timeout=10000)
    assert 100 < len(panel.mine.cards) <= 400 and not panel.progress.isVisible()
    # the features, gathered batch by batch, are the one preprocessing of every photo shown
    images = np.stack([p.image for p in panel.photos])
    np.testing.assert_array_equal(panel.X, window.predict.loaded.preprocessing.transform(images))
    assert len(panel.photos) == len(panel.mine.cards) == len(panel.good_cards)


def test_the_heat_map_switches_off_and_the_empty_tab_says_what_to_do(qtbot, window, tmp_path, cats):
    from ui_helpers import image_pixels
    panel = window.predict
    window.tabs.setCurrentWidget(panel)
    assert panel.mine.empty.isVisible() and "Drop photos" in panel.mine.empty.text()
    run_to(qtbot, window, 50)  # at w = 0 no pixel pushes either way: the heat-map is the plain image
    panel.add_paths(photos(tmp_path, cats)[:1])
    qtbot.waitUntil(lambda: cards_done(panel, 1) and panel.mine.cards[0].drawn, timeout=15000)
    card = panel.mine.cards[0]
    assert not panel.mine.empty.isVisible()
    plain = np.repeat(np.repeat(panel.photos[0].image.astype(int), 2, axis=0), 2, axis=1)  # 64 → 128 px
    heat = image_pixels(card.seen.toImage())
    assert np.abs(heat - plain).mean() > 5  # red and blue over the image
    on_screen = image_pixels(card.grab().toImage())
    left = card.width() - 8 - 128  # at the card's right edge, however wide the row made it
    np.testing.assert_array_equal(on_screen[32:160, left:left + 128], heat)  # painted where it belongs
    panel.heat.setChecked(False)
    qtbot.waitUntil(lambda: card.drawn, timeout=5000)
    np.testing.assert_array_equal(image_pixels(card.seen.toImage()), plain)
    panel.heat.setChecked(True)
    qtbot.waitUntil(lambda: card.drawn, timeout=5000)
    np.testing.assert_array_equal(image_pixels(card.seen.toImage()), heat)
    panel.clear_button.click()
    assert panel.mine.empty.isVisible() and not panel.mine.cards


def test_cards_fill_the_width_reflow_on_resize_and_scroll_to_the_last(qtbot):
    from lrviz.ui.panels.cards import CARD_HEIGHT, CARD_WIDTH, MIN_CARD_WIDTH, Card, CardGrid
    grid = CardGrid("Drop photos here")
    qtbot.addWidget(grid)
    grid.resize(3 * CARD_WIDTH + 60, 600)
    grid.show()
    qtbot.waitExposed(grid)
    tall = lambda: grid.empty.height() >= grid.empty.heightForWidth(grid.empty.width())  # noqa: E731
    assert grid.empty.isVisible() and tall()  # as tall as its wrapped text, not cut off
    grid.empty.setText("Drop photos here. " * 12)  # longer, as after a language switch
    assert grid.empty.height() > 100 and tall()
    cards = [Card(f"{i}.jpg", np.zeros((40, 40, 3), np.uint8)) for i in range(10)]
    for card in cards[:9]:
        grid.add(card)
    where = [c.pos() for c in cards[:9]]
    grid.add(cards[9])
    assert [c.pos() for c in cards[:9]] == where  # adding a card moves no other
    assert not grid.empty.isVisible() and all(c.isVisible() for c in cards[:3])
    rows = lambda: sorted({c.y() for c in cards})  # noqa: E731
    columns = lambda: sorted({c.x() for c in cards})  # noqa: E731
    assert len(columns()) == 3 and len(rows()) == 4 and cards[3].x() == cards[0].x() < cards[1].x()
    assert grid.body.height() >= cards[9].geometry().bottom()  # the last row can be scrolled to
    def overlaps_now():
        return [a for a in cards for b in cards if a is not b and a.geometry().intersects(b.geometry())]

    assert not overlaps_now()
    grid.resize(2 * MIN_CARD_WIDTH + 60, 600)  # two narrower cards a row before one column fewer
    qtbot.waitUntil(lambda: len(columns()) == 2)
    assert MIN_CARD_WIDTH <= cards[0].width() < CARD_WIDTH and not overlaps_now()
    assert cards[1].geometry().right() < grid.viewport().width()  # the whole row in view
    grid.resize(CARD_WIDTH + 60, 600)  # narrow: one column
    qtbot.waitUntil(lambda: len(columns()) == 1)
    assert [c.y() for c in cards] == sorted(c.y() for c in cards) and len(rows()) == 10
    assert grid.body.height() >= cards[9].geometry().bottom() > 9 * CARD_HEIGHT
    grid.verticalScrollBar().setValue(grid.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: not cards[9].visibleRegion().isEmpty())  # the last card in view
    grid.clear()
    assert not grid.cards and grid.empty.isVisible() and grid.body.minimumHeight() < CARD_HEIGHT


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_window_fits_a_laptop_screen_in_both_languages_also_during_a_drop(qtbot, window, tmp_path, cats, language):
    from lrviz.ui.i18n import has_font
    if language != "en" and not has_font("zh_CN"):
        missing("no Chinese font (apt-get install fonts-noto-cjk): the window stays in English")
    window.set_language(language)
    window.tabs.setCurrentWidget(window.predict)
    folder = tmp_path / "photos"
    folder.mkdir()
    for i in range(20):
        Image.fromarray(cats.train_images[i]).save(folder / f"{i}.png")
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.width() == 1366)
    window.predict.add_paths([folder])
    assert window.predict.progress.isVisible() and window.predict.cancel.isVisible()
    qtbot.wait(100)  # the layouts take the new rows into account
    assert window.minimumSizeHint().width() <= 1366 and window.width() == 1366  # not widened by the progress bar
    assert window.minimumSizeHint().height() <= 768  # nor too tall (the Data panel scrolls when squeezed)
    qtbot.waitUntil(lambda: cards_done(window.predict, 20), timeout=30000)
    window.predict.progress.setValue(7)  # what it says, in words
    assert window.predict.progress.text() == ("7 of 20 photos" if language == "en" else "7 / 20 张照片")
