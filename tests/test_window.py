"""The real main window under Xvfb (pytest-xvfb), or Qt's offscreen platform when there is no display."""

import math
import os
import sys

import numpy as np
import pytest
from conftest import need_module

need_module("PySide6")

from conftest import child_env, engine_bowl, features  # noqa: E402
from ui_helpers import activate, drop, image_pixels, needs_gl, open_window, run_to, snap  # noqa: E402,F401

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


def test_the_bowl_renders_in_3d_and_its_path_ends_at_the_trainer(qtbot, window, cats):
    needs_gl()
    assert window.bowl.is_3d, window.bowl.note.text()
    run_to(qtbot, window, 200)
    s = snap(window)
    bowl = s.bowl
    assert bowl.path_iter[-1] == 200 and "along the path (s) × across the valley (t)" in window.bowl.title.text()
    engine, tracker, expected = engine_bowl(*features(cats)[:2], 0.005, 200)  # the same plane, chosen the same way
    assert bowl.plane == expected.plane and bowl.point == pytest.approx(expected.point, rel=1e-9, abs=1e-12)
    assert bowl.path_J[-1] == pytest.approx(engine.cost_, abs=1e-12) and s.cost == bowl.path_J[-1]
    qtbot.waitUntil(lambda: not window.bowl.scene3d.easing, timeout=3000)  # a new surface eases in
    qtbot.wait(100)
    pixels = image_pixels(window.bowl.scene3d.grabFramebuffer()).reshape(-1, 3)
    assert len(np.unique(pixels // 16, axis=0)) > 20  # a coloured surface, not a blank frame
    assert np.sum((pixels[:, 0] > 200) & (pixels[:, 1] < 60) & (pixels[:, 2] < 60)) > 20  # the red point


def test_without_opengl_the_bowl_is_a_contour_map_and_training_works(tmp_path):
    import subprocess
    code = """
import os, sys
os.environ['QT_QPA_PLATFORM'] = 'offscreen'
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
import lrviz.ui
from lrviz.ui.main_window import MainWindow
def main():
    app = QApplication(sys.argv)
    w = MainWindow(settings=QSettings(sys.argv[1], QSettings.Format.IniFormat))
    w.show()
    def check():
        s = w.session.current
        if s is None:
            return QTimer.singleShot(20, check)
        if s.iteration == 0:
            w.training.stop_at.setValue(50); w.toggle_play(); return QTimer.singleShot(20, check)
        if s.iteration < 50 or s.running or s.bowl is None or s.bowl.path_iter[-1] != 50:
            return QTimer.singleShot(20, check)
        print('3d' if w.bowl.is_3d else '2d', '|', w.bowl.note.text(), '|', len(s.bowl.path_iter))
        w.close(); app.quit()
    QTimer.singleShot(20, check)
    QTimer.singleShot(30000, app.quit)
    app.exec()
if __name__ == '__main__':
    main()
"""
    script = tmp_path / "offscreen.py"
    script.write_text(code)
    env = {k: v for k, v in child_env().items() if k != "DISPLAY"}
    r = subprocess.run([sys.executable, str(script), str(tmp_path / "s.ini")], capture_output=True, text=True,
                       env=env, timeout=60)
    assert r.returncode == 0, r.stderr
    kind, note, points = r.stdout.strip().splitlines()[-1].split(" | ")
    assert kind == "2d" and "3-D view unavailable" in note and "offscreen" in note and int(points) > 2


def test_scrubbing_history_moves_every_panel_and_live_returns(qtbot, window, cats, request):
    run_to(qtbot, window, 300)
    X, y, Xt, yt = features(cats)
    past = GradientDescent(0.005).fit(X, y, 120, Xt, yt)  # the engine at iteration 120
    window.curves.history.setValue(120)
    shown = {}

    def keep(s):
        shown["s"] = s
    window.session.snapshot.connect(keep)
    request.addfinalizer(lambda: window.session.snapshot.disconnect(keep))  # the window is shared
    qtbot.waitUntil(lambda: "s" in shown and shown["s"].viewing and shown["s"].iteration == 120, timeout=10000)
    ro = window.training.readout
    assert ro["iteration"].text() == "120 (past)" and "Showing iteration 120 from history" in window.training.state.text()
    assert ro["cost"].text() == f"{past.cost_:.6f}"
    assert ro["train"].text() == f"{past.train_accuracy():.2f} %" and ro["test"].text() == f"{past.test_accuracy():.2f} %"
    np.testing.assert_allclose(window.weights.picture(), past.w_.reshape(64, 64, 3).sum(axis=2), atol=1e-6)
    bowl = window.bowl.bowl
    engine, tracker, live = engine_bowl(X, y, 0.005, 300)  # the window's plane at 300, seen at 120
    seen = tracker.at(live, engine, 120, 0.005)
    assert bowl.path_iter[-1] == 120 and bowl.point == pytest.approx(seen.point, rel=1e-9, abs=1e-12)
    assert bowl.point[2] == pytest.approx(past.cost_, abs=1e-6)
    assert window.math.detail.iteration == 120
    assert window.curves.marker.isVisible() and window.curves.marker.value() == 120
    assert len(window.curves.train_cost.getData()[0]) == 301  # the curves keep the whole run
    window.curves.live.click()
    qtbot.waitUntil(lambda: not shown["s"].viewing and shown["s"].iteration == 300, timeout=10000)
    assert ro["iteration"].text() == "300" and not window.curves.marker.isVisible()


def test_clicking_the_cost_curve_shows_that_iteration(qtbot, window):
    from PySide6.QtCore import QPointF
    run_to(qtbot, window, 200)
    plot = window.curves.cost_plot
    plot.setXRange(0, 200, padding=0)
    plot.setYRange(0, 2, padding=0)

    class Click:
        def scenePos(self):
            return plot.vb.mapViewToScene(QPointF(80, 1.0))

    window.curves._clicked(Click())
    qtbot.waitUntil(lambda: window.math.detail is not None and window.math.detail.iteration == 80, timeout=10000)
    assert window.training.readout["iteration"].text() == "80 (past)"


def test_math_panel_numbers_are_the_engines_for_the_chosen_example(qtbot, window, cats):
    from lrviz.core import losses
    from lrviz.core import model as M
    run_to(qtbot, window, 100)
    lst = window.data.lists["train"]
    lst.itemClicked.emit(lst.item(7))
    assert window.math.example.value() == 7
    qtbot.waitUntil(lambda: window.math.detail is not None and window.math.detail.example == 7, timeout=10000)
    d = window.math.detail
    X, y, _, _ = features(cats)
    engine = GradientDescent(0.005).fit(X, y, 100)
    dw, db = engine.gradient()
    z = float(X[7].astype(np.float64) @ engine.w_ + engine.b_)
    expected = dict(iteration=100, y=int(y[7]), z=z, y_hat=float(M.sigmoid(z)),
                    loss=float(losses.get("cross_entropy").losses(np.array([z]), np.array([y[7]]))[0]), cost=engine.cost_,
                    dw_norm=float(np.linalg.norm(dw)), db=db, lr=0.005, b=engine.b_,
                    b_next=engine.b_ - 0.005 * db, w_norm=float(np.linalg.norm(engine.w_)),
                    w_next_norm=float(np.linalg.norm(engine.w_ - 0.005 * dw)), n=12288, m=209)
    for key, value in expected.items():
        assert getattr(d, key) == pytest.approx(value, rel=1e-9, abs=1e-12), key
    text = window.math.text.text()
    for value in (d.z, d.y_hat, d.loss, d.cost, d.dw_norm, d.db, d.b_next):
        assert f"{value:.6g}" in text
    assert "12,288 × 209" in text and "1 × m" in text


def test_follow_keeps_the_point_centred_and_the_toy_bowl_is_exact(qtbot, window):
    needs_gl()
    window.load("builtin:toy")
    qtbot.waitUntil(lambda: window.session.loaded.dataset.source == "builtin:toy" and snap(window) is not None,
                    timeout=10000)
    window.training.lr_edit.setText("1")
    window.training.lr_edit.editingFinished.emit()
    window.bowl.follow.setChecked(True)
    run_to(qtbot, window, 150)
    scene = window.bowl.scene3d  # what it draws: a new range is eased in first (the panel has the bowl already)
    qtbot.waitUntil(lambda: not scene.easing and scene.bowl is not None and scene.bowl.path_iter[-1] == 150,
                    timeout=10000)
    assert "the whole bowl" in window.bowl.title.text()
    path = scene.path.pos
    centre = scene.opts["center"]
    assert (centre.x(), centre.y(), centre.z()) == pytest.approx(tuple(path[-1]), abs=1e-4)
    window.bowl.follow.setChecked(False)
    window.bowl.reset_view.click()
    assert scene.opts["center"].x() == 0 and scene.opts["distance"] == pytest.approx(scene.fitting_distance())


def test_a_save_that_fails_says_why_in_the_status_bar(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog
    run_to(qtbot, window, 5)
    target = tmp_path / "no-such-folder" / "model.npz"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.save_model()  # the folder does not exist: an OSError, shown, not raised in the slot
    assert window.statusBar().currentMessage().startswith("Could not save: ") and not target.exists()
