"""The lecture's first guess: L(ŷ, y) = ½(ŷ − y)², ŷ = σ(z). Its J is not convex: on a slice it has
flat plateaus where σ saturates and walls that curve the wrong way, so gradient descent can stall —
the reason logistic regression uses the cross-entropy. lrviz trains on it and draws it to show that."""

from __future__ import annotations

import numpy as np

from lrviz.core.errors import QT_TRANSLATE_NOOP
from lrviz.core.losses.base import Loss
from lrviz.core.model import sigmoid


def _sigmoid(z: np.ndarray) -> np.ndarray:
    """σ(z) = ½(1 + tanh(z/2)): one ufunc, no overflow (a grid's (k × m) logits at a time)."""
    return 0.5 * (1.0 + np.tanh(0.5 * z))


class SquaredError(Loss):
    name = "squared_error"
    label = QT_TRANSLATE_NOOP("Loss", "Squared error ½(ŷ − y)²")
    surface_label = QT_TRANSLATE_NOOP("Loss", "J with the squared error (the first guess)")
    noun = QT_TRANSLATE_NOOP("Loss", "squared error")
    formula = "½(ŷ − y)²"
    branches = ("½(1 − ŷ)²", "½ŷ²")
    dz_formula = "({a} − {y})·{a}·(1 − {a})"
    convex = False
    view_scale = 3.0  # its plateaus lie where σ saturates, beyond the stretch the descent travels
    title = QT_TRANSLATE_NOOP("Loss", "Squared-error cost J = (1/m) Σ ½(ŷ − y)² on the same slice")
    lesson = QT_TRANSLATE_NOOP("Loss", "The first guess, ½(ŷ − y)², on the same slice: look for flat plateaus and "
                               "sides that curve the wrong way — not one round bowl, so gradient descent can stall. "
                               "That is why logistic regression uses the cross-entropy. (The arrow is the step "
                               "training takes, on the {loss}.)")

    def losses(self, z, y):
        return 0.5 * (sigmoid(z) - np.asarray(y, dtype=np.float64)) ** 2

    def dz(self, z, y):
        a = sigmoid(z)
        return (a - np.asarray(y, dtype=np.float64)) * a * (1.0 - a)

    def da(self, z, y):
        return sigmoid(z) - np.asarray(y, dtype=np.float64)

    def curvature(self, z, y):
        """The derivative of dz = (a − y)·a(1 − a): a(1 − a)·(a(1 − a) + (a − y)(1 − 2a)), negative in
        places (where the cost curves the wrong way)."""
        a = sigmoid(z)
        g = a * (1.0 - a)
        return g * (g + (a - np.asarray(y, dtype=np.float64)) * (1.0 - 2.0 * a))

    def costs(self, Z, y):
        a = _sigmoid(np.asarray(Z, dtype=np.float64))
        return 0.5 * np.mean((a - np.asarray(y, dtype=np.float64)) ** 2, axis=-1)
