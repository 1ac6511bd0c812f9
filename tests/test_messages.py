"""The engine's and the file readers' sentences: English as they are (the command line prints them),
and made of a template and its values so that the window can show them in the user's language."""

import math
import pickle

import numpy as np
import pytest
from conftest import features

from lrviz.core import DataError, GradientDescent
from lrviz.core.errors import Message
from lrviz.io import load_dataset, load_model


def _keep_fields(context, template):
    """A stand-in translation: the template's words in capitals, its {fields} as they are."""
    out, depth = [], 0
    for ch in template:
        depth += ch == "{"
        out.append(ch if depth else ch.upper())
        depth -= ch == "}"
    return "".join(out)


def test_a_divergence_is_an_english_sentence_that_the_window_can_translate_whole(cats):
    X, y, _, _ = features(cats)
    t = GradientDescent(1e5).fit(X, y, 20)
    why = t.diverged_
    assert why.startswith("training diverged at iteration 0: with learning rate 100000 the cost would rise to ")
    assert why.endswith("; lower the learning rate and reset")
    translated = why.render(_keep_fields)
    # every part translated, the nested reason too, and every number kept as the engine formatted it
    assert translated.startswith("TRAINING DIVERGED AT ITERATION 0: WITH LEARNING RATE 100000 THE COST WOULD RISE TO ")
    assert translated.endswith(", OVER 10× ITS STARTING 0.6931; LOWER THE LEARNING RATE AND RESET")
    back = pickle.loads(pickle.dumps(why))  # it crosses from the training process to the window
    assert back == why and back.render(_keep_fields) == translated


def test_a_cost_that_stops_being_a_number_says_so(cats):
    X, y, _, _ = features(cats)
    t = GradientDescent(1.0).start(X, y)
    t._diverge(math.inf, 1.0)
    assert "the cost would stop being a finite number" in t.diverged_
    assert "THE COST WOULD STOP BEING A FINITE NUMBER" in t.diverged_.render(_keep_fields)


def test_a_file_error_names_the_file_in_english_and_translates_its_problem_not_its_path(tmp_path):
    bad = tmp_path / "model.npz"
    bad.write_bytes(b"")
    with pytest.raises(DataError) as caught:
        load_model(bad)
    e = caught.value
    assert str(e) == f"{bad}: is empty, not an lrviz model file"
    assert e.message.render(_keep_fields) == f"{bad}: IS EMPTY, NOT AN LRVIZ MODEL FILE"
    assert pickle.loads(pickle.dumps(e)).problem.template == e.problem.template


def test_a_problem_with_values_keeps_them_and_a_translation_that_lost_one_falls_back_to_english(tmp_path):
    for name in ("a", "b", "c"):  # three classes: "expected two class subfolders …, found {…}"
        (tmp_path / name).mkdir()
        (tmp_path / name / "1.png").write_bytes(b"")
    with pytest.raises(DataError) as caught:
        load_dataset(tmp_path)
    problem = caught.value.problem
    assert problem.fields and problem.template != str(problem)
    assert problem.render(lambda c, t: t) == problem
    assert problem.render(lambda c, t: "{nothing_like_it}") == problem  # never a KeyError in the window


def test_plain_text_without_fields_is_never_formatted():
    m = Message("a {literal} brace from a library")
    assert m == "a {literal} brace from a library" and m.render(lambda c, t: t) == m


def test_messages_compare_and_slice_as_the_strings_they_are():
    m = Message("{n:,} files", {"n": 12345})
    assert m == "12,345 files" and m.split(" ")[0] == "12,345" and isinstance(m, str)
    assert np.array([m]).dtype.kind == "U"
