"""Big arrays reach the training process through shared memory, the small ones as they are."""

import os
from pathlib import Path

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
    assert not got[0].flags.writeable and not got[2].flags.writeable  # the block itself, read-only: no copy
    h.release()
    assert blocks() == before and not h.shared
    np.testing.assert_array_equal(got[0], X)  # the process's mapping outlives the window's letting go
    with pytest.raises(FileNotFoundError):  # freed before the process came to it: it skips that data
        receive(h.items)


def test_made_arrays_are_written_straight_into_shared_memory(rng):
    """The loader makes the features in the block: no private copy first (1.47 GB for 30,000 images)."""
    import tracemalloc

    from lrviz.ui.handoff import Made
    images = rng.integers(0, 256, (400, 16, 16, 3), dtype=np.uint8)
    from lrviz.core import Preprocessing
    prep = Preprocessing.fit(images)
    made = Made((400, 768), np.dtype(np.float32), lambda out: prep.transform(images, np.float32, out=out))
    assert made.nbytes == 400 * 768 * 4 >= SMALL
    tracemalloc.start()
    try:
        h = Handoff((made, None))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert h.shared and peak < made.nbytes / 10
    np.testing.assert_array_equal(receive(h.items)[0], prep.transform(images))
    h.release()
    piped = Handoff((made, None), room=0)  # no room for shared memory: made as an array, sent as it is
    np.testing.assert_array_equal(piped.items[0], prep.transform(images))
    piped.release()  # sent: the handoff keeps no copy
    assert piped.items == (None, None)


def test_without_room_for_shared_memory_everything_goes_through_the_pipe(rng):
    X = np.zeros((1000, SMALL // 1000 + 1))
    before = blocks()
    h = Handoff((X, None), room=X.nbytes)  # less than the headroom asks: a container's small /dev/shm
    assert not h.shared and h.items[0] is X and blocks() == before
    assert receive(h.items)[0] is X


def test_the_window_frees_the_shared_data_once_the_training_process_has_it(qtbot, window, cats):
    loaded = window.session.loaded
    assert isinstance(loaded.handoff.items[0], Shared)  # the built-in cats' features go by shared memory
    assert not hasattr(loaded, "X")  # and the window keeps no float copy of them
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


def test_when_shared_memory_fails_midway_everything_goes_through_the_pipe(rng, monkeypatch):
    """/dev/shm had room when asked, then not (another program took it): the blocks made so far are
    freed and the arrays, made ones too, go through the pipe."""
    from multiprocessing import shared_memory

    from lrviz.ui.handoff import Made
    real, made = shared_memory.SharedMemory, []

    def second_fails(*args, **kwargs):
        if made:
            raise OSError(28, "No space left on device")
        made.append(real(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(shared_memory, "SharedMemory", second_fails)
    X = rng.standard_normal((300, 1000)).astype(np.float32)
    before = blocks()
    h = Handoff((X, Made((300, 1000), np.dtype(np.float32), lambda out: np.copyto(out, X + 1))))
    assert not h.shared and blocks() == before and len(made) == 1
    assert h.items[0] is X
    np.testing.assert_array_equal(h.items[1], X + 1)


def shm_mapped(pid) -> int:
    """Bytes of shared-memory blocks the process maps (whether their names are still there or not)."""
    total = 0
    for line in Path(f"/proc/{pid}/maps").read_text().splitlines():
        if "/dev/shm/" in line:
            start, end = (int(v, 16) for v in line.split()[0].split("-"))
            total += end - start
    return total


def test_the_features_exist_once_where_the_training_process_trains_on_them(qtbot, window, cats):
    """The features of a load exist once: in shared memory, mapped by the training process (read,
    never copied); the window lets go of its side and keeps no float copy (issue 26: a window, its
    block and the process's copy made 4.75 GB of 1.84 GB of data)."""
    loaded = window.session.loaded
    qtbot.waitUntil(lambda: not loaded.handoff.shared, timeout=10000)
    features_bytes = sum(4 * len(images) * cats.n_features for images in (cats.train_images, cats.test_images))
    pid = window.session.worker._process.pid
    page = os.sysconf("SC_PAGE_SIZE")
    assert features_bytes <= shm_mapped(pid) <= features_bytes + 2 * page  # what it trains on, mapped
    assert shm_mapped(os.getpid()) == 0
    assert not any(isinstance(v, np.ndarray) and v.dtype == np.float32 and v.size >= cats.n_features * 50
                   for panel in (window.predict, window.losscost) for v in vars(panel).values())
    window.load("builtin:toy")  # new data: the old block goes with the arrays that used it
    qtbot.waitUntil(lambda: window.session.current is not None and window.session.current.data_tag == 2
                    and window.session.loaded.dataset.source == "builtin:toy", timeout=10000)
    qtbot.waitUntil(lambda: shm_mapped(pid) == 0, timeout=10000)


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
