"""A broken plugin costs its own findings only: it is reported, the run goes on.

Plugins are registered in-process (``Linter(plugins=[obj])``); an import failure is
simulated with a fake entry point. Each failure is an ``internal-error`` naming the
plugin or the rule; the built-in rules' findings are unchanged; a run exits 2.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from factories import linter, post
from postlint import plugins as plugins_module
from postlint.api import lint_paths
from postlint.context import LintContext
from postlint.plugins import hookimpl
from postlint.rule import Rule
from postlint.violation import Violation
from test_bad_input import make_repo


class Plugin:
    """A plugin object providing the given rules."""

    def __init__(self, *rules: Any, name: str = "broken-plugin") -> None:
        self.rules = list(rules)
        self.__name__ = name

    @hookimpl
    def postlint_rules(self) -> list[Any]:
        return self.rules


def _rule(slug: str, check: Any) -> type[Rule]:
    return type(
        slug.title().replace("-", ""),
        (Rule,),
        {"slug": slug, "summary": f"test rule {slug}", "check": check},
    )


def _raises(self: Rule, target: Any, ctx: LintContext) -> Iterator[Violation]:
    yield self.violation(target, "first finding", field="text")
    raise RuntimeError("boom")


def _hangs(self: Rule, target: Any, ctx: LintContext) -> Iterator[Violation]:
    while True:  # a rule stuck in a loop, even one that swallows exceptions
        with contextlib.suppress(Exception):
            time.sleep(0.01)
    yield


def _exits(self: Rule, target: Any, ctx: LintContext) -> Iterator[Violation]:
    raise SystemExit(3)
    yield


def _garbage_item(self: Rule, target: Any, ctx: LintContext) -> Iterator[Any]:
    yield "not a violation"


def _bad_span(self: Rule, target: Any, ctx: LintContext) -> Iterator[Violation]:
    yield self.violation(target, "span far past the end", field="text", span=(3, 10_000))


def _not_iterable(self: Rule, target: Any, ctx: LintContext) -> Any:
    return 42


def _builtin_findings(**kwargs: Any) -> list[Violation]:
    return [v for v in linter(**kwargs).check(post(url=None)) if v.rule == "incomplete-record"]


def _split(found: list[Violation]) -> tuple[list[Violation], list[Violation]]:
    internal = [v for v in found if v.rule == "internal-error"]
    return internal, [v for v in found if v.rule == "incomplete-record"]


CHECK_FAILURES = [
    ("raises-in-check", _raises, "RuntimeError"),
    ("exits-in-check", _exits, "SystemExit"),
    ("yields-garbage", _garbage_item, "AttributeError"),
    ("bad-span", _bad_span, "outside its field"),
    ("not-iterable", _not_iterable, "TypeError"),
]


@pytest.mark.parametrize(("slug", "check", "fragment"), CHECK_FAILURES,
                         ids=[c[0] for c in CHECK_FAILURES])  # fmt: skip
def test_rule_failure_is_an_internal_error_naming_the_rule(
    slug: str, check: Any, fragment: str
) -> None:
    expected = _builtin_findings()
    found = linter(plugins=[Plugin(_rule(slug, check))]).check(post(url=None))
    internal, builtin = _split(found)
    assert len(internal) == 1
    assert repr(slug) in internal[0].message and fragment in internal[0].message
    assert builtin == expected


def test_rule_that_hangs_is_stopped_at_the_bound() -> None:
    expected = _builtin_findings()
    started = time.monotonic()
    found = linter({"rule_timeout": 0.5}, plugins=[Plugin(_rule("hangs", _hangs))]).check(
        post(url=None)
    )
    assert time.monotonic() - started < 5
    internal, builtin = _split(found)
    assert len(internal) == 1 and "'hangs' was stopped" in internal[0].message
    assert "longer than 0.5 s" in internal[0].message
    assert builtin == expected


def test_hanging_rule_in_a_run_names_the_file_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo(tmp_path / "repo")
    with (repo / "postlint.yaml").open("a") as config:
        config.write("rule_timeout: 0.3\n")
    monkeypatch.chdir(repo)
    started = time.monotonic()
    report = lint_paths(
        ["."],
        plugins=[Plugin(_rule("hangs", _hangs))],
        entry_point_plugins=False,
        select=["hangs", "incomplete-record"],
    )
    assert time.monotonic() - started < 10
    stopped = [v for v in report.violations if v.rule == "internal-error"]
    assert {v.path for v in stopped} == {"posts/good.md", "posts/flagged.md"}
    assert all("'hangs'" in v.message for v in stopped)
    assert any(v.rule == "incomplete-record" for v in report.violations)
    assert report.exit_code == 2


def test_slow_rule_outside_a_timer_is_reported_not_stopped() -> None:
    def slow(self: Rule, target: Any, ctx: LintContext) -> Iterator[Violation]:
        time.sleep(0.3)
        yield from ()

    lint = linter({"rule_timeout": 0.1}, plugins=[Plugin(_rule("slow", slow))])
    found = lint.check_post(post())  # not under watching(): measured afterwards
    assert [v.rule for v in found] == ["internal-error"]
    assert "'slow' took longer than 0.1 s" in found[0].message
    assert "not stopped" in found[0].message


@pytest.mark.parametrize(
    ("provided", "fragment"),
    [
        (RuntimeError("no rules today"), "postlint_rules raised RuntimeError"),
        (42, "postlint_rules raised TypeError"),
        (["a string", object(), None], "is not a postlint Rule"),
        ([_rule("Not Kebab", _raises)], "not kebab-case"),
        ([_rule("input-error", _raises)], "reserved"),
        ([_rule("incomplete-record", _raises)], "already provided by postlint.rules"),
    ],
    ids=["raises", "not-a-list", "non-rules", "bad-slug", "reserved-slug", "duplicate-builtin"],
)
def test_unusable_plugin_is_an_internal_error_naming_it(provided: Any, fragment: str) -> None:
    class Odd:
        __name__ = "odd-plugin"

        @hookimpl
        def postlint_rules(self) -> Any:
            if isinstance(provided, BaseException):
                raise provided
            return provided

    expected = _builtin_findings()
    found = linter(plugins=[Odd()]).check(post(url=None))
    internal, builtin = _split(found)
    assert internal and all("odd-plugin" in v.message for v in internal)
    assert any(fragment in v.message for v in internal)
    assert builtin == expected


class _FakeEntryPoint:
    def __init__(self, name: str, error: BaseException) -> None:
        self.name = name
        self.value = f"{name}_pkg:plugin"
        self.error = error

    def load(self) -> Any:
        raise self.error


@pytest.mark.parametrize(
    "error", [ImportError("no module named x"), SyntaxError("bad"), SystemExit(1)]
)
def test_plugin_that_fails_to_import_is_reported(
    monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    monkeypatch.setattr(
        plugins_module, "entry_points", lambda group: [_FakeEntryPoint("dept-rules", error)]
    )
    expected = _builtin_findings()
    found = linter(entry_point_plugins=True).check(post(url=None))
    internal, builtin = _split(found)
    assert len(internal) == 1
    assert "dept-rules" in internal[0].message and "failed to load" in internal[0].message
    assert builtin == expected


def test_broken_plugin_makes_a_run_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path / "repo")
    monkeypatch.chdir(repo)
    report = lint_paths(
        ["."],
        plugins=[Plugin(_rule("raises-in-check", _raises))],
        entry_point_plugins=False,
        select=["raises-in-check", "incomplete-record"],
    )
    assert report.exit_code == 2
    assert any(v.rule == "incomplete-record" for v in report.violations)


def test_a_post_and_its_file_share_one_time_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def slow(self: Rule, target: Any, ctx: LintContext) -> Iterator[Violation]:
        deadline = time.monotonic() + 0.4
        while time.monotonic() < deadline:  # busy: a sleep would not show the budget
            pass
        yield from ()

    slow_post = _rule("slow-post", slow)
    slow_file = type("SlowFile", (slow_post,), {"slug": "slow-file", "target": "file"})
    repo = make_repo(tmp_path / "repo")
    with (repo / "postlint.yaml").open("a") as config:
        config.write("rule_timeout: 0.6\n")
    (repo / "posts" / "flagged.md").unlink()
    monkeypatch.chdir(repo)
    started = time.monotonic()
    report = lint_paths(
        ["posts/good.md"],
        plugins=[Plugin(slow_post, slow_file)],
        entry_point_plugins=False,
        select=["slow-post", "slow-file"],
    )
    assert time.monotonic() - started < 5  # generous: the machine may be busy
    stopped = [v for v in report.violations if v.rule == "internal-error"]
    assert len(stopped) == 1 and "'slow-file' was stopped" in stopped[0].message
    assert "on this file" in stopped[0].message and stopped[0].path == "posts/good.md"


@pytest.mark.parametrize("span", [(3, 10_000), (-5, 2), (7, 3)])
def test_finding_with_a_bad_span_keeps_its_field_without_the_span(span: tuple[int, int]) -> None:
    def bad(self: Rule, target: Any, ctx: LintContext) -> Iterator[Violation]:
        yield self.violation(target, "bad span", field="text", span=span)

    found = linter(plugins=[Plugin(_rule("bad-span", bad))]).check(post())
    kept = [v for v in found if v.rule == "bad-span"]
    assert len(kept) == 1 and kept[0].span is None and kept[0].field == "text"
    assert [v.rule for v in found if v.rule == "internal-error"] == ["internal-error"]
