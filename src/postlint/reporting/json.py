"""JSON output: ``{"violations": [...], "summary": {...}}``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from postlint import __version__
from postlint.engine import Report
from postlint.violation import Violation


def violation_record(v: Violation) -> dict[str, Any]:
    """One finding as plain data (the same keys in every machine format)."""
    return {
        "rule": v.rule,
        "severity": v.severity,
        "message": v.message,
        "path": v.path,
        "line": v.line,
        "column": v.column,
        "end_line": v.end_line,
        "end_column": v.end_column,
        "clauses": list(v.clauses),
        "target": {"kind": v.target.kind, "id": v.target.id},
        "field": v.field,
        "fix": v.fix.model_dump() if v.fix else None,
        "suppressed": v.suppressed,
        "fingerprint": v.fingerprint(),
    }


def iter_render(report: Report, options: dict[str, Any]) -> Iterator[str]:
    """The document in pieces, a finding at a time (an archive's report is never held
    whole, as data or as text)."""
    from postlint.reporting.jsonstream import Deferred, dump

    data = {
        "tool": {"name": "postlint", "version": __version__},
        "today": report.today.isoformat() if report.today else None,
        "violations": Deferred(violation_record(v) for v in report.active),
        "suppressed": Deferred(
            {**violation_record(v), "reason": v.suppression_reason} for v in report.suppressed
        ),
        "summary": report.summary(),
    }
    yield from dump(data, indent=2)
    yield "\n"


def render(report: Report, options: dict[str, Any]) -> str:
    return "".join(iter_render(report, options))
