"""Baselines: record findings, report only new ones, store no sensitive value."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postlint import baseline
from postlint.cli import main
from postlint.engine import Report
from postlint.errors import UsageError
from postlint.violation import Target, Violation

TODAY = "2026-11-25"


@pytest.fixture
def repo(tmp_path: Path, example_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "cr"
    shutil.copytree(example_repo, root)
    monkeypatch.chdir(root)
    return root


def _check(capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str, str]:
    code = main(["check", "--today", TODAY, "--no-plugins", "--format", "json", *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _rules(out: str) -> list[str]:
    return sorted(v["rule"] for v in json.loads(out)["violations"])


def test_baseline_hides_known_findings_and_counts_them(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _check(capsys)
    assert code == 1
    before = json.loads(out)["summary"]
    assert main(["baseline", "--today", TODAY, "--no-plugins"]) == 0
    capsys.readouterr()
    code, out, err = _check(capsys, "--baseline", ".postlint-baseline.json")
    report = json.loads(out)
    blocking_left = [v for v in report["violations"] if v["severity"] == "error"]
    assert all(v["rule"] in ("config-error", "input-error") for v in blocking_left)
    assert report["summary"]["baselined"] > 0
    assert report["summary"]["baselined"] + report["summary"]["violations"] == before["violations"]
    assert "not shown" in err


def test_findings_keep_identity_when_lines_move(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["baseline", "--today", TODAY, "--no-plugins"])
    capsys.readouterr()
    _, out, _ = _check(capsys, "--baseline", ".postlint-baseline.json")
    clean = _rules(out)
    for path in [*repo.glob("posts/*.md"), *repo.glob("accounts/*.yaml")]:
        text = path.read_text()
        if path.suffix == ".md":  # comments inside the front matter, above every field
            text = text.replace("---\n", "---\n# moved\n# down\n# three\n", 1)
        else:
            text = "# moved\n# down\n# three\n" + text
        path.write_text(text)
    _, out, _ = _check(capsys, "--baseline", ".postlint-baseline.json")
    assert _rules(out) == clean


def test_a_new_finding_is_reported(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["baseline", "--today", TODAY, "--no-plugins"])
    capsys.readouterr()
    _, out, _ = _check(capsys, "--baseline", ".postlint-baseline.json")
    clean = _rules(out)
    post = next(p for p in sorted(repo.glob("posts/*")) if "\nurl: https://" in p.read_text())
    post.write_text(post.read_text().replace("\nurl: https://", "\n# url: https://"))
    _, out, _ = _check(capsys, "--baseline", ".postlint-baseline.json")
    assert _rules(out) == sorted([*clean, "incomplete-record"])


def test_same_finding_in_another_file_is_new(tmp_path: Path) -> None:
    def finding(path: str) -> Violation:
        return Violation(rule="incomplete-record", severity="error", message="no url",
                         target=Target(kind="post", id="p1"), field="url", path=path)  # fmt: skip

    out = tmp_path / "b.json"
    baseline.write(Report(violations=[finding("posts/a.md")]), out)
    report = baseline.apply(Report(violations=[finding("posts/a.md"), finding("posts/b.md")]), out)
    assert [v.path for v in report.violations] == ["posts/b.md"] and report.baselined == 1


def test_identical_findings_are_counted_not_absorbed(tmp_path: Path) -> None:
    v = Violation(rule="personal-data", severity="error", message="a phone number",
                  target=Target(kind="post", id="p1"), field="text", path="posts/p.md")  # fmt: skip
    out = tmp_path / "b.json"
    baseline.write(Report(violations=[v]), out)
    assert len(baseline.apply(Report(violations=[v, v]), out).violations) == 1


def test_sensitive_findings_store_no_message_and_no_value(tmp_path: Path) -> None:
    secret = "315-555-0123"
    found = [
        Violation(rule="personal-data", severity="error", message=f"phone {secret} in text",
                  target=Target(kind="post", id="p1"), field="text", span=(3, 15),
                  path="posts/p.md", line=9),
        Violation(rule="plaintext-secret", severity="error", message="a password (hunter2)",
                  target=Target(kind="file", id="accounts/a.yaml"), path="accounts/a.yaml"),
    ]  # fmt: skip
    out = tmp_path / "b.json"
    baseline.write(Report(violations=found), out)
    text = out.read_text()
    assert secret not in text and "hunter2" not in text and "message" not in text
    assert "line" not in json.loads(text)["findings"][0]


def test_input_errors_are_never_baselined(tmp_path: Path) -> None:
    err = Violation(rule="input-error", severity="error", message="malformed YAML",
                    target=Target(kind="file", id="posts/x.md"), path="posts/x.md")  # fmt: skip
    out = tmp_path / "b.json"
    assert baseline.write(Report(violations=[err]), out) == 0


def test_missing_or_bad_baseline_is_a_usage_error(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _check(capsys, "--baseline", "nope.json")
    assert code == 2 and "postlint baseline" in err
    Path("bad.json").write_text("[1, 2]")
    code, _, err = _check(capsys, "--baseline", "bad.json")
    assert code == 2 and "not a version 1 postlint baseline" in err


def _reference(text: str) -> object:
    """What a baseline's text held, read whole with ``json.loads`` (or why not)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return "not JSON"
    if not isinstance(data, dict) or data.get("version") != baseline.VERSION:
        return "not version 1"
    findings = data.get("findings")
    if not isinstance(findings, list):
        return "no findings list"
    return Counter(str(e.get("fingerprint")) for e in findings if isinstance(e, dict))


def _streamed(path: Path) -> object:
    try:
        return baseline.load(path)
    except UsageError as exc:
        message = str(exc)
        if "JSONDecodeError" in message:
            return "not JSON"
        return "not version 1" if "not a version" in message else "no findings list"


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
_entry = st.fixed_dictionaries(
    {"rule": st.just("incomplete-record")},
    optional={"fingerprint": st.text("0123456789abcdef", min_size=1, max_size=24) | _json},
)
_document = st.fixed_dictionaries(
    {},
    optional={
        "version": st.sampled_from([1, 1.0, True, 2, "1", None]),
        "tool": st.just("postlint"),
        "findings": st.lists(_entry | _json, max_size=8) | _json,
        "other": _json,
    },
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    document=_document | _json,
    indent=st.sampled_from([None, 0, 2]),
    cut=st.integers(0, 400),
    garble=st.booleans(),
    chars=st.integers(1, 9),
)
def test_a_baseline_read_in_pieces_holds_what_it_holds_read_whole(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    document: object,
    indent: int | None,
    cut: int,
    garble: bool,
    chars: int,
) -> None:
    """Any text, read a few characters at a time: the same fingerprints counted, or the
    same reason it is not a baseline, as ``json.loads`` on the whole text gives."""
    monkeypatch.setattr(baseline, "READ_CHARS", chars)
    text = json.dumps(document, indent=indent)
    if garble:  # cut short, or with something after it
        text = text[:cut] if cut < len(text) else text + " ]"
    path = tmp_path / "baseline.json"
    path.write_text(text, encoding="utf-8")
    assert _streamed(path) == _reference(text)
