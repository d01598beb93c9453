"""Findings past the bound go to disk in sorted runs; the report is the same."""

from __future__ import annotations

import gc
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import TODAY
from postlint import api, baseline, findings, parallel
from postlint.api import lint_paths
from postlint.engine import Report, TargetInfo
from postlint.findings import FOLDER_PREFIX, Findings, SortedRuns
from postlint.reporting import render
from postlint.violation import Target, Violation
from test_parallel import content_repo, record

FORMATS = ("text", "json", "sarif", "junit", "github", "html")


def finding(path: str, line: int, rule: str = "incomplete-record", post: str = "p1") -> Violation:
    return Violation(
        rule=rule, severity="error", message=f"m{line}", target=Target(kind="post", id=post),
        path=path, line=line, column=1,
    )  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    items=st.lists(st.tuples(st.sampled_from("abc"), st.integers(1, 6)), max_size=60),
    held=st.integers(1, 9),
)
def test_spilled_findings_come_back_in_order_equal_ones_as_they_came(
    items: list[tuple[str, int]], held: int
) -> None:
    store = Findings(held=held)
    made = [finding(path, line, post=f"p{i}") for i, (path, line) in enumerate(items)]
    for i, v in enumerate(made):
        store.append(v, TargetInfo(account=f"acct-{i}"))
        store.settle()
    expected = sorted(made, key=Violation.sort_key)  # stable: equal keys keep their order
    assert list(store) == expected
    assert [info.account for _, info in store.pairs() if info] == [
        f"acct-{made.index(v)}" for v in expected
    ]
    assert len(store) == len(made)
    assert store.spilled == (len(made) >= held)
    assert sum(store.counts().values()) == len(made)


@settings(max_examples=60, deadline=None)
@given(
    items=st.lists(st.tuples(st.sampled_from(["", "a", "b"]), st.integers(0, 5)), max_size=60),
    held=st.integers(1, 9),
)
def test_sorted_runs_come_back_sorted_from_disk(items: list[tuple[str, int]], held: int) -> None:
    """The baseline's entries are sorted so, past the bound on disk."""
    runs: SortedRuns[tuple[str, int, int]] = SortedRuns(held=held)
    made = [(text, number, place) for place, (text, number) in enumerate(items)]
    for item in made:
        runs.append(item)
    assert list(runs) == sorted(made)
    assert list(runs) == sorted(made)  # read again, the runs are still there
    assert len(runs) == len(made)
    assert bool(runs._runs) == (len(made) >= held)


def refuse_folders(monkeypatch: pytest.MonkeyPatch, error: OSError) -> None:
    """No temporary folder can be made: ``error`` says why."""
    import tempfile

    def refuse(*args: object, **kwargs: object) -> str:
        raise error

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)


def test_sorted_runs_that_cannot_go_to_disk_stay_in_memory(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    refuse_folders(monkeypatch, OSError(28, "No space left on device"))
    runs: SortedRuns[int] = SortedRuns(held=2)
    for item in (5, 3, 4, 1, 2):
        runs.append(item)
    assert list(runs) == [1, 2, 3, 4, 5] and not runs._runs
    assert capsys.readouterr().err.count("kept in memory (No space left on device") == 1


def test_a_post_description_goes_to_disk_with_its_findings_and_comes_back() -> None:
    targets: dict[tuple[str, str], TargetInfo] = {
        ("post", "p1"): TargetInfo(account="dpw-x", month="2026-11"),
        ("file", "a.jsonl"): TargetInfo(),
    }
    store = Findings(targets=targets, held=1)
    store.append(finding("a.jsonl", 3))
    store.settle()
    assert store.spilled
    assert ("post", "p1") not in targets  # it lives in the run now
    assert ("file", "a.jsonl") in targets  # a file's stays
    report = Report(violations=store, targets=targets)
    (v,) = list(report.active)
    assert report.info(v) == TargetInfo(account="dpw-x", month="2026-11")


def test_the_runs_are_deleted_with_the_findings() -> None:
    store = Findings(held=1)
    store.append(finding("a", 1))
    store.settle()
    folder = store._folder
    assert folder is not None and any(folder.iterdir())
    del store
    gc.collect()
    assert not folder.exists()


#: A process that writes findings to disk, says where, then waits for a line and ends
#: the way it is told: killed outright, or normally.
_OWNER = """
import os, signal, sys
sys.path.insert(0, sys.argv[1])
from factories import TODAY
from postlint.findings import FOLDER_PREFIX, Findings, SortedRuns
from test_findings import finding
store = Findings(held=1)
store.append(finding("a", 1))
store.settle()
print(store._folder, flush=True)
if sys.stdin.readline().strip() == "kill":
    os.kill(os.getpid(), signal.SIGKILL)
"""


def _owner(temporary: Path) -> tuple[subprocess.Popen[str], Path]:
    env = {**os.environ, "TMPDIR": str(temporary)}
    tests = str(Path(__file__).parent)
    child = subprocess.Popen(
        [sys.executable, "-c", _OWNER, tests],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    assert child.stdout is not None
    folder = Path(child.stdout.readline().strip())
    assert folder.parent == temporary and any(folder.iterdir())
    return child, folder


def _spill_here(temporary: Path, monkeypatch: pytest.MonkeyPatch) -> Findings:
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    store = Findings(held=1)
    store.append(finding("b", 2))
    store.settle()
    assert store._folder is not None and store._folder.parent == temporary
    return store


@pytest.mark.skipif(not hasattr(os, "fork"), reason="file locks of POSIX systems")
def test_a_run_killed_outright_leaves_its_folder_to_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGKILL runs no clean-up; the next run that writes findings deletes the folder,
    and leaves the folder of a run still going alone."""
    killed, left = _owner(tmp_path)
    alive, running = _owner(tmp_path)
    assert killed.stdin is not None and alive.stdin is not None
    killed.stdin.write("kill\n")
    killed.stdin.close()
    assert killed.wait(timeout=60) == -signal.SIGKILL
    assert left.exists()  # nothing ran to delete it

    store = _spill_here(tmp_path, monkeypatch)
    assert not left.exists()
    assert running.exists()  # its process holds the lock
    alive.stdin.write("end\n")
    alive.stdin.close()
    assert alive.wait(timeout=60) == 0
    assert not running.exists()  # deleted by its own process, at exit
    del store
    gc.collect()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="file locks of POSIX systems")
def test_a_folder_without_a_lock_is_deleted_only_once_old(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Made by a version before the locks (or caught between its making and its lock)."""
    old, new = tmp_path / f"{FOLDER_PREFIX}old", tmp_path / f"{FOLDER_PREFIX}new"
    for folder in (old, new):
        folder.mkdir()
        (folder / "run-0.pickle").write_bytes(b"")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(old, (two_days_ago, two_days_ago))
    other = tmp_path / "postlint-other"
    other.mkdir()
    os.utime(other, (two_days_ago, two_days_ago))
    _spill_here(tmp_path, monkeypatch)
    assert not old.exists()
    assert new.exists() and other.exists()


def test_findings_that_cannot_go_to_disk_stay_in_memory(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """No temporary folder to write to: nothing is lost, the run says so once."""
    refuse_folders(monkeypatch, PermissionError(13, "Permission denied"))
    store = Findings(held=2)
    made = [finding("a", line) for line in (5, 3, 4, 1, 2)]
    for v in made:
        store.append(v)
        store.settle()
    assert not store.spilled
    assert list(store) == sorted(made, key=Violation.sort_key)
    assert capsys.readouterr().err.count("findings are kept in memory (Permission denied") == 1


def archive_lines(count: int) -> list[str]:
    """Records with findings, some suppressed with a reason, some suppressions unused,
    a broken line."""
    lines = []
    for i in range(count):
        if i % 97 == 5:
            lines.append('{"id": "broken", ')
        elif i % 7 == 0:  # no url: a finding, suppressed in every other such record
            reason = [{"rule": "incomplete-record", "reason": "the platform lost it"}]
            lines.append(json.dumps(record(i, suppress=reason) if i % 14 == 0 else record(i)))
        elif i % 50 == 3:  # a suppression that silences nothing
            unused = [{"rule": "unscheduled-post", "reason": "not needed"}]
            lines.append(json.dumps(record(i, suppress=unused)))
        else:
            lines.append(json.dumps(record(i)))
    return lines


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example content repository, with post files read in chunks and an archive."""
    root = content_repo(tmp_path / "repo", 70)
    (root / "archive").mkdir(exist_ok=True)
    (root / "archive" / "posts.jsonl").write_text("\n".join(archive_lines(700)) + "\n")
    monkeypatch.setattr(api, "FILES_IN_CHUNKS", 20)
    monkeypatch.setattr(parallel, "FILES_PER_CHUNK", 7)
    monkeypatch.setattr(parallel, "CHUNK_BYTES", 4096)
    monkeypatch.setattr(parallel, "WARM_BYTES", 1500)
    return root


#: A custom template that reads the findings every way a template can: loops, length,
#: indexing from either end, slices, filters, and each target's account and month.
TEMPLATE = (
    "{{ violations | length }} {{ suppressed | length }}\n"
    "{% for v in violations %}{{ v.location }} {{ v.rule }} {{ v.account }} {{ v.month }}\n"
    "{% endfor %}{% for s in suppressed %}{{ s.location }} {{ s.reason }}\n{% endfor %}"
    "{{ violations[0].account }} {{ violations[-1].location }} {{ (violations | last).month }}\n"
    "{% set middle = violations[(violations | length) // 2] %}"
    "{{ middle.location }} {{ middle.account }} {{ middle.month }}\n"
    "{% for v in violations[-300:-200:20] %}{{ v.location }} {{ v.account }};{% endfor %}\n"
    "{{ violations | map(attribute='rule') | unique | list }}\n"
)


def outputs(report: Report, tmp_path: Path) -> dict[str, str]:
    template = tmp_path / "digest.md.j2"
    template.write_text(TEMPLATE, encoding="utf-8")
    options = {"max_listed": 40, "template": str(template)}
    return {fmt: render(fmt, report, options) for fmt in (*FORMATS, "template")}


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_run_that_keeps_its_findings_on_disk_reports_exactly_the_same(
    repo: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """Every output, the counts, the exit code, suppressions and a baseline: as when
    every finding is held in memory."""
    held = lint_paths([repo], today=TODAY, entry_point_plugins=False)
    assert isinstance(held.violations, list)
    rules = {v.rule for v in held.violations}
    assert {"input-error", "unused-suppression", "incomplete-record"} <= rules
    assert any(v.suppressed for v in held.violations)
    path = repo.parent / "baseline.json"
    recorded = baseline.write(held, path)  # every entry in memory
    assert recorded > 25

    monkeypatch.setattr(findings, "HELD", 25)
    monkeypatch.setattr(findings, "RECENT", 4)  # descriptions kept for the last few read
    spilled = lint_paths([repo], today=TODAY, jobs=jobs, entry_point_plugins=False)
    assert isinstance(spilled.violations, Findings) and spilled.violations.spilled
    assert len(spilled.targets) < len(held.targets)  # post descriptions went to disk
    assert list(spilled.violations) == held.violations
    assert spilled.summary() == held.summary()
    assert spilled.exit_code == held.exit_code
    assert outputs(spilled, repo) == outputs(held, repo)

    again = repo.parent / "baseline-from-disk.json"  # its entries sorted on disk as well
    assert baseline.write(spilled, again) == recorded
    assert again.read_bytes() == path.read_bytes()
    for report in (held, spilled):
        baseline.apply(report, path)
    assert isinstance(spilled.violations, Findings)
    assert held.baselined == spilled.baselined > 0
    assert outputs(spilled, repo) == outputs(held, repo)


def test_the_command_line_keeps_findings_on_disk_alike(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from postlint.cli import main

    args = ["check", "--today", TODAY.isoformat(), "--no-plugins", "--format", "json", str(repo)]
    code = main(args)
    held = capsys.readouterr().out
    monkeypatch.setattr(findings, "HELD", 25)
    assert main(args) == code
    assert capsys.readouterr().out == held
