"""``--template FILE``: the report rendered by a user's Jinja2 template.

The template runs in Jinja2's sandbox (it cannot reach Python internals) and sees plain
data only:

``violations``
    Active findings, each a record with the keys of the JSON output: ``rule``,
    ``severity``, ``message``, ``path``, ``line``, ``column``, ``end_line``,
    ``end_column``, ``clauses``, ``target`` (``kind``, ``id``), ``field``, ``fix``,
    ``suppressed``, ``fingerprint``; plus ``location`` (``path:line:col``) and, from
    the target, ``account``, ``department`` and ``month``.
``suppressed``
    Suppressed findings, the same records plus ``reason``.
``summary``
    Counts: ``files``, ``posts``, ``accounts``, ``violations``, ``errors``,
    ``warnings``, ``suppressed``, ``by_rule`` (slug → count), ``exit_code``.
``rules``
    Every rule of the run and every reserved slug that occurs: ``slug``, ``summary``,
    ``severity``, ``target``, ``clauses``, ``reserved``.
``today``
    The day judged (``YYYY-MM-DD``); ``tool``: ``name``, ``version``.

Output is autoescaped when the template's name ends in ``.html``, ``.htm``, ``.xml``
(before an optional ``.j2``/``.jinja``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from postlint import __version__
from postlint.engine import Report
from postlint.errors import UsageError
from postlint.reporting.descriptors import descriptors
from postlint.reporting.json import violation_record
from postlint.violation import Violation

_MARKUP = (".html", ".htm", ".xml", ".svg")


def render(report: Report, options: dict[str, Any]) -> str:
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    name = options.get("template")
    if not name:
        raise UsageError("the template format needs a template: give --template FILE")
    path = Path(name)
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not UTF-8 text"
        raise UsageError(f"cannot read the template: {why}", path=str(path)) from None
    env = SandboxedEnvironment(
        autoescape=autoescape(path.name),
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    try:
        return env.from_string(source).render(variables(report))
    except jinja2.TemplateSyntaxError as exc:
        raise UsageError(
            f"template syntax error: {exc.message}", path=str(path), line=exc.lineno
        ) from None
    except jinja2.TemplateError as exc:
        # Undefined names, sandbox refusals: the message names the variable, never a value.
        raise UsageError(f"template error: {exc.message}", path=str(path)) from None


def autoescape(filename: str) -> bool:
    """Whether output is escaped: for HTML and XML templates."""
    stem = filename.lower().removesuffix(".j2").removesuffix(".jinja").removesuffix(".jinja2")
    return stem.endswith(_MARKUP)


def variables(report: Report) -> dict[str, Any]:
    """What a template sees (plain data, documented in the module docstring)."""
    return {
        "violations": [record(report, v) for v in report.active],
        "suppressed": [
            {**record(report, v), "reason": v.suppression_reason} for v in report.suppressed
        ],
        "summary": report.summary(),
        "rules": [
            {
                "slug": d.slug,
                "summary": d.summary,
                "severity": d.severity,
                "target": d.target,
                "clauses": list(d.clauses),
                "reserved": d.reserved,
            }
            for d in descriptors(report)
        ],
        "today": report.today.isoformat() if report.today else None,
        "tool": {"name": "postlint", "version": __version__},
    }


def record(report: Report, v: Violation) -> dict[str, Any]:
    """A finding as a template sees it."""
    info = report.info(v)
    return {
        **violation_record(v),
        "location": v.location,
        "account": info.account,
        "department": info.department,
        "month": info.month,
    }
