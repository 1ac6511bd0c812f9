import h5py
import numpy as np
import pytest

from lrviz.core import DataError
from lrviz.io import load_dataset


def write(path, **datasets):
    with h5py.File(path, "w") as f:
        for key, value in datasets.items():
            f[key] = value
    return path


def good(m=20, prefix="train"):
    rng = np.random.default_rng(0)
    y = np.arange(m) % 2
    return {f"{prefix}_set_x": rng.integers(0, 256, (m, 8, 8, 3), dtype=np.uint8),
            f"{prefix}_set_y": y, "list_classes": np.array([b"non-cat", b"cat"])}


def test_one_train_file_alone_is_split_and_seeded(tmp_path):
    path = write(tmp_path / "train_catvnoncat.h5", **good(20))
    ds = load_dataset(path)
    assert ds.counts() == {"train": (8, 8), "test": (2, 2)} and ds.classes == ("non-cat", "cat")
    assert ds.source == ds.spec.path == str(path)  # nothing appended to the name: how it was split is a fact
    assert ds.facts.split_here and ds.facts.test_share == 0.2 and ds.facts.seed == 0


def test_a_file_with_both_sets(tmp_path):
    path = write(tmp_path / "both.h5", **good(20), **{k: v for k, v in good(6, "test").items() if k != "list_classes"})
    assert load_dataset(path).counts() == {"train": (10, 10), "test": (3, 3)}


def test_the_course_folder_and_its_files(course_dir):
    ds = load_dataset(course_dir / "train_catvnoncat.h5")
    assert sum(ds.counts()["train"]) + sum(ds.counts()["test"]) == 209


@pytest.mark.parametrize("change, problem", [
    (lambda d: d.pop("train_set_y"), "missing key 'train_set_y'"),
    (lambda d: d.update(train_set_x=np.zeros((20, 8, 8, 3), np.float64)), "must be uint8 images .* float64"),
    (lambda d: d.update(train_set_x=np.zeros((20, 64, 3), np.uint8)), r"must be uint8 images .*\(20, 64, 3\)"),
    (lambda d: d.update(train_set_y=np.arange(20) % 3), r"labels must be 0 or 1, found \[2\]"),
    (lambda d: d.update(train_set_y=np.zeros(7, int)), "must hold 20 labels"),
    (lambda d: d.update(train_set_y=np.zeros(20, int)), "one class only"),
    (lambda d: d.update(train_set_x=np.full((20, 8, 8, 3), 300, np.int16)), "outside 0…255"),
])
def test_bad_h5_contents(tmp_path, change, problem):
    d = good(20)
    change(d)
    path = write(tmp_path / "bad.h5", **d)
    with pytest.raises(DataError, match=problem) as err:
        load_dataset(path)
    assert str(path) in str(err.value)


def test_no_known_keys(tmp_path):
    path = write(tmp_path / "other.h5", images=np.zeros((2, 2)))
    with pytest.raises(DataError, match="missing keys 'train_set_x'.*has: images"):
        load_dataset(path)


def test_not_an_hdf5_file(tmp_path):
    path = tmp_path / "fake.h5"
    path.write_text("not hdf5")
    with pytest.raises(DataError, match="not a readable HDF5 file"):
        load_dataset(path)


def test_external_link_is_refused(tmp_path):
    write(tmp_path / "elsewhere.h5", **good(20))
    path = tmp_path / "linky.h5"
    with h5py.File(path, "w") as f:
        f["train_set_x"] = h5py.ExternalLink(str(tmp_path / "elsewhere.h5"), "train_set_x")
        f["train_set_y"] = np.arange(20) % 2
    with pytest.raises(DataError, match="'train_set_x' is an ExternalLink"):
        load_dataset(path)


def test_virtual_dataset_is_refused(tmp_path):
    src = write(tmp_path / "src.h5", **good(20))
    path = tmp_path / "virtual.h5"
    layout = h5py.VirtualLayout(shape=(20, 8, 8, 3), dtype=np.uint8)
    layout[:] = h5py.VirtualSource(str(src), "train_set_x", shape=(20, 8, 8, 3))
    with h5py.File(path, "w") as f:
        f.create_virtual_dataset("train_set_x", layout)
        f["train_set_y"] = np.arange(20) % 2
    with pytest.raises(DataError, match="virtual dataset"):
        load_dataset(path)


def test_external_storage_is_refused(tmp_path):
    raw = tmp_path / "pixels.bin"
    raw.write_bytes(bytes(20 * 8 * 8 * 3))
    path = tmp_path / "external.h5"
    with h5py.File(path, "w") as f:
        f.create_dataset("train_set_x", shape=(20, 8, 8, 3), dtype=np.uint8, external=[(str(raw), 0, h5py.h5f.UNLIMITED)])
        f["train_set_y"] = np.arange(20) % 2
    with pytest.raises(DataError, match="external files"):
        load_dataset(path)


def test_folder_needs_one_train_and_one_test_file(tmp_path):
    write(tmp_path / "train_a.h5", **good(20))
    with pytest.raises(DataError, match="expected one test_\\*.h5 file, found 0"):
        load_dataset(tmp_path)
