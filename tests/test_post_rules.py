"""Post rules of SMP-2, SMP-4a, SMP-8, SMP-10 and SMP-12d: who posts, approval, apps, edits."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import textwrap
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import factories as f
from postlint.api import lint_paths
from postlint.violation import Violation

ET = f.ET
MY_RULES = [
    "copyright-credit",
    "media-accessibility",
    "unauthorized-author",
    "untrained-author",
    "unapproved-post",
    "unscheduled-post",
    "unlogged-edit",
]


def people(*changes: tuple[str, dict[str, Any]]) -> Any:
    """The standard roster with some people's fields changed."""
    data = f.roster().model_dump(mode="json")
    for person_id, fields in changes:
        person = next(p for p in data["people"] if p["id"] == person_id)
        person.update(fields)
    return f.roster(people=data["people"])


def check(rule: str, roster: Any = None, config: Any = None, **post_fields: Any) -> list[Violation]:
    linter = f.linter(config, select=[rule], roster=roster or f.roster())
    return linter.check(f.post(**post_fields))


def at(day: int, hour: int = 7, month: int = 11) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, 0, tzinfo=ET)


def test_clean_post_passes_every_rule_of_this_file() -> None:
    assert f.linter(select=MY_RULES).check(f.post()) == []


def test_personal_account_posts_are_not_judged_by_these_rules() -> None:
    bad = f.post(
        account="dpw-liaison-personal", author="nobody", via="Twitter for iPhone",
        approved_by=None, approved_at=None, edited_at=at(21),
        media=[{"url": "https://example.org/a.jpg", "source": "third-party"}],
        text="Shoveling again #snowdayagain",
    )  # fmt: skip
    assert f.linter(select=MY_RULES).check(bad) == []
    official = bad.model_copy(update={"account": "dpw-x"})
    assert set(f.slugs(f.linter(select=MY_RULES).check(official))) == set(MY_RULES)


def test_missing_roster_is_one_configuration_finding_for_every_roster_rule() -> None:
    linter = f.linter(select=MY_RULES, roster=None)
    post = f.post(edits=[{"at": at(20, 8).isoformat(), "by": "x", "summary": "typo"}])
    found = linter.check(post)
    assert f.slugs(found) == ["config-error"]
    assert "roster" in found[0].message and "unauthorized-author" in found[0].message
    assert linter.check(post) == []  # reported once per run


# ----------------------------------------------------------------- unauthorized-author


def test_author_not_on_roster_is_not_on_record() -> None:
    [v] = check("unauthorized-author", author="ghost-writer")
    assert "'ghost-writer' is not on record" in v.message
    assert v.field == "author" and v.clauses == ("SMP-2",) and v.severity == "error"


def test_post_without_author() -> None:
    [v] = check("unauthorized-author", author=None)
    assert "names no `author`" in v.message and v.field == "author"


def test_author_outside_communications_and_not_authorized() -> None:
    [v] = check("unauthorized-author", author="parks-intern")
    assert "'parks-intern' (Parks Seasonal Intern)" in v.message
    assert "not authorized" in v.message and "2026-11-20" in v.message


def test_communications_member_needs_no_separate_authorization() -> None:
    roster = people(
        ("comms-specialist", {"authorized": False, "department": "Office of Communications"})
    )
    assert check("unauthorized-author", roster=roster, author="comms-specialist") == []


def test_authorization_expired_before_publication_names_the_date() -> None:
    roster = people(("dpw-liaison", {"authorized_until": "2026-11-19"}))
    [v] = check("unauthorized-author", roster=roster)
    assert "until 2026-11-19" in v.message and "publication day 2026-11-20" in v.message


def test_authorization_last_day_is_still_valid_in_the_city_timezone() -> None:
    roster = people(("dpw-liaison", {"authorized_until": "2026-11-20"}))
    # 01:30 UTC on the 21st is 20:30 on the 20th in Syracuse: the last valid day.
    late = dt.datetime(2026, 11, 21, 1, 30, tzinfo=dt.UTC)
    assert check("unauthorized-author", roster=roster, published_at=late) == []
    next_day = dt.datetime(2026, 11, 21, 5, 30, tzinfo=dt.UTC)
    assert check("unauthorized-author", roster=roster, published_at=next_day) != []


def test_authorization_valid_at_publication_but_expired_today_is_no_finding() -> None:
    roster = people(("dpw-liaison", {"authorized_until": "2026-11-22"}))
    assert check("unauthorized-author", roster=roster) == []  # published 11-20, today 11-25


def test_scheduled_post_is_judged_on_its_scheduled_day() -> None:
    roster = people(("dpw-liaison", {"authorized_until": "2026-11-30"}))
    fields = {"status": "scheduled", "published_at": None, "url": None, "approved_at": at(24)}
    assert check("unauthorized-author", roster=roster, scheduled_at=at(30), **fields) == []
    [v] = check("unauthorized-author", roster=roster, scheduled_at=at(1, month=12), **fields)
    assert "scheduled day 2026-12-01" in v.message


def test_draft_is_judged_today() -> None:
    roster = people(("dpw-liaison", {"authorized_until": "2026-11-22"}))
    [v] = check("unauthorized-author", roster=roster, status="draft", published_at=None, url=None)
    assert "today 2026-11-25" in v.message


# ----------------------------------------------------------------- untrained-author


def test_no_training_on_record() -> None:
    roster = people(("dpw-liaison", {"training": None}))
    [v] = check("untrained-author", roster=roster)
    assert "no completed Social Media training" in v.message
    assert v.field == "author" and v.clauses == ("SMP-10",)


def test_author_not_on_roster_has_no_training_on_record() -> None:
    [v] = check("untrained-author", author="ghost-writer")
    assert "not on the roster" in v.message


@pytest.mark.parametrize(
    ("completed", "untrained"),
    [("2025-11-20", False), ("2025-11-19", True), ("2026-11-20", False), ("2026-11-21", True)],
)
def test_training_is_judged_at_publication(completed: str, untrained: bool) -> None:
    roster = people(("dpw-liaison", {"training": {"completed": completed}}))
    found = check("untrained-author", roster=roster)  # published 2026-11-20
    assert bool(found) is untrained
    if untrained:
        assert completed in found[0].message


def test_training_valid_at_publication_but_stale_today_is_no_finding() -> None:
    roster = people(("dpw-liaison", {"training": {"completed": "2025-11-22"}}))
    assert check("untrained-author", roster=roster) == []  # 363 days at publication
    draft = {"status": "draft", "published_at": None, "url": None}
    assert check("untrained-author", roster=roster, **draft) != []  # 368 days today


def test_training_validity_is_configurable() -> None:
    [v] = check("untrained-author", config={"city": {"training_valid_days": 30}})
    assert "valid for 30 days" in v.message


# ----------------------------------------------------------------- unapproved-post


@pytest.mark.parametrize("status", ["published", "scheduled"])
def test_post_without_approval(status: str) -> None:
    [v] = check("unapproved-post", status=status, scheduled_at=at(20), approved_by=None)
    assert "no approval on record" in v.message and v.field == "approved_by"
    assert v.clauses == ("SMP-8",)


def test_drafts_need_no_approval_yet() -> None:
    assert check("unapproved-post", status="draft", approved_by=None, approved_at=None) == []


def test_approved_only_by_its_own_author() -> None:
    [v] = check("unapproved-post", approved_by="dpw-liaison")
    assert "its own author 'dpw-liaison'" in v.message


def test_approver_not_on_record() -> None:
    [v] = check("unapproved-post", approved_by="ghost-editor")
    assert "'ghost-editor' is not on record" in v.message


def test_approver_not_authorized() -> None:
    [v] = check("unapproved-post", approved_by="parks-intern")
    assert "'parks-intern'" in v.message and "not authorized" in v.message


def test_approver_authorization_expired_on_the_approval_day() -> None:
    roster = people(("dpw-liaison", {"authorized_until": "2026-11-19"}))
    [v] = check("unapproved-post", roster=roster, author="comms-specialist",
                approved_by="dpw-liaison")  # fmt: skip
    assert "until 2026-11-19" in v.message and "approval day 2026-11-20" in v.message


def test_approval_after_publication() -> None:
    [v] = check("unapproved-post", approved_at=at(20, 9))
    assert v.field == "approved_at" and "after the post was published" in v.message
    assert check("unapproved-post", approved_at=at(20, 7)) == []  # the same minute


def test_approval_after_the_scheduled_time() -> None:
    fields = {"status": "scheduled", "published_at": None, "url": None}
    [v] = check("unapproved-post", scheduled_at=at(28, 9), approved_at=at(28, 10), **fields)
    assert "after the post was scheduled" in v.message


# ----------------------------------------------------------------- unscheduled-post


def test_published_post_without_via() -> None:
    [v] = check("unscheduled-post", via=None)
    assert v.field == "via" and v.severity == "warning" and "Hootsuite" in v.message


@pytest.mark.parametrize(
    "via", ["Twitter for iPhone", "Twitter Web Client", "Facebook for iPhone", "TweetDeck"]
)
def test_native_app_is_named_as_such(via: str) -> None:
    [v] = check("unscheduled-post", via=via)
    assert f"{via!r}, a native platform app or web client" in v.message


def test_known_scheduler_that_the_city_has_not_approved() -> None:
    [v] = check("unscheduled-post", via="Buffer")
    assert "scheduling application the City has not approved" in v.message
    assert check("unscheduled-post", config={"city": {"scheduling_apps": ["Buffer"]}},
                 via="Buffer") == []  # fmt: skip


@pytest.mark.parametrize(
    "via", ["Hootsuite", "hootsuite", "Hootsuite Inc.", "HOOTSUITE, INC", "Sprout Social",
            "SproutSocial", "Sprout Social, Inc.", "Hootsuite Publisher"],
)  # fmt: skip
def test_approved_app_variants_pass(via: str) -> None:
    assert check("unscheduled-post", via=via) == []


@pytest.mark.parametrize("via", ["Hootsuiteish", "Sprout", "My Own Script"])
def test_other_names_are_not_approved_and_not_quoted(via: str) -> None:
    [v] = check("unscheduled-post", via=via)
    assert "not an approved scheduling application" in v.message
    assert repr(via) not in v.message  # free text may hold anything


def test_only_published_posts_are_judged_for_the_app() -> None:
    draft = {"status": "scheduled", "scheduled_at": at(28), "published_at": None, "url": None}
    assert check("unscheduled-post", via="Twitter for iPhone", **draft) == []


def test_every_app_real_government_accounts_post_with_is_known(shared_dir: Path) -> None:
    accounts = json.loads((shared_dir / "corpora/gov-accounts.json").read_text("utf-8"))
    sources = {a["last_status"]["source"] for a in accounts if a.get("last_status")}
    sources.discard(None)
    linter = f.linter(select=["unscheduled-post"])
    unknown = [
        s for s in sorted(sources)
        if any("not an approved" in v.message for v in linter.check(f.post(via=s)))
    ]  # fmt: skip
    assert unknown == []
    assert len(sources) > 20


# ----------------------------------------------------------------- unlogged-edit


def log(**fields: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {"at": at(20, 8), "by": "comms-specialist", "summary": "Typo"}
    entry.update(fields)
    return entry


def test_change_after_publication_without_a_log_entry() -> None:
    [v] = check("unlogged-edit", edited_at=at(20, 8))
    assert v.field == "edited_at" and v.clauses == ("SMP-12d",)
    assert "`at`" in v.message and "`by`" in v.message and "`summary`" in v.message
    assert v.fix is None  # a published record is never rewritten by a fix


def test_logged_change_passes() -> None:
    assert check("unlogged-edit", edited_at=at(20, 8), edits=[log()]) == []


def test_naive_log_time_is_read_in_the_city_timezone() -> None:
    entry = log(at=dt.datetime(2026, 11, 20, 8, 0))
    assert check("unlogged-edit", edited_at=at(20, 8), edits=[entry]) == []


def test_log_entry_older_than_the_change_does_not_cover_it() -> None:
    [v] = check("unlogged-edit", edited_at=at(20, 9), edits=[log()])
    assert v.field == "edited_at"


def test_incomplete_log_entry_names_what_is_missing() -> None:
    [v] = check("unlogged-edit", edits=[log(by=None, summary="  ")])
    assert v.field == "edits[0]"
    assert "`by` (who)" in v.message and "`summary` (what changed)" in v.message


def test_log_entry_by_someone_not_on_record() -> None:
    [v] = check("unlogged-edit", edits=[log(by="ghost-editor")])
    assert v.field == "edits[0].by" and "'ghost-editor'" in v.message


def test_change_before_publication_and_drafts_are_not_judged() -> None:
    assert check("unlogged-edit", edited_at=at(20, 6)) == []
    draft = {"status": "draft", "published_at": None, "url": None}
    assert check("unlogged-edit", edited_at=at(21), **draft) == []


# ----------------------------------------------------------------- copyright-credit


def third_party(**fields: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"url": "https://example.org/stock/sunset.jpg", "alt": "A sunset",
                            "source": "third-party"}  # fmt: skip
    item.update(fields)
    return item


def test_third_party_media_without_credit_or_license() -> None:
    [v] = check("copyright-credit", media=[third_party()])
    assert v.field == "media[0].credit" and v.severity == "warning"
    assert "image 1 of `media`" in v.message


@pytest.mark.parametrize(
    "fields", [{"credit": "Photo by Jane Doe, used with permission"}, {"license": "CC BY 4.0"}]
)
def test_credit_or_license_is_enough(fields: dict[str, Any]) -> None:
    assert check("copyright-credit", media=[third_party(**fields)]) == []


def test_blank_credit_is_no_credit_and_city_media_needs_none() -> None:
    assert check("copyright-credit", media=[third_party(credit="  ")]) != []
    assert check("copyright-credit", media=[third_party(source="city")]) == []


# ----------------------------------------------------------------- file positions


def dump(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "postlint.yaml").write_text("policy: syracuse\nroster: people.yaml\n")
    dump(tmp_path / "people.yaml", f.roster().model_dump(mode="json", exclude_none=True))
    account = f.official_account().model_dump(mode="json", exclude_none=True)
    dump(tmp_path / "accounts/dpw-x.yaml", account)
    return tmp_path


def positions(root: Path, today: dt.date = f.TODAY) -> set[tuple[str, str, int | None]]:
    report = lint_paths([root], today=today, select=MY_RULES, entry_point_plugins=False)
    return {(v.rule, Path(v.path or "").name, v.line) for v in report.violations}


def test_findings_point_at_their_lines(repo: Path) -> None:
    text = textwrap.dedent(
        """\
        ---
        account: dpw-x
        author: parks-intern
        status: published
        via: Twitter for iPhone
        published_at: 2026-11-21T16:05:00-05:00
        url: https://facebook.com/p/1
        edited_at: 2026-11-22T09:00:00-05:00
        edits:
          - at: 2026-11-22T09:00:00-05:00
            by: ghost-editor
        media:
          - url: https://example.org/stock/park.jpg
            source: third-party
            alt: IMG_4021.jpg
        ---
        Draft parks budget. #parksbudget2027
        """
    )
    (repo / "posts").mkdir()
    (repo / "posts/p.md").write_text(text, encoding="utf-8")
    assert positions(repo) == {
        ("unapproved-post", "p.md", 1),
        ("unauthorized-author", "p.md", 3),
        ("untrained-author", "p.md", 3),
        ("unscheduled-post", "p.md", 5),
        ("unlogged-edit", "p.md", 8),  # the entry lacks its summary: the change is unlogged
        ("unlogged-edit", "p.md", 10),  # edits[0] lacks `summary`
        ("unlogged-edit", "p.md", 11),  # edits[0].by is not on record
        ("copyright-credit", "p.md", 13),
        ("media-accessibility", "p.md", 15),
        ("media-accessibility", "p.md", 17),
    }


# ----------------------------------------------------------------- the example repo


EXAMPLE_LINES = {
    ("unauthorized-author", 4),
    ("untrained-author", 4),
    ("unapproved-post", 1),
    ("unscheduled-post", 6),
    ("media-accessibility", 9),  # youth-league.jpg: no alt
    ("media-accessibility", 13),  # the stock photo: no alt
    ("copyright-credit", 13),
    ("media-accessibility", 18),  # #parksbudget2027
}


def test_example_repo_budget_draft_fires_each_rule_at_its_line(
    shared_dir: Path, tmp_path: Path
) -> None:
    root = tmp_path / "cr"
    shutil.copytree(shared_dir / "examples/content-repo", root)
    found = positions(root)
    draft = {(rule, line) for rule, name, line in found if name == "2026-11-21-budget-draft.md"}
    assert draft == EXAMPLE_LINES
    assert {name for _, name, _ in found} == {"2026-11-21-budget-draft.md"}


def test_example_repo_unlogged_edit_fires_when_the_log_is_removed(
    shared_dir: Path, tmp_path: Path
) -> None:
    root = tmp_path / "cr"
    shutil.copytree(shared_dir / "examples/content-repo", root)
    leaf = root / "posts/2026-11-23-leaf-pickup.yaml"
    lines = leaf.read_text("utf-8").splitlines(keepends=True)
    assert lines[11].startswith("edits:")
    leaf.write_text("".join(lines[:11] + lines[15:]), encoding="utf-8")
    found = positions(root)
    assert ("unlogged-edit", "2026-11-23-leaf-pickup.yaml", 11) in found


# ----------------------------------------------------------------- properties


@settings(max_examples=40, deadline=None)
@given(
    published=st.datetimes(dt.datetime(2026, 10, 1), dt.datetime(2026, 12, 31)),
    days_left=st.integers(-2, 2),
)
def test_authorization_holds_through_its_last_day_in_the_city(
    published: dt.datetime, days_left: int
) -> None:
    moment = published.replace(tzinfo=dt.UTC)
    city_day = moment.astimezone(ZoneInfo("America/New_York")).date()
    until = city_day + dt.timedelta(days=days_left)
    roster = people(("dpw-liaison", {"authorized_until": until.isoformat()}))
    found = check("unauthorized-author", roster=roster, published_at=moment,
                  approved_at=moment)  # fmt: skip
    assert bool(found) is (days_left < 0)


@settings(max_examples=60, deadline=None)
@given(
    app=st.sampled_from(["Hootsuite", "Sprout Social"]),
    upper=st.lists(st.booleans(), min_size=13, max_size=13),
    spaced=st.booleans(),
    suffix=st.sampled_from(["", " Inc.", ", Inc", " LLC", " Ltd."]),
)
def test_approved_apps_pass_whatever_their_case_spacing_or_company_suffix(
    app: str, upper: list[bool], spaced: bool, suffix: str
) -> None:
    name = app if spaced else app.replace(" ", "")
    name = "".join(c.upper() if u else c.lower() for c, u in zip(name, upper, strict=False))
    assert check("unscheduled-post", via=name + suffix) == []
