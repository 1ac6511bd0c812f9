"""Big arrays reach the training process through shared memory, the small ones as they are."""

import os

import numpy as np
import pytest

from conftest import features
from lrviz.core import GradientDescent
from lrviz.ui.handoff import SMALL, Handoff, Shared, receive, shm_room

pytestmark = pytest.mark.skipif(shm_room() < 64 * 2**20, reason="no room for shared memory here")


def blocks():
    return set(os.listdir("/dev/shm"))


def test_big_arrays_go_by_name_small_ones_as_they_are_and_come_out_equal(rng):
    X = rng.standard_normal((300, 1000)).astype(np.float32)   # 1.2 MB: shared
    y = rng.integers(0, 2, 300)                               # small: as it is
    X_test = np.asfortranarray(rng.standard_normal((2000, 200)))  # 3.2 MB, not C-ordered
    before = blocks()
    h = Handoff((X, y, X_test, None))
    assert h.shared and len(blocks() - before) == 2
    kinds = [type(item) for item in h.items]
    assert kinds == [Shared, np.ndarray, Shared, type(None)] and h.items[1] is y
    got = receive(h.items)
    for a, b in zip((X, y, X_test), got, strict=False):
        np.testing.assert_array_equal(a, b)
        assert a.dtype == b.dtype
    assert got[3] is None
    got[0][0, 0] = 42.0  # the process's own copy: the window's X is untouched
    assert X[0, 0] != 42.0
    h.release()
    assert blocks() == before and not h.shared
    with pytest.raises(FileNotFoundError):  # freed before the process came to it: it skips that data
        receive(h.items)


def test_without_room_for_shared_memory_everything_goes_through_the_pipe(rng):
    X = np.zeros((1000, SMALL // 1000 + 1))
    before = blocks()
    h = Handoff((X, None), room=X.nbytes)  # less than the headroom asks: a container's small /dev/shm
    assert not h.shared and h.items[0] is X and blocks() == before
    assert receive(h.items)[0] is X


def test_the_window_frees_the_shared_data_once_the_training_process_has_it(qtbot, window, cats):
    loaded = window.session.loaded
    assert loaded.X.nbytes >= SMALL  # the course's cats go by shared memory
    qtbot.waitUntil(lambda: not loaded.handoff.shared, timeout=10000)
    names = {item.name for item in loaded.handoff.items if isinstance(item, Shared)}
    assert len(names) == 2 and not names & blocks()  # X and X_test; both freed
    window.load("builtin:toy")  # small: through the pipe
    qtbot.waitUntil(lambda: window.session.loaded.dataset.source == "builtin:toy", timeout=10000)
    window.load("builtin:cats")
    qtbot.waitUntil(lambda: window.session.loaded.dataset.source == "builtin:cats"
                    and window.session.current is not None and window.session.current.iteration == 0, timeout=10000)
    qtbot.waitUntil(lambda: not window.session.loaded.handoff.shared, timeout=10000)
    from ui_helpers import run_to
    run_to(qtbot, window, 20)
    X, y, X_test, y_test = features(cats)
    engine = GradientDescent(0.005).fit(X, y, 20, X_test, y_test)
    s = window.session.current  # the process trains on the data sent, to the last digit
    assert s.cost == engine.cost_ and s.test_accuracy == engine.test_accuracy() and len(s.logits) == len(y)


def test_a_load_done_but_superseded_before_the_window_took_it_frees_its_shared_memory():
    import time

    from lrviz.ui.loader import DataLoader
    loader = DataLoader()
    before = blocks()
    loader.start("builtin:cats")
    job = loader._job
    job.thread.join(30)
    assert job.result[0] == "done" and job.result[2].handoff.shared and blocks() > before  # not yet polled
    loader.start("builtin:toy")  # another load first (a drop, say)
    assert job.result[0] == "cancelled" and blocks() == before
    deadline = time.perf_counter() + 30
    while (event := loader.poll()) is None or event[0] == "progress":
        assert time.perf_counter() < deadline
        time.sleep(0.01)
    assert event[0] == "done" and event[2].dataset.source == "builtin:toy"
