"""The cheap screens of the media rules never hide a finding.

media-accessibility skips posts without media and without ``#``, judges the bare tags
of a post before placing any, and keeps a bounded verdict per distinct tag;
media-consent and copyright-credit skip posts with nothing they judge.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import factories as f
from postlint.rules import media_accessibility
from postlint.text.hashtags import HASHTAG, SplitSettings, camel_case, find_hashtags
from postlint.violation import Violation

#: The hashtag pattern as first written (look-behind first): the reference for HASHTAG.
REFERENCE = re.compile(r"(?<![\w/#&])#([A-Za-z0-9_]+)(?!\w)")

WORDS = ["parks", "budget", "snow", "emergency", "leaf", "pickup", "city", "hall", "nyc",
         "dpw", "syracuse", "2027", "_", "theranos", "take", "a", "break"]  # fmt: skip
TAG_BODIES = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map("".join)
CASED = st.tuples(TAG_BODIES, st.sampled_from(["lower", "upper", "title", "random"]), st.randoms())


def cased(args: tuple[str, str, Any]) -> str:
    body, how, rng = args
    if how == "upper":
        return body.upper()
    if how == "title":
        return body.capitalize()
    if how == "random":
        return "".join(c.upper() if rng.random() < 0.3 else c for c in body)
    return body


OTHER = ["word", " ", "#", "##", "é", "café", "/", "&", "https://a.gov/x", "\n", ",", "日本",
         "_", "9"]  # fmt: skip
PIECES = st.one_of(CASED.map(lambda a: "#" + cased(a)), st.sampled_from(OTHER))
TEXTS = st.lists(PIECES, max_size=8).map("".join)


def check(**post_fields: Any) -> list[Violation]:
    return f.linter(select=[post_fields.pop("rule")]).check(f.post(**post_fields))


def expected_spans(text: str) -> list[tuple[int, int]]:
    """Each hashtag ``camel_case`` rewrites, by the helpers the rule is built on."""
    ctx = f.context()
    split = SplitSettings.from_pack(ctx.pack("accessibility").get("hashtags"))
    return [(h.start, h.end) for h in find_hashtags(text) if camel_case(h.tag, split) is not None]


@settings(max_examples=300, deadline=None)
@given(st.one_of(TEXTS, st.text(alphabet="#a/&_ é1Z\nÄ", max_size=30), st.text(max_size=30)))
def test_hashtag_pattern_finds_what_the_look_behind_first_pattern_finds(text: str) -> None:
    found = [(m.span(), m.group(1)) for m in HASHTAG.finditer(text)]
    assert found == [(m.span(), m.group(1)) for m in REFERENCE.finditer(text)]
    assert HASHTAG.findall(text) == REFERENCE.findall(text)


@settings(max_examples=150, deadline=None)
@given(text=TEXTS, status=st.sampled_from(["published", "draft"]))
def test_a_finding_for_each_hashtag_camel_case_rewrites(text: str, status: str) -> None:
    fields: dict[str, Any] = {"status": status}
    if status == "draft":
        fields.update(published_at=None, url=None)
    found = check(rule="media-accessibility", text=text, **fields)
    # A post built in code has no file position: its findings are ordered by message.
    assert sorted(v.span for v in found) == sorted(expected_spans(text))
    assert all((v.fix is not None) == (status == "draft") for v in found)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60).filter(lambda t: "#" not in t))
def test_text_without_a_hash_and_no_media_has_no_accessibility_finding(text: str) -> None:
    assert check(rule="media-accessibility", text=text) == []


@pytest.mark.parametrize("bound", [1, 2, 3])
def test_a_full_verdict_cache_changes_no_finding(monkeypatch: Any, bound: int) -> None:
    text = "#leafpickup #snow #cityhall #2027 #leafpickup #SnowEmergency #parksbudget #snow"
    want = check(rule="media-accessibility", text=text)
    assert len(want) == 4
    monkeypatch.setattr(media_accessibility, "_MAX_CACHED_TAGS", bound)
    linter = f.linter(select=["media-accessibility"])
    for _ in range(3):  # the cache fills, is cleared, and fills again within each post
        assert linter.check(f.post(text=text)) == want


@settings(max_examples=60, deadline=None)
@given(
    text=TEXTS,
    status=st.sampled_from(["published", "draft", "scheduled"]),
    platform=st.sampled_from([None, "x", "instagram"]),
)
def test_posts_without_media_or_quotes_have_no_consent_or_credit_finding(
    text: str, status: str, platform: str | None
) -> None:
    fields: dict[str, Any] = {"text": text, "status": status, "platform": platform}
    if status != "published":
        fields.update(published_at=None, url=None, scheduled_at=f.post().published_at)
    post = f.post(**fields)
    assert f.linter(select=["media-consent", "copyright-credit"]).check(post) == []
    # Without a register too: a post with nothing to judge needs none.
    assert f.linter(select=["media-consent"], consents=None).check(post) == []
