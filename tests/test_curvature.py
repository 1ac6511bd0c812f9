"""λ_max, the Hessian's top eigenvalue, by a few Hessian-vector products (Lanczos), against a dense
eigen-solve of the Hessian written out another way; and what α·λ_max says about the steps."""

import numpy as np
import pytest
from conftest import features

from lrviz.core import GradientDescent, losses
from lrviz.core.curvature import hessian_top, regime


def dense_hessian_top(X, y, w, b, k=2):
    """The top k eigenpairs of H = (1/m)·X̃ᵀ·diag(a(1 − a))·X̃, from the m × m matrix
    (1/m)·S^½·X̃X̃ᵀ·S^½ (same nonzero spectrum), in float64; eigenvectors mapped back to (w, b)."""
    Xt = np.hstack([np.asarray(X, dtype=np.float64), np.ones((X.shape[0], 1))])
    a = 1 / (1 + np.exp(-(Xt @ np.append(w, b))))
    r = np.sqrt(a * (1 - a))
    values, vectors = np.linalg.eigh(r[:, None] * (Xt @ Xt.T) * r[None, :] / len(y))
    V = (Xt.T @ (r[:, None] * vectors[:, ::-1][:, :k])).T
    return values[::-1][:k], V / np.linalg.norm(V, axis=1, keepdims=True), Xt


@pytest.mark.parametrize("solver", ["gram", "primal"])
@pytest.mark.parametrize("data", ["course", "cats"])
def test_lambda_max_and_its_direction_agree_with_a_dense_eigen_solve(request, data, solver):
    X, y, _, _ = features(request.getfixturevalue(data))
    trainer = GradientDescent(0.005, solver=solver).start(X, y)
    for iterations in (0, 100):
        trainer.step(iterations - trainer.n_iter_)
        c = hessian_top(trainer.data_, trainer.logits_, trainer.y_)
        values, vectors, Xt = dense_hessian_top(X, y, trainer.w_, trainer.b_)
        assert c.converged
        np.testing.assert_allclose(c.values, values, rtol=1e-5)
        V = c.directions()
        np.testing.assert_allclose(np.abs(np.sum(V * vectors, axis=1)), 1.0, atol=1e-4)  # the same lines
        # and an eigenvector indeed: H·v = λ·v, with H applied as X̃ᵀ(h ⊙ X̃v)/m
        h = losses.get("cross_entropy").curvature(Xt @ np.append(trainer.w_, trainer.b_), y)
        Hv = Xt.T @ (h * (Xt @ V[0])) / len(y)
        np.testing.assert_allclose(Hv, c.values[0] * V[0], atol=1e-4 * c.values[0])


def test_the_course_runs_alpha_lambda_falls_through_two(course):
    """The figures the issue measured on the course data at α = 0.005: 2.77 at the start, then
    2.36, 2.10, 1.50 and 1.11 — the zig-zag of the cost dies out as α·λ_max passes 2."""
    X, y, _, _ = features(course)
    trainer = GradientDescent(0.005).start(X, y)
    seen, c = {}, None
    for t in (0, 100, 300, 1000, 1999):
        trainer.step(t - trainer.n_iter_)
        c = hessian_top(trainer.data_, trainer.logits_, trainer.y_, start=None if c is None else c.start)
        seen[t] = round(0.005 * c.lambda_max, 2)
    assert seen == {0: 2.77, 100: 2.36, 300: 2.10, 1000: 1.50, 1999: 1.11}


def test_a_warm_start_needs_fewer_products(cats):
    X, y, _, _ = features(cats)
    trainer = GradientDescent(0.005).start(X, y)
    trainer.step(50)
    cold = hessian_top(trainer.data_, trainer.logits_, trainer.y_)
    trainer.step(1)
    warm = hessian_top(trainer.data_, trainer.logits_, trainer.y_, start=cold.start)
    again = hessian_top(trainer.data_, trainer.logits_, trainer.y_)
    assert warm.products < again.products and warm.values[0] == pytest.approx(again.values[0], rel=1e-6)


def test_a_budget_of_products_gives_an_estimate_said_to_be_unconverged(course):
    X, y, _, _ = features(course)
    trainer = GradientDescent(0.005, solver="primal").start(X, y)
    rough = hessian_top(trainer.data_, trainer.logits_, trainer.y_, steps=1)
    assert not rough.converged and rough.products == 1 and 0 < rough.values[0] < 553.6


def test_the_squared_errors_curvature_is_the_derivative_of_its_dz(rng):
    z, y = rng.normal(0, 3, 200), (rng.random(200) < 0.5).astype(float)

    def dz(z):
        a = 1 / (1 + np.exp(-z))
        return (a - y) * a * (1 - a)

    e = 1e-6
    np.testing.assert_allclose(losses.get("squared_error").curvature(z, y), (dz(z + e) - dz(z - e)) / (2 * e),
                               atol=1e-8)
    a = 1 / (1 + np.exp(-z))
    np.testing.assert_allclose(losses.get("cross_entropy").curvature(z, y), a * (1 - a), rtol=1e-12)
    with pytest.raises(ValueError, match="unknown loss"):
        hessian_top(None, z, y, "hinge")


def test_what_alpha_lambda_says_about_the_steps():
    """Along an eigen-direction a step multiplies the distance to the floor by (1 − α·λ)."""
    for alpha_lambda, expected in ((0.5, "creep"), (0.99, "creep"), (1.0, "overshoot"), (1.5, "overshoot"),
                                   (2.0, "grow"), (2.77, "grow")):
        factor = 1 - alpha_lambda
        assert regime(alpha_lambda) == expected
        assert (factor > 0) == (expected == "creep") and (abs(factor) >= 1) == (expected == "grow")
