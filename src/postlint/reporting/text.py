"""Text output: one finding a line, ``path:line:col: slug [severity] message``."""

from __future__ import annotations

from collections.abc import Iterator
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


def iter_render(report: Report, options: dict[str, Any]) -> Iterator[str]:
    """The output a line at a time: a million-post archive's report is never one string."""
    if options.get("summary_only"):
        yield summary(report) + "\n"
        return
    for v in report.active:
        yield line(v) + "\n"
    if not options.get("quiet"):
        yield summary(report) + "\n"


def render(report: Report, options: dict[str, Any]) -> str:
    return "".join(iter_render(report, options))
