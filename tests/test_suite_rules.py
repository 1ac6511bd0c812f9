"""Rules of the test suite itself, checked so that they keep holding: a missing requirement (GL, a
Chinese font, the course's data, shared memory) fails CI and skips elsewhere, decided by one
function, conftest.missing; no test skips on its own; tests write only under their tmp_path."""

import re

import pytest
from conftest import ROOT, missing

TESTS = sorted((ROOT / "tests").glob("*.py"))
SKIP = re.compile(r"pytest\.(skip|importorskip|xfail)\(|mark\.(skip|skipif|xfail)\b")
FIXED_PATH = re.compile(r"""["'](/tmp|/var/tmp|~)/""")


@pytest.mark.parametrize("ci", ["true", "1"])
def test_a_missing_requirement_fails_in_ci(monkeypatch, ci):
    monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.fail.Exception, match="missing in CI: no Chinese font"):
        missing("no Chinese font")


@pytest.mark.parametrize("ci", [None, "", "false", "0"])
def test_a_missing_requirement_skips_with_its_reason_outside_ci(monkeypatch, ci):
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.skip.Exception, match="^no Chinese font$"):
        missing("no Chinese font")


def lines_matching(pattern: re.Pattern) -> list[str]:
    return [f"{path.name}:{i}: {line.strip()}" for path in TESTS if path.name != "conftest.py"
            for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]


def test_no_test_skips_but_through_conftest_missing():
    assert lines_matching(SKIP) == []


def test_tests_write_only_under_their_tmp_path():
    assert lines_matching(FIXED_PATH) == []
