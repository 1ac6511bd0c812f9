import numpy as np
import pytest

from conftest import features
from lrviz.core import GradientDescent
from lrviz.core import model as M
from lrviz.core import surface as S


def brute_force(X, y, w0, d, s_values, b_values):
    X = X.astype(np.float64)
    return np.array([[M.cost(X @ (w0 + s * d) + b, y) for b in b_values] for s in s_values])


def test_toy_slice_is_the_whole_bowl_and_matches_brute_force(toy):
    X, y, _, _ = features(toy, "float64")
    assert X.shape[1] == 1  # one weight: the slice through 0 along d = 1 is all of (w, b)
    w_values, b_values = np.linspace(-20, 20, 41), np.linspace(-10, 10, 31)
    J = S.slice_costs(X, y, np.zeros(1), np.ones(1), w_values, b_values)
    np.testing.assert_allclose(J, brute_force(X, y, np.zeros(1), np.ones(1), w_values, b_values), atol=1e-6)
    assert J.shape == (41, 31)


def test_course_slice_matches_brute_force_through_the_trained_point(course, rng):
    X, y, _, _ = features(course)
    trainer = GradientDescent(0.005).fit(X, y, 300)
    d = rng.normal(size=X.shape[1])
    d /= np.linalg.norm(d)
    s_values, b_values = np.linspace(-0.05, 0.05, 7), np.linspace(-1, 1, 5)
    J = S.slice_costs(X, y, trainer.w_, d, s_values, b_values)
    np.testing.assert_allclose(J, brute_force(X, y, trainer.w_, d, s_values, b_values), atol=1e-5)
    # the centre of the slice at the trainer's b is the trainer's cost
    centre = S.slice_costs(X, y, trainer.w_, d, [0.0], [trainer.b_])[0, 0]
    assert centre == pytest.approx(M.cost(X.astype(np.float64) @ trainer.w_ + trainer.b_, y), abs=1e-6)


def test_projection_gives_slice_coordinates_and_distance_off_it(rng):
    w0 = rng.normal(size=10)
    d = np.eye(10)[2]
    other = np.eye(10)[5]
    s, off = S.project(w0 + 3.0 * d + 4.0 * other, w0, d)
    assert s == pytest.approx(3.0) and off == pytest.approx(4.0)
    s_many, off_many = S.project(np.stack([w0, w0 - 2 * d]), w0, d)
    np.testing.assert_allclose(s_many, [0, -2])
    np.testing.assert_allclose(off_many, [0, 0], atol=1e-12)
    _, off_both = S.project(np.stack([w0 + other, w0 - 2 * d + 3 * other]), w0, d)
    np.testing.assert_allclose(off_both, [1, 3])  # each row's own distance off the slice


def test_default_directions(cats):
    X, y, _, _ = features(cats)
    trainer = GradientDescent(0.005, checkpoint_every=10).start(X, y)
    first = S.gradient_direction(X, y, trainer.w_, trainer.b_)
    trainer.step(1)
    step = trainer.w_ / np.linalg.norm(trainer.w_)
    np.testing.assert_allclose(first.d, step, atol=1e-5)  # the first step goes along −dw
    trainer.step(199)
    path = np.stack([trainer.params_at(t)[0] for t in range(0, 201, 10)])
    pc = S.path_direction(path)
    travel = S.path_direction(path, principal=False)
    assert pc.kind == "principal" and travel.kind == "travel"
    assert 0.5 < pc.share <= 1.0 and 0.5 < travel.share <= 1.0
    assert pc.d @ travel.d > 0.9  # early descent is nearly straight
    assert "in-plane" in pc.describe()
    assert S.path_direction(path[:1]) is None


def test_span_pads_and_has_a_minimum_width():
    assert S.span(np.array([0.0, 4.0])) == (-1.0, 5.0)
    lo, hi = S.span(np.array([2.0, 2.0]))
    assert hi - lo == pytest.approx(1.0)


def test_plane_points_and_coordinates_agree_with_the_grid_and_brute_force(cats, rng):
    X, y, _, _ = features(cats)
    w0 = rng.normal(size=X.shape[1]) * 1e-3
    d = rng.normal(size=X.shape[1])
    d /= np.linalg.norm(d)
    plane = S.Plane(X, y, w0, d)
    s_pts, b_pts = np.array([-0.02, 0.0, 0.05]), np.array([0.3, -0.1, 0.0])
    X64 = X.astype(np.float64)
    expected = [M.cost(X64 @ (w0 + s * d) + b, y) for s, b in zip(s_pts, b_pts, strict=True)]
    np.testing.assert_allclose(plane.at(s_pts, b_pts), expected, atol=1e-9)
    np.testing.assert_allclose(plane.grid(s_pts, b_pts).diagonal(), expected, atol=1e-6)
    s, off = plane.coords(w0 + 0.05 * d)
    assert s == pytest.approx(0.05) and off == pytest.approx(0.0, abs=1e-9)


def test_the_points_through_any_logits_are_the_cost_there_even_far_out(rng):
    """Plane.through (the 1-D pictures, redone at every update) against np.logaddexp, with logits
    large enough that a naive log(1 + e^t) would overflow, and more examples than one chunk."""
    m = 2500
    X, y = rng.normal(size=(m, 3)), (rng.random(m) < 0.4).astype(float)
    plane = S.Plane(X, y, np.zeros(3), np.array([1.0, 0.0, 0.0]))
    z = rng.normal(0, 300, m)
    ds, db = np.array([0.0, 2.0, -40.0, 1e3]), np.array([0.0, -1.0, 5.0, 0.0])
    got = plane.through(z, ds, db)
    want = [np.mean(np.logaddexp(0.0, -(2 * y - 1) * (z + a * plane.v + c))) for a, c in zip(ds, db, strict=True)]
    np.testing.assert_allclose(got, want, rtol=1e-13, atol=1e-15)
    assert S.mean_losses(np.array([[-800.0, 800.0]]))[0] == pytest.approx(400.0)


@pytest.mark.parametrize("loss", ["cross_entropy", "squared_error"])
def test_a_grid_is_computed_in_blocks_sized_by_bytes_with_the_same_values_and_bounded_memory(rng, loss):
    """Whole rows, parts of a row, one point at a time: the same J; the working memory follows
    the byte limit, not m (20,000 examples × 41 × 41 points would be 270 MB in float32 at once)."""
    import tracemalloc

    from lrviz.core.squared import plane_for
    m, n = 20_000, 8
    X = rng.normal(size=(m, n)).astype(np.float32)
    y = (rng.random(m) < 0.5).astype(np.float64)
    plane = plane_for(loss, X, y, rng.normal(size=n) * 0.1, np.eye(n)[0])
    s_values, b_values = np.linspace(-2, 2, 41), np.linspace(-1, 1, 41)
    whole = plane.grid(s_values, b_values, max_bytes=2**40)
    for limit in (8 * 41 * m * 4, 4 * m * 4, 1):  # 4 rows · 2 points · 1 point (never less than one)
        np.testing.assert_allclose(plane.grid(s_values, b_values, max_bytes=limit), whole, rtol=1e-12, atol=1e-12)
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
