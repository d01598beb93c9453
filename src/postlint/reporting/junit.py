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
from typing import Any

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


def render(report: Report, options: dict[str, Any]) -> str:
    root = ET.Element("testsuites", name="postlint")
    totals = [0, 0]
    by_rule: dict[str, list[Violation]] = defaultdict(list)
    for v in report.violations:
        by_rule[v.rule].append(v)
    for d in descriptors(report):
        suite = testsuite(report, d, by_rule[d.slug])
        totals[0] += int(suite.get("tests", "0"))
        totals[1] += int(suite.get("failures", "0"))
        root.append(suite)
    root.set("tests", str(totals[0]))
    root.set("failures", str(totals[1]))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def testsuite(report: Report, d: Descriptor, findings: list[Violation]) -> ET.Element:
    """The test suite of one rule, given its findings."""
    found: dict[str, list[Violation]] = defaultdict(list)
    for v in findings:
        found[v.path if v.path is not None else v.location].append(v)
    applies = [] if d.reserved else [
        path for path, role in report.checked.items() if _applies(report, d, path, role)
    ]  # fmt: skip
    names = sorted({*applies, *found})
    suite = ET.Element("testsuite", name=d.slug)
    props = ET.SubElement(suite, "properties")
    ET.SubElement(props, "property", name="summary", value=clean(d.summary))
    ET.SubElement(props, "property", name="clauses", value=", ".join(d.clauses))
    failures = 0
    for name in names:
        case = testcase(d, name, found.get(name, []))
        failures += case.find("failure") is not None
        suite.append(case)
    suite.set("tests", str(len(names)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", "0")
    return suite


def _applies(report: Report, d: Descriptor, path: str, role: str) -> bool:
    """Whether rule ``d`` runs on the file: its kind of target, on its kind of account."""
    if d.target == "file":
        return True
    if role not in ROLES.get(d.target, ()):
        return False
    scope = report.targets.get(("file", path))
    return scope is None or scope.scope is None or scope.scope in d.scope


def testcase(d: Descriptor, name: str, findings: list[Violation]) -> ET.Element:
    """The test case of one rule on one file: a failure per active finding."""
    case = ET.Element("testcase", classname=f"postlint.{d.slug}", name=clean(name))
    notes: list[str] = []
    for v in findings:
        if v.suppressed:
            notes.append(f"suppressed: {v.location}: {v.message} (reason: {v.suppression_reason})")
            continue
        failure = ET.SubElement(
            case, "failure", message=clean(v.message), type=f"{v.severity}:{v.rule}"
        )
        clauses = f"\nclauses: {', '.join(v.clauses)}" if v.clauses else ""
        failure.text = clean(f"{v.location}: {v.rule} [{v.severity}] {v.message}{clauses}")
    if notes:
        ET.SubElement(case, "system-out").text = clean("\n".join(notes))
    return case
