"""A hostile file dropped on the window: one clear message naming it, and the data already loaded
stays (training still works)."""

import struct
import zlib

import h5py
import numpy as np
import pytest

pytest.importorskip("PySide6")

from ui_helpers import drop, snap  # noqa: E402


def test_a_bomb_dropped_on_the_window_is_refused_and_the_cats_stay(qtbot, window, tmp_path):
    path = tmp_path / "bomb.h5"
    with h5py.File(path, "w") as f:
        f.create_dataset("train_set_x", shape=(1_000_000, 64, 64, 3), dtype=np.uint8, chunks=(1, 64, 64, 3),
                         compression="gzip")
        f["train_set_y"] = np.arange(1_000_000) % 2
    assert drop(window, path)
    qtbot.waitUntil(lambda: "declares 1,000,000 images" in window.statusBar().currentMessage(), timeout=15000)
    message = window.statusBar().currentMessage()
    assert str(path) in message and "lrviz loads at most" in message and "still on builtin:cats" in message
    assert window.session.loaded.dataset.source == "builtin:cats"
    window.session.step(3)
    qtbot.waitUntil(lambda: snap(window).iteration == 3, timeout=5000)


def test_a_huge_photo_gets_a_card_that_says_why(qtbot, window, tmp_path):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    path = tmp_path / "huge.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8000, 8000, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))
    window.predict.add_paths([str(path)])
    qtbot.waitUntil(lambda: window.predict.job is not None and window.predict.job.finished, timeout=10000)
    qtbot.waitUntil(lambda: any("8000×8000 pixels" in (c.error or "") and "lrviz decodes at most" in c.error
                                for c in window.predict.mine.cards), timeout=10000)
