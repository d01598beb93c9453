"""Account rules (SMP-4c, SMP-7, SMP-8, SMP-9, SMP-12a/b/e/f/g): each way to fail, and passing."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import factories as f
import postlint
from postlint import Account, Linter
from postlint.violation import Violation

ACCOUNT_RULES = [
    "account-approval",
    "account-identity",
    "administrator-access",
    "foil-archiving",
    "moderation-gateway",
    "no-scheduler",
    "recovery-account",
    "stale-backup",
]


def check(account: Account, rule: str, **kwargs: Any) -> list[Violation]:
    """Findings of one rule for one account."""
    kwargs.setdefault("select", [rule])
    return f.linter(**kwargs).check(account)


def test_rule_metadata_matches_the_catalogue() -> None:
    linter = f.linter()
    expected = {
        "account-approval": ("error", ("SMP-12a", "SMP-7")),
        "account-identity": ("error", ("SMP-4c",)),
        "administrator-access": ("error", ("SMP-12b",)),
        "foil-archiving": ("error", ("SMP-9",)),
        "moderation-gateway": ("error", ("SMP-12f",)),
        "no-scheduler": ("warning", ("SMP-8",)),
        "recovery-account": ("error", ("SMP-12e",)),
        "stale-backup": ("error", ("SMP-12g",)),
    }
    for slug, (severity, clauses) in expected.items():
        rule = linter.rule(slug)
        assert rule is not None, slug
        assert (rule.severity, rule.clauses, rule.target) == (severity, clauses, "account")
        assert rule.scope == frozenset({"official"})
        for section in ("What it checks", "Why", "Fails", "Passes", "Configure"):
            assert section in rule.doc(), (slug, section)


@pytest.mark.parametrize("rule", ACCOUNT_RULES)
def test_clean_official_account_passes(rule: str) -> None:
    assert check(f.official_account(), rule) == []


@pytest.mark.parametrize("rule", ACCOUNT_RULES)
def test_personal_accounts_are_never_judged(rule: str) -> None:
    assert check(f.personal_account(), rule) == []


# ------------------------------------------------------------------ account-approval


def test_approval_by_someone_else_names_the_administrator() -> None:
    found = check(f.official_account(approved_by="parks-intern"), "account-approval")
    assert [v.field for v in found] == ["approved_by"]
    assert "parks-intern" in found[0].message and "comms-director" in found[0].message


def test_no_approval_at_all() -> None:
    found = check(f.official_account(approved_by=None), "account-approval")
    assert [v.field for v in found] == ["approved_by"]
    assert "no approval" in found[0].message


def test_no_enabling_record_names_all_three_steps() -> None:
    (finding,) = check(f.official_account(enablement=None), "account-approval")
    for piece in ("risk assessment", "commissioner", "overseeing officer"):
        assert piece in finding.message


@pytest.mark.parametrize(
    ("enablement", "named", "not_named"),
    [
        ({"commissioner_approval": {"by": "C", "at": "2024-02-20"},
          "notified": {"officer": "CIO", "at": "2024-02-21"}}, "risk assessment", "commissioner"),
        ({"risk_assessment": "2024-02-12", "commissioner_approval": {"by": "C"},
          "notified": {"officer": "CIO", "at": "2024-02-21"}}, "commissioner_approval`: at", "by"),
        ({"risk_assessment": "2024-02-12", "commissioner_approval": {"by": "C", "at": "2024-02-20"},
          "notified": {"at": "2024-02-21"}}, "notified`: officer", "commissioner"),
        ({"risk_assessment": "2024-02-12",
          "commissioner_approval": {"by": "C", "at": "2024-02-20"}}, "overseeing officer", "risk"),
    ],
)  # fmt: skip
def test_each_missing_enabling_piece_is_named(
    enablement: dict[str, Any], named: str, not_named: str
) -> None:
    (finding,) = check(f.official_account(enablement=enablement), "account-approval")
    assert named in finding.message
    assert not_named not in finding.message
    assert finding.field == "enablement"


def test_missing_roster_is_a_config_error_reported_once() -> None:
    linter = Linter(
        accounts=[f.official_account()], today=f.TODAY, entry_point_plugins=False,
        select=["account-approval", "administrator-access"],
    )  # fmt: skip
    first = linter.check(f.official_account())
    second = linter.check(f.official_account(id="other"))
    assert [v.rule for v in first] == ["config-error", "config-error"]
    assert all("roster" in v.message for v in first)
    assert second == []


# -------------------------------------------------------------- administrator-access


def test_administrator_missing_from_admins() -> None:
    (finding,) = check(f.official_account(admins=["dpw-liaison"]), "administrator-access")
    assert finding.field == "admins" and "comms-director" in finding.message


def test_no_admins_at_all() -> None:
    assert len(check(f.official_account(admins=[]), "administrator-access")) == 1


# ------------------------------------------------------------------ recovery-account


@pytest.mark.parametrize(
    "security",
    [None, {"mfa": True}, {"recovery_account": {"handle": "  "}}, {"recovery_account": {}}],
)
def test_no_recovery_login(security: dict[str, Any] | None) -> None:
    (finding,) = check(f.official_account(security=security), "recovery-account")
    assert "no non-privileged recovery login" in finding.message


def test_privileged_recovery_login() -> None:
    account = f.official_account(
        security={"recovery_account": {"handle": "dpw-admin", "privileged": True}}
    )
    (finding,) = check(account, "recovery-account")
    assert finding.field == "security.recovery_account.privileged"


# ---------------------------------------------------------------- moderation-gateway


@pytest.mark.parametrize("moderation", [None, {"screening": False}, {"tool": "Hootsuite"}])
def test_no_content_screening(moderation: dict[str, Any] | None) -> None:
    (finding,) = check(f.official_account(moderation=moderation), "moderation-gateway")
    assert "screening" in finding.message


@pytest.mark.parametrize("gateway", [None, "", "none", "Native"])
def test_logins_not_forced_through_a_gateway(gateway: str | None) -> None:
    account = f.official_account(security={"login_gateway": gateway})
    (finding,) = check(account, "moderation-gateway")
    assert finding.field == "security.login_gateway"


def test_both_controls_missing_are_two_findings() -> None:
    account = f.official_account(moderation=None, security=None)
    assert len(check(account, "moderation-gateway")) == 2


def test_single_sign_on_is_a_gateway() -> None:
    account = f.official_account(security={"login_gateway": "City SSO (Okta)"})
    assert check(account, "moderation-gateway") == []


# ---------------------------------------------------------------------- stale-backup


@pytest.mark.parametrize(
    ("today", "stale"),
    [(dt.date(2026, 11, 25), False), (dt.date(2026, 11, 29), False),
     (dt.date(2026, 11, 30), True), (dt.date(2026, 12, 1), True)],
)  # fmt: skip
def test_backup_age_against_the_configured_maximum(today: dt.date, stale: bool) -> None:
    config = {"city": {"backup_max_age_days": 7}}
    found = check(f.official_account(), "stale-backup", config=config, today=today)
    assert bool(found) is stale
    if stale:
        assert "2026-11-22" in found[0].message and "7 days" in found[0].message


def test_backup_time_is_judged_as_a_city_day() -> None:
    # 03:30 UTC on Nov 23 is still Nov 22 in Syracuse: 7 days old on Nov 29, not 6.
    last = dt.datetime(2026, 11, 23, 3, 30, tzinfo=dt.UTC)
    account = f.official_account(backups={"last": last})
    config = {"city": {"backup_max_age_days": 6}}
    assert check(account, "stale-backup", config=config, today=dt.date(2026, 11, 29))


@pytest.mark.parametrize("backups", [None, {}, {"frequency": "weekly"}])
def test_no_backup_on_record(backups: dict[str, Any] | None) -> None:
    (finding,) = check(f.official_account(backups=backups), "stale-backup")
    assert "no backup" in finding.message


def test_backup_dated_after_today_is_reported() -> None:
    account = f.official_account(backups={"last": "2027-01-01"})
    (finding,) = check(account, "stale-backup")
    assert "after the lint day" in finding.message


# -------------------------------------------------------------------- foil-archiving


@pytest.mark.parametrize(
    "archiving",
    [None, {"enabled": False, "provider": "ArchiveSocial"}, {"provider": "ArchiveSocial"},
     {"enabled": True}, {"enabled": True, "provider": " "}],
)  # fmt: skip
def test_no_archiving(archiving: dict[str, Any] | None) -> None:
    assert check(f.official_account(archiving=archiving), "foil-archiving")


def test_provider_must_be_approved_when_a_list_is_configured() -> None:
    config = {"city": {"archiving_providers": ["Smarsh"]}}
    (finding,) = check(f.official_account(), "foil-archiving", config=config)
    assert finding.field == "archiving.provider" and "Smarsh" in finding.message
    config = {"city": {"archiving_providers": ["archivesocial"]}}
    assert check(f.official_account(), "foil-archiving", config=config) == []


# ---------------------------------------------------------------------- no-scheduler


@pytest.mark.parametrize("scheduler", [None, "", "Facebook for iPhone", "Buffer"])
def test_not_an_approved_scheduler(scheduler: str | None) -> None:
    (finding,) = check(f.official_account(scheduler=scheduler), "no-scheduler")
    assert finding.severity == "warning" and finding.field == "scheduler"
    assert "Hootsuite" in finding.message


@pytest.mark.parametrize(
    ("scheduler", "kind"),
    [("Twitter for iPhone", "native platform app"), ("Meta Business Suite", "native"),
     ("Buffer", "not one the City approved"), ("Acme Poster", "not an approved")],
)  # fmt: skip
def test_finding_says_what_the_app_is(scheduler: str, kind: str) -> None:
    (finding,) = check(f.official_account(scheduler=scheduler), "no-scheduler")
    assert kind in finding.message


@pytest.mark.parametrize("scheduler", ["sprout social", "Sprout-Social", " HOOTSUITE "])
def test_scheduler_compared_without_case_or_punctuation(scheduler: str) -> None:
    assert check(f.official_account(scheduler=scheduler), "no-scheduler") == []


# ------------------------------------------------------------------ account-identity

PUBLIC_WORKS_PASSES = [
    {"bio": "Official account of the City of Syracuse Department of Public Works."},
    {"bio": "The official page of the City of Syracuse DPW. Report issues to 311.", "url": None},
    {"bio": "Official Twitter of the City of Syracuse DPW", "url": None},
    {"bio": "News from the City of Syracuse Department of Public Works.", "url": None},
    {"bio": "Plows, potholes and paving from the Department of Public Works.",
     "url": "https://www.syr.gov/Departments/DPW"},
    {"name": "Syracuse DPW", "bio": "Official account. Report issues to 311.", "url": None},
    {"bio": "Snow updates, see syr.gov/dpw - Public Works", "url": None},
]  # fmt: skip

PUBLIC_WORKS_FAILS = [
    {"bio": "Snow updates all winter!", "url": None},
    {"bio": "Official account of the Department of Public Works.", "url": None,
     "handle": "@PlowUpdates"},
    {"bio": "Proud to serve the City of Syracuse.", "url": None},
    {"bio": "Plows and potholes.", "url": "https://www.syracuse-dpw-fans.com"},
    {"bio": "Not an official account of the City of Syracuse Department of Public Works."},
    {"bio": "Unofficial fan page of the City of Syracuse DPW.", "url": None},
    {"bio": "Personal account of a City of Syracuse Public Works employee. Views are my own."},
    {"bio": "For the official City of Syracuse DPW page, please visit @SyracuseDPW.",
     "url": None, "handle": "@plowguy"},
]  # fmt: skip


@pytest.mark.parametrize("profile", PUBLIC_WORKS_PASSES)
def test_real_identity_wordings_pass(profile: dict[str, Any]) -> None:
    assert check(f.official_account(**profile), "account-identity") == []


@pytest.mark.parametrize("profile", PUBLIC_WORKS_FAILS)
def test_profiles_that_do_not_disclose_fail(profile: dict[str, Any]) -> None:
    (finding,) = check(f.official_account(**profile), "account-identity")
    assert finding.field == "bio"
    assert "Official account of the City of Syracuse Public Works" in finding.message


def test_identity_finding_says_what_is_missing() -> None:
    account = f.official_account(bio="Fun in the parks all year round!", url=None)
    (finding,) = check(account, "account-identity")
    assert "does not say it is official" in finding.message
    assert "does not name the City of Syracuse" in finding.message


def test_department_aliases_from_the_configuration() -> None:
    account = f.official_account(
        department="Neighborhood Services", bio="City of Syracuse NSD: permits and inspections."
    )
    assert check(account, "account-identity")
    config = {"city": {"department_aliases": {"Neighborhood Services": ["NSD"]}}}
    assert check(account, "account-identity", config=config) == []


def test_city_wide_account_without_department() -> None:
    account = f.official_account(department=None, bio="Official account of the City of Syracuse.")
    assert check(account, "account-identity") == []


# ------------------------------------------------------------------------ end to end


def _account_findings(report: postlint.Report) -> dict[str, list[tuple[str, int | None]]]:
    out: dict[str, list[tuple[str, int | None]]] = {}
    for v in report.active:
        if v.rule in [*ACCOUNT_RULES, "terms-of-participation"]:
            out.setdefault(Path(v.path or "").name, []).append((v.rule, v.line))
    return out


@pytest.fixture
def content_repo(shared_dir: Path, tmp_path: Path) -> Path:
    repo = tmp_path / "content-repo"
    shutil.copytree(shared_dir / "examples" / "content-repo", repo)
    return repo


def test_example_repo_account_findings(content_repo: Path) -> None:
    report = postlint.lint_paths(
        [content_repo / "accounts"], today=dt.date(2026, 11, 25), entry_point_plugins=False
    )
    found = _account_findings(report)
    assert "dpw-x.yaml" not in found
    assert "dpw-liaison-personal.yaml" not in found
    assert sorted(found["parks-facebook.yaml"]) == [
        ("account-approval", 1),  # no enablement: the record's first line
        ("account-approval", 7),  # approved_by: parks-intern
        ("account-identity", 6),  # bio
        ("administrator-access", 8),  # admins
        ("foil-archiving", 1),
        ("moderation-gateway", 1),  # no moderation block
        ("moderation-gateway", 9),  # security: no login_gateway
        ("no-scheduler", 1),
        ("recovery-account", 9),
        ("stale-backup", 12),
        ("terms-of-participation", 13),
    ]


def test_example_dpw_backup_is_stale_a_week_later(content_repo: Path) -> None:
    report = postlint.lint_paths(
        [content_repo / "accounts" / "dpw-x.yaml"],
        today=dt.date(2026, 12, 1),
        entry_point_plugins=False,
    )
    assert _account_findings(report) == {"dpw-x.yaml": [("stale-backup", 21)]}


# ------------------------------------------------------------------------ properties

_department = st.text(alphabet=st.characters(categories=("Lu", "Ll")), min_size=2, max_size=12).map(
    str.title
)


@settings(max_examples=40, deadline=None)
@given(department=_department, platform=st.sampled_from(["Twitter", "Facebook page", "account"]))
def test_official_wording_passes_and_a_disclaimer_never_does(
    department: str, platform: str
) -> None:
    bio = f"Official {platform} of the City of Syracuse {department}."
    account = f.official_account(department=department, bio=bio, url=None, handle="@x")
    assert check(account, "account-identity") == []
    disclaimed = f.official_account(
        department=department, bio=f"Unofficial fan page. {bio}", url=None, handle="@x"
    )
    assert len(check(disclaimed, "account-identity")) == 1


@pytest.mark.parametrize("name", ["Hootsuite Inc.", "hootsuite", "SproutSocial", "Sprout-Social"])
def test_no_scheduler_reads_app_names_as_unscheduled_post_does(name: str) -> None:
    linter = f.linter(select=["no-scheduler", "unscheduled-post"])
    assert linter.check(f.official_account(scheduler=name)) == []
    assert linter.check(f.post(via=name)) == []
