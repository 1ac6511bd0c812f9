"""The course's loss: L(ŷ, y) = −[y log ŷ + (1 − y) log(1 − ŷ)], from the logits.

For y ∈ {0, 1} it is log(1 + e^t) with t = −s·z, s = 2y − 1: no log(0), no overflow. In that margin
form its dz = a − y is s·(e^−L − 1), from the loss itself: the trainer's fast path and the race's fold
(:class:`lrviz.core.losses.base.Margin`). Its J is convex, so a plane has one lowest point or none.
"""

from __future__ import annotations

import numpy as np

from lrviz.core.blocks import GRID_CHUNK_BYTES, grid_blocks
from lrviz.core.errors import QT_TRANSLATE_NOOP
from lrviz.core.losses.base import Loss, Margin
from lrviz.core.model import sigmoid

_CHUNK = 100  # products of ≤ 127 factors in (1, 2] cannot overflow float32
_CHUNK64 = 1000  # nor products of ≤ 1023 such factors float64


def softplus(t: np.ndarray, out_t: np.ndarray | None = None) -> np.ndarray:
    """log(1 + e^t): the cross-entropy loss of an example with t = −s·z. As np.logaddexp(0, t)
    computes it (max(t, 0) + log1p(e^−|t|)), in numpy's vectorised exp and log1p: 2× faster on a
    race's (k × m) logits, equal to ~1 ulp. ``out_t``: t itself, if it may be overwritten."""
    L = np.abs(t)
    np.negative(L, out=L)
    np.exp(L, out=L)
    np.log1p(L, out=L)
    L += np.maximum(t, 0.0, out=out_t)
    return L


def signed_dz(L: np.ndarray) -> np.ndarray:
    """s·(a − y) = e^−L − 1 from the losses L = log(1 + e^t): σ is not computed again."""
    return np.expm1(-L)


def mean_losses(t: np.ndarray) -> np.ndarray:
    """Row means of log(1 + e^t) for a (k, m) array t, in float64, to ~1e-15 (absolute: a mean
    below ~1e-13 keeps few correct digits, which no picture of J can show).

    Each loss is max(t, 0) + log(1 + e^(−|t|)); the logs of up to ``_CHUNK64`` factors, each in
    (1, 2], are taken as one log of their product: ~2× faster than ``np.logaddexp`` at m = 209.
    """
    e = np.abs(t)
    np.negative(e, out=e)
    np.exp(e, out=e)
    e += 1.0
    logs = np.log(np.multiply.reduceat(e, np.arange(0, t.shape[-1], _CHUNK64), axis=-1)).sum(axis=-1)
    return (np.maximum(t, 0.0).sum(axis=-1) + logs) / t.shape[-1]


def _neg_sign(y: np.ndarray) -> np.ndarray:
    """−s = 1 − 2y (exactly ±1): each loss is log(1 + e^t) with t = −s·z."""
    return 1.0 - 2.0 * np.asarray(y, dtype=np.float64)


class CrossEntropy(Loss):
    name = "cross_entropy"
    label = QT_TRANSLATE_NOOP("Loss", "Cross-entropy (the course's)")
    surface_label = QT_TRANSLATE_NOOP("Loss", "J with the cross-entropy (what we train)")
    noun = QT_TRANSLATE_NOOP("Loss", "cross-entropy")
    formula = "−[y log ŷ + (1 − y) log(1 − ŷ)]"
    branches = ("−log ŷ", "−log(1 − ŷ)")
    dz_formula = "{a} − {y}"
    convex = True
    course = True
    margin = Margin(softplus, signed_dz)

    def losses(self, z, y):
        return np.logaddexp(0.0, _neg_sign(y) * np.asarray(z, dtype=np.float64))

    def dz(self, z, y):
        return sigmoid(z) - np.asarray(y, dtype=np.float64)

    def da(self, z, y):
        """−y/a + (1 − y)/(1 − a) from the logit, stable where a rounds to 0 or 1: −1/a = −(1 + e^(−z))
        for y = 1, 1/(1 − a) = 1 + e^z for y = 0."""
        z = np.asarray(z, dtype=np.float64)
        return np.where(np.asarray(y) == 1, -(1.0 + np.exp(np.minimum(-z, 700.0))), 1.0 + np.exp(np.minimum(z, 700.0)))

    def curvature(self, z, y):
        """a(1 − a), whatever the label: J's Hessian is positive semi-definite, J convex."""
        a = sigmoid(z)
        return a * (1.0 - a)

    def costs(self, Z, y):
        """The row means by :func:`mean_losses`: ~2× faster than the mean of :meth:`losses` (the 1-D
        pictures through the ball are computed at every update)."""
        return mean_losses(_neg_sign(y) * np.asarray(Z, dtype=np.float64))

    def grid(self, plane, s_values, t_values, max_bytes: int = GRID_CHUNK_BYTES):
        """The grid in float32 (accurate to ~1e-6), computed in blocks of at most ``max_bytes`` of
        working arrays: each loss is max(r, 0) + log(1 + e^(−|r|)); the sum of the max(r, 0) is
        (Σ r + Σ |r|) / 2, with Σ r linear in (s, t) (a pass less); and the logs of up to ``_CHUNK``
        factors are taken as one log of their product (one ``log`` per chunk instead of one per
        example: the slowest part otherwise). 101 × 101 on the course's 209 examples: ~9 ms."""
        m = plane.y.shape[0]
        sign = _neg_sign(plane.y)
        signed = [sign * v for v in (plane.z0, plane.p, plane.q)]
        a, sp, sq = (v.astype(np.float32) for v in signed)
        s = np.asarray(s_values, dtype=np.float32)
        t = np.asarray(t_values, dtype=np.float32)
        # Σ max(r, 0) = (Σ r + Σ |r|) / 2, and Σ r is linear in (s, t): one pass over the block fewer
        sums = [float(v.sum()) for v in signed]
        cuts = np.arange(0, m, _CHUNK)
        out = np.empty((s.shape[0], t.shape[0]))
        for rows, cols in grid_blocks(len(s), len(t), m, 4, max_bytes // 2):
            r = (a[None, :] + s[rows, None] * sp[None, :])[:, None, :] + (t[cols, None] * sq[None, :])[None, :, :]
            np.abs(r, out=r)
            total = r.sum(axis=-1).astype(np.float64)  # (pairwise in float32: ~1e-7 of it)
            total += sums[0] + s[rows, None].astype(np.float64) * sums[1] + t[None, cols].astype(np.float64) * sums[2]
            total *= 0.5
            np.negative(r, out=r)
            np.exp(r, out=r)
            r += 1.0
            total += np.log(np.multiply.reduceat(r, cuts, axis=-1)).sum(axis=-1, dtype=np.float64)
            out[rows, cols] = total
        return out / m
