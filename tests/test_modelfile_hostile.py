"""Model files are data, never code, and never trusted: every hostile file gets one message naming
the file and the field, through the reader and through `lrviz predict`."""

import io
import tracemalloc
import zipfile

import numpy as np
import pytest

from lrviz.cli import main
from lrviz.core import DataError, LogisticModel, Preprocessing
from lrviz.io import load_model, save_model


def fields(**over):
    good = {"format": np.int64(1), "w": np.zeros(12), "b": np.float64(0.5),
            "image_shape": np.array([2, 2, 3]), "scale": np.str_("255"), "classes": np.array(["non-cat", "cat"])}
    good.update(over)
    return {k: v for k, v in good.items() if v is not None}


def write(path, **over):
    with open(path, "wb") as f:
        np.savez(f, **fields(**over))
    return path


HOSTILE = [
    ("b_two", dict(b=np.array([1.0, 2.0])), "'b' must be one number"),
    ("w_text", dict(w=np.array(["a"] * 12)), "'w' has values of type"),
    ("format_text", dict(format=np.str_("one")), "'format' has values of type"),
    ("wrapping_shape", dict(image_shape=np.array([2**32, 2**32, 1])), "'w' has 12 values but a 4294967296×4294967296×1 image"),
    ("complex_w", dict(w=np.zeros(12, dtype=complex)), "'w' has values of type complex"),
    ("nan_b", dict(b=np.float64("nan")), "'b' is nan"),
    ("inf_w", dict(w=np.full(12, np.inf)), "'w' holds nan or inf"),
    ("zero_std", dict(scale=np.str_("standardize"), mean=np.zeros(12), std=np.zeros(12)), "'std' has zero"),
    ("no_std", dict(scale=np.str_("standardize"), mean=np.zeros(12)), "needs the field 'std'"),
    ("bad_scale", dict(scale=np.str_("log")), "field 'scale'"),
    ("three_classes", dict(classes=np.array(["a", "b", "c"])), "'classes' must be two names"),
    ("no_w", dict(w=None), "missing w"),
    ("bad_shape", dict(image_shape=np.array([2, 2])), "'image_shape'"),
    ("format_two", dict(format=np.int64(2)), "model format 2"),
]


def cli_error(capsys, model, tmp_path):
    image = tmp_path / "x.png"
    from PIL import Image
    Image.new("RGB", (4, 4), "red").save(image)
    status = main(["predict", "--model", str(model), str(image)])
    err = capsys.readouterr().err.strip().splitlines()
    return status, err


@pytest.mark.parametrize(("name", "change", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_each_hostile_field_gets_one_message_naming_file_and_field(tmp_path, capsys, name, change, message):
    path = write(tmp_path / f"{name}.npz", **change)
    with pytest.raises(DataError) as e:
        load_model(path)
    assert str(path) in str(e.value) and message in str(e.value)
    status, err = cli_error(capsys, path, tmp_path)
    assert status == 2 and len(err) == 1 and err[0].startswith("lrviz: error: ") and message in err[0]


def test_not_a_model_at_all(tmp_path, capsys):
    npy = tmp_path / "renamed.npz"
    with open(npy, "wb") as f:
        np.save(f, np.zeros(3))
    text = tmp_path / "notes.npz"
    text.write_text("hello, this is text")
    cases = {npy: "single .npy array", text: "not a .npz archive", tmp_path / "missing.npz": "no such file",
             tmp_path: "is a folder"}
    for path, message in cases.items():
        with pytest.raises(DataError, match=message):
            load_model(path)
        status, err = cli_error(capsys, path, tmp_path)
        assert status == 2 and len(err) == 1 and message in err[0]


def test_a_member_declaring_a_huge_array_is_refused_before_reading(tmp_path, monkeypatch):
    """A compressed w of 10¹⁰ zeros would be 80 GB in memory; its header says so, and it is refused
    with the budget, without being read."""
    monkeypatch.setenv("LRVIZ_MAX_MEMORY_GB", "1")
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(header, {"descr": "<f8", "fortran_order": False, "shape": (10**10,)})
    path = tmp_path / "bomb.npz"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for k, v in fields().items():
            if k != "w":
                buf = io.BytesIO()
                np.save(buf, v)
                z.writestr(f"{k}.npy", buf.getvalue())
        z.writestr("w.npy", header.getvalue() + b"\0" * 4096)
    tracemalloc.start()
    with pytest.raises(DataError, match="declares a field 'w' of shape .*80 GB in memory; lrviz loads at most 1 GB"):
        load_model(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 10 * 2**20


def test_a_good_model_round_trips_and_a_zero_std_cannot_be_saved_or_built(tmp_path):
    prep = Preprocessing((2, 2, 3), "standardize", np.zeros(12), np.full(12, 0.5))
    model = LogisticModel(np.arange(12.0), -0.25, prep, ("dog", "cat"))
    save_model(tmp_path / "m.npz", model)
    back = load_model(tmp_path / "m.npz")
    np.testing.assert_array_equal(back.w, model.w)
    assert back.b == model.b and back.classes == ("dog", "cat") and back.preprocessing.scale == "standardize"
    with pytest.raises(ValueError, match="std must be positive"):
        Preprocessing((2, 2, 3), "standardize", np.zeros(12), np.zeros(12))
    images = np.zeros((3, 2, 2, 3), np.uint8)
    assert np.all(Preprocessing.fit(images, "standardize").std > 0)  # constant pixels: clamped at fit
