"""The bowl of one run, kept up to date as it trains.

The plane is chosen and kept by a :class:`lrviz.core.planes.PlaneKeeper`, asked only at fixed
iterations (:func:`is_mark`), so that the window and ``lrviz train --bowl-csv`` see the same planes
whatever their pace. Each point of the path is projected once; the view's ranges hold until the
path comes near an edge; the surface is computed anew only when the plane or the ranges change. So
from one frame to the next only the path, the point, the step and the 1-D pictures move.
"""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np

from lrviz.core import losses, solvers
from lrviz.core.bottom import find_bottom
from lrviz.core.bowl import (
    Bowl,
    CurvatureInfo,
    PlaneInfo,
    RacePath,
    axis_range,
    bounce,
    exact_frame,
    grid_values,
    inside,
    level_lines,
    outlook,
    with_lines,
)
from lrviz.core.curvature import Curvature, hessian_top
from lrviz.core.planes import PathSample, PlaneKeeper, held_share
from lrviz.core.surface import Plane

OLD_POINTS = 64      # the path before the trainer's recent states: at most this many points, evenly chosen
DRAWN_RECENT = 1024  # the bowl draws at most this many of the latest steps, every one (at full speed a
#                      picture covers thousands: the ones before are thinned with the older path)
RACER_POINTS = 24    # each other run of a race
RISE = 0.5           # across the valley a view shows J rising by at least this share of J now on each side
AHEAD = 0.5          # room for the path to travel on along its own direction, a share of the view's width…
LEAD_STEPS = 100     # …and at least this many steps of its current length
RECENT = 4096        # the trainer keeps the states of this many latest iterations for the path…
RECENT_BYTES = 16 * 2**20  # …in at most this many bytes (for all the runs of a race together)


def trainer_options(X, runs: int = 1, n_iter: int | None = None) -> dict:
    """What a trainer whose bowl is tracked keeps: every iteration checkpointed until 128 (a dense
    early path), then thinned, and the latest states (a zig-zag of period 2 is drawn step by step:
    the course's 2,000 iterations in the Gram form, 3 MB). The window's training process and
    ``lrviz train --bowl-csv`` use the same, so that they choose the same planes."""
    m, n = X.shape
    solver = solvers.choose("auto", X, X.dtype, n_iter)  # the solver the trainer will choose
    state = 8 * m if solver is solvers.Gram else n * X.dtype.itemsize
    return dict(checkpoint_every=1, max_checkpoints=128, recent=min(RECENT, RECENT_BYTES // (runs * state)))


def mark_every(t: int) -> int:
    """The plane is reconsidered every 10 iterations for the first 200 (the path finds its way
    early), then every 50 up to 2,000, then every 200 (a long run changes slowly)."""
    return 10 if t < 200 else 50 if t < 2000 else 200


def is_mark(t: int) -> bool:
    return t % mark_every(t) == 0


def next_mark(t: int) -> int:
    """The first mark after iteration t."""
    step = mark_every(t + 1)
    return (t // step + 1) * step


class BowlTracker:
    """The :class:`Bowl` of a run (a :class:`lrviz.core.trainer.GradientDescent`) as it trains.

    ``kind``: the plane asked for (see :mod:`lrviz.core.planes`); ``surface``: the loss whose J is
    drawn (the run may train on another; both are registered losses' names, :mod:`lrviz.core.losses`).
    Call :meth:`mark` at each mark iteration (see :func:`is_mark`), :meth:`bowl` whenever a picture
    is wanted.
    """

    def __init__(self, kind: str = "valley", surface: str = losses.DEFAULT):
        self.keeper = PlaneKeeper(kind)
        self.surface = losses.get(surface).name  # an unknown loss is refused here, not at the first picture
        self.curvature_: Curvature | None = None
        self._curvature_key: tuple | None = None
        self.spent = {"grid": 0.0, "lambda": 0.0, "plane": 0.0}  # seconds of the last surface, λ_max, plane
        self.reset()

    def reset(self) -> None:
        """A new run: everything is chosen again."""
        self.keeper.reset()
        self._planes: dict = {}          # loss → the plane's evaluator for it
        self._points: dict | None = None  # the projected path: arrays by name
        self._frame: tuple | None = None
        self.frame_number = 0
        self._grid: tuple | None = None  # (s values, t values, J, contours, bottom)

    def ask(self, kind: str) -> None:
        """Another kind of plane: chosen at the next mark or picture."""
        self.keeper.ask(kind)

    def set_surface(self, loss: str) -> None:
        self.surface = losses.get(loss).name
        self._grid = None
        if self._points is not None:
            self._points["J_plane"][:] = np.nan  # under another surface: computed again when drawn

    @property
    def plane(self):
        return self.keeper.plane_

    # -- λ_max --------------------------------------------------------------------------------
    def forget_curvature(self) -> None:
        """Other data: the curvature (and its warm start, which holds the older data's X) is measured
        anew. Its key goes too: a new trainer may sit at the address the old one had, at the same
        iteration, and then a None was taken for the curvature (the training process died)."""
        self.curvature_, self._curvature_key = None, None

    def measure(self, trainer, seconds: float | None = None) -> Curvature:
        """The Hessian's top eigenpairs at the trainer's current point (kept until it moves)."""
        key = (id(trainer), trainer.n_iter_, trainer.loss)
        if self._curvature_key != key:
            began = time.perf_counter()
            start = None if self.curvature_ is None else self.curvature_.start
            self.curvature_ = hessian_top(trainer.data_, trainer.logits_, trainer.y_, trainer.loss, start=start,
                                          seconds=seconds)
            self._curvature_key = key
            self.spent["lambda"] = time.perf_counter() - began
        return self.curvature_

    # -- the plane ----------------------------------------------------------------------------
    def mark(self, trainer, others: tuple = (), seconds: float | None = None) -> bool:
        """Reconsider the plane at this iteration; True if a new one was chosen. ``others``: (run's
        place, GradientDescent) of the other runs of a race."""
        began = time.perf_counter()
        recent = trainer.recent_path(self.keeper.window)
        self.keeper.update(trainer.data_, lambda: trainer.path(OLD_POINTS), lambda: self.measure(trainer, seconds),
                           tuple(run.path(RACER_POINTS) for _, run in others), n_weights=trainer.data_.X.shape[1],
                           recent=recent if len(recent.iterations) > 1 else None)
        if self.keeper.changed_:
            self._planes, self._points, self._frame, self._grid = {}, None, None, None
            self.spent["plane"] += time.perf_counter() - began - self.spent["lambda"]
        return self.keeper.changed_

    def _plane(self, trainer, loss: str):
        """The plane's evaluator for ``loss``: made once per plane (a pass over X, counted as the plane's)."""
        if loss not in self._planes:
            began = time.perf_counter()
            self._planes[loss] = Plane.of(self.plane, trainer.data_, trainer.y_, loss)
            self.spent["plane"] += time.perf_counter() - began
        return self._planes[loss]

    # -- the path ----------------------------------------------------------------------------
    def _project(self, trainer, path: PathSample) -> dict:
        s, t, _ = self.keeper.projector(trainer.data_).coords(path.states, path.b, distance=False)
        return {"iter": np.asarray(path.iterations), "s": s, "t": t, "J": np.asarray(path.cost, dtype=np.float64),
                "J_plane": np.full(len(s), np.nan)}  # the surface under them: when drawn

    def _path(self, trainer) -> dict:
        """The projected path up to the trainer's current point: new points projected, the old ones kept;
        all projected again from the trainer's path when the recent states no longer reach back."""
        pts = self._points
        now = trainer.n_iter_
        if pts is not None and pts["iter"][-1] == now:
            return pts
        kept = trainer.history_.recent  # (empty, or not up to now, for a race's runs: they step together)
        recent = []
        if pts is not None and kept and kept[-1].iteration == now:
            for c in reversed(kept):  # the new ones, from the newest: no pass over all that is kept
                if c.iteration <= pts["iter"][-1] or len(recent) > DRAWN_RECENT:
                    break
                recent.append(c)
            recent.reverse()
        if pts is None or pts["iter"][-1] > now or (pts["iter"][-1] < now and (
                not recent or recent[0].iteration != pts["iter"][-1] + 1)):
            self._points = self._project(trainer, trainer.path(OLD_POINTS, DRAWN_RECENT))
            return self._points
        new = self._project(trainer, PathSample(np.array([c.iteration for c in recent]),
                                                np.stack([np.asarray(c.state) for c in recent]),
                                                np.array([c.b for c in recent]), np.array([c.cost for c in recent])))
        keep = _thinned(pts["iter"], DRAWN_RECENT)
        self._points = {k: np.concatenate([pts[k][keep], new[k]]) for k in pts}
        return self._points

    # -- the picture --------------------------------------------------------------------------
    def bowl(self, trainer, learning_rate: float, grid: int, others: tuple = (), stop_at: int | None = None,
             lambda_seconds: float | None = None) -> Bowl:
        """The bowl now: ``grid`` points a side if the surface must be computed anew (the caller's
        budget); ``others``: the other runs of a race; ``stop_at``: where the run will stop."""
        if self.plane is None:
            self.mark(trainer, others)
        pts = self._path(trainer)
        drawn = self._plane(trainer, self.surface)
        trained = self._plane(trainer, trainer.loss)
        todo = np.isnan(pts["J_plane"])
        if todo.any():
            pts["J_plane"][todo] = drawn.at(pts["s"][todo], pts["t"][todo])
        z = trainer.logits_
        path_J = pts["J"] if self.surface == trainer.loss else pts["J_plane"].copy()
        if self.surface != trainer.loss:
            path_J[-1] = drawn.cost_of(z)  # the point itself, where it really is
        slope_s, slope_t = trained.slopes(z)  # the trainer's gradient along each axis: the step follows it
        self._ensure_frame(trainer, pts, (-learning_rate * slope_s, -learning_rate * slope_t), z)
        if self._grid is None and drawn.loss.convex:
            self._bottom(trainer)  # the drawn loss's lowest point, claimed on its surface (framed by it too)
        self._ensure_grid(drawn, grid)
        s_values, t_values, J, contours, bottom = self._grid
        bowl = Bowl(s_values, t_values, J, self._info(), pts["iter"], pts["s"], pts["t"], path_J, pts["J_plane"],
                    bottom=bottom, loss=self.surface, trained=trainer.loss, contours=contours,
                    share=self.keeper.share_, frame=self.frame_number, others=self._racers(trainer, others),
                    curvature=self._curvature(trainer, learning_rate, lambda_seconds))
        bowl = with_lines(bowl, drawn, trained, z, learning_rate)
        # across the valley (t); on the whole (w, b) plane, along whichever axis the path goes back and forth
        found = [b for b in (bounce(pts["iter"], pts["t"]), bounce(pts["iter"], pts["s"]) if self.plane.exact else None)
                 if b is not None]
        return replace(bowl, outlook=outlook(bowl, stop_at), bounce=found[0] if found else None)

    def _info(self) -> PlaneInfo:
        p = self.plane
        return PlaneInfo(p.kind, p.number, p.reason, p.chosen_at, p.share)

    def _curvature(self, trainer, learning_rate: float, seconds: float | None) -> CurvatureInfo | None:
        if seconds == 0 and self.curvature_ is None:
            return None
        c = self.measure(trainer, seconds) if seconds != 0 else self.curvature_
        at = self._curvature_key[1] if self._curvature_key else trainer.n_iter_
        return CurvatureInfo(at, c.lambda_max, learning_rate, c.converged)

    def _ensure_frame(self, trainer, pts: dict, step: tuple[float, float], z: np.ndarray) -> None:
        """Keep the view's ranges while the point and its next step stay inside; else choose anew:
        around the path, the step and the plane's lowest point (when it is near), with room ahead
        along the path's own direction and, across the valley, at least the width over which J rises
        by :data:`RISE` of itself (the valley's walls show)."""
        ends_s = np.array([pts["s"][-1], pts["s"][-1] + step[0]])
        ends_t = np.array([pts["t"][-1], pts["t"][-1] + step[1]])
        if self._frame is not None and inside(self._frame, ends_s, ends_t):
            return
        s = np.concatenate([pts["s"], ends_s])
        t = np.concatenate([pts["t"], ends_t])
        bottom = self._bottom(trainer)
        if bottom is not None and (self.plane.exact or abs(bottom[0] - s.mean()) <= 2 * max(np.ptp(s), 1e-12)
                                   and abs(bottom[1] - t.mean()) <= 2 * max(np.ptp(t), 1e-12)):
            s, t = np.append(s, bottom[0]), np.append(t, bottom[1])
        if self.plane.exact:
            self._frame = exact_frame(s, t)
        else:
            h = losses.get(trainer.loss).curvature(z, trainer.y_)
            plane = self._plane(trainer, trainer.loss)
            rise = RISE * max(plane.cost_of(z), 1e-3)
            across = axis_range(t, float(np.mean(h * plane.q ** 2)), rise)
            if self.plane.kind == "steepest":  # no path yet: both axes as wide (a narrow valley looks narrow)
                half = (across[1] - across[0]) / 2
                along = (float(s[-2]) - half, float(s[-2]) + half)
            else:
                lead = max(LEAD_STEPS * abs(step[0]), AHEAD * np.ptp(s)) / max(np.ptp(s), 1e-300)
                along = axis_range(s, 0.0, 0.0, ahead=lead)
            self._frame = (*along, *across)
        self.frame_number += 1
        self._grid = None

    def _framing_loss(self) -> str:
        """The loss whose lowest point frames the view: the drawn one if it is convex, else the
        course's (a surface that is not convex has no one lowest point; the squared error's is drawn
        around the cross-entropy's)."""
        return self.surface if losses.get(self.surface).convex else losses.DEFAULT

    def _bottom(self, trainer) -> tuple[float, float, float] | None:
        """The framing loss's lowest point on the plane, if it has one."""
        key = ("bottom", self._framing_loss())
        if key not in self._planes:
            pts = self._points
            start = (float(pts["s"][-1]), float(pts["t"][-1]))
            reach = 50 * max(np.ptp(pts["s"]), np.ptp(pts["t"]), 1e-3) + 50
            self._planes[key] = find_bottom(self._plane(trainer, key[1]), start, reach)
        return self._planes[key]

    def _ensure_grid(self, drawn, points: int) -> None:
        if self._grid is not None:
            return
        began = time.perf_counter()
        s_values, t_values = grid_values(self._frame, points, self.surface)
        self.set_grid(s_values, t_values, drawn.grid(s_values, t_values))
        self.spent["grid"] = time.perf_counter() - began

    def set_grid(self, s_values: np.ndarray, t_values: np.ndarray, J: np.ndarray) -> None:
        """The surface on this grid of the current frame (a finer one, computed while paused)."""
        # a loss that is not convex (the squared error): no lowest point is claimed on its surface
        bottom = self._planes.get(("bottom", self.surface)) if losses.get(self.surface).convex else None
        self._grid = (s_values, t_values, J, level_lines(J, s_values, t_values), bottom)

    def drawn_plane(self, trainer):
        """The evaluator of the drawn surface (for a finer grid computed row by row)."""
        return self._plane(trainer, self.surface)

    @property
    def grid_points(self) -> int:
        return 0 if self._grid is None else len(self._grid[0])

    def _racers(self, trainer, others: tuple) -> tuple:
        out = []
        projector = self.keeper.projector(trainer.data_)
        for j, run in others:
            path = run.path(RACER_POINTS)
            s, t, _ = projector.coords(path.states, path.b, distance=False)
            out.append(RacePath(j, np.asarray(path.iterations), s, t, np.asarray(path.cost, dtype=np.float64),
                                held_share(projector, path.recent())))
        return tuple(out)

    # -- a past iteration ---------------------------------------------------------------------
    def at(self, bowl: Bowl, trainer, t: int, learning_rate: float, others: tuple = ()) -> Bowl:
        """The same picture seen at a past iteration t: the path up to t, the point and step at t;
        each other run of a race (``others``: (place, run)) up to t too, ending at its point then."""
        projector = self.keeper.projector(trainer.data_)

        def point(run, when: int) -> tuple:
            state, b, cost, z = run.replay_state(min(max(when, run.t0_), run.n_iter_))  # a branch: from its start
            s, tt, _ = projector.coords(np.asarray(state)[None], np.array([b]), distance=False)
            return s[0], tt[0], cost, z

        s, tt, cost, z = point(trainer, t)
        drawn, trained = self._plane(trainer, self.surface), self._plane(trainer, trainer.loss)
        keep = bowl.path_iter < t
        J = cost if self.surface == trainer.loss else drawn.cost_of(z)
        runs = dict(others)
        racers = []
        for p in bowl.others:
            before = p.iterations < t
            ps, pt, pJ, _ = point(runs[p.run], t) if p.run in runs else (p.s[-1], p.t[-1], p.J[-1], None)
            racers.append(replace(p, iterations=np.append(p.iterations[before], min(t, p.iterations[-1])),
                                  s=np.append(p.s[before], ps), t=np.append(p.t[before], pt),
                                  J=np.append(p.J[before], pJ)))
        cut = replace(bowl, path_iter=np.append(bowl.path_iter[keep], t), path_s=np.append(bowl.path_s[keep], s),
                      path_t=np.append(bowl.path_t[keep], tt), path_J=np.append(bowl.path_J[keep], J),
                      path_J_plane=np.append(bowl.path_J_plane[keep], drawn.at(s, tt)), others=tuple(racers))
        cut = with_lines(cut, drawn, trained, z, learning_rate)
        return replace(cut, outlook=None)


def _thinned(iterations: np.ndarray, recent: int) -> np.ndarray:
    """Which already projected points to keep when new ones come: the last ``recent`` all, and
    before them at most :data:`OLD_POINTS`, evenly chosen (the first always)."""
    n = len(iterations)
    older = max(n - recent, 0)
    if older <= OLD_POINTS:
        return np.arange(n)
    keep = np.unique(np.linspace(0, older - 1, OLD_POINTS).round().astype(int))
    return np.concatenate([keep, np.arange(older, n)])


TABLE_COLUMNS = ("iteration", "s", "t", "off_plane", "J", "alpha_lambda_max")


def path_table(X, y, learning_rate: float, iterations: int, kind: str = "valley", **options):
    """Train as the window's training process does (the same trainer options, the plane reconsidered
    at the same marks) and give the plane the window shows at the end of the run, with one row per
    iteration 0 … ``iterations``: (iteration, s, t, distance off the plane, J, α·λ_max there) — the
    numbers the window draws, from the same functions. The iterates are replayed for the rows (the
    same arithmetic: bit for bit the same), so no state is kept per iteration."""
    from lrviz.core.trainer import GradientDescent  # noqa: PLC0415 (trainer imports planes, not this)

    def trainer():
        return GradientDescent(learning_rate, **trainer_options(X, 1, iterations), **options).start(
            X, y, n_iter=iterations)

    first, tracker = trainer(), BowlTracker(kind)
    tracker.mark(first)
    while first.n_iter_ < iterations and first.diverged_ is None:
        first.step(min(next_mark(first.n_iter_), iterations) - first.n_iter_)
        if is_mark(first.n_iter_):
            tracker.mark(first)
    projector = tracker.keeper.projector(first.data_)
    again, rows, curvature = trainer(), [], None
    for t in range(first.n_iter_ + 1):
        if t:
            again.step()
        s, tt, off = projector.coords(np.asarray(again.state_)[None], np.array([again.b_]))  # with the distance
        curvature = hessian_top(again.data_, again.logits_, again.y_, again.loss,
                                start=None if curvature is None else curvature.start)
        rows.append((t, s[0], tt[0], off[0], again.cost_, learning_rate * curvature.lambda_max))
    return tracker.plane, np.array(rows)
