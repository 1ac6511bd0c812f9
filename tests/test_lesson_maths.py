"""The maths behind the lesson's pictures: loss vs cost, and the loops the lecture removes."""

import numpy as np
import pytest
from conftest import features

from lrviz.core import GradientDescent, losses
from lrviz.core.lossview import loss_curves, loss_points, shown_examples
from lrviz.core.vectorize import WAYS, code_of, one_loop, time_way, two_loops, vectorised

CE = losses.get("cross_entropy")


def test_the_two_loss_branches():
    y_hat, if_cat, if_not = loss_curves("cross_entropy", 101)
    assert np.all((y_hat > 0) & (y_hat < 1))
    np.testing.assert_allclose(if_cat, -np.log(y_hat))
    np.testing.assert_allclose(if_not, -np.log(1 - y_hat))
    assert np.all(np.diff(if_cat) < 0) and np.all(np.diff(if_not) > 0)


def test_under_the_squared_error_the_branches_the_points_and_j_are_the_squared_errors(cats):
    y_hat, if_cat, if_not = loss_curves("squared_error", 101)
    np.testing.assert_allclose(if_cat, 0.5 * (1 - y_hat) ** 2, rtol=1e-9)
    np.testing.assert_allclose(if_not, 0.5 * y_hat ** 2, rtol=1e-9)
    X, y, _, _ = features(cats, "float64")
    trainer = GradientDescent(0.005, dtype="float64", loss="squared_error").fit(X, y, 30)
    p = loss_points(X @ trainer.w_ + trainer.b_, y, "squared_error")
    np.testing.assert_allclose(p.loss, 0.5 * (p.y_hat - p.y) ** 2, rtol=1e-9)
    assert p.cost == pytest.approx(trainer.cost_, abs=1e-12)
    assert p.cost < 0.125 < float(np.mean(-np.log(np.where(p.y == 1, p.y_hat, 1 - p.y_hat))))  # not the other J


def test_every_example_sits_on_its_branch_and_the_cost_is_their_mean(cats):
    X, y, _, _ = features(cats, "float64")
    trainer = GradientDescent(0.005, dtype="float64").fit(X, y, 150)
    p = loss_points(X @ trainer.w_ + trainer.b_, y)
    on_branch = np.where(p.y == 1, -np.log(p.y_hat), -np.log(1 - p.y_hat))
    np.testing.assert_allclose(p.loss, on_branch, rtol=1e-9)
    assert p.cost == pytest.approx(trainer.cost_, abs=1e-12)
    assert p.mistakes == round(len(y) * (100 - trainer.train_accuracy()) / 100)
    assert np.all(p.wrong == ((p.y_hat > 0.5) != (p.y == 1)))


def test_past_the_limit_a_fixed_sample_is_drawn_and_the_cost_still_counts_every_example(rng):
    """CIFAR-10's 50,000 examples: the picture draws a sample, the same one every frame; J, the
    mistakes and m are still every example's."""
    z, y = rng.normal(0, 3, 50_000), (rng.random(50_000) < 0.1).astype(np.uint8)
    p = loss_points(z, y, limit=2000)
    assert p.sampled and p.total == 50_000 and len(p.index) == len(p.y_hat) == len(p.loss) == 2000
    assert np.all(np.diff(p.index) > 0) and p.index[-1] < 50_000
    np.testing.assert_array_equal(p.index, shown_examples(50_000, 2000))  # the same dots next frame
    np.testing.assert_allclose(p.loss, CE.losses(z, y)[p.index])
    np.testing.assert_array_equal(p.y, y[p.index])
    assert p.cost == pytest.approx(CE.cost(z, y), abs=1e-12)
    assert p.mistakes == int(((z > 0) != (y == 1)).sum()) > p.wrong.sum()
    assert 0.05 < p.y.mean() < 0.15  # a random sample: the classes in about their share
    small = loss_points(z[:300], y[:300], limit=2000)
    assert not small.sampled and small.index.tolist() == list(range(300))


def test_extreme_logits_give_finite_losses():
    p = loss_points(np.array([-800.0, 800.0, 0.0]), np.array([1, 0, 1]))
    np.testing.assert_allclose(p.loss, [800.0, 800.0, np.log(2)])
    assert p.wrong.tolist() == [True, True, True]  # z = 0 predicts "not cat"


def test_the_three_ways_compute_the_same_iteration(rng):
    X = rng.random((12, 30))
    y = (rng.random(12) < 0.5).astype(float)
    w, b = rng.normal(0, 0.1, 30), 0.3
    J, dw, db = vectorised(X, y, w, b)
    for way in (two_loops, one_loop):
        J2, dw2, db2 = way(X, y, w, b)
        assert J2 == pytest.approx(J, abs=1e-12) and db2 == pytest.approx(db, abs=1e-12)
        np.testing.assert_allclose(dw2, dw, atol=1e-12)
    z = X @ w + b
    assert J == pytest.approx(CE.cost(z, y), abs=1e-12)
    assert set(WAYS) == {"two loops", "one loop", "vectorised"}
    assert "for j in range(n)" in code_of(two_loops) and "for" not in code_of(vectorised).split(":", 1)[1]


def test_a_slow_way_is_timed_on_a_few_examples_and_scaled(rng):
    X, y = rng.random((64, 10)), (rng.random(64) < 0.5).astype(float)
    ticks = iter(range(0, 10_000, 1))  # a fake clock: every call advances one "second"

    def slow(X, y, w, b):
        next(ticks)  # one extra tick per call, whatever the size

    t = time_way(slow, X, y, np.zeros(10), 0.0, budget=1.0, clock=lambda: float(next(ticks)))
    assert t.examples_timed == 1 and t.m == 64 and t.scaled and t.seconds == pytest.approx(2 * 64)
    fast = time_way(vectorised, X, y, np.zeros(10), 0.0, budget=0.05)
    assert fast.examples_timed == 64 and not fast.scaled and fast.seconds > 0


def test_the_graphs_backward_values_are_the_derivatives(cats):
    from lrviz.core.explain import step_detail
    X, y, _, _ = features(cats, "float64")
    trainer = GradientDescent(0.005, dtype="float64").fit(X, y, 30)
    w, b = trainer.w_, trainer.b_
    dw, db = trainer.gradient()
    for i in (0, int(np.flatnonzero(y == 1)[0])):
        d = step_detail(30, i, X, y, w, b, trainer.cost_, dw, db, 0.005)
        e = 1e-6
        loss = lambda a, i=i: -(y[i] * np.log(a) + (1 - y[i]) * np.log(1 - a))  # noqa: E731
        assert d.da == pytest.approx((loss(d.y_hat + e) - loss(d.y_hat - e)) / (2 * e), rel=1e-5)
        assert d.dz == pytest.approx(d.da * d.y_hat * (1 - d.y_hat), rel=1e-9)  # chain rule: dz = da · σ'(z)
        np.testing.assert_allclose(d.dw_example, X[i] * d.dz, rtol=1e-6)
        assert d.dw_example_norm == pytest.approx(np.linalg.norm(X[i]) * abs(d.dz))
    mean_of_examples = np.mean([step_detail(30, i, X, y, w, b, 0, dw, db, 0).dw_example for i in range(len(y))], axis=0)
    np.testing.assert_allclose(mean_of_examples, dw, atol=1e-6)  # dw = (1/m) Σ x⁽ⁱ⁾ dz⁽ⁱ⁾


def test_trained_on_the_squared_error_the_graph_shows_its_derivatives(cats):
    from lrviz.core.explain import step_detail
    X, y, _, _ = features(cats, "float64")
    trainer = GradientDescent(0.005, dtype="float64", loss="squared_error").fit(X, y, 30)
    w, b = trainer.w_, trainer.b_
    dw, db = trainer.gradient()
    i = int(np.flatnonzero(y == 1)[0])
    d = step_detail(30, i, X, y, w, b, trainer.cost_, dw, db, 0.005, "squared_error")
    e = 1e-6
    loss = lambda a: 0.5 * (a - y[i]) ** 2  # noqa: E731
    assert d.loss_name == "squared_error" and d.loss == pytest.approx(loss(d.y_hat), rel=1e-12)
    assert d.da == pytest.approx((loss(d.y_hat + e) - loss(d.y_hat - e)) / (2 * e), rel=1e-6)
    assert d.dz == pytest.approx(d.da * d.y_hat * (1 - d.y_hat), rel=1e-9)
    mean_of_examples = np.mean([step_detail(30, k, X, y, w, b, 0, dw, db, 0, "squared_error").dw_example
                                for k in range(len(y))], axis=0)
    np.testing.assert_allclose(mean_of_examples, dw, atol=1e-6)  # the trainer's own squared-error gradient
