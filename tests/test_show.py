"""lrviz.show from a learner's script and from a notebook's kernel: the window opens on the course's own
variables and gives core's numbers; a script blocks until the window closes, a kernel with Qt's
event loop (%gui qt) gets the viewer at once and stays usable; the learner's arrays are never changed.
Each runs in a process of its own, as a learner's script or kernel would."""

import json
import os
import subprocess
import sys

import numpy as np
from conftest import ROOT, features, missing, need_module

from lrviz.core import GradientDescent

# The notebook's variables, as the course's loader gives them (train_set_y is (1, m) of int64).
LOAD = """
import numpy as np, h5py
with h5py.File(COURSE + "/train_catvnoncat.h5") as f:
    train_set_x_orig, train_set_y = np.array(f["train_set_x"]), np.array(f["train_set_y"]).reshape(1, -1)
with h5py.File(COURSE + "/test_catvnoncat.h5") as f:
    test_set_x_orig, test_set_y = np.array(f["test_set_x"]), np.array(f["test_set_y"]).reshape(1, -1)
"""

SCRIPT = """
import json, sys, time
import lrviz
qt_on_import = "PySide6" in sys.modules
COURSE = sys.argv[1]
""" + LOAD + """
def numbers(v):
    m = v.model
    return dict(n_iter=m.n_iter_, cost=m.cost_, train=m.train_accuracy_, test=m.test_accuracy_, w=m.w_[:50].tolist(),
                b=m.b_, history=m.history_.tolist(), lr=m.learning_rate)

if __name__ == "__main__":
    out = {"qt_on_import": qt_on_import}
    arrays = (train_set_x_orig, train_set_y, test_set_x_orig, test_set_y)
    before = [a.copy() for a in arrays]
    v = lrviz.show(*arrays, block=False)  # the course's cell, but not blocking: driven from here
    v.step(5)
    out["stepped"] = numbers(v)
    v.set_learning_rate(0.01)
    out["lr"] = v.model.learning_rate
    v.close()
    out["after_close"] = v.model.n_iter_
    out["unchanged"] = all(np.array_equal(a, b) and a.dtype == b.dtype for a, b in zip(arrays, before))
    w0 = np.full((12288, 1), 2e-5)  # the learner's own (n_x, 1) and b
    v = lrviz.show(train_set_x_orig / 255, train_set_y, lr=0.002, w=w0, b=-0.25, block=False)  # the lab's X / 255
    out["start"] = numbers(v)
    v.step(3)
    out["from_start"] = numbers(v)
    v.close()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from lrviz.ui.main_window import MainWindow
    def close_when_trained():
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if shown and shown[0].session.current is not None:
            shown[0].close()
        else:
            QTimer.singleShot(50, close_when_trained)
    QTimer.singleShot(50, close_when_trained)
    t = time.monotonic()
    v = lrviz.show(train_set_x_orig, train_set_y)  # a plain script: blocks until the window closes
    out["blocked"] = {"open": v.open, "seconds": time.monotonic() - t, "n_iter": v.model.n_iter_}
    print("RESULT " + json.dumps(out), flush=True)
"""


def run_script(tmp_path, course_dir, code):
    script = tmp_path / "learner.py"
    script.write_text(code)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path), "TMPDIR": str(tmp_path)}  # the user's settings are never the test's
    r = subprocess.run([sys.executable, str(script), str(course_dir)], capture_output=True, text=True, cwd=tmp_path,
                       env=env, timeout=120)
    lines = [line for line in r.stdout.splitlines() if line.startswith("RESULT ")]
    assert r.returncode == 0 and lines, r.stdout + r.stderr
    return json.loads(lines[0][len("RESULT "):])


def core_run(course, lr, steps, w0=None, b0=0.0, test=True):
    X, y, Xt, yt = features(course)
    origin = {} if w0 is None else {"w0": w0, "b0": b0}
    t = GradientDescent(lr).start(X, y, *((Xt, yt) if test else ()), n_iter=2000, **origin)
    t.step(steps)
    return t


def assert_same(shown, t, steps):
    assert shown["n_iter"] == steps
    assert np.isclose(shown["cost"], t.cost_, rtol=1e-5)
    np.testing.assert_equal([shown["train"], shown["test"]], [t.train_accuracy(), t.test_accuracy()])  # NaN: no test set
    np.testing.assert_allclose(shown["w"], t.w_[:50], rtol=1e-4, atol=1e-7)
    assert np.isclose(shown["b"], t.b_, rtol=1e-4, atol=1e-7)
    np.testing.assert_allclose(np.array(shown["history"])[:, 1], t.history_.costs.values()[: steps + 1], rtol=1e-5)


def test_show_from_a_script(tmp_path, course_dir, course):
    out = run_script(tmp_path, course_dir, SCRIPT)
    assert out["qt_on_import"] is False  # `import lrviz` stays Qt-free
    assert_same(out["stepped"], core_run(course, 0.005, 5), 5)  # the course's cell gives core's numbers
    assert out["lr"] == 0.01 and out["after_close"] == 5 and out["unchanged"]
    w0 = np.full(12288, 2e-5)
    assert out["start"]["n_iter"] == 0 and np.allclose(out["start"]["w"], w0[:50]) and out["start"]["b"] == -0.25
    assert np.isclose(out["start"]["cost"], core_run(course, 0.002, 0, w0, -0.25, test=False).cost_, rtol=1e-5)
    assert_same(out["from_start"], core_run(course, 0.002, 3, w0, -0.25, test=False), 3)  # X / 255, no test set
    assert out["blocked"]["open"] is False and out["blocked"]["n_iter"] == 0  # returned once closed


KERNEL_CELLS = [  # run one after another, as a learner does
    "%gui qt",
    "import sys; sys.path.insert(0, ROOT); import lrviz\nCOURSE = COURSE_DIR\n" + LOAD,
    "v = lrviz.show(train_set_x_orig, train_set_y, test_set_x_orig, test_set_y)\nprint('returned', v.open)",
    "v.step(4)\nprint('model', v.model.n_iter_, v.model.cost_, v.model.test_accuracy_)",
    "print('still usable', 6 * 7, v.open)",
    "v.close()\nprint('closed', v.open, v.model.n_iter_)",
]


def test_show_in_a_jupyter_kernel_with_the_qt_event_loop(tmp_path, course_dir, course):
    manager_module = need_module("jupyter_client.manager")
    need_module("ipykernel")
    km = manager_module.KernelManager(kernel_name="python3")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path), "TMPDIR": str(tmp_path)}
    try:
        km.start_kernel(env=env, cwd=str(tmp_path))
    except Exception as e:  # noqa: BLE001 — no kernel can be started here: said as what is missing
        missing(f"an IPython kernel cannot be started ({e})")
    kc = km.client()
    kc.start_channels()
    printed = []
    try:
        kc.wait_for_ready(timeout=60)
        for cell in [*KERNEL_CELLS[:1], "print(get_ipython().active_eventloop)", *KERNEL_CELLS[1:]]:
            cell = cell.replace("ROOT", repr(str(ROOT))).replace("COURSE_DIR", repr(str(course_dir)))
            reply = kc.execute_interactive(cell, timeout=60, output_hook=lambda msg: printed.extend(
                msg["content"].get("text", "").splitlines() if msg["msg_type"] == "stream" else
                [msg["content"]["ename"] + ": " + msg["content"]["evalue"]] if msg["msg_type"] == "error" else []))
            assert reply["content"]["status"] == "ok", (cell, printed)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    assert printed[0] == "qt" and "returned True" in printed, printed  # the cell came back with the window open
    model = next(line for line in printed if line.startswith("model")).split()
    t = core_run(course, 0.005, 4)
    assert int(model[1]) == 4 and np.isclose(float(model[2]), t.cost_, rtol=1e-5) and float(model[3]) == t.test_accuracy()
    assert "still usable 42 True" in printed and "closed False 4" in printed, printed
