"""``lrviz train`` / ``lrviz predict`` (headless: no Qt is imported) and ``lrviz`` (the window)."""

from __future__ import annotations

import argparse
import os
import sys

import numpy as np

from lrviz import __version__
from lrviz.core import GradientDescent, LogisticModel, LrvizError, Preprocessing
from lrviz.core.errors import DataError
from lrviz.core.race import MAX_RUNS, Race

EXIT_ERROR = 2
EXIT_SOME_FAILED = 1


WINDOW_HELP = """the window:
  lrviz [PATH]          opens the window, on PATH (a data set: the course's .h5 folder or file,
                        an image folder, CIFAR-10, builtin:cats, builtin:toy) or the last one used
  shortcuts             Space play / pause · → one step · Ctrl+R reset · Ctrl+O open data ·
                        Ctrl+S save the model · Ctrl+I open images to predict · Ctrl+V paste one
  drag and drop         a data folder or .h5 file onto the window loads it; photos (or folders of
                        them) onto it show P(cat) and which pixels pushed it there"""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="lrviz", description="Logistic regression as a neural network, "
                                "made visible. With no command, opens the window.", epilog=WINDOW_HELP,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"lrviz {__version__}")
    sub = p.add_subparsers(dest="command")
    t = sub.add_parser("train", help="train by gradient descent and print the course's lines")
    t.add_argument("--data", required=True, metavar="PATH",
                   help="course .h5 folder or file, image folder, CIFAR-10 binary, builtin:cats, builtin:toy")
    t.add_argument("--lr", type=float, nargs="+", default=[0.005], metavar="ALPHA",
                   help="learning rate α (default 0.005); several (up to 5) train side by side from the same "
                   "start and print the lab's comparison: each rate with its train and test accuracy")
    t.add_argument("--iters", type=int, default=2000, help="iterations (default 2000)")
    t.add_argument("--loss", choices=("cross_entropy", "squared_error"), default="cross_entropy",
                   help="the loss to minimise: the course's cross-entropy (default) or the squared error "
                   "½(ŷ − y)², the lecture's rejected first guess")
    t.add_argument("--print-every", type=int, default=100, metavar="N", help="print the cost every N (default 100)")
    t.add_argument("--save", metavar="MODEL.npz", help="save the trained model")
    t.add_argument("--standardize", action="store_true", help="standardise features instead of /255")
    t.add_argument("--float64", action="store_true", help="compute in float64 (default float32)")
    t.add_argument("--side", type=int, default=64, help="image folders: resize to SIDE×SIDE (default 64)")
    t.add_argument("--positive", metavar="CLASS", help="image folders: the positive class's subfolder")
    t.add_argument("--balance", action="store_true", help="CIFAR-10: as many non-cats as cats")
    t.add_argument("--seed", type=int, default=0, help="seed for splits and samples (default 0)")
    t.add_argument("--max-memory", metavar="GB", help="the most memory the loaded data may take "
                   "(default: a quarter of the machine's, at most 4 GB; or $LRVIZ_MAX_MEMORY_GB)")
    pr = sub.add_parser("predict", help="P(positive class) for image files",
                        description="Print, for each image, its path, P(positive class) under a trained "
                        "model, and the label the model gives it (one tab-separated line each).")
    pr.add_argument("--model", required=True, metavar="MODEL.npz",
                    help="a model saved by `lrviz train --save` or the window's File → Save model (Ctrl+S)")
    pr.add_argument("images", nargs="+", metavar="IMAGE",
                    help="image files (PNG, JPEG, …; any size: each is resized to the model's input, "
                    "e.g. 64 × 64)")
    return p


def _check(args: argparse.Namespace) -> int | None:
    """The loading budget in bytes (None: the default); raises one line naming each bad option."""
    problems = []
    for lr in args.lr:
        if lr <= 0 or not np.isfinite(lr):
            problems.append(f"--lr must be a positive number, got {lr}")
    if len(args.lr) > MAX_RUNS:
        problems.append(f"--lr takes at most {MAX_RUNS} rates, got {len(args.lr)}")
    for option, value, least in (("--iters", args.iters, 0), ("--print-every", args.print_every, 1),
                                 ("--side", args.side, 1)):
        if value < least:
            problems.append(f"{option} must be ≥ {least}, got {value}")
    budget = None
    if args.max_memory is not None:
        from lrviz.io.budget import gb_from_option
        try:
            budget = gb_from_option(args.max_memory)
        except (ValueError, OverflowError):
            problems.append(f"--max-memory must be a positive number of GB, got {args.max_memory!r}")
    if problems:
        raise LrvizError("; ".join(problems))
    return budget


def train(args: argparse.Namespace) -> int:
    from lrviz.io import load_dataset, save_model
    from lrviz.io.budget import gram_room

    budget = _check(args)
    ds = load_dataset(args.data, side=args.side, positive=args.positive, balance=args.balance, seed=args.seed,
                      budget=budget)
    for path, problem in ds.skipped:
        print(f"lrviz: skipped {path}: {problem}", file=sys.stderr)
    prep = Preprocessing.fit(ds.train_images, "standardize" if args.standardize else ds.scale)
    dtype = "float64" if args.float64 else "float32"
    data = (prep.transform(ds.train_images, dtype), ds.train_labels, prep.transform(ds.test_images, dtype),
            ds.test_labels)
    gram_bytes = gram_room(len(ds.train_labels) + len(ds.test_labels), ds.image_shape, budget)
    if len(args.lr) > 1:
        return _race(args, data, gram_bytes)
    trainer = GradientDescent(args.lr[0], dtype=dtype, loss=args.loss, gram_bytes=gram_bytes).start(
        *data, n_iter=args.iters)
    for i in range(args.iters):
        if i % args.print_every == 0:
            print(f"Cost after iteration {i}: {trainer.cost_:f}", flush=True)
        if not trainer.step():
            raise LrvizError(trainer.diverged_.split("; ")[0] + f"; lower --lr (e.g. --lr {args.lr[0] / 10:g})")
    if trainer.w_.size == 1:  # one weight (builtin:toy): the bowl's two coordinates are the answer
        print(f"w = {float(trainer.w_[0]):.6f}, b = {trainer.b_:.6f}")
    _accuracies(trainer)
    if args.save:
        save_model(args.save, LogisticModel(trainer.w_, trainer.b_, prep, ds.classes))
        print(f"saved {args.save}")
    return 0


def _accuracies(trainer: GradientDescent) -> None:
    print(f"train accuracy: {trainer.train_accuracy()} %")
    test = trainer.test_accuracy()
    print(f"test accuracy: {test} %" if np.isfinite(test) else "test accuracy: n/a (no test images)")


def _race(args: argparse.Namespace, data: tuple, gram_bytes: int) -> int:
    """The lab's closing comparison: the rates trained together from the same start (one matrix
    product per iteration), then each rate with its accuracies, as the lab prints them."""
    if args.save:
        raise LrvizError("--save keeps one model: give one --lr with it")
    race = Race(args.lr, dtype="float64" if args.float64 else "float32", loss=args.loss, gram_bytes=gram_bytes)
    race.start(*data, n_iter=args.iters)
    race.step(args.iters)
    for run in race.runs_:
        print(f"learning rate is: {run.learning_rate:g}")
        if run.diverged_:
            print(f"diverged: {run.diverged_}")
        _accuracies(run)
        print("\n" + "-" * 55 + "\n", flush=True)
    return 0


def predict(args: argparse.Namespace) -> int:
    from lrviz.io import load_model, read_image

    model = load_model(args.model)
    h, w, c = model.preprocessing.image_shape
    status = 0
    for path in args.images:
        try:
            p = float(model.predict_proba(read_image(path, (w, h), c))[0])
        except DataError as e:
            print(f"lrviz: error: {e}", file=sys.stderr)
            status = EXIT_SOME_FAILED
            continue
        print(f"{path}\tP({model.classes[1]}) = {p:.6f}\t{model.classes[int(p > 0.5)]}", flush=True)
    return status


def window(args: argparse.Namespace) -> int:
    from lrviz.ui.system import missing_packages  # noqa: PLC0415 (no Qt in it)
    missing = missing_packages()
    if missing:  # Qt itself would abort with a message that names no package
        raise LrvizError(f"the window needs the system package{'s' if len(missing) > 1 else ''} "
                         f"{' '.join(missing)}: sudo apt-get install {' '.join(missing)}")
    try:
        from lrviz.ui.app import run  # noqa: PLC0415 (Qt only when the window is wanted)
    except ImportError:
        raise LrvizError("the window is not built yet; use `lrviz train` or `lrviz predict`") from None
    return run(source=args.source)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if len(argv) == 1 and argv[0] not in ("train", "predict") and not argv[0].startswith("-"):
        return _guarded(window, argparse.Namespace(command=None, source=argv[0]))  # lrviz PATH
    args = _parser().parse_args(argv)
    args.source = None
    return _guarded({"train": train, "predict": predict}.get(args.command, window), args)


def _guarded(command, args: argparse.Namespace) -> int:
    try:
        return command(args)
    except LrvizError as e:
        print(f"lrviz: error: {e}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("lrviz: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `lrviz train … | head -3`: the reader left; end quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # (Python would complain flushing stdout at exit)
        return 0


if __name__ == "__main__":
    sys.exit(main())
