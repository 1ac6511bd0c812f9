import numpy as np
import pytest
from PIL import Image

from lrviz.core import Cancelled, DataError
from lrviz.io import load_dataset


def make(root, layout):
    """layout: {"cat": 5, "dog": 3} or {"train/cat": 4, ...}: that many small images per folder."""
    for folder, n in layout.items():
        (root / folder).mkdir(parents=True, exist_ok=True)
        for i in range(n):
            shade = 200 if folder.endswith("cat") else 40
            Image.new("RGB", (30 + i, 20), (shade, i, 0)).save(root / folder / f"{i}.png")
    return root


def test_two_class_folders_get_a_seeded_stratified_split(tmp_path):
    root = make(tmp_path, {"cat": 10, "non-cat": 15})
    ds = load_dataset(root)
    assert ds.classes == ("non-cat", "cat") and ds.image_shape == (64, 64, 3)
    assert ds.counts() == {"train": (12, 8), "test": (3, 2)}
    assert np.all(ds.train_images[ds.train_labels == 1][..., 0] == 200)  # labels follow folders
    again = load_dataset(root)
    np.testing.assert_array_equal(again.train_images, ds.train_images)
    assert not np.array_equal(load_dataset(root, seed=5).train_images, ds.train_images)


def test_a_folders_name_is_kept_whole_and_its_spec_loads_it_again_from_anywhere(tmp_path, monkeypatch):
    """A folder named "my cats (2024)" was saved as "my cats" (the name was cut at " ("): the data set
    carries its absolute path and options as a spec, and how it was split as facts."""
    from lrviz.core import DataSpec, Facts
    root = make(tmp_path / "my cats (2024)", {"cat": 5, "dogs": 5})
    monkeypatch.chdir(tmp_path)
    ds = load_dataset("my cats (2024)", positive="cat", seed=3)
    assert ds.source == str(root) and ds.spec == DataSpec(str(root), positive="cat", seed=3)
    assert ds.facts == Facts(split_here=True, test_share=0.2, seed=3)
    monkeypatch.chdir(root / "cat")  # elsewhere: the spec still names the same folder and split
    again = load_dataset(ds.spec)
    assert again.spec == ds.spec and again.counts() == ds.counts() == {"train": (4, 4), "test": (1, 1)}
    np.testing.assert_array_equal(again.test_images, ds.test_images)


def test_train_and_test_folders_are_used_as_given(tmp_path):
    root = make(tmp_path, {"train/Cat": 4, "train/other": 6, "test/Cat": 2, "test/other": 3})
    ds = load_dataset(root, side=16)
    assert ds.classes == ("other", "Cat") and ds.image_shape == (16, 16, 3)
    assert ds.counts() == {"train": (6, 4), "test": (3, 2)}
    assert not ds.facts.split_here and ds.spec.side == 16


def test_positive_class_must_be_named_when_there_is_no_cat_folder(tmp_path):
    root = make(tmp_path, {"dogs": 3, "birds": 3})
    with pytest.raises(DataError, match="which class is positive, 'birds' or 'dogs'"):
        load_dataset(root)
    assert load_dataset(root, positive="dogs").classes == ("birds", "dogs")
    with pytest.raises(DataError, match="'fish' is not a subfolder"):
        load_dataset(root, positive="fish")


def test_unreadable_files_are_skipped_and_listed(tmp_path):
    root = make(tmp_path, {"cat": 4, "non-cat": 4})
    (root / "cat" / "notes.txt").write_text("not an image")
    (root / "non-cat" / "broken.jpg").write_bytes(b"\xff\xd8\xff garbage")
    (root / "cat" / ".DS_Store").write_bytes(b"\0\0")  # hidden files are not "skipped", just ignored
    ds = load_dataset(root)
    assert sum(sum(c) for c in ds.counts().values()) == 8
    assert sorted(p.rsplit("/", 1)[1] for p, _ in ds.skipped) == ["broken.jpg", "notes.txt"]
    assert all("not an image" in problem for _, problem in ds.skipped)


@pytest.mark.parametrize("layout, problem", [
    ({}, "the folder is empty"),
    ({"cat": 3}, "expected two class subfolders .* found cat/"),
    ({"a": 1, "b": 1, "cat": 1}, "expected two class subfolders"),
    ({"cat": 3, "non-cat": 0}, "one class only"),
])
def test_bad_folders_say_what_is_wrong(tmp_path, layout, problem):
    root = make(tmp_path / "data", layout) if layout else (tmp_path / "data")
    root.mkdir(exist_ok=True)
    with pytest.raises(DataError, match=problem) as err:
        load_dataset(root)
    assert str(root) in str(err.value)


def test_a_folder_of_only_bad_files(tmp_path):
    (tmp_path / "cat").mkdir()
    (tmp_path / "non-cat").mkdir()
    (tmp_path / "cat" / "a.txt").write_text("x")
    (tmp_path / "non-cat" / "b.txt").write_text("y")
    with pytest.raises(DataError, match="none of the 2 files could be read"):
        load_dataset(tmp_path)


def test_missing_path(tmp_path):
    with pytest.raises(DataError, match="no such file or folder"):
        load_dataset(tmp_path / "nowhere")


def test_progress_and_cancel(tmp_path):
    root = make(tmp_path, {"cat": 20, "non-cat": 20})
    calls = []
    load_dataset(root, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (40, 40) and [d for d, _ in calls] == list(range(1, 41))
    with pytest.raises(Cancelled):
        load_dataset(root, cancel=lambda: True)
