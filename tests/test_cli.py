import subprocess
import sys

import numpy as np
import pytest
from conftest import COURSE_COSTS, COURSE_TEST_ACCURACY, COURSE_TRAIN_ACCURACY, ROOT, missing
from PIL import Image

from lrviz.cli import main
from lrviz.io import load_model, read_image

QT = ("PySide6", "shiboken6", "pyqtgraph", "OpenGL", "superqt")


def run(*args):
    """Run ``python -m lrviz`` and report which Qt/GL modules it imported."""
    code = ("import sys, runpy; sys.argv = ['lrviz', *sys.argv[1:]]\n"
            "try:\n    runpy.run_module('lrviz', run_name='__main__')\n"
            "except SystemExit as e:\n"
            f"    print('QT:', sorted(m for m in sys.modules if m.split('.')[0] in {QT!r}), file=sys.stderr)\n"
            "    raise")
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)  # a window opened by mistake would wait for ever


def test_train_prints_the_course_lines_and_imports_no_qt(course_dir):
    r = run("train", "--data", str(course_dir), "--lr", "0.005", "--iters", "2000")
    assert r.returncode == 0, r.stderr
    expected = ["Number of training examples: m_train = 209", "Number of testing examples: m_test = 50"]
    expected += [f"Cost after iteration {100 * i}: {c:f}" for i, c in enumerate(COURSE_COSTS)]
    expected += [f"train accuracy: {COURSE_TRAIN_ACCURACY} %", f"test accuracy: {COURSE_TEST_ACCURACY} %"]
    assert r.stdout.splitlines() == expected
    assert "QT: []" in r.stderr


@pytest.mark.parametrize("data", ["builtin:cats", "builtin:toy"])
def test_builtins_need_no_file(capsys, data):
    assert main(["train", "--data", data, "--iters", "300", "--print-every", "100"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines.pop(0).startswith("Number of training examples: m_train = ")
    assert lines.pop(0).startswith("Number of testing examples: m_test = ")
    assert [ln.split(":")[0] for ln in lines[:3]] == [f"Cost after iteration {i}" for i in (0, 100, 200)]
    if data == "builtin:toy":  # one weight: the answer is the bowl's two coordinates
        from lrviz.core import GradientDescent, Preprocessing, builtin
        ds = builtin.toy()
        prep = Preprocessing.fit(ds.train_images, ds.scale)  # the toy is standardised: a round bowl
        t = GradientDescent(0.005).fit(prep.transform(ds.train_images), ds.train_labels, 300)
        assert lines.pop(3) == f"w = {float(t.w_[0]):.6f}, b = {t.b_:.6f}"
    assert lines[3].startswith("train accuracy: ") and lines[4].startswith("test accuracy: ")


@pytest.mark.parametrize("data", ["builtin:cats", "builtin:toy", "course"])
def test_train_on_the_squared_error_prints_finite_costs_of_that_loss(capsys, data, request):
    from lrviz.core import GradientDescent, Preprocessing, builtin
    from lrviz.io import load_dataset
    path = str(request.getfixturevalue("course_dir")) if data == "course" else data
    assert main(["train", "--data", path, "--loss", "squared_error", "--iters", "300", "--print-every", "100"]) == 0
    lines = capsys.readouterr().out.splitlines()
    costs = [float(ln.split(": ")[1]) for ln in lines if ln.startswith("Cost after iteration")]
    assert len(costs) == 3 and all(np.isfinite(costs))
    ds = load_dataset(path) if data == "course" else getattr(builtin, data.split(":")[1])()
    prep = Preprocessing.fit(ds.train_images, ds.scale)
    t = GradientDescent(0.005, loss="squared_error").fit(prep.transform(ds.train_images), ds.train_labels, 200)
    assert costs[2] == pytest.approx(t.cost_, abs=1e-6)  # the squared-error cost, from the engine
    assert costs[0] == pytest.approx(0.125)  # w = 0, b = 0: ŷ = ½ for every example, ½(½)² each


def test_several_rates_print_the_labs_comparison(course_dir):
    """The lab's last cell: α = 0.01, 0.001, 0.0001 for 1500 iterations, each rate with its accuracies."""
    r = run("train", "--data", str(course_dir), "--lr", "0.01", "0.001", "0.0001", "--iters", "1500")
    assert r.returncode == 0, r.stderr
    rule = "-" * 55
    expected = ["Number of training examples: m_train = 209", "Number of testing examples: m_test = 50"]
    for lr, train, test in (("0.01", "99.52153110047847", "68.0"), ("0.001", "88.99521531100478", "64.0"),
                            ("0.0001", "68.42105263157895", "36.0")):
        expected += [f"learning rate is: {lr}", f"train accuracy: {train} %", f"test accuracy: {test} %",
                     "", rule, ""]
    assert r.stdout.splitlines() == expected
    assert "QT: []" in r.stderr


def test_save_then_predict_gives_the_models_probability(tmp_path, capsys, rng):
    model_path = tmp_path / "m.npz"
    assert main(["train", "--data", "builtin:cats", "--iters", "200", "--save", str(model_path)]) == 0
    good = tmp_path / "photo.png"
    Image.fromarray(rng.integers(0, 256, (80, 100, 3), dtype=np.uint8)).save(good)
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"nope")
    capsys.readouterr()
    assert main(["predict", "--model", str(model_path), str(bad), str(good)]) == 1  # one failed
    out, err = capsys.readouterr()
    p = load_model(model_path).predict_proba(read_image(good))[0]
    path, prob, label = out.strip().split("\t")
    assert path == str(good) and prob == f"P(cat) = {p:.6f}" and label == ("cat" if p > 0.5 else "non-cat")
    assert err.count("\n") == 1 and "broken.jpg: not an image" in err


@pytest.mark.parametrize("args, message", [
    (["train", "--data", "/no/such/place"], "/no/such/place: no such file or folder"),
    (["train", "--data", "builtin:nope"], "no such built-in set"),
    (["train", "--data", "builtin:cats", "--lr", "-1"], "--lr must be a positive number"),
    (["train", "--data", "builtin:cats", "--lr", "50"], "training diverged at iteration 0"),
    (["predict", "--model", "/no/model.npz", "x.png"], "/no/model.npz: no such file"),
    (["train", "--data", "builtin:cats", "--lr", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6"], "at most 5 rates"),
    (["train", "--data", "builtin:cats", "--lr", "0.1", "0.2", "--save", "m.npz"], "--save follows one run"),
    (["train", "--data", "builtin:toy", "--itres", "5"], "train: unrecognized option --itres (did you mean --iters?); "
                                                         "the options of lrviz train: --data, --lr, --iters, --loss"),
    (["train", "--data", "builtin:toy", "--iter", "5"], "unrecognized option --iter (did you mean --iters?)"),
    (["--data", "builtin:toy"], "--data is an option of lrviz train: lrviz train --data builtin:toy; to open the "
                                "window on a data set: lrviz builtin:toy"),
    (["predict", "--modle", "m.npz", "a.png"], "predict: unrecognized option --modle (did you mean --model?)"),
    (["train", "--data", "builtin:toy", "--iters", "x"], "train: argument --iters: invalid int value: 'x'"),
    (["trian", "--data", "builtin:toy"], "unknown command 'trian' (did you mean train?)"),
    (["/no/such/place"], "/no/such/place: no such file or folder"),  # the window's data set: checked first
    (["builtin:nope"], "builtin:nope: no such built-in set"),
])
def test_errors_are_one_line_with_status_2(args, message, capsys, monkeypatch, tmp_path):
    """Run in this process, as ``python -m lrviz`` runs main (sys.exit(main())): an exception it
    let through would fail the test (test_without_a_display_… checks the exit status of a real
    ``python -m lrviz``)."""
    import lrviz.ui.app

    def no_window(*a, **k):
        raise AssertionError("a window was opened")
    monkeypatch.setattr(lrviz.ui.app, "run", no_window)
    monkeypatch.chdir(tmp_path)
    try:
        code = main(args)
    except SystemExit as e:  # argparse's own errors
        code = e.code
    assert code == 2
    errors = capsys.readouterr().err.splitlines()
    assert len(errors) == 1 and message in errors[0] and errors[0].startswith("lrviz: error: ")


def test_version_and_the_help_that_mentions_the_window(capsys):
    from lrviz import __version__
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0 and capsys.readouterr().out.strip() == f"lrviz {__version__}"
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    assert "lrviz [PATH]" in text and "Space play / pause" in text and "drag and drop" in text
    with pytest.raises(SystemExit):
        main(["predict", "--help"])
    text = capsys.readouterr().out
    assert "IMAGE" in text and "resized to the model's input" in " ".join(text.split())
    assert "lrviz train --save" in text


def test_a_path_alone_opens_the_window_on_it_absolute_and_a_path_not_there_opens_nothing(monkeypatch, tmp_path,
                                                                                          capsys):
    import lrviz.ui.app
    opened = []
    monkeypatch.setattr(lrviz.ui.app, "run", lambda argv=None, source=None: opened.append(source) or 0)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")  # whatever this machine's display
    (tmp_path / "my cats (2024)").mkdir()
    monkeypatch.chdir(tmp_path)
    assert main(["builtin:toy"]) == 0 and main([]) == 0 and main(["my cats (2024)"]) == 0
    assert opened == ["builtin:toy", None, str(tmp_path / "my cats (2024)")]  # no path: the last data set used
    capsys.readouterr()
    assert main(["my cats (2023)"]) == 2 and len(opened) == 3  # not a window on the built-in cats
    assert capsys.readouterr().err == f"lrviz: error: {tmp_path / 'my cats (2023)'}: no such file or folder\n"


def test_without_a_display_the_window_is_one_line_that_points_at_the_command_line():
    """Qt aborted (exit 134) saying libxcb-cursor0 was needed, though it was installed."""
    import os
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    r = subprocess.run([sys.executable, "-m", "lrviz"], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.splitlines() == ["lrviz: error: no display to open the window on (DISPLAY is not set: over SSH, "
                                     "use ssh -X or a desktop); the command line needs none: lrviz train --data PATH, "
                                     "lrviz predict --model MODEL.npz IMAGE…"]


def test_a_set_split_here_says_how_and_how_many_went_to_train_and_test(tmp_path, capsys):
    from test_io_h5 import good, write
    path = write(tmp_path / "cats.h5", **good(30))  # one set: split 80/20 here
    assert main(["train", "--data", str(path), "--iters", "1", "--seed", "4"]) == 0
    assert capsys.readouterr().out.splitlines()[:3] == [
        f"{path} holds one set of 30 examples: split here 80/20, stratified, --seed 4",
        "Number of training examples: m_train = 24", "Number of testing examples: m_test = 6"]


def test_a_closed_pipe_ends_quietly():
    code = "import sys; from lrviz.cli import main; sys.exit(main(sys.argv[1:]))"
    r = subprocess.run(f"{sys.executable} -c '{code}' train --data builtin:cats --iters 3000 --print-every 1 | head -3",
                       shell=True, capture_output=True, text=True, cwd=ROOT)
    assert r.stdout.splitlines()[2] == "Cost after iteration 0: 0.693147" and len(r.stdout.splitlines()) == 3
    assert "Traceback" not in r.stderr and "BrokenPipe" not in r.stderr and r.stderr == ""


def test_divergence_says_to_lower_the_rate_option(capsys):
    assert main(["train", "--data", "builtin:cats", "--lr", "50"]) == 2
    err = capsys.readouterr().err
    assert "lower --lr (e.g. --lr 5)" in err and "reset" not in err


def test_a_missing_xcb_library_is_named_before_qt_aborts(monkeypatch, capsys):
    import ctypes.util

    import lrviz.ui.system as system
    monkeypatch.setattr(system.sys, "platform", "linux")
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    real = ctypes.util.find_library
    monkeypatch.setattr(system.ctypes.util, "find_library",
                        lambda name: None if name == "xcb-cursor" else real(name) or f"lib{name}.so")
    assert main([]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "lrviz: error: the window needs the system package libxcb-cursor0: sudo apt-get install libxcb-cursor0"
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")  # another platform asked for: not checked
    assert system.missing_packages() == []


def test_the_readmes_commands_parse_and_its_predict_uses_a_model_of_the_course_data():
    """Each `lrviz` line of the README's command-line block is a valid command line (no option that
    does not exist, no abbreviation); its data sets exist beside the clone; predict's model is one
    the block trains on the course's data (a model of the drawn built-in cats calls real cats non-cat)."""
    from lrviz.cli import _parse
    block = (ROOT / "README.md").read_text(encoding="utf-8").split("## Command line")[1].split("```")[1]
    lines = [line.split("#")[0].split() for line in block.splitlines() if line.startswith("lrviz ")]
    saved, predicted = {}, []
    for words in lines:
        args = _parse(words[1:])
        if args.command == "train":
            if not args.data.startswith("builtin:") and not (ROOT / args.data / "train_catvnoncat.h5").is_file():
                missing(f"the README's data set {args.data} is not beside this clone")
            if args.save:
                saved[args.save] = args.data
        else:
            predicted.append(args.model)
    assert len(lines) >= 6 and predicted
    assert all(saved.get(model, "").endswith("catvnoncat") for model in predicted), (saved, predicted)
