"""The keyword screen: it may let a clean text through, but never hides a match."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import factories as f
from postlint.packs import builtin_pack
from postlint.rules.confidential_keywords import ConfidentialKeywords
from postlint.text.keywords import KeywordMatcher, compile_packs, normalise_term
from postlint.text.normalize import fold, words
from postlint.text.screen import _GAPS, _PROSE, _char_reading, key_reading, pattern_readings
from postlint.text.zones import post_zones

BUILTIN = ("syracuse/confidential", builtin_pack("syracuse", "confidential"))

#: A department pack with what the built-in pack lacks: punctuation and non-ASCII in
#: terms, capitals-only terms, several patterns, a prefix, exceptions.
DEPARTMENT = (
    "dept",
    {
        "groups": {
            "odd": {
                "any": [
                    "u.s. only",
                    "секретно",
                    "機密",
                    "ref#42",
                    {"term": "dpw", "form": "upper"},
                    {"term": "nda", "form": "banner"},
                    {"term": "embargo", "match": "prefix"},
                    {"term": "sealed", "except": ["sealed bids"]},
                ]
            },
            "patterns": {
                "any": [
                    {"pattern": r"\bcase#\d{3,}"},
                    {"pattern": r"(?i)ticket-[a-z]{2}/\d+"},
                    {"pattern": r"[a-z]+@corp\.example"},
                    {"pattern": r"\b(?:draft|final)::v\d"},
                ]
            },
        }
    },
)

_MARKINGS = [
    "internal use only", "confidential memo", "CONFIDENTIAL", "pre-decisional", "embargoed",
    "EMBARGOED", "do not distribute", "CUI//SP-PRVCY", "U//FOUO", "attorney-client privilege",
    "(FOUO)", "\nLES\n", "(CUI)", "[SBU]", "HIPAA PHI", "\nPHI\n", "NOFORN", "FED ONLY",
    "\nDELIBERATIVE\n", "executive session minutes", "u.s. only", "U.S. ONLY", "секретно",
    "機密", "ref#42", "DPW", "\nNDA\n", "embargoes", "sealed", "case#1234", "Ticket-AB/77",
    "jane@corp.example", "draft::v2", "embargoed until", "Embargoed copy", "hipaa protected",
]  # fmt: skip

#: Characters that fold, vanish or break: the ones a screen has to get right.
_TRICKY = (
    "\x85\xa0\u2028\u200b\u200d\u00ad\ufeff\u2013\u2014\u2026\u2019\u201c\u0301\ufe0f"
    "ＡＣＵｃｕｉ０１／＃Ⅲ①ﬁßİıſＫΣσ😂🇺\x00\x1c\t\n\r -_./#@$!|+:"
)
_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=32, max_codepoint=126),
        st.sampled_from(_TRICKY),
        st.characters(exclude_categories=("Cs",)),  # lone surrogates: not text
    ),
    max_size=40,
)


def _unscreened(matcher: KeywordMatcher, text: str) -> Any:
    screen, matcher._screen = matcher._screen, None
    try:
        return matcher.scan(text)
    finally:
        matcher._screen = screen


MATCHER = compile_packs([BUILTIN, DEPARTMENT])


@given(before=_TEXT, after=_TEXT, marking=st.sampled_from(_MARKINGS), how=st.integers(0, 9))
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_screen_never_hides_a_match_in_any_text(
    before: str, after: str, marking: str, how: int
) -> None:
    text = f"{before}{f.evade(marking, how)}{after}"
    found = _unscreened(MATCHER, text)
    assert MATCHER.scan(text) == found
    assert MATCHER.could_match(text) or not found


@given(
    text=st.text(alphabet=st.sampled_from(_TRICKY + "abcdefilnortsuABCDEFILNORSTU"), max_size=60)
)
@settings(max_examples=300, deadline=None)
def test_the_screen_never_hides_a_match_in_noise(text: str) -> None:
    found = _unscreened(MATCHER, text)
    assert MATCHER.scan(text) == found
    assert MATCHER.could_match(text) or not found


@given(
    pattern=st.sampled_from(
        [r"\bcase#\d{3,}", r"(?i)ticket-[a-z]{2}/\d+", r"[a-z]+@corp\.example",
         r"\b(?:draft|final)::v\d", r"\b(?:u|cui|secret|top secret|confidential)//[a-z]+"]
    ),
    data=st.data(),
    before=_TEXT,
    after=_TEXT,
)  # fmt: skip
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_pattern_match_always_passes_the_screen(
    pattern: str, data: st.DataObject, before: str, after: str
) -> None:
    written = data.draw(st.from_regex(pattern, fullmatch=True))
    text = f"{before} {written} {after}"
    found = _unscreened(MATCHER, text)
    assert MATCHER.scan(text) == found


@given(st.characters())
@settings(max_examples=2000, deadline=None)
def test_a_character_reads_as_its_fold(ch: str) -> None:
    """The screen reads a non-ASCII character as the words view does (case aside)."""
    if ch.isascii():
        return
    assert _char_reading(ch).encode().translate(_PROSE, _GAPS) == key_reading(fold(ch).text)


@given(before=_TEXT, after=_TEXT, marking=st.sampled_from(_MARKINGS), how=st.integers(0, 9))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_rule_skips_only_posts_with_nothing_to_find(
    before: str, after: str, marking: str, how: int
) -> None:
    """A text-only post skipped by the rule's fast path has no finding."""
    ctx = f.context()
    rule = ConfidentialKeywords()
    post = f.post(text=f"{before}{f.evade(marking, how)}{after}")
    found = [v.message for v in rule.check(post, ctx)]
    matcher, _ = ctx.cache["confidential-keywords:matcher"]
    screen, matcher._screen = matcher._screen, None
    try:
        unscreened = [
            rule._finding(post, hit).message for hit in matcher.scan_zones(post_zones(post))
        ]
    finally:
        matcher._screen = screen
    assert found == unscreened


# ------------------------------------------------------------------ examples


def test_a_line_break_character_before_a_gap_does_not_hide_a_marking() -> None:
    # U+0085 next to a space is a gap in the words view: the marking is there.
    matcher = compile_packs([BUILTIN])
    assert [m.found for m in matcher.scan("memo: INTERNAL\x85 USE ONLY")] == ["internal use only"]


def test_clean_texts_are_screened_out() -> None:
    matcher = compile_packs([BUILTIN])
    for text in [
        "Snow routes are posted: https://t.co/abc //",
        "LIES, SERIES and BLESSINGS",  # "les" in capitals, but no banner
        "Les Misérables at the Landmark 🎭 … tonight’s show",
        "the circuit, the miles, a philosopher",
    ]:
        assert not matcher.scan(text)
    assert not matcher.could_match("Snow routes are posted: https://t.co/abc")
    assert not matcher.could_match("Les Misérables at the Landmark 🎭 … tonight’s show")


@pytest.mark.parametrize(
    ("pattern", "readings"),
    [
        (r"\b(?:u|cui)//[a-z]+", 2 * 25),  # "u//a", "i//a", … (l reads as i)
        (r"a{,2}//", 1),  # the neighbour may be missing: "//" alone
        (r"\w+//", 1),
        (r"(?i)FOO://X", 1),
        (r"\d+", 0),  # no punctuation: cannot be screened
        ("[[:alpha:]]//x", 0),  # a POSIX class Python would read as "]//x"
        (r"(?P<x>a", 0),  # not a pattern Python can read
    ],
)
def test_pattern_readings(pattern: str, readings: int) -> None:
    assert len(pattern_readings(pattern)) == readings


def test_an_unscreenable_pattern_turns_the_screen_off() -> None:
    pack = {"groups": {"g": {"any": [{"pattern": "[[:alpha:]]//x"}]}}}
    matcher = compile_packs([BUILTIN, ("d", pack)])
    assert matcher._screen is None
    assert [m.found for m in matcher.scan("see a//x")] == ["a//x"]


@given(st.text(alphabet="abcXYZ019 .-_\t", max_size=14))
@settings(max_examples=500, deadline=None)
def test_a_plain_term_is_normalised_as_the_words_view_reads_it(term: str) -> None:
    assert normalise_term(term) == words(term).text.strip(" ")
