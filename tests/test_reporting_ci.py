"""The CI formats: JUnit XML (well-formed, counts right) and GitHub annotations (encoded)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postlint.engine import Report
from postlint.reporting import render
from postlint.reporting.github import annotation, escape_data, escape_property
from postlint.reporting.junit import clean
from postlint.violation import Target, Violation
from test_reporting import AWKWARD_MESSAGE, build_report


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    return build_report(tmp_path_factory.mktemp("content"))


def finding(message: str = "m", path: str | None = "posts/p.md", **kw: object) -> Violation:
    return Violation(
        rule=str(kw.pop("rule", "hashtag-case")),
        severity=kw.pop("severity", "warning"),  # type: ignore[arg-type]
        message=message,
        target=Target(kind="post", id="p"),
        path=path,
        **kw,  # type: ignore[arg-type]
    )


# ------------------------------------------------------------------------- JUnit


def test_junit_counts_match_the_test_cases(report: Report) -> None:
    root = ET.fromstring(render("junit", report))
    suites = root.findall("testsuite")
    for suite in suites:
        cases = suite.findall("testcase")
        assert int(suite.get("tests", "-1")) == len(cases)
        assert int(suite.get("failures", "-1")) == sum(c.find("failure") is not None for c in cases)
    assert int(root.get("tests", "-1")) == sum(int(s.get("tests", "0")) for s in suites)
    assert int(root.get("failures", "-1")) == sum(int(s.get("failures", "0")) for s in suites)
    assert len(root.findall(".//failure")) == len(report.active)


def test_junit_has_a_case_per_file_a_rule_applies_to(report: Report) -> None:
    root = ET.fromstring(render("junit", report))
    terms = root.find("testsuite[@name='terms-of-participation']")
    assert terms is not None
    names = {c.get("name") for c in terms.findall("testcase")}
    # Official account files only: account rules do not apply to personal accounts.
    assert names == {"accounts/dpw-x.yaml", "accounts/parks-x.yaml"}
    failing = [c.get("name") for c in terms.findall("testcase") if c.find("failure") is not None]
    assert failing == ["accounts/parks-x.yaml"]


def test_junit_escapes_markup_and_keeps_the_message(report: Report) -> None:
    root = ET.fromstring(render("junit", report))
    messages = [f.get("message") for f in root.iter("failure")]
    assert AWKWARD_MESSAGE in messages


@given(st.text(max_size=60))
def test_junit_is_well_formed_for_any_message(message: str) -> None:
    out = render("junit", Report(violations=[finding(message)]))
    (failure,) = ET.fromstring(out).iter("failure")
    assert failure.get("message") == clean(message)  # only characters XML forbids change


def tree(report: Report) -> str:
    """The JUnit document built whole as an ElementTree and laid out by ``ET.indent``:
    what the streamed writer must write, byte for byte."""
    from collections import defaultdict

    from postlint.reporting.descriptors import descriptors
    from postlint.reporting.junit import _applies

    root = ET.Element("testsuites", name="postlint")
    by_rule: dict[str, list[Violation]] = defaultdict(list)
    for v in report.violations:
        by_rule[v.rule].append(v)
    tests = failures = 0
    for d in descriptors(report):
        found: dict[str, list[Violation]] = defaultdict(list)
        for v in by_rule[d.slug]:
            found[v.path if v.path is not None else v.location].append(v)
        applies = [] if d.reserved else [
            path for path, role in report.checked.items() if _applies(report, d, path, role)
        ]  # fmt: skip
        names = sorted({*applies, *found})
        suite = ET.SubElement(root, "testsuite", name=d.slug)
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", name="summary", value=clean(d.summary))
        ET.SubElement(props, "property", name="clauses", value=", ".join(d.clauses))
        failing = 0
        for name in names:
            case = ET.SubElement(
                suite, "testcase", classname=f"postlint.{d.slug}", name=clean(name)
            )
            notes = []
            for v in found.get(name, []):
                if v.suppressed:
                    notes.append(
                        f"suppressed: {v.location}: {v.message} (reason: {v.suppression_reason})"
                    )
                    continue
                failure = ET.SubElement(
                    case, "failure", message=clean(v.message), type=f"{v.severity}:{v.rule}"
                )
                clauses = f"\nclauses: {', '.join(v.clauses)}" if v.clauses else ""
                failure.text = clean(f"{v.location}: {v.rule} [{v.severity}] {v.message}{clauses}")
            if notes:
                ET.SubElement(case, "system-out").text = clean("\n".join(notes))
            failing += case.find("failure") is not None
        suite.set("tests", str(len(names)))
        suite.set("failures", str(failing))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        tests, failures = tests + len(names), failures + failing
    root.set("tests", str(tests))
    root.set("failures", str(failures))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def test_junit_is_written_a_line_at_a_time_as_the_whole_tree_would_be(report: Report) -> None:
    from postlint.reporting.junit import iter_render

    assert render("junit", report) == tree(report)
    assert all(piece.endswith("\n") for piece in iter_render(report, {}))
    assert render("junit", Report()) == tree(Report())  # no rule, no finding


@given(
    st.lists(
        st.tuples(st.text(max_size=20), st.sampled_from(["error", "warning"]), st.booleans()),
        max_size=6,
    )
)
def test_junit_streamed_equals_the_tree_for_any_findings(
    items: list[tuple[str, str, bool]],
) -> None:
    found = [
        finding(message, severity=severity, suppressed=suppressed,
                suppression_reason="accepted" if suppressed else None,
                path=None if i % 3 == 2 else f"posts/p{i % 2}.md", line=i + 1)
        for i, (message, severity, suppressed) in enumerate(items)
    ]  # fmt: skip
    report = Report(violations=found, checked={"posts/p0.md": "post", "posts/q.md": "post"})
    assert render("junit", report) == tree(report)


# ------------------------------------------------------------------------ GitHub


def test_github_annotation_has_every_valid_position() -> None:
    v = finding("too long", line=3, column=5, end_line=3, end_column=9, clauses=("SMP-11",))
    assert annotation(v) == (
        "::warning file=posts/p.md,line=3,col=5,endLine=3,endColumn=9,"
        "title=postlint hashtag-case (SMP-11)::too long"
    )


def test_github_leaves_out_invalid_positions_and_names_fileless_targets() -> None:
    assert ",col=" not in annotation(finding(line=2, column=0))
    assert "line=" not in annotation(finding(line=None))
    fileless = annotation(finding(path=None, rule="config-error", severity="error"))
    assert fileless == "::error title=postlint config-error::<post p>: m"


def test_github_encodes_what_workflow_commands_require() -> None:
    line = annotation(finding("50% done\r\nnext", path="a,b:c.md", line=1))
    assert line.startswith("::warning file=a%2Cb%3Ac.md,line=1,")
    assert line.endswith("::50%25 done%0D%0Anext")
    assert "\n" not in line and "\r" not in line


def test_github_annotates_active_findings_only(report: Report) -> None:
    lines = render("github", report).splitlines()
    assert len(lines) == len(report.active)
    assert all(re.match(r"^::(error|warning) ", line) for line in lines)


_DECODE = re.compile(r"%(25|0D|0A|3A|2C)")


def _decode(text: str) -> str:
    return _DECODE.sub(lambda m: chr(int(m[1], 16)), text)


@given(st.text())
def test_github_encoding_round_trips(text: str) -> None:
    data, prop = escape_data(text), escape_property(text)
    assert _decode(data) == text and _decode(prop) == text
    assert not {"\r", "\n"} & set(data)
    assert not {"\r", "\n", ",", ":"} & set(prop)
