"""``lrviz train`` / ``lrviz predict`` (headless: no Qt is imported), ``lrviz export`` (a window never
shown) and ``lrviz`` (the window)."""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from pathlib import Path
from typing import NoReturn

import numpy as np

from lrviz import __version__
from lrviz.core import GradientDescent, LogisticModel, LrvizError, Preprocessing, losses
from lrviz.core.errors import DataError
from lrviz.core.race import MAX_RUNS, Race
from lrviz.export_args import EXPORT_SUFFIXES, EXPORT_VIEWS, check_export
from lrviz.training.settings import default

EXIT_ERROR = 2
EXIT_SOME_FAILED = 1
COMMANDS = ("train", "predict", "export")
DATA_HELP = "course .h5 folder or file, image folder, CIFAR-10 binary, builtin:cats, builtin:toy"


WINDOW_HELP = """the window:
  lrviz [PATH]          opens the window, on PATH (a data set: the course's .h5 folder or file,
                        an image folder, CIFAR-10, builtin:cats, builtin:toy) or the last one used
  shortcuts             Space play / pause · → one step · Ctrl+R reset · Ctrl+O open data ·
                        Ctrl+S save the model · Ctrl+I open images to predict · Ctrl+V paste one
  drag and drop         a data folder or .h5 file onto the window loads it; photos (or folders of
                        them) onto it show P(cat) and which pixels pushed it there"""


class _Parser(argparse.ArgumentParser):
    """argparse with every error one line (raised as an LrvizError, so printed like any other), naming
    the command and its options; and no abbreviations, so that an option added later can never change
    what an old command line means (``--iter`` is refused, not read as ``--iters``)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def options(self) -> list[str]:
        return [o for a in self._actions for o in a.option_strings if o.startswith("--") and o != "--help"]

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix("lrviz").strip()
        if not command:
            raise LrvizError(message)
        raise LrvizError(f"{command}: {message}; the options of lrviz {command}: {', '.join(self.options())}")

    def refuse_unknown(self, args: list[str]) -> None:
        """An option this command does not take is said first, with the closest one (argparse would
        rather complain that a required option is missing: ``--modle`` for ``--model``)."""
        known = [*self.options(), "--help"]
        given = args[:args.index("--")] if "--" in args else args  # after "--": arguments, not options
        unknown = [a for a in given if a.startswith("--") and a.split("=")[0] not in known]
        if unknown:
            close = difflib.get_close_matches(unknown[0].split("=")[0], known, n=1, cutoff=0.6)
            self.error(f"unrecognized option {unknown[0]}" + (f" (did you mean {close[0]}?)" if close else ""))


def _commands(p: argparse.ArgumentParser) -> dict[str, _Parser]:
    return next(a for a in p._actions if isinstance(a, argparse._SubParsersAction)).choices


def _parse(argv: list[str]) -> argparse.Namespace:
    """The command line, or an LrvizError of one line saying what is wrong and what would be right."""
    first = argv[0] if argv else ""
    if len(argv) == 1 and first not in COMMANDS and not first.startswith("-"):
        return argparse.Namespace(command=None, source=first)  # lrviz PATH
    p = _parser()
    if first.startswith("-") and first not in ("-h", "--help", "--version"):  # a command's option, no command
        option = first.split("=")[0]
        owner = next((c for c, parser in _commands(p).items() if option in parser.options()), None)
        if owner is None:
            raise LrvizError(f"unrecognized option {option}; lrviz takes a command ({', '.join(COMMANDS)}) and "
                             "its options, or a data set to open (lrviz PATH)")
        data = argv[1] if option == "--data" and len(argv) > 1 else None
        raise LrvizError(f"{option} is an option of lrviz {owner}: lrviz {owner} {' '.join(argv)}"
                         + (f"; to open the window on a data set: lrviz {data}" if data else ""))
    if first and first not in COMMANDS and not first.startswith("-"):
        close = difflib.get_close_matches(first, COMMANDS, n=1)
        raise LrvizError(f"unknown command {first!r}" + (f" (did you mean {close[0]}?)" if close else "")
                         + f"; the commands: {', '.join(COMMANDS)}; or lrviz PATH to open the window")
    if first in COMMANDS:
        _commands(p)[first].refuse_unknown(argv[1:])
    args, extras = p.parse_known_args(argv)
    if extras:  # what refuse_unknown cannot see: a stray argument
        (_commands(p)[args.command] if args.command else p).error(f"unexpected argument {extras[0]!r}")
    args.source = None
    return args


def _parser() -> _Parser:
    p = _Parser(prog="lrviz", description="Logistic regression as a neural network, "
                "made visible. With no command, opens the window.", epilog=WINDOW_HELP,
                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"lrviz {__version__}")
    sub = p.add_subparsers(dest="command")
    t = sub.add_parser("train", help="train by gradient descent and print the course's lines")
    t.add_argument("--data", required=True, metavar="PATH", help=DATA_HELP)
    lr, iters = default("learning_rate"), default("stop_at")  # the window's defaults: the lab's
    t.add_argument("--lr", type=float, nargs="+", default=[lr], metavar="ALPHA",
                   help=f"learning rate α (default {lr:g}); several (up to 5) train side by side from the same "
                   "start and print the lab's comparison: each rate with its train and test accuracy")
    t.add_argument("--iters", type=int, default=iters, help=f"iterations (default {iters})")
    t.add_argument("--loss", choices=losses.names(), default=losses.DEFAULT,  # every registered loss
                   help=f"the loss to minimise (default {losses.DEFAULT}): " + "; ".join(
                       f"{loss.name}: {loss.label}" for loss in losses.registered()))
    t.add_argument("--print-every", type=int, default=100, metavar="N", help="print the cost every N (default 100)")
    t.add_argument("--save", metavar="MODEL.npz", help="save the trained model")
    t.add_argument("--from", dest="start", metavar="MODEL.npz", help="start from a saved model's w and b "
                   "instead of w = 0, b = 0 (its images' size and scaling must be this data's)")
    t.add_argument("--bowl-csv", metavar="FILE.csv", help="write, per iteration, the path's coordinates in the "
                   "plane the window's bowl shows at the end of the run, J and α·λ_max (one --lr)")
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
    e = sub.add_parser("export", help="save a picture or an animation of one view, with no window on the screen",
                       description="Train with no window on the screen, then save one view: a picture (.png at "
                       "twice its size on a 1600 × 1000 screen, .svg for the 2-D views) of the last iteration, or an "
                       "animation (.gif, .webp, .mp4) of iterations 0 … N.")
    e.add_argument("--data", required=True, metavar="PATH", help=DATA_HELP)
    e.add_argument("--lr", type=float, default=lr, metavar="ALPHA", help=f"learning rate α (default {lr:g})")
    e.add_argument("--iters", type=int, default=100, help="iterations (default 100)")
    e.add_argument("--view", choices=EXPORT_VIEWS, default="map", help="bowl: the 3-D bowl (needs OpenGL); map: "
                   "it from above; slices: the 1-D pictures; curves: cost curves; losscost: loss vs cost (default map)")
    e.add_argument("--out", required=True, metavar="FILE", help="its suffix chooses: " + ", ".join(EXPORT_SUFFIXES))
    e.add_argument("--frames", type=int, metavar="K", help="animations: frames over 0 … N (default: each, ≤ 100)")
    e.add_argument("--fps", type=float, default=10.0, help="animations: frames a second (default 10)")
    return p


def export(args: argparse.Namespace) -> int:
    from lrviz.ui.system import missing_packages  # noqa: PLC0415 (no Qt in it)
    check_export(args)
    source = _window_source(args.data)
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) or missing_packages():
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no screen: the 2-D views draw all the same
    try:
        from lrviz.ui.export import export as run_export  # noqa: PLC0415 (Qt only for this command)
    except ImportError as e:
        raise LrvizError(f"lrviz export needs the window's packages ({e}); `lrviz train` works without them") from None
    print(run_export(source, args.lr, args.iters, args.view, args.out, args.frames, args.fps), flush=True)
    return 0


def _check(args: argparse.Namespace) -> int | None:
    """The loading budget in bytes (None: the default); raises one line naming each bad option."""
    problems = []
    for lr in args.lr:
        if lr <= 0 or not np.isfinite(lr):
            problems.append(f"--lr must be a positive number, got {lr}")
    if args.start and args.bowl_csv:
        problems.append("--bowl-csv follows a run from w = 0: not with --from")
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
    _say_data(ds)
    prep = Preprocessing.fit(ds.train_images, "standardize" if args.standardize else ds.scale)
    dtype = "float64" if args.float64 else "float32"
    data = (prep.transform(ds.train_images, dtype), ds.train_labels, prep.transform(ds.test_images, dtype),
            ds.test_labels)
    gram_bytes = gram_room(len(ds.train_labels) + len(ds.test_labels), ds.image_shape, budget)
    if len(args.lr) > 1:
        return _race(args, data, gram_bytes)
    csv = _writable(args.bowl_csv) if args.bowl_csv else None  # said before training, not after
    w0, b0 = _start(args, prep)
    trainer = GradientDescent(args.lr[0], dtype=dtype, loss=args.loss, gram_bytes=gram_bytes).start(
        *data, n_iter=args.iters, w0=w0, b0=b0)
    for i in range(args.iters):
        if i % args.print_every == 0:
            print(f"Cost after iteration {i}: {trainer.cost_:f}", flush=True)
        if not trainer.step():
            raise LrvizError(trainer.diverged_.split("; ")[0] + f"; lower --lr (e.g. --lr {args.lr[0] / 10:g})")
    if trainer.w_.size == 1:  # one weight (builtin:toy): the bowl's two coordinates are the answer
        print(f"w = {float(trainer.w_[0]):.6f}, b = {trainer.b_:.6f}")
    _accuracies(trainer)
    if csv is not None:
        _bowl_csv(args, data, dtype, csv)
    if args.save:
        save_model(args.save, LogisticModel(trainer.w_, trainer.b_, prep, ds.classes))
        print(f"saved {args.save}")
    return 0


def _start(args: argparse.Namespace, prep: Preprocessing) -> tuple[np.ndarray | None, float]:
    """Where the run starts: w = 0, b = 0, or (``--from``) a saved model's w and b, said as such."""
    if not args.start:
        return None, 0.0
    from lrviz.io.modelfile import start_from
    w, b = start_from(args.start, prep)
    print(f"Starting from {args.start}: w and b as saved (not w = 0, b = 0)", flush=True)
    return w, b


def _writable(path: str):
    try:
        return open(path, "w", encoding="utf-8")  # noqa: SIM115 (closed by the one who writes it)
    except OSError as e:
        raise LrvizError(f"{path}: cannot write ({e.strerror or e})") from None


def _bowl_csv(args: argparse.Namespace, data: tuple, dtype: str, out) -> None:
    """The bowl's numbers without a window: the plane it shows at the end of the run, and each
    iteration's point in it (lrviz.core.tracker.path_table: the functions the window draws with)."""
    from lrviz.core.planes import AXES
    from lrviz.core.tracker import TABLE_COLUMNS, path_table
    plane, rows = path_table(data[0], data[1], args.lr[0], args.iters, dtype=dtype, loss=args.loss)
    (a, a_words), (b, b_words) = AXES[plane.kind]
    why = {"start": "at the start", "own": "when the path found a direction of its own",
           "turned": "when the path had left the last one", "exact": "the whole (w, b) space"}[plane.reason]
    header = [f"lrviz bowl path: {args.data}, α = {args.lr[0]:g}, {args.iters} iterations, loss {args.loss}",
              f"plane: {plane.kind} — {a}: {a_words}; {b}: {b_words}; chosen at iteration {plane.chosen_at} ({why})",
              f"{a}, {b}: the point's coordinates in that plane (axes orthonormal in (w, b)); off_plane: its "
              "distance from the plane; J: the cost; alpha_lambda_max: α times the Hessian's largest eigenvalue"]
    with out:
        out.writelines(f"# {line}\n" for line in header)
        out.write(",".join(TABLE_COLUMNS).replace(",s,t,", f",{a},{b},") + "\n")
        for row in rows:
            out.write(f"{int(row[0])}," + ",".join(repr(float(v)) for v in row[1:]) + "\n")  # exact
    print(f"wrote {args.bowl_csv}: {len(rows)} iterations on the plane '{plane.kind}' ({a}: {a_words}; "
          f"{b}: {b_words})", flush=True)


def _say_data(ds) -> None:
    """How many examples train and test, as the lab prints them, and how the split was made when
    lrviz made it (a single .h5 file or a folder of two classes: 80/20, stratified, seeded)."""
    if ds.facts.split_here:
        m = len(ds.train_labels) + len(ds.test_labels)
        test = round(100 * ds.facts.test_share)
        print(f"{ds.source} holds one set of {m} examples: split here {100 - test}/{test}, stratified, "
              f"--seed {ds.facts.seed}")
    print(f"Number of training examples: m_train = {len(ds.train_labels)}")
    print(f"Number of testing examples: m_test = {len(ds.test_labels)}", flush=True)


def _accuracies(trainer: GradientDescent) -> None:
    print(f"train accuracy: {trainer.train_accuracy()} %")
    test = trainer.test_accuracy()
    print(f"test accuracy: {test} %" if np.isfinite(test) else "test accuracy: n/a (no test images)")


def _race(args: argparse.Namespace, data: tuple, gram_bytes: int) -> int:
    """The lab's closing comparison: the rates trained together from the same start (one matrix
    product per iteration), then each rate with its accuracies, as the lab prints them."""
    if args.save or args.bowl_csv or args.start:
        option = "--save" if args.save else "--bowl-csv" if args.bowl_csv else "--from"
        raise LrvizError(f"{option} follows one run: give one --lr with it")
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


def _window_source(source: str) -> str:
    """The data set ``lrviz PATH`` opens, checked before any window: absolute (it is remembered, and
    means the same from any folder); a path that is not there is an error here, not a window on
    something else. (A file that is there but cannot be read is said by the window.)"""
    from lrviz.core.builtin import BUILTINS
    from lrviz.io.sources import absolute, kind_of
    if source.startswith("builtin:"):
        if source.split(":", 1)[1] not in BUILTINS:
            raise DataError(source, "no such built-in set; choose one of "
                            + ", ".join("builtin:" + k for k in BUILTINS))
        return source
    path = absolute(source)
    try:
        kind_of(Path(path))
    except DataError as e:
        close = difflib.get_close_matches(source, COMMANDS, n=1)
        raise LrvizError(str(e) + (f" (did you mean lrviz {close[0]}?)" if close else "")) from None
    return path


def window(args: argparse.Namespace) -> int:
    from lrviz.ui.system import ctrl_c_noted  # noqa: PLC0415 (no Qt in it)
    with ctrl_c_noted():  # until the window's own Ctrl+C handling is in place (lrviz.ui.app.run)
        run = _window_run(args)
    return run()


def _window_run(args: argparse.Namespace):
    """Checks made and Qt imported: the call that opens the window (a mistake raises LrvizError)."""
    from lrviz.ui.system import display_problem, missing_packages  # noqa: PLC0415 (no Qt in it)
    source = _window_source(args.source) if args.source else None
    problem = display_problem()
    if problem:  # Qt would abort (exit 134) naming a package that is installed
        raise LrvizError(problem)
    missing = missing_packages()
    if missing:  # Qt itself would abort with a message that names no package
        raise LrvizError(f"the window needs the system package{'s' if len(missing) > 1 else ''} "
                         f"{' '.join(missing)}: sudo apt-get install {' '.join(missing)}")
    try:
        from lrviz.ui.app import run  # noqa: PLC0415 (Qt only when the window is wanted)
    except ImportError as e:  # e.g. PySide6 or pyqtgraph not installed: the command line needs neither
        raise LrvizError(f"the window cannot start ({e}); `lrviz train` and `lrviz predict` work without it") from None
    return lambda: run(source=source)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    return _guarded(lambda _: _run(_parse(argv)), None)


def _run(args: argparse.Namespace) -> int:
    return {"train": train, "predict": predict, "export": export}.get(args.command, window)(args)


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
