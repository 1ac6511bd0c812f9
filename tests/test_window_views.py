"""The main window's views under Xvfb (pytest-xvfb): the 3-D bowl and the map without OpenGL,
scrubbing the history, the Math panel's numbers, following the point, a failed save."""

import sys

import numpy as np
import pytest
from conftest import need_module

need_module("PySide6")

from conftest import child_env, engine_bowl, features  # noqa: E402
from ui_helpers import image_pixels, needs_gl, run_to, snap  # noqa: E402

from lrviz.core import GradientDescent  # noqa: E402


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
