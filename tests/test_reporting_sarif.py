"""SARIF: valid against the official schema, readable by SARIF tools, positions valid."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factories import TODAY
from postlint.api import lint_paths
from postlint.engine import Report
from postlint.reporting import render
from postlint.reporting.sarif import artifact, result
from postlint.violation import Target, Violation
from test_reporting import build_report, write_content_repo


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    return build_report(tmp_path_factory.mktemp("content"))


@pytest.fixture(scope="module")
def log(report: Report) -> dict[str, Any]:
    return json.loads(render("sarif", report))  # type: ignore[no-any-return]


def test_sarif_validates_against_the_official_schema(log: dict[str, Any], shared_dir: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((shared_dir / "schemas/sarif-schema-2.1.0.json").read_text("utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)


def test_sarif_tools_read_it_back(report: Report, tmp_path: Path) -> None:
    loader = pytest.importorskip("sarif.loader")
    path = tmp_path / "postlint.sarif"
    path.write_text(render("sarif", report), encoding="utf-8")
    sarif_file = loader.load_sarif_file(str(path))
    assert sarif_file.get_result_count() == len(report.violations)
    assert sorted(r["ruleId"] for r in sarif_file.get_results()) == sorted(
        v.rule for v in report.violations
    )


def test_every_result_points_at_its_rule_descriptor(log: dict[str, Any]) -> None:
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    assert {"input-error", "config-error"} <= set(ids)  # reserved slugs that occur


def test_rule_descriptors_carry_docs_and_clauses(log: dict[str, Any]) -> None:
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    terms = rules["terms-of-participation"]
    assert terms["defaultConfiguration"]["level"] == "error"
    assert {"SMP-3a", "account"} <= set(terms["properties"]["tags"])
    assert "### What it checks" in terms["help"]["markdown"]
    assert "Policy clauses: SMP-3, SMP-3a" in terms["help"]["text"]
    assert terms["fullDescription"]["text"].startswith("An official account")
    assert "helpUri" not in terms  # no link to documentation that is not published
    assert rules["input-error"]["properties"]["clauses"] == []
    assert "cites no clause" in rules["input-error"]["help"]["text"]


def test_suppressed_findings_carry_the_justification(log: dict[str, Any]) -> None:
    suppressed = [r for r in log["runs"][0]["results"] if "suppressions" in r]
    assert len(suppressed) == 1
    (s,) = suppressed[0]["suppressions"]
    assert s["kind"] == "inSource"
    assert s["justification"] == "the platform never returned a URL for this post"


def test_invocation_reports_the_exit_code(log: dict[str, Any], report: Report) -> None:
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["exitCode"] == report.exit_code == 2  # the repository has input errors
    assert invocation["executionSuccessful"] is False


def test_a_clean_run_is_a_successful_execution() -> None:
    log = json.loads(render("sarif", Report()))
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["invocations"][0] == {
        **log["runs"][0]["invocations"][0],
        "exitCode": 0,
        "executionSuccessful": True,
    }


def test_paths_are_relative_uris_under_srcroot() -> None:
    # A colon is encoded: `c:x.md` would otherwise read as a URI with scheme `c`.
    assert artifact("posts/we,ird:name 1.yaml") == {
        "uri": "posts/we,ird%3Aname%201.yaml",
        "uriBaseId": "SRCROOT",
    }
    assert artifact("/srv/content/posts/a.md")["uri"] == "file:///srv/content/posts/a.md"
    assert "uriBaseId" not in artifact("/srv/content/posts/a.md")


def test_a_finding_without_a_file_has_a_logical_location() -> None:
    v = Violation(
        rule="config-error",
        severity="error",
        message="m",
        target=Target(kind="file", id="<config>"),
    )
    (loc,) = result(v, 0)["locations"]
    assert "physicalLocation" not in loc
    assert loc["logicalLocations"][0]["name"] == "<config>"


positions = st.one_of(st.none(), st.integers(min_value=-2, max_value=40))


@given(line=positions, column=positions, end_line=positions, end_column=positions)
def test_regions_only_hold_valid_positions(
    line: int | None, column: int | None, end_line: int | None, end_column: int | None
) -> None:
    v = Violation(
        rule="r",
        severity="warning",
        message="m",
        target=Target(kind="post", id="p"),
        path="posts/p.md",
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
    )
    region = result(v, 0)["locations"][0]["physicalLocation"].get("region", {})
    assert all(value >= 1 for value in region.values())
    if region:
        assert region["startLine"] == line
    if "endLine" in region:
        assert region["endLine"] >= region["startLine"]
        if region["endLine"] == region["startLine"] and "endColumn" in region:
            assert region["endColumn"] >= region.get("startColumn", 1)
    if "endColumn" in region:
        assert "endLine" in region


def test_a_suppression_by_the_configuration_is_external() -> None:
    v = Violation(
        rule="hashtag-case",
        severity="warning",
        message="m",
        target=Target(kind="post", id="p"),
        suppressed=True,
        suppression_reason="per_path_ignores 'archive/*' in the configuration",
    )
    (s,) = result(v, 0)["suppressions"]
    assert s == {"kind": "external", "status": "accepted", "justification": v.suppression_reason}


def test_per_path_ignores_in_a_real_run_are_external_suppressions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_content_repo(tmp_path)
    with (tmp_path / "postlint.yaml").open("a", encoding="utf-8") as config:
        config.write("per_path_ignores:\n  2026-11-20-snow.md: [incomplete-record]\n")
    monkeypatch.chdir(tmp_path)
    run = lint_paths([tmp_path], today=TODAY, entry_point_plugins=False)
    results = json.loads(render("sarif", run))["runs"][0]["results"]
    kinds = {
        s["kind"]
        for r in results
        if r["ruleId"] == "incomplete-record"
        for s in r.get("suppressions", [])
    }
    assert kinds == {"external"}


def test_rule_links_point_where_the_configuration_says_the_docs_are(report: Report) -> None:
    report = dataclasses.replace(report, docs_url="https://docs.syr.gov/postlint/")
    rules = json.loads(render("sarif", report))["runs"][0]["tool"]["driver"]["rules"]
    by_id = {r["id"]: r for r in rules}
    link = by_id["terms-of-participation"]["helpUri"]
    assert link == "https://docs.syr.gov/postlint/rules/terms-of-participation/"
    assert "helpUri" not in by_id["input-error"]  # a reserved slug has no page


def test_docs_url_is_read_from_the_configuration_and_checked(tmp_path: Path) -> None:
    write_content_repo(tmp_path)
    config = tmp_path / "postlint.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + "docs_url: https://docs.syr.gov/postlint\n", encoding="utf-8")
    report = lint_paths([tmp_path], today=TODAY, entry_point_plugins=False)
    assert report.docs_url == "https://docs.syr.gov/postlint"
    assert not [v for v in report.violations if v.rule == "config-error"]

    config.write_text(text + "docs_url: docs.syr.gov/postlint\n", encoding="utf-8")
    report = lint_paths([tmp_path], today=TODAY, entry_point_plugins=False)
    assert report.docs_url is None
    line = len(text.splitlines()) + 1
    bad = [v for v in report.violations if v.path and v.path.endswith("postlint.yaml")]
    assert [(v.rule, v.line) for v in bad] == [("input-error", line)]
    assert "docs_url" in bad[0].message
