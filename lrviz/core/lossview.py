"""Loss vs cost, as numbers: the two branches of the loss over ŷ ∈ (0, 1), and every training
example as a point (ŷᵢ, Lᵢ) on its branch. The cost J is the mean of the Lᵢ: "the loss is one
example, the cost is the average"."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lrviz.core import model


def loss_curves(points: int = 400, edge: float = 1e-3) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """ŷ over (0, 1), and L = −log ŷ (the loss when y = 1) and L = −log(1 − ŷ) (when y = 0)."""
    y_hat = np.linspace(edge, 1 - edge, points)
    return y_hat, -np.log(y_hat), -np.log1p(-y_hat)


@dataclass(frozen=True)
class LossPoints:
    y_hat: np.ndarray     # ŷᵢ = σ(zᵢ) for every training example
    loss: np.ndarray      # Lᵢ = L(ŷᵢ, yᵢ), from the logits (exact even where ŷ rounds to 0 or 1)
    y: np.ndarray         # the labels, 0 or 1
    wrong: np.ndarray     # misclassified: ŷ on the wrong side of 0.5
    cost: float           # J = mean of the Lᵢ

    @property
    def mistakes(self) -> int:
        return int(self.wrong.sum())


def loss_points(z: np.ndarray, y: np.ndarray) -> LossPoints:
    """Each example's (ŷ, L) from its logit z = wᵀx + b, computed stably."""
    z = np.asarray(z, dtype=np.float64).ravel()
    y = np.asarray(y).ravel().astype(np.uint8)
    L = model.losses(z, y)
    return LossPoints(model.sigmoid(z), L, y, model.predict_labels(z) != y, float(L.mean()) if len(L) else np.nan)
