import numpy as np
import pytest
from conftest import features

from lrviz.core import DataError, GradientDescent, builtin


def test_cats_are_the_courses_shape_and_balance(cats):
    assert cats.train_images.shape == (209, 64, 64, 3) and cats.test_images.shape == (50, 64, 64, 3)
    assert cats.counts() == {"train": (137, 72), "test": (17, 33)}
    assert cats.source == "builtin:cats"


def test_builtins_are_seeded(cats):
    again = builtin.cats()
    np.testing.assert_array_equal(again.train_images, cats.train_images)
    redrawn, labels = builtin._drawn.__wrapped__(1, 72, 209, 0)  # drawn again, past the process's cache
    np.testing.assert_array_equal(redrawn, cats.train_images)
    np.testing.assert_array_equal(labels, cats.train_labels)
    other = builtin.cats(seed=2)
    assert not np.array_equal(other.train_images, cats.train_images)


def test_each_load_of_a_builtin_is_its_own_copy(cats):
    """The pictures are drawn once per process; a change to one load's arrays reaches no other."""
    first, second = builtin.cats(), builtin.cats()
    assert first.train_images.flags.writeable and first.train_labels.flags.writeable
    first.train_images[:] = 0
    first.train_labels[:] = 1
    np.testing.assert_array_equal(second.train_images, cats.train_images)
    np.testing.assert_array_equal(builtin.cats().train_labels, cats.train_labels)


def test_cats_are_learnable_but_not_trivially(cats):
    X, y, Xt, yt = features(cats)
    trainer = GradientDescent(0.005).fit(X, y, 2000, Xt, yt)
    assert trainer.train_accuracy() > 95
    assert 50 <= trainer.test_accuracy() <= 90  # clearly below 100 %, as with real photos


def test_toy_has_one_feature_and_overlapping_classes(toy):
    assert toy.image_shape == (1, 1, 1) and toy.n_features == 1 and toy.train_images.dtype == np.uint8
    assert len(toy.train_labels) == 120 and len(toy.test_labels) == 40 and toy.scale == "standardize"
    np.testing.assert_array_equal(builtin.toy().train_images, toy.train_images)  # seeded
    x, y = toy.train_images.ravel(), toy.train_labels
    assert x[y == 1].mean() > x[y == 0].mean()
    assert x[y == 1].min() < x[y == 0].max()  # not separable: J(w, b) has a finite minimum


def test_unknown_builtin_is_a_clear_error():
    with pytest.raises(DataError, match="builtin:dogs: no such built-in set; choose one of builtin:cats"):
        builtin.load("builtin:dogs")
