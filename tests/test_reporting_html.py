"""The HTML compliance report, and custom Jinja2 templates."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from postlint.cli import main
from postlint.engine import Report
from postlint.errors import UsageError
from postlint.reporting import render
from test_reporting import AWKWARD_MESSAGE, build_report


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    return build_report(tmp_path_factory.mktemp("content"))


@pytest.fixture(scope="module")
def page(report: Report) -> str:
    return render("html", report)


# ------------------------------------------------------------------------- HTML


def test_html_groups_findings_by_account_department_rule_and_clause(page: str) -> None:
    assert 'data-account="parks-x"' in page and 'data-account="dpw-x"' in page
    assert "Parks, Recreation and Youth Programs" in page
    assert 'data-clause="SMP-3a"' in page
    assert 'data-department="Public Works"' in page
    for section in ("summary", "by-department", "by-account", "by-rule", "by-clause", "suppressed"):
        assert f'id="{section}"' in page


def test_html_charts_findings_by_department_and_month(report: Report, page: str) -> None:
    svg = page[page.index("<svg") : page.index("</svg>")]
    titles = re.findall(r"<title>([^<]*)</title>", svg)
    # A post counts in the month it was published; accounts and files in the run's month.
    expected: Counter[str] = Counter()
    for v in report.active:
        info = report.info(v)
        month = "2026-10" if v.target.id == "old" else "2026-11"
        assert info.month in (month, None)
        expected[f"{info.department or '(no department)'}, {month}"] += 1
    assert sorted(titles) == sorted(f"{cell}: {n}" for cell, n in expected.items())
    assert any(t.startswith("Parks, Recreation and Youth Programs, 2026-10: ") for t in titles)
    assert len(re.findall(r"<rect ", svg)) == len(titles)


def test_html_lists_a_bounded_number_of_findings_an_account_errors_first() -> None:
    """An archive's tens of thousands of findings would make a page no browser opens:
    each account lists a few (errors first), says what it leaves out, and every count
    still covers them all."""
    from postlint.engine import TargetInfo
    from postlint.reporting.html import view
    from postlint.violation import Target, Violation

    def finding(line: int, severity: str) -> Violation:
        return Violation(
            rule="unapproved-post" if severity == "error" else "media-accessibility",
            severity=severity, message=f"finding on line {line}",
            target=Target(kind="post", id=f"p{line}"), path="archive/x.jsonl", line=line,
        )  # fmt: skip

    kinds = ["warning", "error", "warning", "error", "warning", "warning"]
    found = [finding(i + 1, kind) for i, kind in enumerate(kinds)]
    info = TargetInfo("parks-x", "Parks", "2026-11", "official")
    report = Report(violations=found, targets={("post", v.target.id): info for v in found})
    errors = [v for v in found if v.severity == "error"]
    warnings = [v for v in found if v.severity == "warning"]

    every = view(report, {"max_listed": None})["accounts"][0]["listed"]
    assert (every.shown, every.left) == (found, 0)
    listed = view(report, {"max_listed": 3})["accounts"][0]["listed"]
    assert listed.shown == [*errors, warnings[0]]
    assert (listed.errors_left, listed.warnings_left) == (0, 3)

    page = render("html", report, {"max_listed": 1})
    section = page[page.index('data-account="parks-x"') :]
    section = section[: section.index("</table>")]
    assert re.findall(r"<td>finding on line (\d+)</td>", section) == ["2"]  # an error first
    assert "… and 5 more (1 error, 4 warnings) not listed here." in section
    # The account's counts are of all its findings, listed or not.
    assert '>parks-x</a></td><td>Parks</td><td class="num">2</td><td class="num">4</td>' in page
    assert render("html", report).count("<td>finding on line") == 6  # under the default


def test_html_lists_suppressed_findings_with_their_reasons(page: str) -> None:
    assert "the platform never returned a URL for this post" in page


def test_html_escapes_what_findings_say(page: str) -> None:
    assert "<b>bold</b>" not in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    assert AWKWARD_MESSAGE.split("<")[0] in page


def test_html_is_self_contained(page: str) -> None:
    """Opens without a network: no script, stylesheet, image or font from elsewhere."""
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<script" not in page and "<link" not in page
    assert "@import" not in page and "url(" not in page


def test_html_prints_cleanly(page: str) -> None:
    assert "@media print" in page


def test_html_of_a_clean_run_says_so() -> None:
    page = render("html", Report())
    assert "No blocking findings" in page
    assert "No findings to chart." in page


@pytest.mark.slow
def test_html_opens_in_a_browser(page: str, tmp_path: Path) -> None:
    """Headless Chromium renders the page; its DOM shows findings by account and clause."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed")
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    dom = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", path.as_uri()],
        capture_output=True,
        text=True,
        timeout=90,
        check=True,
    ).stdout
    assert re.search(r'<h3 [^>]*data-account="parks-x"', dom)
    assert re.search(r'<tr [^>]*data-clause="SMP-3a"', dom)
    assert "terms-of-participation" in dom


# --------------------------------------------------------------------- templates


def _template(tmp_path: Path, name: str, text: str) -> dict[str, str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return {"template": str(path)}


def test_template_sees_findings_summary_rules_and_today(report: Report, tmp_path: Path) -> None:
    options = _template(
        tmp_path,
        "report.md.j2",
        "{{ today }} {{ summary.violations }}/{{ summary.suppressed }} {{ tool.name }}\n"
        "{% for v in violations if v.account %}{{ v.location }} {{ v.rule }} {{ v.account }}"
        " {{ v.department }} {{ v.month or '-' }}\n{% endfor %}"
        "{% for s in suppressed %}{{ s.reason }}\n{% endfor %}"
        "{{ rules | map(attribute='slug') | select('equalto', 'input-error') | list }}\n",
    )
    out = render("template", report, options)
    assert out.startswith(f"2026-11-25 {len(report.active)}/1 postlint\n")
    assert "posts/2026-10-05-old.yaml:1:1 incomplete-record parks-x" in out
    assert "Parks, Recreation and Youth Programs 2026-10" in out
    assert "the platform never returned a URL for this post" in out
    assert "['input-error']" in out


def test_markdown_templates_are_not_escaped_html_templates_are(
    report: Report, tmp_path: Path
) -> None:
    text = "{% for v in violations if v.rule == 'hashtag-case' %}{{ v.message }}{% endfor %}"
    assert "<b>bold</b>" in render("template", report, _template(tmp_path, "a.md", text))
    escaped = render("template", report, _template(tmp_path, "a.html.j2", text))
    assert "&lt;b&gt;bold&lt;/b&gt;" in escaped


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{{ violations.__class__.__mro__ }}", "unsafe"),
        ("{% for v in %}", ":1: template syntax error"),
        ("{{ no_such_variable }}", "'no_such_variable' is undefined"),
    ],
)
def test_a_bad_template_is_a_usage_error(
    report: Report, tmp_path: Path, text: str, expected: str
) -> None:
    with pytest.raises(UsageError, match=re.escape(expected)):
        render("template", report, _template(tmp_path, "bad.j2", text))


def test_a_missing_template_is_a_usage_error(report: Report, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot read the template"):
        render("template", report, {"template": str(tmp_path / "nope.j2")})


def test_a_template_is_written_as_it_is_made(
    report: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the part held back, output goes out before every record is made: a loop over
    an archive's findings holds one record at a time."""
    from postlint.reporting import stream, template

    made: list[str] = []
    record = template.record
    monkeypatch.setattr(template, "record", lambda r, v: made.append(v.rule) or record(r, v))
    monkeypatch.setattr(template, "HELD_OUTPUT", 10)
    monkeypatch.setattr(template, "_PIECE", 10)
    options = _template(tmp_path, "list.md", "{% for v in violations %}{{ v.rule }}\n{% endfor %}")
    pieces = iter(stream("template", report, options))
    first = next(pieces)
    assert first.startswith(report.active[0].rule)
    assert 0 < len(made) < len(report.active)  # written before the last record was made
    assert first + "".join(pieces) == render("template", report, options)


def test_a_template_that_fails_late_writes_no_output_file(
    report: Report,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from postlint.reporting import template

    monkeypatch.setattr(template, "HELD_OUTPUT", 10)  # much is out when it fails
    build_report(tmp_path / "repo")
    monkeypatch.chdir(tmp_path / "repo")
    late = "{% for v in violations %}{{ v.rule }}\n{% endfor %}{{ no_such_variable }}"
    (tmp_path / "late.md.j2").write_text(late, encoding="utf-8")
    code = main(["check", "--today", "2026-11-25", "--template", "../late.md.j2", "-o", "r.md"])
    assert code == 2
    assert "'no_such_variable' is undefined" in capsys.readouterr().err
    assert not list((tmp_path / "repo").glob("*r.md*"))  # neither the file nor a temporary


def test_a_small_report_whose_template_fails_prints_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    build_report(tmp_path / "repo")
    monkeypatch.chdir(tmp_path / "repo")
    late = "{% for v in violations %}{{ v.rule }}\n{% endfor %}{{ no_such_variable }}"
    (tmp_path / "late.md.j2").write_text(late, encoding="utf-8")
    assert main(["check", "--today", "2026-11-25", "--template", "../late.md.j2"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "'no_such_variable' is undefined" in captured.err


def test_the_command_line_writes_the_html_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    build_report(tmp_path / "repo")
    monkeypatch.chdir(tmp_path / "repo")
    code = main(["check", "--today", "2026-11-25", "--format", "html", "-o", "r.html"])
    assert code == 2  # the repository holds unreadable input
    assert 'data-account="parks-x"' in (tmp_path / "repo/r.html").read_text("utf-8")
    assert "Found" in capsys.readouterr().err  # the summary still reaches the terminal


def test_the_sample_template_of_the_docs_renders(report: Report, tmp_path: Path) -> None:
    docs = Path(__file__).resolve().parent.parent / "docs" / "formats.md"
    sample = re.search(r"```jinja\n(.*?)```", docs.read_text("utf-8"), re.S)
    assert sample is not None
    out = render("template", report, _template(tmp_path, "digest.md.j2", sample[1]))
    assert out.startswith("# Social media policy findings, 2026-11-25")
    assert "`accounts/parks-x.yaml:" in out
