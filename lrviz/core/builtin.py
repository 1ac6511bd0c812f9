"""Built-in datasets that need no file, drawn procedurally with numpy (seeded, deterministic).

``builtin:cats`` — 64×64×3 cat faces (ears, slit-pupil eyes, nose, whiskers, tabby stripes) against
other scenes: landscapes, houses, cars, flowers, and dog faces as the hard negatives. Split and
balanced like the course: 209 train (72 cats), 50 test (33 cats).
``builtin:toy`` — one feature per example, so (w, b) are the only parameters and J(w, b) is the
lecture's bowl exactly.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from lrviz.core.dataset import Dataset
from lrviz.core.errors import DataError

SIDE = 64
_Y, _X = np.mgrid[0:SIDE, 0:SIDE].astype(np.float64)

FUR = np.array([[0.85, 0.50, 0.20], [0.55, 0.55, 0.58], [0.15, 0.14, 0.14], [0.93, 0.91, 0.86],
                [0.55, 0.38, 0.24], [0.95, 0.80, 0.55]])
IRIS = np.array([[0.35, 0.75, 0.30], [0.90, 0.80, 0.20], [0.85, 0.55, 0.15], [0.40, 0.65, 0.90]])


def _ellipse(cx, cy, rx, ry, angle=0.0):
    c, s = np.cos(angle), np.sin(angle)
    dx, dy = _X - cx, _Y - cy
    u, v = (c * dx + s * dy) / rx, (-s * dx + c * dy) / ry
    return u * u + v * v <= 1.0


def _triangle(p0, p1, p2):
    def side(a, b):
        return (b[0] - a[0]) * (_Y - a[1]) - (b[1] - a[1]) * (_X - a[0])
    d0, d1, d2 = side(p0, p1), side(p1, p2), side(p2, p0)
    return ((d0 >= 0) & (d1 >= 0) & (d2 >= 0)) | ((d0 <= 0) & (d1 <= 0) & (d2 <= 0))


def _segment(p0, p1, width=0.6):
    (x0, y0), (x1, y1) = p0, p1
    vx, vy = x1 - x0, y1 - y0
    t = np.clip(((_X - x0) * vx + (_Y - y0) * vy) / max(vx * vx + vy * vy, 1e-9), 0.0, 1.0)
    return (_X - x0 - t * vx) ** 2 + (_Y - y0 - t * vy) ** 2 <= width * width


def _rect(x0, y0, x1, y1):
    return (_X >= x0) & (_X <= x1) & (_Y >= y0) & (_Y <= y1)


def _paint(img, mask, colour):
    img[mask] = colour


def _background(rng):
    top, bottom = rng.uniform(0.1, 0.95, 3), rng.uniform(0.1, 0.95, 3)
    t = (_Y / (SIDE - 1))[..., None]
    img = top * (1 - t) + bottom * t
    if rng.random() < 0.5:  # a wall, a table edge or a window frame behind the subject
        y0 = rng.uniform(30, 60)
        img[_Y > y0] = rng.uniform(0.1, 0.9, 3)
    return img


def _face(rng, cat: bool):
    img = _background(rng)
    cx, cy = rng.normal(32, 4), rng.normal(35, 4)
    rx, ry = rng.uniform(13, 20), rng.uniform(11, 17)
    fur = np.clip(FUR[rng.integers(len(FUR))] + rng.normal(0, 0.06, 3), 0, 1)
    tilt = rng.normal(0, 0.15)
    if cat:  # pointed ears above the head
        for sgn in (-1, 1):
            base = cx + sgn * rx * 0.55
            tip = (base + sgn * rx * rng.uniform(0.05, 0.35), cy - ry - rng.uniform(7, 13))
            _paint(img, _triangle((base - rx * 0.35, cy - ry * 0.55), (base + rx * 0.35, cy - ry * 0.55), tip), fur)
            inner = (tip[0], tip[1] + 4)
            _paint(img, _triangle((base - rx * 0.18, cy - ry * 0.6), (base + rx * 0.18, cy - ry * 0.6), inner),
                   [0.95, 0.65, 0.70])
    else:  # a dog: long floppy ears hanging beside the head
        ear = np.clip(fur * rng.uniform(0.5, 0.9), 0, 1)
        for sgn in (-1, 1):
            _paint(img, _ellipse(cx + sgn * rx * 0.95, cy + ry * 0.1, rx * 0.3, ry * 0.9, sgn * 0.3), ear)
    _paint(img, _ellipse(cx, cy, rx, ry, tilt), fur)
    if cat and rng.random() < 0.5:  # tabby stripes on the forehead
        stripes = _ellipse(cx, cy - ry * 0.5, rx * 0.5, ry * 0.4) & (np.sin((_X - cx) * 1.3) > 0.5)
        _paint(img, stripes, fur * 0.55)
    ex, ey = rx * rng.uniform(0.33, 0.45), cy - ry * rng.uniform(0.05, 0.25)
    iris = IRIS[rng.integers(len(IRIS))] if cat else np.array([0.25, 0.15, 0.08])
    for sgn in (-1, 1):
        _paint(img, _ellipse(cx + sgn * ex, ey, 3.2, 2.6 if cat else 2.6), iris)
        _paint(img, _ellipse(cx + sgn * ex, ey, 0.8 if cat else 1.6, 2.4 if cat else 1.6), [0.02, 0.02, 0.02])
    ny = cy + ry * rng.uniform(0.2, 0.35)
    if cat:
        _paint(img, _triangle((cx - 2.5, ny - 1.5), (cx + 2.5, ny - 1.5), (cx, ny + 1.5)), [0.95, 0.55, 0.6])
        for sgn in (-1, 1):
            for k in (-1, 0, 1):
                _paint(img, _segment((cx + sgn * 4, ny + 1 + k), (cx + sgn * rx * 1.2, ny + k * 3.5)),
                       [0.97, 0.97, 0.97] if fur.mean() < 0.5 else [0.1, 0.1, 0.1])
    else:
        _paint(img, _ellipse(cx, ny + 1, 4.5, 3.2), [0.05, 0.04, 0.04])
        _paint(img, _ellipse(cx, ny + 6, 3, 2), [0.85, 0.35, 0.4])  # tongue
    return img


def _landscape(rng):
    img = _background(rng)
    horizon = rng.uniform(25, 45)
    ground = np.clip(np.array([0.25, 0.55, 0.2]) + rng.normal(0, 0.12, 3), 0, 1)
    _paint(img, _Y > horizon + 3 * np.sin(_X / rng.uniform(5, 12)), ground)
    _paint(img, _ellipse(rng.uniform(8, 56), rng.uniform(5, horizon - 5), 5, 5), [1.0, 0.9, 0.4])
    for _ in range(rng.integers(0, 4)):
        tx, ty = rng.uniform(5, 59), horizon + rng.uniform(-2, 10)
        _paint(img, _triangle((tx - 5, ty), (tx + 5, ty), (tx, ty - rng.uniform(10, 20))), [0.1, 0.35, 0.12])
    return img


def _house(rng):
    img = _landscape(rng) if rng.random() < 0.5 else _background(rng)
    x0, x1 = rng.uniform(8, 24), rng.uniform(40, 56)
    y0, y1 = rng.uniform(28, 38), rng.uniform(52, 63)
    _paint(img, _rect(x0, y0, x1, y1), rng.uniform(0.3, 0.95, 3))
    _paint(img, _triangle((x0 - 3, y0), (x1 + 3, y0), ((x0 + x1) / 2, y0 - rng.uniform(10, 20))),
           rng.uniform(0.2, 0.6, 3) * [1.0, 0.5, 0.4])
    for wx in np.linspace(x0 + 4, x1 - 8, rng.integers(1, 4)):
        _paint(img, _rect(wx, y0 + 5, wx + 5, y0 + 10), [0.6, 0.8, 0.95])
    return img


def _car(rng):
    img = _background(rng)
    y = rng.uniform(35, 48)
    body = rng.uniform(0.1, 1.0, 3)
    _paint(img, _rect(6, y - 8, 58, y + 4), body)
    _paint(img, _rect(18, y - 16, 46, y - 8), body * 0.9)
    _paint(img, _rect(21, y - 14, 43, y - 9), [0.6, 0.8, 0.95])
    for wx in (17, 47):
        _paint(img, _ellipse(wx, y + 5, 6, 6), [0.05, 0.05, 0.05])
        _paint(img, _ellipse(wx, y + 5, 2.5, 2.5), [0.7, 0.7, 0.7])
    return img


def _flower(rng):
    img = _background(rng)
    cx, cy, r = rng.normal(32, 5), rng.normal(30, 5), rng.uniform(6, 10)
    _paint(img, _segment((cx, cy), (cx + rng.normal(0, 3), 63), 1.5), [0.2, 0.55, 0.2])
    petal = rng.uniform(0.4, 1.0, 3)
    for k in range(rng.integers(5, 9)):
        ang = rng.uniform(0, 0.5) + k * 2 * np.pi / 7
        _paint(img, _ellipse(cx + r * np.cos(ang), cy + r * np.sin(ang), r * 0.7, r * 0.35, ang), petal)
    _paint(img, _ellipse(cx, cy, r * 0.45, r * 0.45), [0.95, 0.8, 0.2])
    return img


_OTHERS = (lambda r: _face(r, cat=False), _landscape, _house, _car, _flower)


def draw(rng: np.random.Generator, cat: bool) -> np.ndarray:
    """One 64×64×3 uint8 picture: a cat face, or one of the other scenes."""
    img = _face(rng, cat=True) if cat else _OTHERS[rng.choice(5, p=[0.3, 0.2, 0.2, 0.15, 0.15])](rng)
    img = img * rng.uniform(0.7, 1.2) + rng.normal(0, 0.05, img.shape)  # exposure and sensor noise
    if rng.random() < 0.5:
        img = img[:, ::-1]
    return np.clip(img * 255 + 0.5, 0, 255).astype(np.uint8)


def _draw_set(seed: int, n_cats: int, n_total: int, salt: int) -> tuple[np.ndarray, np.ndarray]:
    """The set's pictures and labels: drawn once per process (~0.3 s for the cats; the window loads
    them at every start and on every return to them), then handed out as fresh copies."""
    images, labels = _drawn(seed, n_cats, n_total, salt)
    return images.copy(), labels.copy()


@lru_cache(maxsize=8)
def _drawn(seed: int, n_cats: int, n_total: int, salt: int) -> tuple[np.ndarray, np.ndarray]:
    labels = np.zeros(n_total, dtype=np.uint8)
    labels[np.random.default_rng([seed, salt]).permutation(n_total)[:n_cats]] = 1
    images = np.stack([draw(np.random.default_rng([seed, salt, i]), bool(lab)) for i, lab in enumerate(labels)])
    images.flags.writeable = labels.flags.writeable = False  # the cache's own: never changed
    return images, labels


def cats(seed: int = 1) -> Dataset:
    tx, ty = _draw_set(seed, 72, 209, 0)
    vx, vy = _draw_set(seed, 33, 50, 1)
    return Dataset(tx, ty, vx, vy, ("non-cat", "cat"), "builtin:cats")


def toy(seed: int = 1) -> Dataset:
    """One feature (stored as a 1×1 grey 'image'); about 30 % cats, which tend to score higher, with
    much overlap, so no (w, b) separates them. Meant to be standardised (``scale``): then J(w, b) is
    a round bowl with one bottom, near (1.1, −1.1), in view from w = 0, b = 0."""
    rng = np.random.default_rng([seed, 2])

    def split(n):
        y = (rng.random(n) < 0.3).astype(np.uint8)
        x = rng.normal(np.where(y == 1, 0.7, -0.7), 1.0)
        return np.clip(np.round(128 + 30 * x), 0, 255).astype(np.uint8).reshape(n, 1, 1, 1), y

    (tx, ty), (vx, vy) = split(120), split(40)
    return Dataset(tx, ty, vx, vy, ("non-cat", "cat"), "builtin:toy", scale="standardize")


BUILTINS = {"cats": cats, "toy": toy}


def load(name: str, seed: int = 1) -> Dataset:
    """``"builtin:cats"`` or ``"builtin:toy"`` (the prefix is optional)."""
    key = name.split(":", 1)[1] if name.startswith("builtin:") else name
    if key not in BUILTINS:
        raise DataError(name, f"no such built-in set; choose one of "
                              f"{', '.join('builtin:' + k for k in BUILTINS)}")
    return BUILTINS[key](seed)
