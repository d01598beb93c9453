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
from postlint.findings import Findings, SortedRuns
from postlint.loading.jsonpieces import JsonPieces
from postlint.suppressions import relative_path
from postlint.violation import RESERVED_SLUGS, Violation

VERSION = 1
DEFAULT_NAME = ".postlint-baseline.json"
#: Rules whose findings are about a value that must never be stored, even hashed.
SENSITIVE = frozenset({"personal-data", "plaintext-secret"})


def fingerprint(v: Violation, folder: Path) -> str:
    """The finding's identity, stable when lines move, holding no matched value."""
    return _identity(v, folder)[2]


def _identity(v: Violation, folder: Path) -> tuple[str, str, str]:
    """The finding's path (relative to ``folder``, ``""`` without one), its target and
    its fingerprint, each worked out once."""
    where = relative_path(v.path, folder) if v.path else ""
    target = _target(v, folder)
    parts = [v.rule, where, target, v.field or ""]
    if v.rule not in SENSITIVE:
        parts.append(v.message)
    return where, target, hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:24]


def _target(v: Violation, folder: Path) -> str:
    """``post:ID``, ``account:ID`` or ``file:PATH`` (relative to the baseline's folder)."""
    tid = relative_path(v.target.id, folder) if v.target.kind == "file" else v.target.id
    return f"{v.target.kind}:{tid}"


def baselinable(v: Violation) -> bool:
    """Active policy-rule findings; never reserved slugs (input, config errors…)."""
    return not v.suppressed and v.rule not in RESERVED_SLUGS


def build(report: Report, path: Path) -> dict[str, Any]:
    """The baseline file's content for ``report``, written to ``path``."""
    entries = _entries(_sorted(report, path))
    return {"version": VERSION, "tool": "postlint", "findings": list(entries)}


def write(report: Report, path: Path) -> int:
    """Write the baseline of ``report`` to ``path``; the number of findings recorded.

    The file is written an entry at a time, and the entries are sorted as plain tuples,
    past 50,000 in sorted runs on disk (:class:`postlint.findings.SortedRuns`), so an
    archive's baseline takes no more memory than its report."""
    from postlint.output import write_output
    from postlint.reporting.jsonstream import Deferred, dump

    recorded = _sorted(report, path)
    entries = Deferred(_entries(recorded))
    document = {"version": VERSION, "tool": "postlint", "findings": entries}
    write_output(path, itertools.chain(dump(document, indent=2), ["\n"]))
    return len(recorded)


#: A baseline entry as it is sorted: path, rule, target, fingerprint, then the
#: finding's place in the report (equal entries keep the report's order) and its field.
_Entry = tuple[str, str, str, str, int, "str | None"]


def _sorted(report: Report, path: Path) -> SortedRuns[_Entry]:
    """The entries a baseline at ``path`` records, sorted by path, rule, target and
    fingerprint (equal ones in report order); each fingerprint worked out once."""
    folder = path.absolute().parent
    recorded: SortedRuns[_Entry] = SortedRuns()
    for place, v in enumerate(report.violations):
        if baselinable(v):
            where, target, fingerprint = _identity(v, folder)
            recorded.append((where, v.rule, target, fingerprint, place, v.field))
    return recorded


def _entries(recorded: SortedRuns[_Entry]) -> Iterator[dict[str, Any]]:
    """The baseline's entries, in order."""
    for where, rule, target, fingerprint, _, field in recorded:
        yield {
            "rule": rule,
            "path": where or None,
            "target": target,
            "field": field,
            "fingerprint": fingerprint,
        }


def load(path: Path) -> Counter[str]:
    """How many findings of each fingerprint the baseline records.

    Read a piece at a time, an entry after another, keeping each entry's fingerprint
    alone: an archive's baseline holds hundreds of thousands of entries (about 200
    bytes of text each). The outcome is that of ``json.loads`` on the whole file."""
    try:
        with path.open(encoding="utf-8") as stream:
            version, findings = _read(JsonPieces(stream, READ_CHARS))
    except FileNotFoundError:
        raise UsageError(
            f"{path}: baseline not found; create it with `postlint baseline -o {path}`"
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path}: not a postlint baseline ({type(exc).__name__})") from None
    if version != VERSION:
        raise UsageError(f"{path}: not a version {VERSION} postlint baseline; create it again")
    if not isinstance(findings, Counter):
        raise UsageError(f"{path}: the baseline has no `findings` list; create it again")
    return findings


#: Characters of the file read at a time.
READ_CHARS = 1 << 20
#: What stands for a missing or non-object document's version (never equal to one).
_NOT_A_BASELINE = object()


def _read(text: JsonPieces) -> tuple[Any, Any]:
    """The version and the fingerprints' counts (or whatever else ``findings`` holds)
    of a baseline document; the last of repeated keys counts, as in ``json.loads``."""
    if text.peek() != "{":
        text.value()  # a JSON document that is not an object, or not JSON at all
        if text.peek():
            raise text.error("Extra data")
        return _NOT_A_BASELINE, None
    text.take("{")
    version: Any = None
    findings: Any = None
    if text.peek() == "}":
        text.take("}")
    else:
        while True:
            key = text.value()
            if not isinstance(key, str):
                raise text.error("Expecting property name enclosed in double quotes")
            text.take(":")
            if key == "findings":
                findings = _fingerprints(text)
            elif key == "version":
                version = text.value()
            else:
                text.value()
            if text.peek() == ",":
                text.take(",")
                continue
            text.take("}")
            break
    if text.peek():
        raise text.error("Extra data")
    return version, findings


def _fingerprints(text: JsonPieces) -> Any:
    """The fingerprints of the ``findings`` list, counted (anything else: itself)."""
    if text.peek() != "[":
        return text.value()
    text.take("[")
    counts: Counter[str] = Counter()
    if text.peek() == "]":
        text.take("]")
        return counts
    while True:
        entry = text.value()
        if isinstance(entry, dict):
            counts[str(entry.get("fingerprint"))] += 1
        if text.peek() == ",":
            text.take(",")
            continue
        text.take("]")
        return counts


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
        report.violations = found.remade((v, info) for v, info in found.pairs() if new(v))
    else:
        report.violations = [v for v in found if new(v)]
    return report
