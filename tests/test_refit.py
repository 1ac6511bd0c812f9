"""The bowl's cost bounded as the data grows: a coarser grid and rarer refits while training runs,
the full surface row by row when it pauses; every drawn value still J exactly."""


import numpy as np
import pytest
from conftest import process_state

from lrviz.core import refit
from lrviz.core.surface import Plane


@pytest.mark.parametrize("cell", [2e-9, 1e-8, 5e-8])
def test_the_running_grid_fits_the_budget_and_coarsens_as_m_grows(cell):
    sizes = [refit.grid_size(m, cell) for m in (209, 2_000, 10_000, 50_000, 500_000)]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] <= refit.FULL_GRID and sizes[-1] == refit.MIN_GRID
    for m, g in zip((209, 2_000, 10_000, 50_000), sizes, strict=False):
        assert g == refit.MIN_GRID or m * g * g * cell <= refit.REFIT_SECONDS
        assert g == refit.FULL_GRID or m * (g + 1) ** 2 * cell > refit.REFIT_SECONDS  # as fine as allowed
    assert refit.grid_size(209, 8e-9) == refit.FULL_GRID  # the course's data keeps the full surface


@pytest.mark.parametrize("seconds", [0.001, 0.05, 0.1, 0.3, 2.0])
def test_refits_take_at_most_a_tenth_of_the_time_and_come_once_a_second_when_cheap(seconds):
    """Ten minutes of training, simulated: a refit taking ``seconds`` starts as soon as
    refit_interval() allows after the one before. What matters to the learner, counted: at most a
    tenth of the time goes to refits, at most one a second; a cheap one comes every second."""
    t, refits, horizon = 0.0, 0, 600.0
    while t < horizon:
        refits += 1
        t += max(seconds, refit.refit_interval(seconds))  # the next may start once this one is done and due
    share = refits * seconds / t
    assert share <= 0.1 + 1e-12 and refits <= horizon + 1
    if seconds <= 0.1:
        assert refits >= horizon  # the bowl follows training once a second
    else:
        assert share == pytest.approx(0.1)  # an expensive refit waits just as long as its share asks


@pytest.mark.parametrize("loss", ["cross_entropy", "squared_error"])
def test_the_full_grid_row_by_row_is_exactly_the_planes_grid(rng, loss):
    X = rng.normal(size=(3000, 6)).astype(np.float32)
    y = (rng.random(3000) < 0.4).astype(float)
    plane = Plane(y, np.zeros(3000), X[:, 1].astype(np.float64), np.ones(3000), loss)
    s, b = np.linspace(-3, 3, 31), np.linspace(-2, 2, 27)
    job = refit.GridJob(plane, s, b)
    for rows in (1, 4, 0, 100):  # uneven parts; 0 still takes a row
        job.advance(rows)
    assert job.done and job.rows_done == 31
    np.testing.assert_array_equal(job.J, plane.grid(s, b))
    assert job.cells(2) == 2 * 27 * 3000


def test_the_training_process_draws_a_coarse_bowl_while_running_and_the_full_one_once_paused(rng):
    from lrviz.training import commands as c
    m, n = 5_000, 32
    X = rng.normal(size=(m, n)).astype(np.float32)
    y = (X[:, 0] + 0.5 * rng.normal(size=m) > 0).astype(np.uint8)
    s = process_state(learning_rate=0.5, speed=None)
    s.apply(c.Data((X, y, None, None), 1))
    s.apply(c.Play())
    s.advance(0.05)
    s.bowl.cell_seconds = 4e-7  # as if each cell cost this (m × it as for 20,000 at 1e-7): a coarse grid only
    first = s.delta().fields["bowl"]
    assert s.pace.running and refit.MIN_GRID <= len(first.s) < refit.FULL_GRID and first.J.shape == (len(first.s),) * 2
    assert s.bowl.job is not None and not s.bowl.job.done  # the full surface waits for a pause
    s.apply(c.Pause())
    while s.bowl.job is not None:
        s.bowl.refine(s.runs, 0.05)
    full = s.delta().fields["bowl"]
    assert full.J.shape == (refit.FULL_GRID, refit.FULL_GRID)
    assert (full.s[0], full.s[-1], full.t[0], full.t[-1]) == (first.s[0], first.s[-1], first.t[0], first.t[-1])
    np.testing.assert_array_equal(full.J, s.bowl.tracker.drawn_plane(s.runs.trainer).grid(full.s, full.t))  # exact J
    assert len(full.line_s) == refit.FULL_GRID and full.contours


def test_deltas_take_a_bounded_share_of_the_training_process_while_it_runs(rng, monkeypatch):
    """What making a delta took, counted without the parts budgeted elsewhere (the bowl's refit, and
    the gradient the next primal step reuses), spaces the next one: at most DELTA_SHARE of the time.
    Timed on an injected clock that only the parts move (no real durations: these machines are noisy)."""
    from lrviz.training import commands as c
    from lrviz.training import publish
    from lrviz.training.publish import DELTA_SHARE
    m, n = 400, 60  # more examples than features: the primal form, whose gradient the next step reuses
    X = rng.random((m, n), dtype=np.float32)
    y = (rng.random(m) < 0.3).astype(np.uint8)
    s = process_state(learning_rate=0.001, speed=None)
    clock = [100.0]
    p = s.publisher = publish.Publisher(clock=lambda: clock[0])
    s.apply(c.Data((X, y, X[:50], y[:50]), 1))
    s.apply(c.Play())
    s.advance(0.01)
    assert s.runs.trainer.solver_ == "primal"

    def taking(seconds, work, spent=None):  # a part of the delta that takes ``seconds`` on the clock
        def timed(*args, **kwargs):
            clock[0] += seconds
            out = work(*args, **kwargs)
            return (out[0], spent) if spent is not None else out
        return timed
    update, gradient, detail = s.bowl.update, s.runs.trainer.gradient, publish.step_detail
    monkeypatch.setattr(s.bowl, "update", taking(0.3, update, spent=0.3))  # a refit: its own budget
    monkeypatch.setattr(s.runs.trainer, "gradient", taking(0.2, gradient))  # reused by the next step
    monkeypatch.setattr(publish, "step_detail", taking(0.004, detail))      # the delta's own work
    s.delta()
    assert p.elsewhere == pytest.approx(0.5) and p.delta_seconds == pytest.approx(0.004)
    p.sent_now()
    now, wait = p.published, p.delta_seconds / DELTA_SHARE
    assert not p.due(now + 0.5 * wait, 0.0, running=True) and p.due(now + 1.01 * wait, 0.0, running=True)
    assert not p.due(now + 1.01 * wait, 2 * wait, running=True)  # and never more often than asked
    s.apply(c.Pause())
    assert p.due(now, 1.0, running=s.pace.running)  # paused: at once
