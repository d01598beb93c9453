"""The clause-to-rule matrix: which rules enforce each clause of the policy.

Clauses (ids, paraphrased titles, parents, and what a person must still review for the
broad duties) are data in the policy's `clauses` pack; which rules cite which clause
comes from the rules' own metadata, so the matrix cannot disagree with the code.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from postlint.packs import builtin_pack
from postlint.rule import Rule

Status = Literal["covered", "partial", "by-children", "incomplete", "not-checked", "missing"]

#: What each status means, for the legend of every output.
LEGEND: dict[Status, str] = {
    "covered": "rules check this clause",
    "partial": "rules check part of it; a person reviews the rest",
    "by-children": "covered through each of its sub-clauses",
    "incomplete": "a sub-clause has no rule and no stated reason",
    "not-checked": "no rule can check it; the reason is stated",
    "missing": "no rule and no stated reason",
}


@dataclass(frozen=True)
class ClauseRow:
    """One clause of the matrix."""

    id: str
    title: str
    status: Status
    rules: tuple[str, ...] = ()
    parent: str | None = None
    children: tuple[str, ...] = ()
    covers: str | None = None
    review: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Matrix:
    """Every clause in policy order, and rule citations of clauses the policy lacks."""

    rows: tuple[ClauseRow, ...]
    unknown: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def gaps(self) -> list[ClauseRow]:
        """Clauses with neither a rule nor a stated reason (directly or in a child)."""
        return [r for r in self.rows if r.status in ("missing", "incomplete")]


def build_matrix(rules: Iterable[Rule], policy: str = "syracuse") -> Matrix:
    """The matrix of ``policy``'s clauses against ``rules`` (e.g. ``Linter().all_rules``)."""
    clauses: list[Mapping[str, Any]] = builtin_pack(policy, "clauses")["clauses"]
    citing: dict[str, set[str]] = {}
    for rule in rules:
        for cited in rule.clauses:
            citing.setdefault(cited, set()).add(rule.slug)
    known = {str(c["id"]) for c in clauses}
    children: dict[str, list[str]] = {}
    for clause in clauses:
        if clause.get("parent"):
            children.setdefault(str(clause["parent"]), []).append(str(clause["id"]))
    own = {str(c["id"]): _own_row(c, tuple(sorted(citing.get(str(c["id"]), ())))) for c in clauses}
    rows = []
    for clause in clauses:
        row = own[str(clause["id"])]
        kids = tuple(children.get(row.id, ()))
        if clause.get("children_cover") and kids:
            row = _parent_row(row, [own[k] for k in kids])
        rows.append(row)
    unknown = {c: tuple(sorted(s)) for c, s in sorted(citing.items()) if c not in known}
    return Matrix(rows=tuple(rows), unknown=unknown)


def _own_row(clause: Mapping[str, Any], rules: tuple[str, ...]) -> ClauseRow:
    partial = clause.get("partial") or {}
    reason = clause.get("reason")
    status: Status
    if rules:
        status = "partial" if partial else "covered"
    else:
        status = "not-checked" if reason else "missing"
    return ClauseRow(
        id=str(clause["id"]),
        title=str(clause["title"]),
        status=status,
        rules=rules,
        parent=clause.get("parent"),
        covers=partial.get("covers"),
        review=partial.get("review"),
        reason=reason,
    )


def _parent_row(row: ClauseRow, kids: list[ClauseRow]) -> ClauseRow:
    """A parent is covered when each checkable child is (SMP-3, SMP-4, SMP-12)."""
    checkable = [k for k in kids if k.status != "not-checked"]
    if any(k.status == "missing" for k in kids) or not checkable:
        status: Status = "incomplete"
    else:
        status = "by-children"
    return ClauseRow(
        id=row.id,
        title=row.title,
        status=status,
        rules=row.rules,
        parent=row.parent,
        children=tuple(k.id for k in kids),
        reason=row.reason,
    )


# ----------------------------------------------------------------------- output


def render(matrix: Matrix, fmt: str) -> str:
    """The matrix as ``text``, ``json`` or ``markdown``."""
    if fmt == "json":
        return render_json(matrix)
    if fmt == "markdown":
        return render_markdown(matrix)
    return render_text(matrix)


def render_json(matrix: Matrix) -> str:
    """Machine-readable matrix: one object per clause."""
    data = {
        "clauses": [asdict(r) for r in matrix.rows],
        "unknown_clauses": {c: list(s) for c, s in matrix.unknown.items()},
        "gaps": [r.id for r in matrix.gaps],
    }
    return json.dumps(data, indent=2) + "\n"


def render_text(matrix: Matrix) -> str:
    """One line per clause: id, status, rules (children indented under their parent)."""
    lines = []
    for row in matrix.rows:
        indent = "  " if row.parent else ""
        rules = ", ".join(row.rules) or "-"
        lines.append(f"{indent}{row.id:<8} {row.status:<12} {rules}")
        if row.review:
            lines.append(f"{indent}{'':8} review: {row.review}")
        if row.reason:
            lines.append(f"{indent}{'':8} not checked: {row.reason}")
    lines += _problems(matrix)
    return "\n".join(lines) + "\n"


def render_markdown(matrix: Matrix) -> str:
    """The docs page (``docs/coverage.md``)."""
    out = [
        "<!-- Generated by `python -m postlint coverage --format markdown`; do not edit."
        " A test fails when this file differs from the generated one. -->",
        "# Clause-to-rule matrix",
        "",
        "Every clause of the City of Syracuse social media policy, with the rules that"
        " enforce it. Titles paraphrase the policy. Built from the rules' own metadata"
        " (`clauses`) and the policy's clause list (`rules/syracuse/clauses.yaml`).",
        "",
        "| Clause | Paraphrase | Rules | Status |",
        "|---|---|---|---|",
    ]
    for row in matrix.rows:
        clause = f"&nbsp;&nbsp;↳ {row.id}" if row.parent else f"**{row.id}**"
        rules = ", ".join(f"`{r}`" for r in row.rules)
        if row.children and not rules:
            rules = "see " + ", ".join(row.children)
        out.append(f"| {clause} | {_cell(row.title)} | {rules or '—'} | {row.status} |")
    partial = [r for r in matrix.rows if r.status == "partial"]
    if partial:
        out += ["", "## Partly covered: what a person must still review", ""]
        for row in partial:
            out.append(f"- **{row.id}** ({_cell(row.title)}).")
            out.append(f"  Rules check: {row.covers}.")
            out.append(f"  A person reviews: {row.review}.")
    unchecked = [r for r in matrix.rows if r.status == "not-checked"]
    if unchecked:
        out += ["", "## Not checked by a rule", ""]
        out += [f"- **{r.id}**: {r.reason}" for r in unchecked]
    out += ["", "## Status", ""]
    out += [f"- `{status}`: {meaning}" for status, meaning in LEGEND.items()]
    problems = _problems(matrix)
    if problems:
        out += ["", "## Problems", "", *[f"- {p}" for p in problems]]
    return "\n".join(out) + "\n"


def _problems(matrix: Matrix) -> list[str]:
    lines = [
        f"{row.id} has no rule and no stated reason: add a rule citing it, or a `reason`"
        " in the clauses pack"
        for row in matrix.gaps
        if row.status == "missing"
    ]
    lines += [
        f"{clause} is cited by {', '.join(slugs)} but is not a clause of the policy"
        for clause, slugs in matrix.unknown.items()
    ]
    return lines


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
