"""Every output format carries the same findings.

One report is built from a small content repository on disk (a clean account, an
account and posts that break rules, unreadable input), plus findings made by hand for
the cases a repository cannot produce on demand: a suppressed finding, a finding with
no file, a warning whose message and path carry every character the formats must
escape. Each format is then parsed back and must name exactly the same
``(rule, path, line)`` set.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import yaml

from factories import TODAY, official_account, personal_account, post, roster
from postlint.api import lint_paths
from postlint.engine import Report
from postlint.reporting import render
from postlint.violation import Target, Violation

Key = tuple[str, str | None, int | None]

#: A message and a path with every character some format must encode or escape.
AWKWARD_MESSAGE = '50% of <b>bold</b> & "quoted", a:b\r\nsecond line'
AWKWARD_PATH = "posts/we,ird:name 1.yaml"
PASSWORD = "hunter2-Secret!"


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def _model(model: Any) -> Any:
    return model.model_dump(mode="json", exclude_none=True, exclude_defaults=True)


def write_content_repo(root: Path) -> None:
    """A content repository with findings of several kinds."""
    (root / "accounts").mkdir(parents=True)
    (root / "posts").mkdir()
    (root / "postlint.yaml").write_text(
        "roster: people.yaml\ncity:\n  timezone: America/New_York\n", encoding="utf-8"
    )
    (root / "people.yaml").write_text(_dump(_model(roster())), encoding="utf-8")
    (root / "accounts/dpw-x.yaml").write_text(_dump(_model(official_account())), "utf-8")
    personal = _dump(_model(personal_account()))  # account rules do not apply to it
    (root / "accounts/dpw-liaison-personal.yaml").write_text(personal, "utf-8")
    parks = official_account(
        id="parks-x",
        handle="@SyracuseParks",
        department="Parks, Recreation and Youth Programs",
        terms_of_participation="Be nice in the comments.",
    )
    parks_data = _model(parks)
    parks_data["security"]["password"] = PASSWORD  # plaintext-secret finds it; no output shows it
    (root / "accounts/parks-x.yaml").write_text(_dump(parks_data), "utf-8")
    october = _model(post(id="old", account="parks-x"))
    october["published_at"] = "2026-10-05T09:00:00-04:00"
    october["approved_at"] = "2026-10-05T08:00:00-04:00"
    del october["url"]  # a published post with no URL on record
    (root / "posts/2026-10-05-old.yaml").write_text(_dump(october), "utf-8")
    naive = _model(post(id="snow"))
    naive["published_at"] = "2026-11-20T07:00:00"  # no UTC offset
    text = naive.pop("text")
    (root / "posts/2026-11-20-snow.md").write_text(f"---\n{_dump(naive)}---\n{text}\n", "utf-8")
    ghost = _model(post(id="ghost", account="nobody"))
    (root / "posts/ghost.yaml").write_text(_dump(ghost), "utf-8")
    (root / "posts/broken.yaml").write_text("id: [unclosed\n", "utf-8")


def hand_made() -> list[Violation]:
    """Findings a repository cannot produce on demand."""
    return [
        Violation(
            rule="incomplete-record",
            severity="error",
            message="published post has no `url` on record",
            clauses=("SMP-1", "SMP-9"),
            target=Target(kind="post", id="snow"),
            path="posts/2026-11-20-snow.md",
            line=2,
            column=1,
            suppressed=True,
            suppression_reason="the platform never returned a URL for this post",
        ),
        Violation(
            rule="config-error",
            severity="error",
            message="media-consent: no consent register; set `consents:` in postlint.yaml",
            target=Target(kind="file", id="<config>"),
        ),
        Violation(
            rule="hashtag-case",
            severity="warning",
            message=AWKWARD_MESSAGE,
            clauses=("SMP-11",),
            target=Target(kind="post", id="weird"),
            path=AWKWARD_PATH,
            line=3,
            column=0,  # invalid: formats must leave it out, not write it
            end_line=2,  # before the start: invalid too
            end_column=5,
        ),
    ]


def build_report(root: Path) -> Report:
    """The report of the content repository at ``root``, plus the hand-made findings."""
    write_content_repo(root)
    here = Path.cwd()
    os.chdir(root)  # findings show paths relative to the working folder
    try:
        report = lint_paths([root], today=TODAY, entry_point_plugins=False)
    finally:
        os.chdir(here)
    report.violations = sorted([*report.violations, *hand_made()], key=Violation.sort_key)
    return report


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    return build_report(tmp_path_factory.mktemp("content"))


def key(v: Violation) -> Key:
    """What every format must agree on; a finding in a file without a line is on line 1."""
    return (v.rule, v.path, (v.line or 1) if v.path is not None else None)


# --------------------------------------------------------------------- parsers


_TEXT_LINE = re.compile(r"^(?:<\w+ .+?>|(?P<path>.+?):(?P<line>\d+):\d+): (?P<rule>[a-z0-9-]+) \[")


def from_text(out: str) -> set[Key]:
    found = set()
    for line in out.splitlines():
        m = _TEXT_LINE.match(line)
        if m:
            n = m["line"]
            found.add((m["rule"], m["path"], int(n) if n else None))
    return found


def from_json(out: str) -> tuple[set[Key], set[Key]]:
    data = json.loads(out)

    def keys(records: list[dict[str, Any]]) -> set[Key]:
        return {
            (r["rule"], r["path"], (r["line"] or 1) if r["path"] is not None else None)
            for r in records
        }

    return keys(data["violations"]), keys(data["suppressed"])


def from_sarif(out: str) -> tuple[set[Key], set[Key]]:
    active, suppressed = set(), set()
    for result in json.loads(out)["runs"][0]["results"]:
        physical = result["locations"][0].get("physicalLocation")
        path = unquote(physical["artifactLocation"]["uri"]) if physical else None
        line = physical.get("region", {}).get("startLine", 1) if physical else None
        (suppressed if result.get("suppressions") else active).add((result["ruleId"], path, line))
    return active, suppressed


def from_junit(out: str) -> set[Key]:
    found = set()
    for failure in ET.fromstring(out).iter("failure"):
        m = _TEXT_LINE.match(failure.text or "")
        assert m, failure.text
        n = m["line"]
        found.add((m["rule"], m["path"], int(n) if n else None))
    return found


_PERCENT = re.compile(r"%(25|0D|0A|3A|2C)")


def from_github(out: str) -> set[Key]:
    found = set()
    for line in out.splitlines():
        m = re.match(r"^::(error|warning) (?P<props>[^:]*)::", line)
        assert m, line
        props = dict(p.split("=", 1) for p in m["props"].split(","))
        props = {k: _PERCENT.sub(lambda c: chr(int(c[1], 16)), v) for k, v in props.items()}
        rule = props["title"].split()[1]
        line_no = int(props["line"]) if "line" in props else (1 if "file" in props else None)
        found.add((rule, props.get("file"), line_no))
    return found


class _Rows(HTMLParser):
    """Rows of the HTML report's finding tables (``data-rule`` on a ``<tr>``)."""

    def __init__(self) -> None:
        super().__init__()
        self.active: set[Key] = set()
        self.suppressed: set[Key] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag != "tr" or "data-rule" not in a:
            return
        path = a["data-path"] or None
        line = int(a["data-line"]) if a["data-line"] else (1 if path else None)
        target = self.suppressed if "suppressed" in (a.get("class") or "") else self.active
        target.add((a["data-rule"] or "", path, line))


def from_html(out: str) -> tuple[set[Key], set[Key]]:
    rows = _Rows()
    rows.feed(out)
    return rows.active, rows.suppressed


# --------------------------------------------------------------------- tests


def test_the_report_has_findings_of_several_kinds(report: Report) -> None:
    rules = {v.rule for v in report.active}
    assert {"input-error", "incomplete-record", "terms-of-participation", "config-error"} <= rules
    assert any(v.severity == "warning" for v in report.active)
    assert any(v.path is None for v in report.active)
    assert len(report.suppressed) == 1


def test_every_format_carries_the_same_findings(report: Report) -> None:
    expected = {key(v) for v in report.active}
    json_active, _ = from_json(render("json", report))
    sarif_active, _ = from_sarif(render("sarif", report))
    html_active, _ = from_html(render("html", report))
    assert from_text(render("text", report)) == expected
    assert json_active == expected
    assert sarif_active == expected
    assert from_junit(render("junit", report)) == expected
    assert from_github(render("github", report)) == expected
    assert html_active == expected


def test_formats_that_list_suppressed_findings_agree(report: Report) -> None:
    expected = {key(v) for v in report.suppressed}
    assert from_json(render("json", report))[1] == expected
    assert from_sarif(render("sarif", report))[1] == expected
    assert from_html(render("html", report))[1] == expected
    # Suppressed findings are accepted: no annotation and no JUnit failure for them.
    assert not expected & from_github(render("github", report))
    junit = ET.fromstring(render("junit", report))
    outs = "".join(e.text or "" for e in junit.iter("system-out"))
    assert "the platform never returned a URL for this post" in outs


def test_every_format_is_deterministic(report: Report) -> None:
    for fmt in ("sarif", "junit", "github", "html"):
        assert render(fmt, report) == render(fmt, report), fmt


def test_no_format_shows_the_password_in_a_file(report: Report) -> None:
    for fmt in ("text", "json", "sarif", "junit", "github", "html"):
        assert PASSWORD not in render(fmt, report), fmt
