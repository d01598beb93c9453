"""JSON output: ``{"violations": [...], "summary": {...}}``."""

from __future__ import annotations

import json
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


def render(report: Report, options: dict[str, Any]) -> str:
    data = {
        "tool": {"name": "postlint", "version": __version__},
        "today": report.today.isoformat() if report.today else None,
        "violations": [violation_record(v) for v in report.active],
        "suppressed": [
            {**violation_record(v), "reason": v.suppression_reason} for v in report.suppressed
        ],
        "summary": report.summary(),
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
