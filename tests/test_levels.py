"""Ticks, contour levels and contour lines for the bowl's views."""

import numpy as np
import pytest

from lrviz.core.levels import contour_levels, contour_segments, nice_ceiling, nice_step, nice_ticks


@pytest.mark.parametrize(("lo", "hi", "expected"), [
    (0.188, 2.16, [0.5, 1.0, 1.5, 2.0]),
    (-1.05, 1.03, [-1.0, -0.5, 0.0, 0.5, 1.0]),
    (-0.833, 1.87, [-0.5, 0.0, 0.5, 1.0, 1.5]),
    (0, 10, [0, 2, 4, 6, 8, 10]),
])
def test_ticks_are_round_values_inside_the_range(lo, hi, expected):
    np.testing.assert_allclose(nice_ticks(lo, hi, 5), expected)


def test_nice_steps_are_one_two_five():
    assert [nice_step(s, 5) for s in (1, 3, 7, 40, 0.013)] == [0.2, 0.5, 2.0, 10.0, 0.002]


def test_a_paraboloids_contours_are_circles():
    xs = ys = np.linspace(-2, 2, 81)
    Z = xs[:, None] ** 2 + ys[None, :] ** 2
    for level in (0.5, 1.0, 2.5):
        seg = contour_segments(Z, xs, ys, level)
        r = np.hypot(seg[..., 0], seg[..., 1])
        assert len(seg) > 20
        np.testing.assert_allclose(r, np.sqrt(level), atol=0.01)
        angles = np.arctan2(seg[:, 0, 1], seg[:, 0, 0])
        assert np.ptp(angles) > 6  # all the way round
    assert len(contour_segments(Z, xs, ys, 100.0)) == 0


def test_a_saddle_cell_gives_two_segments_that_do_not_cross():
    Z = np.array([[1.0, 0.0], [0.0, 1.0]])  # opposite corners above 0.5
    seg = contour_segments(Z, np.array([0.0, 1.0]), np.array([0.0, 1.0]), 0.5)
    assert seg.shape == (2, 2, 2)
    for s in seg:  # each segment cuts one corner: its two ends are on adjacent edges
        assert np.isclose(np.abs(s[0] - s[1]).sum(), 1.0)


def test_levels_are_round_inside_and_denser_near_the_bottom():
    J = np.linspace(0.19, 2.16, 101)[:, None] * np.ones(5)
    levels = contour_levels(J, 8)
    assert 5 <= len(levels) <= 8 and np.all((levels > 0.19) & (levels < 2.16))
    gaps = np.diff(levels)
    assert gaps[0] < gaps[-1]
    assert np.allclose(levels, np.round(levels, 2))


def test_nice_ceiling_grows_in_round_jumps():
    assert [nice_ceiling(v) for v in (0.3, 1, 1.01, 150, 201, 2000, 2001, 7e5)] == [1, 1, 2, 200, 500, 2000, 5000, 1e6]
    assert nice_ceiling(0.6931, floor=0.1) == 1 and nice_ceiling(0.18, floor=0.1) == 0.2
    assert nice_ceiling(float("nan"), floor=100) == 100 and nice_ceiling(-3, floor=10) == 10
    # a plot re-ranges only when the iteration passes a round number: 10,000 frames, a handful of ranges
    assert len({nice_ceiling(t, 100) for t in range(0, 10_000)}) == 7  # 100, 200, 500, …, 10,000
