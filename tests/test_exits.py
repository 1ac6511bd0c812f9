"""Every way the window ends exits cleanly, with its training process gone (issue 26): its close
button, close() from code, a script ending with the window closed early or left open, and Ctrl+C in
the terminal during `lrviz` (exit 130 and "lrviz: interrupted", as `lrviz train`). Each runs in a
process of its own under the test's X server (pytest-xvfb), as a learner's script or shell would."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import child_env, missing

# A script that builds the window itself, as lrviz.show will; the training process is spawned, so
# the script needs its main guard.
DRIVER = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication
from lrviz.ui.main_window import MainWindow

def pump(app, seconds, until=lambda: False):
    end = time.time() + seconds
    while time.time() < end and not until():
        app.processEvents()
        time.sleep(0.005)

if __name__ == "__main__":
    how = sys.argv[1]
    app = QApplication([])
    window = MainWindow(source="builtin:toy")
    window.show()
    if how == "early":  # closed before it is laid out or trained: the exit crashed (139) after this
        pump(app, 0.1)
        window.close()
    else:
        pump(app, 20, until=lambda: window.session.current is not None)
        window.toggle_play()
        pump(app, 0.3)
        if how == "button":  # what the window manager's close button sends, then the loop ends by itself
            QTimer.singleShot(0, lambda: QApplication.sendEvent(window.windowHandle(), QCloseEvent()))
            app.exec()
        elif how == "close":
            window.close()
            QTimer.singleShot(200, app.quit)
            app.exec()
        elif how == "open":  # never closed: Python exits with the window open and training
            pass
    print("pid", window.session.worker._process.pid, "last line", flush=True)
"""


@pytest.fixture
def display():
    if not os.environ.get("DISPLAY"):
        missing("the window needs an X server (pytest-xvfb starts Xvfb)")


def running_in_session(sid: int) -> list[int]:
    """Processes of session ``sid`` that still run (a zombie waiting for its new parent does not)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
                if os.getsid(int(entry.name)) == sid and state != "Z":
                    alive.append(int(entry.name))
            except (OSError, IndexError):
                pass
    return alive


def finish(proc: subprocess.Popen, timeout: float = 60) -> tuple[int, str, str]:
    """The exit status and output of ``proc``, once it and every process it started have ended."""
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # what it started goes too, not only the test
        proc.communicate()
        pytest.fail(f"still running after {timeout} s")
    deadline = time.perf_counter() + 10  # the resource tracker ends when it sees its parent gone
    while (left := running_in_session(proc.pid)) and time.perf_counter() < deadline:
        time.sleep(0.1)
    assert not left, f"processes left running: {left}"
    return proc.returncode, out, err


def start(args: list[str], tmp_path: Path) -> subprocess.Popen:
    env = child_env(XDG_CONFIG_HOME=str(tmp_path / "config"))  # the window's settings: not the user's
    return subprocess.Popen(args, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)  # its own process group: a Ctrl+C reaches only it


HOWS = ["button", "close", "early", "open"]


@pytest.fixture(scope="module")
def scripts(tmp_path_factory):
    """The driver started once for each way it ends, all at once (each in its own session, with its
    own settings): each test below waits for its own. (One after the other they took ~3 s each.)"""
    started = {}
    if not os.environ.get("DISPLAY"):  # (the display fixture says so)
        yield started
        return
    for how in HOWS:
        folder = tmp_path_factory.mktemp(f"driver-{how}")
        (folder / "driver.py").write_text(DRIVER)
        started[how] = start([sys.executable, str(folder / "driver.py"), how], folder)
    yield started
    for proc in started.values():  # a test that failed early (or ran in another test process) left its
        if proc.poll() is None:  # process: end it and its own, and close the pipes
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        for stream in (proc.stdout, proc.stderr):
            if stream is not None and not stream.closed:
                stream.close()


@pytest.mark.parametrize("how", HOWS)
def test_a_script_that_builds_the_window_exits_0_with_its_training_process_gone(display, scripts, how):
    code, out, err = finish(scripts[how])
    assert code == 0, err
    assert out.split()[-2:] == ["last", "line"]  # the script ran to its end, then Python exited cleanly
    assert "Traceback" not in err and "Fatal" not in err, err


@pytest.mark.parametrize("to", ["group", "process"])
def test_ctrl_c_during_lrviz_closes_the_window_and_exits_130_as_lrviz_train_does(display, tmp_path, to):
    """The terminal sends SIGINT to the whole foreground group (training process included); `kill
    -INT` reaches the window's process alone. Both end the window as its close button does."""
    proc = start([sys.executable, "-m", "lrviz", "builtin:toy"], tmp_path)
    deadline = time.perf_counter() + 30
    while len(running_in_session(proc.pid)) < 3 and time.perf_counter() < deadline:  # window, training, tracker
        time.sleep(0.1)
    time.sleep(1.0)  # the window shown (its Ctrl+C handling installed) and the data on its way
    (os.killpg if to == "group" else os.kill)(proc.pid, signal.SIGINT)
    code, _, err = finish(proc)
    assert code == 130 and err.strip().splitlines() == ["lrviz: interrupted"], err


def test_a_ctrl_c_while_the_training_process_starts_does_not_end_it(capfd):
    """The terminal's Ctrl+C reaches the whole group, the training process too, perhaps while it is
    still importing (it ignores SIGINT itself only once it serves): it would die there with a
    KeyboardInterrupt traceback of its own. It starts with SIGINT ignored; the window's handler is
    back as soon as it has started."""
    from lrviz.training.settings import Settings
    from lrviz.training.worker import TrainingWorker
    handler = signal.getsignal(signal.SIGINT)
    worker = TrainingWorker(Settings().process_settings())
    try:
        assert signal.getsignal(signal.SIGINT) is handler
        os.kill(worker._process.pid, signal.SIGINT)  # spawned a moment ago: still starting
    finally:
        worker.stop()  # Quit, read once it serves: exit 0 (a KeyboardInterrupt's is 1, SIGINT's −2)
    assert worker._process.exitcode == 0
    assert "KeyboardInterrupt" not in capfd.readouterr().err


def test_a_ctrl_c_while_qt_is_imported_is_acted_on_after_not_lost(monkeypatch, capsys):
    """Raised inside PySide's start-up code, a KeyboardInterrupt was swallowed (the window opened
    regardless and the terminal's Ctrl+C was lost) or aborted the process: `lrviz` notes it until
    Qt is imported, then ends as `lrviz train` does."""
    from lrviz import cli
    opened = []

    def importing(args):  # Ctrl+C arrives while Qt is imported
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.01)  # (Python runs a handler between two bytecodes: here, before returning)
        except KeyboardInterrupt:
            pass  # what PySide's start-up code does with one (its C code clears the error)
        return lambda: opened.append(args)

    handler = signal.getsignal(signal.SIGINT)
    monkeypatch.setattr(cli, "_window_run", importing)
    assert cli.main(["builtin:toy"]) == 130
    assert not opened  # no window
    assert capsys.readouterr().err.strip() == "lrviz: interrupted"
    assert signal.getsignal(signal.SIGINT) is handler  # the caller's handling back


def test_a_ctrl_c_while_the_window_is_built_closes_it_once_it_is(qapp, qtbot):
    """Ctrl+C noted before the event loop runs (the window still being built): exec() does not
    start a loop that nothing would end; it closes the window and returns 130."""
    from PySide6.QtWidgets import QWidget

    from lrviz.ui.teardown import Interrupt
    interrupt = Interrupt()
    try:
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.01)
        assert interrupt.happened
        interrupt.window = QWidget()
        interrupt.window.show()
        assert interrupt.exec(qapp) == 130
        assert not interrupt.window.isVisible()
    finally:
        interrupt.restore()
    began = time.perf_counter()
    qtbot.wait(100)  # event loops still run (app.exit with no loop running made every later one end at once)
    assert time.perf_counter() - began >= 0.09
