"""The bowl's framing: the slice's lowest point (if any) inside the view with the path, the point and
the step; what is true of the lowest point; the 1-D pictures follow the point."""

import numpy as np
import pytest
from conftest import features

from lrviz.core import GradientDescent, Preprocessing
from lrviz.core.bottom import find_bottom
from lrviz.core.surface import Plane
from lrviz.core.tracker import BowlTracker, trainer_options


def toy_features(toy):
    prep = Preprocessing.fit(toy.train_images, "standardize")  # as the loaders will for builtin:toy
    return prep.transform(toy.train_images, "float64"), toy.train_labels


def fitted(X, y, lr, iters, grid=101):
    """A trainer after ``iters`` steps, its bowl as the window draws it, and the cross-entropy plane."""
    t = GradientDescent(lr, dtype="float64", **trainer_options(X, 1, iters)).fit(X, y, iters)
    tracker = BowlTracker()
    bowl = tracker.bowl(t, lr, grid)
    return t, bowl, tracker


def inside(bowl, s, t, strictly=False):
    if strictly:
        return bowl.s[0] < s < bowl.s[-1] and bowl.t[0] < t < bowl.t[-1]
    return bowl.s[0] <= s <= bowl.s[-1] and bowl.t[0] <= t <= bowl.t[-1]


@pytest.mark.parametrize("lr", [1.0, 10.0])
def test_the_toy_bowl_frames_its_bottom_the_path_and_the_step(toy, lr):
    X, y = toy_features(toy)
    t, bowl, tracker = fitted(X, y, lr, 5)
    assert toy.scale == "standardize" and bowl.exact and bowl.bottom is not None
    s_star, b_star, J_star = bowl.bottom
    assert inside(bowl, s_star, b_star, strictly=True)
    assert np.ptp(bowl.s) == pytest.approx(np.ptp(bowl.t))  # a square box: a round bowl looks round
    plane = tracker.drawn_plane(t)
    fine_s, fine_b = np.linspace(s_star - 0.05, s_star + 0.05, 101), np.linspace(b_star - 0.05, b_star + 0.05, 101)
    brute = plane.grid(fine_s, fine_b)
    i, j = np.unravel_index(np.argmin(brute), brute.shape)
    assert (fine_s[i], fine_b[j]) == pytest.approx((s_star, b_star), abs=2e-3)
    assert J_star <= brute.min() + 1e-6
    assert all(inside(bowl, s, b) for s, b in zip(bowl.path_s, bowl.path_t, strict=True))
    assert inside(bowl, bowl.path_s[-1] + bowl.step_s, bowl.path_t[-1] + bowl.step_t)


def test_the_toy_bowl_is_round_and_alpha_ten_overshoots_without_diverging(toy):
    X, y = toy_features(toy)
    _, bowl, _ = fitted(X, y, 1.0, 5)
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
    # and the bowl's gauge says why: α·λ_max above 2 at the start, 0.25 at α = 1
    assert fitted(X, y, 10.0, 0)[1].curvature.alpha_lambda > 2 > 1 > fitted(X, y, 1.0, 0)[1].curvature.alpha_lambda


def test_no_bottom_where_the_slice_separates_the_classes_and_the_bottom_where_they_overlap():
    """J on a plane is convex: one lowest point, or none when some (s, t) classifies every example
    right (J then falls for ever along the ray through it) — however far or steep the slice."""
    y = np.array([0, 0, 1, 1])
    for x in ([-2.0, -1.0, 1.0, 2.0], [-50.0, -40.0, 40.0, 50.0], [0.01, 0.02, 0.03, 0.04], [3.0, 4.0, 5.0, 6.0]):
        plane = Plane(y, np.zeros(4), np.array(x), np.ones(4))
        assert find_bottom(plane, (0.0, 0.0), 1e4) is None
    plane = Plane(np.array([0, 1, 0, 1]), np.zeros(4), np.array([1.0, 2.0, 3.0, 4.0]), np.ones(4))
    s, b, J = find_bottom(plane, (0.0, 0.0), 100)
    assert (s, b) == pytest.approx((0.9081843, -2.2704607), abs=1e-6)  # where the gradient vanishes
    z = s * plane.p + b
    r = 1 / (1 + np.exp(-z)) - plane.y
    assert abs(np.mean(r * plane.p)) < 1e-10 and abs(np.mean(r)) < 1e-10 and J == pytest.approx(plane.at(s, b)[0])


def test_the_toy_pictures_are_the_bowls_own_values_and_follow_the_point(toy):
    """With one weight the plane is all of (w, b): the curves are J on the grid lines through the
    point, their slopes the trainer's gradient, and both move with the point — forward and back to a
    past iteration."""
    X, y = toy_features(toy)
    t, bowl, tracker = fitted(X, y, 1.0, 5)
    plane = tracker.drawn_plane(t)

    def check(seen, w, b):
        dw, db = t.gradient(w, b)
        assert seen.point[:2] == pytest.approx((w[0], b), abs=1e-12)
        np.testing.assert_allclose(seen.line_s, plane.at(seen.s, np.full(len(seen.s), b)), atol=1e-12)
        np.testing.assert_allclose(seen.line_t, plane.at(np.full(len(seen.t), w[0]), seen.t), atol=1e-12)
        assert seen.J_now == pytest.approx(plane.at(w[0], b)[0], abs=1e-14)
        assert seen.slope_s == pytest.approx(dw[0], abs=1e-15) and seen.slope_t == pytest.approx(db, abs=1e-15)
        e = 1e-6  # each slope is its curve's derivative at the point
        assert (plane.at(w[0] + e, b) - plane.at(w[0] - e, b))[0] / (2 * e) == pytest.approx(seen.slope_s, abs=1e-8)
        assert (plane.at(w[0], b + e) - plane.at(w[0], b - e))[0] / (2 * e) == pytest.approx(seen.slope_t, abs=1e-8)

    check(bowl, t.w_, t.b_)
    t.step(3)
    grown = tracker.bowl(t, 1.0, 101)
    check(grown, t.w_, t.b_)
    past = tracker.at(grown, t, 2, 1.0)
    w2, b2, _ = t.replay(2)
    check(past, w2, b2)
    assert past.path_iter[-1] == 2 and past.J is grown.J
    assert (past.step_s, past.step_t) == pytest.approx((-t.gradient(w2, b2)[0][0], -t.gradient(w2, b2)[1]))


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
    assert bowl.outlook.kind == "reach"


@pytest.mark.parametrize("data", ["cats", "course"])
def test_the_view_frames_the_path_and_the_step_and_says_what_is_true_of_the_lowest_point(data, request):
    """Along the path and across the valley: the path and the step inside the view; a lowest point
    reported is a true minimum of the plane, and a missing one means J falls for ever along it."""
    X, y, _, _ = features(request.getfixturevalue(data), "float64")
    for iters in (300, 2000):
        t, bowl, tracker = fitted(X, y, 0.005, iters, grid=41)
        assert all(inside(bowl, s, b) for s, b in zip(bowl.path_s, bowl.path_t, strict=True))
        assert inside(bowl, bowl.path_s[-1] + bowl.step_s, bowl.path_t[-1] + bowl.step_t)
        plane = tracker.drawn_plane(t)
        found = find_bottom(plane, bowl.point[:2], 1e4)
        assert (found is None) == (bowl.bottom is None) and (bowl.outlook.kind == "falls") == (found is None)
        if found is not None:
            s, b, J = bowl.bottom
            assert J < t.cost_ or abs(J - t.cost_) < 1e-9
            fine_s, fine_b = np.linspace(s - 0.02, s + 0.02, 41), np.linspace(b - 0.002, b + 0.002, 41)
            brute = np.array([plane.at(fine_s, np.full(41, bv)) for bv in fine_b])
            assert J <= brute.min() + 1e-12
        else:  # some point of the plane classifies every example right: J falls towards 0 along the ray
            assert plane.at(1e3 * bowl.s[-1], bowl.point[1])[0] < 1e-3 * t.cost_ or \
                plane.at(1e3 * bowl.s[0], bowl.point[1])[0] < 1e-3 * t.cost_


def test_the_contour_lines_come_with_the_surface_and_lie_on_their_levels(toy):
    """Computed where the surface is (the training process), so the window only draws them."""
    from lrviz.core.levels import contour_levels
    X, y = toy_features(toy)
    t, bowl, tracker = fitted(X, y, 1.0, 5)
    plane = tracker.drawn_plane(t)
    assert [lv for lv, _ in bowl.contours] == pytest.approx(list(contour_levels(bowl.J, 8)))
    assert len(bowl.contours) >= 5
    for level, seg in bowl.contours:
        ends = seg.reshape(-1, 2)
        assert len(ends) > 10
        exact = plane.at(ends[:, 0], ends[:, 1])  # J at the line's points, from the engine
        assert np.abs(exact - level).max() < 0.02 * np.ptp(bowl.J)  # on its level, to the grid's resolution
    t.step(1)
    assert tracker.bowl(t, 1.0, 101).contours is bowl.contours  # the same surface: the same lines
