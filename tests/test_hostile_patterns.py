"""Patterns from department packs cannot freeze or crash a run.

Pack patterns run on RE2 (linear time): the classic catastrophic-backtracking patterns
finish at once on the inputs that make a backtracking engine take years. A pattern RE2
refuses (a backreference, a lookaround) is a ``config-error`` naming the pack and the
pattern; the run goes on.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from postlint.cli import main
from postlint.errors import ConfigError
from postlint.text.patterns import compile_pattern
from test_bad_input import make_repo

#: (pattern, input that makes a backtracking engine explode)
REDOS = [
    ("(a+)+$", "a" * 50_000 + "!"),
    ("(a|aa)+$", "a" * 50_000 + "!"),
    ("(.*a){20}", "a" * 5_000),
    (r"^(\w+\s?)*$", "word " * 10_000 + "!"),
    ("(x+x+)+y", "x" * 50_000),
    ("^(([a-z])+.)+[A-Z]([a-z])+$", "a" * 50_000),
]


@pytest.mark.parametrize(("pattern", "text"), REDOS, ids=[p for p, _ in REDOS])
def test_redos_patterns_run_in_linear_time(pattern: str, text: str) -> None:
    regex = compile_pattern(pattern)
    started = time.perf_counter()
    regex.search(text)
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    "pattern", [r"(a)\1", r"(?=secret)\w+", r"(?<!top )secret", r"(?<=x)y", r"(?P<w>a)(?P=w)"]
)
def test_pattern_re2_refuses_is_a_config_error_naming_it(pattern: str) -> None:
    with pytest.raises(ConfigError) as caught:
        compile_pattern(pattern)
    assert repr(pattern[:80]) in caught.value.message


def _run(repo: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, str]]]:
    os.chdir(repo)
    code = main(["check", ".", "--today", "2026-11-25", "--no-plugins", "--format", "json",
                 "--select", "confidential-keywords,incomplete-record"])  # fmt: skip
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, json.loads(out.out)["violations"]


def _with_pack(repo: Path, pack: str) -> None:
    (repo / "dept.yaml").write_text(pack)
    with (repo / "postlint.yaml").open("a") as config:
        config.write("packs: [dept.yaml]\n")


@pytest.fixture(autouse=True)
def _restore_cwd(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)


def test_department_pack_with_lookaround_is_a_config_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = make_repo(tmp_path / "repo")
    _with_pack(repo, "outcome: error\ngroups:\n  leaks:\n    any:\n"
                     "      - pattern: '(?<!top )secret plan'\n")  # fmt: skip
    code, found = _run(repo, capsys)
    errors = [v for v in found if v["rule"] == "config-error"]
    assert errors and "dept.yaml" in errors[0]["message"]
    assert "(?<!top )secret plan" in errors[0]["message"]
    assert any(v["rule"] == "incomplete-record" for v in found)  # the run went on
    assert code == 2


def test_department_pack_with_redos_pattern_stays_fast(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = make_repo(tmp_path / "repo")
    _with_pack(repo, "outcome: error\ngroups:\n  evil:\n    any:\n"
                     "      - pattern: '(a+)+$'\n      - pattern: '(a|aa)+b'\n")  # fmt: skip
    (repo / "posts" / "long.md").write_text(
        "---\naccount: dpw-x\nauthor: dpw-liaison\n---\n" + "a" * 100_000 + "!\n"
    )
    started = time.perf_counter()
    code, found = _run(repo, capsys)
    assert time.perf_counter() - started < 10
    assert not [v for v in found if v["rule"] == "internal-error"]
    assert code in (1, 2)


def test_malformed_department_pack_is_a_config_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = make_repo(tmp_path / "repo")
    _with_pack(repo, "groups: [\n")
    code, found = _run(repo, capsys)
    errors = [v for v in found if v["rule"] == "config-error" and "dept.yaml" in v["message"]]
    assert errors
    assert not [v for v in found if v["rule"] == "internal-error"]
    assert code == 2
