"""Files -> numpy: the course's HDF5 files, image folders, CIFAR-10 binaries, model files.

No Qt here. Every problem with an input becomes a :class:`lrviz.core.DataError` naming the file.
"""

from lrviz.io.images import read_image, read_image_with_preview, read_images
from lrviz.io.modelfile import load_model, save_model
from lrviz.io.sources import load_dataset

__all__ = ["load_dataset", "load_model", "read_image", "read_image_with_preview", "read_images", "save_model"]
