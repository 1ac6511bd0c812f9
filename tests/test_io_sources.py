"""Every kind of data set is one Reader in lrviz.io.sources.READERS: which files and folders are of
its kind and how to load one. A reader added there is found by the loader, the drop and the file
dialogs with no other edit."""

import dataclasses

import numpy as np
import pytest

from lrviz.core import DataError
from lrviz.io import sources
from lrviz.io.arrays import dataset_from_arrays


def npz_reader() -> sources.Reader:
    """A data set kind defined here: X (m, 8, 8, 3) uint8 and y (m,) in an .npz."""
    def load(path, spec, budget, progress, cancel):
        with np.load(path) as f:
            return dataclasses.replace(dataset_from_arrays(f["X"], f["y"]), source=str(path))
    return sources.Reader("npz-arrays", (".npz",), lambda folder: False, load)


def test_a_reader_added_to_the_list_is_found_by_the_loader_the_drop_and_the_file_dialog(tmp_path, monkeypatch):
    rng = np.random.default_rng(0)
    X, y = rng.integers(0, 256, (12, 8, 8, 3), dtype=np.uint8), np.arange(12) % 2
    path = tmp_path / "mine.npz"
    np.savez(path, X=X, y=y)
    assert "*.npz" not in sources.data_patterns()
    with pytest.raises(DataError, match="not a dataset lrviz knows"):
        sources.kind_of(path)
    monkeypatch.setattr(sources, "READERS", (npz_reader(), *sources.READERS))
    assert sources.kind_of(path) == "npz-arrays"
    ds = sources.load_dataset(path)
    np.testing.assert_array_equal(ds.train_images, X)
    np.testing.assert_array_equal(ds.train_labels, y)
    assert ds.spec.path == str(path) and ds.source == str(path)
    assert sources.dropped_kind([path]) == ("data", [str(path)])
    assert "*.npz" in sources.data_patterns().split() and "*.h5" in sources.data_patterns().split()


def test_the_course_folder_the_course_file_pair_and_the_other_kinds_are_told_apart(course_dir, tmp_path):
    assert sources.kind_of(course_dir) == "h5"
    train = course_dir / "train_catvnoncat.h5"
    assert sources.kind_of(train) == "h5"
    assert sources.spec_for(str(train)) == str(course_dir)  # its test_ partner beside it: the pair
    (tmp_path / "cats").mkdir()
    assert sources.kind_of(tmp_path) == "folder"
    archive = tmp_path / "cifar-10-binary.tar.gz"
    archive.write_bytes(b"")
    assert sources.kind_of(archive) == "cifar"
    with pytest.raises(DataError, match="no such file or folder"):
        sources.kind_of(tmp_path / "gone.h5")
    assert sources.dropped_kind([train, tmp_path / "photo.jpg"]) is None  # a data set and a photo together
