"""The real main window under Xvfb (pytest-xvfb), or Qt's offscreen platform when there is no display."""

import math
import os
import sys

import numpy as np
import pytest
from conftest import need_module

need_module("PySide6")

from conftest import features  # noqa: E402
from ui_helpers import activate, drop, image_pixels, open_window, run_to, snap  # noqa: E402

from lrviz.core import GradientDescent  # noqa: E402
from lrviz.core.history import rates_of  # noqa: E402


def test_opens_on_the_builtin_cats(window):
    s = snap(window)
    assert window.session.loaded.dataset.source == "builtin:cats"
    assert s.iteration == 0 and s.cost == pytest.approx(math.log(2))
    assert window.data.lists["train"].count() == 209 and window.data.lists["test"].count() == 30
    assert "209 images — 72 cat" in window.data.summary.text()
    assert window.training.readout["cost"].text() == "0.693147"


def test_trains_and_every_number_shown_is_the_engines(qtbot, window, cats):
    run_to(qtbot, window, 300)
    engine = GradientDescent(0.005).fit(*features(cats)[:2], 300, *features(cats)[2:])
    s = snap(window)
    np.testing.assert_allclose(s.costs, engine.history_.costs.rows(), atol=1e-12)
    ro = window.training.readout
    assert ro["iteration"].text() == "300"
    assert ro["cost"].text() == f"{engine.cost_:.6f}"
    assert ro["train"].text() == f"{engine.train_accuracy():.2f} %"
    assert ro["test"].text() == f"{engine.test_accuracy():.2f} %"
    x, y = window.curves.train_cost.getData()
    assert len(x) == 301 and y[-1] == pytest.approx(engine.cost_)


def test_the_slider_reaches_the_trainer_mid_run(qtbot, window):
    from lrviz.ui.panels.training import lr_to_slider
    window.training.stop_at.setValue(10_000_000)
    window.training.speed.setCurrentIndex(6)  # 1,000 steps / s: under way in a moment, still running
    window.training.play_button.click()
    qtbot.waitUntil(lambda: snap(window).iteration > 200, timeout=10000)
    window.training.lr_slider.setValue(lr_to_slider(0.001))
    assert window.training.lr_edit.text() == "0.001"
    qtbot.waitUntil(lambda: snap(window).learning_rates[-1, 1] == 0.001,
                    timeout=10000)
    assert snap(window).running  # it changed while training ran
    window.training.play_button.click()
    qtbot.waitUntil(lambda: not snap(window).running, timeout=5000)
    lrs = rates_of(snap(window).learning_rates, snap(window).iteration)
    switch = int(np.argmax(lrs == 0.001))
    assert switch > 200 and np.all(lrs[:switch] == 0.005) and np.all(lrs[switch:] == 0.001)


def test_pause_step_n_steps_and_reset(qtbot, window):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    window.training.speed.setCurrentIndex(4)  # 20 steps / s: slow enough to pause mid-run
    window.training.play_button.click()
    qtbot.waitUntil(lambda: snap(window).iteration >= 3, timeout=5000)
    window.training.play_button.click()
    qtbot.waitUntil(lambda: not snap(window).running, timeout=5000)
    paused_at = snap(window).iteration
    qtbot.wait(300)
    assert snap(window).iteration == paused_at
    window.training.speed.setCurrentIndex(0)
    activate(qtbot, window)
    QTest.keyClick(window, Qt.Key.Key_Right)  # → one step
    qtbot.waitUntil(lambda: snap(window).iteration == paused_at + 1, timeout=5000)
    window.training.n_steps.setValue(25)
    window.training.n_button.click()
    qtbot.waitUntil(lambda: snap(window).iteration == paused_at + 26 and not snap(window).running, timeout=5000)
    QTest.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # Ctrl+R
    qtbot.waitUntil(lambda: snap(window).iteration == 0, timeout=5000)
    assert len(window.curves.overlays) == 1  # the reset run stays as a faint overlay
    assert window.curves.overlays[0].name() == "α = 0.005 (earlier)"
    assert len(window.curves.overlays[0].getData()[0]) == paused_at + 27


def test_space_plays_and_pauses(qtbot, window):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    window.training.stop_at.setValue(10_000_000)
    window.training.speed.setCurrentIndex(5)  # 100 steps / s
    activate(qtbot, window)
    QTest.keyClick(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: snap(window).running, timeout=5000)
    QTest.keyClick(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not snap(window).running, timeout=5000)


def test_loading_other_data_while_training(qtbot, window):
    window.training.stop_at.setValue(10_000_000)
    window.training.speed.setCurrentIndex(6)  # 1,000 steps / s
    window.training.play_button.click()
    qtbot.waitUntil(lambda: snap(window).iteration > 100, timeout=10000)
    window.load("builtin:toy")
    qtbot.waitUntil(lambda: window.session.loaded.dataset.source == "builtin:toy" and snap(window) is not None,
                    timeout=10000)
    s = snap(window)
    assert s.w.shape == (1,) and s.iteration < 100 and not s.running  # a fresh run on the new data
    assert window.weights.picture().shape == (1, 1)
    assert "builtin:toy" in window.data.summary.text()


def test_closing_while_training_stops_the_threads(qtbot, settings):
    w = open_window(qtbot, settings)
    w.training.stop_at.setValue(10_000_000)
    w.training.speed.setCurrentIndex(6)  # 1,000 steps / s
    w.training.play_button.click()
    qtbot.waitUntil(lambda: snap(w).iteration > 100, timeout=10000)
    worker = w.session.worker
    w.close()
    assert not worker.alive


def test_divergence_pauses_with_a_plain_message(qtbot, window):
    window.training.lr_edit.setText("5")
    window.training.lr_edit.editingFinished.emit()
    window.training.play_button.click()
    qtbot.waitUntil(lambda: snap(window).diverged is not None, timeout=5000)
    qtbot.waitUntil(lambda: window.training.banner.isVisible(), timeout=5000)
    assert "diverged" in window.training.banner.text() and "lower the learning rate" in window.training.banner.text()
    assert not snap(window).running
    shown = " ".join(lab.text() for lab in window.training.readout.values())
    assert "nan" not in shown.lower() and "inf" not in shown.lower()


def test_a_bad_source_is_reported_and_the_data_kept(qtbot, window, tmp_path):
    window.load(str(tmp_path / "missing"))
    qtbot.waitUntil(lambda: window.data.error.isVisible(), timeout=5000)
    assert f"{tmp_path / 'missing'}: no such file or folder" in window.data.error.text()
    assert window.session.loaded.dataset.source == "builtin:cats"
    assert "still on builtin:cats" in window.statusBar().currentMessage()
    said = f"Could not load: {tmp_path / 'missing'}: no such file or folder; still on builtin:cats"
    assert window.notice.isVisible() and window.notice.text.text() == said  # over the views, until the user acts


def make_folder(root, n):
    from PIL import Image
    for cls in ("cat", "non-cat"):
        (root / cls).mkdir(parents=True)
        for i in range(n):
            Image.new("RGB", (40, 30), (i % 256, 0, 0)).save(root / cls / f"{i}.png")
    return root


def test_a_large_folder_shows_progress_and_can_be_cancelled(qtbot, window, tmp_path):
    root = make_folder(tmp_path / "many", 400)
    window.load(str(root))
    assert window.data.progress_box.isVisible()
    window.data.cancel.click()
    qtbot.waitUntil(lambda: not window.session.loader.busy and not window.data.progress_box.isVisible(),
                    timeout=10000)
    assert "cancelled" in window.data.error.text()
    assert window.session.loaded.dataset.source == "builtin:cats"


def test_dropping_a_folder_loads_it(qtbot, window, tmp_path):
    root = make_folder(tmp_path / "dropped", 6)
    assert drop(window, root)
    qtbot.waitUntil(lambda: window.session.loaded.dataset.source == str(root), timeout=10000)
    photo = tmp_path / "dropped" / "cat" / "0.png"  # an image is not a data set: it goes to Predict
    assert drop(window, photo)
    qtbot.waitUntil(lambda: len(window.predict.mine.cards) == 1 and window.predict.mine.cards[0].p is not None,
                    timeout=10000)
    assert window.tabs.currentWidget() is window.predict and window.predict.mine.cards[0].path == str(photo)
    assert window.session.loaded.dataset.source == str(root)
    assert not drop(window, [root, tmp_path / "dropped" / "cat"])  # two data folders: which one?


def test_layout_source_and_learning_rate_persist(qtbot, settings, tmp_path):
    w = open_window(qtbot, settings)
    w.training.lr_edit.setText("0.02")
    w.training.lr_edit.editingFinished.emit()
    w.load("builtin:toy")
    qtbot.waitUntil(lambda: w.session.loaded.dataset.source == "builtin:toy", timeout=10000)
    w.docks["weights"].hide()
    w.close()
    again = open_window(qtbot, settings)
    try:
        assert again.training.lr_edit.text() == "0.02" and again.prefs.learning_rate == 0.02
        qtbot.waitUntil(lambda: again.session.loaded.dataset.source == "builtin:toy", timeout=10000)
        assert not again.docks["weights"].isVisible()
    finally:
        again.close()


def test_curves_and_weights_are_drawn_not_blank(qtbot, window, tmp_path):
    run_to(qtbot, window, 400)
    qtbot.wait(100)  # let the last frame paint
    shots = tmp_path
    if os.environ.get("LRVIZ_SCREENSHOTS"):
        shots = __import__("pathlib").Path(os.environ["LRVIZ_SCREENSHOTS"])
        shots.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(shots / "window.png"))

    def pixels(widget):
        return image_pixels(widget.grab().toImage())

    curves = pixels(window.curves.view)
    blue = np.all(np.abs(curves - (0x1F, 0x77, 0xB4)) < 40, axis=-1).sum()
    orange = np.all(np.abs(curves - (0xE8, 0x71, 0x0A)) < 40, axis=-1).sum()
    assert blue > 300 and orange > 150  # the train and test curves are there (a blank plot has none)
    window.docks["weights"].raise_()  # a tab beside Lesson, Data and Math: bring it forward
    qtbot.wait(200)
    weights = pixels(window.weights.view)
    reddish = ((weights[..., 0] > 150) & (weights[..., 2] < 120)).sum()
    bluish = ((weights[..., 2] > 150) & (weights[..., 0] < 120)).sum()
    assert reddish > 200 and bluish > 200  # a diverging map with both signs, not a blank box


def test_hover_reads_values_from_the_curves(qtbot, window):
    run_to(qtbot, window, 100)
    from PySide6.QtCore import QPointF
    plot = window.curves.cost_plot
    plot.setXRange(0, 100, padding=0)  # pyqtgraph auto-ranges lazily (at paint): fix the view first
    plot.setYRange(0, 2, padding=0)
    scene_pos = plot.vb.mapViewToScene(QPointF(50, 1.0))
    window.curves._hover(scene_pos)
    assert window.curves.hover.text().startswith(f"iteration 50: J = {snap(window).costs[50, 1]:.6f}")


def test_twenty_thousand_events_do_not_corrupt_none(qapp, qt_platform):
    # PySide6 6.12.0 on Python 3.11 drops None's refcount on each processEvents (shared notes)
    before = sys.getrefcount(None)
    for _ in range(20_000):
        qapp.processEvents()
    assert sys.getrefcount(None) >= before - 100


def test_ctrl_s_saves_a_model_that_predicts_like_the_window(qtbot, window, tmp_path, monkeypatch, cats):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QFileDialog

    from lrviz.io import load_model
    run_to(qtbot, window, 150)
    target = tmp_path / "saved.npz"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    activate(qtbot, window)
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(target.exists, timeout=5000)
    model = load_model(target)
    s = snap(window)
    np.testing.assert_array_equal(model.w, s.w)
    assert model.b == s.b and model.classes == ("non-cat", "cat")
    z = model.logits(cats.train_images)
    assert 100 - np.mean(np.abs((z > 0).astype(int) - cats.train_labels)) * 100 == pytest.approx(s.train_accuracy)


def test_log_scale_for_the_cost(qtbot, window):
    run_to(qtbot, window, 50)
    window.curves.log_y.setChecked(True)
    assert window.curves.cost_plot.getAxis("left").logMode
    window.curves.log_y.setChecked(False)
    assert not window.curves.cost_plot.getAxis("left").logMode


def test_a_folder_without_cat_asks_which_class_is_positive(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QInputDialog
    root = tmp_path / "pets"
    for cls in ("birds", "dogs"):
        (root / cls).mkdir(parents=True)
        for i in range(4):
            __import__("PIL.Image", fromlist=["Image"]).new("RGB", (8, 8), (i, 0, 0)).save(root / cls / f"{i}.png")
    asked = []
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (asked.append(a[3]) or ("dogs", True)))
    window.load(str(root))
    qtbot.waitUntil(lambda: window.session.loaded.dataset.source == str(root), timeout=10000)
    assert asked == [["birds", "dogs"]] and window.session.loaded.dataset.classes == ("birds", "dogs")
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("", False))  # cancel: nothing changes
    window.load("builtin:toy")
    qtbot.waitUntil(lambda: window.session.loaded.dataset.source == "builtin:toy", timeout=10000)
    other = tmp_path / "other"
    (other / "a").mkdir(parents=True)
    (other / "b").mkdir()
    window.load(str(other))
    assert window.session.loaded.dataset.source == "builtin:toy" and not window.session.loader.busy


def test_cifar_can_be_balanced_from_the_window(qtbot, window, tmp_path):
    from test_io_cifar import batch
    rng = np.random.default_rng(0)
    for name, labels in (("data_batch_1.bin", [3, 1, 3, 5, 0, 9, 2]), ("test_batch.bin", [3, 0, 8, 1])):
        (tmp_path / name).write_bytes(batch(labels, rng))
    assert not window.data.balance.isEnabled()  # it applies to CIFAR-10 only
    window.load(str(tmp_path))
    qtbot.waitUntil(lambda: window.session.loaded.dataset.source.startswith(str(tmp_path)), timeout=10000)
    assert window.data.balance.isEnabled() and window.data.builtin.currentText() == f"Loaded: {tmp_path.name}"
    window.data.balance.setChecked(True)  # ticked with CIFAR-10 loaded: loaded again, balanced
    qtbot.waitUntil(lambda: window.session.loaded.dataset.facts.balanced, timeout=10000)
    assert window.session.loaded.dataset.counts() == {"train": (2, 2), "test": (1, 1)}
    assert window.data.balance.isChecked()
    window.data.builtin.setCurrentIndex(window.data.builtin.findData("builtin:toy"))
    window.load("builtin:toy")
    qtbot.waitUntil(lambda: window.session.loaded.dataset.source == "builtin:toy", timeout=10000)
    assert window.data.builtin.currentText().startswith("Built-in toy") and not window.data.balance.isEnabled()
    assert window.data.builtin.count() == 2  # the "Loaded: …" entry went with its data
