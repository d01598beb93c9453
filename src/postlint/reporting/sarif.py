"""SARIF 2.1.0 output, the format code-scanning dashboards read.

One run: the tool with a descriptor for every rule that ran and every other slug that
occurs, one result per finding (suppressed findings too, marked with a suppression
and its justification), and the invocation's exit code. Paths are relative to the
working folder, named by the ``SRCROOT`` base id; positions are 1-based and only
given when valid.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from postlint import __version__
from postlint.engine import Report
from postlint.reporting.descriptors import Descriptor, descriptors
from postlint.violation import Violation

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
#: Where people learn about postlint: the City's Communications office, which owns the
#: policy. Rule pages are linked only where the configuration says they are published
#: (``docs_url``): a link to a page that does not exist helps no one.
INFORMATION_URI = "https://www.syr.gov/Departments/Communications"
BASE_ID = "SRCROOT"
FINGERPRINT_KEY = "postlint/v1"
#: How the reason of a suppression by the configuration begins (see ``suppressions``).
CONFIG_SUPPRESSION = "per_path_ignores "


#: Above this many results the log is written compact: indenting makes ``json`` use its
#: pure-Python encoder, five times slower on an archive's findings.
INDENT_LIMIT = 1000


def iter_render(report: Report, options: dict[str, Any]) -> Iterator[str]:
    """The log in pieces, a result at a time (an archive's log is never held whole)."""
    from postlint.reporting.jsonstream import Deferred, dump

    log = sarif_log(report, options, results=Deferred)
    indent = 2 if len(report.violations) <= INDENT_LIMIT else None
    yield from dump(log, indent=indent)
    yield "\n"


def render(report: Report, options: dict[str, Any]) -> str:
    return "".join(iter_render(report, options))


def sarif_log(report: Report, options: dict[str, Any], results: Any = list) -> dict[str, Any]:
    """The SARIF log of a report, as plain data; ``results`` makes the list of results
    from an iterable of them (``list``; the streaming writer defers it)."""
    rules = descriptors(report)
    index = {d.slug: i for i, d in enumerate(rules)}
    exit_code = report.exit_code
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "postlint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [rule_descriptor(d, report.docs_url) for d in rules],
            }
        },
        "invocations": [
            {
                "executionSuccessful": exit_code != 2,
                "exitCode": exit_code,
                "workingDirectory": {"uri": _dir_uri(Path.cwd())},
            }
        ],
        "originalUriBaseIds": {BASE_ID: {"uri": _dir_uri(Path(options.get("root") or Path.cwd()))}},
        "columnKind": "unicodeCodePoints",
        "results": results(result(v, index[v.rule]) for v in report.violations),
        "properties": {
            "today": report.today.isoformat() if report.today else None,
            "summary": report.summary(),
        },
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def rule_descriptor(d: Descriptor, docs_url: str | None = None) -> dict[str, Any]:
    """A ``reportingDescriptor`` for a rule or reserved slug; its ``helpUri`` is the
    rule's page under ``docs_url`` when the documentation is published there."""
    tags = ["reserved" if d.reserved else "policy", d.target, *d.clauses]
    out: dict[str, Any] = {
        "id": d.slug,
        "name": d.slug,
        "shortDescription": {"text": d.summary},
        "fullDescription": {"text": d.checks},
        "help": {"text": d.text, "markdown": d.markdown},
        "defaultConfiguration": {"level": d.severity},
        "properties": {"tags": tags, "clauses": list(d.clauses), "target": d.target},
    }
    if docs_url and not d.reserved:
        out["helpUri"] = f"{docs_url.rstrip('/')}/rules/{d.slug}/"
    return out


def result(v: Violation, rule_index: int) -> dict[str, Any]:
    """A SARIF ``result`` for one finding."""
    out: dict[str, Any] = {
        "ruleId": v.rule,
        "ruleIndex": rule_index,
        "level": v.severity,
        "message": {"text": v.message},
        "locations": [location(v)],
        "partialFingerprints": {FINGERPRINT_KEY: v.fingerprint()},
        "properties": {
            "clauses": list(v.clauses),
            "target": {"kind": v.target.kind, "id": v.target.id},
            "field": v.field,
        },
    }
    if v.fix is not None:
        out["properties"]["fix"] = {"description": v.fix.description, "safe": v.fix.safe}
    if v.suppressed:
        kind = suppression_kind(v)
        suppression: dict[str, Any] = {"kind": kind, "status": "accepted"}
        if v.suppression_reason:
            suppression["justification"] = v.suppression_reason
        out["suppressions"] = [suppression]
    return out


def suppression_kind(v: Violation) -> str:
    """``external`` for a suppression in the configuration, else ``inSource``.

    A finding does not record where its suppression lives; ``per_path_ignores`` in the
    configuration is the one form outside the content file, and says so in its reason.
    """
    reason = v.suppression_reason or ""
    return "external" if reason.startswith(CONFIG_SUPPRESSION) else "inSource"


def location(v: Violation) -> dict[str, Any]:
    """Where a finding is: the file and region, or the target when it has no file."""
    if v.path is None:
        return {
            "logicalLocations": [
                {"name": v.target.id, "fullyQualifiedName": f"{v.target.kind}:{v.target.id}"}
            ]
        }
    physical: dict[str, Any] = {"artifactLocation": artifact(v.path)}
    region = _region(v)
    if region:
        physical["region"] = region
    return {"physicalLocation": physical}


@functools.lru_cache(maxsize=4096)  # findings repeat their file's path
def _artifact(path: str) -> tuple[str, bool]:
    posix = path.replace("\\", "/")
    if PurePosixPath(posix).is_absolute() or Path(path).is_absolute():
        return Path(path).absolute().as_uri(), False
    return quote(posix, safe="/!$&'()*+,;=@"), True


def artifact(path: str) -> dict[str, Any]:
    """An ``artifactLocation``: relative to ``SRCROOT``, or a file URI when absolute."""
    uri, relative = _artifact(path)
    return {"uri": uri, "uriBaseId": BASE_ID} if relative else {"uri": uri}


def _region(v: Violation) -> dict[str, int]:
    """The region of a finding, with only the values SARIF accepts (1-based, in order)."""
    if v.line is None or v.line < 1:
        return {}
    region = {"startLine": v.line}
    column = v.column if v.column is not None and v.column >= 1 else None
    if column is not None:
        region["startColumn"] = column
    end_line = v.end_line if v.end_line is not None and v.end_line >= v.line else None
    if end_line is None:
        return region
    region["endLine"] = end_line
    end_column = v.end_column
    if end_column is not None and end_column >= 1:
        same_line_ok = end_line > v.line or column is None or end_column >= column
        if same_line_ok:
            region["endColumn"] = end_column
    return region


def _dir_uri(path: Path) -> str:
    uri = path.absolute().as_uri()
    return uri if uri.endswith("/") else uri + "/"
