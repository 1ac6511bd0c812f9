"""Big arrays handed to the training process through shared memory, not through its pipe (no Qt).

Pickled through the pipe, CIFAR-10's features (50,000 × 3,072 float32, 614 MB) held the window's
thread 2.2 s at the end of a load. Here the loading thread copies them into shared memory (0.4 s,
in the background), the window's thread sends only their names, and the training process copies
them out and lets go. The window frees the blocks once the training process has shown that it has
the data (its first snapshot of it), at the next load, or when it stops.

Where shared memory is missing or too small (a container's /dev/shm is often 64 MB, and writing
past it kills the process with SIGBUS), the arrays go through the pipe as before.
"""

from __future__ import annotations

import contextlib
import os
import threading
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


def shm_room(folder: str = SHM_FOLDER) -> int:
    """Bytes free for shared memory (0 where there is no such folder: another system, no hand-off)."""
    try:
        st = os.statvfs(folder)
    except (OSError, AttributeError):
        return 0
    return st.f_bavail * st.f_frsize


class Handoff:
    """``arrays`` (None allowed) ready to send: :attr:`items` holds each small array as it is and
    each big one as a :class:`Shared` name. Made in any thread; :meth:`release` when received."""

    def __init__(self, arrays: tuple, room: int | None = None):
        self._blocks: list[shared_memory.SharedMemory] = []
        self._lock = threading.Lock()  # released by whichever thread comes first
        big = [a for a in arrays if a is not None and a.nbytes >= SMALL]
        room = shm_room() if room is None else room
        if sum(a.nbytes for a in big) * SHM_HEADROOM > room:
            self.items = tuple(arrays)  # through the pipe
            return
        items = []
        try:
            for a in arrays:
                if a is None or a.nbytes < SMALL:
                    items.append(a)
                    continue
                block = shared_memory.SharedMemory(create=True, size=a.nbytes)
                self._blocks.append(block)
                view = np.ndarray(a.shape, a.dtype, buffer=block.buf)
                view[...] = a  # numpy lets go of the GIL for a copy this size: the window draws on
                del view       # no view may outlive the block's close()
                items.append(Shared(block.name, a.shape, a.dtype.str))
        except BaseException as e:
            self.release()
            if not isinstance(e, OSError):
                raise
            items = list(arrays)  # no shared memory after all: through the pipe
        self.items = tuple(items)

    @property
    def shared(self) -> bool:
        return bool(self._blocks)

    def release(self) -> None:
        """Free the blocks (the training process has copied them, or will never need them)."""
        with self._lock:
            blocks, self._blocks = self._blocks, []
        for block in blocks:
            block.close()
            with contextlib.suppress(FileNotFoundError):
                block.unlink()


def receive(items: tuple) -> tuple:
    """In the training process: the arrays, each :class:`Shared` one copied out of its block.
    FileNotFoundError if a block was already freed (the window has sent newer data since)."""
    out = []
    for item in items:
        if not isinstance(item, Shared):
            out.append(item)
            continue
        block = shared_memory.SharedMemory(name=item.name)
        try:
            view = np.ndarray(item.shape, np.dtype(item.dtype), buffer=block.buf)
            out.append(view.copy())
            del view
        finally:
            block.close()
    return tuple(out)
