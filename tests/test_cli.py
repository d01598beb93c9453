"""The command line as users and CI run it: commands, formats, exit codes, the README."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from postlint.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "accounts").mkdir()
    (tmp_path / "posts").mkdir()
    (tmp_path / "postlint.yaml").write_text("policy: syracuse\n")
    (tmp_path / "accounts" / "a.yaml").write_text("id: a\nkind: personal\nplatform: x\n")
    return tmp_path


def test_clean_repo_exits_0(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "posts" / "p.md").write_text("---\naccount: a\n---\nCoffee time.\n")
    code, out = run(capsys, "check", str(repo), "--no-plugins", "--today", "2026-11-25")
    assert code == 0, out
    assert "All checks passed" in out


def test_findings_exit_1_sorted_one_a_line(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "accounts" / "o.yaml").write_text("id: o\nkind: official\n")
    for name in ("b", "a"):
        (repo / "posts" / f"{name}.md").write_text("---\naccount: o\nstatus: published\n---\nx\n")
    code, out = run(capsys, str(repo), "--select", "incomplete-record", "--no-plugins")
    assert code == 1
    lines = [line for line in out.splitlines() if ": incomplete-record [error] " in line]
    assert lines == sorted(lines) and len(lines) == 4
    assert re.match(r"^\S+a\.md:1:1: incomplete-record \[error\] ", lines[0])


def test_warning_blocks_only_with_fail_on(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "accounts" / "o.yaml").write_text("id: o\nkind: official\n")
    (repo / "posts" / "a.md").write_text("---\naccount: o\nstatus: published\n---\nx\n")
    (repo / "postlint.yaml").write_text("severity: {incomplete-record: warning}\n")
    args = [str(repo), "--select", "incomplete-record", "--no-plugins"]
    assert run(capsys, *args)[0] == 0
    assert run(capsys, *args, "--fail-on", "warning")[0] == 1


def test_json_output_shape(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "accounts" / "o.yaml").write_text("id: o\nkind: official\n")
    (repo / "posts" / "a.md").write_text("---\naccount: o\nstatus: published\n---\nx\n")
    code, out = run(capsys, str(repo), "--format", "json", "--select", "incomplete-record",
                    "--no-plugins")  # fmt: skip
    data = json.loads(out)
    assert code == 1
    first = data["violations"][0]
    for key in ("rule", "severity", "message", "path", "line", "column", "clauses", "target"):
        assert key in first
    assert first["clauses"] == ["SMP-1", "SMP-9"]
    assert data["summary"]["violations"] == len(data["violations"]) == 2


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--today", "yesterday"]) == 2
    assert main(["check", "--format", "nope", str(ROOT / "examples" / "content-repo")]) == 2
    capsys.readouterr()


def test_rules_lists_every_rule_with_clauses(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "rules", "--format", "json", "--no-plugins")
    rows = json.loads(out)
    assert code == 0
    by_slug = {r["slug"]: r for r in rows}
    assert by_slug["incomplete-record"]["clauses"] == ["SMP-1", "SMP-9"]
    assert all(r["clauses"] for r in rows)


def test_schema_exports_models(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "schema", "post")
    schema = json.loads(out)
    assert code == 0
    assert "approved_by" in schema["properties"]
    assert schema["properties"]["approved_by"]["description"]


def test_python_dash_m_entry_point(repo: Path) -> None:
    (repo / "posts" / "p.md").write_text("---\naccount: a\n---\nHi\n")
    done = subprocess.run([sys.executable, "-m", "postlint", "check", str(repo), "--no-plugins"],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_readme_test_command_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```bash\n(.*?)\n```", readme, re.S)
    assert len(blocks) >= 2
    test_command = blocks[1].strip()
    assert "pytest" in test_command
    assert test_command in (ROOT / ".ci" / "run").read_text()


def test_import_postlint_is_light() -> None:
    code = "import sys, postlint; print('pydantic' in sys.modules, 'jinja2' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["False", "False"]


def test_reports_are_streamed_a_finding_at_a_time(repo: Path) -> None:
    """A large archive's report is written piece by piece, never held whole."""
    from postlint.api import lint_paths
    from postlint.reporting import render, stream

    (repo / "accounts" / "o.yaml").write_text("id: o\nkind: official\n")
    for name in ("a", "b", "c"):
        (repo / "posts" / f"{name}.md").write_text("---\naccount: o\nstatus: published\n---\nx\n")
    report = lint_paths([repo], select=["incomplete-record"], entry_point_plugins=False)
    pieces = list(stream("text", report, {}))
    assert len(pieces) == len(report.active) + 1  # one line a finding, then the summary
    assert "".join(pieces) == render("text", report, {})
    # The machine formats too: a piece a finding (or more), joining to the whole output.
    for fmt in ("json", "sarif", "junit", "github"):
        pieces = list(stream(fmt, report, {}))
        assert len(pieces) >= len(report.active), fmt
        assert "".join(pieces) == render(fmt, report, {}), fmt
    assert len(list(stream("html", report, {}))) == 1


# ---------------------------------------------------------------- -o FILE


def test_an_output_path_that_cannot_be_written_is_the_user_s_to_fix(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no-such-folder" / "report.sarif"
    assert main(["check", str(repo), "--format", "sarif", "-o", str(missing)]) == 2
    err = capsys.readouterr().err
    assert f"{missing}: cannot be written (the folder {missing.parent} does not exist)" in err
    assert "internal error" not in err
    assert main(["check", str(repo), "-o", str(tmp_path)]) == 2
    assert f"{tmp_path}: is a folder; name a file for the output" in capsys.readouterr().err
    assert main(["baseline", str(repo), "-o", str(missing)]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_a_report_that_fails_half_way_leaves_the_last_one_whole(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reports are written as they are made: a run that stops half way must not leave
    half a report where CI picks up the last good one."""
    from postlint import reporting

    out = tmp_path / "out" / "report.json"
    out.parent.mkdir()
    assert main(["check", str(repo), "--format", "json", "-o", str(out), "-q"]) == 0
    good = out.read_text(encoding="utf-8")
    out.chmod(0o640)

    def broken(*args: object, **kwargs: object) -> object:
        yield '{"violations": ['
        raise RuntimeError("a reporter bug")

    monkeypatch.setattr(reporting, "stream", broken)
    assert main(["check", str(repo), "--format", "json", "-o", str(out), "-q"]) == 2
    assert out.read_text(encoding="utf-8") == good
    assert sorted(p.name for p in out.parent.iterdir()) == ["report.json"]  # no temporary file
    monkeypatch.undo()
    assert main(["check", str(repo), "--format", "json", "-o", str(out), "-q"]) == 0
    assert out.stat().st_mode & 0o777 == 0o640  # a rewritten report keeps its mode


def test_a_new_report_file_gets_the_mode_open_would_give(repo: Path, tmp_path: Path) -> None:
    import os

    umask = os.umask(0o022)
    try:
        out = tmp_path / "report.txt"
        assert main(["check", str(repo), "-o", str(out), "-q"]) == 0
    finally:
        os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o644
    assert out.read_text(encoding="utf-8") == ""  # a clean run with -q: nothing to say


def test_a_report_named_by_a_link_is_written_to_the_file_it_names(
    repo: Path, tmp_path: Path
) -> None:
    target = tmp_path / "reports" / "latest.sarif"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "report.sarif"
    link.symlink_to(target)
    assert main(["check", str(repo), "--format", "sarif", "-o", str(link), "-q"]) == 0
    assert link.is_symlink()
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
def test_a_report_to_a_device_is_written_to_it_not_put_in_its_place(repo: Path) -> None:
    import stat

    assert main(["check", str(repo), "--format", "json", "-o", "/dev/null", "-q"]) == 0
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)  # still the device


def test_a_report_to_a_pipe_reaches_its_reader(repo: Path, tmp_path: Path) -> None:
    import os
    import threading

    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes")
    fifo = tmp_path / "report.pipe"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    assert main(["check", str(repo), "--format", "json", "-o", str(fifo), "-q"]) == 0
    reader.join(timeout=30)
    assert json.loads(got[0])["summary"]["violations"] == 0
