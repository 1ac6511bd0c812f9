"""Changes to the training set (lrviz.core.edits) and their place in the model file (lrviz.io.editfile)."""

import zipfile

import numpy as np
import pytest

from lrviz.core import DataError, GradientDescent, LogisticModel, Preprocessing
from lrviz.core.edits import AddPhotos, Edits, Flip, LeaveOut, apply, keep_only, problem, surest_of_class
from lrviz.io import load_model, save_model
from lrviz.io.editfile import SavedEdits
from lrviz.io.modelfile import load_edits


@pytest.fixture
def small(rng):
    X = rng.normal(size=(8, 3))
    y = np.array([0, 1, 1, 0, 1, 0, 0, 1], np.uint8)
    photos = rng.integers(0, 256, (3, 1, 1, 3), dtype=np.uint8)
    return X, y, photos


def as_rows(images):
    return images.reshape(len(images), -1) / 255.0


def test_apply_leaves_out_flips_and_adds_in_pool_order(small):
    X, y, photos = small
    edits = (Edits().then(LeaveOut([2, 5])).then(Flip([0, 1])).then(AddPhotos(photos, 1, ("a", "b", "c")))
             .then(Flip([9])).then(LeaveOut([8])).then(LeaveOut([5], out=False)))
    X2, y2, origin = apply(X, y, edits, rows=as_rows)
    # by hand: the pool is the 8 examples and then the 3 photos (8, 9, 10); 2 and 8 stay out
    pool_X = np.vstack([X, as_rows(photos)])
    pool_y = np.concatenate([y, [1, 1, 1]]).astype(np.uint8)
    pool_y[[0, 1]] ^= 1
    pool_y[9] ^= 1
    keep = [i for i in range(11) if i not in (2, 8)]
    np.testing.assert_array_equal(origin, keep)
    np.testing.assert_array_equal(X2, pool_X[keep])
    np.testing.assert_array_equal(y2, pool_y[keep])
    state = edits.state(y)
    np.testing.assert_array_equal(np.flatnonzero(state.flipped), [0, 1, 9])
    np.testing.assert_array_equal(np.flatnonzero(state.added), [8, 9, 10])
    np.testing.assert_array_equal(np.flatnonzero(state.ringed), [keep.index(i) for i in (0, 1, 9, 10)])
    assert X.shape == (8, 3) and y.tolist() == [0, 1, 1, 0, 1, 0, 0, 1]  # pure: the inputs are untouched


def test_undo_takes_the_last_change_away_one_by_one(small):
    X, y, photos = small
    steps = [LeaveOut([1]), Flip([3, 4]), AddPhotos(photos, 0)]
    edits = [Edits()]
    for e in steps:
        edits.append(edits[-1].then(e))
    for before, after in zip(edits[:-1], edits[1:], strict=True):
        assert after.undo() == before
        for a, b in zip(apply(X, y, after.undo(), rows=as_rows), apply(X, y, before, rows=as_rows), strict=True):
            np.testing.assert_array_equal(a, b)
    X0, y0, origin = apply(X, y, Edits())
    np.testing.assert_array_equal(X0, X)
    np.testing.assert_array_equal(y0, y)
    np.testing.assert_array_equal(origin, np.arange(8))


def test_an_edit_may_not_name_an_example_before_it_exists(small):
    X, y, photos = small
    with pytest.raises(ValueError, match="names example 8"):
        Edits().then(Flip([8])).then(AddPhotos(photos, 1)).state(y)
    with pytest.raises(ValueError):
        Flip([-1])


def test_a_change_that_leaves_one_class_is_refused_in_words(small):
    X, y, _ = small
    _, y2, _ = apply(X, y, Edits().then(LeaveOut(np.flatnonzero(y == 0))))
    assert "only 'cat' examples" in problem(y2, ("non-cat", "cat"))
    assert problem(y, ("non-cat", "cat")) is None


def test_the_experiments_choose_the_first_cats_and_keep_both_classes(small):
    _, y, _ = small
    state = Edits().then(LeaveOut([1])).state(y)
    np.testing.assert_array_equal(surest_of_class(state, 1, 2, len(y)), [2, 4])  # w = 0: the first ones
    z = np.array([0, 9, 1, 0, 3, 0, 0, 5.0])
    np.testing.assert_array_equal(surest_of_class(state, 1, 2, len(y), z), [4, 7])  # 1 is left out
    np.testing.assert_array_equal(surest_of_class(state, 0, 1, len(y), -z + 0.5 * np.arange(8)), [0])
    out = keep_only(state, 3)
    kept = np.setdiff1d(state.kept, out)
    assert len(kept) == 3 and set(y[kept]) == {0, 1}


def save_with_edits(path, rng, edits, pool=8):
    images = rng.integers(0, 256, (5, 1, 1, 3), dtype=np.uint8)
    model = LogisticModel(rng.normal(size=3), 0.1, Preprocessing.fit(images), ("non-cat", "cat"))
    save_model(path, model, SavedEdits(edits, pool, "/data/course"))
    return model


def test_edits_are_saved_with_the_model_and_read_back_without_pickle(tmp_path, rng, small):
    X, y, photos = small
    edits = Edits().then(LeaveOut([2, 5])).then(AddPhotos(photos, 1, ("mine.jpg", "b.png", "c.png"))).then(Flip([9]))
    model = save_with_edits(tmp_path / "m.npz", rng, edits)
    with np.load(tmp_path / "m.npz", allow_pickle=False) as f:  # plain arrays: the added photos as pixels
        np.testing.assert_array_equal(f["added_images"], photos)
    saved = load_edits(tmp_path / "m.npz")
    assert (saved.pool, saved.source) == (8, "/data/course")
    assert saved.edits.photos()[0].names == ("mine.jpg", "b.png", "c.png")
    for a, b in zip(apply(X, y, saved.edits, rows=as_rows), apply(X, y, edits, rows=as_rows), strict=True):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(load_model(tmp_path / "m.npz").w, model.w)
    save_model(tmp_path / "plain.npz", model)
    assert load_edits(tmp_path / "plain.npz") is None


def rewrite(path, **fields):
    """The archive at ``path`` with some fields replaced (a hostile or broken file)."""
    with np.load(path, allow_pickle=False) as f:
        data = {k: f[k] for k in f.files}
    data.update(fields)
    np.savez(path, **data)


@pytest.mark.parametrize("fields, message", [
    (dict(edit_kind=np.array([0, 7], np.int8)), "field 'edit_kind' has unknown kinds \\[7\\]"),
    (dict(edit_index=np.array([2, 5, 400])), "'edit_index' holds 3 examples, the edits name 2"),
    (dict(edit_index=np.array([2, 50])), "the data edits do not fit the data: .*names example 50"),
    (dict(added_images=np.zeros((2, 1, 1, 3), np.uint8)), "'added_images' must hold the 1 added photos"),
    (dict(added_images=np.zeros((1, 1, 1, 3), np.float32)), "'added_images' has values of type float32"),
    (dict(edit_label=np.array([0, 2], np.int8)), "'edit_label' must be 0 or 1"),
    (dict(edit_pool=np.array([8, 9])), "'edit_pool' must be one value"),
])
def test_bad_edits_in_a_model_file_are_one_message_naming_it(tmp_path, rng, fields, message):
    path = tmp_path / "m.npz"
    save_with_edits(path, rng, Edits().then(LeaveOut([2, 5])).then(AddPhotos(np.zeros((1, 1, 1, 3), np.uint8), 1)))
    rewrite(path, **fields)
    with pytest.raises(DataError, match=message) as e:
        load_edits(path)
    assert str(e.value).startswith(str(path))


def test_a_missing_edit_field_is_named(tmp_path, rng):
    path = tmp_path / "m.npz"
    save_with_edits(path, rng, Edits().then(Flip([1])))
    with zipfile.ZipFile(path) as z:
        keep = {n: z.read(n) for n in z.namelist() if n != "edit_index.npy"}
    with zipfile.ZipFile(path, "w") as z:
        for name, content in keep.items():
            z.writestr(name, content)
    with pytest.raises(DataError, match="the data edits are incomplete: missing edit_index"):
        load_edits(path)


def test_flipping_the_ten_surest_cats_raises_the_course_cost_after_the_same_steps(course):
    """The lesson's claim, on the engine: the floor of the bowl rises when labels are wrong."""
    prep = Preprocessing.fit(course.train_images)
    X, y = prep.transform(course.train_images), course.train_labels
    plain = GradientDescent(0.005).fit(X, y, 300)
    flipped = surest_of_class(Edits().state(y), 1, 10, len(y), plain.logits_)
    X2, y2, _ = apply(X, y, Edits().then(Flip(flipped)))
    edited = GradientDescent(0.005).fit(X2, y2, 300)
    assert len(flipped) == 10 and y[flipped].tolist() == [1] * 10 and (y2[flipped] == 0).all()
    assert edited.cost_ > plain.cost_


def test_keeping_twenty_course_examples_learns_them_by_heart(course):
    """The second lesson: 20 examples (both classes) are learnt to 100 %, and the test set suffers."""
    prep = Preprocessing.fit(course.train_images)
    X, y = prep.transform(course.train_images), course.train_labels
    Xt, yt = prep.transform(course.test_images), course.test_labels
    out = keep_only(Edits().state(y), 20)
    X2, y2, origin = apply(X, y, Edits().then(LeaveOut(out)))
    assert len(y2) == 20 and 0 < y2.sum() < 20
    few, full = (GradientDescent(0.005).fit(a, b, 2000, Xt, yt) for a, b in ((X2, y2), (X, y)))
    assert few.train_accuracy() == 100.0 and few.test_accuracy() < full.test_accuracy()
