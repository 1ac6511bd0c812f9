"""Hostile inputs (issue 9): small files that declare huge data are refused before anything is read,
with one message naming the file, the declared size and the budget; what is accepted loads within
twice its final size; nothing but that one message reaches stderr."""

import subprocess
import sys
import tarfile
import tracemalloc
import zlib
from struct import pack

import h5py
import numpy as np
import pytest
from conftest import ROOT
from PIL import Image

from lrviz.cli import main
from lrviz.core import DataError, Preprocessing
from lrviz.io import load_dataset, read_image
from lrviz.io.budget import ENV
from lrviz.io.photos import PhotoJob, bytes_per_photo

BUDGET_WORDS = "lrviz loads at most"


@pytest.fixture(autouse=True)
def default_budget(monkeypatch):
    monkeypatch.delenv(ENV, raising=False)  # the machine's budget (≤ 4 GB), whatever the shell says


# -- hostile files, generated small -----------------------------------------------------------------
def h5_bomb(path):
    """40 KB on disk, declaring 1,000,000 × 64 × 64 × 3 (chunks never written read as zeros)."""
    with h5py.File(path, "w") as f:
        f.create_dataset("train_set_x", shape=(1_000_000, 64, 64, 3), dtype=np.uint8,
                         chunks=(1, 64, 64, 3), compression="gzip")
        f.create_dataset("train_set_y", data=np.arange(1_000_000) % 2, dtype=np.uint8,
                         chunks=True, compression="gzip", compression_opts=9)
    return path


def h5_gzip(path, m=4000):
    """m × 64 × 64 × 3 pixels really written, compressed to almost nothing."""
    with h5py.File(path, "w") as f:
        x = f.create_dataset("train_set_x", shape=(m, 64, 64, 3), dtype=np.uint8, chunks=(100, 64, 64, 3),
                             compression="gzip", compression_opts=1)
        for a in range(0, m, 500):
            x[a:a + 500] = np.full((min(500, m - a), 64, 64, 3), 7, np.uint8)
        f["train_set_y"] = np.arange(m) % 2
    return path


def h5_empty_images(path):
    with h5py.File(path, "w") as f:
        f["train_set_x"] = np.zeros((20, 0, 0, 3), np.uint8)
        f["train_set_y"] = np.arange(20) % 2
    return path


def png_declaring(path, width, height):
    """A PNG whose header says width × height, with a few rows of data: a few hundred bytes."""
    def chunk(kind, data):
        return pack(">I", len(data)) + kind + data + pack(">I", zlib.crc32(kind + data))
    rows = zlib.compress(b"\0" * (width * 3 + 1) * 4)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", rows) + chunk(b"IEND", b""))
    return path


RECORDS = 10_000_000  # what the hostile CIFAR batches declare: 30.7 GB of records


def cifar_record(label=3):
    rec = np.zeros(3073, np.uint8)
    rec[0] = label
    return rec.tobytes()


def cifar_tar(path):
    """A real small test batch, then a member whose header declares 10 million records (its data
    stops after 4 KB: nothing may read that far)."""
    with open(path, "wb") as out:
        for name, size, data in (("test_batch.bin", 2 * 3073, cifar_record(3) + cifar_record(0)),
                                 ("data_batch_1.bin", RECORDS * 3073, b"\0" * 4096)):
            info = tarfile.TarInfo(f"cifar-10-batches-bin/{name}")
            info.size = size
            out.write(info.tobuf(format=tarfile.PAX_FORMAT) + data + b"\0" * (-len(data) % 512))
    return path


def cifar_sparse_folder(folder):
    folder.mkdir()
    (folder / "test_batch.bin").write_bytes(cifar_record(3) + cifar_record(0))
    with open(folder / "data_batch_1.bin", "wb") as f:
        f.truncate(RECORDS * 3073)  # a sparse file: 30 GB declared, no disk used
    return folder


def image_folder(root, n=30, size=(20, 20)):
    for cls in ("cat", "non-cat"):
        (root / cls).mkdir(parents=True)
        for i in range(n):
            Image.new("RGB", size, (i, 100 if cls == "cat" else 0, 0)).save(root / cls / f"{i}.png")
    return root


def cli_error(capsys, *args):
    """Run ``lrviz train`` in this process: its status and its stderr lines."""
    capsys.readouterr()
    status = main(["train", "--iters", "1", *args])
    return status, capsys.readouterr().err.splitlines()


def refused_within(declared, load, ratio=1000):
    """Call ``load`` (which must raise DataError); its message. Meanwhile tracemalloc's peak stays
    under 1/ratio of the ``declared`` bytes."""
    tracemalloc.start()
    try:
        with pytest.raises(DataError) as err:
            load()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < declared / ratio, f"peak {peak:,} bytes while refusing {declared:,} declared"
    return str(err.value)


# -- 1. size before reading -------------------------------------------------------------------------
def test_an_h5_bomb_is_refused_from_its_shape(tmp_path, capsys):
    path = h5_bomb(tmp_path / "bomb.h5")
    assert path.stat().st_size < 100_000
    message = refused_within(12_288_000_000, lambda: load_dataset(path))
    assert message.startswith(f"{path}: declares 1,000,000 images of 64×64×3: 63.5 GB in memory; "
                              f"{BUDGET_WORDS} ")
    status, err = cli_error(capsys, "--data", str(path))
    assert status == 2 and err == [f"lrviz: error: {message}"]


def test_a_gzip_h5_over_the_budget_is_refused_and_under_it_loads(tmp_path, capsys, monkeypatch):
    path = h5_gzip(tmp_path / "zipped.h5")
    assert path.stat().st_size < 1_000_000  # 49 MB of pixels
    message = refused_within(49_152_000, lambda: load_dataset(path, budget=100_000_000))
    assert message == (f"{path}: declares 4,000 images of 64×64×3: 254 MB in memory; {BUDGET_WORDS} "
                       f"100 MB (set {ENV} or --max-memory to raise it) — use a smaller subset")
    status, err = cli_error(capsys, "--data", str(path), "--max-memory", "0.1")
    assert status == 2 and err == [f"lrviz: error: {message}"]
    monkeypatch.setenv(ENV, "0.1")
    assert cli_error(capsys, "--data", str(path))[1] == [f"lrviz: error: {message}"]
    ds = load_dataset(path, budget=300_000_000)  # allowed: loads
    assert ds.train_images.shape[1:] == (64, 64, 3) and int(ds.train_images.max()) == 7


def test_h5_images_of_no_pixels_are_not_a_data_set(tmp_path, capsys):
    path = h5_empty_images(tmp_path / "empty.h5")
    with pytest.raises(DataError) as err:
        load_dataset(path)
    assert str(err.value) == f"{path}: 'train_set_x' holds images of 0×0 pixels: not a data set of pictures"
    status, err_lines = cli_error(capsys, "--data", str(path))
    assert status == 2 and err_lines == [f"lrviz: error: {err.value}"]


def test_small_h5_parts_must_be_small(tmp_path):
    path = tmp_path / "classes.h5"
    with h5py.File(path, "w") as f:
        f["train_set_x"] = np.zeros((4, 2, 2, 3), np.uint8)
        f["train_set_y"] = np.array([0, 1, 0, 1])
        f.create_dataset("list_classes", shape=(10**9,), dtype="S10", chunks=(10**5,), compression="gzip")
    with pytest.raises(DataError, match="'list_classes' must name two classes, has 1,000,000,000 values"):
        load_dataset(path)
    with h5py.File(path, "w") as f:
        f.create_dataset("train_set_x", shape=(4, 2, 2, 3), maxshape=(None, 2, 2, 3), dtype=np.uint8,
                         chunks=(2**26, 2, 2, 3))  # one stored chunk of 805 MB to decompress
        f["train_set_y"] = np.array([0, 1, 0, 1])
    with pytest.raises(DataError, match="'train_set_x' is stored in chunks of 805 MB; lrviz reads chunks"):
        load_dataset(path)


def test_a_folder_of_more_files_than_the_budget_is_refused_before_decoding(tmp_path, capsys, monkeypatch):
    root = image_folder(tmp_path / "photos", 30)
    message = refused_within(60 * 64 * 64 * 3, lambda: load_dataset(root, budget=1_000_000), 10)
    assert message.startswith(f"{root}: declares 60 images of 64×64×3: 3.81 MB in memory; "
                              f"{BUDGET_WORDS} 1 MB")
    status, err = cli_error(capsys, "--data", str(root), "--max-memory", "0.001")
    assert status == 2 and err == [f"lrviz: error: {message}"]
    decoded = []
    monkeypatch.setattr("lrviz.io.folder.read_images", lambda *a, **k: decoded.append(a))
    with pytest.raises(DataError):
        load_dataset(root, budget=1_000_000)
    assert decoded == []  # refused before a single file was opened


def test_an_image_declaring_a_huge_size_is_refused_from_its_header(tmp_path, capsys, monkeypatch):
    huge = png_declaring(tmp_path / "huge.png", 30000, 30000)  # over Pillow's own bomb limit
    with pytest.raises(DataError) as err:
        read_image(huge)
    assert str(err.value).startswith(f"{huge}: is 900 megapixels, refused as a possible decompression bomb; "
                                     "lrviz decodes at most ")
    monkeypatch.setenv(ENV, "0.1")  # 100 MB for 8 decoders at once: at most 0.781 megapixels each
    big = png_declaring(tmp_path / "big.png", 2000, 2000)
    with pytest.raises(DataError) as err:
        read_image(big)
    assert str(err.value) == (f"{big}: is 2000×2000 pixels (4 megapixels); lrviz decodes at most "
                              f"0.781 megapixels per image (set {ENV} to raise it)")
    root = image_folder(tmp_path / "folder", 5)  # in a folder: that file is skipped and said so
    (root / "cat" / "big.png").write_bytes(big.read_bytes())
    status, err_lines = cli_error(capsys, "--data", str(root))
    assert status == 0 and err_lines == [f"lrviz: skipped {root / 'cat' / 'big.png'}: is 2000×2000 pixels "
                                         f"(4 megapixels); lrviz decodes at most 0.781 megapixels per image "
                                         f"(set {ENV} to raise it)"]


@pytest.mark.parametrize("make", [cifar_tar, cifar_sparse_folder], ids=["tar", "sparse-folder"])
def test_cifar_batches_declaring_huge_sizes_are_refused_before_reading(tmp_path, capsys, make):
    path = make(tmp_path / ("cifar.tar" if make is cifar_tar else "cifar"))
    message = refused_within(RECORDS * 3073, lambda: load_dataset(path))
    assert message.startswith(f"{path}: declares 10,000,002 images of 32×32×3: 174 GB in memory; {BUDGET_WORDS} ")
    status, err = cli_error(capsys, "--data", str(path))
    assert status == 2 and err == [f"lrviz: error: {message}"]


def test_a_cifar_archive_of_endless_headers_is_refused(tmp_path):
    path = tmp_path / "many.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        for i in range(1200):
            tar.addfile(tarfile.TarInfo(f"x/{i}"))
    with pytest.raises(DataError, match="holds more than 1,000 files; a CIFAR-10 archive holds 8"):
        load_dataset(path)


def test_a_drop_bigger_than_the_budget_decodes_only_what_fits(tmp_path):
    from test_io_photos import collect
    folder = tmp_path / "drop"
    folder.mkdir()
    for i in range(5):
        Image.new("RGB", (30, 30), (i, 0, 0)).save(folder / f"{i}.png")
    huge = png_declaring(tmp_path / "huge.png", 30000, 30000)
    each = bytes_per_photo((64, 64, 3))
    photos = collect(PhotoJob([folder, huge], (64, 64, 3), processes=False, budget=3 * each))
    assert [p.error for p in photos[:3]] == [None, None, None]
    why = "not loaded: this drop would need 829 KB; lrviz holds at most 415 KB of photos"
    assert [p.error for p in photos[3:]] == [why, why, why] and photos[3].image is None
    alone = collect(PhotoJob([huge], (64, 64, 3), processes=False))
    assert alone[0].error.startswith("is 900 megapixels, refused as a possible decompression bomb")


# -- peak memory of what is accepted: ≤ 2 × the final size ------------------------------------------
def write_h5(path, prefix_sizes, side=32, seed=0):
    rng = np.random.default_rng(seed)
    with h5py.File(path, "w") as f:
        for prefix, m in prefix_sizes:
            f[f"{prefix}_set_x"] = rng.integers(0, 256, (m, side, side, 3), dtype=np.uint8)
            f[f"{prefix}_set_y"] = np.arange(m) % 2
    return path


def cifar_batches(folder, sizes):
    folder.mkdir()
    rng = np.random.default_rng(0)
    for name, m in sizes:
        rec = rng.integers(0, 256, (m, 3073), dtype=np.uint8)
        rec[:, 0] = np.arange(m) % 10
        (folder / name).write_bytes(rec.tobytes())
    return folder


def peak_and_final(spec, **options):
    """Load as the window does (lrviz/training/loader.py): the peak traced memory and the final size."""
    tracemalloc.start()
    try:
        ds = load_dataset(spec, **options)
        prep = Preprocessing.fit(ds.train_images)
        X, X_test = prep.transform(ds.train_images), prep.transform(ds.test_images)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak, ds.train_images.nbytes + ds.test_images.nbytes + X.nbytes + X_test.nbytes


def accepted_cases(tmp_path):
    write_h5(tmp_path / "train_catvnoncat.h5", [("train", 1500)])
    write_h5(tmp_path / "test_catvnoncat.h5", [("test", 500)], seed=1)
    folder = image_folder(tmp_path / "images", 150, (48, 40))
    cifar = cifar_batches(tmp_path / "cifar", [("data_batch_1.bin", 1000), ("data_batch_2.bin", 700),
                                               ("test_batch.bin", 500)])
    with tarfile.open(tmp_path / "cifar.tar.gz", "w:gz") as tar:
        tar.add(cifar, arcname="cifar-10-batches-bin")
    return {"h5 pair": tmp_path, "h5 one file (80/20)": tmp_path / "train_catvnoncat.h5",
            "image folder": folder, "cifar folder": cifar, "cifar tar.gz": tmp_path / "cifar.tar.gz"}


def test_loading_peaks_within_twice_the_final_size(tmp_path):
    for name, spec in accepted_cases(tmp_path).items():
        peak, final = peak_and_final(spec)
        assert final > 5_000_000, name
        assert peak <= 2 * final, f"{name}: peak {peak:,} bytes for {final:,} final"


def test_accepted_h5_is_read_in_blocks_and_other_integer_pixels_range_checked(tmp_path, monkeypatch):
    import lrviz.io.h5 as h5
    monkeypatch.setattr(h5, "BLOCK_BYTES", 10_000)  # 3 images of 32×32×3 a block; one row of a big image
    path = write_h5(tmp_path / "both.h5", [("train", 50), ("test", 10)])
    with h5py.File(path) as f:
        expected = f["train_set_x"][()]
    np.testing.assert_array_equal(load_dataset(path).train_images, expected)
    big = tmp_path / "big.h5"
    with h5py.File(big, "w") as f:
        f["train_set_x"] = np.arange(4 * 80 * 60 * 3).reshape(4, 80, 60, 3) % 256
        f["train_set_y"] = np.array([0, 1, 0, 1])
        f["test_set_x"] = np.full((2, 80, 60, 3), 256, np.int16)
        f["test_set_y"] = np.array([0, 1])
    with pytest.raises(DataError, match="'test_set_x' has pixel values outside 0…255"):
        load_dataset(big)


# -- 4. nothing else on stderr ----------------------------------------------------------------------
def test_the_command_line_prints_one_line_for_each_hostile_file(tmp_path):
    cases = [h5_bomb(tmp_path / "bomb.h5"), h5_empty_images(tmp_path / "empty.h5"), cifar_tar(tmp_path / "c.tar"),
             cifar_sparse_folder(tmp_path / "cifar")]
    for path in cases:
        r = subprocess.run([sys.executable, "-W", "default", "-m", "lrviz", "train", "--data", str(path)],
                           capture_output=True, text=True, cwd=ROOT, env={"PATH": "/usr/bin:/bin"})
        assert r.returncode == 2 and r.stdout == ""
        assert r.stderr.count("\n") == 1 and r.stderr.startswith(f"lrviz: error: {path}: "), r.stderr


def test_odd_images_give_no_warnings_only_their_own_lines(tmp_path):
    root = image_folder(tmp_path / "odd", 4)
    odd = root / "cat"
    frames = [Image.new("P", (10, 10), i) for i in range(3)]
    frames[0].save(odd / "anim.gif", save_all=True, append_images=frames[1:])
    Image.fromarray(np.full((10, 10), np.nan, np.float32), "F").save(odd / "nan.tif")
    Image.fromarray(np.full((8, 8), -5, np.int32), "I").save(odd / "negative.tif")
    jpeg = bytearray()
    with open(odd / "exif.jpg", "wb") as f:  # an EXIF block whose tags point past its end
        im = Image.new("RGB", (16, 16))
        exif = im.getexif()
        exif[0x0112] = 6
        exif[0x010E] = "x" * 100
        im.save(f, "JPEG", exif=exif)
    jpeg = bytearray((odd / "exif.jpg").read_bytes())
    at = jpeg.find(b"Exif")
    jpeg[at + 20:at + 60] = b"\xff" * 40
    (odd / "exif.jpg").write_bytes(jpeg)
    app2 = b"MPF\0MM\0\x2a\0\0\0\x08" + b"\xff" * 20  # a malformed MPO header
    plain = (root / "non-cat" / "0.png").with_suffix(".jpg")
    Image.new("RGB", (16, 16)).save(plain)
    data = plain.read_bytes()
    (odd / "mpo.jpg").write_bytes(data[:2] + b"\xff\xe2" + pack(">H", len(app2) + 2) + app2 + data[2:])
    plain.unlink()
    (odd / "cut.png").write_bytes((root / "cat" / "0.png").read_bytes()[:60])
    r = subprocess.run([sys.executable, "-W", "default", "-m", "lrviz", "train", "--data", str(root), "--iters", "1"],
                       capture_output=True, text=True, cwd=ROOT, env={"PATH": "/usr/bin:/bin"})
    assert r.returncode == 0, r.stderr
    assert r.stderr.splitlines() == [f"lrviz: skipped {odd / 'cut.png'}: the image file is truncated "
                                     "(incomplete download or copy?)"]


@pytest.mark.parametrize("args, message", [
    (["--side", "0"], "--side must be ≥ 1, got 0"),
    (["--iters", "-3"], "--iters must be ≥ 0, got -3"),
    (["--print-every", "0", "--side", "-1"], "--print-every must be ≥ 1, got 0; --side must be ≥ 1, got -1"),
    (["--max-memory", "lots"], "--max-memory must be a positive number of GB, got 'lots'"),
    (["--max-memory", "-2"], "--max-memory must be a positive number of GB, got '-2'"),
    (["--max-memory", "nan"], "--max-memory must be a positive number of GB, got 'nan'"),
])
def test_each_bad_option_is_named(capsys, args, message):
    status, err = cli_error(capsys, "--data", "builtin:toy", *args)
    assert status == 2 and err == [f"lrviz: error: {message}"]
