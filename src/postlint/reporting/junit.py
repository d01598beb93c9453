"""JUnit XML output, for CI servers that show test results.

One ``<testsuite>`` per rule; in it one ``<testcase>`` per checked file the rule
applies to (post rules: post files and archives; account rules: account files; file
rules: every file), with a ``<failure>`` per finding. ``tests`` counts test cases,
``failures`` the test cases with at least one finding. Suppressed findings fail
nothing: they are listed in the test case's ``<system-out>`` with their reasons.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from postlint.engine import Report
from postlint.findings import Findings
from postlint.reporting.descriptors import Descriptor, descriptors
from postlint.violation import Violation

#: What files a rule of each target kind is run on.
ROLES = {"post": {"post", "archive"}, "account": {"account"}}

# Characters XML 1.0 cannot carry at all (even escaped), and lone surrogates.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    """Text XML can carry: characters it forbids become U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


class _Suite(NamedTuple):
    """What the test suite of one rule holds: its test cases (by file), and how many
    of them fail."""

    descriptor: Descriptor
    names: list[str]
    failures: int


def iter_render(report: Report, options: dict[str, Any]) -> Iterator[str]:
    """The document a line at a time, laid out as ``ElementTree.indent`` lays it out:
    an archive's test case may hold tens of thousands of failures, and they are never
    held as elements or as one string (nor, for a run that keeps its findings on disk,
    as findings: they are regrouped there)."""
    rules = descriptors(report)
    rank = {d.slug: i for i, d in enumerate(rules)}
    # One pass: where each rule found something (and whether any of it is active), and
    # the findings regrouped by rule and file, each group in report order.
    found: dict[str, dict[str, bool]] = defaultdict(dict)
    grouped: Iterable[Violation]
    if isinstance(report.violations, Findings):
        store = Findings(key=lambda v: (rank[v.rule], _name(v)))
        for v in report.violations:
            _note(found, v)
            store.append(v)
            store.settle()
        grouped = store
    else:
        for v in report.violations:
            _note(found, v)
        grouped = sorted(report.violations, key=lambda v: (rank[v.rule], _name(v)))
    suites = [_plan(report, d, found[d.slug]) for d in rules]
    root = ET.Element("testsuites", name="postlint")
    root.set("tests", str(sum(len(s.names) for s in suites)))
    root.set("failures", str(sum(s.failures for s in suites)))
    root.set("errors", "0")
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    if not suites:
        yield ET.tostring(root, "unicode") + "\n"
        return
    yield _open(root) + "\n"
    cursor = _Cursor(iter(grouped))
    for suite in suites:
        yield from _suite_lines(suite, cursor)
    yield "</testsuites>\n"


def render(report: Report, options: dict[str, Any]) -> str:
    return "".join(iter_render(report, options))


def _name(v: Violation) -> str:
    """The test case a finding belongs to: its file (or where it is, without one)."""
    return v.path if v.path is not None else v.location


def _note(found: dict[str, dict[str, bool]], v: Violation) -> None:
    cases = found[v.rule]
    name = _name(v)
    cases[name] = cases.get(name, False) or not v.suppressed


def _plan(report: Report, d: Descriptor, found: dict[str, bool]) -> _Suite:
    applies = [] if d.reserved else [
        path for path, role in report.checked.items() if _applies(report, d, path, role)
    ]  # fmt: skip
    names = sorted({*applies, *found})
    return _Suite(d, names, sum(found.get(name, False) for name in names))


class _Cursor:
    """The regrouped findings, taken a test case at a time, in the document's order."""

    def __init__(self, items: Iterator[Violation]) -> None:
        self._items = items
        self._head = next(items, None)

    def take(self, rule: str, name: str) -> Iterator[Violation]:
        """The findings of ``rule`` in test case ``name`` (the next ones, if any)."""
        while self._head is not None and self._head.rule == rule and _name(self._head) == name:
            yield self._head
            self._head = next(self._items, None)


def _suite_lines(suite: _Suite, cursor: _Cursor) -> Iterator[str]:
    """The test suite of one rule, one line at a time (two levels in)."""
    d = suite.descriptor
    element = ET.Element("testsuite", name=d.slug)
    element.set("tests", str(len(suite.names)))
    element.set("failures", str(suite.failures))
    element.set("errors", "0")
    element.set("skipped", "0")
    yield f"  {_open(element)}\n    <properties>\n"
    for name, value in (("summary", clean(d.summary)), ("clauses", ", ".join(d.clauses))):
        yield f"      {ET.tostring(ET.Element('property', name=name, value=value), 'unicode')}\n"
    yield "    </properties>\n"
    for name in suite.names:
        yield from _case_lines(d, name, cursor.take(d.slug, name))
    yield "  </testsuite>\n"


def _case_lines(d: Descriptor, name: str, findings: Iterable[Violation]) -> Iterator[str]:
    """The test case of one rule on one file: a failure per active finding, and the
    suppressed findings with their reasons in ``<system-out>``."""
    case = ET.Element("testcase", classname=f"postlint.{d.slug}", name=clean(name))
    notes: list[str] = []
    opened = found = False
    for v in findings:
        found = True
        if v.suppressed:
            notes.append(f"suppressed: {v.location}: {v.message} (reason: {v.suppression_reason})")
            continue
        if not opened:
            yield f"    {_open(case)}\n"
            opened = True
        failure = ET.Element("failure", message=clean(v.message), type=f"{v.severity}:{v.rule}")
        clauses = f"\nclauses: {', '.join(v.clauses)}" if v.clauses else ""
        failure.text = clean(f"{v.location}: {v.rule} [{v.severity}] {v.message}{clauses}")
        yield f"      {ET.tostring(failure, 'unicode')}\n"
    if not found:
        yield f"    {ET.tostring(case, 'unicode')}\n"
        return
    if not opened:
        yield f"    {_open(case)}\n"
    if notes:
        out = ET.Element("system-out")
        out.text = clean("\n".join(notes))
        yield f"      {ET.tostring(out, 'unicode')}\n"
    yield "    </testcase>\n"


def _open(element: ET.Element) -> str:
    """The start tag of ``element``, written as ElementTree writes it."""
    text = ET.tostring(element, "unicode", short_empty_elements=False)
    return text[: text.rindex("</")]


def _applies(report: Report, d: Descriptor, path: str, role: str) -> bool:
    """Whether rule ``d`` runs on the file: its kind of target, on its kind of account."""
    if d.target == "file":
        return True
    if role not in ROLES.get(d.target, ()):
        return False
    scope = report.targets.get(("file", path))
    return scope is None or scope.scope is None or scope.scope in d.scope
