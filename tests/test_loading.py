"""Reading a content repository: formats, positions, configuration discovery, archives."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from postlint.api import lint_paths
from postlint.loading.repo import load_workspace


def write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write(tmp_path, "postlint.yaml", "policy: syracuse\n")
    write(tmp_path, "accounts/dpw-x.yaml", "id: dpw-x\nkind: official\nplatform: x\n")
    return tmp_path


def findings(root: Path, *paths: str, **kwargs: object) -> list[tuple[str, str, int | None]]:
    report = lint_paths(
        [root / p for p in paths] or [root],
        entry_point_plugins=False,
        select=["incomplete-record"],
        **kwargs,
    )  # type: ignore[arg-type]
    return [(v.rule, Path(v.path or "").name, v.line) for v in report.violations]


def test_markdown_front_matter_fields_and_body_positions(repo: Path) -> None:
    write(
        repo,
        "posts/a.md",
        """
        ---
        account: dpw-x
        status: published
        published_at: 2026-11-21T16:05:00
        ---
        First line.
        See http://bad link
        """,
    )
    report = lint_paths([repo], entry_point_plugins=False, select=["incomplete-record"])
    by_field = {v.field: v for v in report.violations}
    assert by_field["published_at"].line == 4 and by_field["published_at"].column == 1
    assert by_field["url"].line == 1  # a missing field points at the opening ---
    text = by_field["text"]
    assert (text.line, text.column) == (7, 5)  # the matched characters in the body


def test_yaml_post_block_text_positions(repo: Path) -> None:
    write(
        repo,
        "posts/b.yaml",
        """
        account: dpw-x
        status: published
        published_at: 2026-11-21T16:05:00-05:00
        url: https://x.com/a/status/1
        text: |
          Line one.
          Then http://nohost here.
        """,
    )
    report = lint_paths([repo], entry_point_plugins=False, select=["incomplete-record"])
    [v] = report.violations
    assert (v.path and v.path.endswith("b.yaml"), v.line, v.column) == (True, 7, 8)


def test_id_defaults_to_file_name(repo: Path) -> None:
    write(repo, "posts/2026-11-20-hello.md", "---\naccount: dpw-x\n---\nHello\n")
    ws = load_workspace([repo])
    [post] = list(ws.posts())
    assert post.id == "2026-11-20-hello"  # type: ignore[union-attr]


def test_misspelt_field_suggests_the_known_one(repo: Path) -> None:
    write(repo, "posts/c.md", "---\naccount: dpw-x\naproved_by: x\n---\nHi\n")
    report = lint_paths([repo], entry_point_plugins=False)
    [v] = [v for v in report.violations if v.rule == "input-error"]
    assert v.line == 3
    assert "did you mean 'approved_by'?" in v.message
    assert report.exit_code == 2


def test_broken_and_binary_files_do_not_stop_the_run(repo: Path) -> None:
    write(repo, "posts/good.md", "---\naccount: dpw-x\nstatus: published\n---\nHi\n")
    write(repo, "posts/broken.yaml", "account: dpw-x\ntext: [unclosed\n")
    (repo / "posts" / "photo.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR")
    (repo / "posts" / "latin1.md").write_bytes(
        "---\naccount: dpw-x\n---\ncaf\xe9\n".encode("latin-1")
    )
    report = lint_paths([repo], entry_point_plugins=False, select=["incomplete-record"])
    errors = {
        Path(v.path or "").name: v.message for v in report.violations if v.rule == "input-error"
    }
    assert set(errors) == {"broken.yaml", "photo.md", "latin1.md"}
    assert "malformed YAML" in errors["broken.yaml"]
    assert "binary" in errors["photo.md"]
    assert "UTF-8" in errors["latin1.md"]
    assert ("incomplete-record", "good.md", 1) in [
        (v.rule, Path(v.path or "").name, v.line) for v in report.violations
    ]


def test_unknown_account_is_input_error_at_its_line(repo: Path) -> None:
    write(repo, "posts/d.md", "---\nstatus: draft\naccount: nowhere\n---\nHi\n")
    report = lint_paths([repo], entry_point_plugins=False)
    [v] = [v for v in report.violations if v.rule == "input-error"]
    assert v.line == 3 and v.path and v.path.endswith("d.md")
    assert report.exit_code == 2


def test_pyproject_configuration_is_found_upward(tmp_path: Path) -> None:
    write(
        tmp_path,
        "pyproject.toml",
        """
        [tool.postlint]
        ignore = ["incomplete-record"]
        [tool.postlint.city]
        timezone = "America/Chicago"
        """,
    )
    write(tmp_path, "accounts/a.yaml", "id: a\nkind: official\n")
    post = write(tmp_path, "posts/deep/e.md", "---\naccount: a\nstatus: published\n---\nHi\n")
    ws = load_workspace([post])
    assert ws.config.city.timezone == "America/Chicago"
    assert ws.config.ignore == ["incomplete-record"]
    report = lint_paths([post], entry_point_plugins=False, select=["incomplete-record"])
    assert report.violations == []  # selected, but ignored by the pyproject configuration


def test_unknown_config_key_is_reported_with_suggestion(repo: Path) -> None:
    write(repo, "postlint.yaml", "policy: syracuse\ncity:\n  timezon: UTC\n")
    report = lint_paths([repo], entry_point_plugins=False)
    [v] = [v for v in report.violations if v.rule == "input-error"]
    assert v.line == 3 and "did you mean 'timezone'?" in v.message


def test_jsonl_and_json_archives_report_record_lines(repo: Path) -> None:
    good = {"account": "dpw-x", "status": "published", "text": "hi",
            "published_at": "2026-11-20T07:00:00-05:00"}  # fmt: skip
    lines = [json.dumps(good), "{broken", "", json.dumps({**good, "url": "https://x.com/s/1"})]
    write(repo, "archive/a.jsonl", "\n".join(lines) + "\n")
    write(repo, "archive/b.json", json.dumps([good, {"account": 5}], indent=1))
    report = lint_paths([repo], entry_point_plugins=False, select=["incomplete-record"])
    got = sorted((Path(v.path or "").name, v.line, v.rule) for v in report.violations)
    assert got == [
        ("a.jsonl", 1, "incomplete-record"),
        ("a.jsonl", 2, "input-error"),
        ("b.json", 2, "incomplete-record"),
        ("b.json", 9, "input-error"),  # the unknown account, on its own line
    ]
    assert report.posts == 4  # the last record names an unknown account


def test_only_named_files_are_linted_but_references_load(repo: Path) -> None:
    write(repo, "posts/one.md", "---\naccount: dpw-x\nstatus: published\n---\nHi\n")
    write(repo, "posts/two.md", "---\naccount: dpw-x\nstatus: published\n---\nHi\n")
    report = lint_paths([repo / "posts" / "one.md"], entry_point_plugins=False,
                        select=["incomplete-record"])  # fmt: skip
    assert {Path(v.path or "").name for v in report.violations} == {"one.md"}
    assert report.posts == 1 and report.accounts == 0
