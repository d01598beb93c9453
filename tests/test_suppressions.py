"""Suppressions: in the record, in comments, by configuration; and their governance."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import factories as f
from postlint import Violation
from postlint.api import lint_paths

ACCOUNT_FILE = """\
id: dpw-x
kind: official
platform: x
handle: "@SyracuseDPW"
department: Public Works
bio: Official account of the City of Syracuse Department of Public Works.
url: https://www.syr.gov/Departments/DPW
approved_by: comms-director
approved_at: 2024-03-01
enablement:
  risk_assessment: 2024-02-12
  commissioner_approval: {by: DPW Commissioner, at: 2024-02-20}
  notified: {officer: Chief Information Officer, at: 2024-02-21}
admins: [comms-director, dpw-liaison]
scheduler: Hootsuite
security:
  mfa: true
  login_gateway: Hootsuite
  recovery_account: {handle: dpw-recovery, privileged: false}
moderation: {screening: true, tool: Hootsuite}
backups: {last: 2026-11-22}
archiving: {enabled: true, provider: ArchiveSocial}
"""

TERMS = """\
terms_of_participation: |
  We welcome comments on City topics; we do not allow threats, harassment or spam.
  Moderation: staff review comments and may hide or remove those that break these terms.
  Consequences: users who repeatedly violate these terms may be blocked.
  Questions about this policy: Office of Communications, communications@syr.gov.
"""

POST = """\
---
account: dpw-x
author: dpw-liaison
status: published
via: Hootsuite
approved_by: comms-specialist
approved_at: 2026-11-20T06:40:00-05:00
published_at: 2026-11-20T07:00:00-05:00
{extra}---
Snow emergency from 7 PM tonight. Details: https://www.syr.gov/snow #SnowEmergency
"""


def _by(found: list[Violation], rule: str) -> list[Violation]:
    return [v for v in found if v.rule == rule]


# ------------------------------------------------------------------ in the record


def test_record_suppression_with_reason_silences_and_is_counted() -> None:
    post = f.post(
        url=None, suppress=[{"rule": "incomplete-record", "reason": "URL pending from X"}]
    )
    found = f.linter().check(post)
    [hit] = _by(found, "incomplete-record")
    assert hit.suppressed and hit.suppression_reason == "URL pending from X"
    assert _by(found, "unused-suppression") == []


def test_suppression_without_reason_silences_nothing_and_is_invalid() -> None:
    post = f.post(url=None, suppress=[{"rule": "incomplete-record"}])
    found = f.linter().check(post)
    assert not _by(found, "incomplete-record")[0].suppressed
    [bad] = _by(found, "invalid-suppression")
    assert bad.severity == "error" and bad.clauses == ()
    assert "no reason" in bad.message


def test_unknown_slug_is_invalid_with_a_suggestion() -> None:
    post = f.post(suppress=[{"rule": "incomplete-recrod", "reason": "typo"}])
    [bad] = _by(f.linter().check(post), "invalid-suppression")
    assert "'incomplete-record'" in bad.message


def test_reserved_slug_cannot_be_suppressed() -> None:
    post = f.post(suppress=[{"rule": "internal-error", "reason": "noise"}])
    [bad] = _by(f.linter().check(post), "invalid-suppression")
    assert "cannot be suppressed" in bad.message


@pytest.mark.parametrize(
    ("expires", "silenced"),
    [(f.TODAY, True), (f.TODAY + dt.timedelta(days=30), True), (f.TODAY - dt.timedelta(1), False)],
)
def test_expiry_is_the_last_valid_day(expires: dt.date, silenced: bool) -> None:
    suppress = [{"rule": "incomplete-record", "reason": "pending", "expires": expires}]
    found = f.linter().check(f.post(url=None, suppress=suppress))
    assert _by(found, "incomplete-record")[0].suppressed is silenced
    assert bool(_by(found, "invalid-suppression")) is not silenced


def test_suppression_that_silences_nothing_is_unused_warning() -> None:
    post = f.post(suppress=[{"rule": "incomplete-record", "reason": "old"}])
    [unused] = _by(f.linter().check(post), "unused-suppression")
    assert unused.severity == "warning" and unused.clauses == ()


def test_unused_is_not_reported_for_a_rule_that_did_not_run() -> None:
    post = f.post(suppress=[{"rule": "incomplete-record", "reason": "old"}])
    assert f.linter(ignore=["incomplete-record"]).check(post) == []


def test_config_can_turn_off_unused_suppression_reports() -> None:
    post = f.post(suppress=[{"rule": "incomplete-record", "reason": "old"}])
    assert f.linter({"ignore": ["unused-suppression"]}).check(post) == []


def test_suppression_does_not_reach_other_records() -> None:
    linter = f.linter()
    noisy = f.post(id="p2", url=None)
    linter.check(f.post(url=None, suppress=[{"rule": "incomplete-record", "reason": "r"}]))
    assert not linter.check(noisy)[0].suppressed


# ------------------------------------------------------------------ on disk


def _repo(tmp_path: Path, post_extra: str = "", account_extra: str = "") -> Path:
    (tmp_path / "accounts").mkdir()
    (tmp_path / "posts").mkdir()
    (tmp_path / "postlint.yaml").write_text("policy: syracuse\n")
    (tmp_path / "accounts" / "dpw-x.yaml").write_text(ACCOUNT_FILE + account_extra)
    (tmp_path / "posts" / "p.md").write_text(POST.format(extra=post_extra))
    return tmp_path


def _lint(root: Path, today: dt.date = f.TODAY) -> list[Violation]:
    return lint_paths([root], today=today, entry_point_plugins=False).violations


def test_front_matter_suppression_points_invalid_at_its_line(tmp_path: Path) -> None:
    extra = "suppress:\n  - rule: incomplete-record\n    expires: 2026-01-01\n"
    found = _lint(_repo(tmp_path, post_extra=extra))
    [bad] = _by(found, "invalid-suppression")
    assert bad.path is not None and bad.path.endswith("p.md")
    assert bad.line == 10  # the `- rule:` item under `suppress:`


def test_trailing_comment_silences_its_line(tmp_path: Path) -> None:
    extra = 'terms_of_participation: hi  # postlint: disable=terms-of-participation reason="x"\n'
    found = _lint(_repo(tmp_path, account_extra=extra))
    [hit] = _by(found, "terms-of-participation")
    assert hit.suppressed and hit.suppression_reason == "x"


def test_comment_above_silences_the_next_content_line(tmp_path: Path) -> None:
    extra = (
        "# postlint: disable=terms-of-participation reason='statement under legal review'\n"
        "# (another comment)\n\nterms_of_participation: hi\n"
    )
    found = _lint(_repo(tmp_path, account_extra=extra))
    assert _by(found, "terms-of-participation")[0].suppressed
    assert _by(found, "unused-suppression") == []


def test_line_comment_does_not_reach_other_lines(tmp_path: Path) -> None:
    extra = "terms_of_participation: hi\n# postlint: disable=terms-of-participation reason=x\n"
    found = _lint(_repo(tmp_path, account_extra=extra))
    assert not _by(found, "terms-of-participation")[0].suppressed
    assert len(_by(found, "unused-suppression")) == 1


def test_file_comment_silences_the_whole_file(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    account = root / "accounts" / "dpw-x.yaml"
    text = "# postlint: disable-file=terms-of-participation reason=pending expires=2026-12-31\n"
    account.write_text(text + account.read_text())
    found = _lint(root)
    [hit] = _by(found, "terms-of-participation")
    assert hit.suppressed and hit.suppression_reason == "pending"
    found = _lint(root, today=dt.date(2027, 1, 1))
    assert not _by(found, "terms-of-participation")[0].suppressed
    [bad] = _by(found, "invalid-suppression")
    assert (bad.line, bad.column) == (1, 1) and "expired on 2026-12-31" in bad.message


@pytest.mark.parametrize(
    ("comment", "says"),
    [
        ("# postlint: disable=terms-of-participation", "no reason"),
        ("# postlint: disabel=terms-of-participation reason=x", "needs disable="),
        ("# postlint: disable=terms-of-participation reason=x until=2027-01-01", "'until'"),
        ("# postlint: disable=terms-of-participation reason=x expires=soon", "not a date"),
    ],
)
def test_malformed_comments_are_invalid(tmp_path: Path, comment: str, says: str) -> None:
    found = _lint(_repo(tmp_path, account_extra=f"{comment}\nterms_of_participation: hi\n"))
    [bad] = _by(found, "invalid-suppression")
    assert says in bad.message
    assert not _by(found, "terms-of-participation")[0].suppressed


def test_comment_lookalike_inside_a_value_is_text(tmp_path: Path) -> None:
    extra = (
        "terms_of_participation: |\n  Be kind.\n"
        "  # postlint: disable=terms-of-participation reason=x\n"
        "# postlint: disable=account-identity reason='old campaign handle'\n"
        "name: 'Call us # postlint: disable=no-scheduler reason=y'\n"
    )
    found = _lint(_repo(tmp_path, account_extra=extra))
    assert not _by(found, "terms-of-participation")[0].suppressed
    # Only the real comment counts (and it silences nothing on `name`).
    [unused] = _by(found, "unused-suppression")
    assert "'account-identity'" in unused.message and unused.line == 26
    assert _by(found, "invalid-suppression") == []


def test_comment_in_markdown_body_is_post_text_not_a_suppression(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    post = root / "posts" / "p.md"
    post.write_text(post.read_text() + "# postlint: disable=incomplete-record reason=x\n")
    assert _by(_lint(root), "invalid-suppression") == []
    assert _by(_lint(root), "unused-suppression") == []


def test_suppressed_findings_are_counted_in_the_summary(tmp_path: Path) -> None:
    extra = 'terms_of_participation: hi  # postlint: disable=terms-of-participation reason="x"\n'
    report = lint_paths([_repo(tmp_path, account_extra=extra)], today=f.TODAY,
                        entry_point_plugins=False)  # fmt: skip
    summary = report.summary()
    assert summary["suppressed"] == 1 and summary["violations"] == len(report.active)
    assert report.exit_code == 0 or "terms-of-participation" not in summary["by_rule"]


# ------------------------------------------------------------------ by configuration


@pytest.mark.parametrize(
    ("glob", "silenced"),
    [("posts/*.md", True), ("p.md", True), ("*.md", True), ("accounts/*", False)],
)
def test_per_path_ignores_count_as_suppressed(tmp_path: Path, glob: str, silenced: bool) -> None:
    root = _repo(tmp_path)
    (root / "postlint.yaml").write_text(f'per_path_ignores:\n  "{glob}": [incomplete-record]\n')
    [hit] = _by(_lint(root), "incomplete-record")
    assert hit.suppressed is silenced
    if silenced:
        assert hit.suppression_reason is not None and glob in hit.suppression_reason


def test_per_path_ignores_with_unknown_slug_is_a_config_error(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    (root / "postlint.yaml").write_text('per_path_ignores:\n  "*.md": [incomplete-recrod]\n')
    [err] = [v for v in _by(_lint(root), "config-error") if "incomplete-recrod" in v.message]
    assert "did you mean 'incomplete-record'" in err.message


# ------------------------------------------------------------------ properties

_SUPPRESSION = st.fixed_dictionaries(
    {"rule": st.sampled_from(["incomplete-record", "unapproved-post", "no-such-rule"])},
    optional={
        "reason": st.sampled_from(["", "pending", "  "]),
        "expires": st.dates(dt.date(2026, 11, 1), dt.date(2026, 12, 31)),
    },
)


def _valid(s: dict[str, object]) -> bool:
    expires = s.get("expires")
    in_time = not isinstance(expires, dt.date) or expires >= f.TODAY
    return bool(str(s.get("reason", "")).strip()) and in_time


@settings(max_examples=80, deadline=None)
@given(suppress=st.lists(_SUPPRESSION, max_size=4))
def test_suppressions_mark_findings_but_never_drop_or_invent_them(
    suppress: list[dict[str, object]],
) -> None:
    linter = f.linter()
    bare = f.post(url=None, approved_by=None)
    plain = linter.check(bare)
    marked = linter.check(f.post(url=None, approved_by=None, suppress=suppress))
    policy = [v for v in marked if v.rule not in ("invalid-suppression", "unused-suppression")]
    assert sorted((v.rule, v.field) for v in policy) == sorted((v.rule, v.field) for v in plain)
    for v in policy:
        if v.suppressed:  # only by a valid suppression of its own rule
            assert any(s["rule"] == v.rule and _valid(s) for s in suppress)
    governance = len(marked) - len(policy)
    assert governance <= len(suppress)
