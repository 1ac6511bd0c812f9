"""Steps / s is a rate measured over the last second of steps, not the speed asked for."""

import math
import time

import numpy as np
import pytest
from conftest import process_state

from lrviz.core.rate import StepRate


def test_the_rate_is_the_steps_of_about_the_last_second_over_their_time():
    r = StepRate(window=1.0, least=0.25)
    r.start(10.0)
    r.add(10.0, 1)  # the first step comes at once
    assert math.isnan(r.rate)  # no time has passed: nothing measured yet
    for i in range(1, 21):  # then 40 steps a second for 2 s, in batches of 4 every 0.1 s
        r.add(10.0 + 0.1 * i, 4)
    assert r.rate == pytest.approx(40.0)
    for i in range(1, 11):  # slower: 10 steps a second; a second later only the new pace counts
        r.add(12.0 + 0.1 * i, 1)
    assert r.rate == pytest.approx(10.0)


def test_one_step_a_second_is_measured_from_the_second_step_on():
    r = StepRate()
    r.start(0.0)
    r.add(0.0, 1)
    assert math.isnan(r.rate)
    r.add(1.0, 1)
    assert r.rate == pytest.approx(1.0)
    r.add(2.0, 1)
    assert r.rate == pytest.approx(1.0)
    r.start(5.0)  # play again after a pause: the pause is not counted as slow steps
    assert math.isnan(r.rate)


def test_the_training_process_reports_the_rate_it_runs_at_not_the_target(rng):
    """Asked for 1000 steps a second with steps that take 5 ms, the process runs at most 200 a
    second; it says so (as measured from its iterations and the clock here), not 1000."""
    from lrviz.training import commands as c
    X = rng.random((200, 20), dtype=np.float32)
    y = (X[:, 0] > 0.5).astype(np.uint8)
    s = process_state(learning_rate=0.01)
    s.apply(c.Data((X, y, None, None), 1))
    s.apply(c.StopAt(300))
    s.apply(c.Speed(1000.0))
    t = s.runs.trainer
    step = t.step
    t.step = lambda n=1: (time.sleep(0.005 * n), step(n))[1]  # a big set's steps, on a small one
    s.apply(c.Play())
    began = time.perf_counter()
    while s.pace.running:
        s.advance(0.05)
    measured = t.n_iter_ / (time.perf_counter() - began)
    shown = s.delta().fields["steps_per_second"]
    assert t.n_iter_ == 300 and measured < 210 and shown == pytest.approx(measured, rel=0.25)


def test_a_speed_the_machine_cannot_keep_never_takes_more_than_a_chunk_at_once(rng):
    """Behind its clock (a speed asked for beyond the machine), the process takes one chunk of steps
    and starts the clock again from there: it used to take the whole backlog at once, and answered
    neither Pause nor the window for seconds."""
    from lrviz.training import commands as c
    X = rng.random((300, 50), dtype=np.float32)
    y = (rng.random(300) < 0.5).astype(np.uint8)
    s = process_state(learning_rate=0.01)
    s.apply(c.Data((X, y, None, None), 1))
    s.apply(c.Speed(1000.0))
    s.apply(c.Play())
    s.pace.chunk = 5
    s.pace.paced_since -= 10.0  # ten seconds behind: 10,000 steps due
    s.advance(0.008)
    assert s.runs.trainer.n_iter_ <= 5
    before = s.runs.trainer.n_iter_
    s.advance(0.008)  # the backlog was dropped: at most the step or two due since
    assert s.runs.trainer.n_iter_ - before <= 2
