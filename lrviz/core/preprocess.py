"""Images -> feature vectors: the one function used for training images and for any single image.

Pixel order is the course's ``images.reshape(m, -1)`` (row, column, channel). Features are
``pixels / 255`` by default; ``scale="standardize"`` also centres and scales each feature with the
training set's mean and standard deviation (learned by :meth:`Preprocessing.fit`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lrviz.core.errors import DataError

SCALES = ("255", "standardize")
_MIN_STD = 1.0 / 255.0  # a pixel constant over the training set is not blown up


@dataclass(frozen=True, eq=False)
class Preprocessing:
    """How an image of ``image_shape`` (H, W, C) becomes the model's input vector."""

    image_shape: tuple[int, int, int]
    scale: str = "255"
    mean: np.ndarray | None = None
    std: np.ndarray | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "image_shape", tuple(int(v) for v in self.image_shape))
        if self.scale not in SCALES:
            raise ValueError(f"scale must be one of {SCALES}, got {self.scale!r}")
        if self.scale == "standardize":
            for name in ("mean", "std"):
                value = getattr(self, name)
                if value is None or np.shape(value) != (self.n_features,):
                    raise ValueError(f"standardize needs a {name} of {self.n_features} values")
                if not np.all(np.isfinite(value)):
                    raise ValueError(f"the {name} holds nan or inf")
            if np.any(np.asarray(self.std) <= 0):
                raise ValueError("the std must be positive: features are divided by it")

    @property
    def n_features(self) -> int:
        return int(np.prod(self.image_shape))

    @classmethod
    def fit(cls, images: np.ndarray, scale: str = "255") -> Preprocessing:
        """Learn what ``scale`` needs from training images ``(m, H, W, C)``."""
        shape = images.shape[1:]
        if scale != "standardize":
            return cls(shape, scale)
        x = images.reshape(images.shape[0], -1).astype(np.float64) / 255.0
        return cls(shape, scale, mean=x.mean(axis=0), std=np.maximum(x.std(axis=0), _MIN_STD))

    def transform(self, images: np.ndarray, dtype: np.dtype | type = np.float32,
                  out: np.ndarray | None = None) -> np.ndarray:
        """uint8 images ``(m, H, W, C)`` or one image ``(H, W, C)`` -> features ``(m, n)``; into
        ``out`` (m × n, of ``dtype``) if given, e.g. shared memory: no other copy is made."""
        images = np.asarray(images)
        if images.shape == self.image_shape:
            images = images[np.newaxis]
        if images.shape[1:] != self.image_shape:
            h, w, c = self.image_shape
            raise DataError("image", f"is {'×'.join(map(str, images.shape[1:]))}, "
                                     f"the model expects {h}×{w}×{c}")
        flat = images.reshape(images.shape[0], self.n_features)  # (0, n) too: a set with no test images
        if out is None:
            x = flat.astype(dtype)
        else:
            if out.shape != flat.shape or out.dtype != np.dtype(dtype):
                raise ValueError(f"out must be {np.dtype(dtype)} {flat.shape}, got {out.dtype} {out.shape}")
            x = out
            x[...] = flat
        x /= 255.0
        if self.scale == "standardize":
            x -= self.mean.astype(dtype)
            x /= self.std.astype(dtype)
        return x


def picture(values: np.ndarray, shape: tuple[int, int, int], channel: int | None = None) -> np.ndarray:
    """One value per feature (the weights w, or one image's wᵢ·xᵢ) as the picture it belongs to:
    an (H, W) array, the colour channels summed (or only ``channel``). Values that are not one per
    pixel of ``shape`` (a toy model's single weight) come back as one row."""
    values = np.asarray(values)
    if values.size != int(np.prod(shape)):
        return values.reshape(1, -1)
    image = values.reshape(shape)
    return image.sum(axis=2) if channel is None else image[:, :, channel]
