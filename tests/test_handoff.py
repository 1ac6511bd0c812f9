"""Big arrays reach the training process through shared memory, the small ones as they are; where
/dev/shm has no room (a container's is often 64 MB or less) everything goes through the pipe. Both
paths are tested on every run: the decision by the ``room`` it is given, the shared path with
arrays of a few MB."""

import os

import numpy as np
import pytest
from conftest import features, missing

from lrviz.core import GradientDescent
from lrviz.training.handoff import SHM_HEADROOM, SMALL, Handoff, Shared, receive, shm_room

CATS_BYTES = (209 + 50) * 64 * 64 * 3 * 4  # the built-in cats' float32 features, train and test


def blocks():
    return set(os.listdir("/dev/shm"))


def names(h: Handoff) -> set[str]:
    """The blocks ``h`` put its arrays in (compared with /dev/shm by name: other programs use it too)."""
    return {item.name for item in h.items if isinstance(item, Shared)}


def need_room(nbytes: int) -> None:
    """The shared path puts ``nbytes`` in /dev/shm for real: it needs that room (twice, as others use it too)."""
    if shm_room() < 2 * SHM_HEADROOM * nbytes:
        missing(f"/dev/shm has {shm_room() / 2**20:.1f} MB free; this test puts {nbytes / 2**20:.1f} MB there")


def test_the_room_for_shared_memory_is_the_folders_free_space(tmp_path):
    st = os.statvfs(tmp_path)
    assert shm_room(str(tmp_path)) == st.f_bavail * st.f_frsize > 0
    assert shm_room(str(tmp_path / "no-such-folder")) == 0  # no such folder (another system): no hand-off


def test_big_arrays_go_by_name_small_ones_as_they_are_and_come_out_equal(rng):
    X = rng.standard_normal((300, 1000)).astype(np.float32)   # 1.2 MB: shared
    y = rng.integers(0, 2, 300)                               # small: as it is
    X_test = np.asfortranarray(rng.standard_normal((700, 200)))  # 1.1 MB, not C-ordered
    need_room(X.nbytes + X_test.nbytes)
    h = Handoff((X, y, X_test, None), room=2**40)  # room enough, whatever this machine's /dev/shm
    assert h.shared and len(names(h)) == 2 and names(h) <= blocks()
    kinds = [type(item) for item in h.items]
    assert kinds == [Shared, np.ndarray, Shared, type(None)] and h.items[1] is y
    got = receive(h.items)
    for a, b in zip((X, y, X_test), got, strict=False):
        np.testing.assert_array_equal(a, b)
        assert a.dtype == b.dtype
    assert got[3] is None
    assert not got[0].flags.writeable and not got[2].flags.writeable  # the block itself, read-only: no copy
    h.release()
    assert not names(h) & blocks() and not h.shared
    np.testing.assert_array_equal(got[0], X)  # the process's mapping outlives the window's letting go
    with pytest.raises(FileNotFoundError):  # freed before the process came to it: it skips that data
        receive(h.items)


def test_made_arrays_are_written_straight_into_shared_memory(rng):
    """The loader makes the features in the block: no private copy first (1.47 GB for 30,000 images)."""
    import tracemalloc

    from lrviz.training.handoff import Made
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
    h = Handoff((X, None), room=X.nbytes)  # less than the headroom asks: a container's small /dev/shm
    assert not h.shared and not names(h) and h.items[0] is X
    assert receive(h.items)[0] is X


def test_the_window_frees_the_shared_data_once_the_training_process_has_it(qtbot, window, cats):
    need_room(CATS_BYTES)
    loaded = window.session.loaded
    assert isinstance(loaded.handoff.items[0], Shared)  # the built-in cats' features go by shared memory
    assert not hasattr(loaded, "X")  # and the window keeps no float copy of them
    qtbot.waitUntil(lambda: not loaded.handoff.shared, timeout=10000)
    assert len(names(loaded.handoff)) == 2 and not names(loaded.handoff) & blocks()  # X and X_test; both freed
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
    need_room(CATS_BYTES)

    from lrviz.training.loader import DataLoader
    loader = DataLoader()
    loader.start("builtin:cats")
    job = loader._job
    job.thread.join(30)
    h = job.result[2].handoff
    assert job.result[0] == "done" and h.shared and names(h) <= blocks()  # not yet polled
    loader.start("builtin:toy")  # another load first (a drop, say)
    assert job.result[0] == "cancelled" and not names(h) & blocks()
    deadline = time.perf_counter() + 30
    while (event := loader.poll()) is None or event[0] == "progress":
        assert time.perf_counter() < deadline
        time.sleep(0.01)
    assert event[0] == "done" and event[2].dataset.source == "builtin:toy"
