"""Personal data in text: validators and a finder that never keeps the value in view.

Each kind is decided the way validated recognisers decide it: a shape, then a checksum
or validity rule, then context words where the shape alone is weak. Numbers are read on
the :func:`~postlint.text.normalize.fold` view, so fullwidth and other-script digits,
dash variants and digits split by spaces, dots or dashes still count, and every span
maps back to the original characters. Results carry a *masked* value only (the last
four digits at most, or ``j***@gmail.com``): the raw value never leaves this module.

Cheap screen first: a text with fewer than four digits, no "@" after an address
character and no bracket costs a few byte operations and no regular expression.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from postlint.text.normalize import View, fold

# A run of digits joined by single separators ("315-555-0142", "5 3 6 - 9 0 - 4 3 9 9",
# "(315) 555.0142"); letters, commas and slashes end a run, so dates written with
# slashes, counts with commas and prose numbers stay apart. Only runs of seven digits
# or more can hold a number: at each place one separator at most is followed by a
# digit, so the pattern asks for seven digits and finds exactly those runs of the
# unbounded pattern (``{6,}`` for ``*``) without stopping at every short one.
_RUN = re.compile(r"(?<![\w@])\+?\(?\d(?:(?:[ .]?-[ .]?|[ .]|\) ?|\()?\d){6,}\)?(?![\w@])")
_ANY_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"\d+")
_GROUP_SPLIT = re.compile(r"\D+")
_BIG_SEP = re.compile(r"[ .]?-[ .]?|\) ?|\(| {2,}")
_EMAIL = re.compile(
    r"(?<![\w.+-])([a-z0-9](?:[a-z0-9._%+-]{0,63}))@((?:[a-z0-9](?:[a-z0-9-]{0,62})\.)+([a-z]{2,24}))(?![\w-])"
)
# "jane.doe [at] gmail [dot] com", "jane (at) gmail.com": brackets make the words a spelling.
_EMAIL_SPELLED = re.compile(
    r"(?<![\w.+-])([a-z0-9][a-z0-9._%+-]{0,63}) ?[\[(] ?at ?[\])] ?"
    r"((?:[a-z0-9][a-z0-9-]{0,62}(?: ?[\[(] ?dot ?[\])] ?|\.))+[a-z]{2,24})(?![\w-])"
)
_SPELLED_AT = re.compile(r"[\[(] ?at ?[\])]", re.IGNORECASE)
_SPELLED_DOT = re.compile(r" ?[\[(] ?dot ?[\])] ?")
_URL = re.compile(r"(?:https?://|www\.)\S+")
# A number-like token: digits, "o" and "l", single separators (those with six digits or
# more and an "o" or "l" are read as numbers).
_LOOKALIKE_TOKEN = re.compile(r"(?<![a-z])[0-9ol](?:[ .-]?[0-9ol])*(?![a-z])")
# Six digits with only token characters between them: what such a token needs.
_SIX_DIGITS_TOKEN = re.compile(r"[0-9](?:[ol .-]*[0-9]){5}")
_DATE = re.compile(
    r"\b(?:\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d{2}|(?:19|20)\d{2}-\d{1,2}-\d{1,2}"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2},? (?:19|20)\d{2}"
    r"|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? (?:19|20)\d{2})\b"
)
_ID_TOKEN = re.compile(r"(?<![\w])[a-z]{0,2}[ -]?\d(?:[ -]?\d){5,17}(?![\w])")

#: Runs with more digit groups than this are a table of numbers, not one glued number:
#: their stretches are not searched (keeps hostile input linear).
_MAX_GROUPS = 40

#: Social Security numbers SSA never issued or that are published examples.
_KNOWN_INVALID_SSN = frozenset({"123456789", "078051120", "219099999", "457555462"})


@dataclass(frozen=True)
class PersonalDataHit:
    """One piece of personal data: its kind, where it is, and a masked rendering."""

    kind: str
    span: tuple[int, int]
    masked: str

    def __repr__(self) -> str:  # the span and mask only: never the value
        return f"PersonalDataHit(kind={self.kind!r}, span={self.span}, masked={self.masked!r})"


@dataclass(frozen=True)
class PersonalDataSettings:
    """What the finder needs from the pack and the City settings."""

    context: Mapping[str, Any] = field(default_factory=dict)  # kind → compiled pattern
    window: int = 6
    free_mail: frozenset[str] = frozenset()
    public_sector: tuple[str, ...] = ()
    role_addresses: frozenset[str] = frozenset()
    city_domains: tuple[str, ...] = ()
    phone_allowlist: frozenset[str] = frozenset()
    #: For the screen: the words of ``dob`` and ``born`` ("dates"), of ``driver_license``
    #: and ``passport`` ("ids"), and of all four ("words"), as bare literals (a word
    #: boundary search needs one of them to match).
    gates: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        pack: Mapping[str, Any],
        *,
        city_domains: Iterable[str] = (),
        phone_allowlist: Iterable[str] = (),
    ) -> PersonalDataSettings:
        """Settings from the ``personal-data`` pack and the City's facts."""
        words = pack.get("context") or {}
        context = {kind: _words_pattern(w) for kind, w in words.items()}
        gates = {
            gate: _literals_pattern([w for kind in kinds for w in words.get(kind) or []])
            for gate, kinds in _GATES.items()
        }
        return cls(
            context=context,
            gates=gates,
            window=int(pack.get("window", 6)),
            free_mail=frozenset(d.lower() for d in pack.get("free_mail_domains") or []),
            public_sector=tuple(
                d.lower().lstrip(".") for d in pack.get("public_sector_domains") or []
            ),
            role_addresses=frozenset(r.lower() for r in pack.get("role_addresses") or []),
            city_domains=tuple(d.lower().lstrip("@.") for d in city_domains),
            phone_allowlist=frozenset(
                d for d in (re.sub(r"\D", "", p) for p in phone_allowlist) if d
            ),
        )


#: A number judged and cleared (an allow-listed City number): not to be split further.
_CLEARED = PersonalDataHit("cleared", (0, 0), "")


# ------------------------------------------------------------------- validators


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) checksum of payment card numbers."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def ssn_valid(digits: str) -> bool:
    """A Social Security number SSA could have issued (area, group, serial rules)."""
    if len(digits) != 9 or not digits.isdigit() or len(set(digits)) == 1:
        return False
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    if area in ("000", "666") or area[0] == "9" or group == "00" or serial == "0000":
        return False
    return digits not in _KNOWN_INVALID_SSN


def itin_valid(digits: str) -> bool:
    """An ITIN: starts with 9, group 50–65, 70–88, 90–92 or 94–99."""
    if len(digits) != 9 or not digits.isdigit() or digits[0] != "9":
        return False
    group = int(digits[3:5])
    return 50 <= group <= 65 or 70 <= group <= 88 or 90 <= group <= 92 or 94 <= group <= 99


def card_valid(digits: str) -> bool:
    """A payment card number: 13–19 digits, issuer prefix 3/4/5/6, Luhn checksum."""
    return (
        13 <= len(digits) <= 19
        and digits[0] in "3456"
        and len(set(digits)) > 1
        and luhn_valid(digits)
    )


def aba_valid(digits: str) -> bool:
    """An ABA routing number: 9 digits, first digit 0–3 or 6–8, weights 3-7-1 mod 10."""
    if len(digits) != 9 or not digits.isdigit() or digits[0] not in "0123678":
        return False
    if len(set(digits)) == 1:
        return False
    weights = (3, 7, 1) * 3
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 10 == 0


def nanp_phone(digits: str) -> bool:
    """A North American number: area code and exchange start with 2–9 (555-01xx count)."""
    if len(digits) == 11 and digits[0] == "1":
        digits = digits[1:]
    if len(digits) == 10:
        return digits[0] in "23456789" and digits[3] in "23456789" and digits[1:3] != "11"
    return len(digits) == 7 and digits[0] in "23456789"


def international_phone(digits: str) -> bool:
    """A number written with "+" and a country code that the numbering plan accepts."""
    import phonenumbers  # only for the rare "+" number: keeps cold start light

    try:
        parsed = phonenumbers.parse("+" + digits, None)
    except phonenumbers.NumberParseException:
        return False
    return bool(phonenumbers.is_possible_number(parsed))


# ------------------------------------------------------------------- masking


def mask_digits(digits: str) -> str:
    """``•••0142``: the last four digits at most (fewer for short values)."""
    keep = 4 if len(digits) >= 8 else max(0, len(digits) - 4)
    return "•" * 3 + digits[len(digits) - keep :] if keep else "•" * 3


def mask_email(local: str, domain: str) -> str:
    """``j***@gmail.com``: the first letter of the local part and the domain."""
    return f"{local[:1]}***@{domain}"


# ------------------------------------------------------------------- finding


def find_personal_data(text: str, settings: PersonalDataSettings) -> list[PersonalDataHit]:
    """Every piece of personal data in ``text`` (spans in ``text``, values masked)."""
    if not text or not _may_hold_personal_data(text, settings):
        return []
    view = fold(text)
    scan = _without_urls(_lookalike_digits(view.text))
    hits: list[PersonalDataHit] = []
    hits.extend(_numbers(view, scan, settings))
    hits.extend(_emails(view, scan, settings))
    hits.extend(_dates_of_birth(view, scan, settings))
    hits.extend(_id_numbers(view, scan, settings))
    return _dedupe(hits)


#: Every finding needs this many digits in the scanned text (a date of birth "3/1/85"
#: 4, an id number 6, any other number 7), or an "@" or a bracketed "at".
_MIN_DIGITS = 4
#: Every byte to "a", digits to "0": ``raw.translate(_DIGITS_TO_0).count(48)`` counts
#: digits (a translation without deletions is a plain copy loop).
_DIGITS_TO_0 = bytes(48 if 48 <= b <= 57 else 97 for b in range(256))
#: Characters an e-mail address's local part can end with, right before its "@".
_LOCAL_END = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")
# An "@" right after such a character (the literal first: the search skips to each "@").
_ADDRESS_AT = re.compile(r"@(?<=[A-Za-z0-9._%+-].)")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
#: Folded characters that could be part of a number or an address.
_RISKY_FOLD = frozenset("0123456789@([")
# What a bracketed "at" can be written as when the bracket is ASCII and the other
# characters may be folded into letters, spaces or the closing bracket, or away.
_MAY_SPELL_AT = re.compile(r"[\[(](?:[ aAtT]|[^\x00-\x7f])*(?:[\])]|[^\x00-\x7f])")
# Seven digits with at most a run separator between each two: what a run needs.
_SEVEN_DIGITS = re.compile(r"\d(?:[ .()-]{0,3}\d){6}")
# Six digits with only run separators and "o"/"l" between: what a run of seven
# digits (seven would do) or a number-like token with look-alike letters needs.
_SIX_DIGITS_NEAR = re.compile(r"\d(?:[ol .()-]*\d){5}")


def _may_hold_personal_data(text: str, s: PersonalDataSettings) -> bool:
    """A screen that never hides a finding: whether any finder has something to judge.

    Most posts have fewer than four digits and no address: that costs a few byte
    operations on the text as written. The rest are decided on the text the finders
    read, by the searches they start with.
    """
    if not text.isascii():
        return _other_may_hold(text) and _view_may_hold(fold(text).text, s)
    digits = text.encode().translate(_DIGITS_TO_0).count(48)
    if ("@" in text and _ADDRESS_AT.search(text) is not None) or (
        ("(" in text or "[" in text) and _SPELLED_AT.search(text) is not None
    ):
        return _view_may_hold(text.lower(), s)
    # No address: only numbers and dates, on fold's reading of ASCII text.
    return digits >= _MIN_DIGITS and _numbers_may_hold(text.lower(), digits, s)


def _other_may_hold(text: str) -> bool:
    """Whether text with non-ASCII characters may have four digits, an address-shaped
    "@" or a bracket once folded (without folding it).

    Folding reads each character on its own, so when none of the others reads as a
    digit, an "@" or a bracket, the view has the digits, "@"s and brackets of the
    text's ASCII characters, and only a character folded away or read as a letter can
    stand right before an "@".
    """
    if not _only_plain(text):
        return True
    raw = text.encode("ascii", "ignore")
    if raw.translate(_DIGITS_TO_0).count(48) >= _MIN_DIGITS:
        return True
    if (b"(" in raw or b"[" in raw) and _MAY_SPELL_AT.search(text) is not None:
        return True
    at = text.find("@", 1)
    while at != -1:
        before = text[at - 1]
        if before in _LOCAL_END or (not before.isascii() and _may_end_local(before)):
            return True
        at = text.find("@", at + 1)
    return False


@functools.lru_cache(maxsize=4096)
def _folded_char(ch: str) -> str:
    """The folded reading of one character (a pure function of it: cached)."""
    return fold(ch).text


#: Characters seen whose folded reading has no digit, "@" or bracket (bounded), and
#: a pattern matching text made of ASCII and such characters (rebuilt as they grow).
_PLAIN_CHARS: set[str] = set()
_PLAIN_CHARS_MAX = 65536
_plain_text: list[re.Pattern[str] | None] = [None]
_plain_built = [0]


def _only_plain(text: str) -> bool:
    """Whether no character of ``text`` reads as a digit, an "@" or a bracket once folded
    (ASCII characters are left to the caller)."""
    pattern = _plain_text[0]
    if pattern is not None and pattern.fullmatch(text) is not None:
        return True  # every character known
    others = set(_NON_ASCII.findall(text))
    if not others <= _PLAIN_CHARS and any(_folds_risky(ch) for ch in others):
        return False
    if len(_PLAIN_CHARS) >= max(16, _plain_built[0] + _plain_built[0] // 4):
        _plain_built[0] = len(_PLAIN_CHARS)
        _plain_text[0] = re.compile("[\\x00-\\x7f" + "".join(sorted(_PLAIN_CHARS)) + "]*")
    return True


def _folds_risky(ch: str) -> bool:
    if ch in _PLAIN_CHARS:
        return False
    if not _RISKY_FOLD.isdisjoint(_folded_char(ch)):
        return True
    if len(_PLAIN_CHARS) < _PLAIN_CHARS_MAX:
        _PLAIN_CHARS.add(ch)
    return False


def _may_end_local(ch: str) -> bool:
    """Whether the view could have an address character where ``ch`` stood before "@"."""
    piece = _folded_char(ch)  # the view may have it lower-cased
    return not piece or piece[-1] in _LOCAL_END or piece.lower()[-1] in _LOCAL_END


def _view_may_hold(view: str, s: PersonalDataSettings) -> bool:
    """Whether any finder has a candidate in the folded ``view`` (the searches they
    start with, on the same scan)."""
    if ("@" in view and _ADDRESS_AT.search(view) is not None) or "(" in view or "[" in view:
        scan = _without_urls(_lookalike_digits(view))
        if "@" in scan and _EMAIL.search(scan) is not None:
            return True
        if ("(" in scan or "[" in scan) and _EMAIL_SPELLED.search(scan) is not None:
            return True
    digits = _digit_count(view)
    return digits >= _MIN_DIGITS and _numbers_may_hold(view, digits, s)


def _numbers_may_hold(view: str, digits: int, s: PersonalDataSettings) -> bool:
    """Whether the number, date and id finders have a candidate in the folded ``view``
    with ``digits`` digits: a number needs a run of seven digits, an id six, a date
    four, each next to its words."""
    # Without six digits close together there is no run of seven and no number-like
    # token to read "o" and "l" in: the scan is the view without its links.
    lookalikes = digits >= 6 and _SIX_DIGITS_NEAR.search(view) is not None
    scan = _without_urls(_lookalike_digits(view) if lookalikes else view)
    if lookalikes:
        digits = _digit_count(scan)
        if _SEVEN_DIGITS.search(scan) is not None and _RUN.search(scan) is not None:
            return True
    if digits < 6:
        return _any_word(s, "dates", scan) and _DATE.search(scan) is not None
    if not _gate_open(s, "words", scan):
        return False
    if _any_word(s, "ids", scan) and _ID_TOKEN.search(scan) is not None:
        return True
    return _any_word(s, "dates", scan) and _DATE.search(scan) is not None


#: The screen's word gates and the context kinds each stands for.
_GATES = {
    "dates": ("dob", "born"),
    "ids": ("driver_license", "passport"),
    "words": ("dob", "born", "driver_license", "passport"),
}


def _gate_open(s: PersonalDataSettings, gate: str, text: str) -> bool:
    """Whether a word of the kinds behind ``gate`` may occur in the text (a quick
    search for the bare words; ``True`` when the settings have no gate)."""
    literals = s.gates.get(gate)
    return literals is None or literals.search(text) is not None


def _any_word(s: PersonalDataSettings, gate: str, text: str) -> bool:
    """Whether a context word of the kinds behind ``gate`` occurs in the text."""
    return _gate_open(s, gate, text) and any(_anywhere(s, kind, text) for kind in _GATES[gate])


def _digit_count(text: str) -> int:
    if text.isascii():
        return text.encode().translate(_DIGITS_TO_0).count(48)
    return len(_ANY_DIGIT.findall(text))


def _numbers(view: View, scan: str, s: PersonalDataSettings) -> Iterator[PersonalDataHit]:
    for run in _RUN.finditer(scan):
        whole = _classify(scan, run.start(), run.end(), s)
        if whole is _CLEARED:
            continue
        if whole is not None:
            yield _located(whole, view)
            continue
        # A run may glue a number to its neighbours ("315-555-0142 24 hours"): try the
        # stretches of consecutive digit groups inside it, longest first, left to right.
        groups = [m.span() for m in _DIGITS.finditer(scan, run.start(), run.end())]
        if not 2 <= len(groups) <= _MAX_GROUPS:
            continue
        i = 0
        while i < len(groups):
            found = None
            for j in _stretch_ends(scan, groups, i):
                found = _classify(scan, groups[i][0], groups[j][1], s)
                if found is not None:
                    if found is not _CLEARED:
                        yield _located(found, view)
                    i = j
                    break
            i += 1


def _stretch_ends(scan: str, groups: list[tuple[int, int]], i: int) -> list[int]:
    """Last-group indexes of the stretches from group ``i`` (19 digits at most), longest
    first, leaving out the whole run (already judged)."""
    ends: list[int] = []
    count = 0
    for j in range(i, len(groups)):
        count += groups[j][1] - groups[j][0]
        if count > 19:
            break
        if count >= 7 and not (i == 0 and j == len(groups) - 1):
            ends.append(j)
    return ends[::-1]


def _located(hit: PersonalDataHit, view: View) -> PersonalDataHit:
    """A hit whose span is in the scanned view, mapped to the original text."""
    return PersonalDataHit(hit.kind, view.original_span(*hit.span), hit.masked)


def _classify(scan: str, start: int, end: int, s: PersonalDataSettings) -> PersonalDataHit | None:
    """What the number written at ``scan[start:end]`` is, if it is personal data.

    :data:`_CLEARED` when it is a number known not to be (a published City number).
    """
    written = scan[start:end]
    digits = re.sub(r"\D", "", written)
    if len(digits) < 7:
        return None
    groups = [len(g) for g in _GROUP_SPLIT.split(written) if g]
    major = [len(re.sub(r"\D", "", g)) for g in _BIG_SEP.split(written.strip("()+ "))]
    spaced = len(groups) == len(digits)  # every digit its own group: evasion

    def near(kind: str) -> bool:
        return _near(s, kind, scan, start, end)

    def hit(kind: str) -> PersonalDataHit:
        return PersonalDataHit(kind, (start, end), mask_digits(digits))

    if len(digits) == 9:
        shaped = major == [3, 2, 4] or groups == [3, 2, 4]
        if (ssn_valid(digits) or itin_valid(digits)) and (
            (shaped and not near("not_ssn")) or ((spaced or groups == [9]) and near("ssn"))
        ):
            return hit("ITIN" if digits[0] == "9" else "Social Security number")
        if aba_valid(digits) and near("bank"):
            return hit("bank routing number")
    if 13 <= len(digits) <= 19 and card_valid(digits):
        shaped = groups in ([4, 4, 4, 4], [4, 6, 5], [4, 6, 4], [4, 4, 4, 4, 3])
        if shaped or ((spaced or len(groups) == 1) and near("card")):
            return hit("payment card number")
    if 8 <= len(digits) <= 17 and near("account") and near("bank"):
        return hit("bank account number")
    if _is_phone(written, digits, groups, spaced) and near("phone"):
        if _allowed_phone(digits, s) or near("city_phone"):
            return _CLEARED
        return hit("phone number")
    return None


def _is_phone(written: str, digits: str, groups: list[int], spaced: bool) -> bool:
    if written.startswith("+") and not (len(digits) == 11 and digits[0] == "1"):
        return international_phone(digits)
    shaped = groups in ([3, 3, 4], [1, 3, 3, 4], [3, 4], [10], [11]) or spaced
    return shaped and nanp_phone(digits)


def _allowed_phone(digits: str, s: PersonalDataSettings) -> bool:
    national = digits[1:] if len(digits) == 11 and digits[0] == "1" else digits
    return any(national.endswith(a) and len(a) >= 7 for a in s.phone_allowlist) or (
        national in s.phone_allowlist
    )


def _addresses(scan: str) -> Iterator[tuple[str, str, tuple[int, int]]]:
    """``(local part, domain, span)`` of each address, also when spelled "jane [at] x [dot] com"."""
    if "@" in scan:
        for m in _EMAIL.finditer(scan):
            yield m.group(1), m.group(2), m.span()
    if "at" in scan:
        for m in _EMAIL_SPELLED.finditer(scan):
            domain = _SPELLED_DOT.sub(".", m.group(2))
            yield m.group(1), domain, m.span()


def _emails(view: View, scan: str, s: PersonalDataSettings) -> Iterator[PersonalDataHit]:
    for local, domain, (start, end) in _addresses(scan):
        if _within(domain, s.city_domains) or _within(domain, s.public_sector):
            continue  # the City's own addresses, and other public offices' published ones
        if local.split("+", 1)[0] in s.role_addresses:
            continue  # an organisation's role address (info@, press@…), not a person's
        free = domain in s.free_mail
        if _near(s, "personal", scan, start, end) or (free and _near(s, "email", scan, start, end)):
            yield PersonalDataHit(
                "private e-mail address", view.original_span(start, end), mask_email(local, domain)
            )


def _dates_of_birth(view: View, scan: str, s: PersonalDataSettings) -> Iterator[PersonalDataHit]:
    if not (_anywhere(s, "dob", scan) or _anywhere(s, "born", scan)):
        return
    for m in _DATE.finditer(scan):
        start, end = m.span()
        numeric = m.group(0)[0].isdigit()
        # "born" with a written-out date is mostly history ("born on January 15, 1929");
        # with a numeric date, or "DOB"/"date of birth" with any date, it is a record.
        if _near(s, "dob", scan, start, end) or (numeric and _near(s, "born", scan, start, end)):
            # The year only (four digits at most): "1985" in any order, else "85".
            year = (re.findall(r"(?:19|20)\d{2}", m.group(0)) or re.findall(r"\d+", m.group(0)))[-1]
            yield PersonalDataHit("date of birth", view.original_span(start, end), f"••/••/{year}")


def _id_numbers(view: View, scan: str, s: PersonalDataSettings) -> Iterator[PersonalDataHit]:
    if not (_anywhere(s, "driver_license", scan) or _anywhere(s, "passport", scan)):
        return
    for m in _ID_TOKEN.finditer(scan):
        start, end = m.span()
        token = re.sub(r"[ -]", "", m.group(0))
        digits = re.sub(r"\D", "", token)
        if len(digits) < 6:
            continue
        for kind, name in (
            ("driver_license", "driver licence number"),
            ("passport", "passport number"),
        ):
            if _near(s, kind, scan, start, end, after=0):
                yield PersonalDataHit(name, view.original_span(start, end), mask_digits(digits))
                break


def _within(domain: str, suffixes: Iterable[str]) -> bool:
    """Whether ``domain`` is one of ``suffixes`` or a subdomain of one."""
    return any(domain == d or domain.endswith("." + d) for d in suffixes)


def _anywhere(s: PersonalDataSettings, kind: str, text: str) -> bool:
    """Whether a context word of ``kind`` occurs in the text at all (a cheap screen)."""
    pattern = s.context.get(kind)
    return pattern is not None and pattern.search(text) is not None


def _near(
    s: PersonalDataSettings, kind: str, text: str, start: int, end: int, *, after: int = 2
) -> bool:
    """Whether a context word of ``kind`` is within the window before (or just after)."""
    pattern = s.context.get(kind)
    if pattern is None:
        return False
    reach = 40 * (s.window + 1)  # a bounded slice: the cost does not grow with the text
    before = text[max(0, start - reach) : start].split()[-s.window :]
    following = text[end : end + 40 * (after + 1)].split()[:after]
    return pattern.search(" ".join([*before, "|", *following])) is not None


def _words_pattern(words: Iterable[str]) -> Any:
    items = _word_items(words)
    if not items:
        return None
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(map(re.escape, items)) + r")(?![a-z0-9])")


def _literals_pattern(words: Iterable[str]) -> Any:
    """The words without their word boundaries: a search that skips ahead quickly."""
    items = _word_items(words)
    return re.compile("|".join(map(re.escape, items))) if items else None


def _word_items(words: Iterable[str]) -> list[str]:
    return sorted({str(w).lower().strip() for w in words if str(w).strip()}, key=len, reverse=True)


def _lookalike_digits(text: str) -> str:
    """Letters "o" and "l" inside a number read as 0 and 1 (same length, so same offsets)."""
    if ("o" not in text and "l" not in text) or _SIX_DIGITS_TOKEN.search(text) is None:
        return text

    def digits_of(m: re.Match[str]) -> str:
        token = m.group(0)
        if sum(c.isdigit() for c in token) < 6 or not ("o" in token or "l" in token):
            return token
        return token.replace("o", "0").replace("l", "1")

    return _LOOKALIKE_TOKEN.sub(digits_of, text)


def _without_urls(text: str) -> str:
    """Addresses blanked out (same length): ids in links are not personal data."""
    if "http" not in text and "www." not in text:
        return text
    return _URL.sub(lambda m: " " * len(m.group(0)), text)


def _dedupe(hits: list[PersonalDataHit]) -> list[PersonalDataHit]:
    hits.sort(key=lambda h: (h.span[0], -(h.span[1] - h.span[0])))
    kept: list[PersonalDataHit] = []
    reach = -1  # the furthest end kept so far: overlapping hits keep the earlier, longer one
    for h in hits:
        if h.span[0] < reach:
            continue
        kept.append(h)
        reach = max(reach, h.span[1])
    return kept
