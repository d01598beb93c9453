"""Baselines: record today's findings, then report only new ones.

``postlint baseline`` writes a JSON file (``.postlint-baseline.json``) with one entry per
finding: rule, path (relative to the baseline file's folder), target, field and a
fingerprint; no message text, which a rule could (wrongly) have written a value into.
``postlint check --baseline FILE`` leaves out the findings the file records and counts
them (``Report.baselined``).

Identity (the fingerprint) is the rule, the file, the target and the field — never a line
number, so a finding keeps its identity when unrelated lines move — plus, for rules that
do not handle secrets or personal data, the message. For ``personal-data`` and
``plaintext-secret`` neither the message nor anything derived from the matched value is
stored or hashed: a hash of a short value (a phone number, a weak password) is
reversible by trying every value. Identical fingerprints are counted, so a second
identical finding on the same field is new.

Findings that are not policy rules (``input-error``, ``config-error``…) are never
baselined: a file that cannot be read must stay visible.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from postlint.engine import Report
from postlint.errors import UsageError
from postlint.findings import Findings
from postlint.suppressions import relative_path
from postlint.violation import RESERVED_SLUGS, Violation

VERSION = 1
DEFAULT_NAME = ".postlint-baseline.json"
#: Rules whose findings are about a value that must never be stored, even hashed.
SENSITIVE = frozenset({"personal-data", "plaintext-secret"})


def fingerprint(v: Violation, folder: Path) -> str:
    """The finding's identity, stable when lines move, holding no matched value."""
    parts = [v.rule, relative_path(v.path, folder) if v.path else "", _target(v, folder)]
    parts.append(v.field or "")
    if v.rule not in SENSITIVE:
        parts.append(v.message)
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:24]


def _target(v: Violation, folder: Path) -> str:
    """``post:ID``, ``account:ID`` or ``file:PATH`` (relative to the baseline's folder)."""
    tid = relative_path(v.target.id, folder) if v.target.kind == "file" else v.target.id
    return f"{v.target.kind}:{tid}"


def baselinable(v: Violation) -> bool:
    """Active policy-rule findings; never reserved slugs (input, config errors…)."""
    return not v.suppressed and v.rule not in RESERVED_SLUGS


def build(report: Report, path: Path) -> dict[str, Any]:
    """The baseline file's content for ``report``, written to ``path``."""
    return {"version": VERSION, "tool": "postlint", "findings": list(_entries(report, path))}


def write(report: Report, path: Path) -> int:
    """Write the baseline of ``report`` to ``path``; the number of findings recorded.

    The file is written an entry at a time, and the entries are sorted the way a run's
    findings are (past 50,000, on disk: :mod:`postlint.findings`), so an archive's
    baseline takes no more memory than its report."""
    from postlint.output import write_output
    from postlint.reporting.jsonstream import Deferred, dump

    entries = _Counted(_entries(report, path))
    document = {"version": VERSION, "tool": "postlint", "findings": Deferred(entries)}
    write_output(path, itertools.chain(dump(document, indent=2), ["\n"]))
    return entries.count


def _entries(report: Report, path: Path) -> Iterator[dict[str, Any]]:
    """The baseline's entries, sorted by path, rule, target and fingerprint (equal ones
    in report order)."""
    folder = path.absolute().parent

    def order(v: Violation) -> tuple[str, str, str, str]:
        where = relative_path(v.path, folder) if v.path else ""
        return (where, v.rule, _target(v, folder), fingerprint(v, folder))

    store = Findings(key=order)
    for v in report.violations:
        if baselinable(v):
            store.append(v)
            store.settle()
    for v in store:
        yield {
            "rule": v.rule,
            "path": relative_path(v.path, folder) if v.path else None,
            "target": _target(v, folder),
            "field": v.field,
            "fingerprint": fingerprint(v, folder),
        }


class _Counted(Iterator[dict[str, Any]]):
    """The entries, counted as they are taken."""

    def __init__(self, entries: Iterator[dict[str, Any]]) -> None:
        self.count = 0
        self._entries = entries

    def __next__(self) -> dict[str, Any]:
        entry = next(self._entries)
        self.count += 1
        return entry


def load(path: Path) -> Counter[str]:
    """How many findings of each fingerprint the baseline records."""
    try:
        # Each entry is kept as its fingerprint alone, as it is read (an archive's
        # baseline holds hundreds of thousands).
        data = json.loads(path.read_text(encoding="utf-8"), object_hook=_entry)
    except FileNotFoundError:
        raise UsageError(
            f"{path}: baseline not found; create it with `postlint baseline -o {path}`"
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path}: not a postlint baseline ({type(exc).__name__})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise UsageError(f"{path}: not a version {VERSION} postlint baseline; create it again")
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise UsageError(f"{path}: the baseline has no `findings` list; create it again")
    return Counter(
        e if isinstance(e, _Fingerprint) else str(e.get("fingerprint"))
        for e in findings
        if isinstance(e, dict | _Fingerprint)
    )


class _Fingerprint(str):
    """An entry of a baseline read, as its fingerprint."""

    __slots__ = ()


def _entry(obj: dict[str, Any]) -> Any:
    return _Fingerprint(obj["fingerprint"]) if "fingerprint" in obj else obj


def apply(report: Report, path: Path) -> Report:
    """Leave out of ``report`` the findings ``path`` records; count them."""
    known = load(path)
    folder = path.absolute().parent

    def new(v: Violation) -> bool:
        if baselinable(v):
            key = fingerprint(v, folder)
            if known[key] > 0:
                known[key] -= 1
                report.baselined += 1
                return False
        return True

    found = report.violations
    if isinstance(found, Findings):  # kept on disk: what is left is written again
        kept = Findings(targets=report.targets)
        for v, info in found.pairs():
            if new(v):
                kept.append(v, info or report.targets.get((v.target.kind, v.target.id)))
                kept.settle()
        report.violations = kept
    else:
        report.violations = [v for v in found if new(v)]
    return report
