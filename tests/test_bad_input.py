"""Hostile and broken input: one clear ``path:line`` finding, exit 2, the rest still linted.

Each case writes one bad file into an otherwise good content repository and runs the
command line in-process. The repository also holds ``posts/flagged.md``, a post with a
known finding, so every case can see that the good files were still linted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import consents, official_account, roster
from postlint.cli import main
from postlint.loading.depth import too_deep_line

#: A clean draft: no rule finds anything in it.
GOOD = "---\naccount: dpw-x\nauthor: dpw-liaison\nstatus: draft\n---\nLeaf pickup starts Monday.\n"
#: A published post without a URL: ``incomplete-record`` reports it at line 1.
FLAGGED = (
    "---\naccount: dpw-x\nauthor: dpw-liaison\nstatus: published\nvia: Hootsuite\n"
    "approved_by: comms-specialist\napproved_at: 2026-11-20T06:40:00-05:00\n"
    "published_at: 2026-11-20T07:00:00-05:00\n---\nSnow emergency tonight.\n"
)


@pytest.fixture(autouse=True)
def _restore_cwd(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests change into their repository; monkeypatch restores the folder afterwards."""
    monkeypatch.chdir(tmp_path)


def _dump(model: Any) -> str:
    return yaml.safe_dump(model.model_dump(mode="json", exclude_none=True), sort_keys=False)


def make_repo(root: Path) -> Path:
    """A small, valid content repository (models from the factories, dumped to YAML)."""
    (root / "posts").mkdir(parents=True)
    (root / "accounts").mkdir()
    (root / "postlint.yaml").write_text("roster: people.yaml\nconsents: consents.yaml\n")
    (root / "people.yaml").write_text(_dump(roster()))
    (root / "consents.yaml").write_text(_dump(consents()))
    (root / "accounts" / "dpw-x.yaml").write_text(_dump(official_account()))
    (root / "posts" / "good.md").write_text(GOOD)
    (root / "posts" / "flagged.md").write_text(FLAGGED)
    return root


def lint(repo: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, dict[str, Any]]:
    """Run ``postlint check`` on the repository; (exit code, the JSON report)."""
    os.chdir(repo)
    # Only incomplete-record runs: the catalogue is about loading, not about the rules.
    argv = ["check", ".", "--today", "2026-11-25", "--no-plugins", "--format", "json"]
    code = main([*argv, "--select", "incomplete-record", *extra])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, json.loads(out.out)


def findings(report: dict[str, Any], path: str, rule: str | None = None) -> list[dict[str, Any]]:
    return [v for v in report["violations"] if v["path"] == path and rule in (None, v["rule"])]


# ---------------------------------------------------------------- the catalogue

Write = Callable[[Path], None]


def _bytes(rel: str, data: bytes) -> tuple[str, Write]:
    return rel, lambda root: (root / rel).write_bytes(data)


def _front(*lines: str) -> bytes:
    return ("---\n" + "\n".join(lines) + "\n---\nHello.\n").encode()


def _folder(root: Path) -> None:
    (root / "posts" / "x.md").mkdir()
    (root / "posts" / "x.md" / "inner.md").write_text(GOOD)


def _broken_link(root: Path) -> None:
    (root / "posts" / "x.md").symlink_to(root / "posts" / "missing.md")


def _link_loop(root: Path) -> None:
    (root / "posts" / "x.md").symlink_to(root / "posts" / "y.md")
    (root / "posts" / "y.md").symlink_to(root / "posts" / "x.md")


def _device_link(root: Path) -> None:
    (root / "posts" / "x.md").symlink_to("/dev/zero")


LAUGHS = b"account: dpw-x\na: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
    b"%c: &%c [%s]\n" % (ord(n), ord(n), b", ".join([b"*" + p.encode()] * 9))
    for p, n in zip("abcdefgh", "bcdefghi", strict=True)
)

#: (id, file written, expected line or None, a fragment of the message)
CASES: list[tuple[str, tuple[str, Write], int | None, str]] = [
    ("unclosed-front-matter", _bytes("posts/x.md", b"---\naccount: dpw-x\nHi\n"), 1, "not closed"),
    ("unclosed-quote", _bytes("posts/x.md", _front('account: "dpw-x', "status: draft")), 2,
     "malformed YAML"),
    ("unclosed-bracket", _bytes("posts/x.md", _front("account: dpw-x", "links: [a, b")), 3,
     "malformed YAML"),
    ("tab-indent", _bytes("posts/x.yaml", b"account: dpw-x\nmedia:\n\t- file: a.jpg\n"), 3, "tab"),
    ("duplicate-key", _bytes("posts/x.md", _front("account: dpw-x", "account: dpw-x")), 3,
     "duplicate key 'account'"),
    ("wrong-type", _bytes("posts/x.md", _front("account: dpw-x", "media: 5")), 3,
     "field 'media'"),
    ("misspelt-field", _bytes("posts/x.md", _front("account: dpw-x", "authr: dpw-liaison")), 3,
     "did you mean 'author'"),
    ("unknown-field", _bytes("posts/x.md", _front("account: dpw-x", "colour: red")), 3,
     "unknown field 'colour'"),
    ("unknown-account", _bytes("posts/x.md", _front("status: draft", "account: nobody")), 3,
     "not on record"),
    ("empty-md", _bytes("posts/x.md", b""), 1, "front matter"),
    ("empty-yaml", _bytes("posts/x.yaml", b""), 1, "not empty"),
    ("whitespace-md", _bytes("posts/x.md", b"  \n\n\t\n"), 1, "front matter"),
    ("whitespace-yaml", _bytes("posts/x.yaml", b"  \n\n   \n"), 1, "not empty"),
    ("latin-1", _bytes("posts/x.md", "---\naccount: dpw-x\n---\nCafé\n".encode("latin-1")), 4,
     "not UTF-8"),
    ("utf-16-bom", _bytes("posts/x.md", "---\naccount: dpw-x\n---\nHi\n".encode("utf-16")), 1,
     "UTF-16 text"),
    ("png-named-md", _bytes("posts/x.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00"), 3, "binary"),
    ("folder-named-md", ("posts/x.md", _folder), None, "is a folder"),
    ("broken-symlink", ("posts/x.md", _broken_link), None, "broken symbolic link"),
    ("symlink-loop", ("posts/x.md", _link_loop), None, "loop"),
    ("link-to-device", ("posts/x.md", _device_link), None, "not a regular file"),
    ("billion-laughs", _bytes("posts/x.yaml", LAUGHS), 3, "alias expansions"),
    ("deep-brackets", _bytes("posts/x.yaml", b"account: dpw-x\nx: " + b"[" * 10_000 + b"]" * 10_000),
     2, "nesting deeper"),
    ("deep-braces", _bytes("posts/x.yaml", b"account: dpw-x\nx: " + b"{a: " * 10_000 + b"}" * 10_000),
     2, "nesting deeper"),
    ("deep-after-apostrophe", _bytes("posts/x.yaml", b"account: dpw-x\nx: [it's, " + b"[" * 5_000
     + b"]" * 5_001), 2, "nesting deeper"),
    ("deep-in-quotes-and-escapes", _bytes("posts/x.yaml", b"account: dpw-x\nx: "
     + b'["\\"]", ' * 3_000 + b"]" * 3_000), 2, "nesting deeper"),
    ("deep-unclosed", _bytes("posts/x.md", b"---\naccount: dpw-x\nx: " + b"[" * 100_000 + b"\n---\n"),
     3, "nesting deeper"),
    ("deep-block-mappings", _bytes("posts/x.yaml", b"account: dpw-x\nx:\n" + b"".join(
        b" " * i + b"k:\n" for i in range(1, 1_200))), 102, "nesting deeper"),
    ("deep-block-sequences", _bytes("posts/x.yaml", b"account: dpw-x\nx:\n  " + b"- " * 10_000 + b"a\n"),
     3, "nesting deeper"),
    ("10k-levels-of-block-mappings", _bytes("posts/x.yaml", b"account: dpw-x\nx:\n" + b"".join(
        b" " * i + b"k:\n" for i in range(1, 10_000))), None, "limited to 1 MB"),
    ("50-MB-text", _bytes("posts/x.md", b"---\naccount: dpw-x\n---\n" + b"word " * 10_000_000), None,
     "limited to 1 MB"),
    ("year-99999", _bytes("posts/x.md", _front("account: dpw-x", "published_at: 99999-01-01")), 3,
     "published_at"),
    ("month-13", _bytes("posts/x.md", _front("account: dpw-x", "published_at: 2026-13-45")), 3,
     "month must be in 1..12"),
    ("year-9999-offset", _bytes("posts/x.md", _front(
        "account: dpw-x", "status: published", "published_at: 9999-12-31T23:59:59-12:00")), 4,
     "outside 1900-01-01"),
    ("year-1-offset", _bytes("posts/x.md", _front(
        "account: dpw-x", "scheduled_at: 0001-01-01T00:00:00+14:00")), 3, "outside 1900-01-01"),
    ("offset-25-hours", _bytes("posts/x.md", _front("account: dpw-x",
     "published_at: 2026-11-20T07:00:00+25:00")), 3, "UTC offset must be between"),
    ("python-tag-value", _bytes("posts/x.yaml",
                                b"account: dpw-x\ntext: !!python/object/apply:os.system [echo]\n"),
     2, "!!python/object/apply:os.system"),
    ("python-tag-document", _bytes("posts/x.yaml", b"!!python/object:os.X\naccount: dpw-x\n"), 1,
     "not allowed"),
    ("custom-tag", _bytes("posts/x.yaml", b"account: !vault dpw-x\n"), 1, "'!vault'"),
    ("binary-tag", _bytes("posts/x.yaml", b"account: dpw-x\ntext: !!binary aGk=\n"), 2,
     "!!binary"),
    ("huge-integer", _bytes("posts/x.yaml", b"account: dpw-x\nauthor: " + b"9" * 100_000 + b"\n"), 2,
     "too long"),
    ("huge-integer-key", _bytes("posts/x.yaml", b"account: dpw-x\n? " + b"9" * 5_000 + b"\n: x\n"), 2,
     "too long"),
    ("nan-status", _bytes("posts/x.yaml", b"account: dpw-x\nstatus: .nan\n"), 2, "field 'status'"),
    ("infinite-time", _bytes("posts/x.yaml", b"account: dpw-x\npublished_at: .inf\n"), 2,
     "published_at"),
    ("integer-key", _bytes("posts/x.yaml", b"account: dpw-x\n1: x\n"), 2, "not a field name"),
    ("null-key", _bytes("posts/x.yaml", b"account: dpw-x\nnull: x\n"), 2, "key null is not"),
    ("mapping-key", _bytes("posts/x.yaml", b"account: dpw-x\n? [a]\n: b\n"), 2, "plain value"),
    ("list-document", _bytes("posts/x.yaml", b"- account: dpw-x\n"), 1, "mapping of fields"),
    ("two-documents", _bytes("posts/x.yaml", b"account: dpw-x\n---\naccount: dpw-x\n"), 2,
     "expected a single document in the stream, but found another document"),
    ("control-character", _bytes("posts/x.yaml", b"account: dpw-x\ntext: \"\x07\"\n"), 2,
     "special characters"),
    ("body-and-text", _bytes("posts/x.md", _front("account: dpw-x", "text: Hi")), 3, "keep one"),
    ("bad-account-file", _bytes("accounts/x.yaml", b"kind: official\nsecurity: {mfa: maybe}\n"), 2,
     "security.mfa"),
    ("malformed-account-file", _bytes("accounts/x.yaml", b"kind: [official\n"), 1, "malformed"),
]  # fmt: skip


@pytest.mark.parametrize(("bad", "line", "fragment"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])  # fmt: skip
def test_bad_file_is_one_clear_input_error_and_the_rest_is_linted(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    bad: tuple[str, Write],
    line: int | None,
    fragment: str,
) -> None:
    repo = make_repo(tmp_path / "repo")
    rel, write = bad
    write(repo)
    code, report = lint(repo, capsys)
    errors = findings(report, rel, "input-error")
    assert errors, f"no input-error for {rel}: {report['violations']}"
    assert fragment in errors[0]["message"]
    assert errors[0]["line"] == (line or 1)
    assert code == 2
    assert findings(report, "posts/flagged.md", "incomplete-record")
    assert not [v for v in report["violations"] if v["rule"] == "internal-error"]
    assert report["summary"]["posts"] >= 2


def test_text_output_names_path_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = make_repo(tmp_path / "repo")
    (repo / "posts" / "x.md").write_bytes(_front("account: dpw-x", "authr: dpw-liaison"))
    os.chdir(repo)
    assert main(["check", ".", "--today", "2026-11-25", "--no-plugins"]) == 2
    assert "posts/x.md:3:1: input-error" in capsys.readouterr().out


def test_crlf_front_matter_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = make_repo(tmp_path / "repo")
    (repo / "posts" / "good.md").write_bytes(GOOD.replace("\n", "\r\n").encode())
    code, report = lint(repo, capsys)
    assert findings(report, "posts/good.md") == []
    assert code == 1  # flagged.md only


def test_time_without_offset_is_a_rule_finding_not_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = make_repo(tmp_path / "repo")
    (repo / "posts" / "x.md").write_text(FLAGGED.replace("07:00:00-05:00", "07:00:00"))
    code, report = lint(repo, capsys)
    assert not findings(report, "posts/x.md", "input-error")
    offsets = [
        v for v in findings(report, "posts/x.md", "incomplete-record") if "offset" in v["message"]
    ]
    assert offsets and offsets[0]["line"] == 8
    assert code == 1


@pytest.mark.parametrize(
    ("name", "text", "fragment"),
    [
        ("postlint.yaml", "city: {timezone: [}\n", "malformed YAML"),
        ("postlint.yaml", "citty: {}\n", "did you mean 'city'"),
        ("postlint.yaml", "city: {timezone: Mars/Olympus}\n", "unknown timezone 'Mars/Olympus'"),
        ("people.yaml", "people: [\n", "malformed YAML"),
        ("consents.yaml", "consents: 5\n", "consents"),
    ],
)
def test_broken_reference_file_is_reported_and_posts_still_linted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str, fragment: str
) -> None:
    repo = make_repo(tmp_path / "repo")
    (repo / name).write_text(text)
    code, report = lint(repo, capsys)
    errors = findings(report, name, "input-error")
    assert errors and fragment in errors[0]["message"]
    assert findings(report, "posts/flagged.md", "incomplete-record")
    assert code == 2


# ---------------------------------------------------------------- archives


def test_large_jsonl_archive_with_broken_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """200,000 records, every 10,000th broken: each broken line is one error at its line."""
    repo = make_repo(tmp_path / "repo")
    (repo / "archive").mkdir()
    good = b'{"account": "dpw-x", "status": "draft", "text": "Leaf pickup starts Monday."}\n'
    broken = {10_000 * k: b'{"account": "dpw-x", "text": \n' for k in range(1, 21)}
    lines = [broken.get(n, good) for n in range(1, 200_001)]
    (repo / "archive" / "posts.jsonl").write_bytes(b"".join(lines))
    code, report = lint(repo, capsys)
    errors = findings(report, "archive/posts.jsonl", "input-error")
    assert [e["line"] for e in errors] == sorted(broken)
    assert report["summary"]["posts"] == 2 + 200_000 - len(broken)
    assert code == 2


def test_json_array_archive_with_broken_elements(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = make_repo(tmp_path / "repo")
    (repo / "archive").mkdir()
    (repo / "archive" / "posts.json").write_text(
        "[\n"
        '  {"account": "dpw-x", "text": "one"},\n'
        '  {"account": "dpw-x", "text": oops},\n'
        '  {"account": "dpw-x", "text": "three"},\n'
        "  42,\n"
        '  {"account": "dpw-x", "status": "published", "published_at": "0001-01-01T00:00:00+14:00"},\n'
        '  {"account": "dpw-x", "text": "six"}\n'
        '  {"account": "dpw-x", "text": "seven"}\n'
        "]\n"
    )
    code, report = lint(repo, capsys)
    errors = findings(report, "archive/posts.json", "input-error")
    assert [e["line"] for e in errors] == [3, 5, 6, 8]  # 8: the comma before it is missing
    assert report["summary"]["posts"] == 2 + 4  # one, three, six, seven
    assert code == 2


@pytest.mark.parametrize(
    ("data", "line", "fragment"),
    [
        (
            b'[{"account": "dpw-x"},\n' + b"[" * 100_000 + b"]" * 100_000 + b"]",
            2,
            "nested too deeply",
        ),
        (b'{"account": "dpw-x", "id": ' + b"9" * 5_000 + b"}\n", 1, "too long"),
        (b'{"account": "dpw-x"}\n{"account": "dpw-x", "text": "\xff"}\n', 2, "UTF-8"),
        (b'{"account": "dpw-x"}\nnot json\n', 2, "not a JSON record"),
        (
            b'{"account": "dpw-x"}\n{"text": "' + b"x" * 300_000 + b'"}\n{"account": "dpw-x"}\n',
            2,
            "record is over 256 KB",
        ),
        (b'[\n{"account": "dpw-x"},\n{"account": "dpw-x"\n', 3, "not a JSON record"),
    ],
    ids=[
        "deep-element",
        "huge-int",
        "bad-utf8-line",
        "garbage-line",
        "huge-line",
        "truncated-array",
    ],
)
def test_broken_archive_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, line: int, fragment: str
) -> None:
    repo = make_repo(tmp_path / "repo")
    (repo / "archive").mkdir()
    name = "posts.json" if data.startswith(b"[") else "posts.jsonl"
    (repo / "archive" / name).write_bytes(data)
    code, report = lint(repo, capsys)
    errors = findings(report, f"archive/{name}", "input-error")
    assert errors and errors[0]["line"] == line and fragment in errors[0]["message"]
    assert findings(report, "posts/flagged.md", "incomplete-record")
    assert code == 2


def test_file_names_that_are_not_printable_are_shown_safely(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = make_repo(tmp_path / "repo")
    (repo / "posts" / os.fsdecode(b"\xff-latin.md")).write_bytes(_front("account: nobody"))
    (repo / "posts" / "new\nline.md").write_bytes(_front("account: nobody"))
    code, report = lint(repo, capsys)
    shown = {v["path"] for v in report["violations"] if v["rule"] == "input-error"}
    assert shown == {"posts/\ufffd-latin.md", "posts/new\\nline.md"}
    assert code == 2


def test_malformed_pyproject_is_an_input_error_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = make_repo(tmp_path / "repo")
    (repo / "postlint.yaml").unlink()
    (repo / "pyproject.toml").write_text("[project]\nname = 'x'\n[tool.postlint\n")
    code, report = lint(repo, capsys)
    errors = findings(report, "pyproject.toml", "input-error")
    assert errors and errors[0]["line"] == 3 and "malformed TOML" in errors[0]["message"]
    assert code == 2


def test_deeply_nested_folders_are_walked_without_recursion(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = make_repo(tmp_path / "repo")
    deep = repo / "posts"
    for _ in range(1_500):  # deeper than Python's recursion limit (and os.makedirs')
        deep = deep / "d"
        deep.mkdir()
    (deep / "deep.md").write_bytes(_front("account: nobody"))
    try:
        code, report = lint(repo, capsys)
    finally:  # shutil.rmtree (pytest's clean-up) recurses: remove the tree bottom-up
        (deep / "deep.md").unlink()
        while deep != repo / "posts":
            deep.rmdir()
            deep = deep.parent
    assert [v["line"] for v in report["violations"] if v["path"].endswith("deep.md")] == [2]
    assert code == 2


def test_a_flood_of_problems_is_ten_findings_and_a_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = make_repo(tmp_path / "repo")
    keys = "".join(f"field{i}: 1\n" for i in range(20_000))
    (repo / "posts" / "x.yaml").write_text(f"account: dpw-x\n{keys}")
    code, report = lint(repo, capsys)
    errors = findings(report, "posts/x.yaml", "input-error")
    summary = [e for e in errors if "more problems" in e["message"]]
    assert len(errors) == 11 and len(summary) == 1
    assert "19990 more problems" in summary[0]["message"] and summary[0]["line"] == 1
    assert sorted(e["line"] for e in errors if e not in summary) == list(range(2, 12))
    assert code == 2


@settings(max_examples=40, deadline=None)
@given(
    depth=st.one_of(st.integers(1, 90), st.integers(110, 400)),
    kind=st.sampled_from(["list", "map"]),
    flow=st.booleans(),
)
def test_depth_prescan_flags_deep_documents_and_only_those(
    depth: int, kind: str, flow: bool
) -> None:
    data: Any = "x"
    for _ in range(depth):
        data = [data] if kind == "list" else {"k": data}
    text = yaml.safe_dump({"account": "dpw-x", "x": data}, default_flow_style=flow, width=10**9)
    assert (too_deep_line(text) is not None) == (depth > 100)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
@pytest.mark.parametrize("where", ["archive/x.jsonl", "archive/x.json", "posts/x.md"])
@pytest.mark.parametrize("kind", ["pipe", "link-to-dev-zero"])
def test_pipes_and_devices_are_never_read(tmp_path: Path, where: str, kind: str) -> None:
    """Opening a pipe blocks and /dev/zero never ends: neither may hang a run."""
    repo = make_repo(tmp_path / "repo")
    (repo / "archive").mkdir()
    if kind == "pipe":
        os.mkfifo(repo / where)
    else:
        (repo / where).symlink_to("/dev/zero")
    argv = [sys.executable, "-m", "postlint", "check", ".", "--today", "2026-11-25",
            "--no-plugins", "--select", "incomplete-record"]  # fmt: skip
    done = subprocess.run(argv, cwd=repo, capture_output=True, text=True, timeout=30)
    assert f"{where}:1:1: input-error [error] is not a regular file" in done.stdout
    assert "posts/flagged.md:1:1: incomplete-record" in done.stdout
    assert done.returncode == 2


def test_posts_on_an_account_whose_file_is_broken_say_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = make_repo(tmp_path / "repo")
    (repo / "accounts" / "dpw-x.yaml").write_text("kind: [official\n")
    code, report = lint(repo, capsys)
    assert findings(report, "accounts/dpw-x.yaml", "input-error")
    post_errors = findings(report, "posts/flagged.md", "input-error")
    assert (
        post_errors
        and "whose file accounts/dpw-x.yaml could not be read" in (post_errors[0]["message"])
    )
    assert code == 2


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("posts.jsonl", b"id,account,text\n" + b"1,dpw-x,hello\n" * 5_000),
        ("posts.json", b'{\n  "account": "dpw-x",\n' + b'  "text": "x",\n' * 5_000 + b"}\n"),
        ("photo.jsonl", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 400),
    ],
    ids=["csv", "pretty-printed-object", "binary"],
)
def test_a_file_that_is_not_json_lines_is_one_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes
) -> None:
    repo = make_repo(tmp_path / "repo")
    (repo / "archive").mkdir()
    (repo / "archive" / name).write_bytes(data)
    code, report = lint(repo, capsys)
    errors = findings(report, f"archive/{name}", "input-error")
    assert len(errors) == 1 and "does not look like JSON Lines" in errors[0]["message"]
    assert code == 2


def test_a_few_broken_lines_first_are_each_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = make_repo(tmp_path / "repo")
    (repo / "archive").mkdir()
    good = b'{"account": "dpw-x", "text": "ok"}\n'
    (repo / "archive" / "posts.jsonl").write_bytes(b"oops\n" * 9 + good * 3 + b"oops\n" * 20)
    code, report = lint(repo, capsys)
    lines = [e["line"] for e in findings(report, "archive/posts.jsonl", "input-error")]
    assert lines == [*range(1, 10), *range(13, 33)]
    assert report["summary"]["posts"] == 2 + 3
    assert code == 2


def test_a_large_file_that_is_not_json_lines_is_one_error_in_every_chunk_layout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = make_repo(tmp_path / "repo")
    (repo / "archive").mkdir()
    (repo / "archive" / "big.jsonl").write_bytes(b"id,account,text\n1,dpw-x,hello\n" * 200_000)
    for jobs in ("1", "2"):
        code, report = lint(repo, capsys, "--jobs", jobs)
        errors = findings(report, "archive/big.jsonl", "input-error")
        assert len(errors) == 1 and "does not look like JSON Lines" in errors[0]["message"]
        assert code == 2
