"""Text output: one finding a line, ``path:line:col: slug [severity] message``."""

from __future__ import annotations

from typing import Any

from postlint.engine import Report
from postlint.violation import Violation


def line(v: Violation) -> str:
    """One finding as a line."""
    return f"{v.location}: {v.rule} [{v.severity}] {v.message}"


def summary(report: Report) -> str:
    """The closing line: counts and what they mean for the exit code."""
    s = report.summary()
    scope = f"{s['posts']} posts, {s['accounts']} accounts, {s['files']} files"
    suppressed = f"; {s['suppressed']} suppressed" if s["suppressed"] else ""
    if not s["violations"]:
        return f"All checks passed ({scope}){suppressed}."
    return (
        f"Found {s['violations']} finding{'s' if s['violations'] != 1 else ''}"
        f" ({s['errors']} errors, {s['warnings']} warnings) in {scope}{suppressed}."
    )


def render(report: Report, options: dict[str, Any]) -> str:
    if options.get("summary_only"):
        return summary(report) + "\n"
    lines = [line(v) for v in report.active]
    if not options.get("quiet"):
        lines.append(summary(report))
    return "\n".join(lines) + ("\n" if lines else "")
