"""Builders for test data: models, not long YAML strings repeated in each test."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

from postlint import Account, Config, ConsentRegister, Linter, Post, Roster
from postlint.context import LintContext

TODAY = dt.date(2026, 11, 25)
ET = dt.timezone(dt.timedelta(hours=-5))

GOOD_TERMS = (
    "We welcome comments on City topics; we do not allow threats, harassment or spam.\n"
    "Moderation: staff review comments and may hide or remove those that break these terms.\n"
    "Consequences: users who repeatedly violate these terms may be blocked.\n"
    "Questions about this policy: Office of Communications, communications@syr.gov."
)


def roster(**overrides: Any) -> Roster:
    data: dict[str, Any] = {
        "administrator": "comms-director",
        "people": [
            {"id": "comms-director", "name": "Director of Communications",
             "title": "Director of Communications and Marketing",
             "department": "Communications", "authorized": True,
             "training": {"completed": "2026-02-02"}},
            {"id": "comms-specialist", "name": "Communications Specialist",
             "title": "Communications Specialist", "department": "Communications",
             "authorized": True, "training": {"completed": "2026-03-10"}},
            {"id": "dpw-liaison", "name": "DPW Social Media Liaison",
             "title": "Public Information Officer", "department": "Public Works",
             "authorized": True, "authorized_by": "comms-director",
             "authorized_until": "2027-06-30", "training": {"completed": "2026-04-15"}},
            {"id": "parks-intern", "name": "Parks Seasonal Intern", "title": "Seasonal Intern",
             "department": "Parks, Recreation and Youth Programs", "authorized": False},
        ],
    }  # fmt: skip
    data.update(overrides)
    return Roster.model_validate(data)


def consents(*extra: dict[str, Any]) -> ConsentRegister:
    items: list[dict[str, Any]] = [
        {"id": "CR-1", "subject": "DPW plow crew", "kind": "photo", "obtained": "2026-11-01",
         "expires": "2027-11-01", "scope": ["x", "facebook"]},
        {"id": "CR-2", "subject": "Mayor's Office", "kind": "quote", "obtained": "2026-11-18",
         "scope": "all"},
        {"id": "CR-3", "subject": "Youth league players", "kind": "photo",
         "obtained": "2025-06-01", "expires": "2026-06-01", "minors": True,
         "guardian_consent": False, "scope": ["facebook"]},
    ]  # fmt: skip
    items.extend(extra)
    return ConsentRegister.model_validate({"consents": items})


def official_account(**overrides: Any) -> Account:
    """A clean official account: every account rule passes on it."""
    data: dict[str, Any] = {
        "id": "dpw-x", "kind": "official", "platform": "x", "handle": "@SyracuseDPW",
        "department": "Public Works",
        "bio": "Official account of the City of Syracuse Department of Public Works.",
        "url": "https://www.syr.gov/Departments/DPW",
        "approved_by": "comms-director", "approved_at": "2024-03-01",
        "enablement": {"risk_assessment": "2024-02-12",
                       "commissioner_approval": {"by": "DPW Commissioner", "at": "2024-02-20"},
                       "notified": {"officer": "Chief Information Officer", "at": "2024-02-21"}},
        "admins": ["comms-director", "dpw-liaison"], "scheduler": "Hootsuite",
        "security": {"mfa": True, "login_gateway": "Hootsuite",
                     "recovery_account": {"handle": "dpw-recovery", "privileged": False}},
        "moderation": {"screening": True, "tool": "Hootsuite"},
        "backups": {"last": "2026-11-22"},
        "archiving": {"enabled": True, "provider": "ArchiveSocial"},
        "terms_of_participation": GOOD_TERMS,
    }  # fmt: skip
    data.update(overrides)
    return Account.model_validate(data)


def personal_account(**overrides: Any) -> Account:
    data: dict[str, Any] = {
        "id": "dpw-liaison-personal", "kind": "personal", "platform": "x",
        "handle": "@plowfan315", "owner": "dpw-liaison", "bio": "Syracuse native.",
    }  # fmt: skip
    data.update(overrides)
    return Account.model_validate(data)


def post(**overrides: Any) -> Post:
    """A clean published post on the official account: every post rule passes on it."""
    data: dict[str, Any] = {
        "id": "p1", "account": "dpw-x", "author": "dpw-liaison", "status": "published",
        "via": "Hootsuite", "approved_by": "comms-specialist",
        "approved_at": dt.datetime(2026, 11, 20, 6, 40, tzinfo=ET),
        "published_at": dt.datetime(2026, 11, 20, 7, 0, tzinfo=ET),
        "url": "https://x.com/SyracuseDPW/status/1991234567890123456",
        "text": "Snow emergency from 7 PM tonight. Details: https://www.syr.gov/snow #SnowEmergency",
    }  # fmt: skip
    data.update(overrides)
    return Post.model_validate(data)


def linter(config: dict[str, Any] | Config | None = None, **kwargs: Any) -> Linter:
    """A linter with the standard roster, consents and both accounts, as of TODAY."""
    kwargs.setdefault("roster", roster())
    kwargs.setdefault("consents", consents())
    kwargs.setdefault("accounts", [official_account(), personal_account()])
    kwargs.setdefault("today", TODAY)
    kwargs.setdefault("entry_point_plugins", False)
    return Linter(config, **kwargs)


def context(**kwargs: Any) -> LintContext:
    """The context a rule sees, for calling ``rule.check`` directly."""
    return linter(**kwargs).context


def slugs(violations: list[Any], rule: str | None = None) -> list[str]:
    """Rule slugs of findings (optionally only ``rule``'s)."""
    return [v.rule for v in violations if rule is None or v.rule == rule]


# ------------------------------------------------------------ evasions of a marking

LEET = str.maketrans({"o": "0", "i": "1", "e": "3", "a": "@", "s": "$", "l": "1", "t": "7"})
FULLWIDTH = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}
CONFUSABLE = {"o": "о", "a": "а", "e": "е", "c": "с", "i": "і", "p": "р", "O": "О", "C": "С"}


def evade(marking: str, how: int) -> str:
    """``marking`` written the way someone hiding it might (``how``: 0 plain, 1 spaced,
    2 dotted capitals, 3 leet, 4 capitals, 5 fullwidth, 6 zero-width joins,
    7 look-alike letters, 8 a CamelCase hashtag, 9 next-line breaks)."""
    if how == 1:
        return " ".join(marking)
    if how == 2:
        return ".".join(marking.upper())
    if how == 3:
        return marking.translate(LEET)
    if how == 4:
        return marking.upper()
    if how == 5:
        return "".join(FULLWIDTH.get(c, c) for c in marking)
    if how == 6:
        return "\u200b".join(marking)
    if how == 7:
        return "".join(CONFUSABLE.get(c, c) for c in marking)
    if how == 8:
        return "#" + marking.title().replace(" ", "")
    if how == 9:
        return marking.replace(" ", "\x85 ")
    return marking


def benchmark_module(name: str) -> ModuleType:
    """The module ``benchmarks/<name>.py`` (not a package: loaded from its file)."""
    path = Path(__file__).resolve().parent.parent / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
