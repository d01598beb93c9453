"""GitHub Actions workflow commands: one annotation line per finding.

``::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=TITLE::MESSAGE`` (a
warning becomes ``::warning``). GitHub reads ``%``, CR and LF percent-encoded in the
message, and also ``:`` and ``,`` in the properties. Suppressed findings are not
annotated: they are accepted, and the summary counts them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from postlint.engine import Report
from postlint.violation import Violation


def escape_data(text: str) -> str:
    """Encode a message for a workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Encode a property value (file, title) for a workflow command."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(v: Violation) -> str:
    """The workflow command for one finding."""
    props: list[tuple[str, str]] = []
    if v.path is not None:
        props.append(("file", v.path))
        if v.line is not None and v.line >= 1:
            props.append(("line", str(v.line)))
            if v.column is not None and v.column >= 1:
                props.append(("col", str(v.column)))
            if v.end_line is not None and v.end_line >= v.line:
                props.append(("endLine", str(v.end_line)))
                if v.end_column is not None and v.end_column >= 1:
                    props.append(("endColumn", str(v.end_column)))
    clauses = f" ({', '.join(v.clauses)})" if v.clauses else ""
    props.append(("title", f"postlint {v.rule}{clauses}"))
    message = v.message if v.path is not None else f"{v.location}: {v.message}"
    fields = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{v.severity} {fields}::{escape_data(message)}"


def iter_render(report: Report, options: dict[str, Any]) -> Iterator[str]:
    """The annotations a line at a time."""
    for v in report.active:
        yield annotation(v) + "\n"


def render(report: Report, options: dict[str, Any]) -> str:
    return "".join(iter_render(report, options))
