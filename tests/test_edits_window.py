"""Changing the data in the window: what the training process receives after each change is core's
apply of the edits; undo; photos dropped on the Data panel; the flip-10 experiment on the course data
(a higher cost after the same steps, exactly those 10 ringed in Loss vs cost); both languages."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from ui_helpers import drop, load, open_window, run_to, snap

from lrviz.core import GradientDescent
from lrviz.core.edits import AddPhotos, Edits, Flip, LeaveOut, apply
from lrviz.training.handoff import receive
from lrviz.training.loader import features


def received(window):
    """Record the data each change sends to the training process (as that process maps it)."""
    sent = []
    worker = window.session.worker
    original = worker.set_data

    def spy(handoff, tag=None):
        sent.append([None if a is None else np.array(a) for a in receive(handoff.items)])
        original(handoff, tag)
    worker.set_data = spy
    return sent


def engine_data(window, edits):
    """What the training process must train on: core's apply of ``edits`` to the loaded set, made
    into features with the loaded set's preprocessing."""
    loaded = window.session.loaded
    ds = loaded.dataset
    images, labels, origin = apply(ds.train_images, ds.train_labels, edits)
    return features(loaded.preprocessing, images).array(), labels, origin


def new_run(qtbot, window, before):
    qtbot.waitUntil(lambda: snap(window) is not None and snap(window).run != before, timeout=10000)


def test_each_change_sends_the_edited_set_and_undo_takes_it_back(qtbot, window, tmp_path):
    from PIL import Image
    data = window.data
    sent = received(window)
    # a change that would leave one class only is refused, in words, where the learner looks
    cats = np.flatnonzero(window.session.loaded.dataset.train_labels == 1)
    assert not window.editing.apply(LeaveOut(cats))
    assert "Not changed: only 'non-cat' examples would be left" in data.error.text() and data.error.isVisible()
    assert len(window.session.edits) == 0 and not sent
    lst = data.lists["train"]
    # untick #3: left out
    run = snap(window).run
    lst.item(3).setCheckState(Qt.CheckState.Unchecked)
    new_run(qtbot, window, run)
    # flip #0 and #5 with the button
    lst.clearSelection()
    for i in (0, 5):
        lst.item(i).setSelected(True)
    run = snap(window).run
    data.edits.flip.click()
    new_run(qtbot, window, run)
    # two photos dropped on the Data panel, added as the label chosen there (non-cat)
    paths = []
    for k, colour in enumerate(((200, 30, 30), (10, 200, 40))):
        paths.append(tmp_path / f"mine{k}.png")
        Image.new("RGB", (100, 80), colour).save(paths[-1])
    data.edits.label.setCurrentIndex(data.edits.label.findData(0))
    run = snap(window).run
    assert drop(data, paths)
    new_run(qtbot, window, run)
    edits = window.session.edits
    assert [type(e) for e in edits] == [LeaveOut, Flip, AddPhotos] and edits.items[1].indices == (0, 5)
    assert edits.items[2].label == 0 and edits.items[2].names == ("mine0.png", "mine1.png")
    assert data.edits.changes.count() == 3 and "Added 2 photo(s) as non-cat" in data.edits.changes.item(2).text()
    for k, n_edits in enumerate((1, 2, 3)):  # what the engine received after each change: core's apply
        X, y, _ = engine_data(window, Edits(edits.items[:n_edits]))
        np.testing.assert_array_equal(sent[k][0], X)
        np.testing.assert_array_equal(sent[k][1], y)
    m = len(window.session.loaded.dataset.train_labels)
    assert len(snap(window).logits) == m - 1 + 2
    # the thumbnails say each state: left out (unticked, ✕), relabelled (⇄), added (+, after the loaded set)
    assert lst.item(3).checkState() == Qt.CheckState.Unchecked and lst.item(3).text().startswith("✕")
    assert lst.item(0).text().startswith("⇄") and lst.item(5).text().startswith("⇄")
    assert [lst.item(lst.count() - 2 + k).text() for k in range(2)] == ["+ non-cat", "+ non-cat"]
    assert "left out" in lst.item(3).toolTip() and "label flipped by you" in lst.item(5).toolTip()
    # the loss view rings what was changed: the two flipped and the two photos
    window.tabs.setCurrentWidget(window.losscost)
    qtbot.waitUntil(lambda: len(window.losscost.ringed) == 4, timeout=10000)
    origin = window.session.edited.origin
    assert sorted(origin[window.losscost.ringed].tolist()) == [0, 5, m, m + 1]
    # undo, one change at a time, each a new run on what is left
    for n_edits in (2, 1, 0):
        run = snap(window).run
        data.edits.undo.click()
        new_run(qtbot, window, run)
        X, y, _ = engine_data(window, Edits(edits.items[:n_edits]))
        np.testing.assert_array_equal(sent[-1][0], X)
        np.testing.assert_array_equal(sent[-1][1], y)
        assert len(window.session.edits) == n_edits == data.edits.changes.count()
    assert lst.count() == min(m, 240) and lst.item(3).checkState() == Qt.CheckState.Checked
    assert not lst.item(0).text().startswith("⇄") and not data.edits.undo.isEnabled()


def test_flip_ten_on_the_course_data(qtbot, settings, course_dir, tmp_path):
    """The issue's lesson: after 300 steps at α = 0.005, flipping the 10 cats the run is surest of makes
    a run whose cost after the same 300 steps is higher, as core computes it on the edited data; the
    loss view rings exactly those 10; the edits are saved with the model; the sentence in both languages."""
    from lrviz.core import Preprocessing
    from lrviz.io.modelfile import load_edits
    from lrviz.ui.experiments import LOOK_FOR
    from lrviz.ui.i18n import translate
    window = open_window(qtbot, settings, source=str(course_dir))
    load(qtbot, window, str(course_dir), lr=0.005)
    run_to(qtbot, window, 300)
    plain = snap(window)
    window.editing.flip_action.trigger()  # Experiments → Flip 10 cat labels: a new run, playing
    qtbot.waitUntil(lambda: snap(window) is not None and snap(window).run != plain.run
                    and snap(window).iteration == 300 and not snap(window).running, timeout=20000)
    edits = window.session.edits
    (flip,) = edits.items
    ds = window.session.loaded.dataset
    assert len(flip.indices) == 10 and (ds.train_labels[list(flip.indices)] == 1).all()
    z = plain.logits[ds.train_labels == 1]  # the ten cats the run was surest of, from its own logits
    assert sorted(plain.logits[list(flip.indices)]) == sorted(np.sort(z)[-10:])
    prep = Preprocessing.fit(ds.train_images)
    X, y, _ = apply(prep.transform(ds.train_images), ds.train_labels, edits)
    engine = GradientDescent(0.005).fit(X, y, 300)
    assert snap(window).cost == pytest.approx(engine.cost_, rel=1e-9)
    assert snap(window).cost > plain.cost
    assert window.tabs.currentWidget() is window.losscost
    qtbot.waitUntil(lambda: len(window.losscost.ringed) == 10, timeout=10000)
    np.testing.assert_array_equal(np.sort(window.losscost.ringed), flip.indices)  # nothing left out: rows = pool
    xs, _ = window.losscost.rings.getData()
    np.testing.assert_allclose(np.sort(xs), np.sort(1 / (1 + np.exp(-engine.logits_[list(flip.indices)]))), rtol=1e-5)
    # saved with the model, to be made again
    window.session.save_model(str(tmp_path / "m.npz"))
    saved = load_edits(tmp_path / "m.npz")
    assert saved.pool == len(ds.train_labels) and saved.edits.items[0].indices == flip.indices
    # the sentence on what to look for, in English and then in Chinese
    note = window.data.edits.note
    assert note.isVisible() and "surest of are now labelled non-cat" in note.text()
    window.set_language("zh_CN")  # the classes named in Chinese too (the course's "cat" is 猫)
    assert note.text() == translate("Experiments", LOOK_FOR["flip"]).format(n=10, positive="猫", negative="非猫")
    assert note.text() != LOOK_FOR["flip"].format(n=10, positive="cat", negative="non-cat")
    assert window.editing.menu.title() == translate("DataEditing", "E&xperiments") != "E&xperiments"
    window.set_language("en")
