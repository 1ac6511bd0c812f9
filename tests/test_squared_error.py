"""Squared error on a slice: not convex; the cross-entropy on the same slice is."""

import numpy as np
import pytest
from conftest import features

from lrviz.core import GradientDescent, Preprocessing
from lrviz.core.surface import Plane
from lrviz.core.tracker import BowlTracker, trainer_options


def second_differences(J):
    """Second differences of a grid along each axis: ≥ 0 everywhere where J is convex along it."""
    return np.diff(J, n=2, axis=0), np.diff(J, n=2, axis=1)


def squared_error_grid(plane, s, t):
    """The squared error's J on the same slice as ``plane``: the plane with that loss."""
    return Plane(plane.y, plane.z0, plane.p, plane.q, "squared_error").grid(s, t)


def cross_entropy_grid(plane, s, t):
    return Plane(plane.y, plane.z0, plane.p, plane.q, "cross_entropy").grid(s, t)


def b_plane(X, y, w0, d):
    """The plane through (w₀, 0) along the w-direction d and b: z = Xw₀ + s·Xd + t."""
    X = np.asarray(X, dtype=np.float64)
    return Plane(y, X @ w0, X @ d, np.ones(len(y)))


def toy_plane(toy):
    prep = Preprocessing.fit(toy.train_images, "standardize")
    X = prep.transform(toy.train_images, "float64")
    return X, toy.train_labels, b_plane(X, toy.train_labels, np.zeros(1), np.ones(1))


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
    plane = b_plane(X, y, np.zeros(X.shape[1]), d)
    s, b = np.linspace(-40, 40, 41), np.linspace(-8, 8, 41)
    assert second_differences(cross_entropy_grid(plane, s, b))[0].min() >= -1e-6
    assert min(x.min() for x in second_differences(squared_error_grid(plane, s, b))) < 0


def _trained_bowl(X, y, lr, iters, surface, trained="cross_entropy"):
    t = GradientDescent(lr, dtype="float64", loss=trained, **trainer_options(X)).fit(X, y, iters)
    tracker = BowlTracker(surface=surface)
    bowl = tracker.bowl(t, lr, 101)
    return t, bowl, Plane(y, *(getattr(tracker.drawn_plane(t), k) for k in ("z0", "p", "q")), "squared_error")


def test_the_bowl_view_draws_the_squared_error_on_the_same_slice_and_path(toy):
    X, y, _ = toy_plane(toy)
    t, ce, _ = _trained_bowl(X, y, 1.0, 5, "cross_entropy")
    _, se, plane = _trained_bowl(X, y, 1.0, 5, "squared_error")
    assert se.loss == "squared_error" and se.trained == "cross_entropy" and se.bottom is None
    # the same slice and path, seen three times as wide (its plateaus lie beyond the descent's stretch)
    for wide, narrow in ((se.s, ce.s), (se.t, ce.t)):
        assert np.ptp(wide) == pytest.approx(3 * np.ptp(narrow)) and wide.mean() == pytest.approx(narrow.mean())
    np.testing.assert_array_equal(se.path_s, ce.path_s)
    assert (se.step_s, se.step_t) == (ce.step_s, ce.step_t)  # the step is the trained loss's
    np.testing.assert_allclose(se.J, squared_error_grid(plane, se.s, se.t), rtol=0, atol=1e-12)
    z = X @ t.w_ + t.b_
    a = 1 / (1 + np.exp(-z))
    assert se.J_now == pytest.approx(np.mean(0.5 * (a - y) ** 2), abs=1e-12)
    # the tangent on the squared-error curve is that curve's own slope (central differences)
    h = 1e-5
    for slope, moved in ((se.slope_s, (h, 0.0)), (se.slope_t, (0.0, h))):
        up, down = (plane.through(z, [sgn * moved[0]], [sgn * moved[1]])[0] for sgn in (1, -1))
        assert slope == pytest.approx((up - down) / (2 * h), rel=1e-5, abs=1e-9)
    # convex with the cross-entropy, not with the squared error, on this very grid
    assert min(d.min() for d in second_differences(ce.J)) >= -1e-6
    assert min(d.min() for d in second_differences(se.J)) < 0
    assert len(se.contours) >= 3


def test_training_on_squared_error_draws_its_own_costs_and_gradient(toy):
    X, y, _ = toy_plane(toy)
    t, se, _ = _trained_bowl(X, y, 1.0, 5, "squared_error", trained="squared_error")
    assert se.path_J[-1] == pytest.approx(t.cost_, abs=1e-12)  # the trainer's own J
    dw, db = t.gradient()
    assert (se.slope_s, se.slope_t) == pytest.approx((float(dw[0]), db))  # one weight: the axes are w and b
