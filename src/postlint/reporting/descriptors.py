"""What the reports say about each rule: summary, severity, clauses and docs.

A report describes the rules that ran plus every other slug that occurs in its
findings (the reserved slugs such as ``input-error``, or a rule a plugin reported
without being enabled), so that every finding points at a description.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from postlint.engine import Report
from postlint.violation import RESERVED_SLUGS, Severity

#: One line for each reserved slug (findings that are not policy rules cite no clause).
RESERVED_SUMMARIES = {
    "input-error": "A file cannot be read or validated; the other files were still linted",
    "config-error": "A setting, roster or register a rule needs is missing or wrong",
    "internal-error": "A rule or plugin failed on a target; the other rules still ran",
    "invalid-suppression": "A suppression names an unknown rule, gives no reason or has expired",
    "unused-suppression": "A suppression silences nothing and can be removed",
}

#: The section headings of a rule docstring, in order.
SECTIONS = ("What it checks", "Why", "Fails", "Passes", "Configure")


@dataclass(frozen=True)
class Descriptor:
    """A rule (or reserved slug) as the reports describe it."""

    slug: str
    summary: str
    severity: Severity
    target: str
    clauses: tuple[str, ...]
    #: The rule's docstring (its docs page); the summary for reserved slugs.
    doc: str
    reserved: bool = False
    #: Account kinds the rule applies to (official, personal); empty for reserved slugs.
    scope: frozenset[str] = frozenset()

    @property
    def checks(self) -> str:
        """The *What it checks* section as one paragraph (the summary when absent)."""
        text = section(self.doc, SECTIONS[0])
        return " ".join(text.split()) if text else self.summary

    @property
    def clause_line(self) -> str:
        """A sentence naming the policy clauses the rule enforces."""
        if not self.clauses:
            return "This finding is not a policy rule; it cites no clause."
        return "Policy clauses: " + ", ".join(self.clauses) + "."

    @property
    def markdown(self) -> str:
        """The docs as Markdown: each docstring section under its own heading."""
        lines = [f"**{self.slug}**: {self.summary}", ""]
        for line in self.doc.splitlines():
            lines.append(f"### {line}" if line.strip() in SECTIONS else line)
        lines += ["", self.clause_line]
        return "\n".join(lines).strip() + "\n"

    @property
    def text(self) -> str:
        """The docs as plain text, with the clauses named."""
        return f"{self.doc.strip()}\n\n{self.clause_line}\n"


def section(doc: str, heading: str) -> str:
    """The text under ``heading`` in a rule docstring (empty when absent)."""
    out: list[str] = []
    inside = False
    for line in doc.splitlines():
        if line.strip() in SECTIONS:
            inside = line.strip() == heading
            continue
        if inside:
            out.append(line)
    return "\n".join(out).strip()


def descriptors(report: Report) -> list[Descriptor]:
    """The rules of the run, then every other slug its findings use (sorted)."""
    out = [
        Descriptor(
            slug=r.slug,
            summary=r.summary,
            severity=r.severity,
            target=r.target,
            clauses=tuple(r.clauses),
            doc=r.doc(),
            scope=frozenset(r.scope),
        )
        for r in report.rules
    ]
    known = {d.slug for d in out}
    first: dict[str, Severity] = {}
    for v in report.violations:
        if v.rule not in known:
            first.setdefault(v.rule, v.severity)
    for slug, severity in sorted(first.items()):
        summary = RESERVED_SUMMARIES.get(slug, f"Findings of {slug}")
        out.append(
            Descriptor(
                slug=slug,
                summary=summary,
                severity=severity,
                target="file",
                clauses=(),
                doc=summary,
                reserved=slug in RESERVED_SLUGS,
            )
        )
    return out


_CLAUSE = re.compile(r"^SMP-(\d+)([a-z]?)$")


def clause_key(clause: str) -> tuple[int, str, str]:
    """Sort key putting ``SMP-2`` before ``SMP-10`` and a clause before its parts."""
    m = _CLAUSE.match(clause)
    return (int(m.group(1)), m.group(2), "") if m else (10**6, "", clause)
