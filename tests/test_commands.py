"""The training process's commands: one dataclass each, one handler each in one table; the settings
it starts from are the model's and every change of one reaches it; its pace on an injected clock.
Headless (no Qt), except where a real training process is spawned."""

import dataclasses
import inspect
import time

import numpy as np
import pytest
from conftest import features, process_state

from lrviz.training import commands as c
from lrviz.training.pacing import Pace
from lrviz.training.process import HANDLERS, State, handles
from lrviz.training.settings import Settings


def command_classes():
    return {cls for _, cls in inspect.getmembers(c, inspect.isclass)
            if dataclasses.is_dataclass(cls) and cls.__module__ == c.__name__ and cls is not c.ProcessSettings}


def test_every_command_has_exactly_one_handler_and_an_unknown_one_is_refused():
    assert set(HANDLERS) == command_classes()
    assert list(c.SETTING_COMMANDS) == [f.name for f in dataclasses.fields(c.ProcessSettings)]  # one a setting
    state = process_state()
    with pytest.raises(TypeError, match="no handler"):
        state.apply(("play", None))  # the old way of saying it


def test_a_new_command_is_a_dataclass_and_a_handler(cats):
    """What adding a command takes: nothing but these two."""
    @dataclasses.dataclass(frozen=True)
    class Skip:
        n: int

    @handles(Skip)
    def _skip(s, cmd):
        s.runs.trainer.step(cmd.n)

    try:
        state = process_state()
        state.apply(c.Data(features(cats), 1))
        state.apply(Skip(7))
        assert state.delta().fields["iteration"] == 7
    finally:
        del HANDLERS[Skip]


@pytest.mark.parametrize(("name", "value"), [("learning_rate", 0.02), ("stop_at", 25), ("speed", None),
                                             ("loss", "squared_error"), ("surface", "squared_error"),
                                             ("plane", "pca")])
def test_each_setting_command_changes_what_the_process_runs_with(cats, name, value):
    state = process_state()
    state.apply(c.Data(features(cats), 1))
    before = state.settings()
    assert getattr(before, name) != value
    state.apply(c.SETTING_COMMANDS[name](value))
    assert state.settings() == dataclasses.replace(before, **{name: value})
    assert state.delta().fields["settings"] == state.settings()  # what every snapshot reports


def test_the_parts_start_from_the_first_message():
    first = Settings(learning_rate=0.02, stop_at=25, speed=5.0, loss="squared_error", surface="squared_error",
                     plane="b").process_settings()
    state = State(first)
    assert state.settings() == first
    assert (state.runs.lr, state.runs.stop_at, state.pace.speed, state.bowl.tracker.keeper.kind) == (0.02, 25, 5.0, "b")


def test_stop_at_and_a_plane_chosen_before_data_hold_for_the_first_run(cats):
    state = process_state(speed=None)
    state.apply(c.StopAt(30))
    state.apply(c.Plane("b"))  # no run yet: it used to be dropped
    state.apply(c.Data(features(cats), 1))
    state.apply(c.Play())
    while state.pace.running:
        state.advance(0.05)
    fields = state.delta().fields
    assert fields["iteration"] == 30 and not fields["running"] and fields["bowl"].plane.kind == "b"


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_pace_on_a_clock_the_first_step_at_once_then_one_per_period():
    clock = Clock()
    pace = Pace(10.0, clock)  # 10 steps a second
    pace.start_clock()
    assert pace.due() == 1 and pace.wait_time() == 0  # → answers now, not a tenth of a second later
    pace.took(1, 0.001, 0.008)
    clock.now += 0.05
    assert pace.due() == 0 and pace.wait_time() == pytest.approx(0.05)
    clock.now += 0.05
    assert pace.due() == 1
    pace.took(1, 0.001, 0.008)
    clock.now += 0.35
    assert pace.due() == 3  # what the clock has reached, within a chunk


def test_pace_drops_a_backlog_beyond_a_chunk_and_counts_steps_asked_for():
    clock = Clock()
    pace = Pace(1000.0, clock)
    pace.start_clock()
    pace.chunk = 5
    clock.now += 10.0  # ten seconds behind: 10,000 steps due
    assert pace.due() == 5
    pace.took(5, 0.004, 0.008)
    assert pace.due() == 0  # the clock started again from the chunk
    pace.pending = 3
    pace.took(2, 0.001, 0.008)
    assert pace.pending == 1 and pace.busy
    assert pace.chunk == int(2 / 0.001 * 0.008)  # what fits in a chunk's time, measured
    pace.stop()
    assert not pace.busy and Pace(None, clock).due() == 16  # full speed: a chunk every time


def first_snapshot(worker, timeout=30.0):
    end = time.time() + timeout
    while worker.latest()[1] is None and time.time() < end:
        time.sleep(0.01)
    return worker.latest()[1]


def test_the_spawned_process_starts_with_the_models_settings_and_stops_where_it_was_told_before_play(cats):
    from lrviz.training.handoff import Handoff
    from lrviz.training.worker import TrainingWorker
    defaults = Settings()
    worker = TrainingWorker(defaults.process_settings())
    try:
        worker.set_data(Handoff(features(cats)), tag=1)
        snap = first_snapshot(worker)
        assert snap.settings == defaults.process_settings()  # the process's first state: the model's defaults
        assert (snap.stop_at, snap.learning_rate, snap.loss) == (defaults.stop_at, defaults.learning_rate,
                                                                 defaults.loss)
    finally:
        worker.stop()
    chosen = Settings(stop_at=25, speed=None)  # 'Stop at' set before the first Play: in the first message
    worker = TrainingWorker(chosen.process_settings())
    try:
        worker.set_data(Handoff(features(cats)), tag=1)
        assert first_snapshot(worker).stop_at == 25
        worker.send(c.Play())
        end = time.time() + 30
        while (worker.latest()[1].iteration < 25 or worker.latest()[1].running) and time.time() < end:
            time.sleep(0.01)
        time.sleep(0.2)
        snap = worker.latest()[1]
        assert snap.iteration == 25 and not snap.running
        assert np.isfinite(snap.cost)
    finally:
        worker.stop()
