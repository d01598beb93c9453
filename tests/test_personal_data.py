"""``personal-data``: validated numbers, contact details in context, values always masked."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import factories as f
import postlint
from postlint.api import lint_paths
from postlint.rules.personal_data import PersonalData
from postlint.text.personal import (
    aba_valid,
    card_valid,
    itin_valid,
    luhn_valid,
    mask_digits,
    mask_email,
    ssn_valid,
)

RULE = "personal-data"


def findings(text: str = "", linter: Any = None, **post: Any) -> list[postlint.Violation]:
    linter = linter or f.linter()
    return [v for v in linter.check(f.post(text=text, **post)) if v.rule == RULE]


# ------------------------------------------------------------------ validators


def test_validators() -> None:
    assert luhn_valid("4111111111111111") and not luhn_valid("4111111111111112")
    assert card_valid("378282246310005")  # a 15-digit test card
    assert not card_valid("1111111111111117")  # no issuer starts with 1
    assert ssn_valid("536904399")
    for bad in ("000123456", "666123456", "900123456", "536004399", "536900000",
                "123456789", "078051120", "111111111"):  # fmt: skip
        assert not ssn_valid(bad), bad
    assert itin_valid("912701234") and not itin_valid("912401234")
    assert aba_valid("021000021") and not aba_valid("021000022") and not aba_valid("521000021")


def test_masks_keep_four_digits_at_most() -> None:
    assert mask_digits("3155550142") == "•••0142"
    assert mask_digits("5550142") == "•••142"  # short values keep fewer digits
    assert mask_email("jane.q", "gmail.com") == "j***@gmail.com"


# ------------------------------------------------------------------ the rule


@pytest.mark.parametrize(
    ("text", "kind", "written"),
    [
        ("Call our coordinator on her cell at 315-555-0142.", "phone number", "315-555-0142"),
        ("Text me: (315) 555-0199", "phone number", "(315) 555-0199"),
        ("her cell: ３１５-５５５-０１４２", "phone number", "３１５-５５５-０１４２"),
        ("her cell: 315.555.O142", "phone number", "315.555.O142"),
        ("text me at 3 1 5 5 5 5 0 1 4 2", "phone number", "3 1 5 5 5 5 0 1 4 2"),
        ("her cell 315–555–0142", "phone number", "315–555–0142"),
        ("her cell 315-555-0142 24 hours a day", "phone number", "315-555-0142"),
        ("call my cell 1 315-555-0142", "phone number", "1 315-555-0142"),
        ("SSN 536-90-4399 on file", "Social Security number", "536-90-4399"),
        ("ssn: 5 3 6 - 9 0 - 4 3 9 9", "Social Security number", "5 3 6 - 9 0 - 4 3 9 9"),
        ("his social security number is 536904399", "Social Security number", "536904399"),
        ("ITIN 912-70-1234", "ITIN", "912-70-1234"),
        ("Refund issued to card 4111 1111 1111 1111.", "payment card number",
         "4111 1111 1111 1111"),
        ("visa 4111111111111111 exp 12/28", "payment card number", "4111111111111111"),
        ("card 4111.1111.1111.1111", "payment card number", "4111.1111.1111.1111"),
        ("bank routing 021000021", "bank routing number", "021000021"),
        ("DOB 03/14/1985", "date of birth", "03/14/1985"),
        ("DOB: 3/14/85", "date of birth", "3/14/85"),
        ("Jane Doe, date of birth March 14, 1985", "date of birth", "March 14, 1985"),
        ("driver's license 123456789", "driver licence number", "123456789"),
        ("passport no. X12345678", "passport number", "X12345678"),
        ("or email jane.q.resident@gmail.com", "e-mail address", "jane.q.resident@gmail.com"),
        ("her email is jane@acme-law.com", "e-mail address", "jane@acme-law.com"),
        ("email jane.q [at] gmail [dot] com", "e-mail address", "jane.q [at] gmail [dot] com"),
        ("email jane.q(at)gmail.com", "e-mail address", "jane.q(at)gmail.com"),
    ],
)  # fmt: skip
def test_personal_data_is_found_named_and_masked(text: str, kind: str, written: str) -> None:
    found = findings(text)
    assert len(found) == 1, [v.message for v in found]
    v = found[0]
    assert kind in v.message
    assert v.span is not None and text[v.span[0] : v.span[1]] == written
    assert v.clauses == ("SMP-4b", "SMP-11")
    digits = re.sub(r"\D", "", written)
    if len(digits) > 4:
        assert digits not in re.sub(r"\D", "", v.message)
    assert written not in v.message


@pytest.mark.parametrize(
    "text",
    [
        "Questions? Call 311 or email communications@syr.gov.",
        "Call the Parks office at 315-448-8005.",  # published City number, no personal context
        "2,400 residents in ZIP 13202 got new bins on 11/21/2026.",
        "Meeting 2026-11-25 at 7 pm at 233 E Washington St, Syracuse NY 13202-1234.",
        "card 4111 1111 1111 1112",  # fails Luhn
        "SSN 000-12-3456",  # area 000 is never issued
        "Example SSN: 123-45-6789",  # the published example
        "order 536-90-4399 shipped",  # a 3-2-4 order number
        "Email info@acme.org or press@syr.gov for details",
        "write to jane@acme-law.com",  # another organisation's address, no personal context
        "Born on January 15, 1929, Dr. King changed the nation.",
        "Photos: https://x.com/SyracuseDPW/status/1991234567890123456",
        "We plowed 1,234,567 feet of road; 4111 trucks; 13202 and 13203.",
        "The 2017-2018 budget and the 2019-2020 plan.",
        "Call her at the City Hall switchboard, 315-448-8005.",
        "Trucks 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 are out on my cell route.",
        "Mobile food pantry on Saturday: call 315-435-2700.",  # an agency's number
        "Email my office at rep.smith@mail.house.gov",  # a public office's address
        "Residents can email recycling@acme-hauling.com with questions.",
        "Cell tower permits: call 315-448-8005.",
    ],
)
def test_no_hit(text: str) -> None:
    assert findings(text) == []


def test_phone_allow_list_from_the_config() -> None:
    text = "Call my cell, 315-555-0142"
    assert len(findings(text)) == 1
    config = {"city": {"phone_allowlist": ["311", "(315) 555-0142"]}}
    assert findings(text, linter=f.linter(config)) == []


def test_city_domains_from_the_config_pass() -> None:
    text = "her email is jane@parks.example.org"
    assert len(findings(text)) == 1
    config = {"city": {"domains": ["example.org"]}}
    assert findings(text, linter=f.linter(config)) == []


def test_alt_text_and_quotes_are_read() -> None:
    found = findings(
        media=[{"file": "a.jpg", "alt": "Sticky note: her cell 315-555-0177"}],
        quotes=[{"speaker": "Mayor's Office", "consent": "CR-2", "text": "SSN 536-90-4399"}],
    )
    assert sorted(v.field or "" for v in found) == ["media[0].alt", "quotes[0].text"]


def test_applies_on_personal_accounts_too() -> None:
    found = findings("text me 315-555-0123", account="dpw-liaison-personal")
    assert len(found) == 1


# ------------------------------------------------------------------ properties


def _shown_digits(message: str) -> str:
    """The digits of the masked value: the first parenthesised part of a message."""
    shown = re.search(r"\(([^)]*)\)", message)
    assert shown is not None
    return re.sub(r"\D", "", shown.group(1))


def _luhn_complete(body: str) -> str:
    for check in "0123456789":
        if luhn_valid(body + check):
            return body + check
    raise AssertionError("unreachable")


@settings(max_examples=60)
@given(
    st.text("0123456789", min_size=14, max_size=14).map(lambda b: _luhn_complete("4" + b)),
    st.sampled_from([" ", "-", "."]),
)
def test_no_message_holds_a_card_number(number: str, sep: str) -> None:
    written = sep.join(number[i : i + 4] for i in range(0, 16, 4))
    found = findings(f"Refund to card {written} today")
    assert len(found) == 1
    assert _shown_digits(found[0].message) == number[-4:]
    assert number not in re.sub(r"\D", "", found[0].message)
    assert written not in found[0].message


@settings(max_examples=60)
@given(
    st.integers(1, 665).filter(lambda a: a != 0),
    st.integers(1, 99),
    st.integers(1, 9999),
    st.sampled_from(["-", " ", "."]),
)
def test_valid_ssns_are_found_and_never_shown(area: int, group: int, serial: int, sep: str) -> None:
    digits = f"{area:03d}{group:02d}{serial:04d}"
    if not ssn_valid(digits):
        return
    written = sep.join([digits[:3], digits[3:5], digits[5:]])
    found = findings(f"SSN {written} on the form")
    assert len(found) == 1
    message = found[0].message
    assert _shown_digits(message) == digits[-4:]  # area and group never shown
    assert digits not in re.sub(r"\D", "", message)
    assert written not in message


@settings(max_examples=60)
@given(
    st.integers(0, 99),
    st.text("abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=10),
    st.sampled_from(["-", ".", " ", "–"]),
)
def test_contact_details_are_found_and_never_shown(n: int, name: str, sep: str) -> None:
    phone = sep.join(["315", "555", f"01{n:02d}"])
    email = f"{name}.resident@gmail.com"
    found = findings(f"Reach her cell at {phone} or email {email} today")
    assert sorted(v.message.split(" (")[0] for v in found) == [
        "a phone number", "a private e-mail address",
    ]  # fmt: skip
    for v in found:
        assert phone not in v.message and email not in v.message
        assert f"555{sep}01" not in v.message
    assert any(f"({name[0]}***@gmail.com)" in v.message for v in found)


def test_hostile_input_stays_fast() -> None:
    import time

    text = "her cell 315-555-0142 x@gmail.com " * 800 + "1 " * 5000 + "a"
    start = time.perf_counter()
    found = findings(text)
    assert len(found) == 1600
    assert time.perf_counter() - start < 5  # linear work; seconds would mean a regression


# ------------------------------------------------------------------ end to end


def test_example_repo_budget_draft(shared_dir: Path, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(shared_dir / "examples" / "content-repo", repo)
    report = lint_paths([repo], today=dt.date(2026, 11, 25), entry_point_plugins=False)
    found = sorted((v for v in report.violations if v.rule == RULE), key=lambda v: v.column or 0)
    assert [(Path(v.path or "").name, v.line) for v in found] == [
        ("2026-11-21-budget-draft.md", 18),
        ("2026-11-21-budget-draft.md", 18),
    ]
    phone, email = found
    assert "phone number (•••0142)" in phone.message
    assert "j***@gmail.com" in email.message
    raw = (repo / "posts" / "2026-11-21-budget-draft.md").read_text(encoding="utf-8")
    assert "315-555-0142" in raw and "jane.q.resident" in raw
    for v in found:
        dumped = v.model_dump_json()
        assert "555-0142" not in dumped and "3155550142" not in dumped
        assert "jane.q.resident" not in dumped


def test_rule_metadata() -> None:
    assert PersonalData.scope == frozenset({"official", "personal"})
    doc = PersonalData.doc()
    for section in ("What it checks", "Why", "Fails", "Passes", "Configure"):
        assert section in doc


# ---------------------------------------------------------------- the cheap screen

_PII = ["her cell 315-555-0142", "SSN 536-90-4399", "card 4111 1111 1111 1111",
        "email me at jane.doe@gmail.com", "DOB 3/14/85", "jane [at] yahoo [dot] com",
        "home phone (315) 555-0187", "passport no. 123456789", "3l5-555-Ol42 is my cell"]  # fmt: skip


@given(
    before=st.text(max_size=50),
    after=st.text(max_size=50),
    pii=st.sampled_from(_PII),
    noise=st.sampled_from(["", " @user", " https://t.co/a1b2c3", " 12 people", " ＠"]),
)
@settings(max_examples=300, deadline=None)
def test_the_screen_never_hides_a_finding(before: str, after: str, pii: str, noise: str) -> None:
    """The screen skips a text only when the full scan would find nothing in it."""
    import postlint.text.personal as personal

    ctx = f.context()
    list(PersonalData().check(f.post(text="warm up"), ctx))
    settings_ = ctx.cache["personal-data:settings"]
    text = f"{before} {pii}{noise} {after}"
    screened = personal.find_personal_data(text, settings_)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(personal, "_may_hold_personal_data", lambda *_: True)
        assert screened == personal.find_personal_data(text, settings_)


def _pack_settings() -> Any:
    ctx = f.context()
    list(PersonalData().check(f.post(text="warm up"), ctx))
    return ctx.cache["personal-data:settings"]


def _screen_keeps_every_finding(text: str, settings_: Any) -> None:
    import postlint.text.personal as personal

    screened = personal.find_personal_data(text, settings_)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(personal, "_may_hold_personal_data", lambda *_: True)
        assert screened == personal.find_personal_data(text, settings_), text


# Personal data written the hard ways: other digits, split, glued to links, look-alikes.
_HARD_PII = ["her cell ３１５－５５５－０１４２", "her cell ٣١٥-٥٥٥-٠١٤٢", "my cell 𝟑𝟏𝟓-𝟓𝟓𝟓-𝟎𝟏𝟒𝟐",
             "her cell ⑶⑴⑸ 555 0142", "my cell ³¹⁵-555-0142", "her cell 315\u200b-555-0142",
             "my cell б55-0142", "card 4111 llll llll llll", "SSN 536-9O-4399", "DOB ３/１４/８５",
             "email jane＠gmail.com", "email jane\u200b@gmail.com", "email ｊａｎｅ@gmail.com",
             "jane ［at］ yahoo ［dot］ com", "jane ⑴at⑴ x", "bank account http://x/12345 6lllllll",
             "dobhttp://t.co/x 3/14/85", "bornwww.x.io 3/4/85", "her cell 315-555-0142https://t.co/a",
             "driver license 123456789", "passport no. 123456789", "DL# A1234567", "born 1/2/1990",
             "bank account 12345678", "routing 021000021", "ssn 536904399", "+44 20 7946 0958 my cell",
             "my number 555-0142", "her email jdoe@example.org", "amex 3782 822463 10005"]  # fmt: skip
# Characters the screen reads specially, and some that fold to them.
_FOLDING = ["\u200b", "\u00ad", "３", "٣", "𝟑", "⑶", "³", "½", "б", "＠", "﹫", "（", "［", "–", "é",
            "😀"]  # fmt: skip
_SCREEN_ALPHABET = st.sampled_from(
    [
        *"0123456789 .-()[]@+/:lLoOatdbrnhpw",
        *_FOLDING,
        *["http://", "www.", "at", "dob", "born", "ssn", "cell", "card", "passport", "bank"],
    ]
)


@given(
    before=st.lists(_SCREEN_ALPHABET, max_size=30).map("".join),
    after=st.lists(_SCREEN_ALPHABET, max_size=30).map("".join),
    pii=st.sampled_from(["", *_PII, *_HARD_PII]),
)
@settings(max_examples=500, deadline=None)
def test_the_screen_never_hides_a_finding_written_the_hard_ways(
    before: str, after: str, pii: str
) -> None:
    """Screened text: digits of other scripts and forms, characters folded away,
    look-alike letters, links glued to words, "@" and brackets in every form."""
    _screen_keeps_every_finding(f"{before}{pii}{after}", _pack_settings())


@pytest.mark.parametrize("text", [*_HARD_PII, *_PII])
def test_the_screen_keeps_the_hard_cases(text: str) -> None:
    settings_ = _pack_settings()
    for written in (text, f"x {text} y", f"{text}\u200b", text.upper()):
        _screen_keeps_every_finding(written, settings_)


def test_a_word_glued_to_a_link_still_counts() -> None:
    """The scan blanks links out, so a context word right before one stands alone."""
    import postlint.text.personal as personal

    settings_ = _pack_settings()
    assert [h.kind for h in personal.find_personal_data("dobhttp://t.co/x 3/14/85", settings_)] == [
        "date of birth"
    ]


# The unbounded run pattern the finder's seven-digit one stands for.
_ANY_RUN = re.compile(r"(?<![\w@])\+?\(?\d(?:(?:[ .]?-[ .]?|[ .]|\) ?|\()?\d)*\)?(?![\w@])")


@given(st.lists(st.sampled_from(list("0123456789 .-()+a@_")), max_size=60).map("".join))
@settings(max_examples=500, deadline=None)
def test_seven_digit_runs_are_the_long_runs_of_any_length(text: str) -> None:
    import postlint.text.personal as personal

    long_runs = [
        m.span() for m in _ANY_RUN.finditer(text) if sum(c.isdigit() for c in m.group()) >= 7
    ]
    assert [m.span() for m in personal._RUN.finditer(text)] == long_runs


def test_characters_known_plain_never_cover_one_that_folds_to_a_digit() -> None:
    import postlint.text.personal as personal

    greek = "".join(chr(c) for c in range(0x3B1, 0x3CA))
    for ch in greek:  # learned one by one, then told by one match
        assert personal._only_plain(f"{ch} x")
    assert personal._only_plain(f"{greek} 12 @x")
    for other in ("３", "٣", "⑶", "＠", "（", "［", "б"):
        assert not personal._only_plain(f"{greek} {other}")
