"""The bowl's plane: coordinates of the path's points, the plane that holds the motion, and how long
it is kept — against the geometry written out with explicit (w, b) vectors."""

import numpy as np
import pytest
from conftest import features, process_state

from lrviz.core import GradientDescent
from lrviz.core.curvature import hessian_top
from lrviz.core.planes import PlaneKeeper, PlaneSpec, Projector, b_plane, motion_share, pca_plane
from lrviz.core.tracker import BowlTracker, is_mark, next_mark, trainer_options


def theta(trainer, t=None):
    """(w, b) of iteration t (now by default) as one explicit vector."""
    w, b = (trainer.w_, trainer.b_) if t is None else trainer.params_at(t)
    return np.append(w, b)


def run_with_marks(X, y, lr, iters, kind="valley"):
    """A trainer and a tracker driven as the window drives them: a mark wherever is_mark says."""
    trainer = GradientDescent(lr, **trainer_options(X, 1, iters)).start(X, y)
    tracker = BowlTracker(kind)
    tracker.mark(trainer)
    while trainer.n_iter_ < iters:
        trainer.step(min(next_mark(trainer.n_iter_), iters) - trainer.n_iter_)
        if is_mark(trainer.n_iter_):
            tracker.mark(trainer)
    return trainer, tracker


@pytest.mark.parametrize("solver", ["gram", "primal"])
def test_plane_coordinates_are_the_geometry_of_explicit_vectors(cats, rng, solver):
    X, y, _, _ = features(cats)
    trainer = GradientDescent(0.005, solver=solver, checkpoint_every=1).start(X, y)
    trainer.step(30)
    n = X.shape[1]
    axes, _ = np.linalg.qr(rng.normal(size=(n + 1, 2)))
    path = trainer.path()
    spec = PlaneSpec("pca", origin_state=np.asarray(path.states[3], dtype=np.float64), origin_b=float(path.b[3]),
                     axes=axes.T)
    s, t, off = Projector(spec, trainer.data_).coords(path.states, path.b)
    origin = theta(trainer, 3)
    for k, it in enumerate(path.iterations):
        d = theta(trainer, int(it)) - origin
        assert (s[k], t[k]) == pytest.approx((d @ axes[:, 0], d @ axes[:, 1]), abs=1e-9)
        assert off[k] == pytest.approx(np.linalg.norm(d - axes @ (axes.T @ d)), abs=1e-7)


def test_the_valley_plane_holds_the_start_the_point_now_and_the_steepest_direction(course):
    X, y, _, _ = features(course)
    trainer, tracker = run_with_marks(X, y, 0.005, 100)
    plane = tracker.plane
    assert plane.kind == "valley" and plane.reason in ("own", "turned")
    np.testing.assert_allclose(plane.axes @ plane.axes.T, np.eye(2), atol=1e-10)  # orthonormal
    # the t-axis is the top eigenvector at the point where the plane was chosen
    chosen = GradientDescent(0.005).fit(X, y, plane.chosen_at)
    top = hessian_top(chosen.data_, chosen.logits_, chosen.y_).directions()[0]
    assert abs(top @ plane.axes[1]) == pytest.approx(1.0, abs=1e-6)
    # through the start, and (when chosen) through the point then
    start = Projector(plane, trainer.data_)
    for it in (0, plane.chosen_at):
        state, b, _, _ = trainer.replay_state(it)
        assert start.coords(np.asarray(state)[None], np.array([b]))[2][0] < 1e-6


@pytest.mark.parametrize("lr, bounces", [(0.005, True), (0.001, False)])
def test_at_the_default_alpha_the_path_bounces_across_the_valley_and_at_a_fifth_of_it_does_not(course, lr, bounces):
    """The issue's figure: through the first few hundred iterations, at α = 0.005 the path's
    coordinate across the valley (t) goes back and forth at every step, in step with the cost's
    zig-zag; at α = 0.001 it does not. On the planes the window shows, chosen as it chooses them."""
    X, y, _, _ = features(course)
    for start, stop in ((20, 150), (150, 300)):
        bowl_trainer, bowl_tracker = run_with_marks(X, y, lr, stop)
        bowl = bowl_tracker.bowl(bowl_trainer, lr, 21)
        keep = (bowl.path_iter >= start) & (bowl.path_iter <= stop)
        assert np.all(np.diff(bowl.path_iter[keep]) == 1)  # every step drawn, none thinned away
        dt = np.diff(bowl.path_t[keep])
        flips = np.mean(np.sign(dt[1:]) != np.sign(dt[:-1]))
        costs = bowl_trainer.history_.costs.values()[start:stop + 1]
        cost_flips = np.mean(np.sign(np.diff(costs)[1:]) != np.sign(np.diff(costs)[:-1]))
        if bounces:
            assert flips > 0.95 and cost_flips > 0.9, (start, stop, flips, cost_flips)
            assert bowl.curvature.alpha_lambda > 2 and bowl.plane.kind == "valley"
        else:
            assert flips < 0.05 and cost_flips < 0.05, (start, stop, flips, cost_flips)
            assert bowl.curvature.alpha_lambda < 1


def test_before_the_first_step_the_plane_is_the_two_most_curved_directions(cats):
    X, y, _, _ = features(cats)
    trainer = GradientDescent(0.005, **trainer_options(X)).start(X, y)
    tracker = BowlTracker()
    bowl = tracker.bowl(trainer, 0.005, 21)
    assert bowl.plane.kind == "steepest" and bowl.plane.reason == "start" and bowl.point[:2] == (0.0, 0.0)
    V = tracker.measure(trainer).directions()
    assert abs(V[0] @ tracker.plane.axes[1]) == pytest.approx(1, abs=1e-9)  # t: the steepest
    assert abs(V[1] @ tracker.plane.axes[0]) == pytest.approx(1, abs=1e-9)  # s: the next
    assert abs(bowl.step_t) > 10 * abs(bowl.step_s)  # the first step goes (almost) across the valley


def test_the_keeper_keeps_a_plane_while_it_holds_the_path_and_chooses_the_same_ones_twice(course):
    X, y, _, _ = features(course)
    planes = []
    for _ in range(2):
        trainer, tracker = run_with_marks(X, y, 0.005, 600)
        planes.append(tracker.plane)
    a, b = planes
    assert a.number == b.number and a.chosen_at == b.chosen_at and 3 <= a.number <= 8  # a few, not one a mark
    np.testing.assert_array_equal(a.axes, b.axes)
    recent = trainer.path().recent()
    assert tracker.keeper.share_ >= tracker.keeper.threshold or a.chosen_at == 600
    assert motion_share(Projector(a, trainer.data_), recent) > 0.8


def test_motion_share_is_the_steps_squared_length_in_the_plane(cats, rng):
    X, y, _, _ = features(cats, "float64")
    trainer = GradientDescent(0.01, solver="primal", checkpoint_every=1).start(X, y)
    trainer.step(12)
    axes, _ = np.linalg.qr(rng.normal(size=(X.shape[1] + 1, 2)))
    path = trainer.path()
    spec = PlaneSpec("pca", origin_state=np.zeros(X.shape[1]), origin_b=0.0, axes=axes.T)
    steps = np.diff(np.array([theta(trainer, int(t)) for t in path.iterations]), axis=0)
    inside = np.sum((steps @ axes) ** 2)
    assert motion_share(Projector(spec, trainer.data_), path) == pytest.approx(inside / np.sum(steps ** 2), rel=1e-9)


def test_the_b_plane_and_the_principal_components_are_those_of_the_explicit_path(cats):
    X, y, _, _ = features(cats, "float64")
    trainer = GradientDescent(0.005, solver="gram", checkpoint_every=1).start(X, y)
    trainer.step(40)
    path = trainer.path()
    P = np.array([theta(trainer, int(t)) for t in path.iterations])
    centred = P - P.mean(axis=0)
    pcs = np.linalg.svd(centred, full_matrices=False)[2]
    spec = pca_plane(trainer.data_, path)
    np.testing.assert_allclose(np.abs(np.sum(spec.axes * pcs[:2], axis=1)), 1.0, atol=1e-6)
    w_pc = np.linalg.svd(centred[:, :-1], full_matrices=False)[2][0]
    spec = b_plane(trainer.data_, path)
    assert abs(spec.axes[0, :-1] @ w_pc) == pytest.approx(1.0, abs=1e-6) and spec.axes[0, -1] == 0
    np.testing.assert_array_equal(spec.axes[1], np.eye(X.shape[1] + 1)[-1])  # t is b itself


def test_asking_for_another_kind_chooses_it_at_once_and_says_so(cats):
    X, y, _, _ = features(cats)
    trainer, tracker = run_with_marks(X, y, 0.005, 40)
    tracker.ask("pca")
    tracker.mark(trainer)
    assert tracker.plane.kind == "pca" and tracker.plane.reason == "asked" and tracker.keeper.changed_
    with pytest.raises(ValueError, match="valley, b, pca"):
        PlaneKeeper("sideways")


def test_bowl_csv_holds_the_numbers_the_window_draws(course_dir, tmp_path, capsys):
    """`lrviz train --bowl-csv`: the plane the window shows at the end of the run, named in the
    header, and per iteration the point's coordinates in it, J and α·λ_max — compared with the
    window's training process driven headless to the same iteration."""
    from lrviz.cli import main
    from lrviz.core import Preprocessing
    from lrviz.io import load_dataset
    from lrviz.training import commands as c
    out = tmp_path / "bowl.csv"
    assert main(["train", "--data", str(course_dir), "--iters", "300", "--print-every", "300",
                 "--bowl-csv", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    header = [line for line in lines if line.startswith("#")]
    assert "plane: valley — s: along the path; t: across the valley" in header[1]
    assert lines[len(header)] == "iteration,s,t,off_plane,J,alpha_lambda_max"
    rows = np.loadtxt(lines[len(header) + 1:], delimiter=",")
    assert rows.shape == (301, 6) and list(rows[:, 0]) == list(range(301))
    ds = load_dataset(course_dir)
    prep = Preprocessing.fit(ds.train_images)
    state = process_state(learning_rate=0.005, speed=None)
    state.apply(c.StopAt(300))
    state.apply(c.Data((prep.transform(ds.train_images), ds.train_labels, None, None), 1))
    state.apply(c.Play())
    while state.pace.running:
        state.advance(0.05)
    bowl = state.delta().fields["bowl"]
    assert bowl.plane.chosen_at == int(header[1].split("chosen at iteration ")[1].split()[0])
    assert bowl.path_iter[0] == 0 and len(bowl.path_iter) == 301  # every iteration, as in the file
    np.testing.assert_allclose(rows[:, 1], bowl.path_s, atol=1e-12)
    np.testing.assert_allclose(rows[:, 2], bowl.path_t, atol=1e-12)
    np.testing.assert_allclose(rows[:, 4], bowl.path_J, rtol=0, atol=0)  # the trainer's own costs
    assert rows[-1, 5] == pytest.approx(bowl.curvature.alpha_lambda, rel=1e-6)
    assert rows[0, 5] == pytest.approx(2.768, abs=1e-3)  # the 2.77 at w = 0
    assert "wrote" in capsys.readouterr().out
