"""The engine: numpy only. No Qt, no Pillow, no h5py, no threads."""

from lrviz.core.dataset import Dataset, DataSpec, Facts
from lrviz.core.errors import Cancelled, DataError, LrvizError
from lrviz.core.model import LogisticModel
from lrviz.core.preprocess import Preprocessing
from lrviz.core.trainer import GradientDescent

__all__ = [
    "Cancelled",
    "DataError",
    "DataSpec",
    "Dataset",
    "Facts",
    "GradientDescent",
    "LogisticModel",
    "LrvizError",
    "Preprocessing",
]
