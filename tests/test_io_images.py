import numpy as np
import pytest
from PIL import Image

from lrviz.core import DataError
from lrviz.io import read_image, read_images


def save(im: Image.Image, path, **kw):
    im.save(path, **kw)
    return path


def test_png_is_resized_exactly_as_the_course_does(tmp_path, rng):
    src = Image.fromarray(rng.integers(0, 256, (90, 120, 3), dtype=np.uint8))
    path = save(src, tmp_path / "a.png")
    expected = np.asarray(Image.open(path).resize((64, 64)))  # the lab's line: bicubic
    np.testing.assert_array_equal(read_image(path), expected)


def test_exif_orientation_is_applied(tmp_path):
    arr = np.zeros((40, 60, 3), np.uint8)
    arr[:, :30] = (255, 0, 0)  # red on the left as stored
    im = Image.fromarray(arr)
    exif = im.getexif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    path = save(im, tmp_path / "phone.jpg", exif=exif, quality=95)
    out = read_image(path, (64, 64)).astype(int)
    assert out[:20, :, 0].mean() > 200 and out[44:, :, 0].mean() < 60  # red now on top


def test_transparency_is_composited_on_white(tmp_path):
    rgba = Image.new("RGBA", (10, 10), (0, 0, 0, 0))
    assert read_image(save(rgba, tmp_path / "clear.png")).min() == 255
    pal = Image.new("P", (10, 10), 0)
    pal.putpalette([0, 0, 0] * 256)
    pal.info["transparency"] = 0
    assert read_image(save(pal, tmp_path / "pal.png", transparency=0)).min() == 255
    la = Image.new("LA", (10, 10), (0, 128))
    assert read_image(save(la, tmp_path / "la.png")).max() == pytest.approx(127, abs=2)


def test_grey_palette_cmyk_and_16_bit_convert(tmp_path):
    grey = read_image(save(Image.new("L", (8, 8), 100), tmp_path / "g.png"))
    assert grey.shape == (64, 64, 3) and np.all(grey == 100)
    pal = Image.new("P", (8, 8), 1)
    pal.putpalette([0, 0, 0, 10, 200, 30] + [0, 0, 0] * 254)
    assert tuple(read_image(save(pal, tmp_path / "p.png"))[5, 5]) == (10, 200, 30)
    cmyk = read_image(save(Image.new("CMYK", (8, 8), (0, 255, 255, 0)), tmp_path / "c.jpg"))
    assert cmyk[..., 0].mean() > 200 and cmyk[..., 1].mean() < 60  # CMYK red comes out red
    for value, expected in ((65535, 255), (32896, 128), (0, 0)):
        im16 = Image.fromarray(np.full((8, 8), value, np.uint16))
        assert im16.mode.startswith("I;16")
        assert np.all(read_image(save(im16, tmp_path / f"d{value}.png")) == expected)  # scaled, not clipped


def test_large_jpeg_decodes_in_draft_mode_close_to_a_full_decode(tmp_path, rng):
    yy, xx = np.mgrid[0:1500, 0:2000]
    arr = np.stack([xx % 256, yy % 256, (xx + yy) % 256], -1).astype(np.uint8)
    path = save(Image.fromarray(arr), tmp_path / "big.jpg", quality=90)
    full = np.asarray(Image.open(path).convert("RGB").resize((64, 64)), dtype=float)
    fast = read_image(path).astype(float)
    assert np.abs(fast - full).mean() < 3.0


@pytest.mark.parametrize("name, content, problem", [
    ("notes.txt", b"hello, not pixels", "not an image"),
    ("fake.jpg", b"\xff\xd8\xff\xe0 not really", "could not be decoded"),
    ("empty.png", b"", "not an image"),
])
def test_non_images_name_the_file(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DataError, match=problem) as err:
        read_image(path)
    assert str(path) in str(err.value)


def test_truncated_image(tmp_path, rng):
    path = save(Image.fromarray(rng.integers(0, 256, (200, 200, 3), dtype=np.uint8)), tmp_path / "t.jpg")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(DataError, match="truncated"):
        read_image(path)


def test_decompression_bomb_is_refused(tmp_path, monkeypatch):
    path = save(Image.new("RGB", (100, 100)), tmp_path / "bomb.png")
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 2000)  # 10,000 px > 2 × limit: Pillow's bomb error
    with pytest.raises(DataError, match="decompression bomb"):
        read_image(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(DataError, match="no such file"):
        read_image(tmp_path / "nope.jpg")
    with pytest.raises(DataError, match="is a folder"):
        read_image(tmp_path)


def test_many_images_in_parallel_keep_order_and_errors(tmp_path):
    paths = []
    for i in range(12):
        paths.append(save(Image.new("L", (5, 5), i * 10), tmp_path / f"{i}.png"))
    (tmp_path / "bad.png").write_bytes(b"nope")
    paths.insert(4, tmp_path / "bad.png")
    seen = []
    out = read_images(paths, (8, 8), progress=lambda done, total: seen.append((done, total)))
    assert isinstance(out[4], DataError) and "bad.png" in str(out[4])
    assert [int(a[0, 0, 0]) for i, a in enumerate(out) if i != 4] == [i * 10 for i in range(12)]
    assert seen[-1] == (13, 13) and len(seen) == 13


def test_preview_comes_from_the_same_decode_as_the_model_image(tmp_path, rng):
    from lrviz.io import read_image_with_preview
    for name, shape in (("big.jpg", (1500, 2000, 3)), ("small.png", (50, 70, 3))):
        path = tmp_path / name
        Image.fromarray(rng.integers(0, 256, shape, dtype=np.uint8)).save(path)
        model, preview = read_image_with_preview(path)
        np.testing.assert_array_equal(model, read_image(path))  # exactly what lrviz predict sees
        assert max(preview.shape[:2]) <= 160 and preview.shape[2] == 3


@pytest.mark.parametrize("name, image", [
    ("cmyk.jpg", Image.new("CMYK", (8, 8), (0, 255, 255, 0))),
    ("deep.png", Image.fromarray(np.full((8, 8), 32896, np.uint16))),
    ("grey-alpha.png", Image.new("LA", (10, 10), (0, 128))),
    ("clear.png", Image.new("RGBA", (10, 10), (0, 0, 0, 0))),
    ("grey.png", Image.new("L", (8, 8), 100)),
])
def test_previews_of_unusual_modes_are_rgb_like_the_model_image(tmp_path, name, image):
    from lrviz.io import read_image_with_preview
    path = save(image, tmp_path / name)
    model, preview = read_image_with_preview(path)
    assert preview.dtype == np.uint8 and preview.ndim == 3 and preview.shape[2] == 3  # what a card can show
    np.testing.assert_allclose(preview.reshape(-1, 3).mean(0), model.reshape(-1, 3).mean(0), atol=3)
