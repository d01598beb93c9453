"""Our search over the wordsegment model splits every word as the model's own does."""

from __future__ import annotations

import functools
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from postlint.text.hashtags import segmenter

WORDS = [
    "snow",
    "plow",
    "parking",
    "tonight",
    "city",
    "park",
    "budget",
    "meeting",
    "council",
    "water",
    "main",
    "leaf",
    "pickup",
    "trash",
    "recycling",
    "road",
    "closed",
    "library",
    "hours",
    "youth",
    "summer",
    "festival",
    "permit",
    "sidewalk",
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "i",
    "for",
    "on",
    "with",
    "at",
    "by",
    "is",
    "are",
    "will",
    "be",
    "our",
    "this",
    "that",
    "new",
    "york",
    "syracuse",
    "salt",
    "city",
    "hall",
    "art",
    "week",
    "day",
    "night",
    "fire",
    "police",
    "abolish",
    "electoral",
    "college",
]


def _words(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    made = ["".join(rng.choice(WORDS) for _ in range(rng.randint(1, 12))) for _ in range(count)]
    made += ["".join(rng.choice(letters) for _ in range(rng.randint(1, 30))) for _ in range(count)]
    return made


def test_the_model_holds_what_its_own_load_reads() -> None:
    import wordsegment

    loaded = wordsegment.Segmenter()
    loaded.load()
    ours = segmenter()._model
    assert (ours.total, ours.limit) == (loaded.total, loaded.limit)
    assert ours.unigrams == loaded.unigrams
    assert ours.bigrams == loaded.bigrams
    assert segmenter().dictionary == frozenset(loaded.words)


def test_the_search_splits_as_the_model_does() -> None:
    model = segmenter()
    for word in _words(seed=7, count=120):  # up to twelve words: the tail is searched again
        assert model._search(word) == list(model._model.segment(word)), word


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=8),
    st.text("abcdefghijklmnopqrstuvwxyz", max_size=6),
)
def test_any_run_of_words_splits_as_the_model_does(words: list[str], noise: str) -> None:
    model = segmenter()
    word = "".join(words) + noise
    assert model._search(word) == list(model._model.segment(word))


@functools.cache
def _dictionary_sample() -> list[str]:
    """Five thousand words of the model's own dictionary (the same ones every run)."""
    words = sorted(segmenter().dictionary)
    return random.Random(11).sample(words, 5000)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_runs_of_dictionary_words_split_as_the_model_does(data: st.DataObject) -> None:
    # Any English words run together, however rare: the search's bound (each word's
    # best score in any context) must never cut off the model's own split.
    words = data.draw(st.lists(st.sampled_from(_dictionary_sample()), min_size=1, max_size=6))
    model = segmenter()
    word = "".join(words)
    assert model._search(word) == list(model._model.segment(word))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from([*WORDS, "xq", "zz", "obama", "idlib", "re", "os"]), max_size=6),
    st.text("abcdefghijklmnopqrstuvwxyz", max_size=5),
)
def test_the_may_split_screen_never_changes_a_verdict(words: list[str], noise: str) -> None:
    from postlint.packs import builtin_pack
    from postlint.text import hashtags

    part = "".join(words) + noise
    config = hashtags.SplitSettings.from_pack(
        builtin_pack("syracuse", "accessibility").get("hashtags")
    )
    model = segmenter()
    screened = hashtags._split(part, config)
    if not model.may_split(part.lower(), config):
        assert screened is None
    real = model.may_split
    try:
        model.may_split = lambda word, s: True  # type: ignore[method-assign]
        assert hashtags._split(part, config) == screened
    finally:
        model.may_split = real  # type: ignore[method-assign]
