"""The clause-to-rule matrix: every clause accounted for, parents, and docs that cannot drift."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from postlint import Linter, Rule
from postlint.cli import main
from postlint.coverage import build_matrix, render_markdown
from postlint.packs import builtin_pack

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "coverage.md"
CLAUSE_IDS = [
    "SMP-1", "SMP-2", "SMP-3", "SMP-3a", "SMP-3b", "SMP-3c", "SMP-3d",
    "SMP-4", "SMP-4a", "SMP-4b", "SMP-4c", "SMP-4d", "SMP-4e",
    "SMP-5", "SMP-6", "SMP-7", "SMP-8", "SMP-9", "SMP-10", "SMP-11",
    "SMP-12", "SMP-12a", "SMP-12b", "SMP-12c", "SMP-12d", "SMP-12e", "SMP-12f", "SMP-12g",
]  # fmt: skip


def builtin_rules() -> list[Rule]:
    return Linter(entry_point_plugins=False).all_rules


def fake_rule(slug: str, *clauses: str) -> Rule:
    """A rule object that only carries metadata."""

    class Fake(Rule):
        summary = "fake"

        def check(self, target: Any, ctx: Any) -> Iterator[Any]:
            yield from ()

    Fake.slug = slug
    Fake.clauses = clauses
    return Fake()


def test_every_clause_in_policy_order() -> None:
    matrix = build_matrix(builtin_rules())
    assert [r.id for r in matrix.rows] == CLAUSE_IDS


def test_every_clause_has_a_rule_or_a_stated_reason() -> None:
    matrix = build_matrix(builtin_rules())
    assert [r.id for r in matrix.gaps] == []
    assert matrix.unknown == {}


def test_a_clause_without_rule_or_reason_is_a_gap() -> None:
    rules = [r for r in builtin_rules() if "SMP-12g" not in r.clauses]
    matrix = build_matrix(rules)
    by_id = {r.id: r for r in matrix.rows}
    assert by_id["SMP-12g"].status == "missing"
    assert by_id["SMP-12"].status == "incomplete"
    assert {r.id for r in matrix.gaps} >= {"SMP-12g", "SMP-12"}


def test_rule_citing_an_unknown_clause_is_reported() -> None:
    matrix = build_matrix([*builtin_rules(), fake_rule("made-up", "SMP-99")])
    assert matrix.unknown == {"SMP-99": ("made-up",)}


def test_parents_are_covered_by_their_children() -> None:
    by_id = {r.id: r for r in build_matrix(builtin_rules()).rows}
    assert by_id["SMP-3"].children == ("SMP-3a", "SMP-3b", "SMP-3c", "SMP-3d")
    assert by_id["SMP-4"].children == ("SMP-4a", "SMP-4b", "SMP-4c", "SMP-4d", "SMP-4e")
    assert len(by_id["SMP-12"].children) == 7
    for parent in ("SMP-3", "SMP-4", "SMP-12"):
        assert by_id[parent].status == "by-children"


def test_broad_duties_say_what_a_person_must_review() -> None:
    by_id = {r.id: r for r in build_matrix(builtin_rules()).rows}
    for clause in ("SMP-5", "SMP-6", "SMP-11"):
        row = by_id[clause]
        assert row.status == "partial", clause
        assert row.covers and row.review and row.rules


def test_account_rules_appear_against_their_clauses() -> None:
    by_id = {r.id: r for r in build_matrix(builtin_rules()).rows}
    assert "account-identity" in by_id["SMP-4c"].rules
    assert "account-approval" in by_id["SMP-7"].rules and by_id["SMP-12a"].rules
    assert by_id["SMP-12g"].rules == ("stale-backup",)


def test_committed_docs_match_the_generated_matrix() -> None:
    generated = render_markdown(build_matrix(builtin_rules()))
    committed = DOCS.read_text(encoding="utf-8") if DOCS.is_file() else ""
    assert committed == generated, (
        "docs/coverage.md is out of date: run"
        " `python -m postlint coverage --format markdown > docs/coverage.md`"
    )


def test_coverage_command_json(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["coverage", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert [c["id"] for c in data["clauses"]] == CLAUSE_IDS
    assert code == (1 if data["gaps"] or data["unknown_clauses"] else 0)


def test_coverage_command_text(capsys: pytest.CaptureFixture[str]) -> None:
    main(["coverage"])
    out = capsys.readouterr().out
    assert re.search(r"^SMP-12\s+by-children", out, re.MULTILINE)
    assert re.search(r"^  SMP-12g\s+covered\s+stale-backup", out, re.MULTILINE)


def test_clause_ids_match_the_policy(shared_dir: Path) -> None:
    policy = (shared_dir / "policy" / "syracuse-social-media-policy.md").read_text("utf-8")
    in_policy = re.findall(r"\bSMP-\d+[a-z]?\b", policy)
    ordered = list(dict.fromkeys(in_policy))
    assert ordered == CLAUSE_IDS


def test_titles_paraphrase_the_policy(shared_dir: Path) -> None:
    policy = (shared_dir / "policy" / "syracuse-social-media-policy.md").read_text("utf-8")
    words = re.findall(r"[a-z]+", policy.lower())
    runs = {" ".join(words[i : i + 6]) for i in range(len(words) - 5)}
    for clause in builtin_pack("syracuse", "clauses")["clauses"]:
        title = re.findall(r"[a-z]+", clause["title"].lower())
        for i in range(len(title) - 5):
            assert " ".join(title[i : i + 6]) not in runs, clause["id"]
