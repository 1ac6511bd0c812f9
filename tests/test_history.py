"""The trainer's memory stays bounded however long it runs; what it keeps is true."""

import numpy as np
import pytest
from conftest import features

from lrviz.core import GradientDescent
from lrviz.core.history import RateLog, Trace, minmax_bins, rate_at, rates_of


def wavy(n, rng):
    t = np.arange(n, dtype=float)
    return np.column_stack([t, np.sin(t / 97.0) + 0.1 * rng.standard_normal(n)])


def test_a_trace_keeps_bounded_rows_exact_ends_and_the_middles_peaks(rng):
    rows = wavy(300_000, rng)
    rows[150_000, 1], rows[200_001, 1] = 50.0, -50.0  # a spike and a dip in the summarised middle
    trace = Trace(columns=2, head=1000, tail=2000, bins=256)
    for chunk in np.array_split(rows, 37):
        trace.extend(chunk)
    kept = trace.rows()
    assert len(trace) == len(kept) <= 1000 + 2 * 2000 + 2 * 256
    assert trace.end == 300_000 and trace.summarised
    np.testing.assert_array_equal(kept[:1000], rows[:1000])                  # the first rows, exact
    np.testing.assert_array_equal(kept[-2000:], rows[-2000:])                # the latest rows, exact
    assert np.all(np.diff(kept[:, 0]) > 0)                                   # in order, no repeats
    np.testing.assert_array_equal(kept, rows[kept[:, 0].astype(int)])        # every kept row is a true row
    assert 50.0 in kept[:, 1] and -50.0 in kept[:, 1]                        # peaks survive


def test_appending_one_row_at_a_time_equals_extending(rng):
    rows = wavy(30_000, rng)
    a, b = Trace(head=100, tail=500, bins=64), Trace(head=100, tail=500, bins=64)
    for r in rows:
        a.append(tuple(r))
    b.extend(rows)
    np.testing.assert_array_equal(a.rows(), b.rows())


def test_one_long_extend_keeps_a_trace_as_small_as_appending_one_row_at_a_time(rng):
    """A race hands its runs thousands of costs at once: the trace's arrays must not grow to hold
    them all (one extend of 800,000 rows kept a 12.8 MB tail array for good)."""
    rows = wavy(20_000, rng)
    a, b = Trace(head=64, tail=256, bins=32), Trace(head=64, tail=256, bins=32)
    for r in rows:
        a.append(tuple(r))
    b.extend(rows)
    np.testing.assert_array_equal(a.rows(), b.rows())
    assert b.nbytes <= a.nbytes < 16 * (64 + 4 * 256 + 4 * 32) * 2  # rows of 16 bytes; arrays grow by doubling


def test_exact_since_gives_the_exact_tail_or_says_it_cannot(rng):
    rows = wavy(10_000, rng)
    trace = Trace(head=100, tail=1000, bins=64)
    trace.extend(rows[:1500])
    np.testing.assert_array_equal(trace.exact_since(40), rows[40:1500])  # nothing summarised yet
    trace.extend(rows[1500:])
    assert trace.summarised
    np.testing.assert_array_equal(trace.exact_since(9500), rows[9500:])
    assert trace.exact_since(500) is None
    np.testing.assert_array_equal(trace.at(9999), rows[9999])
    assert trace.at(10_000) is None


def test_minmax_bins_keeps_each_bins_lowest_and_highest_row():
    rows = np.column_stack([np.arange(8.0), [3, 1, 2, 5, 4, 4, 0, 9]])
    np.testing.assert_array_equal(minmax_bins(rows, 4)[:, 0], [1, 3, 6, 7])


def test_the_rate_log_keeps_changes_and_gives_every_steps_rate():
    log, rates = RateLog(), [0.005] * 40 + [0.001] * 3 + [0.005] * 7
    for r in rates:
        log.append(r)
    assert len(log) == 50 and len(log.changes) == 3
    np.testing.assert_array_equal(log.values(), rates)
    np.testing.assert_array_equal(rates_of(log.changes.view(), 50), rates)
    assert [log.at(t) for t in (0, 39, 40, 42, 43, 49)] == [0.005, 0.005, 0.001, 0.001, 0.005, 0.005]
    assert [rate_at(log.changes.view(), t) for t in range(50)] == rates  # what a snapshot's rows say


def test_a_long_run_keeps_bounded_history_exact_early_costs_and_exact_replay(toy):
    X, y, Xt, yt = features(toy, "float64")
    trainer = GradientDescent(1.0, dtype="float64").start(X, y, Xt, yt)
    first = [trainer.cost_]
    for _ in range(2000):
        trainer.step()
        first.append(trainer.cost_)
    trainer.learning_rate = 0.5
    trainer.step(58_000)
    h = trainer.history_
    assert h.iterations == 60_000 and h.costs.summarised
    assert len(h.costs) < 4096 + 2 * 8192 + 2 * 2048 and len(h.evals) < 6 * 1024
    assert len(h.checkpoints) <= trainer.max_checkpoints and len(h.learning_rates.changes) == 2
    np.testing.assert_array_equal(h.costs.values()[:2001], first)  # the first 2,000 iterations, exact
    for t in (1999, 2000, 2001, 31_337, 59_999):
        w, b, cost = trainer.replay(t)
        row = h.costs.at(t)
        if row is not None:
            assert cost == row[1]  # replay is bit for bit the recorded cost
        assert trainer.evaluate(w, b)[0] == pytest.approx(cost, abs=1e-12)


def test_the_window_copy_equals_the_trainers_however_deltas_arrive(toy, rng):
    from lrviz.training.messages import Delta, History
    X, y, _, _ = features(toy, "float64")
    trainer = GradientDescent(1.0, dtype="float64", eval_every=10).start(X, y)
    window, sent = History(), 0
    for n in rng.integers(1, 3000, size=40):
        trainer.step(int(n))
        h = trainer.history_
        costs = h.costs.exact_since(sent)
        start = sent if costs is not None else 0
        if costs is None:
            costs = h.costs.rows()
        ev = h.evals.rows()
        window.merge(Delta({}, start, costs, h.learning_rates.changes.view().copy(),
                           ev[np.searchsorted(ev[:, 0], start):]))
        sent = h.costs.end
    np.testing.assert_array_equal(window.costs.rows(), trainer.history_.costs.rows())
    np.testing.assert_array_equal(window.evals.rows(), trainer.history_.evals.rows())


@pytest.mark.parametrize("step_seconds", [1e-5, 0.05])
def test_where_steps_are_slow_checkpoints_stay_dense_within_their_bytes(step_seconds):
    """At the course's 17 µs a step a replay of 1,000 steps is instant: 128 checkpoints, spread out.
    At CIFAR-10's ~50 ms a step, the interval stays where a replay takes ≤ replay_seconds, while
    the checkpoints fit in max_bytes; past that it doubles again (memory first)."""
    from lrviz.core.history import History
    state = np.zeros(1000)  # 8,000 bytes
    h = History(checkpoint_every=1, max_checkpoints=16, max_bytes=100 * state.nbytes, replay_seconds=0.25)
    h.step_seconds = step_seconds
    for t in range(400):
        h.maybe_checkpoint(t, state, 0.0, 0.0)
    kept = [c.iteration for c in h.checkpoints]
    assert len(kept) * state.nbytes <= 100 * state.nbytes + state.nbytes
    if step_seconds < 0.001:
        assert len(kept) <= 16 and h.checkpoint_every >= 32  # as before: a count, thinned
    else:
        assert len(kept) > 16 and (h.checkpoint_every - 1) * step_seconds <= 0.25  # a replay ≤ 0.25 s
    assert kept == list(range(0, 400, h.checkpoint_every))
    assert [h.checkpoint_before(t).iteration for t in (0, 5, 399)] == [0, 5 - 5 % h.checkpoint_every,
                                                                      399 - 399 % h.checkpoint_every]


def test_dense_checkpoints_replay_exactly(toy):
    X, y, _, _ = features(toy, "float64")
    t = GradientDescent(1.0, dtype="float64", checkpoint_every=1, max_checkpoints=8, checkpoint_bytes=10**6).start(X, y)
    t.history_.step_seconds = 0.1  # as if each step took 100 ms
    t.step(300)
    assert len(t.history_.checkpoints) > 8 and t.history_.checkpoint_every <= 2
    for it in (0, 7, 151, 299):
        w, b, cost = t.replay(it)
        assert cost == t.history_.costs.at(it)[1]
