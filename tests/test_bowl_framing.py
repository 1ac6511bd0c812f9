"""The bowl's framing: the slice's lowest point (if any) inside the grid, with the path, the point
and the step; the 1-D pictures' curves and slopes are the engine's."""

import time

import numpy as np
import pytest

from conftest import features
from lrviz.core import GradientDescent, Preprocessing
from lrviz.core.bowl import extend_bowl, fit_bowl


def toy_features(toy):
    prep = Preprocessing.fit(toy.train_images, toy.scale)
    return prep.transform(toy.train_images, "float64"), toy.train_labels


def fitted(X, y, lr, iters):
    t = GradientDescent(lr, dtype="float64", checkpoint_every=1).fit(X, y, iters)
    return t, *fit_bowl(X, y, *t.trajectory(64), *t.gradient(), lr)


def inside(bowl, s, b, strictly=False):
    if strictly:
        return bowl.s[0] < s < bowl.s[-1] and bowl.b[0] < b < bowl.b[-1]
    return bowl.s[0] <= s <= bowl.s[-1] and bowl.b[0] <= b <= bowl.b[-1]


@pytest.mark.parametrize("lr", [1.0, 10.0])
def test_the_toy_bowl_frames_its_bottom_the_path_and_the_step(toy, lr):
    X, y = toy_features(toy)
    t, bowl, plane = fitted(X, y, lr, 5)
    assert toy.scale == "standardize" and bowl.exact and bowl.bottom is not None
    s_star, b_star, J_star = bowl.bottom
    assert inside(bowl, s_star, b_star, strictly=True)
    assert np.ptp(bowl.s) == pytest.approx(np.ptp(bowl.b))  # a square box: a round bowl looks round
    fine_s, fine_b = np.linspace(s_star - 0.05, s_star + 0.05, 101), np.linspace(b_star - 0.05, b_star + 0.05, 101)
    brute = plane.grid(fine_s, fine_b)
    i, j = np.unravel_index(np.argmin(brute), brute.shape)
    assert (fine_s[i], fine_b[j]) == pytest.approx((s_star, b_star), abs=2e-3)
    assert J_star <= brute.min() + 1e-6
    assert all(inside(bowl, s, b) for s, b in zip(bowl.path_s, bowl.path_b, strict=True))
    assert inside(bowl, bowl.path_s[-1] + bowl.step_s, bowl.path_b[-1] + bowl.step_b)


def test_the_toy_bowl_is_round_and_alpha_ten_overshoots(toy):
    X, y = toy_features(toy)
    t = GradientDescent(1.0, dtype="float64").fit(X, y, 300)
    z = X[:, 0] * t.w_[0] + t.b_
    a = 1 / (1 + np.exp(-z))
    wts = a * (1 - a)
    H = np.array([[np.mean(wts * X[:, 0] ** 2), np.mean(wts * X[:, 0])], [np.mean(wts * X[:, 0]), np.mean(wts)]])
    ev = np.linalg.eigvalsh(H)
    assert ev[1] / ev[0] < 3  # round enough to recognise as a bowl
    fast = GradientDescent(10.0, dtype="float64").fit(X, y, 40)
    b_path = np.array([fast.params_at(k)[1] for k in range(12)])
    crossings = np.sum(np.diff(np.sign(b_path[1:] - t.b_)) != 0)
    assert crossings >= 4 and fast.diverged_ is None  # from side to side across the bottom


def test_the_one_variable_pictures_are_the_planes_values_and_the_trainers_slopes(cats):
    X, y, _, _ = features(cats, "float64")
    t, bowl, plane = fitted(X, y, 0.005, 60)
    dw, db = t.gradient()
    assert bowl.slope_s == pytest.approx(bowl.direction.d @ dw) and bowl.slope_b == pytest.approx(db)
    s, b, d = bowl.path_s[-1], bowl.path_b[-1], bowl.direction.d
    assert bowl.J_now == pytest.approx(t.cost_, abs=1e-12)  # the curves pass through the true point
    for k in (0, 37, 100):  # J(w + (s − s_now)·d, b) and J(w, b'), each one forward pass
        assert bowl.line_s[k] == pytest.approx(t.evaluate(t.w_ + (bowl.s[k] - s) * d, t.b_)[0], abs=1e-9)
        assert bowl.line_b[k] == pytest.approx(t.evaluate(t.w_, bowl.b[k])[0], abs=1e-9)
    e = 1e-5  # the tangent's slope is each curve's own derivative at the point
    assert (t.evaluate(t.w_ + e * d, t.b_)[0] - t.evaluate(t.w_ - e * d, t.b_)[0]) / (2 * e) == \
        pytest.approx(bowl.slope_s, rel=1e-5)
    t.step(5)
    later = extend_bowl(bowl, plane, t.n_iter_, t.w_, t.b_, t.cost_, *t.gradient(), 0.005, t.logits_)
    assert later.slope_b == pytest.approx(t.gradient()[1]) and later.J_now == pytest.approx(t.cost_, abs=1e-12)


def test_a_bottom_found_is_a_true_minimum_and_none_means_j_keeps_falling(cats, toy):
    """The cats' 12,288-dimensional training set can be separated, but a 2-D slice through it may
    still have a lowest point; whatever is found must be true."""
    X, y, _, _ = features(cats, "float64")
    _, bowl, plane = fitted(X, y, 0.005, 300)
    if bowl.bottom is not None:
        s, b, J = bowl.bottom
        assert inside(bowl, s, b, strictly=True)
        for ds, db in ((1e-3, 0), (-1e-3, 0), (0, 1e-3), (0, -1e-3)):
            assert plane.at(s + ds, b + db)[0] >= J - 1e-12
    # a slice along which the toy's classes are separated perfectly: J falls for ever, no bottom
    from lrviz.core.bottom import find_bottom
    from lrviz.core.surface import Plane
    x = np.array([-2.0, -1.0, 1.0, 2.0])
    assert find_bottom(Plane(x[:, None], np.array([0, 0, 1, 1]), np.zeros(1), np.ones(1)), (0.0, 0.0), 100) is None
    assert inside(bowl, bowl.path_s[-1], bowl.path_b[-1])
    assert inside(bowl, bowl.path_s[-1] + bowl.step_s, bowl.path_b[-1] + bowl.step_b)


def test_fitting_stays_cheap_on_the_course_shape(course):
    prep = Preprocessing.fit(course.train_images)
    X, y = prep.transform(course.train_images), course.train_labels
    t = GradientDescent(0.005, checkpoint_every=1).fit(X, y, 200)
    args = (*t.trajectory(64), *t.gradient(), 0.005)
    start = time.perf_counter()
    for _ in range(5):
        bowl, plane = fit_bowl(X, y, *args)
    print(f"fit_bowl {(time.perf_counter() - start) / 5 * 1e3:.1f} ms")  # reported, not asserted (noisy machine)
