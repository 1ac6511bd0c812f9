"""Any image a person has -> the uint8 array the model sees, the same way for training folders and
for single photos: EXIF orientation applied, alpha composited on white, palette / grey / CMYK /
16-bit converted, resized bicubic (as the course's ``Image.open(f).resize((64, 64))``)."""

from __future__ import annotations

import contextlib
import os
import re
import struct
import warnings
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from lrviz.core.errors import QT_TRANSLATE_NOOP, Cancelled, DataError, Message
from lrviz.io.budget import ENV, default_budget

# Pillow warns about what it works around (corrupt EXIF, a short tag, a malformed MPO, ...): lrviz
# decodes what it can and says on the item what it cannot, so these never reach the terminal. Filters
# installed once here (``warnings.catch_warnings`` is not thread-safe and images decode in threads).
# Pillow's size warning is ours to make: :func:`decode_limit` refuses big images before decoding.
warnings.filterwarnings("ignore", category=UserWarning, module=r"PIL(\.|$)")
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)

DECODERS = 8  # at most this many images decode at once (threads here, processes for dropped photos)
BYTES_PER_DECODED_PIXEL = 16  # Pillow keeps 4 bytes a pixel; a decode holds ~4 copies at its peak
MAX_DECODE_PIXELS = 100_000_000  # whatever the budget: under Pillow's own bomb limit (~179 MP)
_UNDECODABLE = QT_TRANSLATE_NOOP("DataError", "could not be decoded: {reason}")  # reason: Pillow's own words


def decode_limit(budget: int | None = None) -> int:
    """The most pixels one image may have (after JPEG draft scaling) for lrviz to decode it: all
    :data:`DECODERS` decoding such images at once stay within the loading budget."""
    budget = default_budget() if budget is None else int(budget)
    return max(1, min(MAX_DECODE_PIXELS, budget // (DECODERS * BYTES_PER_DECODED_PIXEL)))


def _megapixels(pixels: int) -> Message:
    mp = pixels / 1e6
    if mp >= 100:
        return Message(QT_TRANSLATE_NOOP("DataError", "{mp:,.0f} megapixels"), {"mp": mp}, "DataError")
    return Message(QT_TRANSLATE_NOOP("DataError", "{mp:.3g} megapixels"), {"mp": mp}, "DataError")


def _too_big(width: int, height: int, limit: int) -> Message:
    return Message(QT_TRANSLATE_NOOP("DataError", "is {width}×{height} pixels ({size}); lrviz decodes at most "
                                     "{limit} per image (set {env} to raise it)"),
                   {"width": width, "height": height, "size": _megapixels(width * height),
                    "limit": _megapixels(limit), "env": ENV}, "DataError")


def _bomb_message(error: Exception, limit: int) -> Message:
    """Pillow refused the size in ``Image.open`` (its message gives the pixel count only)."""
    found = re.search(r"\((\d+) pixels\)", str(error))
    if found is None:
        return Message(QT_TRANSLATE_NOOP("DataError", "refused as a possible decompression bomb ({reason})"),
                       {"reason": str(error)}, "DataError")
    return Message(QT_TRANSLATE_NOOP("DataError", "is {size}, refused as a possible decompression bomb; lrviz "
                                     "decodes at most {limit} per image (set {env} to raise it)"),
                   {"size": _megapixels(int(found.group(1))), "limit": _megapixels(limit), "env": ENV}, "DataError")


def _to_8bit(im: Image.Image) -> Image.Image:
    """Integer (I, I;16*) and float (F) images to 8-bit grey, scaled rather than clipped."""
    a = np.asarray(im)
    if im.mode == "F":
        a = np.nan_to_num(a, nan=0.0, posinf=255.0, neginf=0.0)  # no NaN warnings below
        a = a * 255.0 if a.max(initial=0.0) <= 1.0 else a
    elif im.mode.startswith("I;16") or np.max(a, initial=0) > 255:
        top = float(np.max(a, initial=0))
        a = a / 257.0 if top <= 65535 else a * (255.0 / top)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")


def to_rgb(im: Image.Image) -> Image.Image:
    """Any Pillow mode -> RGB; transparency is composited on white (as a viewer shows it)."""
    if im.mode in ("I", "F") or im.mode.startswith("I;16"):
        im = _to_8bit(im)
    if im.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in im.info:
        rgba = im.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    return im.convert("RGB")


def _decode(path: Path, size: tuple[int, int], max_pixels: int | None = None) -> Image.Image:
    """Open and decode as RGB (JPEG at the draft scale for ``size``), EXIF orientation applied;
    raises :class:`DataError` naming the file. An image of more than ``max_pixels`` (default
    :func:`decode_limit`) once drafted is refused from its header, before anything is decoded."""
    limit = decode_limit() if max_pixels is None else max_pixels
    try:
        with Image.open(path) as im:  # any format Pillow reads; reads the header only
            width, height = im.size
            im.draft(im.mode, size)  # JPEG only: decode at 1/2…1/8 scale, still ≥ size
            if im.size[0] * im.size[1] > limit:
                raise DataError(path, _too_big(width, height, limit))
            im.load()
            with contextlib.suppress(Exception):  # a broken EXIF block: keep the pixels as stored
                im = ImageOps.exif_transpose(im)
            return to_rgb(im)
    except FileNotFoundError:
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "no such file")) from None
    except IsADirectoryError:
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "is a folder, not an image")) from None
    except PermissionError:
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "permission denied")) from None
    except UnidentifiedImageError:
        raise DataError(path, QT_TRANSLATE_NOOP("DataError", "not an image (no image format Pillow reads)")) from None
    except Image.DecompressionBombError as e:
        raise DataError(path, _bomb_message(e, limit)) from None
    except OSError as e:
        if "truncated" in str(e):
            raise DataError(path, QT_TRANSLATE_NOOP("DataError", "the image file is truncated (incomplete download "
                                                    "or copy?)")) from None
        raise DataError(path, _UNDECODABLE, reason=str(e)) from None
    except (ValueError, SyntaxError, EOFError, MemoryError, struct.error) as e:
        raise DataError(path, _UNDECODABLE, reason=str(e)) from None
    except Warning as e:  # Python run with -W error: a warning Pillow gives is this file's problem
        raise DataError(path, _UNDECODABLE, reason=str(e)) from None


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
                workers: int | None = None, into: np.ndarray | None = None) -> list[np.ndarray | DataError]:
    """Decode many images in parallel (Pillow releases the GIL while decoding), at most
    :data:`DECODERS` at once.

    Returns one entry per path, in order: the array, or the :class:`DataError` for that file. With
    ``into`` (uint8, ``(len(paths), height, width, channels)``) each image is written to ``into[i]``
    as it arrives and its entry is that view: no list of copies to stack afterwards.
    ``progress(done, total)`` is called from this thread; ``cancel()`` returning True stops the work
    and raises :class:`Cancelled`.
    """
    paths = list(paths)
    out: list[np.ndarray | DataError | None] = [None] * len(paths)
    workers = min(DECODERS, workers or (os.cpu_count() or 1) + 2)
    limit = decode_limit()

    def one(p):
        try:
            return _model_pixels(_decode(Path(p), size, limit), size, channels)
        except DataError as e:
            return e

    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(one, p): i for i, p in enumerate(paths)}
        for done, fut in enumerate(as_completed(futures), 1):
            i, result = futures.pop(fut), fut.result()
            if into is not None and not isinstance(result, DataError):
                into[i] = result
                result = into[i]
            out[i] = result
            if progress is not None:
                progress(done, len(paths))
            if cancel is not None and cancel():
                for f in futures:
                    f.cancel()
                raise Cancelled("loading cancelled")
    return out  # type: ignore[return-value]
