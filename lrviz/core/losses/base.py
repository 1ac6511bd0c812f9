"""What a loss is to every part of lrviz: one object holding its numbers and its words.

A loss L(ŷ, y) of logistic regression, ŷ = σ(z), is computed here from the logits z (stable where ŷ
rounds to 0 or 1). The trainer needs its losses and dL/dz; the bowl its J on a plane, whether J is
convex (a lowest point to claim) and d²L/dz² (λ_max); the computation graph dL/da and dL/dz; loss vs
cost its two branches; the window's menus and the command line its name and words. Each of them asks
the registry (:mod:`lrviz.core.losses`) for the loss by name, so that a new loss is one module and
nothing else — before, the name was compared in some fifteen files, and a third loss would have
trained with one loss's values and the other's gradient.

Words shown to the user are marked with ``QT_TRANSLATE_NOOP`` in the context :data:`CONTEXT` (the
window translates them where it shows them); formulas are never translated.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from lrviz.core.blocks import GRID_CHUNK_BYTES, grid_blocks

CONTEXT = "Loss"  # the translation context of every loss's words
REQUIRED = ("name", "label", "surface_label", "noun", "formula", "branches", "dz_formula", "convex")


@dataclass(frozen=True)
class Margin:
    """A loss written in the margin t = −s·z, with s = 2y − 1 = ±1: L = ``losses(t)``, and
    s·dL/dz = ``signed_dz(L)``, from the losses themselves (σ is not computed again).

    A capability, not a requirement: with it the trainer computes an iteration's losses and dz in
    a few vectorised passes, and a race folds the labels' signs into its own Gram matrix
    (:meth:`lrviz.core.race.Race._folded`, one product an iteration). The course's table stays exact
    and the course's run fast because the cross-entropy has one."""

    losses: Callable[..., np.ndarray]              # (t, out_t=None) → L; out_t: t itself, if it may be overwritten
    signed_dz: Callable[[np.ndarray], np.ndarray]  # L → s·dL/dz


class Loss(ABC):
    """One loss: subclass it with the class attributes below and the four derivatives, then
    :func:`lrviz.core.losses.register` an instance. Every method is vectorised: z may be (m,) or a
    stack of runs' or grid points' logits (k × m), y (m,) of 0s and 1s broadcast along the last axis."""

    name: str                  # the registry's key: `lrviz train --loss NAME`, what the window sends
    label: str                 # the Training panel's "Loss L" menu
    surface_label: str         # the bowl's surface menu: "J with …"
    noun: str                  # the loss in a few words, as a sentence or a legend names it: "squared error"
    formula: str               # the right side of L(ŷ, y) = …
    branches: tuple[str, str]  # L(ŷ, 1) and L(ŷ, 0) as loss vs cost's legend writes them
    dz_formula: str            # dL/dz with {a} for ŷ and {y} for y (see dz_text)
    convex: bool               # J is convex in (w, b): a plane has one lowest point, or none
    course: bool = False       # the course's own loss: the lessons' words are written for it; any other is
    #                            named where its numbers are shown (the J axis, the formulas, a legend)
    view_scale: float = 1.0    # the bowl's view spans this many times the framed range (the squared error's
    #                            plateaus lie beyond the stretch the descent travels)
    title: str | None = None   # the bowl's title while this J is drawn (None: the plane's own title)
    lesson: str | None = None  # the bowl's blue box while this J is drawn ({loss}: the trained loss's noun)
    margin: Margin | None = None  # the fast paths' capability (see Margin)

    @abstractmethod
    def losses(self, z: np.ndarray, y: np.ndarray) -> np.ndarray:
        """L(σ(z), y) of each example."""

    @abstractmethod
    def dz(self, z: np.ndarray, y: np.ndarray) -> np.ndarray:
        """dL/dz of each example: what backpropagation hands to dw = (1/m)·X·dzᵀ and db."""

    @abstractmethod
    def da(self, z: np.ndarray, y: np.ndarray) -> np.ndarray:
        """dL/da of each example, a = σ(z): the computation graph's first step back."""

    @abstractmethod
    def curvature(self, z: np.ndarray, y: np.ndarray) -> np.ndarray:
        """d²L/dz² of each example: the Hessian of J is (1/m)·X̃ᵀ·diag(this)·X̃ (λ_max, the view's walls)."""

    def costs(self, Z: np.ndarray, y: np.ndarray) -> np.ndarray:
        """J = (1/m) Σ L of each row of logits Z (k × m), in float64 (a loss may compute it faster)."""
        return np.mean(self.losses(Z, y), axis=-1)

    def cost(self, z: np.ndarray, y: np.ndarray) -> float:
        """J = (1/m) Σ L(ŷ⁽ⁱ⁾, y⁽ⁱ⁾) of one point's logits z (NaN for no examples)."""
        return float(self.costs(np.asarray(z, dtype=np.float64), y)) if np.size(z) else math.nan

    def grid(self, plane, s_values: np.ndarray, t_values: np.ndarray,
             max_bytes: int = GRID_CHUNK_BYTES) -> np.ndarray:
        """``J[i, j]`` at (s_values[i], t_values[j]) of a :class:`lrviz.core.surface.Plane`, whose
        logits there are z₀ + s·p + t·q: the logits of a block of grid points at a time (at most
        ``max_bytes`` of working arrays), then their :meth:`costs`. O(m) a point, no pass over X."""
        s = np.asarray(s_values, dtype=np.float64)
        t = np.asarray(t_values, dtype=np.float64)
        m = len(plane.y)
        out = np.empty((len(s), len(t)))
        for rows, cols in grid_blocks(len(s), len(t), m, 8, max_bytes // 4):  # the logits and costs()'s temporaries
            Z = (plane.z0[None, :] + s[rows, None] * plane.p[None, :])[:, None, :] + \
                t[None, cols, None] * plane.q[None, None, :]
            out[rows, cols] = self.costs(Z.reshape(-1, m), plane.y).reshape(Z.shape[:2])
        return out

    def dz_text(self, a: str = "a", y: str = "y") -> str:
        """dL/dz written with ``a`` for ŷ and ``y`` for the label: "a − y", or for all m at once
        ``dz_text("A", "Y")``."""
        return self.dz_formula.format(a=a, y=y)

    def __repr__(self) -> str:
        return f"<loss {self.name}>"
