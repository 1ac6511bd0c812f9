"""Which plane of parameter space the bowl shows, and for how long.

J lives over the n + 1 parameters θ = (w, b); the bowl draws it on a plane θₒ + s·u + t·v, with u
and v orthonormal. Which plane decides what the learner sees:

- ``"valley"`` (the default): u is the path's own direction — the straight line from where training
  began to where it is now, without its part along the steepest direction — and v the steepest
  direction at the current point (the top eigenvector of the Hessian, orthogonal to u by
  construction). With a large α gradient descent bounces across a narrow valley along v while it
  travels along u; both motions lie in this plane, through the start and the current point.
- ``"steepest"``: the two most curved directions through the current point (t the most curved:
  across the valley; s the next: along it), while the path has no direction of its own yet.
- ``"b"``: the direction w has moved (the first principal component of the w-path) × b.
- ``"pca"``: the path's first two principal components in θ (Li et al. 2018's trajectory plot).
- ``"exact"``: one weight and b — the plane is the whole parameter space.

A :class:`PlaneKeeper` keeps a plane while it holds the path's recent motion, and chooses anew
only when the share it holds falls below a threshold and a new plane would hold clearly more: the
picture stays comparable from frame to frame. Every computation here goes through the solver's
geometry (:mod:`lrviz.core.solvers`), so in the Gram form no w is ever formed for a path's point.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from lrviz.core.errors import QT_TRANSLATE_NOOP

KINDS = ("valley", "b", "pca")   # what a learner can ask for; "steepest" and "exact" come by themselves
SHARE_THRESHOLD = 0.8            # keep a plane while it holds at least this share of the recent motion
GAIN = 0.1                       # …or while a new plane would not hold this much more
WINDOW = 50                      # the recent motion: the last steps, at most this many
OWN_DIRECTION = 0.2              # of the path's squared travel, the share off the steepest direction that
#                                  makes a direction of its own (before, the path only bounces across)


# each kind of plane's two axes as (letter, words): the window shows the words translated (context
# "BowlPanel"), ``lrviz train --bowl-csv`` writes them in its header
AXES = {
    "valley": (("s", QT_TRANSLATE_NOOP("BowlPanel", "along the path")),
               ("t", QT_TRANSLATE_NOOP("BowlPanel", "across the valley"))),
    "steepest": (("s", QT_TRANSLATE_NOOP("BowlPanel", "along the valley")),
                 ("t", QT_TRANSLATE_NOOP("BowlPanel", "across the valley"))),
    "b": (("s", QT_TRANSLATE_NOOP("BowlPanel", "where w has moved")),
          ("b", QT_TRANSLATE_NOOP("BowlPanel", "the bias b"))),
    "pca": (("s", QT_TRANSLATE_NOOP("BowlPanel", "1st main direction")),
            ("t", QT_TRANSLATE_NOOP("BowlPanel", "2nd main direction"))),
    "exact": (("w", QT_TRANSLATE_NOOP("BowlPanel", "the weight w")),
              ("b", QT_TRANSLATE_NOOP("BowlPanel", "the bias b"))),
}


@dataclass(frozen=True)
class PathSample:
    """Points of a run's path: their iterations (increasing), the solver's states, b and J."""

    iterations: np.ndarray
    states: np.ndarray
    b: np.ndarray
    cost: np.ndarray

    def recent(self, window: int = WINDOW) -> PathSample:
        """The last points that follow each other one iteration at a time, at most window + 1."""
        it = np.asarray(self.iterations)
        gaps = np.flatnonzero(np.diff(it) != 1)
        first = max(int(gaps[-1]) + 1 if len(gaps) else 0, len(it) - window - 1)
        return PathSample(it[first:], self.states[first:], self.b[first:], self.cost[first:])


@dataclass(frozen=True, eq=False)
class PlaneSpec:
    """The plane θₒ + s·u + t·v: its origin (a point of the path, as the solver's state and b), its
    axes (2 × (n + 1), the rows u and v in θ = (w, b)), and how it came to be chosen."""

    kind: str
    origin_state: np.ndarray
    origin_b: float
    axes: np.ndarray
    chosen_at: int = 0
    reason: str = "start"      # "start", "own" (the path found a direction), "turned" (it left the last
    #                            plane), "asked" (the learner chose a kind), "exact"
    share: float = 1.0         # of the recent motion, the share this plane held when chosen
    number: int = 1            # a new plane, a new number: the views ease from one to the next

    @property
    def exact(self) -> bool:
        return self.kind == "exact"


class Projector:
    """Plane coordinates (s, t) of a run's points and their distance off the plane, bound to the
    solver that holds the run's data (in the Gram form a point costs O(m), not a pass over X)."""

    def __init__(self, spec: PlaneSpec, solver):
        self.spec, self.solver = spec, solver
        self._pulled = solver.pull(spec.axes[:, :-1])

    def coords(self, states: np.ndarray, b: np.ndarray, distance: bool = True):
        """(s, t, distance off the plane) of each point; with ``distance=False`` only (s, t, None):
        the distance is an m × m product a point in the Gram form, s and t O(m)."""
        spec = self.spec
        D = np.atleast_2d(states).astype(np.float64) - spec.origin_state
        db = np.atleast_1d(np.asarray(b, dtype=np.float64)) - spec.origin_b
        st = D @ self._pulled + db[:, None] * spec.axes[:, -1]
        if not distance:
            return st[:, 0], st[:, 1], None
        total = self.solver.sqnorms(D) + db * db
        off = np.sqrt(np.maximum(total - np.einsum("ij,ij->i", st, st), 0.0))
        return st[:, 0], st[:, 1], off


def motion_share(projector: Projector, path: PathSample) -> float:
    """Of the squared length of the path's steps (consecutive points), the share in the plane."""
    if len(path.iterations) < 2:
        return 1.0
    s, t, _ = projector.coords(path.states, path.b, distance=False)
    D = np.diff(np.asarray(path.states, dtype=np.float64), axis=0)
    total = float(np.sum(projector.solver.sqnorms(D)) + np.sum(np.diff(path.b) ** 2))
    inside = float(np.sum(np.diff(s) ** 2) + np.sum(np.diff(t) ** 2))
    return min(inside / total, 1.0) if total > 0 else 1.0


def held_share(projector: Projector, path: PathSample) -> float:
    """The share of the plane in the path now: the smaller of its share of the recent steps
    (:func:`motion_share`) and its share of where the last point is, seen from the plane's origin
    (a bounce along the plane can hide a slow drift off it)."""
    s, t, off = projector.coords(path.states[-1:], path.b[-1:])
    inside = float(s[0] ** 2 + t[0] ** 2)
    where = inside / (inside + float(off[0]) ** 2) if inside + float(off[0]) ** 2 > 0 else 1.0
    return min(motion_share(projector, path), where)


def _unit(v: np.ndarray) -> np.ndarray | None:
    norm = float(np.linalg.norm(v))
    return v / norm if norm > 0 and np.isfinite(norm) else None


def _displacements(solver, path: PathSample) -> tuple[np.ndarray, np.ndarray]:
    """The path's points from its first, as state displacements and b displacements."""
    states = np.asarray(path.states, dtype=np.float64)
    return states - states[0], np.asarray(path.b, dtype=np.float64) - float(path.b[0])


def _theta(solver, coefficients: np.ndarray, D: np.ndarray, dB: np.ndarray) -> np.ndarray:
    """Σᵢ cᵢ·(θᵢ − θ₀) as a vector in θ = (w, b)."""
    return np.append(solver.combine(coefficients, D), coefficients @ dB)


def _origin(path: PathSample) -> dict:
    return dict(origin_state=np.asarray(path.states[0], dtype=np.float64), origin_b=float(path.b[0]))


def _oriented(v: np.ndarray, along: np.ndarray | None = None) -> np.ndarray:
    """v with a sign that does not flip from one computation to the next: pointing along ``along``
    where that is given and not orthogonal, else with its largest entry positive."""
    if along is not None and abs(float(v @ along)) > 1e-12 * float(np.linalg.norm(along)):
        return v if v @ along > 0 else -v
    return v if v[np.argmax(np.abs(v))] > 0 else -v


def steepest_plane(path: PathSample, curvature, at: int | None = None) -> PlaneSpec:
    """v₂ × v₁ through the path's last point: t is the steepest direction, as in the valley plane
    that follows, and s the next most curved."""
    v1, v2 = curvature.directions()[:2]
    v2 = _unit(v2 - (v2 @ v1) * v1)
    v1 = _oriented(v1)
    v2 = _oriented(v2) if v2 is not None else np.eye(len(v1))[-1]
    last = PathSample(path.iterations[-1:], path.states[-1:], path.b[-1:], path.cost[-1:])
    return PlaneSpec("steepest", axes=np.stack([v2, v1]), chosen_at=int(path.iterations[-1] if at is None else at),
                     **_origin(last))


def valley_plane(solver, path: PathSample, curvature, others: tuple[PathSample, ...] = ()) -> PlaneSpec | None:
    """The path's own direction × the steepest direction, through the start and the last point;
    None while the path has no direction of its own (it has only moved along the steepest one)."""
    chords = []
    for p in (path, *others):
        D, dB = _displacements(solver, p)
        chords.append(_theta(solver, np.eye(len(D))[-1], D, dB))
    v1 = curvature.directions()[0]
    chords = np.array(chords)
    across = chords - np.outer(chords @ v1, v1)
    total = float(np.sum(chords * chords))
    if not total > 0 or float(np.sum(across * across)) < OWN_DIRECTION * total:
        return None
    # one run: its own chord; a race: the chords' main direction
    u = across[0] if len(across) == 1 else np.linalg.svd(across, full_matrices=False)[2][0]
    u = _unit(_oriented(u, across.sum(axis=0)))
    v = _oriented(v1, chords[0])
    return PlaneSpec("valley", axes=np.stack([u, v]), chosen_at=int(path.iterations[-1]), **_origin(path))


def _principal(solver, paths: tuple[PathSample, ...], count: int, w_only: bool) -> list[np.ndarray]:
    """The first ``count`` principal components of the paths' points (all runs' together), as unit
    vectors in θ (with no b part when ``w_only``), oriented along the first path's travel."""
    parts = [_displacements(solver, p) for p in paths]
    D = np.vstack([d for d, _ in parts])
    dB = np.zeros(len(D)) if w_only else np.concatenate([b for _, b in parts])
    G = solver.gram_of(D) + np.outer(dB, dB)
    k = len(D)
    centre = np.eye(k) - 1.0 / k
    evals, evecs = np.linalg.eigh(centre @ G @ centre)
    travel = _theta(solver, np.eye(k)[len(parts[0][0]) - 1], D, dB)
    out = []
    for j in range(1, count + 1):
        if evals[-j] <= 1e-12 * max(evals[-1], 1e-300):
            break
        c = centre @ evecs[:, -j]  # Σᵢ eᵢ(θᵢ − θ̄)
        v = _theta(solver, c, D, dB)
        for prev in out:
            v = v - (v @ prev) * prev
        v = _unit(v)
        if v is None:
            break
        out.append(_oriented(v, travel))
    return out


def b_plane(solver, path: PathSample, others: tuple[PathSample, ...] = ()) -> PlaneSpec | None:
    """The direction w has moved (the w-path's first principal component) × b, through the start."""
    pcs = _principal(solver, (path, *others), 1, w_only=True)
    if not pcs:
        return None
    b_axis = np.zeros_like(pcs[0])
    b_axis[-1] = 1.0
    return PlaneSpec("b", axes=np.stack([pcs[0], b_axis]), chosen_at=int(path.iterations[-1]), **_origin(path))


def pca_plane(solver, path: PathSample, others: tuple[PathSample, ...] = ()) -> PlaneSpec | None:
    """The path's first two principal components in θ, through the start (Li et al. 2018)."""
    if len(path.iterations) < 3:
        return None
    pcs = _principal(solver, (path, *others), 2, w_only=False)
    if len(pcs) < 2:
        return None
    return PlaneSpec("pca", axes=np.stack(pcs), chosen_at=int(path.iterations[-1]), **_origin(path))


def exact_plane(path: PathSample) -> PlaneSpec:
    """One weight: (w, b) itself, through θ = 0 (the run's start when it started at w = 0, b = 0)."""
    state = np.zeros_like(np.asarray(path.states[0], dtype=np.float64))
    return PlaneSpec("exact", origin_state=state, origin_b=0.0, axes=np.eye(2), chosen_at=int(path.iterations[-1]),
                     reason="exact")


def choose_plane(kind: str, solver, path: PathSample, curvature, others: tuple[PathSample, ...] = (),
                 n_weights: int | None = None) -> PlaneSpec:
    """A plane of ``kind`` for this path now; where the path cannot give one yet (no direction of
    its own, or too few points for principal components), the two most curved directions.
    ``curvature``: a function giving the Hessian's Curvature at the path's last point."""
    if n_weights == 1:
        return exact_plane(path)
    choosers = {"valley": lambda: valley_plane(solver, path, curvature(), others),
                "b": lambda: b_plane(solver, path, others),
                "pca": lambda: pca_plane(solver, path, others)}
    if kind not in choosers:
        raise ValueError(f"plane must be one of {', '.join(KINDS)}, got {kind!r}")
    return choosers[kind]() or steepest_plane(path, curvature())


class PlaneKeeper:
    """Chooses the bowl's plane and keeps it while the path stays in it.

    Parameters (scikit-learn's habit): ``kind`` (one of :data:`KINDS`), ``threshold`` (the share
    of the path held (:func:`held_share`) below which a plane may be replaced), ``gain`` (how much more a new plane
    must hold), ``window`` (how many recent steps). After :meth:`update`, ``plane_`` is the plane,
    ``share_`` the share of the recent motion it holds, ``changed_`` whether this update chose it.
    Driven at the same iterations, it chooses the same planes: the window and ``lrviz train
    --bowl-csv`` show the same one.
    """

    def __init__(self, kind: str = "valley", threshold: float = SHARE_THRESHOLD, gain: float = GAIN,
                 window: int = WINDOW):
        if kind not in KINDS:
            raise ValueError(f"plane must be one of {', '.join(KINDS)}, got {kind!r}")
        self.kind, self.threshold, self.gain, self.window = kind, threshold, gain, window
        self.plane_: PlaneSpec | None = None
        self.share_ = 1.0
        self.changed_ = False
        self._projector: Projector | None = None
        self._asked = False
        self._count = 0

    def ask(self, kind: str) -> None:
        """The learner chose another kind: the next update chooses a plane of it."""
        if kind not in KINDS:
            raise ValueError(f"plane must be one of {', '.join(KINDS)}, got {kind!r}")
        self.kind, self._asked = kind, True

    def reset(self) -> None:
        """A new run: the next update chooses from scratch, numbering its planes from 1 as a new keeper
        does (the window's run after a reset or a load names its planes as ``lrviz train`` does)."""
        self.plane_, self._projector, self.share_ = None, None, 1.0
        self._count = 0

    def projector(self, solver) -> Projector:
        if self._projector is None or self._projector.solver is not solver:
            self._projector = Projector(self.plane_, solver)
        return self._projector

    def update(self, solver, path, curvature, others: tuple[PathSample, ...] = (),
               n_weights: int | None = None, recent: PathSample | None = None) -> PlaneSpec:
        """The plane for the path as it is now. ``path``: the path (a PathSample, or a function giving
        one, called only when a plane is to be chosen: forming it stacks every state kept);
        ``recent``: its last steps (by default taken from the path); ``curvature``: a function giving
        the Hessian's :class:`lrviz.core.curvature.Curvature` at the path's last point, called only
        when a plane is to be chosen (it costs a few passes over X)."""
        self.changed_ = False
        measured, sampled = [], []

        def measure():
            if not measured:
                measured.append(curvature())
            return measured[0]

        def whole() -> PathSample:
            if not sampled:
                sampled.append(path() if callable(path) else path)
            return sampled[0]

        recent = whole().recent(self.window) if recent is None else recent
        if self.plane_ is None or self._asked:
            reason = "asked" if self._asked and self.plane_ is not None else "start"
            self._adopt(choose_plane(self.kind, solver, whole(), measure, others, n_weights), solver, recent, reason)
            self._asked = False
            return self.plane_
        if self.plane_.exact:
            return self.plane_
        self.share_ = held_share(self.projector(solver), recent)
        if self.plane_.kind == "steepest":  # no direction of its own yet: take one as soon as it has
            candidate = choose_plane(self.kind, solver, whole(), measure, others, n_weights)
            if candidate.kind != "steepest":
                self._adopt(candidate, solver, recent, "own")
            return self.plane_
        if self.share_ < self.threshold:
            candidate = choose_plane(self.kind, solver, whole(), measure, others, n_weights)
            held = held_share(Projector(candidate, solver), recent)
            if held >= self.share_ + self.gain:
                self._adopt(candidate, solver, recent, "turned", held)
        return self.plane_

    def _adopt(self, plane: PlaneSpec, solver, recent: PathSample, reason: str, share: float | None = None) -> None:
        self._count += 1
        self.plane_ = plane
        self._projector = Projector(plane, solver)
        self.share_ = held_share(self._projector, recent) if share is None else share
        self.plane_ = replace(plane, reason="exact" if plane.exact else reason, share=self.share_,
                              number=self._count)
        self._projector = Projector(self.plane_, solver)
        self.changed_ = True
