"""Files -> numpy: the course's HDF5 files, image folders, CIFAR-10 binaries, model files.

No Qt here. Every problem with an input becomes a :class:`lrviz.core.DataError` naming the file.

The names below are imported when first used (PEP 562): the training process needs only
:mod:`lrviz.io.budget`, and importing this package for it loaded h5py and Pillow (~80 ms of its
start, benchmarks/bench_process_start.py).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lrviz.io.images import read_image, read_image_with_preview, read_images
    from lrviz.io.modelfile import load_model, save_model
    from lrviz.io.sources import load_dataset

_WHERE = {"read_image": "images", "read_image_with_preview": "images", "read_images": "images",
          "load_model": "modelfile", "save_model": "modelfile", "load_dataset": "sources"}
__all__ = ["load_dataset", "load_model", "read_image", "read_image_with_preview", "read_images", "save_model"]


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    globals()[name] = value
    return value
