"""Normalised views: evasion folded away, every character traced back to the original."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postlint.text.normalize import fold, leet_reads_as, leet_skeleton, words

ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u202e", "\u2066"]
#: Look-alike letters from other scripts (Cyrillic, Greek) and fullwidth forms.
LOOKALIKES = {"c": "сＣ", "o": "оοＯ", "e": "еＥ", "a": "аＡ", "i": "іＩ", "n": "Ｎ", "l": "Ｌ",
              "s": "ѕＳ", "p": "рΡ", "t": "Ｔ", "d": "Ｄ", "f": "Ｆ", "u": "Ｕ", "y": "уＹ",
              "r": "Ｒ"}  # fmt: skip
MARKINGS = ["confidential", "internal use only", "for official use only", "do not distribute",
            "attorney work product", "pre decisional", "law enforcement sensitive"]  # fmt: skip


@pytest.mark.parametrize(
    ("written", "reads"),
    [
        ("INTERNAL USE ONLY", "internal use only"),
        ("ＣＯＮＦＩＤＥＮＴＩＡＬ", "confidential"),  # fullwidth
        ("𝐂𝐎𝐍𝐅𝐈𝐃𝐄𝐍𝐓𝐈𝐀𝐋", "confidential"),  # mathematical bold
        ("СОNFIDENTIAL", "confidential"),  # Cyrillic С and О
        ("ΙNTERNAL", "internal"),  # Greek capital iota reads as I, not l
        ("con\u200bfi\u00adden\u2060tial", "confidential"),  # zero-width, soft hyphen
        ("c o n f i d e n t i a l", "confidential"),
        ("C.O.N.F.I.D.E.N.T.I.A.L.", "confidential."),
        ("c-o-n-f-i-d-e-n-t-i-a-l", "confidential"),
        ("i n t e r n a l  u s e  o n l y", "internal use only"),
        ("Internal–use—only", "internal use only"),  # en and em dashes
        ("pre-decisional\n  memo", "pre decisional memo"),
        ("conﬁdential", "confidential"),  # the "fi" ligature
        ("cönfidéntial", "confidential"),  # marks dropped
    ],
)
def test_words_view_reads_through_evasion(written: str, reads: str) -> None:
    view = words(written)
    assert view.text == reads
    assert view.original_span(0, len(view.text)) == (0, len(written.rstrip()))


def test_ascii_takes_the_identity_fast_path() -> None:
    view = fold("Snow Emergency from 7 PM")
    assert view.text == "snow emergency from 7 pm"
    assert view.index is None
    assert view.original_span(5, 14) == (5, 14)


def test_digits_of_other_scripts_read_as_ascii() -> None:
    assert fold("３１５-٥٥٥-０١٤٢").text == "315-555-0142"
    assert fold("315‐555‑0142").text == "315-555-0142"  # hyphen variants


def test_spaced_runs_keep_word_gaps_and_leave_prose_alone() -> None:
    assert words("Plan A is ready").text == "plan a is ready"
    assert words("u s e  o n l y").text == "use only"


def test_leetspeak_skeleton_and_verification() -> None:
    assert leet_skeleton("plain words only") is None
    skeleton = leet_skeleton("c0nf1d3nt1al")
    assert skeleton is not None
    assert skeleton == "confidentiai"  # l and 1 share a letter in the skeleton
    assert leet_reads_as("c0nf1d3nt1a1", "confidential")
    assert not leet_reads_as("confidential", "confidential")  # nothing substituted
    assert not leet_reads_as("c0nf1d3nt1xl", "confidential")


# ------------------------------------------------------------------ properties


@given(st.text(max_size=60))
def test_offset_map_points_inside_the_original(text: str) -> None:
    for view in (fold(text), words(text)):
        if view.index is not None:
            assert len(view.index) == len(view.text)
            assert view.index == sorted(view.index)
            assert all(0 <= i < len(text) for i in view.index)
        for start in range(len(view.text)):
            s, e = view.original_span(start, min(len(view.text), start + 3))
            assert 0 <= s < e <= len(text)


@st.composite
def disguised(draw: st.DrawFn) -> tuple[str, str]:
    """A marking with zero-width characters and look-alike letters mixed in."""
    term = draw(st.sampled_from(MARKINGS))
    out = []
    for ch in term:
        choices = LOOKALIKES.get(ch, "")
        if choices and draw(st.booleans()):
            ch = draw(st.sampled_from(choices))
        elif draw(st.booleans()):
            ch = ch.upper()
        out.append(ch)
        if ch != " " and draw(st.integers(0, 4)) == 0:
            out.append(draw(st.sampled_from(ZERO_WIDTH)))
    return term, "".join(out)


@given(disguised(), st.sampled_from(["", "Note: ", "Draft budget — "]),
       st.sampled_from(["", ".", " - see attached", "\nthanks"]))  # fmt: skip
def test_a_disguised_marking_reads_as_itself_and_maps_back(
    case: tuple[str, str], before: str, after: str
) -> None:
    term, written = case
    text = before + written + after
    view = words(text)
    at = view.text.find(term)
    assert at >= 0, (text, view.text)
    s, e = view.original_span(at, at + len(term))
    assert words(text[s:e]).text == term
    assert s >= len(before)
    assert e <= len(before) + len(written)
