"""missing-disclosure and agency-title-on-personal: employees' personal posts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import factories as f
from postlint.api import lint_paths
from postlint.violation import Violation

RULES = ("missing-disclosure", "agency-title-on-personal")


def check(text: str, *, bio: str = "Syracuse native.", status: str = "published",
          config: dict[str, object] | None = None, owner: str | None = "dpw-liaison",
          ) -> list[Violation]:  # fmt: skip
    account = f.personal_account(bio=bio, owner=owner)
    linter = f.linter(config, accounts=[f.official_account(), account], select=RULES)
    return linter.check(f.post(account=account.id, text=text, status=status))


def only(found: list[Violation], rule: str) -> list[Violation]:
    return [v for v in found if v.rule == rule]


# ------------------------------------------------------------------ missing-disclosure


@pytest.mark.parametrize(
    ("text", "mentioned"),
    [
        ("The DPW salt plan is a mess.", "DPW"),
        ("Public Works should plow my street first.", "Public Works"),
        ("City Hall never answers the phone.", "City Hall"),
        ("The City of Syracuse budget is out.", "City of Syracuse"),
        ("Being a Public Information Officer is hard.", "Public Information Officer"),
    ],
)
def test_city_business_without_disclosure_or_disclaimer_fails(text: str, mentioned: str) -> None:
    [finding] = only(check(text), "missing-disclosure")
    assert repr(mentioned) in finding.message
    assert "no affiliation disclosure" in finding.message
    assert "no 'views are my own' disclaimer" in finding.message
    assert finding.field == "text"
    assert finding.clauses == ("SMP-4c", "SMP-4e", "SMP-5")


def test_finding_says_which_part_is_missing() -> None:
    [no_disclaimer] = check("I work for DPW. The salt plan is a mess.")
    assert "no 'views are my own' disclaimer" in no_disclaimer.message
    assert "affiliation" not in no_disclaimer.message
    [no_affiliation] = check("Views are my own. The DPW salt plan is a mess.")
    assert "no affiliation disclosure" in no_affiliation.message
    assert "disclaimer" not in no_affiliation.message


@pytest.mark.parametrize(
    "disclaimer",
    [
        "Views are my own.",
        "Opinions are mine.",
        "My views, not my employer's.",
        "My views, not my employer’s.",  # curly apostrophe
        "Personal account.",
        "RT ≠ endorsement.",
        "Retweets are not endorsements.",
        "Tweets are my own.",
        "Views expressed here are my own.",
        "My views do not necessarily reflect those of my employer.",
    ],
)
def test_usual_disclaimer_wordings_are_accepted(disclaimer: str) -> None:
    assert check(f"I work for the City. The DPW salt plan is a mess. {disclaimer}") == []


def test_disclosure_and_disclaimer_in_bio_count_for_every_post() -> None:
    bio = "PIO @ Syracuse DPW. Opinions are mine."
    assert check("The DPW salt plan is a mess.", bio=bio) == []
    assert check("City Hall needs a new roof.", bio=bio) == []


@pytest.mark.parametrize(
    "bio",
    [
        "I work in communications for the City of Syracuse. Views are my own.",
        "Working on snow removal with the City. Opinions are mine.",
    ],
)
def test_affiliation_with_a_field_of_work_in_between_is_a_disclosure(bio: str) -> None:
    assert check("Proud of the City of Syracuse crews today.", bio=bio) == []


def test_posts_not_about_city_business_pass() -> None:
    assert check("Great pizza tonight!") == []
    assert check("Go Syracuse Orange! Big game tonight.") == []
    # department names that are ordinary words count only in their distinctive forms
    assert check("Loves yelling 'Fire' in a crowded room; the law is the law.") == []
    assert len(check("The Syracuse Fire Department was great today.")) == 1


def test_configured_phrases_extend_the_pack() -> None:
    text = "The snow desk is swamped. Not my circus."
    assert check(text) == []
    config = {"city": {"business_phrases": ["snow desk"]}}
    assert len(check(text, config=config)) == 1
    config = {"city": {"business_phrases": ["snow desk"], "disclaimer_phrases": ["Not my circus"],
                       "affiliation_phrases": ["I run the snow desk"]}}  # fmt: skip
    assert check(f"I run the snow desk. {text}", config=config) == []


def test_department_aliases_from_config_count_as_city_business() -> None:
    config = {"city": {"department_aliases": {"Public Works": ["Plow Squad"]}}}
    assert check("Plow Squad rocks.") == []
    assert len(check("Plow Squad rocks.", config=config)) == 1


def test_fix_appends_a_disclaimer_to_drafts_and_scheduled_posts_only() -> None:
    text = "I work for DPW. The salt plan is a mess."
    [draft] = check(text, status="draft")
    assert draft.fix is not None and draft.fix.safe
    [edit] = draft.fix.edits
    assert (edit.field, edit.start, edit.end) == ("text", len(text), len(text))
    assert "views are my own" in edit.text.lower()
    assert check(text + edit.text, status="draft") == []
    [published] = check(text, status="published")
    assert published.fix is None


def test_personal_rules_do_not_run_on_official_accounts() -> None:
    linter = f.linter(select=RULES)
    assert linter.check(f.post(text="As Director of Public Works I say: the plan is a mess.")) == []


# ------------------------------------------------------------ agency-title-on-personal


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        (
            "As Public Information Officer for Syracuse DPW I can tell you the plan is a mess.",
            "As Public Information Officer for Syracuse DPW",
        ),
        ("As Director of Public Works I say: park on the odd side.", "As Director of Public Works"),
        ("Speaking as the City's spokesperson: no.", "Speaking as the City's spokesperson"),
        (
            "In my capacity as Public Information Officer, the plan is bad.",
            "In my capacity as Public Information Officer",
        ),
        (
            "Some news on behalf of the Department of Public Works.",
            "on behalf of the Department of Public Works",
        ),
    ],
)
def test_title_invoked_as_authority_is_pointed_at(text: str, quoted: str) -> None:
    [finding] = only(check(text, bio="I work for DPW. Views are my own."), RULES[1])
    assert finding.span is not None
    assert text[finding.span[0] : finding.span[1]] == quoted
    assert finding.field == "text"


@pytest.mark.parametrize(
    "text",
    [
        "As director of my choir, I invite you to our concert.",
        "As a parent I worry about the snow.",
        "I work for DPW; views are my own. The salt plan worries me.",
    ],
)
def test_ordinary_prose_is_no_authority(text: str) -> None:
    assert only(check(text), RULES[1]) == []


def test_generic_title_needs_the_city_next_to_it_when_owner_is_unknown() -> None:
    assert only(check("As Commissioner, I approve.", owner=None), RULES[1]) == []
    assert len(only(check("As Commissioner of Public Works, I approve.", owner=None), RULES[1]))


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_any_text_is_judged_without_error_and_spans_lie_inside_it(text: str) -> None:
    for finding in check(text):
        assert finding.rule in RULES
        if finding.span is not None:
            assert 0 <= finding.span[0] < finding.span[1] <= len(text)


# --------------------------------------------------------------------------- end to end


def test_example_repo_personal_opinion_gives_both_findings(
    shared_dir: Path, tmp_path: Path
) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(shared_dir / "examples" / "content-repo", repo)
    report = lint_paths([repo], today=f.TODAY, select=RULES, entry_point_plugins=False)
    found = [v for v in report.active if v.rule in RULES]
    assert sorted(v.rule for v in found) == sorted(RULES)
    for finding in found:
        assert finding.path is not None and finding.path.endswith("2026-11-22-personal-opinion.md")
        assert finding.line == 10


def test_fix_applied_to_a_draft_file_makes_it_pass(
    shared_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from postlint.cli import main

    repo = tmp_path / "repo"
    shutil.copytree(shared_dir / "examples" / "content-repo", repo)
    draft = repo / "posts" / "draft-opinion.md"
    draft.write_text(
        "---\nid: d1\naccount: dpw-liaison-personal\nauthor: dpw-liaison\nstatus: draft\n---\n"
        "The DPW salt plan is a mess.\n",
        encoding="utf-8",
    )
    published = (repo / "posts" / "2026-11-22-personal-opinion.md").read_text(encoding="utf-8")
    monkeypatch.chdir(repo)
    args = ["check", "--today", "2026-11-25", "--select", RULES[0], "-q"]
    main([*args, "--fix"])
    assert "views are my own" in draft.read_text(encoding="utf-8")
    assert main([*args, "posts/draft-opinion.md"]) == 0
    # the published record is never rewritten
    assert (repo / "posts" / "2026-11-22-personal-opinion.md").read_text("utf-8") == published
