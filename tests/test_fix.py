"""Autofix: safe fixes on drafts and scheduled posts, mapped to the file's text, atomically."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import factories as f
import postlint
from postlint import Rule, Violation
from postlint.api import lint_paths
from postlint.cli import main
from postlint.loading.files import load_post
from postlint.models import Post
from postlint.violation import Edit, Fix, Target

ALL = frozenset({"official", "personal"})


class Shouting(Rule):
    """Offers a safe span fix of the text: ``!!!`` becomes ``!``."""

    slug = "shouting"
    summary = "shouting"
    scope = ALL
    fixable = True

    def check(self, target: Post, ctx: object) -> Iterator[Violation]:
        for m in re.finditer(r"!{2,}", target.text):
            fix = Fix(description="one !", edits=(Edit(field="text", start=m.start(),
                                                          end=m.end(), text="!"),))  # fmt: skip
            yield self.violation(target, "shouting", field="text", span=m.span(), fix=fix)


class NeedsVia(Rule):
    """Offers a safe fix adding a missing top-level field."""

    slug = "needs-via"
    summary = "no via"
    scope = ALL
    fixable = True

    def check(self, target: Post, ctx: object) -> Iterator[Violation]:
        if target.via is None:
            fix = Fix(description="add via", edits=(Edit(field="via", text="Hootsuite"),))
            yield self.violation(target, "no via", field="via", fix=fix)


class AltCase(Rule):
    """Offers an unsafe fix replacing a nested value: alt text starts with a capital."""

    slug = "alt-case"
    summary = "alt in lower case"
    scope = ALL
    fixable = True

    def check(self, target: Post, ctx: object) -> Iterator[Violation]:
        for i, item in enumerate(target.media):
            if item.alt and item.alt[0].islower():
                edit = Edit(field=f"media[{i}].alt", text=repr(item.alt.capitalize()))
                fix = Fix(description="capitalise", edits=(edit,), safe=False)
                yield self.violation(target, "lower", field=f"media[{i}].alt", fix=fix)


class Plugin:
    @postlint.hookimpl
    def postlint_rules(self) -> list[type[Rule]]:
        return [Shouting, NeedsVia, AltCase]


DRAFT = """\
---
account: dpw-x
author: dpw-liaison
status: {status}
media:
  - file: plow.jpg
    type: image
    alt: a plow on Salina St.   # what the photo shows
{extra}---
Snow emergency from 7 PM tonight!!! Details: https://www.syr.gov/snow #SnowEmergency
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "accounts").mkdir()
    (tmp_path / "posts").mkdir()
    (tmp_path / "postlint.yaml").write_text("policy: syracuse\n")
    account = f.official_account().model_dump(mode="json", exclude_none=True)
    (tmp_path / "accounts" / "dpw-x.yaml").write_text(yaml.safe_dump(account, sort_keys=False))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _post(repo: Path, status: str = "draft", extra: str = "", name: str = "p.md") -> Path:
    path = repo / "posts" / name
    path.write_text(DRAFT.format(status=status, extra=extra))
    return path


def _fix(paths: list[Path], *, unsafe: bool = False, write: bool = True) -> postlint.Report:
    from postlint import fixing

    report = lint_paths(paths, today=f.TODAY, plugins=[Plugin()], entry_point_plugins=False)
    fixes = fixing.fix_report(report.violations, unsafe=unsafe)
    if write:
        fixing.write(fixes)
    return lint_paths(paths, today=f.TODAY, plugins=[Plugin()], entry_point_plugins=False)


def _mine(report: postlint.Report) -> list[str]:
    return sorted(v.rule for v in report.active if v.rule in ("shouting", "needs-via", "alt-case"))


def test_safe_fixes_apply_to_a_draft_and_the_rest_is_reported(repo: Path) -> None:
    path = _post(repo)
    left = _fix([repo])
    assert _mine(left) == ["alt-case"]  # unsafe: not applied
    text = path.read_text()
    assert "tonight! Details" in text
    assert text.split("---\n")[1].rstrip().endswith("via: Hootsuite")
    assert "# what the photo shows" in text  # comments survive
    assert load_post(path, str(path), text).via == "Hootsuite"


def test_unsafe_fixes_need_opting_in(repo: Path) -> None:
    path = _post(repo)
    assert _mine(_fix([repo], unsafe=True)) == []
    post = load_post(path, str(path), path.read_text())
    assert post.media[0].alt == "A plow on salina st."
    assert "# what the photo shows" in path.read_text()


def test_published_posts_are_never_rewritten(repo: Path) -> None:
    path = _post(repo, status="published")
    before = path.read_bytes()
    left = _fix([repo], unsafe=True)
    assert path.read_bytes() == before
    assert _mine(left) == ["alt-case", "needs-via", "shouting"]


def test_scheduled_posts_are_fixed(repo: Path) -> None:
    path = _post(repo, status="scheduled", extra="scheduled_at: 2026-11-30T09:00:00-05:00\n")
    assert _mine(_fix([repo])) == ["alt-case"]
    assert "tonight! " in path.read_text()


def test_yaml_post_block_text_is_edited_in_place(repo: Path) -> None:
    path = repo / "posts" / "p.yaml"
    path.write_text(
        "account: dpw-x\nstatus: draft\ntext: |\n  First line!!\n  Second line!!!\nvia: X\n"
    )
    assert _mine(_fix([repo])) == []
    assert path.read_text() == (
        "account: dpw-x\nstatus: draft\ntext: |\n  First line!\n  Second line!\nvia: X\n"
    )


def test_cli_diff_then_fix_with_a_real_rule(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if postlint.Linter(entry_point_plugins=False).rule("media-accessibility") is None:
        pytest.skip("media-accessibility is not in this version")
    path = repo / "posts" / "d.md"
    path.write_text("---\naccount: dpw-x\nstatus: draft\n---\nLeaves go out Monday #leafpickup\n")
    args = ["check", "--today", "2026-11-25", "--no-plugins", "--select", "media-accessibility"]
    before = path.read_bytes()
    assert main([*args, "--diff", str(repo)]) == 1
    captured = capsys.readouterr()
    assert path.read_bytes() == before
    assert "-Leaves go out Monday #leafpickup\n+Leaves go out Monday #LeafPickup" in captured.out
    assert "Would fix 1 finding" in captured.err
    assert main([*args, "--fix", str(repo)]) == 0
    assert path.read_text().endswith("#LeafPickup\n")
    assert main([*args, "--diff", str(repo)]) == 0


def test_file_that_no_longer_parses_is_not_touched(repo: Path) -> None:
    from postlint import fixing

    path = _post(repo)
    report = lint_paths([repo], today=f.TODAY, plugins=[Plugin()], entry_point_plugins=False)
    path.write_text(path.read_text().replace("status: draft", "status: [draft"))
    before = path.read_bytes()
    result = fixing.fix_report(report.violations)
    fixing.write(result)
    assert path.read_bytes() == before
    assert result.files == [] and any("parse" in reason for reason in result.skipped)


def test_write_is_atomic_and_keeps_the_mode(repo: Path) -> None:
    path = _post(repo)
    path.chmod(0o640)
    _fix([repo])
    assert (path.stat().st_mode & 0o777) == 0o640
    assert sorted(p.name for p in path.parent.iterdir()) == ["p.md"]  # no temp files left


def test_a_post_behind_a_link_is_fixed_where_it_is(repo: Path) -> None:
    path = _post(repo)
    real = repo / "drafts-store" / "p.md"
    real.parent.mkdir()
    path.rename(real)
    path.symlink_to(real)
    before = real.read_text(encoding="utf-8")
    _fix([repo])
    assert path.is_symlink()  # the link is kept, and the file it names is fixed
    assert real.read_text(encoding="utf-8") != before


def test_two_posts_in_one_run(repo: Path) -> None:
    a = _post(repo, name="a.md")
    b = _post(repo, name="b.md", status="published")
    _fix([repo])
    assert "tonight! " in a.read_text() and "tonight!!! " in b.read_text()


# Text a YAML string may hold: quotes, colons, hashes, unicode, leading spaces.
_TEXT = st.text(alphabet=st.sampled_from(list("ab !:#'\"-é\\")), min_size=1, max_size=30).filter(
    lambda s: s.strip() == s
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=_TEXT, style=st.sampled_from(["plain", "single", "double"]))
def test_yaml_string_edits_read_back_exactly_or_leave_the_file(
    tmp_path: Path, value: str, style: str
) -> None:
    from postlint import fixing

    dumped = {
        "plain": value,
        "single": "'" + value.replace("'", "''") + "'",
        "double": '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"',
    }[style]
    path = tmp_path / "p.yaml"
    text = f"account: dpw-x\nstatus: draft\ntext: {dumped}\n"
    try:
        original = load_post(path, str(path), text).text
    except Exception:
        return  # not a valid plain scalar: nothing to fix
    path.write_text(text)
    edit = Edit(field="text", start=0, end=len(original), text=original + "!")
    v = Violation(rule="x", severity="error", message="m", target=Target(kind="post", id="p"),
                  path=str(path), fix=Fix(description="d", edits=(edit,)))  # fmt: skip
    result = fixing.fix_report([v])
    fixing.write(result)
    assert result.fixed == 1
    assert load_post(path, str(path), path.read_text()).text == original + "!"


def test_no_fix_leaves_tmp_files_on_failure(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from postlint import fixing

    path = _post(repo)

    def boom(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        fixing.write_atomically(path, "new")
    assert sorted(p.name for p in path.parent.iterdir()) == ["p.md"]


class Skeletons(Rule):
    """Offers fixes that add a block list at the top level and a key in a list item."""

    slug = "skeletons"
    summary = "skeletons"
    scope = ALL
    fixable = True

    def check(self, target: Post, ctx: object) -> Iterator[Violation]:
        if not target.edits:
            log = "- at: 2026-11-25T10:00:00-05:00\n  by: comms-specialist\n  summary: TODO"
            fix = Fix(description="log", edits=(Edit(field="edits", text=log),))
            yield self.violation(target, "no log", field="edits", fix=fix)
        for i, item in enumerate(target.media):
            if item.credit is None:
                edit = Edit(field=f"media[{i}].credit", text="'Photo: City of Syracuse'")
                fix = Fix(description="credit", edits=(edit,))
                yield self.violation(target, "no credit", field=f"media[{i}].credit", fix=fix)


class SkeletonPlugin:
    @postlint.hookimpl
    def postlint_rules(self) -> list[type[Rule]]:
        return [Skeletons]


def test_missing_block_and_nested_fields_are_added(repo: Path) -> None:
    from postlint import fixing

    path = _post(repo)
    report = lint_paths([repo], today=f.TODAY, plugins=[SkeletonPlugin()],
                        entry_point_plugins=False)  # fmt: skip
    result = fixing.fix_report(report.violations)
    fixing.write(result)
    assert result.fixed == 2, result.skipped
    text = path.read_text()
    post = load_post(path, str(path), text)
    assert post.media[0].credit == "Photo: City of Syracuse"
    assert post.edits[0].by == "comms-specialist" and post.edits[0].summary == "TODO"
    assert "    credit: 'Photo: City of Syracuse'\n" in text  # under the list item's keys
    assert "\nedits:\n  - at: 2026-11-25T10:00:00-05:00\n    by: comms-specialist\n" in text
    assert text.endswith("---\n" + DRAFT.split("---\n")[2])  # the body is untouched


def test_new_keys_at_one_place_all_apply_in_order(repo: Path) -> None:
    from postlint import fixing

    path = _post(repo)
    report = lint_paths([repo], today=f.TODAY, plugins=[SkeletonPlugin(), Plugin()],
                        entry_point_plugins=False)  # fmt: skip
    result = fixing.fix_report(report.violations, unsafe=True)
    assert result.skipped == {} and result.fixed == 5
    fixing.write(result)
    front = path.read_text().split("---\n")[1]
    # The nested key first, then the new top-level keys in the order of the findings.
    assert front.index("    credit:") < front.index("\nvia: Hootsuite") < front.index("\nedits:")


class Sign(Rule):
    """Two fixes that append at the same place: the second waits for a second pass."""

    slug = "sign"
    summary = "unsigned"
    scope = ALL
    fixable = True

    def check(self, target: Post, ctx: object) -> Iterator[Violation]:
        end = len(target.text)
        for word in ("DPW", "311"):
            if word not in target.text:
                fix = Fix(description=f"sign {word}",
                          edits=(Edit(field="text", start=end, end=end, text=f" {word}"),))  # fmt: skip
                yield self.violation(target, f"no {word}", field="text", fix=fix)


class SignPlugin:
    @postlint.hookimpl
    def postlint_rules(self) -> list[type[Rule]]:
        return [Sign]


def test_cli_fix_runs_again_for_fixes_that_overlapped(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import functools

    import postlint.api

    path = _post(repo)
    with_plugin = functools.partial(postlint.api.lint_paths, plugins=[SignPlugin()])
    monkeypatch.setattr(postlint.api, "lint_paths", with_plugin)
    args = ["check", "--today", "2026-11-25", "--no-plugins", "--select", "sign", str(repo)]
    assert main([*args, "--fix"]) == 0
    err = capsys.readouterr().err
    assert "Fixed 1 finding(s) in 1 file(s); not fixed: 1 overlapping" in err
    assert path.read_text().rstrip().endswith("#SnowEmergency 311 DPW")  # in finding order
