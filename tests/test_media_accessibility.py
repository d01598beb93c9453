"""media-accessibility: alt text, captions, and hashtags screen readers can read."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import factories as f
from postlint.api import lint_paths
from postlint.text.hashtags import SplitSettings, camel_case, find_hashtags
from postlint.violation import Violation

RULE = "media-accessibility"
DRAFT = {"status": "draft", "published_at": None, "url": None}


def check(**post_fields: Any) -> list[Violation]:
    return f.linter(select=[RULE]).check(f.post(**post_fields))


def image(**fields: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"file": "media/plow-salina.jpg", "type": "image",
                            "alt": "A City plow clearing snow on Salina Street"}  # fmt: skip
    item.update(fields)
    return item


def apply(text: str, found: list[Violation]) -> str:
    """Apply the text edits of the findings' fixes, right to left."""
    edits = sorted(
        (e for v in found if v.fix for e in v.fix.edits if e.field == "text"),
        key=lambda e: e.start or 0,
        reverse=True,
    )
    for e in edits:
        assert e.start is not None and e.end is not None
        text = text[: e.start] + e.text + text[e.end :]
    return text


# ----------------------------------------------------------------- alt text and captions


def test_described_media_passes() -> None:
    video = {"file": "media/salt.mp4", "type": "video", "captions": "media/salt.vtt"}
    audio = {"file": "media/notice.mp3", "type": "audio"}
    assert check(media=[image(), video, audio]) == []


@pytest.mark.parametrize("alt", [None, "", "   "])
def test_image_without_alt_text(alt: str | None) -> None:
    [v] = check(media=[image(), image(alt=alt)])
    assert v.field == "media[1].alt" and "no alt text" in v.message
    assert v.severity == "warning" and v.clauses == ("SMP-4a",)


@pytest.mark.parametrize(
    "alt", ["image", "Photo", "Photo 2", "IMG", "alt text", "Screenshot", "picture of", "12",
            "IMG_4021.jpg", "park-sunset.jpeg", "DSC01234", "PXL_20261120_070000",
            "plow-salina.jpg"],
)  # fmt: skip
def test_placeholder_or_file_name_is_not_alt_text(alt: str) -> None:
    [v] = check(media=[image(alt=alt)])
    assert "placeholder or a file name" in v.message and v.field == "media[0].alt"
    assert repr(alt) not in v.message  # never quoted: a "file name" may carry anything


@pytest.mark.parametrize(
    "alt", ["Photo of the plow crew on Salina Street", "Image: the new pool at Burnet Park",
            "A map of the snow emergency routes"],
)  # fmt: skip
def test_descriptions_mentioning_photo_pass(alt: str) -> None:
    assert check(media=[image(alt=alt)]) == []


@pytest.mark.parametrize("captions", [None, False, "", "  "])
def test_video_without_captions(captions: Any) -> None:
    [v] = check(media=[{"file": "media/salt.mp4", "type": "video", "captions": captions}])
    assert v.field == "media[0].captions" and "no captions" in v.message


def test_burned_in_captions_count() -> None:
    assert check(media=[{"file": "media/salt.mp4", "type": "video", "captions": True}]) == []


# ----------------------------------------------------------------- hashtags


@pytest.mark.parametrize(
    ("tag", "camel"),
    [("#parksbudget2027", "#ParksBudget2027"), ("#snowemergency", "#SnowEmergency"),
     ("#Parksbudget", "#ParksBudget"), ("#SNOWEMERGENCY", "#SnowEmergency"),
     ("#leafpickup", "#LeafPickup"), ("#syracuseparks", "#SyracuseParks"),
     ("#takeabreak", "#TakeABreak"), ("#cityhall", "#CityHall")],
)  # fmt: skip
def test_multi_word_lower_case_hashtag(tag: str, camel: str) -> None:
    text = f"Budget hearing tonight {tag} at City Hall"
    [v] = check(text=text)
    assert v.field == "text" and v.span == (23, 23 + len(tag))
    assert text[v.span[0] : v.span[1]] == tag
    assert camel in v.message


@pytest.mark.parametrize(
    "tag", ["#SnowEmergency", "#snow", "#Snow", "#NYC", "#DPW", "#Syracuse", "#syracuse",
            "#SmallBusinessSaturday", "#2027", "#iPhone", "#makeup", "#pickup", "#theranos",
            "#idlib", "#StopForodeSaoPaulo", "#tbt", "#cuse"],
)  # fmt: skip
def test_single_words_acronyms_and_camel_case_pass(tag: str) -> None:
    assert check(text=f"Tonight {tag} downtown") == []


@pytest.mark.parametrize(
    "text", ["See https://www.syr.gov/budget#parksbudget", "It&#39;s snowing",
             "issue#parksbudget", "café#parksbudget"],
)  # fmt: skip
def test_url_fragments_entities_and_mid_word_hashes_are_not_hashtags(text: str) -> None:
    assert check(text=text) == []


def test_every_occurrence_is_reported() -> None:
    found = check(text="#leafpickup today; #leafpickup tomorrow")
    assert [v.span for v in found] == [(0, 11), (19, 30)]


def test_draft_and_scheduled_posts_get_a_camel_case_fix() -> None:
    text = "Draft parks budget #parksbudget2027"
    [v] = check(text=text, **DRAFT)
    assert v.fix is not None and v.fix.safe and len(v.fix.edits) == 1
    edit = v.fix.edits[0]
    assert (edit.field, edit.start, edit.end, edit.text) == ("text", 19, 35, "#ParksBudget2027")
    assert apply(text, [v]) == "Draft parks budget #ParksBudget2027"


def test_published_post_is_the_record_and_gets_no_fix() -> None:
    [v] = check(text="Draft parks budget #parksbudget2027")
    assert v.fix is None


WORDS = ["parks", "budget", "snow", "emergency", "leaf", "pickup", "city", "hall", "water",
         "main", "street", "closure", "public", "works", "youth", "league", "free",
         "parking", "holiday", "lights", "road", "salt", "plow", "trash", "recycling"]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=4),
    year=st.sampled_from(["", "2026", "2027"]),
    upper=st.booleans(),
)
def test_fix_round_trip_leaves_no_hashtag_finding(words: list[str], year: str, upper: bool) -> None:
    tag = "#" + "".join(words) + year
    tag = tag.upper() if upper else tag
    text = f"Update: {tag} and more"
    found = check(text=text, **DRAFT)
    fixed = apply(text, found)
    assert fixed.casefold() == text.casefold()  # only letter case changes
    assert check(text=fixed, **DRAFT) == []


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_",
               min_size=1, max_size=24))  # fmt: skip
def test_camel_case_only_changes_letter_case_and_is_stable(body: str) -> None:
    tag = "#" + body
    better = camel_case(tag, SplitSettings())
    if better is not None:
        assert better.casefold() == tag.casefold()
        assert camel_case(better, SplitSettings()) is None


def test_find_hashtags_gives_spans_of_the_text() -> None:
    text = "A #snowday and #LeafPickup, not https://a.gov/x#frag"
    assert [(h.tag, text[h.start : h.end]) for h in find_hashtags(text)] == [
        ("#snowday", "#snowday"),
        ("#LeafPickup", "#LeafPickup"),
    ]


# ----------------------------------------------------------------- file positions


def test_findings_point_at_the_alt_field_and_the_hashtag_characters(tmp_path: Path) -> None:
    (tmp_path / "postlint.yaml").write_text("policy: syracuse\n")
    account = f.official_account().model_dump(mode="json", exclude_none=True)
    (tmp_path / "accounts").mkdir()
    (tmp_path / "accounts/dpw-x.yaml").write_text(yaml.safe_dump(account), encoding="utf-8")
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts/p.md").write_text(
        textwrap.dedent(
            """\
            ---
            account: dpw-x
            media:
              - file: media/a.jpg
              - file: media/b.jpg
                alt: image
            ---
            Leaves go to the curb.
            Schedule: #leafpickup
            """
        ),
        encoding="utf-8",
    )
    report = lint_paths([tmp_path], today=f.TODAY, select=[RULE], entry_point_plugins=False)
    where = [(v.field, v.line, v.column) for v in report.violations]
    assert where == [("media[0].alt", 4, 5), ("media[1].alt", 6, 5), ("text", 9, 11)]
    assert report.violations[-1].end_column == 22
