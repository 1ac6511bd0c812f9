""""No for loop over the data set": one gradient-descent iteration written three ways, as the
lecture develops it, and a harness that times each on the learner's own data.

All three compute the same J, dw and db (tests check it). X holds the examples as rows (m × n),
as the trainer does; the lecture's X is its transpose (n × m).
"""

from __future__ import annotations

import inspect
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


def two_loops(X, y, w, b):
    m, n = X.shape
    J, dw, db = 0.0, [0.0] * n, 0.0
    for i in range(m):                       # over the examples
        z = b
        for j in range(n):                   # over the features
            z += w[j] * X[i, j]
        a = 1 / (1 + math.exp(-z))
        J += -(y[i] * math.log(a) + (1 - y[i]) * math.log(1 - a))
        dz = a - y[i]
        for j in range(n):
            dw[j] += X[i, j] * dz
        db += dz
    return J / m, np.array(dw) / m, db / m


def one_loop(X, y, w, b):
    m, n = X.shape
    J, dw, db = 0.0, np.zeros(n), 0.0
    for i in range(m):                       # over the examples only
        z = X[i] @ w + b
        a = 1 / (1 + math.exp(-z))
        J += -(y[i] * math.log(a) + (1 - y[i]) * math.log(1 - a))
        dz = a - y[i]
        dw += X[i] * dz                      # the feature loop, vectorised
        db += dz
    return J / m, dw / m, db / m


def vectorised(X, y, w, b):
    m = X.shape[0]
    A = 1 / (1 + np.exp(-(X @ w + b)))       # all m examples at once
    J = -np.mean(y * np.log(A) + (1 - y) * np.log(1 - A))
    dZ = A - y
    return J, X.T @ dZ / m, dZ.mean()


WAYS: dict[str, Callable] = {"two loops": two_loops, "one loop": one_loop, "vectorised": vectorised}


def code_of(fn: Callable) -> str:
    """The function's own source: what the learner reads is exactly what was timed."""
    return inspect.getsource(fn)


@dataclass(frozen=True)
class Timing:
    name: str
    seconds: float         # one full iteration over all m examples
    examples_timed: int    # how many examples the measurement covered (then scaled to m)
    m: int

    @property
    def scaled(self) -> bool:
        return self.examples_timed < self.m


def time_way(fn: Callable, X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float,
             budget: float = 1.0, clock: Callable[[], float] = time.perf_counter) -> Timing:
    """Seconds for one iteration of ``fn`` over all m examples. A slow way is timed on the first k
    examples, k doubling from 1 while the run takes under ``budget`` seconds, and scaled to m (its
    time grows linearly in m); a fast way is repeated and the best time kept."""
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    m = X.shape[0]
    k, spent = 1, 0.0
    while True:
        k = min(k, m)
        start = clock()
        fn(X[:k], y[:k], w, b)
        spent = clock() - start
        if k == m or spent * 2 > budget:
            break
        k *= 2
    if k < m:
        return Timing(fn.__name__, spent * m / k, k, m)
    best, runs, total = spent, 1, spent
    while total < budget / 4 and runs < 200:
        start = clock()
        fn(X, y, w, b)
        took = clock() - start
        best, runs, total = min(best, took), runs + 1, total + took
    return Timing(fn.__name__, best, m, m)
