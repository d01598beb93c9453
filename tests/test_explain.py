"""``postlint explain``: a rule's docs page in the terminal, from its metadata and docstring."""

from __future__ import annotations

import pytest

from postlint.cli import main
from postlint.docpages import SECTIONS, rule_page, sections
from postlint.engine import Linter


def test_explain_prints_metadata_and_every_docstring_section(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["explain", "incomplete-record", "--no-plugins"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("incomplete-record: ")
    for label in ("Severity:   error", "Target:     post", "Clauses:    SMP-1, SMP-9",
                  "Applies to: official accounts", "Fixable:    no"):  # fmt: skip
        assert label in out
    for name in ("What it checks", "Why", "Fails", "Passes", "Configure"):
        assert f"\n{name}\n" in out


def test_unknown_slug_suggests_the_closest_and_exits_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["explain", "incomplete-recrod", "--no-plugins"]) == 2
    err = capsys.readouterr().err
    assert "did you mean 'incomplete-record'" in err


def test_reserved_slug_is_explained_as_not_a_policy_rule(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["explain", "invalid-suppression", "--no-plugins"]) == 0
    assert "cites no clause" in capsys.readouterr().out


def test_every_builtin_rule_has_a_page_with_the_required_sections() -> None:
    for rule in Linter(entry_point_plugins=False).all_rules:
        found = sections(rule)
        missing = [s for s in SECTIONS[:4] if s not in found]
        assert not missing, f"{rule.slug} docstring lacks {missing}"
        page = rule_page(rule)
        assert page.count(f"# {rule.slug}") == 1 and "| Severity |" in page
