"""The model's maths: σ, the loss from logits (stable at any size), and a trained model."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lrviz.core.preprocess import Preprocessing


def sigmoid(z: np.ndarray) -> np.ndarray:
    """σ(z) = 1 / (1 + e^(−z)), accurate and overflow-free for any finite z."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def losses(z: np.ndarray, y: np.ndarray) -> np.ndarray:
    """L(ŷ, y) = −[y log ŷ + (1 − y) log(1 − ŷ)] with ŷ = σ(z), computed from the logits z.

    For y ∈ {0, 1} this is log(1 + e^(−s·z)) with s = 2y − 1: no log(0), no overflow.
    """
    s = 2.0 * np.asarray(y, dtype=np.float64) - 1.0
    return np.logaddexp(0.0, -s * np.asarray(z, dtype=np.float64))


def squared_error_losses(z: np.ndarray, y: np.ndarray) -> np.ndarray:
    """½(ŷ − y)² with ŷ = σ(z): the "first guess" loss the lecture rejects (its cost is not convex)."""
    return 0.5 * (sigmoid(z) - np.asarray(y, dtype=np.float64)) ** 2


LOSSES = {"cross_entropy": losses, "squared_error": squared_error_losses}


def cost(z: np.ndarray, y: np.ndarray, loss: str = "cross_entropy") -> float:
    """J = (1/m) Σ L(ŷ⁽ⁱ⁾, y⁽ⁱ⁾)."""
    return float(costs(z, y, loss)) if np.size(z) else float("nan")


def costs(Z: np.ndarray, y: np.ndarray, loss: str = "cross_entropy") -> np.ndarray:
    """:func:`cost` of each row of logits Z (k × m): several runs at once."""
    return np.mean(LOSSES[loss](Z, y), axis=-1)


def dz_of(z: np.ndarray, y: np.ndarray, loss: str = "cross_entropy") -> np.ndarray:
    """dL/dz per example: a − y for the cross-entropy; (a − y)·a·(1 − a) for ½(a − y)²."""
    a = sigmoid(z)
    y = np.asarray(y, dtype=np.float64)
    return a - y if loss == "cross_entropy" else (a - y) * a * (1.0 - a)


def predict_labels(z: np.ndarray) -> np.ndarray:
    """1 where σ(z) > 0.5, i.e. where z > 0."""
    return (np.asarray(z) > 0).astype(np.uint8)


def accuracy_percent(z: np.ndarray, y: np.ndarray) -> float:
    """Accuracy in percent, computed as the course prints it: 100 − mean(|ŷ − y|)·100."""
    return float(accuracies_percent(z, y)) if np.size(y) else float("nan")


def accuracies_percent(Z: np.ndarray, y: np.ndarray) -> np.ndarray:
    """:func:`accuracy_percent` of each row of logits Z (k × m): several runs at once."""
    return 100 - np.mean(np.abs(predict_labels(Z).astype(np.float64) - y), axis=-1) * 100


@dataclass(frozen=True, eq=False)
class LogisticModel:
    """A trained model: ŷ = σ(wᵀx + b) on images preprocessed by ``preprocessing``."""

    w: np.ndarray
    b: float
    preprocessing: Preprocessing
    classes: tuple[str, str] = ("non-cat", "cat")

    def __post_init__(self) -> None:
        object.__setattr__(self, "w", np.asarray(self.w, dtype=np.float64).ravel())
        object.__setattr__(self, "b", float(self.b))
        if self.w.shape[0] != self.preprocessing.n_features:
            h, w, c = self.preprocessing.image_shape
            raise ValueError(f"w has {self.w.shape[0]} values but a {h}×{w}×{c} image gives "
                             f"{self.preprocessing.n_features} features")

    def logits(self, images: np.ndarray) -> np.ndarray:
        return self.preprocessing.transform(images, np.float64) @ self.w + self.b

    def predict_proba(self, images: np.ndarray) -> np.ndarray:
        """P(positive class) for uint8 images ``(m, H, W, C)`` or one image ``(H, W, C)``."""
        return sigmoid(self.logits(images))

    def predict(self, images: np.ndarray) -> np.ndarray:
        return predict_labels(self.logits(images))

    def contributions(self, image: np.ndarray) -> np.ndarray:
        """wᵢ·xᵢ for one image, in the image's shape: which pixels push towards the positive class."""
        x = self.preprocessing.transform(image, np.float64)[0]
        return (self.w * x).reshape(self.preprocessing.image_shape)
