"""Big arrays handed to the training process through shared memory, not through its pipe (no Qt).

Pickled through the pipe, CIFAR-10's features (50,000 × 3,072 float32, 614 MB) held the window's
thread 2.2 s at the end of a load. Here the loading thread writes the features straight into shared
memory (:class:`Made`: no private copy first), the window's thread sends only their names, and the
training process maps the blocks and trains on them where they are (read-only, no copy). The window
lets go of its side once the training process has shown that it has the data (its first snapshot of
it), at the next load, or when it stops; the memory itself is freed when the training process drops
the arrays. So the features exist once: before, the window kept its own float copy, the block held a
second and the training process copied out a third (4.75 GB for 1.84 GB of data, issue 26).

Where shared memory is missing or too small (a container's /dev/shm is often 64 MB, and writing
past it kills the process with SIGBUS), the arrays go through the pipe as before.
"""

from __future__ import annotations

import contextlib
import math
import mmap
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing import shared_memory

import numpy as np

SMALL = 1 << 20      # arrays smaller than this go through the pipe as they are
SHM_FOLDER = "/dev/shm"
SHM_HEADROOM = 1.25  # shared memory must have this much more room than the arrays need


@dataclass(frozen=True)
class Shared:
    """The name of a block of shared memory holding an array of this shape and dtype."""

    name: str
    shape: tuple[int, ...]
    dtype: str


@dataclass(frozen=True)
class Made:
    """An array to be made where it will live: ``fill(out)`` writes it into ``out`` (shape, dtype)."""

    shape: tuple[int, ...]
    dtype: np.dtype
    fill: Callable[[np.ndarray], object]

    @property
    def nbytes(self) -> int:
        return math.prod(self.shape) * np.dtype(self.dtype).itemsize

    def array(self) -> np.ndarray:
        out = np.empty(self.shape, self.dtype)
        self.fill(out)
        return out


def shm_room(folder: str = SHM_FOLDER) -> int:
    """Bytes free for shared memory (0 where there is no such folder: another system, no hand-off)."""
    try:
        st = os.statvfs(folder)
    except (OSError, AttributeError):
        return 0
    return st.f_bavail * st.f_frsize


class Handoff:
    """``arrays`` (arrays, :class:`Made` ones, None) ready to send: :attr:`items` holds each small array
    as it is and each big one as a :class:`Shared` name. Made in any thread; :meth:`release` when
    received."""

    def __init__(self, arrays: tuple, room: int | None = None):
        self.items: tuple = ()
        self._blocks: list[shared_memory.SharedMemory] = []
        self._lock = threading.Lock()  # released by whichever thread comes first
        big = [a for a in arrays if a is not None and a.nbytes >= SMALL]
        room = shm_room() if room is None else room
        if sum(a.nbytes for a in big) * SHM_HEADROOM > room:
            self.items = _as_arrays(arrays)  # through the pipe
            return
        items = []
        try:
            for a in arrays:
                if a is None or a.nbytes < SMALL:
                    items.append(a.array() if isinstance(a, Made) else a)
                    continue
                block = shared_memory.SharedMemory(create=True, size=a.nbytes)
                self._blocks.append(block)
                view = np.ndarray(a.shape, a.dtype, buffer=block.buf)
                if isinstance(a, Made):
                    a.fill(view)
                else:
                    view[...] = a  # numpy lets go of the GIL for a copy this size: the window draws on
                del view           # no view may outlive the block's close()
                items.append(Shared(block.name, tuple(a.shape), np.dtype(a.dtype).str))
        except BaseException as e:
            self.release()
            if not isinstance(e, OSError):
                raise
            items = list(_as_arrays(arrays))  # no shared memory after all: through the pipe
        self.items = tuple(items)

    @property
    def shared(self) -> bool:
        return bool(self._blocks)

    def release(self) -> None:
        """Let go of the blocks (the training process has mapped them, or never will) and of any
        array sent through the pipe: the window keeps no copy of what it handed over."""
        with self._lock:
            blocks, self._blocks = self._blocks, []
            self.items = tuple(None if isinstance(item, np.ndarray) and item.nbytes >= SMALL else item
                               for item in self.items)
        for block in blocks:
            block.close()
            with contextlib.suppress(FileNotFoundError):
                block.unlink()


def _as_arrays(arrays: tuple) -> tuple:
    return tuple(a.array() if isinstance(a, Made) else a for a in arrays)


def receive(items: tuple) -> tuple:
    """In the training process: the arrays, each :class:`Shared` one mapped read-only from its block,
    not copied. A mapping outlives the window's letting go of the block: the memory is freed when
    the last array using it goes. FileNotFoundError if a block was already freed (the window has
    sent newer data since)."""
    return tuple(_mapped(item) if isinstance(item, Shared) else item for item in items)


def _mapped(item: Shared) -> np.ndarray:
    """The block's array, backed by the mapping itself (which lives as long as the array's views).
    Opened through /dev/shm, where POSIX shared memory lives on Linux: without it nothing is shared."""
    dtype = np.dtype(item.dtype)
    count = math.prod(item.shape)
    fd = os.open(os.path.join(SHM_FOLDER, item.name.lstrip("/")), os.O_RDONLY)
    try:
        region = mmap.mmap(fd, count * dtype.itemsize, access=mmap.ACCESS_READ)
    finally:
        os.close(fd)
    return np.frombuffer(region, dtype, count).reshape(item.shape)
