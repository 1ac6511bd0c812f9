"""The layers: core (numpy) < io (files) < ui (Qt) < cli. Checked two ways."""

import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def test_import_linter_contracts_hold():
    exe = Path(sys.executable).with_name("lint-imports")  # installed by the test extra
    r = subprocess.run([exe, "--config", str(ROOT / "pyproject.toml")], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Contracts: 3 kept, 0 broken." in r.stdout


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
