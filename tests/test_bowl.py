"""The bowl as the window draws it (lrviz.core.tracker): the surface is J on the plane, the path's
points are the trainer's, the arrow is the next step, the 1-D pictures pass through the point with
the trainer's slopes, and the picture holds still while the path stays in view."""

import numpy as np
import pytest
from conftest import features

from lrviz.core import GradientDescent, Preprocessing, losses
from lrviz.core.bowl import Bowl, Outlook, PlaneInfo, bounce, outlook
from lrviz.core.planes import Projector
from lrviz.core.tracker import BowlTracker, trainer_options

CE = losses.get("cross_entropy")


def tracked(X, y, lr, iters, **options):
    trainer = GradientDescent(lr, **(trainer_options(X, 1, iters) | options)).start(X, y)
    tracker = BowlTracker()
    tracker.mark(trainer)
    trainer.step(iters)
    tracker.mark(trainer)
    return trainer, tracker


def test_toy_bowl_is_exact_and_its_path_lies_on_it(toy):
    X = Preprocessing.fit(toy.train_images, "standardize").transform(toy.train_images, "float64")
    y = toy.train_labels
    trainer, tracker = tracked(X, y, 1.0, 300, dtype="float64")
    bowl = tracker.bowl(trainer, 1.0, 41)
    assert bowl.exact and bowl.plane.kind == "exact"
    brute = np.array([[CE.cost(X[:, 0] * w + b, y) for b in bowl.t] for w in bowl.s])
    np.testing.assert_allclose(bowl.J, brute, atol=1e-6)
    np.testing.assert_allclose(bowl.path_J_plane, bowl.path_J, atol=1e-9)  # nothing is off the plane
    assert bowl.point == pytest.approx((trainer.w_[0], trainer.b_, trainer.cost_))


@pytest.mark.parametrize("solver", ["gram", "primal"])
def test_the_last_point_is_the_trainers_and_the_arrow_is_the_next_step(cats, solver):
    X, y, _, _ = features(cats)
    trainer, tracker = tracked(X, y, 0.005, 150, solver=solver)
    bowl = tracker.bowl(trainer, 0.005, 41)
    proj = Projector(tracker.plane, trainer.data_)
    s_now, t_now, J_now = bowl.point
    (s,), (t,), _ = proj.coords(np.asarray(trainer.path().states[-1:]), np.array([trainer.b_]))
    assert (s_now, t_now) == pytest.approx((s, t), abs=1e-12) and J_now == trainer.cost_
    assert bowl.path_iter[0] == 0 and bowl.path_iter[-1] == 150 and np.all(np.diff(bowl.path_iter) == 1)
    trainer.step()
    (s1,), (t1,), _ = proj.coords(np.asarray(trainer.path().states[-1:]), np.array([trainer.b_]))
    assert (bowl.step_s, bowl.step_t) == pytest.approx((s1 - s_now, t1 - t_now), rel=1e-4, abs=1e-9)
    on = np.isin(bowl.path_iter, [0, tracker.plane.chosen_at])  # through the start and the point then:
    np.testing.assert_allclose(bowl.path_J_plane[on], bowl.path_J[on], atol=1e-6)  # the surface is their J
    assert np.all(np.isfinite(bowl.J)) and bowl.J.shape == (41, 41)


def test_the_one_variable_pictures_are_the_planes_values_and_the_trainers_slopes(cats):
    X, y, _, _ = features(cats, "float64")
    trainer, tracker = tracked(X, y, 0.005, 60, dtype="float64")
    bowl = tracker.bowl(trainer, 0.005, 101)
    (u, v), now = tracker.plane.axes, np.append(trainer.w_, trainer.b_)
    dw, db = trainer.gradient()
    grad = np.append(dw, db)
    assert (bowl.slope_s, bowl.slope_t) == pytest.approx((u @ grad, v @ grad), rel=1e-9)
    assert (bowl.step_s, bowl.step_t) == pytest.approx((-0.005 * u @ grad, -0.005 * v @ grad), rel=1e-9)
    assert bowl.J_now == pytest.approx(trainer.cost_, abs=1e-12)  # the curves pass through the true point
    s_now, t_now = bowl.point[:2]

    def J(theta):
        return trainer.evaluate(theta[:-1], theta[-1])[0]

    for k in (0, 37, 100):
        assert bowl.line_s[k] == pytest.approx(J(now + (bowl.s[k] - s_now) * u), abs=1e-9)
        assert bowl.line_t[k] == pytest.approx(J(now + (bowl.t[k] - t_now) * v), abs=1e-9)
    e = 1e-6  # the tangent's slope is each curve's own derivative at the point
    assert (J(now + e * v) - J(now - e * v)) / (2 * e) == pytest.approx(bowl.slope_t, rel=1e-5)


def test_the_picture_holds_still_while_the_path_stays_in_view(course):
    """Between two marks (and at marks that keep the plane) the surface, its grid and its range stay
    the same object: only the path, the point and the step move."""
    X, y, _, _ = features(course)
    trainer, tracker = tracked(X, y, 0.005, 20)
    first = tracker.bowl(trainer, 0.005, 41)
    for _ in range(8):
        trainer.step(1)
        later = tracker.bowl(trainer, 0.005, 41)
        assert later.J is first.J and later.frame == first.frame and later.plane == first.plane
    assert later.path_iter[-1] == 28 and len(later.path_iter) == len(first.path_iter) + 8


def test_a_bowl_seen_at_a_past_iteration(cats):
    X, y, _, _ = features(cats)
    trainer, tracker = tracked(X, y, 0.002, 60)
    bowl = tracker.bowl(trainer, 0.002, 21)
    proj = Projector(tracker.plane, trainer.data_)
    for t in (0, 25):
        seen = tracker.at(bowl, trainer, t, 0.002)
        state, b, cost, _ = trainer.replay_state(t)
        (s,), (tt,), _ = proj.coords(np.asarray(state)[None], np.array([b]))
        assert seen.path_iter[-1] == t and np.all(seen.path_iter <= t) and seen.J is bowl.J
        assert seen.point == pytest.approx((s, tt, cost))
        assert cost == trainer.history_.costs.values()[t]  # bit for bit the recorded cost


def synthetic(points, bottom, s_range=(0.0, 1.0), t_range=(0.0, 1.0)):
    it = np.arange(len(points))
    pts = np.asarray(points, dtype=float)
    return Bowl(np.linspace(*s_range, 5), np.linspace(*t_range, 5), np.zeros((5, 5)), PlaneInfo("valley"), it,
                pts[:, 0], pts[:, 1], np.zeros(len(it)), np.zeros(len(it)), bottom=bottom)


def test_what_the_green_dot_promises():
    towards = [(0.1 + 0.01 * k, 0.5 + 0.05 * (-1) ** k) for k in range(40)]  # bouncing, heading right
    assert outlook(synthetic(towards, None), 1000).kind == "falls"
    reach = outlook(synthetic(towards, (0.6, 0.5, 0.1)), 1000)
    assert reach.kind == "reach" and reach.steps_needed == pytest.approx(11)  # from 0.49, 0.01 a step
    far = outlook(synthetic(towards, (0.9, 0.5, 0.1)), 45)
    assert far == Outlook("far", pytest.approx(41), 6)
    assert outlook(synthetic(towards, (0.0, 0.5, 0.1)), 1000).kind == "away"  # behind it
    assert outlook(synthetic(towards[:1], (0.9, 0.5, 0.1)), 1000).kind == "reach"  # no pace yet: no claim
    squared = synthetic(towards, None)
    assert outlook(Bowl(**{**squared.__dict__, "loss": "squared_error"}), 10).kind == "none"


def test_a_bounce_is_measured_on_the_last_steps():
    it = np.arange(40)
    shrinking = 0.02 * (-1.0) ** it * 0.99 ** it
    assert bounce(it, shrinking).trend == "shrinking" and bounce(it, shrinking).ratio == pytest.approx(0.99 ** 10)
    assert bounce(it, 0.02 * (-1.0) ** it * 1.03 ** it).trend == "growing"
    assert bounce(it, 0.02 * (-1.0) ** it).trend == "steady"
    assert bounce(it, np.linspace(0, 1, 40)) is None  # no back and forth
    assert bounce(it[:15], shrinking[:15]) is None  # too few steps to tell
    gap = np.r_[np.arange(20), np.arange(30, 50)]  # thinned earlier: only the last consecutive steps count
    assert bounce(gap, shrinking) is None


def test_the_course_runs_bounce_shrinks_while_alpha_lambda_is_still_above_two(course):
    """The issue's run at α = 0.005: α·λ_max > 2 at iterations 100 and 300, yet the bounce (measured
    on the path the window draws) shrinks a little every step — J across the valley is no parabola."""
    X, y, _, _ = features(course)
    for iters in (100, 300):
        trainer, tracker = tracked(X, y, 0.005, iters)
        b = tracker.bowl(trainer, 0.005, 21)
        assert b.curvature.alpha_lambda > 2 and b.bounce is not None and b.bounce.trend == "shrinking"


def test_new_data_measures_the_curvature_anew_even_for_a_trainer_where_the_last_one_was(cats):
    """The training process keeps one tracker: on new data it forgets the curvature. A new trainer
    may sit at the address the old one had, at the same iteration: the forgotten curvature (None)
    was then taken as measured, and choosing the valley plane killed the process."""
    from lrviz.training.bowl_schedule import BowlSchedule
    X, y, _, _ = features(cats)
    trainer = GradientDescent(0.005, **trainer_options(X, 1, 20)).start(X, y, n_iter=20)
    schedule = BowlSchedule(losses.DEFAULT, "valley")
    first = schedule.tracker.measure(trainer)
    schedule.new_data()
    schedule.new_run()  # the same trainer object stands for a new one at the same address
    again = schedule.tracker.measure(trainer)
    assert again is not None and again is not first
    assert again.values[0] == pytest.approx(first.values[0], rel=1e-3)  # the same point, measured again
    trainer.step(10)
    assert schedule.tracker.mark(trainer) and schedule.tracker.keeper.plane_ is not None
