"""Model files are data, never code, and never trusted: every hostile file gets one message naming
the file and the field, through the reader and through `lrviz predict` (status 2, one line)."""

import io
import os
import random
import tracemalloc
import zipfile

import numpy as np
import pytest
from conftest import missing
from PIL import Image

from lrviz.cli import main
from lrviz.core import DataError, LogisticModel, Preprocessing
from lrviz.io import load_model, save_model

STANDARDIZE = dict(scale=np.str_("standardize"), mean=np.zeros(12), std=np.ones(12))


def fields(**over):
    good = {"format": np.int64(1), "w": np.zeros(12), "b": np.float64(0.5),
            "image_shape": np.array([2, 2, 3]), "scale": np.str_("255"), "classes": np.array(["non-cat", "cat"])}
    good.update(over)
    return {k: v for k, v in good.items() if v is not None}


def write(path, **over):
    with open(path, "wb") as f:
        np.savez(f, **fields(**over))
    return path


def npy(value):
    buf = io.BytesIO()
    np.save(buf, value)
    return buf.getvalue()


def write_zip(path, members, compression=zipfile.ZIP_STORED):
    """A zip of the good fields, with ``members`` (name -> bytes) added or replacing them."""
    with zipfile.ZipFile(path, "w", compression) as z:
        for name, data in {**{f"{k}.npy": npy(v) for k, v in fields().items()}, **members}.items():
            z.writestr(name, data)
    return path


def patch_headers(path, central, local=None):
    """Apply ``central(entry)`` to every central-directory entry and ``local(entry)`` to every local header."""
    data = bytearray(path.read_bytes())
    for signature, change in ((b"PK\x01\x02", central), (b"PK\x03\x04", local)):
        i = data.find(signature)
        while change and i >= 0:
            change(data, i)
            i = data.find(signature, i + 4)
    path.write_bytes(bytes(data))
    return path


def set_u16(offset, value):
    return lambda data, i: data.__setitem__(slice(i + offset, i + offset + 2), value.to_bytes(2, "little"))


def set_flag(offset, bit):
    return lambda data, i: data.__setitem__(i + offset, data[i + offset] | bit)


# name, what is changed in a good model, what the message says
FIELDS = [
    ("b_two_values", dict(b=np.array([1.0, 2.0])), "field 'b' must be one number, got an array of shape (2,)"),
    ("b_3d", dict(b=np.zeros((1, 1, 1))), "field 'b' must be one number, got an array of shape (1, 1, 1)"),
    ("b_nan", dict(b=np.float64("nan")), "field 'b' is nan, not a finite number"),
    ("w_text", dict(w=np.array(["a"] * 12)), "field 'w' has values of type <U1, expected numbers"),
    ("w_complex", dict(w=np.zeros(12, dtype=complex)), "field 'w' has values of type complex128, expected numbers"),
    ("w_bool", dict(w=np.ones(12, dtype=bool)), "field 'w' has values of type bool, expected numbers"),
    ("w_structured", dict(w=np.zeros(12, dtype=[("a", "f8")])), "field 'w' has values of type [('a', '<f8')]"),
    ("w_datetime", dict(w=np.zeros(12, dtype="M8[s]")), "field 'w' has values of type datetime64[s]"),
    ("w_object", dict(w=np.array([None] * 12, dtype=object)), "field 'w' has values of type object"),
    ("w_extra_dimension", dict(w=np.zeros((2, 6))), "field 'w' must be a vector (n,) or a column (n, 1), "
                                                    "got an array of shape (2, 6)"),
    ("w_inf", dict(w=np.full(12, np.inf)), "field 'w' holds nan or inf"),
    ("w_overflows", dict(w=np.array([1e308, -1e308] * 6)), "fields 'w' and 'b' are so large that wᵀx + b overflows"),
    ("w_short", dict(w=np.zeros(5)), "field 'w' has 5 values but a 2×2×3 image gives 12 features"),
    ("format_text", dict(format=np.str_("one")), "field 'format' has values of type <U3, expected integers"),
    ("format_float", dict(format=np.float64(1.0)), "field 'format' has values of type float64, expected integers"),
    ("format_two", dict(format=np.int64(2)), "model format 2; this lrviz reads format 1"),
    ("image_shape_wraps_to_0", dict(image_shape=np.array([2**32, 2**32, 1])),
     "field 'w' has 12 values but a 4294967296×4294967296×1 image gives 18446744073709551616 features"),
    ("image_shape_two_values", dict(image_shape=np.array([2, 2])),
     "field 'image_shape' must be (height, width, channels), got an array of shape (2,)"),
    ("image_shape_negative", dict(image_shape=np.array([-2, -2, 3])), "field 'image_shape' (-2, -2, 3) is not"),
    ("image_shape_2_channels", dict(image_shape=np.array([2, 3, 2])), "field 'image_shape' (2, 3, 2) is not"),
    ("image_shape_floats", dict(image_shape=np.array([2.0, 2.0, 3.0])), "field 'image_shape' has values of type float64"),
    ("scale_unknown", dict(scale=np.str_("log")), "field 'scale' is 'log'; lrviz knows '255' and 'standardize'"),
    ("scale_number", dict(scale=np.int64(255)), "field 'scale' has values of type int64, expected text"),
    ("scale_very_long", dict(scale=np.str_("x" * 10_000)), "field 'scale' holds text longer than 255 characters"),
    ("classes_three", dict(classes=np.array(["a", "b", "c"])), "field 'classes' must be two names, got an array of shape (3,)"),
    ("classes_2d", dict(classes=np.array([["a", "b"]])), "field 'classes' must be two names, got an array of shape (1, 2)"),
    ("classes_numbers", dict(classes=np.array([0, 1])), "field 'classes' has values of type int64, expected text"),
    ("classes_bytes", dict(classes=np.array([b"a", b"b"])), "field 'classes' has values of type |S1, expected text"),
    ("classes_empty_name", dict(classes=np.array(["", "cat"])), "field 'classes' has the name ''"),
    ("classes_escape_codes", dict(classes=np.array(["\x1b[2J", "cat"])), r"field 'classes' has the name '\x1b[2J'"),
    ("std_zero", dict(STANDARDIZE, std=np.zeros(12)), "field 'std' has zero or negative values"),
    ("std_negative", dict(STANDARDIZE, std=-np.ones(12)), "field 'std' has zero or negative values"),
    ("std_nan", dict(STANDARDIZE, std=np.full(12, np.nan)), "field 'std' holds nan or inf"),
    ("std_tiny", dict(STANDARDIZE, std=np.full(12, 1e-320)), "field 'std' has values so small that the features overflow"),
    ("std_missing", dict(STANDARDIZE, std=None), "a standardised model needs the field 'std'"),
    ("std_0d", dict(STANDARDIZE, std=np.float64(1.0)), "field 'std' must be a vector (n,) or a column (n, 1), got an array of shape ()"),
    ("mean_inf", dict(STANDARDIZE, mean=np.full(12, -np.inf)), "field 'mean' holds nan or inf"),
    ("mean_wrong_length", dict(STANDARDIZE, mean=np.zeros(3)), "field 'mean' has 3 values but a 2×2×3 image gives 12"),
    ("w_missing", dict(w=None), "not an lrviz model file: missing w"),
]


def cli_errors(capsys, model, tmp_path):
    image = tmp_path / "photo.png"
    if not image.exists():
        Image.new("RGB", (4, 4), "red").save(image)
    capsys.readouterr()
    status = main(["predict", "--model", str(model), str(image)])
    out, err = capsys.readouterr()
    assert out == ""
    return status, err.splitlines()


def assert_refused(path, message, tmp_path, capsys, budget=None):
    with pytest.raises(DataError) as e:
        load_model(path, budget)
    assert str(e.value).startswith(f"{path}: ") and message in str(e.value)
    if budget is None:
        status, err = cli_errors(capsys, path, tmp_path)
        assert status == 2 and err == [f"lrviz: error: {e.value}"]


@pytest.mark.parametrize(("name", "change", "message"), FIELDS, ids=[f[0] for f in FIELDS])
def test_each_hostile_field_gets_one_message_naming_file_and_field(tmp_path, capsys, name, change, message):
    assert_refused(write(tmp_path / f"{name}.npz", **change), message, tmp_path, capsys)


def hostile_archives(tmp_path):
    """name -> (path, message) for files that are not well-formed model archives."""
    good = write(tmp_path / "good.npz").read_bytes()
    cases = {"renamed_npy": ("renamed.npz", npy(np.zeros(3)), "is a single .npy array, not an lrviz model (.npz)"),
             "text": ("notes.npz", b"hello, this is text", "not an lrviz model file (not a .npz archive)"),
             "pickle": ("pickle.npz", b"\x80\x04\x95" + bytes(40), "not an lrviz model file (not a .npz archive)"),
             "empty": ("empty.npz", b"", "is empty, not an lrviz model file"),
             "truncated": ("truncated.npz", good[: len(good) // 2], "not an lrviz model file (not a .npz archive)")}
    out = {name: (tmp_path / file, message) for name, (file, _, message) in cases.items()}
    for file, data, _ in cases.values():
        (tmp_path / file).write_bytes(data)
    out["missing"] = (tmp_path / "missing.npz", "no such file")
    out["folder"] = (tmp_path, "is a folder, not a model file")
    if hasattr(os, "mkfifo"):  # a FIFO would block a reader that just opens it
        os.mkfifo(tmp_path / "fifo.npz")
        out["fifo"] = (tmp_path / "fifo.npz", "is not a regular file")
    out["member_not_npy"] = (write_zip(tmp_path / "text_member.npz", {"w.npy": b"hello"}),
                             "field 'w' is not a readable numpy array (EOF: reading magic string")
    out["npy_version_9"] = (write_zip(tmp_path / "v9.npz", {"w.npy": b"\x93NUMPY\x09\x00" + bytes(64)}),
                            "field 'w' is not a readable numpy array (unknown .npy version 9.0)")
    header = npy(np.zeros(12))[:128]
    out["npy_data_missing"] = (write_zip(tmp_path / "short.npz", {"w.npy": header}),
                               "field 'w' is not a readable numpy array (EOF")
    twice = write_zip(tmp_path / "twice.npz", {"W.npy": b"", "dir/w.npy": b""})  # these two are ignored
    with zipfile.ZipFile(twice, "a") as z, pytest.warns(UserWarning, match="Duplicate name"):
        z.writestr("w.npy", npy(np.ones(12)))
    out["duplicate_field"] = (twice, "field 'w' appears twice")
    compressed = write_zip(tmp_path / "corrupt.npz", {"w.npy": npy(np.arange(400.0))}, zipfile.ZIP_DEFLATED)
    data = bytearray(compressed.read_bytes())
    with zipfile.ZipFile(compressed) as z:
        start = z.getinfo("w.npy").header_offset + 40
    data[start:start + 200] = bytes(200)
    compressed.write_bytes(bytes(data))
    out["corrupt_deflate"] = (compressed, "field 'w' is not a readable numpy array (Error -3 while decompressing")
    out["encrypted"] = (patch_headers(write_zip(tmp_path / "encrypted.npz", {}), set_flag(8, 1), set_flag(6, 1)),
                        "field 'format' is not a readable numpy array (File <ZipInfo filename='format.npy'")
    out["compression_99"] = (patch_headers(write_zip(tmp_path / "method.npz", {}), set_u16(10, 99), set_u16(8, 99)),
                             "field 'format' is not a readable numpy array (That compression method is not supported)")
    out["zip_version_99"] = (patch_headers(write_zip(tmp_path / "version.npz", {}), set_u16(6, 99)),
                             "not an lrviz model file (not a .npz archive)")
    return out


ARCHIVES = ["renamed_npy", "text", "pickle", "empty", "truncated", "missing", "folder", "fifo", "member_not_npy",
            "npy_version_9", "npy_data_missing", "duplicate_field", "corrupt_deflate", "encrypted", "compression_99",
            "zip_version_99"]


@pytest.mark.parametrize("name", ARCHIVES)
def test_files_that_are_not_model_archives(tmp_path, capsys, name):
    cases = hostile_archives(tmp_path)
    if name not in cases:
        missing(f"{name}: cannot be made on this system")
    path, message = cases[name]
    assert_refused(path, message, tmp_path, capsys)


def test_a_member_declaring_a_huge_array_is_refused_before_reading(tmp_path, monkeypatch, capsys):
    """A compressed w of 10¹⁰ float64 would be 80 GB in memory: its header says so, and it is refused
    against the budget without being read."""
    monkeypatch.setenv("LRVIZ_MAX_MEMORY_GB", "1")
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(header, {"descr": "<f8", "fortran_order": False, "shape": (10**10,)})
    path = write_zip(tmp_path / "bomb.npz", {"w.npy": header.getvalue() + bytes(4096)}, zipfile.ZIP_DEFLATED)
    message = "declares a field 'w' of 10,000,000,000 features: 400 GB in memory; lrviz loads at most 1 GB"
    tracemalloc.start()
    with pytest.raises(DataError, match=message):
        load_model(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 2 * 2**20
    assert_refused(path, message, tmp_path, capsys)


def test_a_real_compressed_array_too_big_for_the_budget_is_not_read(tmp_path, monkeypatch, capsys):
    """savez_compressed-style: 10⁷ zeros (80 MB declared by both the zip member and the .npy header)
    in a file of a few hundred KB."""
    monkeypatch.setenv("LRVIZ_MAX_MEMORY_GB", "0.1")
    path = write_zip(tmp_path / "zeros.npz", {}, zipfile.ZIP_DEFLATED)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as z, z.open("mean.npy", "w") as f:
        np.lib.format.write_array_header_1_0(f, {"descr": "<f8", "fortran_order": False, "shape": (10**7,)})
        for _ in range(10):
            f.write(bytes(8 * 10**6))
    assert path.stat().st_size < 10**6
    tracemalloc.start()
    with pytest.raises(DataError, match="declares a field 'mean' of 10,000,000 features: 400 MB in memory"):
        load_model(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 2 * 2**20
    assert_refused(path, "lrviz loads at most 100 MB", tmp_path, capsys)


def test_a_zip_member_declaring_a_huge_size_is_refused(tmp_path, capsys):
    path = patch_headers(write_zip(tmp_path / "lies.npz", {}), lambda data, i: data.__setitem__(
        slice(i + 24, i + 28), (4 * 10**9).to_bytes(4, "little")))
    assert_refused(path, "declares a field 'format' of 4,000,000,000 bytes in the zip: 4 GB in memory",
                   tmp_path, capsys, budget=10**9)


def test_random_damage_gives_a_model_or_one_data_error(tmp_path, rng):
    """Flipped, replaced and cut bytes anywhere in stored and compressed model files."""
    prep = Preprocessing.fit(rng.integers(0, 256, (20, 2, 2, 3), dtype=np.uint8), "standardize")
    model = LogisticModel(rng.normal(size=12), 0.1, prep, ("dog", "cat"))
    save_model(tmp_path / "stored.npz", model)
    with zipfile.ZipFile(tmp_path / "stored.npz") as z, zipfile.ZipFile(tmp_path / "deflated.npz", "w",
                                                                         zipfile.ZIP_DEFLATED) as out:
        for name in z.namelist():
            out.writestr(name, z.read(name))
    damaged = tmp_path / "damaged.npz"
    r = random.Random(0)
    for original in ((tmp_path / "stored.npz").read_bytes(), (tmp_path / "deflated.npz").read_bytes()):
        for _ in range(200):
            data = bytearray(original)
            for _ in range(r.choice([1, 2, 8])):
                data[r.randrange(len(data))] = r.randrange(256)
            damaged.write_bytes(bytes(data[: r.randrange(len(data))] if r.random() < 0.1 else data))
            try:
                load_model(damaged)
            except DataError as e:
                assert str(e).startswith(f"{damaged}: ") and "\n" not in str(e)


def test_a_good_model_round_trips_exactly(tmp_path, rng):
    images = rng.integers(0, 256, (10, 2, 2, 3), dtype=np.uint8)
    model = LogisticModel(rng.normal(size=12), -0.25, Preprocessing.fit(images, "standardize"), ("dog", "cat"))
    save_model(tmp_path / "m.npz", model)
    back = load_model(tmp_path / "m.npz")
    np.testing.assert_array_equal(back.w, model.w)
    np.testing.assert_array_equal(back.preprocessing.mean, model.preprocessing.mean)
    np.testing.assert_array_equal(back.preprocessing.std, model.preprocessing.std)
    assert (back.b, back.classes, back.preprocessing.image_shape) == (model.b, ("dog", "cat"), (2, 2, 3))
    np.testing.assert_array_equal(back.predict_proba(images), model.predict_proba(images))


def test_the_courses_column_w_and_one_element_fields_load(tmp_path):
    """The course keeps w as an (n, 1) column; a number may be 0-d or of shape (1,)."""
    model = load_model(write(tmp_path / "column.npz", w=np.arange(12.0).reshape(12, 1), b=np.array([0.5]),
                             format=np.array([1], dtype=np.uint8), scale=np.array(["255"])))
    np.testing.assert_array_equal(model.w, np.arange(12.0))
    assert model.b == 0.5


@pytest.mark.parametrize(("mean", "std", "message"), [
    (0.0, 0.0, "std must be positive"), (0.0, -1.0, "std must be positive"),
    (0.0, np.nan, "std holds nan or inf"), (0.0, np.inf, "std holds nan or inf"), (np.nan, 1.0, "mean holds nan or inf"),
])
def test_a_bad_standardisation_cannot_be_built_or_saved(tmp_path, mean, std, message):
    with pytest.raises(ValueError, match=message):
        Preprocessing((2, 2, 3), "standardize", np.full(12, mean), np.full(12, std))
    prep = Preprocessing((2, 2, 3), "standardize", np.zeros(12), np.ones(12))
    prep.std[:], prep.mean[:] = std, mean  # the arrays are mutable: save checks again
    with pytest.raises(DataError, match="cannot be saved: field '(std|mean)'"):
        save_model(tmp_path / "m.npz", LogisticModel(np.zeros(12), 0.0, prep))
    assert not (tmp_path / "m.npz").exists()


def test_fit_clamps_constant_pixels_instead_of_dividing_by_zero():
    prep = Preprocessing.fit(np.full((3, 2, 2, 3), 7, np.uint8), "standardize")
    assert np.all(prep.std == 1 / 255)
