"""The bowl's framing: the slice's lowest point (if any) inside the grid, with the path, the point
and the step; the 1-D pictures' curves and slopes are the engine's."""

import time

import numpy as np
import pytest

from conftest import features
from lrviz.core import GradientDescent, Preprocessing
from lrviz.core.bowl import bowl_at, extend_bowl, fit_bowl
from lrviz.core.bottom import find_bottom
from lrviz.core.surface import Plane


def toy_features(toy):
    prep = Preprocessing.fit(toy.train_images, "standardize")  # as the loaders will for builtin:toy
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


def test_the_toy_bowl_is_round_and_alpha_ten_overshoots_without_diverging(toy):
    X, y = toy_features(toy)
    _, bowl, plane = fitted(X, y, 1.0, 5)
    w, b, _ = bowl.bottom
    a = 1 / (1 + np.exp(-(X[:, 0] * w + b)))
    wts = a * (1 - a)
    H = np.array([[np.mean(wts * X[:, 0] ** 2), np.mean(wts * X[:, 0])], [np.mean(wts * X[:, 0]), np.mean(wts)]])
    ev = np.linalg.eigvalsh(H)
    assert ev[0] > 0 and ev[1] / ev[0] < 3  # one bottom, round enough to recognise as a bowl
    fast = GradientDescent(10.0, dtype="float64").fit(X, y, 200)
    b_path = np.array([fast.params_at(k)[1] for k in range(12)])
    crossings = np.sum(np.diff(np.sign(b_path[1:] - b)) != 0)
    costs = np.array(fast.history_.costs.values())
    assert crossings >= 4  # from side to side across the bottom
    assert fast.diverged_ is None and fast.n_iter_ == 200 and costs.max() <= costs[0]  # never climbing out


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


def test_no_bottom_where_the_slice_separates_the_classes_and_the_bottom_where_they_overlap():
    """J on a plane is convex: one lowest point, or none when some (s, b) classifies every example
    right (J then falls for ever along the ray through it) — however far or steep the slice."""
    y = np.array([0, 0, 1, 1])
    for x in ([-2.0, -1.0, 1.0, 2.0], [-50.0, -40.0, 40.0, 50.0], [0.01, 0.02, 0.03, 0.04], [3.0, 4.0, 5.0, 6.0]):
        plane = Plane(np.array(x)[:, None], y, np.zeros(1), np.ones(1))
        assert find_bottom(plane, (0.0, 0.0), 1e4) is None
    plane = Plane(np.array([[1.0], [2.0], [3.0], [4.0]]), np.array([0, 1, 0, 1]), np.zeros(1), np.ones(1))
    s, b, J = find_bottom(plane, (0.0, 0.0), 100)
    assert (s, b) == pytest.approx((0.9081843, -2.2704607), abs=1e-6)  # where the gradient vanishes
    z = plane.u + s * plane.v + b
    r = 1 / (1 + np.exp(-z)) - plane.y
    assert abs(np.mean(r * plane.v)) < 1e-10 and abs(np.mean(r)) < 1e-10 and J == pytest.approx(plane.at(s, b)[0])


def test_the_toy_pictures_are_the_bowls_own_values_and_follow_the_point(toy):
    """With one weight the plane is all of (w, b): the curves are J on the grid lines through the
    point, their slopes the trainer's gradient, and both move with the point — forward
    (extend_bowl) and back to a past iteration (bowl_at)."""
    X, y = toy_features(toy)
    t, bowl, plane = fitted(X, y, 1.0, 5)

    def check(seen, w, b):
        dw, db = t.gradient(w, b)
        assert seen.point[:2] == pytest.approx((w[0], b), abs=1e-12)
        np.testing.assert_allclose(seen.line_s, plane.at(seen.s, np.full(len(seen.s), b)), atol=1e-12)
        np.testing.assert_allclose(seen.line_b, plane.at(np.full(len(seen.b), w[0]), seen.b), atol=1e-12)
        assert seen.J_now == pytest.approx(plane.at(w[0], b)[0], abs=1e-14)
        assert seen.slope_s == pytest.approx(seen.direction.d @ dw, abs=1e-15) and seen.slope_b == db
        e = 1e-6  # each slope is its curve's derivative at the point
        assert (plane.at(w[0] + e, b) - plane.at(w[0] - e, b))[0] / (2 * e) == pytest.approx(seen.slope_s, abs=1e-8)
        assert (plane.at(w[0], b + e) - plane.at(w[0], b - e))[0] / (2 * e) == pytest.approx(seen.slope_b, abs=1e-8)

    check(bowl, t.w_, t.b_)
    t.step(3)
    grown = extend_bowl(bowl, plane, t.n_iter_, t.w_, t.b_, t.cost_, *t.gradient(), 1.0, t.logits_)
    check(grown, t.w_, t.b_)
    w2, b2, J2 = t.replay(2)
    past = bowl_at(grown, plane, 2, w2, b2, J2, *t.gradient(w2, b2), 1.0)
    check(past, w2, b2)
    assert past.path_t[-1] == 2 and past.J is bowl.J
    assert (past.step_s, past.step_b) == pytest.approx(tuple(-1.0 * g for g in (t.gradient(w2, b2)[0][0], t.gradient(w2, b2)[1])))


def test_alpha_one_walks_smoothly_into_the_toys_bottom(toy):
    X, y = toy_features(toy)
    t, bowl, _ = fitted(X, y, 1.0, 40)
    s_star, b_star, J_star = bowl.bottom
    w, b = np.array([t.params_at(k)[0][0] for k in range(41)]), np.array([t.params_at(k)[1] for k in range(41)])
    dist = np.hypot(w - s_star, b - b_star)
    assert np.all(np.diff(dist) < 0) and dist[-1] < 0.03 * dist[0]  # straight in, within a few dozen steps
    assert np.all(w < s_star) and np.all(b > b_star)                 # never past the bottom: no overshoot
    costs = np.array(t.history_.costs.values())
    assert np.all(np.diff(costs) < 0) and costs[-1] - J_star < 1e-3


def separated_on(plane, reach=50.0):
    """A point of the plane where every training example is classified right, if any: through
    w₀ = 0 (u = 0) J then falls towards 0 along the ray through it, so J has no lowest point."""
    assert not np.any(plane.u)
    sign = 2 * plane.y - 1
    grid = np.linspace(-reach, reach, 201)
    for s in grid:
        right = (sign * (s * plane.v)[None, :] + sign * grid[:, None] > 0).all(axis=1)
        if right.any():
            return s, grid[right.argmax()]
    return None


@pytest.mark.parametrize("data", ["cats", "course"])
def test_the_courses_sets_frame_the_path_and_what_is_true_of_the_bottom(data, request):
    """After 300 steps the slice through the path still has a lowest point (found: a true minimum,
    inside the box); after 3000 the training set is separated along the slice and there is none."""
    X, y, _, _ = features(request.getfixturevalue(data), "float64")
    t = GradientDescent(0.005, dtype="float64", checkpoint_every=1).start(X, y)
    for iters, has_bottom in ((300, True), (3000, False)):
        t.step(iters - t.n_iter_)
        bowl, plane = fit_bowl(X, y, *t.trajectory(64), *t.gradient(), 0.005)
        assert all(inside(bowl, s, b) for s, b in zip(bowl.path_s, bowl.path_b, strict=True))
        assert inside(bowl, bowl.path_s[-1] + bowl.step_s, bowl.path_b[-1] + bowl.step_b)
        assert 1 / 3 < np.ptp(bowl.s) / np.ptp(bowl.b) < 3  # neither axis a sliver
        assert (bowl.bottom is not None) == has_bottom and (separated_on(plane) is None) == has_bottom
        if has_bottom:
            s, b, J = bowl.bottom
            assert inside(bowl, s, b, strictly=True) and J < t.cost_
            fine_s, fine_b = np.linspace(s - 0.02, s + 0.02, 41), np.linspace(b - 0.02, b + 0.02, 41)
            brute = np.array([plane.at(fine_s, np.full(41, bv)) for bv in fine_b])
            j, i = np.unravel_index(np.argmin(brute), brute.shape)
            assert (fine_s[i], fine_b[j]) == pytest.approx((s, b), abs=1e-3) and J <= brute.min() + 1e-12


def test_fitting_stays_cheap_on_the_course_shape(course):
    prep = Preprocessing.fit(course.train_images)
    X, y = prep.transform(course.train_images), course.train_labels
    t = GradientDescent(0.005, checkpoint_every=1).fit(X, y, 200)
    args = (*t.trajectory(64), *t.gradient(), 0.005)
    start = time.perf_counter()
    for _ in range(5):
        bowl, plane = fit_bowl(X, y, *args)
    fit_ms = (time.perf_counter() - start) / 5 * 1e3
    t.step(1)
    w, (dw, db) = t.w_, t.gradient()
    start = time.perf_counter()
    for k in range(50):
        extend_bowl(bowl, plane, t.n_iter_ + k, w, t.b_, t.cost_, dw, db, 0.005, t.logits_)
    extend_ms = (time.perf_counter() - start) / 50 * 1e3
    # reported, not asserted (a noisy machine); the training process runs them with one BLAS thread
    print(f"fit_bowl {fit_ms:.1f} ms, extend_bowl {extend_ms:.2f} ms")


def test_the_contour_lines_come_with_the_surface_and_lie_on_their_levels(toy):
    """Computed where the surface is (the training process), so the window only draws them."""
    from lrviz.core.levels import contour_levels
    X, y = toy_features(toy)
    _, bowl, plane = fitted(X, y, 1.0, 5)
    assert [lv for lv, _ in bowl.contours] == pytest.approx(list(contour_levels(bowl.J, 8)))
    assert len(bowl.contours) >= 5
    for level, seg in bowl.contours:
        ends = seg.reshape(-1, 2)
        assert len(ends) > 10
        exact = plane.at(ends[:, 0], ends[:, 1])  # J at the line's points, from the engine
        assert np.abs(exact - level).max() < 0.02 * np.ptp(bowl.J)  # on its level, to the grid's resolution
    w = np.full(1, 0.1)
    grown = extend_bowl(bowl, plane, 6, w, 0.0, 0.5, w, 0.0, 1.0)
    assert grown.contours is bowl.contours  # the same surface: the same lines, not recomputed
