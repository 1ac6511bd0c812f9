"""The model's maths: σ, the labels and accuracy it gives, and a trained model. The losses are
:mod:`lrviz.core.losses`' (one object each, in one registry)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lrviz.core.preprocess import Preprocessing


def sigmoid(z: np.ndarray) -> np.ndarray:
    """σ(z) = 1 / (1 + e^(−z)), accurate and overflow-free for any finite z."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


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

    def logits(self, images: np.ndarray, block: int = 256) -> np.ndarray:
        """z = wᵀx + b of uint8 images ``(m, H, W, C)`` or one image ``(H, W, C)``; made into
        features ``block`` images at a time (1,200 images' float64 features were 118 MB at once)."""
        images = np.asarray(images)
        if images.ndim == 3:
            return self.logits_of(self.preprocessing.transform(images, np.float64))
        return np.concatenate([self.logits_of(self.preprocessing.transform(images[a:a + block], np.float64))
                               for a in range(0, len(images), block)] or [np.empty(0)])

    def logits_of(self, X: np.ndarray) -> np.ndarray:
        """z of features already made (rows of X, as ``preprocessing.transform`` gives them)."""
        return np.asarray(X, dtype=np.float64) @ self.w + self.b

    def predict_proba(self, images: np.ndarray) -> np.ndarray:
        """P(positive class) for uint8 images ``(m, H, W, C)`` or one image ``(H, W, C)``."""
        return sigmoid(self.logits(images))

    def predict(self, images: np.ndarray) -> np.ndarray:
        return predict_labels(self.logits(images))

    def label(self, z: float) -> str:
        """The class name z stands for (the positive class where z > 0)."""
        return self.classes[int(predict_labels(z))]

    def contributions(self, image: np.ndarray) -> np.ndarray:
        """wᵢ·xᵢ for one image, in the image's shape: which pixels push towards the positive class."""
        return self.contributions_of(self.preprocessing.transform(image, np.float64)[0])

    def contributions_of(self, x: np.ndarray) -> np.ndarray:
        """wᵢ·xᵢ of one image's features ``x``, in the image's shape."""
        return (self.w * x).reshape(self.preprocessing.image_shape)
