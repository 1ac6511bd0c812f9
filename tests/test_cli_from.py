"""``lrviz train --from MODEL.npz``: a run continued from a saved model's w and b."""

import re

import pytest

from lrviz.cli import main


def costs(out: str) -> dict[int, float]:
    return {int(i): float(c) for i, c in re.findall(r"Cost after iteration (\d+): (\S+)", out)}


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """builtin:cats trained 100 iterations, saved; and standardised, saved."""
    folder = tmp_path_factory.mktemp("models")
    plain, standard = folder / "m100.npz", folder / "std.npz"
    assert main(["train", "--data", "builtin:cats", "--iters", "100", "--save", str(plain)]) == 0
    assert main(["train", "--data", "builtin:cats", "--iters", "5", "--standardize", "--save", str(standard)]) == 0
    return plain, standard


def test_from_a_saved_model_continues_where_it_stopped(saved, capsys):
    capsys.readouterr()
    assert main(["train", "--data", "builtin:cats", "--iters", "201", "--print-every", "100"]) == 0
    straight = costs(capsys.readouterr().out)
    assert main(["train", "--data", "builtin:cats", "--iters", "101", "--print-every", "100",
                 "--from", str(saved[0])]) == 0
    out = capsys.readouterr().out
    assert f"Starting from {saved[0]}" in out
    continued = costs(out)
    assert continued[0] == straight[100]  # J at the saved w and b: the straight run's at iteration 100
    assert continued[100] == pytest.approx(straight[200], abs=2e-6)
    assert continued[0] != straight[0]


@pytest.mark.parametrize(("data", "extra", "words"), [
    ("builtin:toy", [], r"m100\.npz: holds w for 64×64×3 images \(12,288 values\), but this data's images are "),
    ("builtin:cats", ["--standardize"], r"m100\.npz: was trained on features scaled '255', but these are scaled "
                                        "'standardize'"),
])
def test_a_model_that_does_not_fit_the_data_is_one_line_naming_the_file(saved, capsys, data, extra, words):
    assert main(["train", "--data", data, "--iters", "3", "--from", str(saved[0]), *extra]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and re.search(words, err), err


@pytest.mark.parametrize(("extra", "words"), [(["--lr", "0.1", "0.2"], "--from follows one run"),
                                              (["--bowl-csv", "x.csv"], "--bowl-csv follows a run from w = 0")])
def test_from_with_what_follows_a_run_from_zero_is_refused(saved, capsys, extra, words):
    assert main(["train", "--data", "builtin:cats", "--from", str(saved[0]), *extra]) == 2
    assert words in capsys.readouterr().err


def test_from_a_file_that_is_not_there_names_it(tmp_path, capsys):
    assert main(["train", "--data", "builtin:cats", "--from", str(tmp_path / "nope.npz")]) == 2
    assert "nope.npz" in capsys.readouterr().err
