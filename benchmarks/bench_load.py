"""Loading a folder of photos end to end, against a plain single-threaded Pillow loop, side by side.

A folder of --count JPEG photos (generated once into --dir: 4:3 pictures of 480 × 360 with smooth
shapes and noise, half in cat/, half in non-cat/) is loaded three ways, each as a fresh process
(interpreter start and imports included), median of --repeat runs:
  * the plain loop: for each file, Image.open → convert("RGB") → resize((64, 64)) → np.asarray,
    then np.stack, single-threaded: what a learner would write;
  * `lrviz train --data FOLDER --iters 1`: lrviz's loader (parallel decoding, JPEG draft mode),
    preprocessing, the trainer's start and one step, the printout;
  * lrviz's loader alone (`load_folder`), for where the time goes.
Goal (issue 14): lrviz end to end ≥ 1.5× the plain loop's images per second.

Run: python benchmarks/bench_load.py [--count 2000] [--dir /tmp/lrviz-bench-photos] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

PLAIN = """
import sys
from pathlib import Path
import numpy as np
from PIL import Image
files = sorted(p for p in Path(sys.argv[1]).rglob('*.jpg'))
images = []
for f in files:
    with Image.open(f) as im:
        images.append(np.asarray(im.convert('RGB').resize((64, 64))))
X = np.stack(images)
print(X.shape)
"""

LOADER = """
import sys
from lrviz.io.folder import load_folder
ds = load_folder(sys.argv[1])
print(ds.train_images.shape, ds.test_images.shape)
"""


def make_photos(folder: Path, count: int) -> None:
    from PIL import Image
    if len(list(folder.rglob("*.jpg"))) == count:
        return
    rng = np.random.default_rng(0)
    yy, xx = np.mgrid[0:360, 0:480] / 360.0
    for i in range(count):
        sub = folder / ("cat" if i % 2 else "non-cat")
        sub.mkdir(parents=True, exist_ok=True)
        cx, cy, r = rng.random(3)
        blob = np.exp(-((xx - cx * 1.3) ** 2 + (yy - cy) ** 2) / (0.05 + 0.2 * r))
        rgb = np.stack([blob * rng.random() + yy * rng.random(), blob * rng.random() + xx * 0.5,
                        (1 - blob) * rng.random()], axis=-1)
        rgb = np.clip(255 * rgb / rgb.max() + rng.normal(0, 12, rgb.shape), 0, 255).astype(np.uint8)
        Image.fromarray(rgb).save(sub / f"{i:05d}.jpg", quality=85)


def timed(argv: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--dir", default="/tmp/lrviz-bench-photos")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    folder = Path(args.dir)
    make_photos(folder, args.count)
    n = args.count
    plain = timed([sys.executable, "-c", PLAIN, str(folder)], args.repeat)
    loader = timed([sys.executable, "-c", LOADER, str(folder)], args.repeat)
    lrviz = timed([sys.executable, "-m", "lrviz", "train", "--data", str(folder), "--iters", "1"], args.repeat)
    print(f"lrviz folder loading benchmark · {n:,} JPEGs of 480 × 360 · fresh processes, median of {args.repeat}")
    print(f"   plain single-threaded Pillow loop            {plain:6.2f} s  {n / plain:6.0f} images/s")
    print(f"   lrviz's loader (load_folder)                 {loader:6.2f} s  {n / loader:6.0f} images/s"
          f"  {plain / loader:4.2f}×")
    print(f"   lrviz train --data FOLDER --iters 1          {lrviz:6.2f} s  {n / lrviz:6.0f} images/s"
          f"  {plain / lrviz:4.2f}×")
    print(f"goal: end to end ≥ 1.5× the plain loop: {plain / lrviz:.2f}× → {'PASS' if plain / lrviz >= 1.5 else 'MISS'}")


if __name__ == "__main__":
    main()
