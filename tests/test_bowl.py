import numpy as np
import pytest

from conftest import features
from lrviz.core import GradientDescent
from lrviz.core import model as M
from lrviz.core.bowl import compute_bowl


def bowl_of(trainer, X, y, grid=41):
    t, W, b, J = trainer.trajectory()
    dw, db = trainer.gradient()
    return compute_bowl(X, y, t, W, b, J, dw, db, trainer.learning_rate, grid=grid)


def test_toy_bowl_is_exact_and_its_path_lies_on_it(toy):
    X, y, _, _ = features(toy, "float64")
    trainer = GradientDescent(1.0, checkpoint_every=1).start(X, y)
    trainer.step(300)
    bowl = bowl_of(trainer, X, y)
    assert bowl.exact and "exactly" in bowl.title()
    brute = np.array([[M.cost(X[:, 0] * w + b, y) for b in bowl.b] for w in bowl.s])
    np.testing.assert_allclose(bowl.J, brute, atol=1e-6)
    np.testing.assert_allclose(bowl.path_J_plane, bowl.path_J, atol=1e-9)  # nothing is off the plane
    assert bowl.point == pytest.approx((trainer.w_[0], trainer.b_, trainer.cost_))


@pytest.mark.parametrize("solver", ["gram", "primal"])
def test_the_last_path_point_is_the_trainers_and_the_arrow_is_the_next_step(cats, solver):
    X, y, _, _ = features(cats)
    trainer = GradientDescent(0.002, solver=solver, checkpoint_every=1, max_checkpoints=64).start(X, y)
    trainer.step(150)
    bowl = bowl_of(trainer, X, y)
    d, w0 = bowl.direction.d, np.zeros(X.shape[1])
    s_now, b_now, J_now = bowl.point
    assert s_now == pytest.approx(d @ (trainer.w_ - w0)) and b_now == trainer.b_ and J_now == trainer.cost_
    assert len(bowl.path_t) <= 65 and bowl.path_t[0] == 0 and bowl.path_t[-1] == 150
    assert "principal component" in bowl.title() and "% in-plane" in bowl.title()
    w_before, b_before = trainer.w_, trainer.b_
    trainer.step()
    assert bowl.step_s == pytest.approx(d @ (trainer.w_ - w_before), rel=1e-5)
    assert bowl.step_b == pytest.approx(trainer.b_ - b_before, rel=1e-9)
    # the surface under each path point is the true cost where the point lies on the plane
    on = bowl.path_off < 1e-9 * max(1.0, np.abs(bowl.path_s).max())
    np.testing.assert_allclose(bowl.path_J_plane[on], bowl.path_J[on], atol=1e-6)
    assert np.all(np.isfinite(bowl.J)) and bowl.J.shape == (41, 41)


def test_before_any_step_the_bowl_looks_along_the_first_step(cats):
    X, y, _, _ = features(cats)
    trainer = GradientDescent(0.005).start(X, y)
    bowl = bowl_of(trainer, X, y)
    assert bowl.direction.kind == "gradient" and bowl.point[0] == 0.0 and bowl.step_s > 0
    assert bowl.s[0] < 0 < bowl.s[-1] + bowl.step_s


def test_extending_the_bowl_matches_a_refit_on_the_same_plane(cats):
    from lrviz.core.bowl import extend_bowl, fit_bowl
    X, y, _, _ = features(cats)
    trainer = GradientDescent(0.002, checkpoint_every=1).start(X, y)
    trainer.step(40)
    t, W, b, J = trainer.trajectory()
    bowl, plane = fit_bowl(X, y, t, W, b, J, *trainer.gradient(), 0.002, grid=21)
    trainer.step(5)
    dw, db = trainer.gradient()
    grown = extend_bowl(bowl, plane, trainer.n_iter_, trainer.w_, trainer.b_, trainer.cost_, dw, db, 0.002)
    assert grown.path_t[-1] == 45 and len(grown.path_t) == len(bowl.path_t) + 1
    assert grown.path_s[-1] == pytest.approx(bowl.direction.d @ trainer.w_)
    assert grown.path_J[-1] == trainer.cost_ and grown.J is bowl.J  # same surface until the next refit
    assert grown.step_s == pytest.approx(bowl.direction.d @ (-0.002 * dw))
    assert extend_bowl(grown, plane, 45, trainer.w_, trainer.b_, trainer.cost_, dw, db, 0.002) is grown


def test_a_bowl_seen_at_a_past_iteration(cats):
    from lrviz.core.bowl import bowl_at, fit_bowl
    X, y, Xt, yt = features(cats)
    trainer = GradientDescent(0.002, checkpoint_every=1).start(X, y, Xt, yt)
    trainer.step(60)
    bowl, plane = fit_bowl(X, y, *trainer.trajectory(), *trainer.gradient(), 0.002, grid=21)
    for t in (0, 25):
        w, b = trainer.params_at(t)
        J, train, test = trainer.evaluate(w, b)
        assert J == pytest.approx(trainer.history_.costs.values()[t], abs=1e-6)  # float32 features
        dw, db = trainer.gradient(w, b)
        seen = bowl_at(bowl, plane, t, w, b, J, dw, db, 0.002)
        assert seen.path_t[-1] == t and np.all(seen.path_t <= t) and seen.J is bowl.J
        assert seen.point == pytest.approx((bowl.direction.d @ w, b, J))
        trainer_at_t = GradientDescent(0.002).fit(X, y, t, Xt, yt)
        assert train == trainer_at_t.train_accuracy() and test == trainer_at_t.test_accuracy()
        np.testing.assert_allclose(dw, trainer_at_t.gradient()[0], atol=1e-7)
