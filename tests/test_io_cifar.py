import io
import tarfile

import numpy as np
import pytest

from lrviz.core import DataError
from lrviz.io import load_dataset


def batch(labels, rng):
    """CIFAR-10 binary records; pixel (r, c) of image i in channel k is (i + 10k + r) % 256."""
    recs = []
    for i, lab in enumerate(labels):
        planes = [(np.add.outer(np.arange(32), np.zeros(32, int)) + i + 10 * k) % 256 for k in range(3)]
        recs.append(np.concatenate([[lab], np.stack(planes).ravel()]).astype(np.uint8))
    return np.concatenate(recs).tobytes()


@pytest.fixture
def batches(rng):
    return {"data_batch_1.bin": batch([3, 1, 3, 5, 0, 9], rng), "data_batch_2.bin": batch([2, 3, 4, 6], rng),
            "test_batch.bin": batch([3, 0, 8, 3, 1], rng), "batches.meta.txt": b"airplane\n..."}


def test_extracted_folder(tmp_path, batches):
    inner = tmp_path / "cifar-10-batches-bin"
    inner.mkdir()
    for name, data in batches.items():
        (inner / name).write_bytes(data)
    ds = load_dataset(tmp_path)
    assert ds.image_shape == (32, 32, 3) and ds.classes == ("not cat", "cat")
    np.testing.assert_array_equal(ds.train_labels, [1, 0, 1, 0, 0, 0, 0, 1, 0, 0])
    np.testing.assert_array_equal(ds.test_labels, [1, 0, 0, 1, 0])
    img = ds.train_images[1]  # channel-planar records become (row, column, channel)
    assert img[5, 7].tolist() == [(1 + 5) % 256, (1 + 10 + 5) % 256, (1 + 20 + 5) % 256]


def test_tar_gz_is_read_without_extracting(tmp_path, batches):
    path = tmp_path / "cifar-10-binary.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        for name, data in batches.items():
            info = tarfile.TarInfo(f"cifar-10-batches-bin/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    ds = load_dataset(path)
    assert sum(ds.counts()["train"]) == 10 and ds.counts()["test"] == (3, 2)
    assert list(tmp_path.iterdir()) == [path]


def test_balance_keeps_every_cat_and_as_many_others(tmp_path, batches):
    for name, data in batches.items():
        (tmp_path / name).write_bytes(data)
    ds = load_dataset(tmp_path, balance=True)
    assert ds.counts() == {"train": (3, 3), "test": (2, 2)}
    assert ds.facts.balanced and not ds.facts.split_here and ds.source == str(tmp_path)
    assert ds.spec.balance and load_dataset(ds.spec).counts() == ds.counts()  # the spec loads it balanced again
    assert not load_dataset(tmp_path).facts.balanced


def test_wrong_record_size(tmp_path, batches):
    for name, data in batches.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "test_batch.bin").write_bytes(b"\x03" * 1000)
    with pytest.raises(DataError, match="test_batch.bin: is not a CIFAR-10 binary batch"):
        load_dataset(tmp_path)


def test_not_a_tar(tmp_path):
    path = tmp_path / "cifar-10-binary.tar.gz"
    path.write_bytes(b"plain text")
    with pytest.raises(DataError, match="not a readable tar archive"):
        load_dataset(path)


def test_unknown_file_kind(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("1,2,3")
    with pytest.raises(DataError, match="data.csv: not a dataset lrviz knows"):
        load_dataset(path)


def test_the_benchmarks_synthetic_cifar_is_what_the_loader_reads(tmp_path, monkeypatch):
    """benchmarks/synthetic_cifar.py stands in for CIFAR-10 in the benchmarks: its batches must load
    as CIFAR-10 (every record, in order), with about one cat in ten, tinted so there is something to learn."""
    import importlib.util

    from conftest import ROOT
    spec = importlib.util.spec_from_file_location("synthetic_cifar", ROOT / "benchmarks" / "synthetic_cifar.py")
    synthetic = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synthetic)
    monkeypatch.setattr(synthetic, "PER_BATCH", 400)
    synthetic.write(tmp_path, train=1000, test=300)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data_batch_1.bin", "data_batch_2.bin",
                                                          "data_batch_3.bin", "test_batch.bin"]
    ds = load_dataset(tmp_path)
    assert ds.train_images.shape == (1000, 32, 32, 3) and ds.test_images.shape == (300, 32, 32, 3)
    raw = np.frombuffer((tmp_path / "data_batch_3.bin").read_bytes(), np.uint8).reshape(-1, 3073)
    np.testing.assert_array_equal(ds.train_images[800:], raw[:, 1:].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1))
    assert 0.05 < ds.train_labels.mean() < 0.15
    red = ds.train_images[..., 0].mean(axis=(1, 2))
    assert red[ds.train_labels == 1].mean() > red[ds.train_labels == 0].mean() + 20
