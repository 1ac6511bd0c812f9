"""The numbers behind the lecture's formulas for one training example at one iteration."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lrviz.core import losses, model


@dataclass(frozen=True)
class StepDetail:
    iteration: int
    example: int          # i: which training example
    n: int                # features: x⁽ⁱ⁾ is n × 1, X is n × m
    m: int                # training examples
    y: int
    z: float              # z = wᵀx + b
    y_hat: float          # ŷ = σ(z)
    loss: float           # L(ŷ, y)
    cost: float           # J(w, b) = (1/m) Σ L
    w_norm: float
    b: float
    dw_norm: float        # ‖dw‖, dw = (1/m) X (A − Y)ᵀ
    db: float             # db = (1/m) Σ (A − Y)
    lr: float             # this step's α
    w_next_norm: float    # ‖w − α·dw‖
    b_next: float         # b − α·db
    # backward, for this one example (the computation graph, right to left)
    da: float = float("nan")        # dL/da (the cross-entropy's −y/a + (1 − y)/(1 − a))
    dz: float = float("nan")        # dL/dz (the cross-entropy's a − y)
    dw_example_norm: float = float("nan")  # ‖x⁽ⁱ⁾·dz‖: this example's share of dw, before the 1/m
    dw_example: np.ndarray | None = None   # x⁽ⁱ⁾·dz (n,), float32: shown as an image
    loss_name: str = losses.DEFAULT        # the loss (lrviz.core.losses): its formulas show these numbers


def step_detail(iteration: int, example: int, X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float,
                cost: float, dw: np.ndarray, db: float, lr: float, loss: str = losses.DEFAULT) -> StepDetail:
    """``X`` holds the training features as rows (m × n), as the trainer does; ``loss`` is the name
    of the one training descends (the cost and the gradient given are of it)."""
    x = np.asarray(X[example], dtype=np.float64)
    z = float(x @ w + b)
    label = int(y[example])
    a = float(model.sigmoid(z))
    fn, zs, ys = losses.get(loss), np.array([z]), np.array([label])
    da, dz = float(fn.da(zs, ys)[0]), float(fn.dz(zs, ys)[0])
    dw_example = x * dz
    return StepDetail(iteration, example, X.shape[1], X.shape[0], label, z, a, float(fn.losses(zs, ys)[0]), float(cost),
                      float(np.linalg.norm(w)), float(b), float(np.linalg.norm(dw)), float(db), float(lr),
                      float(np.linalg.norm(w - lr * dw)), float(b - lr * db),
                      float(da), float(dz), float(np.linalg.norm(dw_example)), dw_example.astype(np.float32), loss)
