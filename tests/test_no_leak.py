"""Secrets and personal data never leave: not in any output, log, warning or repr.

Hypothesis generates passwords, tokens (AWS key ids, GitHub tokens) and personal-data
values (SSNs, Luhn-valid card numbers, 555-01xx phone numbers, e-mail addresses), puts
them in accounts and posts — through the API and in files, valid and broken — lints
them, and renders every output format that exists. None of the raw values may appear
in anything postlint produces.
"""

from __future__ import annotations

import functools
import importlib
import logging
import os
import string
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import SecretStr

from factories import consents, linter, official_account, post, roster
from postlint.api import lint_paths
from postlint.engine import Report
from postlint.errors import UsageError
from postlint.models import Security
from postlint.reporting import FORMATS, render

ALNUM = string.ascii_letters + string.digits
UPPER = string.ascii_uppercase + string.digits


def _luhn_digit(digits: str) -> str:
    total = 0
    for i, char in enumerate(reversed(digits)):
        d = int(char)
        if i % 2 == 0:  # every second digit from the right, the check digit not yet there
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return str((10 - total % 10) % 10)


@st.composite
def cards(draw: st.DrawFn) -> str:
    body = "4" + draw(st.text("0123456789", min_size=14, max_size=14))
    number = body + _luhn_digit(body)
    return " ".join(number[i : i + 4] for i in range(0, 16, 4))


@st.composite
def ssns(draw: st.DrawFn) -> str:
    area = draw(st.integers(1, 899).filter(lambda a: a != 666))
    group = draw(st.integers(1, 99))
    serial = draw(st.integers(1, 9999))
    return f"{area:03d}-{group:02d}-{serial:04d}"


@dataclass(frozen=True)
class Secrets:
    """One example's sensitive values."""

    password: str
    aws: str
    github: str
    ssn: str
    card: str
    phone: str
    email: str

    def values(self) -> list[str]:
        compact = [self.card.replace(" ", ""), self.ssn.replace("-", "")]
        return [*vars(self).values(), *compact]


secrets = st.builds(
    Secrets,
    password=st.text(ALNUM + "!#%&*+-=?@^_~", min_size=12, max_size=24).map(lambda s: "Pw" + s),
    aws=st.text(UPPER, min_size=16, max_size=16).map(lambda s: "AKIA" + s),
    github=st.text(ALNUM, min_size=36, max_size=36).map(lambda s: "ghp_" + s),
    ssn=ssns(),
    card=cards(),
    phone=st.integers(0, 99).map(lambda n: f"315-555-01{n:02d}"),
    email=st.text(string.ascii_lowercase, min_size=6, max_size=12).map(
        lambda s: f"{s}.resident@gmail.com"
    ),
)


def _text(s: Secrets) -> str:
    return (
        f"Call me at {s.phone} or write to {s.email}. SSN {s.ssn}, card {s.card}."
        f" Keys: {s.aws} {s.github} password: {s.password}"
    )


# ---------------------------------------------------------------- outputs


def _formats() -> list[str]:
    """Every output format this installation has (others are being added)."""
    found = []
    for name, module in FORMATS.items():
        if name == "template":
            continue
        try:
            importlib.import_module(module)
        except ModuleNotFoundError:
            continue
        found.append(name)
    return found


def _outputs(report: Report, folder: Path) -> list[str]:
    out = []
    for fmt in _formats():
        try:
            out.append(render(fmt, report, {}))
        except UsageError:
            continue
    out.append(repr(report))
    out.extend(repr(v) for v in report.violations)
    out.extend(v.model_dump_json() for v in report.violations)
    try:
        from postlint import baseline
    except ImportError:
        return out
    path = folder / ".postlint-baseline.json"
    baseline.write(report, path)
    out.append(path.read_text(encoding="utf-8"))
    return out


def _assert_clean(texts: list[str], s: Secrets) -> None:
    for text in texts:
        for value in s.values():
            assert value not in text, f"a generated secret leaked into: {text[:300]}"


# ---------------------------------------------------------------- the property


def _write_repo(root: Path, s: Secrets) -> None:
    (root / "posts").mkdir()
    (root / "accounts").mkdir()
    (root / "archive").mkdir()
    (root / "postlint.yaml").write_text("roster: people.yaml\nconsents: consents.yaml\n")
    dump = lambda m: yaml.safe_dump(m.model_dump(mode="json", exclude_none=True))  # noqa: E731
    (root / "people.yaml").write_text(dump(roster()))
    (root / "consents.yaml").write_text(dump(consents()))
    account = yaml.safe_load(dump(official_account()))
    account["security"]["password"] = s.password
    account["bio"] = f"Questions? {s.phone}, {s.email}"
    text = yaml.safe_dump(account) + f"api_token: {s.github}\naws_access_key_id: {s.aws}\n"
    (root / "accounts" / "dpw-x.yaml").write_text(text)
    front = "---\naccount: dpw-x\nauthor: dpw-liaison\nstatus: draft\n"
    (root / "posts" / "post.md").write_text(f"{front}---\n{_text(s)}\n")
    (root / "posts" / "alt.md").write_text(
        f"{front}media:\n  - file: a.jpg\n    alt: card {s.card}\n---\nPhoto.\n"
    )
    # Broken files around the values: their errors must not quote them.
    (root / "posts" / "bad-type.md").write_text(f"---\naccount: dpw-x\nstatus: {s.ssn}\n---\nx\n")
    (root / "posts" / "bad-yaml.md").write_text(f'---\naccount: dpw-x\nvia: "{s.github}\n---\nx\n')
    (root / "posts" / "bad-tag.yaml").write_text(f"account: dpw-x\nvia: !{s.aws} x\n")
    (root / "posts" / "bad-key.yaml").write_text(f"account: dpw-x\n{s.email}: {s.password}\n")
    (root / "posts" / "bad-alias.yaml").write_text(f"account: dpw-x\nvia: *{s.aws}\n")
    (root / "posts" / "bad-anchor.yaml").write_text(
        f"account: dpw-x\nvia: &{s.github} a\nurl: &{s.github} b\n"
    )
    (root / "archive" / "posts.jsonl").write_text(
        f'{{"account": "dpw-x", "text": "{_text(s)}"}}\n'
        f'{{"account": "dpw-x", "status": "{s.card}"}}\n'
        f'{{"account": "dpw-x", "text": {s.phone}}}\n'
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(s=secrets)
def test_no_secret_or_personal_data_leaves(s: Secrets) -> None:
    # Rule docs (shown by sarif and html) carry fictional examples such as 555-0142.
    assume(not any(value in _rule_docs() for value in s.values()))
    handler = _Capture()
    logging.getLogger().addHandler(handler)
    previous = logging.getLogger().level
    logging.getLogger().setLevel(logging.DEBUG)
    try:
        with warnings.catch_warnings(record=True) as caught, tempfile.TemporaryDirectory() as tmp:
            warnings.simplefilter("always")
            texts = _api_run(s) + _files_run(s, Path(tmp))
    finally:
        logging.getLogger().removeHandler(handler)
        logging.getLogger().setLevel(previous)
    texts += handler.messages + [str(w.message) for w in caught]
    _assert_clean(texts, s)


@functools.cache
def _rule_docs() -> str:
    return "\n".join(rule.doc() for rule in linter().all_rules)


def _api_run(s: Secrets) -> list[str]:
    account = official_account(
        bio=f"Questions? {s.phone}", security=Security(mfa=True, password=SecretStr(s.password))
    )
    item = post(text=_text(s), media=[{"file": "a.jpg", "alt": f"card {s.card}"}])
    lint = linter(accounts=[account])
    # A dump is the content itself (a bio may hold a phone number); only the password,
    # held as a secret, must be absent from it.
    for dump in (account.model_dump_json(), str(account.model_dump())):
        assert s.password not in dump
    texts = [repr(account), repr(item)]
    try:
        found = lint.check(item) + lint.check(account)
    except Exception as exc:  # a crash is a failure too, but its message must not leak
        texts.append(str(exc))
        raise
    report = Report(violations=found, posts=1, accounts=1)
    with tempfile.TemporaryDirectory() as tmp:
        return texts + _outputs(report, Path(tmp))


def _files_run(s: Secrets, root: Path) -> list[str]:
    _write_repo(root, s)
    cwd = os.getcwd()
    os.chdir(root)
    try:
        report = lint_paths(["."], today=None, entry_point_plugins=False)
        # The values were seen (so the outputs had every chance to show them).
        known = {r.slug for r in report.rules}
        rules = {v.rule for v in report.violations}
        assert {"plaintext-secret", "personal-data"} & known <= rules
        assert "input-error" in rules
        return _outputs(report, root)
    finally:
        os.chdir(cwd)


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(self.format(record))


def test_the_property_sees_a_leak() -> None:
    """The check itself works: a value put into a message is found."""
    s = Secrets("Pwabcdefghijkl", "AKIA" + "A" * 16, "ghp_" + "a" * 36, "123-45-6780",
                "4111 1111 1111 1111", "315-555-0100", "abcdef.resident@gmail.com")  # fmt: skip
    with pytest.raises(AssertionError):
        _assert_clean([f"oops {s.ssn}"], s)
