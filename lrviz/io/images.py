"""Any image a person has -> the uint8 array the model sees, the same way for training folders and
for single photos: EXIF orientation applied, alpha composited on white, palette / grey / CMYK /
16-bit converted, resized bicubic (as the course's ``Image.open(f).resize((64, 64))``)."""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from lrviz.core.errors import Cancelled, DataError

# Above Image.MAX_IMAGE_PIXELS Pillow warns; above twice that it raises (a decompression bomb), which
# we report. Between the two we decode (in JPEG draft mode, at reduced scale), so the warning is noise.
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)


def _to_8bit(im: Image.Image) -> Image.Image:
    """Integer (I, I;16*) and float (F) images to 8-bit grey, scaled rather than clipped."""
    a = np.asarray(im)
    if im.mode == "F":
        a = a * 255.0 if np.nanmax(a) <= 1.0 else a
    elif im.mode.startswith("I;16") or np.max(a, initial=0) > 255:
        a = a / 257.0 if np.max(a, initial=0) <= 65535 else a * (255.0 / np.max(a))
    return Image.fromarray(np.clip(np.nan_to_num(a), 0, 255).astype(np.uint8), "L")


def to_rgb(im: Image.Image) -> Image.Image:
    """Any Pillow mode -> RGB; transparency is composited on white (as a viewer shows it)."""
    if im.mode in ("I", "F") or im.mode.startswith("I;16"):
        im = _to_8bit(im)
    if im.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in im.info:
        rgba = im.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    return im.convert("RGB")


def _decode(path: Path, size: tuple[int, int]) -> Image.Image:
    """Open and decode as RGB (JPEG at the draft scale for ``size``), EXIF orientation applied;
    raises :class:`DataError` naming the file."""
    try:
        with Image.open(path) as im:  # any format Pillow reads
            im.draft(im.mode, size)  # JPEG only: decode at 1/2…1/8 scale, still ≥ size
            try:
                im = ImageOps.exif_transpose(im)
            except Exception:  # a broken EXIF block: keep the pixels as stored  # noqa: BLE001
                pass
            return to_rgb(im)
    except FileNotFoundError:
        raise DataError(path, "no such file") from None
    except IsADirectoryError:
        raise DataError(path, "is a folder, not an image") from None
    except PermissionError:
        raise DataError(path, "permission denied") from None
    except UnidentifiedImageError:
        raise DataError(path, "not an image (no image format Pillow reads)") from None
    except Image.DecompressionBombError as e:
        raise DataError(path, f"refused as a possible decompression bomb ({e})") from None
    except OSError as e:
        msg = str(e)
        if "truncated" in msg:
            raise DataError(path, "the image file is truncated (incomplete download or copy?)") from None
        raise DataError(path, f"could not be decoded: {msg}") from None
    except (ValueError, SyntaxError, EOFError, MemoryError) as e:
        raise DataError(path, f"could not be decoded: {e}") from None


def _model_pixels(im: Image.Image, size: tuple[int, int], channels: int) -> np.ndarray:
    if channels == 1:
        im = im.convert("L")
    return np.asarray(im.resize(size, Image.Resampling.BICUBIC)).reshape(size[1], size[0], channels)


def read_image(path: str | os.PathLike, size: tuple[int, int] = (64, 64), channels: int = 3) -> np.ndarray:
    """The image at ``path`` as uint8 ``(height, width, channels)``; ``size`` is (width, height).

    Raises :class:`DataError` naming the file for anything that is not a readable image.
    """
    path = Path(path)
    return _model_pixels(_decode(path, size), size, channels)


def read_image_with_preview(path: str | os.PathLike, size: tuple[int, int] = (64, 64), channels: int = 3,
                            preview: int = 160) -> tuple[np.ndarray, np.ndarray]:
    """What :func:`read_image` gives (bit for bit) and an RGB preview at most ``preview`` pixels on
    a side, from one decode (for a photo, draft mode picks the same scale for both sizes)."""
    path = Path(path)
    im = _decode(path, size)
    small = im.copy()
    small.thumbnail((preview, preview), Image.Resampling.BILINEAR)
    return _model_pixels(im, size, channels), np.asarray(small)


def read_images(paths: Iterable[str | os.PathLike], size: tuple[int, int] = (64, 64), channels: int = 3,
                progress: Callable[[int, int], None] | None = None,
                cancel: Callable[[], bool] | None = None,
                workers: int | None = None) -> list[np.ndarray | DataError]:
    """Decode many images in parallel (Pillow releases the GIL while decoding).

    Returns one entry per path, in order: the array, or the :class:`DataError` for that file.
    ``progress(done, total)`` is called from this thread; ``cancel()`` returning True stops the work
    and raises :class:`Cancelled`.
    """
    paths = list(paths)
    out: list[np.ndarray | DataError | None] = [None] * len(paths)
    workers = workers or min(8, (os.cpu_count() or 1) + 2)

    def one(p):
        try:
            return read_image(p, size, channels)
        except DataError as e:
            return e

    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(one, p): i for i, p in enumerate(paths)}
        for done, fut in enumerate(as_completed(futures), 1):
            out[futures[fut]] = fut.result()
            if progress is not None:
                progress(done, len(paths))
            if cancel is not None and cancel():
                for f in futures:
                    f.cancel()
                raise Cancelled("loading cancelled")
    return out  # type: ignore[return-value]
