"""Squared error on a slice: not convex; the cross-entropy on the same slice is."""

import numpy as np
import pytest

from conftest import features
from lrviz.core import GradientDescent, Preprocessing
from lrviz.core.squared import cross_entropy_grid, second_differences, squared_error_grid
from lrviz.core.surface import Plane


def toy_plane(toy):
    prep = Preprocessing.fit(toy.train_images, "standardize")
    X = prep.transform(toy.train_images, "float64")
    return X, toy.train_labels, Plane(X, toy.train_labels, np.zeros(1), np.ones(1))


def test_squared_error_grid_is_the_mean_of_half_squared_errors(toy):
    X, y, plane = toy_plane(toy)
    s, b = np.linspace(-6, 6, 7), np.linspace(-3, 3, 5)
    J = squared_error_grid(plane, s, b)
    for i, sv in enumerate(s):
        for j, bv in enumerate(b):
            a = 1 / (1 + np.exp(-(X[:, 0] * sv + bv)))
            assert J[i, j] == pytest.approx(np.mean(0.5 * (a - y) ** 2), abs=1e-12)


def test_cross_entropy_is_convex_on_the_slice_and_squared_error_is_not(toy):
    _, _, plane = toy_plane(toy)
    s, b = np.linspace(-12, 12, 61), np.linspace(-12, 12, 61)
    for d2 in second_differences(cross_entropy_grid(plane, s, b)):
        assert d2.min() >= -1e-6          # the grid is float32-accurate to ~1e-6
    se = second_differences(squared_error_grid(plane, s, b))
    assert min(d.min() for d in se) < -1e-4   # bends the wrong way somewhere: plateaus, not a bowl


def test_the_same_on_the_slice_gradient_descent_walks_on_cats(cats):
    X, y, _, _ = features(cats, "float64")
    trainer = GradientDescent(0.005, dtype="float64").fit(X, y, 100)
    d = trainer.w_ / np.linalg.norm(trainer.w_)
    plane = Plane(X, y, np.zeros(X.shape[1]), d)
    s, b = np.linspace(-40, 40, 41), np.linspace(-8, 8, 41)
    assert second_differences(cross_entropy_grid(plane, s, b))[0].min() >= -1e-6
    assert min(x.min() for x in second_differences(squared_error_grid(plane, s, b))) < 0
