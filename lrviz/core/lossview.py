"""Loss vs cost, as numbers: the two branches of the loss over ŷ ∈ (0, 1), and every training
example as a point (ŷᵢ, Lᵢ) on its branch. The cost J is the mean of the Lᵢ: "the loss is one
example, the cost is the average". Past ``MAX_DOTS`` examples (CIFAR-10: 50,000) the picture shows
a fixed random sample of them, while J and the mistakes still count every example.

Every function takes the loss by its registered name (:mod:`lrviz.core.losses`; the loss training
descends), so the picture is always the trained loss's: its curves, its points and its J. The
legend writes its branches as the loss does (:attr:`lrviz.core.losses.Loss.branches`)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from lrviz.core import losses, model


def loss_curves(loss: str = losses.DEFAULT, points: int = 400,
                edge: float = 1e-3) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """ŷ over (0, 1), and the loss L(ŷ, 1) (the branch for y = 1) and L(ŷ, 0) (for y = 0), computed
    by the loss itself from z = σ⁻¹(ŷ): −log ŷ and −log(1 − ŷ) for the cross-entropy."""
    y_hat = np.linspace(edge, 1 - edge, points)
    z = np.log(y_hat) - np.log1p(-y_hat)
    fn = losses.get(loss)
    return y_hat, fn.losses(z, np.ones(points)), fn.losses(z, np.zeros(points))


MAX_DOTS = 2000  # a scatter of 50,000 dots took ~330 ms a frame in the window; 2,000 take a few


@functools.lru_cache(maxsize=4)
def shown_examples(m: int, limit: int = MAX_DOTS) -> np.ndarray:
    """The examples the picture draws, in order: all of them up to ``limit``; beyond, the same
    random ``limit`` of them every time (seeded), so the dots move with training instead of jumping.
    Chosen once per size (1 ms at m = 50,000, for every frame otherwise); read-only, as it is shared."""
    i = np.arange(m) if m <= limit else np.sort(np.random.default_rng(0).choice(m, size=limit, replace=False))
    i.flags.writeable = False
    return i


@dataclass(frozen=True)
class LossPoints:
    index: np.ndarray     # which training examples are drawn (all, or a sample: shown_examples)
    y_hat: np.ndarray     # ŷᵢ = σ(zᵢ) of each drawn example
    loss: np.ndarray      # Lᵢ = L(ŷᵢ, yᵢ) of the loss asked for, from the logits (stable where ŷ rounds to 0 or 1)
    y: np.ndarray         # the labels, 0 or 1
    wrong: np.ndarray     # misclassified: ŷ on the wrong side of 0.5
    cost: float           # J = mean of the Lᵢ of every example, drawn or not
    mistakes: int         # misclassified examples, drawn or not
    total: int            # m, the number of training examples

    @property
    def sampled(self) -> bool:
        return len(self.index) < self.total


def loss_points(z: np.ndarray, y: np.ndarray, loss: str = losses.DEFAULT, limit: int = MAX_DOTS) -> LossPoints:
    """The drawn examples' (ŷ, L) from the logits z = wᵀx + b of every example, computed stably,
    with the loss ``loss``; the cost and the mistakes over all of them."""
    z = np.asarray(z, dtype=np.float64).ravel()
    y = np.asarray(y).ravel().astype(np.uint8)
    L = losses.get(loss).losses(z, y)
    wrong = model.predict_labels(z) != y
    i = shown_examples(len(z), limit)
    return LossPoints(i, model.sigmoid(z[i]), L[i], y[i], wrong[i], float(L.mean()) if len(L) else np.nan,
                      int(wrong.sum()), len(z))
