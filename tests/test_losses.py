"""A loss is one object in one registry (lrviz.core.losses): each registered loss's numbers agree
with one another (its losses, dL/da, dL/dz, d²L/dz², its cost, its surface, its fast path), the two
the course needs are the course's formulas, and an unknown name is refused wherever a loss is named."""

import numpy as np
import pytest

from lrviz.core import GradientDescent, losses
from lrviz.core.explain import step_detail
from lrviz.core.lossview import loss_curves, loss_points
from lrviz.core.model import sigmoid
from lrviz.core.race import Race
from lrviz.core.surface import Plane
from lrviz.core.tracker import BowlTracker

CE = losses.get("cross_entropy")


@pytest.fixture
def zy(rng):
    """Logits from confident-wrong to confident-right, and labels of both classes."""
    z = np.concatenate([rng.normal(0, 3, 300), [-30.0, 30.0, 0.0]])
    return z, (rng.random(len(z)) < 0.4).astype(np.float64)


def test_the_course_and_its_first_guess_are_registered_in_the_menus_order():
    assert losses.names()[:2] == ("cross_entropy", "squared_error") and losses.DEFAULT == "cross_entropy"
    assert [loss.name for loss in losses.registered()] == list(losses.names())
    assert CE.convex and CE.course and not losses.get("squared_error").convex


@pytest.mark.parametrize("name", losses.names())
def test_each_loss_s_derivatives_are_the_derivatives_of_its_losses(name, zy):
    """dz is dL/dz, da is dL/da (dz = da·a(1 − a): the chain rule), curvature is d(dz)/dz, the cost
    is the mean of the losses: central differences, for every loss the registry holds."""
    loss, (z, y), e = losses.get(name), zy, 1e-5
    np.testing.assert_allclose(loss.dz(z, y), (loss.losses(z + e, y) - loss.losses(z - e, y)) / (2 * e),
                               rtol=1e-5, atol=1e-9)
    np.testing.assert_allclose(loss.curvature(z, y), (loss.dz(z + e, y) - loss.dz(z - e, y)) / (2 * e),
                               rtol=1e-5, atol=1e-9)
    inner = np.abs(z) < 8  # where a(1 − a) keeps its digits
    a = sigmoid(z[inner])
    np.testing.assert_allclose(loss.da(z[inner], y[inner]) * a * (1 - a), loss.dz(z[inner], y[inner]), rtol=1e-9)
    assert loss.cost(z, y) == pytest.approx(np.mean(loss.losses(z, y)), rel=1e-13)
    np.testing.assert_allclose(loss.costs(np.stack([z, -z]), y), [np.mean(loss.losses(v, y)) for v in (z, -z)],
                               rtol=1e-13)
    assert np.isnan(loss.cost(np.zeros(0), np.zeros(0)))


@pytest.mark.parametrize("name", losses.names())
def test_each_loss_s_surface_is_its_cost_at_each_grid_point_in_any_blocks(name, rng):
    m = 500
    y = (rng.random(m) < 0.5).astype(np.float64)
    plane = Plane(y, rng.normal(0, 1, m), rng.normal(0, 1, m), np.ones(m), name)
    s, t = np.linspace(-3, 3, 9), np.linspace(-2, 2, 7)
    want = np.array([[losses.get(name).cost(plane.z0 + a * plane.p + b * plane.q, y) for b in t] for a in s])
    for limit in (2**30, 3 * m * 8, 1):  # all at once, a few points, one point at a time
        np.testing.assert_allclose(plane.grid(s, t, max_bytes=limit), want, atol=1e-6)
    np.testing.assert_allclose(plane.at(s[:3], t[:3]), [want[i, i] for i in range(3)], rtol=1e-13)


@pytest.mark.parametrize("name", [n for n in losses.names() if losses.get(n).margin is not None])
def test_a_margin_form_is_the_same_loss_and_the_same_dz(name, zy):
    """The fast paths' capability: L = ℓ(t) with t = −s·z, and s·dz from L alone."""
    loss, (z, y) = losses.get(name), zy
    s = 2 * y - 1
    L = loss.margin.losses(-s * z)
    np.testing.assert_allclose(L, loss.losses(z, y), rtol=1e-14, atol=1e-300)
    np.testing.assert_allclose(s * loss.margin.signed_dz(L), loss.dz(z, y), rtol=1e-12, atol=1e-15)


def test_the_cross_entropy_is_the_course_formula_where_that_is_finite():
    z = np.linspace(-8, 8, 81)  # the naive form loses digits in log(1 − a) beyond this
    for y in (0, 1):
        a = 1 / (1 + np.exp(-z))
        naive = -(y * np.log(a) + (1 - y) * np.log(1 - a))
        np.testing.assert_allclose(CE.losses(z, np.full_like(z, y)), naive, rtol=1e-9)
        np.testing.assert_allclose(CE.da(z, np.full_like(z, y)), -y / a + (1 - y) / (1 - a), rtol=1e-9)
        np.testing.assert_allclose(CE.dz(z, np.full_like(z, y)), a - y, atol=1e-15)
    tail = np.linspace(20, 40, 5)  # confident and right: L = log(1 + e^−|z|), tiny but exact
    np.testing.assert_allclose(CE.losses(tail, np.ones(5)), np.log1p(np.exp(-tail)), rtol=1e-12)


def test_the_cross_entropy_is_finite_and_exact_far_out():
    # the course's formula gives log(0) = -inf here; the true loss is |z| (or e^-|z|)
    z = np.array([1e4, -1e4, 1e300])
    np.testing.assert_allclose(CE.losses(z, np.array([0, 1, 0])), [1e4, 1e4, 1e300])
    assert CE.losses(np.array([1e4]), np.array([1]))[0] == 0.0
    assert np.all(np.isfinite(CE.da(np.array([-800.0, 800.0]), np.array([1, 0]))))


def test_the_squared_error_is_half_the_squared_distance_with_its_own_chain_rule(zy):
    z, y = zy
    a = 1 / (1 + np.exp(-z))
    se = losses.get("squared_error")
    np.testing.assert_allclose(se.losses(z, y), 0.5 * (a - y) ** 2, atol=1e-15)
    np.testing.assert_allclose(se.da(z, y), a - y, atol=1e-15)
    np.testing.assert_allclose(se.dz(z, y), (a - y) * a * (1 - a), atol=1e-15)
    assert (se.curvature(z, y) < 0).any() and (CE.curvature(z, y) >= 0).all()  # why one is convex, not the other


def test_formulas_are_written_with_the_symbols_asked_for():
    assert CE.dz_text() == "a − y" and CE.dz_text("A", "Y") == "A − Y"
    assert losses.get("squared_error").dz_text("ŷ") == "(ŷ − y)·ŷ·(1 − ŷ)"
    for loss in losses.registered():
        y_hat, if_cat, if_not = loss_curves(loss.name, 11)
        assert len(loss.branches) == 2 and np.all(np.diff(if_cat) < 0) and np.all(np.diff(if_not) > 0)


def test_an_unknown_loss_is_refused_wherever_a_loss_is_named(rng):
    X, y = rng.normal(size=(20, 3)), (rng.random(20) < 0.5).astype(float)
    unknown = [lambda: losses.get("hinge"), lambda: GradientDescent(loss="hinge").start(X, y),
               lambda: Race([0.1, 0.01], loss="hinge").start(X, y), lambda: BowlTracker(surface="hinge"),
               lambda: BowlTracker().set_surface("hinge"), lambda: Plane(y, X[:, 0], X[:, 1], X[:, 2], "hinge"),
               lambda: loss_points(X[:, 0], y, "hinge"), lambda: loss_curves("hinge"),
               lambda: step_detail(0, 0, X, y, np.zeros(3), 0.0, 0.0, np.zeros(3), 0.0, 0.1, "hinge")]
    for call in unknown:
        with pytest.raises(losses.UnknownLoss, match="unknown loss 'hinge': the known losses are cross_entropy, "
                                                     "squared_error"):
            call()
    assert issubclass(losses.UnknownLoss, ValueError)


def test_the_registry_refuses_what_is_not_a_loss_or_takes_a_name_twice():
    with pytest.raises(TypeError):
        losses.register(lambda z, y: z)
    with pytest.raises(ValueError, match="already registered"):
        losses.register(type(CE)())  # another object under the course's name

    class Nameless(losses.Loss):
        losses = dz = da = curvature = staticmethod(lambda z, y: z)

    with pytest.raises(TypeError, match="does not say its name"):
        losses.register(Nameless())
    with pytest.raises(ValueError, match="default"):
        losses.unregister(losses.DEFAULT)
    assert losses.register(CE) is CE and losses.names().count("cross_entropy") == 1  # the same one: no change
