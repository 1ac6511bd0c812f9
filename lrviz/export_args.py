"""What ``lrviz export`` accepts, checked before Qt starts and before any training (no Qt here)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from lrviz.core import LrvizError
from lrviz.training.settings import LR_MAX, STOP_AT_MAX

EXPORT_VIEWS = ("bowl", "map", "slices", "curves", "losscost")  # what `lrviz export --view` takes
ANIMATIONS = (".gif", ".webp", ".mp4")  # lrviz.io.animation.FORMATS, named here without loading Pillow
EXPORT_SUFFIXES = (".png", ".svg", *ANIMATIONS)


def check_export(args: argparse.Namespace) -> None:
    """Every mistake said before Qt starts and before any training: one line naming the file or option."""
    out, suffix, choices = Path(args.out), Path(args.out).suffix.lower(), ", ".join(EXPORT_SUFFIXES)
    problems = [text for bad, text in (
        (not 0 < args.lr <= LR_MAX, f"--lr must be a positive number up to {LR_MAX:g}, got {args.lr}"),
        (not 0 <= args.iters <= STOP_AT_MAX, f"--iters must be between 0 and {STOP_AT_MAX}, got {args.iters}"),
        (args.frames is not None and args.frames < 2, f"--frames must be ≥ 2, got {args.frames}"),
        (not 0 < args.fps <= 100, f"--fps must be more than 0 and at most 100 frames a second, got {args.fps}"),
    ) if bad]
    file_problem = next((text for bad, text in (
        (suffix not in EXPORT_SUFFIXES, f'cannot save as "{suffix or "(no suffix)"}"; choose {choices}'),
        (not out.parent.is_dir(), f"the folder {out.parent} does not exist"),
        (out.is_dir(), "is a folder; name a file"),
        (not os.access(out.parent, os.W_OK), f"the folder {out.parent} cannot be written to"),
        (suffix == ".svg" and args.view == "bowl", "the 3-D bowl is saved as .png only (SVG is for the 2-D views)"),
        (suffix in ANIMATIONS and args.iters < 1, "an animation needs --iters of at least 1"),
    ) if bad), None)
    if file_problem:
        problems.append(f"{args.out}: {file_problem}")
    if problems:
        raise LrvizError("; ".join(problems))
