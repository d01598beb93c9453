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
from collections.abc import Iterator
from typing import Any, NamedTuple

from postlint.engine import Report
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
    """What the test suite of one rule holds: its test cases (by file) and findings."""

    descriptor: Descriptor
    names: list[str]
    found: dict[str, list[Violation]]
    failures: int


def iter_render(report: Report, options: dict[str, Any]) -> Iterator[str]:
    """The document a line at a time, laid out as ``ElementTree.indent`` lays it out:
    an archive's test case may hold tens of thousands of failures, and they are never
    held as elements or as one string."""
    by_rule: dict[str, list[Violation]] = defaultdict(list)
    for v in report.violations:
        by_rule[v.rule].append(v)
    suites = [_plan(report, d, by_rule[d.slug]) for d in descriptors(report)]
    root = ET.Element("testsuites", name="postlint")
    root.set("tests", str(sum(len(s.names) for s in suites)))
    root.set("failures", str(sum(s.failures for s in suites)))
    root.set("errors", "0")
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    if not suites:
        yield ET.tostring(root, "unicode") + "\n"
        return
    yield _open(root) + "\n"
    for suite in suites:
        yield from _suite_lines(suite)
    yield "</testsuites>\n"


def render(report: Report, options: dict[str, Any]) -> str:
    return "".join(iter_render(report, options))


def _plan(report: Report, d: Descriptor, findings: list[Violation]) -> _Suite:
    found: dict[str, list[Violation]] = defaultdict(list)
    for v in findings:
        found[v.path if v.path is not None else v.location].append(v)
    applies = [] if d.reserved else [
        path for path, role in report.checked.items() if _applies(report, d, path, role)
    ]  # fmt: skip
    names = sorted({*applies, *found})
    failures = sum(any(not v.suppressed for v in found.get(name, ())) for name in names)
    return _Suite(d, names, found, failures)


def _suite_lines(suite: _Suite) -> Iterator[str]:
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
        yield from _case_lines(d, name, suite.found.get(name, []))
    yield "  </testsuite>\n"


def _case_lines(d: Descriptor, name: str, findings: list[Violation]) -> Iterator[str]:
    """The test case of one rule on one file: a failure per active finding, and the
    suppressed findings with their reasons in ``<system-out>``."""
    case = ET.Element("testcase", classname=f"postlint.{d.slug}", name=clean(name))
    if not findings:
        yield f"    {ET.tostring(case, 'unicode')}\n"
        return
    notes: list[str] = []
    opened = False
    for v in findings:
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
