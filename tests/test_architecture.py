"""The layers: core (numpy) < io (files) < training (no Qt) < ui (Qt) < cli. Checked three ways."""

import subprocess
import sys
from pathlib import Path

from conftest import ROOT, child_env


def test_import_linter_contracts_hold():
    exe = Path(sys.executable).with_name("lint-imports")  # installed by the test extra
    r = subprocess.run([exe, "--config", str(ROOT / "pyproject.toml")], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Contracts: 4 kept, 0 broken." in r.stdout


BLOCK_QT = """
import sys, importlib.abc
class NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6', 'pyqtgraph', 'OpenGL', 'superqt'):
            raise ImportError(f'{name} is blocked: the headless layers must not need Qt')
sys.meta_path.insert(0, NoQt())
"""


def test_core_io_and_headless_commands_work_with_qt_absent(tmp_path):
    code = BLOCK_QT + f"""
import lrviz.core, lrviz.core.surface, lrviz.core.builtin, lrviz.io
from lrviz.cli import main
assert main(['train', '--data', 'builtin:toy', '--iters', '50', '--save', {str(tmp_path / 'm.npz')!r}]) == 0
from PIL import Image
Image.new('L', (4, 4)).save({str(tmp_path / 'a.png')!r})
assert main(['predict', '--model', {str(tmp_path / 'm.npz')!r}, {str(tmp_path / 'a.png')!r}]) == 0
print('headless ok')
"""
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0 and "headless ok" in r.stdout, r.stderr


# A script as the window's process is: Qt imported, then the training process spawned. The child
# runs this file again as __mp_main__ (that is how spawn works), before it imports the training
# code: there it writes what it has imported when it exits.
SPAWNING = """
import os, sys
if __name__ == "__mp_main__":  # the training process
    import atexit
    atexit.register(lambda: open(os.environ["LRVIZ_MODULES_OUT"], "w").write("\\n".join(sorted(sys.modules))))

if __name__ == "__main__":  # the window's process
    import time
    import PySide6.QtCore  # noqa: F401
    from lrviz.core import Preprocessing, builtin
    from lrviz.training.handoff import Handoff
    from lrviz.training.settings import Settings
    from lrviz.training.worker import TrainingWorker
    ds = builtin.toy()
    p = Preprocessing.fit(ds.train_images, ds.scale)
    worker = TrainingWorker(Settings().process_settings())
    worker.set_data(Handoff((p.transform(ds.train_images), ds.train_labels, p.transform(ds.test_images),
                             ds.test_labels)), tag=1)
    end = time.time() + 30
    while worker.latest()[1] is None and time.time() < end:
        time.sleep(0.005)
    snap = worker.latest()[1]
    worker.stop()
    print("first snapshot", snap is not None and snap.iteration == 0, "exit", worker._process.exitcode)
"""


def test_the_training_process_runs_without_qt_loaded(tmp_path):
    """The spawned training process imports lrviz.training only: none of Qt's ~100 ms (measured by
    benchmarks/bench_process_start.py), though the window's process that spawns it has Qt."""
    script, out = tmp_path / "spawning.py", tmp_path / "modules.txt"
    script.write_text(SPAWNING)
    r = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path, timeout=120,
                       env=child_env(LRVIZ_MODULES_OUT=str(out)))
    assert r.returncode == 0 and "first snapshot True exit 0" in r.stdout, r.stdout + r.stderr
    modules = set(out.read_text().split())
    assert {"lrviz.training.process", "numpy"} <= modules  # the training process's own list
    qt = {m for m in modules if m.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph", "superqt", "OpenGL")}
    assert not qt and not any(m.startswith("lrviz.ui") for m in modules)
    assert not {"h5py", "PIL", "psygnal"} & modules  # files are read, and settings kept, in the window's process


def test_every_central_view_meets_the_snapshot_view_interface():
    """The window hands every view of its TABS table each snapshot through one pacer, with no case
    of its own (the No-for-loop view had one: it drew its timings outside the interface)."""
    import inspect

    from conftest import need_module
    need_module("PySide6")
    from lrviz.ui import main_window
    assert len(main_window.TABS) >= 5
    for name, kind, _title in main_window.TABS:
        show = getattr(kind, "show_snapshot", None)
        assert callable(show), f"{name}: {kind.__name__} has no show_snapshot"
        assert len(inspect.signature(show).parameters) == 2, name  # (self, snapshot)
