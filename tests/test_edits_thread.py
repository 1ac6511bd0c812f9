"""A change to the data is made for the training process off the window's thread (CIFAR-10's
features held it ~0.4 s a change): what is superseded is not sent and is freed, a failure is said and
the data before stays, and commands given meanwhile (Play) reach the new run, in order."""

import threading

import numpy as np
import pytest
from conftest import need_module

from lrviz.core.edits import Edits, Flip
from lrviz.core.errors import Message
from lrviz.training import edited as edited_module
from lrviz.training.edited import Handoffs, edit
from lrviz.training.handoff import Handoff
from lrviz.training.loader import Loaded, features


@pytest.fixture
def loaded(cats):
    from lrviz.core import Preprocessing
    prep = Preprocessing.fit(cats.train_images, cats.scale)
    items = (features(prep, cats.train_images), cats.train_labels, features(prep, cats.test_images), cats.test_labels)
    return Loaded(cats, prep, Handoff(items))


def wait_ready(handoffs, tag):
    for _ in range(500):
        made = handoffs.ready(tag)
        if made is not None or not handoffs.busy:
            return made
        threading.Event().wait(0.01)
    raise AssertionError("not made in 5 s")


def test_the_change_wanted_is_made_and_one_superseded_is_freed_or_never_made(loaded, monkeypatch):
    made, gate = [], threading.Event()
    real = edited_module.handoff

    def slow(ld, ed):  # the first change is being made when the next two come
        gate.wait(5)
        h = real(ld, ed)
        made.append((h, h.shared))
        return h
    monkeypatch.setattr(edited_module, "handoff", slow)
    handoffs = Handoffs()
    changes = [edit(loaded, Edits((Flip((k,)),))) for k in range(3)]
    for tag, change in enumerate(changes, 1):
        handoffs.make(loaded, change, tag)
    assert handoffs.ready(3) is None and handoffs.busy  # still being made
    gate.set()
    out = wait_ready(handoffs, 3)
    assert isinstance(out, Handoff) and not handoffs.busy
    assert len(made) == 2  # the first (begun before the others came) and the third; the second never
    np.testing.assert_array_equal(out.items[1], changes[2].labels)
    (first, was_shared), (last, _) = made
    assert last is out and was_shared and not first.shared  # the superseded one's shared memory freed
    out.release()
    loaded.handoff.release()
    handoffs.close()


def test_a_change_that_cannot_be_made_is_said_naming_the_data(loaded, monkeypatch):
    def failing(ld, ed):
        raise MemoryError("no room for 614 MB")
    monkeypatch.setattr(edited_module, "handoff", failing)
    handoffs = Handoffs()
    handoffs.make(loaded, edit(loaded, Edits((Flip((0,)),))), 1)
    why = wait_ready(handoffs, 1)
    assert isinstance(why, Message)
    assert why == f"{loaded.dataset.source}: unexpected MemoryError: no room for 614 MB"
    loaded.handoff.release()
    handoffs.close()


def test_in_the_window_play_after_a_change_plays_the_new_run_and_a_failure_keeps_the_old(qtbot, window,
                                                                                       monkeypatch):
    need_module("PySide6")
    from ui_helpers import snap
    s = window.session
    gate = threading.Event()
    real = edited_module.handoff
    monkeypatch.setattr(edited_module, "handoff", lambda ld, ed: (gate.wait(10), real(ld, ed))[1])
    before = snap(window).run
    assert window.editing.apply(Flip((0, 1)))  # returns at once: the features are still being made
    assert not gate.is_set() and len(s.edits) == 1
    window.training.speed.setCurrentIndex(0)
    window.training.stop_at.setValue(20)
    window.training.play_button.click()  # held until the new data is sent, then sent after it
    qtbot.wait(100)
    assert snap(window) is None or snap(window).run == before  # nothing of the new run yet
    gate.set()
    qtbot.waitUntil(lambda: snap(window) is not None and snap(window).run != before
                    and snap(window).iteration == 20, timeout=10000)  # Play reached the new run
    # a change that cannot be made: said, and the run on the data before is shown again
    monkeypatch.setattr(edited_module, "handoff", lambda ld, ed: (_ for _ in ()).throw(MemoryError("full")))
    run = snap(window).run
    assert window.editing.apply(Flip((2,)))
    qtbot.waitUntil(lambda: "unexpected MemoryError: full" in window.statusBar().currentMessage(), timeout=10000)
    qtbot.waitUntil(lambda: snap(window) is not None, timeout=10000)
    assert snap(window).run == run and snap(window).iteration == 20 and len(s.edits) == 1
