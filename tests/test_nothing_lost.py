"""``--fix`` loses nothing: interrupted, failing or racing, every file is whole.

A file is either exactly as it was or exactly as fixed; no temporary file is left
behind; a file that no longer parses is never written.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from postlint import fixing
from postlint.cli import main
from postlint.loading.files import load_post
from postlint.violation import Edit, Fix, Target, Violation

DRAFT = "---\naccount: dpw-x\nauthor: dpw-liaison\nstatus: draft\n---\nSnow tonight!!!\n"


def _shout_fix(path: Path) -> Violation:
    """A safe fix of ``path``'s text: ``!!!`` becomes ``!``."""
    start = len("Snow tonight")
    edit = Edit(field="text", start=start, end=start + 3, text="!")
    return Violation(
        rule="shouting",
        severity="error",
        message="shouting",
        target=Target(kind="post", id=path.stem),
        field="text",
        path=str(path),
        fix=Fix(description="one !", edits=(edit,)),
    )


@pytest.fixture
def posts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "posts"
    folder.mkdir()
    paths = []
    for name in ("a", "b", "c"):
        path = folder / f"{name}.md"
        path.write_text(DRAFT)
        paths.append(path)
    return paths


def _state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("interrupt", [KeyboardInterrupt, OSError, MemoryError])
def test_interrupted_write_leaves_each_file_whole_and_no_temp_files(
    posts: list[Path], monkeypatch: pytest.MonkeyPatch, interrupt: type[BaseException]
) -> None:
    result = fixing.fix_report([_shout_fix(p) for p in posts])
    assert len(result.files) == 3
    calls = {"n": 0}
    real_fsync = os.fsync

    def fsync_then_fail(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 2:  # the second file: its bytes are written, not yet renamed
            raise interrupt()
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync_then_fail)
    with pytest.raises(interrupt):
        fixing.write(result)
    state = _state(posts[0].parent)
    assert sorted(state) == ["a.md", "b.md", "c.md"]  # no temporary file left
    fixed = DRAFT.replace("!!!", "!").encode()
    assert state == {"a.md": fixed, "b.md": DRAFT.encode(), "c.md": DRAFT.encode()}


def test_interrupt_during_the_rename_changes_nothing(
    posts: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    result = fixing.fix_report([_shout_fix(posts[0])])

    def replace(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        fixing.write(result)
    assert _state(posts[0].parent) == {p.name: DRAFT.encode() for p in posts}


def test_file_that_changed_into_garbage_since_linting_is_not_written(posts: list[Path]) -> None:
    violation = _shout_fix(posts[0])
    posts[0].write_text("---\naccount: [dpw-x\n---\nSnow tonight!!!\n")
    before = posts[0].read_bytes()
    result = fixing.fix_report([violation])
    fixing.write(result)
    assert result.files == [] and posts[0].read_bytes() == before


@pytest.mark.parametrize(
    "content",
    [b"\xff\xfe---\n", b"\x89PNG\r\n\x1a\n\x00", b"---\naccount: dpw-x\n"],
    ids=["utf-16", "binary", "unclosed"],
)
def test_unreadable_file_is_never_written(posts: list[Path], content: bytes) -> None:
    violation = _shout_fix(posts[0])
    posts[0].write_bytes(content)
    fixing.write(fixing.fix_report([violation]))
    assert posts[0].read_bytes() == content


def test_fix_that_would_not_read_back_leaves_the_file(posts: list[Path]) -> None:
    edit = Edit(field="account", text="[unclosed")
    violation = _shout_fix(posts[0]).model_copy(
        update={"fix": Fix(description="break it", edits=(edit,))}
    )
    result = fixing.fix_report([violation])
    fixing.write(result)
    assert posts[0].read_text() == DRAFT
    assert load_post(posts[0], str(posts[0]), posts[0].read_text()).account == "dpw-x"


def test_cli_interrupted_mid_fix_exits_130_and_loses_nothing(
    posts: list[Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = posts[0].parent

    def interrupted(result: fixing.FixResult) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(fixing, "write", interrupted)
    before = _state(folder)
    code = main(["check", str(folder), "--fix", "--no-plugins"])
    assert code == 130
    assert "interrupted" in capsys.readouterr().err
    assert _state(folder) == before
