import importlib
import os
from pathlib import Path
from typing import NoReturn

# One BLAS thread for the tests' own products (set before numpy loads), as the window's training
# process has (lrviz.training.worker): on 2 cores shared with that process, Xvfb and whatever else
# runs, OpenBLAS's second thread waits spinning for a core. The course's race in test_race took
# 44-52 s with two threads on a busy machine, 6 s with one. A value set by the caller is kept.
for _blas in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_blas, "1")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
COURSE_DIR = Path(os.environ.get("LRVIZ_COURSE_DATA", ROOT.parent / "shared" / "datasets" / "catvnoncat"))

# The lab's published run (../shared/datasets/catvnoncat/README.md): the engine's contract.
COURSE_COSTS = [float(v) for v in ["0.693147", "0.584508", "0.466949", "0.376007", "0.331463", "0.303273", "0.279880", "0.260042", "0.242941", "0.228004", "0.214820", "0.203078", "0.192544", "0.183033", "0.174399", "0.166521", "0.159305", "0.152667", "0.146542", "0.140872"]]
COURSE_TRAIN_ACCURACY = 99.04306220095694
COURSE_TEST_ACCURACY = 70.0


def child_env(**extra) -> dict:
    """The environment for a Python process a test starts outside the project's folder (a script,
    ``-m lrviz``): this checkout's lrviz first on its path, whatever copy is installed (a git
    worktree's tests ran the main checkout's code there), and ``extra``."""
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, **extra}


def in_ci() -> bool:
    """Whether this run is CI's (``CI=true``, as CI services set it)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing(reason: str, module_level: bool = False) -> NoReturn:
    """The one place that decides what a missing requirement (GL, a Chinese font, the course's data,
    shared memory, a module) does to a test: CI has them all, so there it fails the run; on a
    developer's machine the test is skipped with ``reason``. Every test that cannot run calls this;
    none skips on its own (tests/test_requirements.py checks)."""
    if in_ci():
        pytest.fail(f"missing in CI: {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=module_level)


def need_module(name: str):
    """``import name`` for a test module, or :func:`missing` (at module level) when it cannot be."""
    try:
        return importlib.import_module(name)
    except ImportError as e:
        missing(f"{name} cannot be imported ({e})", module_level=True)


try:  # before pytest-qt creates the QApplication (see lrviz.ui.share_gl_contexts)
    from lrviz.ui import share_gl_contexts
    share_gl_contexts()
except ImportError:  # Qt not installed: the headless tests still run
    pass


@pytest.fixture(scope="session")
def course_dir() -> Path:
    if not (COURSE_DIR / "train_catvnoncat.h5").is_file():
        missing(f"the course's data is missing at {COURSE_DIR} (set LRVIZ_COURSE_DATA)")
    return COURSE_DIR


@pytest.fixture(scope="session")
def course(course_dir):
    from lrviz.io import load_dataset
    return load_dataset(course_dir)


@pytest.fixture(scope="session")
def cats():
    from lrviz.core import builtin
    return builtin.cats()


@pytest.fixture(scope="session")
def toy():
    from lrviz.core import builtin
    return builtin.toy()


def process_state(**settings):
    """The training process's state as it starts from the settings model (its defaults, but for
    ``settings``), driven here without a process."""
    from lrviz.training.process import State
    from lrviz.training.settings import Settings
    return State(Settings(**settings).process_settings())


def features(ds, dtype="float32", scale="255"):
    from lrviz.core import Preprocessing
    p = Preprocessing.fit(ds.train_images, scale)
    return p.transform(ds.train_images, dtype), ds.train_labels, p.transform(ds.test_images, dtype), ds.test_labels


@pytest.fixture
def rng():
    return np.random.default_rng(1234)


# -- the real window (Qt imported lazily: the headless tests run without it) ----------------------
@pytest.fixture(scope="session")
def qt_platform():
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # 2-D widgets still work


@pytest.fixture
def settings(tmp_path, qt_platform):
    from PySide6.QtCore import QSettings
    settings = QSettings(str(tmp_path / "lrviz.ini"), QSettings.Format.IniFormat)
    settings.setValue("language", "en")  # whatever the machine's locale: the tests read English texts
    return settings


@pytest.fixture(autouse=True)
def dispose_windows():
    """Close and delete every window a test opened while the QApplication still lives. Left to
    Python's collector, a closed window could outlive the application, whose destructor then
    crashed in QWindowContainer (the process exited 139 after all tests passed)."""
    yield
    from ui_helpers import OPENED
    if not OPENED:
        return
    from PySide6.QtCore import QCoreApplication, QEvent
    while OPENED:
        w = OPENED.pop()
        w.close()
        w.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(scope="session")
def shared_window(qt_platform, qapp):
    """The one window the tests share (made by the first test asking for ``window``), closed and
    deleted after the last test."""
    held = []
    yield held
    from window_reset import dispose
    while held:
        dispose(held.pop())


@pytest.fixture
def window(qtbot, settings, shared_window):
    """A window as just opened on ``settings`` with the built-in cats: the shared window, reset
    (tests/window_reset.py), or a new one if a test closed it. ``open_window(qtbot, settings)``
    makes one of a test's own."""
    need_module("PySide6")
    from window_reset import alive, dispose, make, reset
    if shared_window and alive(shared_window[0]):
        reset(qtbot, shared_window[0], settings)
        return shared_window[0]
    while shared_window:
        dispose(shared_window.pop())
    shared_window.append(make(qtbot, settings))
    return shared_window[0]


def engine_bowl(X, y, lr, iters, stop_at=2000, kind="valley"):
    """The bowl the window's training process draws after ``iters`` steps, computed here the same
    way (trainer options, marks, plane keeper): what every number of the bowl on screen must equal."""
    from lrviz.core import GradientDescent
    from lrviz.core.tracker import BowlTracker, is_mark, next_mark, trainer_options
    trainer = GradientDescent(lr, **trainer_options(X, 1, stop_at)).start(X, y, n_iter=stop_at)
    tracker = BowlTracker(kind)
    tracker.mark(trainer)
    while trainer.n_iter_ < iters:
        trainer.step(min(next_mark(trainer.n_iter_), iters) - trainer.n_iter_)
        if is_mark(trainer.n_iter_):
            tracker.mark(trainer)
    return trainer, tracker, tracker.bowl(trainer, lr, 21, stop_at=stop_at)
