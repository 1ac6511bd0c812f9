import numpy as np
import pytest
from conftest import features

from lrviz.core import GradientDescent, losses
from lrviz.core import surface as S
from lrviz.core.losses.cross_entropy import mean_losses

CE = losses.get("cross_entropy")


def plane_of(X, y, w0, d, b0=0.0):
    """The b-plane through (w₀, b₀) along the w-direction d (today's picture): z = Xw₀ + b₀ + s·Xd + t."""
    X = np.asarray(X, dtype=np.float64)
    return S.Plane(y, X @ w0 + b0, X @ d, np.ones(len(y)))


def brute_force(X, y, w0, d, s_values, b_values):
    X = X.astype(np.float64)
    return np.array([[CE.cost(X @ (w0 + s * d) + b, y) for b in b_values] for s in s_values])


def test_toy_slice_is_the_whole_bowl_and_matches_brute_force(toy):
    X, y, _, _ = features(toy, "float64")
    assert X.shape[1] == 1  # one weight: the slice through 0 along d = 1 is all of (w, b)
    w_values, b_values = np.linspace(-20, 20, 41), np.linspace(-10, 10, 31)
    J = plane_of(X, y, np.zeros(1), np.ones(1)).grid(w_values, b_values)
    np.testing.assert_allclose(J, brute_force(X, y, np.zeros(1), np.ones(1), w_values, b_values), atol=1e-6)
    assert J.shape == (41, 31)


def test_course_slice_matches_brute_force_through_the_trained_point(course, rng):
    X, y, _, _ = features(course)
    trainer = GradientDescent(0.005).fit(X, y, 300)
    d = rng.normal(size=X.shape[1])
    d /= np.linalg.norm(d)
    s_values, b_values = np.linspace(-0.05, 0.05, 7), np.linspace(-1, 1, 5)
    J = plane_of(X, y, trainer.w_, d).grid(s_values, b_values)
    np.testing.assert_allclose(J, brute_force(X, y, trainer.w_, d, s_values, b_values), atol=1e-5)
    # the centre of the slice at the trainer's b is the trainer's cost
    centre = plane_of(X, y, trainer.w_, d).grid([0.0], [trainer.b_])[0, 0]
    assert centre == pytest.approx(CE.cost(X.astype(np.float64) @ trainer.w_ + trainer.b_, y), abs=1e-6)


def test_a_plane_tilted_through_b_is_the_cost_of_the_explicit_points(cats, rng):
    """Axes in (w, b) with a b part each: J at θₒ + s·u + t·v, written out."""
    from lrviz.core.planes import PlaneSpec
    X, y, _, _ = features(cats, "float64")
    trainer = GradientDescent(0.005, solver="primal", dtype="float64").fit(X, y, 20)
    axes, _ = np.linalg.qr(rng.normal(size=(X.shape[1] + 1, 2)) * np.append(np.ones(X.shape[1]), 30.0)[:, None])
    spec = PlaneSpec("pca", origin_state=trainer.w_, origin_b=trainer.b_, axes=axes.T)
    plane = S.Plane.of(spec, trainer.data_, y)
    origin = np.append(trainer.w_, trainer.b_)
    for s, t in ((0.0, 0.0), (0.3, -0.2), (-1.0, 2.0)):
        theta = origin + s * axes[:, 0] + t * axes[:, 1]
        want = CE.cost(X @ theta[:-1] + theta[-1], y)
        assert plane.at(s, t)[0] == pytest.approx(want, abs=1e-12)
        assert plane.grid([s], [t])[0, 0] == pytest.approx(want, abs=1e-6)


def test_span_pads_and_has_a_minimum_width():
    assert S.span(np.array([0.0, 4.0])) == (-1.0, 5.0)
    lo, hi = S.span(np.array([2.0, 2.0]))
    assert hi - lo == pytest.approx(1.0)


def test_plane_points_agree_with_the_grid_and_brute_force(cats, rng):
    X, y, _, _ = features(cats)
    w0 = rng.normal(size=X.shape[1]) * 1e-3
    d = rng.normal(size=X.shape[1])
    d /= np.linalg.norm(d)
    plane = plane_of(X, y, w0, d)
    s_pts, b_pts = np.array([-0.02, 0.0, 0.05]), np.array([0.3, -0.1, 0.0])
    X64 = X.astype(np.float64)
    expected = [CE.cost(X64 @ (w0 + s * d) + b, y) for s, b in zip(s_pts, b_pts, strict=True)]
    np.testing.assert_allclose(plane.at(s_pts, b_pts), expected, atol=1e-9)
    np.testing.assert_allclose(plane.grid(s_pts, b_pts).diagonal(), expected, atol=1e-6)


def test_the_points_through_any_logits_are_the_cost_there_even_far_out(rng):
    """Plane.through (the 1-D pictures, redone at every update) against np.logaddexp, with logits
    large enough that a naive log(1 + e^t) would overflow, and more examples than one chunk."""
    m = 2500
    X, y = rng.normal(size=(m, 3)), (rng.random(m) < 0.4).astype(float)
    plane = plane_of(X, y, np.zeros(3), np.array([1.0, 0.0, 0.0]))
    z = rng.normal(0, 300, m)
    ds, db = np.array([0.0, 2.0, -40.0, 1e3]), np.array([0.0, -1.0, 5.0, 0.0])
    got = plane.through(z, ds, db)
    want = [np.mean(np.logaddexp(0.0, -(2 * y - 1) * (z + a * plane.p + c))) for a, c in zip(ds, db, strict=True)]
    np.testing.assert_allclose(got, want, rtol=1e-13, atol=1e-15)
    assert mean_losses(np.array([[-800.0, 800.0]]))[0] == pytest.approx(400.0)


@pytest.mark.parametrize("loss", ["cross_entropy", "squared_error"])
def test_a_grid_is_computed_in_blocks_sized_by_bytes_with_the_same_values_and_bounded_memory(rng, loss):
    """Whole rows, parts of a row, one point at a time: the same J; the working memory follows
    the byte limit, not m (10,000 examples × 41 × 41 points would be 67 MB in float32 at once)."""
    import tracemalloc

    m, n = 10_000, 8
    X = rng.normal(size=(m, n)).astype(np.float32)
    y = (rng.random(m) < 0.5).astype(np.float64)
    base = plane_of(X, y, rng.normal(size=n) * 0.1, np.eye(n)[0])
    plane = S.Plane(y, base.z0, base.p, base.q, loss)
    s_values, b_values = np.linspace(-2, 2, 41), np.linspace(-1, 1, 41)
    whole = plane.grid(s_values, b_values, max_bytes=2**40)
    for limit in (8 * 41 * m * 4, 4 * m * 4):  # 4 rows · 2 points
        np.testing.assert_allclose(plane.grid(s_values, b_values, max_bytes=limit), whole, rtol=1e-12, atol=1e-12)
    every_8th = np.s_[::8]  # 1 point at a time (never less than one), on every 8th row and column: 36 points
    np.testing.assert_allclose(plane.grid(s_values[every_8th], b_values[every_8th], max_bytes=1),
                               whole[every_8th, every_8th], rtol=1e-12, atol=1e-12)
    tracemalloc.start()
    plane.grid(s_values, b_values, max_bytes=16 * 2**20)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 40 * 2**20, f"{peak / 2**20:.0f} MiB for a 16 MiB limit"


def test_grid_blocks_cover_the_grid_once():
    for rows, cols, m, limit in [(5, 7, 10, 10**9), (5, 7, 10, 2 * 7 * 40), (5, 7, 10, 3 * 40), (3, 4, 10, 1)]:
        seen = np.zeros((rows, cols), int)
        for r, c in S.grid_blocks(rows, cols, m, 4, limit):
            seen[r, c] += 1
            assert (r.stop - r.start) * (c.stop - c.start) * m * 4 <= max(limit, m * 4)
        assert (seen == 1).all()
