"""How much memory loading may take, checked against what a file *declares* before anything is read.

A small file can declare a huge array (a chunked, compressed HDF5 dataset; a zip member; a PNG's
header): reading first and checking after lets one file take the machine down. Every loader asks
:func:`check_declared` with the size the file declares, and refuses with one message naming the
file, the declared size and the budget.

The budget is :data:`DEFAULT_FRACTION` of the machine's memory, at most :data:`DEFAULT_CAP`; the
``LRVIZ_MAX_MEMORY_GB`` environment variable (or ``lrviz train --max-memory GB``) raises or lowers it.

What is checked is what the whole app needs for the data (:func:`needed_bytes`), in all its processes
together: the window keeps the uint8 pixels, the training process the float32 features (one copy,
in shared memory), and each example costs a little more (:data:`BYTES_PER_EXAMPLE`). On top of it
the app itself takes :data:`APP_OVERHEAD` at most, whatever the data; and the Gram matrix, where
training uses one, is kept within what the budget leaves (:func:`gram_room`). So "lrviz loads at most
N GB" holds of the app's processes together, within APP_OVERHEAD (``benchmarks/bench_memory.py``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from lrviz.core.errors import QT_TRANSLATE_NOOP, DataError, Message

DEFAULT_FRACTION = 0.25      # of the machine's physical memory
DEFAULT_CAP = 4 * 10**9      # bytes: a few GB at most, whatever the machine
FALLBACK = 2 * 10**9         # when the machine's memory cannot be read
ENV = "LRVIZ_MAX_MEMORY_GB"
MAX_GB = 10**9               # a budget asked for beyond this (1e300, inf) is taken as this
BYTES_PER_PIXEL_LOADED = 1 + 4  # a loaded data set keeps uint8 pixels plus float32 features
BYTES_PER_EXAMPLE = 2048     # and per image, whatever its size: its label, and what training and the views
#                              keep or compute for each example (measured: 1.3 KB a training example in the
#                              training process at m = 24,000, most of it the bowl's 1-D pictures, J at up to
#                              101 points along each direction; a race keeps k runs' logits and losses)
APP_OVERHEAD = 400 * 10**6   # the app itself, with no data: the window (Qt, pyqtgraph, OpenGL), the training
#                              process and the resource tracker took 0.34 GB together (PSS, Xvfb, llvmpipe)


def machine_memory() -> int | None:
    """Physical memory in bytes, or None where it cannot be read."""
    try:
        return int(os.sysconf("SC_PAGE_SIZE")) * int(os.sysconf("SC_PHYS_PAGES"))
    except (AttributeError, ValueError, OSError):
        return None


def default_budget() -> int:
    """The loading budget in bytes: ``$LRVIZ_MAX_MEMORY_GB`` if set (and a positive number), else
    :data:`DEFAULT_FRACTION` of the machine's memory capped at :data:`DEFAULT_CAP`."""
    env = os.environ.get(ENV, "").strip()
    if env:
        try:
            gb = float(env)
        except ValueError:
            gb = 0.0
        if gb > 0 and gb == gb:  # not nan
            return int(min(gb, MAX_GB) * 10**9)
    ram = machine_memory()
    return FALLBACK if ram is None else int(min(DEFAULT_CAP, DEFAULT_FRACTION * ram))


def gb_from_option(value: str) -> int:
    """``--max-memory 8`` → bytes; raises ValueError for anything but a positive number of GB."""
    gb = float(value)
    if not gb > 0 or gb == float("inf"):
        raise ValueError(f"must be a positive number of GB, got {value!r}")
    return int(min(gb, MAX_GB) * 10**9)


def format_bytes(n: int | float) -> str:
    """12.3 GB, 491 MB, 40 KB (decimal units, as file managers show); "512 bytes" is a :class:`Message`."""
    n = float(n)
    for unit, size in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if n >= size:
            return f"{n / size:.3g} {unit}"
    return Message(QT_TRANSLATE_NOOP("DataError", "{n} bytes"), {"n": int(n)}, "DataError")


def check_declared(source: object, declared: int, what: str, budget: int | None = None) -> None:
    """Raise :class:`DataError` if ``declared`` bytes (computed in Python integers: no overflow)
    exceed the budget. ``what`` says what the file declares, e.g. "1,000,000 images of 64×64×3" (a
    :class:`Message`, so that the window translates it)."""
    limit = default_budget() if budget is None else int(budget)
    if declared > limit:
        raise DataError(source, QT_TRANSLATE_NOOP("DataError", "declares {what}: {size} in memory; lrviz loads at "
                                                  "most {limit} (set {env} or --max-memory to raise it) — use a "
                                                  "smaller subset"),
                        what=what, size=format_bytes(declared), limit=format_bytes(limit), env=ENV)


def needed_bytes(count: int, shape: Iterable[int]) -> int:
    """What the app needs for ``count`` images of ``shape`` (H, W, C): pixels, features and the
    per-example arrays (in Python integers: no overflow)."""
    pixels = int(count)
    for d in shape:
        pixels *= int(d)
    return pixels * BYTES_PER_PIXEL_LOADED + int(count) * BYTES_PER_EXAMPLE


def check_images(source: object, count: int, shape: tuple[int, ...], budget: int | None = None) -> None:
    """The budget check for ``count`` images of ``shape`` (H, W, C) kept as pixels plus features."""
    dims = [int(v) for v in shape]
    check_declared(source, needed_bytes(count, dims), images_of(int(count), dims), budget)


def gram_room(count: int, shape: Iterable[int], budget: int | None = None) -> int:
    """Bytes the trainer's Gram matrix K may take for data of ``count`` images of ``shape``: half of
    what the budget leaves once the data is counted (a race keeps a second, folded copy of a small
    K). Without this, K (m × m, up to 2 GiB) came on top of what the check had promised."""
    limit = default_budget() if budget is None else int(budget)
    return max(0, limit - needed_bytes(count, shape)) // 2


def images_of(count: int, dims: Iterable[int]) -> Message:
    """What a file declares, for :func:`check_declared`: "1,000 images of 64×64×3"."""
    return Message(QT_TRANSLATE_NOOP("DataError", "{count:,} images of {dims}"),
                   {"count": count, "dims": "×".join(map(str, dims))}, "DataError")
