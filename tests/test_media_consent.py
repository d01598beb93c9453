"""media-consent: photos, videos, audio and quotes of people need a valid consent."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import factories as f
from postlint.api import lint_paths
from postlint.violation import Violation

RULE = "media-consent"


def check(post_fields: dict[str, Any], *extra: dict[str, Any], **kwargs: Any) -> list[Violation]:
    kwargs.setdefault("consents", f.consents(*extra))
    return f.linter(select=[RULE], **kwargs).check(f.post(**post_fields))


def image(people: list[str], consent: Any = None, type_: str = "image") -> dict[str, Any]:
    return {"file": "media/x.jpg", "type": type_, "alt": "A crew at work", "people": people,
            "consent": consent}  # fmt: skip


def messages(found: list[Violation]) -> list[str]:
    return [v.message for v in found]


def test_covered_media_and_quote_pass() -> None:
    fields = {
        "media": [image(["DPW plow crew"], ["CR-1"])],
        "quotes": [{"speaker": "Mayor's Office", "consent": "CR-2"}],
    }
    assert check(fields) == []


def test_media_without_people_needs_no_consent() -> None:
    assert check({"media": [image([])]}) == []


def test_people_without_consent_id_have_no_consent_on_record() -> None:
    [finding] = check({"media": [image(["Jane Resident"])]})
    assert "no consent on record" in finding.message
    assert "'Jane Resident'" in finding.message
    assert finding.field == "media[0].people"


def test_unknown_consent_id_is_not_on_record() -> None:
    [finding] = check({"media": [image(["DPW plow crew"], "CR-404")]})
    assert "'CR-404' is not on record" in finding.message
    assert finding.field == "media[0].consent"


def test_consent_for_another_subject() -> None:
    [finding] = check({"media": [image(["Jane Resident"], "CR-1")]})
    assert "'Jane Resident'" in finding.message and "CR-1" in finding.message


def test_subject_match_ignores_case_and_spacing() -> None:
    assert check({"media": [image(["dpw  PLOW crew"], "CR-1")]}) == []


@pytest.mark.parametrize(("media_type", "needed"), [("video", "video"), ("audio", "audio")])
def test_photo_consent_does_not_cover_video_or_audio(media_type: str, needed: str) -> None:
    [finding] = check({"media": [image(["DPW plow crew"], "CR-1", media_type)]})
    assert f"not a {needed} consent" in finding.message


def test_photo_consent_does_not_cover_a_quote() -> None:
    [finding] = check({"quotes": [{"speaker": "DPW plow crew", "consent": "CR-1"}]})
    assert "not a quote consent" in finding.message
    assert finding.field == "quotes[0].consent"


def test_quote_without_consent() -> None:
    [finding] = check({"quotes": [{"speaker": "A resident"}]})
    assert "no consent on record" in finding.message
    assert finding.field == "quotes[0].speaker"


def test_expiry_is_the_last_valid_day_in_city_time() -> None:
    # 2027-11-02 03:30 UTC is still 2027-11-01 (23:30 EDT) in Syracuse: the last valid day.
    on_last_day = dt.datetime(2027, 11, 2, 3, 30, tzinfo=dt.UTC)
    fields = {"media": [image(["DPW plow crew"], "CR-1")], "published_at": on_last_day}
    assert check(fields) == []
    fields["published_at"] = dt.datetime(2027, 11, 2, 4, 30, tzinfo=dt.UTC)  # 00:30 EDT
    [finding] = check(fields)
    assert "expired" in finding.message and "2027-11-01" in finding.message


def test_drafts_are_judged_today_and_scheduled_posts_on_their_day() -> None:
    media = {"media": [image(["DPW plow crew"], "CR-1")]}
    assert check({**media, "status": "draft"}, today=dt.date(2027, 11, 1)) == []
    assert check({**media, "status": "draft"}, today=dt.date(2027, 11, 2)) != []
    late = dt.datetime(2027, 12, 1, 9, 0, tzinfo=f.ET)
    assert check({**media, "status": "scheduled", "scheduled_at": late}) != []


def test_consent_obtained_after_the_post_does_not_cover_it() -> None:
    extra = {"id": "CR-9", "subject": "Jane Resident", "kind": "photo", "obtained": "2026-12-01"}
    [finding] = check({"media": [image(["Jane Resident"], "CR-9")]}, extra)
    assert "after the post's day" in finding.message


def test_platform_outside_scope() -> None:
    [finding] = check({"media": [image(["DPW plow crew"], "CR-1")], "platform": "instagram"})
    assert "does not cover instagram" in finding.message
    assert check({"media": [image(["DPW plow crew"], "CR-1")], "platform": "Facebook"}) == []


def test_minors_need_guardian_consent_and_each_failure_is_its_own_finding() -> None:
    fields = {"media": [image(["Youth league players"], "CR-3")], "platform": "facebook"}
    found = check(fields)
    assert len(found) == 2
    assert any("guardian consent" in m for m in messages(found))
    assert any("expired" in m for m in messages(found))
    assert all("'CR-3'" in m and "'Youth league players'" in m for m in messages(found))


def test_one_valid_consent_among_several_is_enough() -> None:
    extra = {"id": "CR-8", "subject": "DPW plow crew", "kind": "photo", "scope": "all"}
    fields = {"media": [image(["DPW plow crew"], ["CR-1", "CR-8"])], "platform": "instagram"}
    assert check(fields, extra) == []


def test_each_person_needs_their_own_consent() -> None:
    fields = {"media": [image(["DPW plow crew", "Jane Resident"], ["CR-1"])]}
    [finding] = check(fields)
    assert "'Jane Resident'" in finding.message


def test_no_register_is_one_config_error() -> None:
    linter = f.linter(select=[RULE], consents=None)
    post = f.post(media=[image(["DPW plow crew"], "CR-1")])
    first = linter.check(post)
    assert [v.rule for v in first] == ["config-error"]
    assert "consents" in first[0].message
    assert linter.check(post) == []  # reported once per run
    assert f.linter(select=[RULE], consents=None).check(f.post()) == []  # nothing to check


def test_personal_accounts_are_out_of_scope() -> None:
    fields = {"account": "dpw-liaison-personal", "media": [image(["Jane Resident"])]}
    assert check(fields) == []


@settings(max_examples=50, deadline=None)
@given(
    offset=st.integers(min_value=-400, max_value=400),
    expires=st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2028, 12, 31)),
)
def test_expiry_property(offset: int, expires: dt.date) -> None:
    day = expires + dt.timedelta(days=offset)
    extra = {"id": "CR-P", "subject": "Pat", "kind": "photo", "expires": expires.isoformat()}
    moment = dt.datetime.combine(day, dt.time(12, 0), tzinfo=f.ET)
    found = check({"media": [image(["Pat"], "CR-P")], "published_at": moment,
                   "approved_at": moment}, extra)  # fmt: skip
    assert (found != []) == (day > expires)


def test_example_repo_expired_minor_consent(shared_dir: Path, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(shared_dir / "examples" / "content-repo", repo)
    report = lint_paths([repo], today=f.TODAY, select=[RULE], entry_point_plugins=False)
    found = [v for v in report.active if v.rule == RULE]
    assert len(found) == 2
    assert {v.path.rsplit("/", 1)[-1] for v in found if v.path} == {"2026-11-21-budget-draft.md"}
    assert all(v.line == 12 for v in found)
    assert any("guardian" in v.message for v in found)
    assert any("expired" in v.message for v in found)
