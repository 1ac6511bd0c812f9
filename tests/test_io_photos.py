"""Preparing dropped photos (no Qt): folders listed, order kept, bad files reported, threads and
worker processes giving the same pixels, cancel."""

import os
import threading
import time

import numpy as np
from conftest import missing
from PIL import Image

from lrviz.io import read_image
from lrviz.io.photos import PhotoJob


def collect(job, timeout=60.0):
    got, start = {}, time.perf_counter()
    while not job.finished or got.keys() != set(range(len(job.paths or []))):
        ready, done, total = job.take()
        got.update(ready)
        if job.finished and not ready:
            break
        assert time.perf_counter() - start < timeout
        time.sleep(0.01)
    return [got[i] for i in sorted(got)]


def make(tmp_path, n=20):
    folder = tmp_path / "photos"
    (folder / "sub").mkdir(parents=True)
    for i in range(n):
        Image.fromarray(np.full((30, 40, 3), i * 6, np.uint8)).save(folder / ("sub" if i % 2 else ".") / f"{i:02d}.png")
    (folder / "readme.txt").write_text("not a photo")
    (folder / ".hidden").mkdir()
    Image.new("RGB", (5, 5)).save(folder / ".hidden" / "skip.png")
    return folder


def test_threads_and_processes_see_the_same_photos_in_order(tmp_path):
    folder = make(tmp_path)
    by_threads = collect(PhotoJob([folder], (64, 64, 3), processes=False))
    by_processes = collect(PhotoJob([folder], (64, 64, 3), processes=True, workers=2))
    assert len(by_threads) == len(by_processes) == 21  # 20 photos and the text file; hidden ones skipped
    for a, b in zip(by_threads, by_processes, strict=True):
        assert a.path == b.path and a.error == b.error
        if a.error is None:
            np.testing.assert_array_equal(a.image, b.image)
            np.testing.assert_array_equal(a.image, read_image(a.path))  # the one image pipeline
    assert [p.path for p in by_threads] == sorted(p.path for p in by_threads)
    errors = [p for p in by_processes if p.error]
    assert len(errors) == 1 and errors[0].path.endswith("readme.txt") and "not an image" in errors[0].error


def test_a_big_drop_uses_processes_a_small_one_threads_and_both_cancel(tmp_path):
    folder = make(tmp_path, 40)
    big = PhotoJob([folder], (64, 64, 3))
    assert len(collect(big)) == 41 and big.processes
    small = PhotoJob([folder / "00.png", folder / "sub" / "01.png"], (64, 64, 3))
    photos = collect(small)
    assert not small.processes and [p.error for p in photos] == [None, None] and photos[1].image[0, 0, 0] == 6
    starting = PhotoJob([folder], (64, 64, 3), processes=True)
    starting.cancel()  # while the worker processes start
    starting.wait(30)
    assert starting.finished and starting.take()[1] < 41


def test_cancel_stops_a_drop_midway(tmp_path, monkeypatch):
    import lrviz.io.photos as photos
    folder = make(tmp_path, 40)
    slow = photos.prepare

    def prepare(path, shape):
        time.sleep(0.02)  # as a big photo would take
        return slow(path, shape)

    monkeypatch.setattr(photos, "prepare", prepare)
    job = PhotoJob([folder], (64, 64, 3), processes=False, workers=2)
    while job.take()[1] == 0:
        time.sleep(0.005)
    job.cancel()
    job.wait(30)
    assert job.finished and 0 < job.take()[1] < 30


def test_folders_are_listed_in_path_order_without_hidden_files_or_symlink_loops(tmp_path):
    from pathlib import Path

    from lrviz.io.photos import expand
    root = tmp_path / "drop"
    for name in ("a/1.png", "a-b/1.png", "a/b/2.png", "B.png", "a.png", ".git/x.png", "a/.thumbs/y.png", "z/.h.png"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(b"")
    (root / "a" / "loop").symlink_to(root, target_is_directory=True)  # not followed
    (root / "link.png").symlink_to(root / "B.png")                     # a link to a file is a file
    (root / "dangling.png").symlink_to(root / "nowhere.png")           # a link to nothing is not
    got = expand([root, tmp_path / "single.jpg"])
    names = ["B.png", "a/1.png", "a/b/2.png", "a-b/1.png", "a.png", "link.png"]
    assert got == [root / n for n in names] + [tmp_path / "single.jpg"]  # as Paths sort: 'a/…' before 'a-b'
    assert got[:-1] == sorted(got[:-1]) and all(isinstance(p, Path) for p in got)


def test_decoders_yield_to_the_window_but_no_thread_of_its_process_is_idle_class(tmp_path, monkeypatch):
    import concurrent.futures as cf
    if not hasattr(os, "SCHED_IDLE"):
        missing("Linux's scheduling classes (os.SCHED_IDLE)")

    import lrviz.io.photos as photos
    with cf.ProcessPoolExecutor(2, mp_context=photos._IdleSpawn()) as pool:
        assert set(pool.map(os.sched_getscheduler, [0] * 4)) == {os.SCHED_IDLE}  # the decoding processes
    seen = []
    slow = photos.prepare

    def prepare(path, shape):  # in a decoding thread of this process
        seen.append((os.sched_getscheduler(0), os.getpriority(os.PRIO_PROCESS, threading.get_native_id())))
        return slow(path, shape)

    monkeypatch.setattr(photos, "prepare", prepare)
    folder = make(tmp_path, 4)
    assert len(collect(PhotoJob([folder], (64, 64, 3), processes=False))) == 5
    assert seen and all(policy != os.SCHED_IDLE and nice >= 10 for policy, nice in seen)  # lowered by nice only
    assert os.sched_getscheduler(0) != os.SCHED_IDLE  # and the caller untouched


def test_an_unreadable_subfolder_is_skipped_and_one_photo_failing_fails_only_its_card(tmp_path, monkeypatch):
    import lrviz.io.photos as photos
    folder = make(tmp_path, 6)
    scandir = os.scandir

    def refusing(path):
        if str(path).endswith("sub"):
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(photos.os, "scandir", refusing)
    listed = photos.expand([folder])
    assert [p.name for p in listed] == ["00.png", "02.png", "04.png", "readme.txt"]  # not the whole drop lost
    monkeypatch.setattr(photos.os, "scandir", scandir)
    good = photos.prepare

    def prepare(path, shape):
        if path.name == "02.png":
            raise RuntimeError("the decoder crashed")
        return good(path, shape)

    monkeypatch.setattr(photos, "prepare", prepare)
    got = photos.prepare_all(listed, (64, 64, 3))  # one worker process's batch
    assert [p.error is None for p in got] == [True, False, True, False]
    assert "RuntimeError" in str(got[1].error) and "not an image" in got[3].error


def test_a_big_drop_decodes_its_first_photos_in_threads_while_the_processes_start(tmp_path, monkeypatch):
    import lrviz.io.photos as photos
    folder = make(tmp_path, 40)
    here = []  # photos decoded in this process (threads); the worker processes have their own module
    slow = photos.prepare

    def prepare(path, shape):
        here.append(path.name)
        return slow(path, shape)

    monkeypatch.setattr(photos, "prepare", prepare)
    job = PhotoJob([folder], (64, 64, 3))
    got = collect(job)
    assert job.processes and len(got) == 41 and all(p.error is None for p in got if p.path.endswith(".png"))
    assert sorted(here) == sorted(p.name for p in job.paths[: photos.HEAD])  # the rest in processes
    assert [p.path for p in got] == [str(p) for p in job.paths]  # in order across both
