"""Hashtags in post text, and the CamelCase form of a multi-word one.

A screen reader reads ``#parksbudget2027`` as one long word and ``#ParksBudget2027``
word by word. Whether a run of lower-case letters is several words is a guess, made by
word segmentation (the ``wordsegment`` package: unigram and bigram counts of a large web
corpus) and accepted only when it is a good one: every part is a dictionary word (or a
frequent name), and the split is clearly likelier than the run as a single word.

The segmenter's data (about 50 MB in memory, half a second to read) is loaded on the
first hashtag part that is not a dictionary word, once per process (the dictionary alone
loads in a tenth of that time); splits are cached per distinct word, and the rule caches
its verdict per distinct hashtag, since the same tags recur across posts.
"""

from __future__ import annotations

import functools
import math
import operator
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: A hashtag: ``#`` not inside a word, a URL fragment or an HTML entity, then ASCII
#: letters, digits and underscores up to a word end (tags in other scripts are not judged).
#: The pattern starts with the literal ``#`` (the look-behind then checks the character
#: before it) so the search skips to each ``#`` instead of trying every position; the
#: possessive ``++`` gives up at once where a tag runs into a non-ASCII letter.
HASHTAG = re.compile(r"#(?<![\w/#&]#)([A-Za-z0-9_]++)(?!\w)")

# A lower-case letter then a capital: the author already wrote the tag in CamelCase.
_CAMEL = re.compile(r"[a-z][A-Z]")

# Parts of a tag at case and digit boundaries: "NYCParks2027" → NYC, Parks, 2027.
_PART = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+|_+")


@dataclass(frozen=True)
class SplitSettings:
    """How sure the split of a hashtag part must be (see the `accessibility` pack)."""

    acronym_max_length: int = 5
    min_length: int = 4
    min_log10_ratio: float = 1.0
    name_min_length: int = 4
    name_min_count: float = 1_000_000
    short_words: frozenset[str] = frozenset()

    @classmethod
    def from_pack(cls, data: Any) -> SplitSettings:
        """Settings from the pack's ``hashtags`` mapping (defaults for what is absent)."""
        if not isinstance(data, dict):
            return cls()
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        if "short_words" in known:
            known["short_words"] = frozenset(str(w).casefold() for w in known["short_words"])
        return cls(**known)


@dataclass(frozen=True)
class Hashtag:
    """A hashtag found in a text: ``[start, end)`` covers the ``#`` and the tag."""

    tag: str
    start: int
    end: int


def find_hashtags(text: str) -> Iterator[Hashtag]:
    """Each hashtag in ``text`` (a text without ``#`` costs one scan)."""
    if "#" not in text:
        return
    for match in HASHTAG.finditer(text):
        if any(c.isalpha() for c in match.group(1)):
            yield Hashtag(match.group(), match.start(), match.end())


def camel_case(tag: str, settings: SplitSettings) -> str | None:
    """The CamelCase form of a hashtag that joins several words, else ``None``.

    ``#parksbudget2027`` → ``#ParksBudget2027``; ``#SnowEmergency``, ``#snow``, ``#NYC``
    → ``None``. A tag already written in CamelCase is left to its author, even where a
    part of it could split further (``#StopForodeSaoPaulo`` is Portuguese, not "For Ode").
    """
    if _CAMEL.search(tag):
        return None
    changed = False
    parts: list[str] = []
    for part in _PART.findall(tag.lstrip("#")):
        words = _split(part, settings) if part[0].isalpha() else None
        if words is None:
            parts.append(part)
        else:
            parts.append("".join(w.capitalize() for w in words))
            changed = True
    return "#" + "".join(parts) if changed else None


def _split(part: str, settings: SplitSettings) -> list[str] | None:
    """The words of a letters-only part when it is surely several, else ``None``."""
    if part.isupper() and len(part) <= settings.acronym_max_length:
        return None  # an acronym
    word = part.lower()
    if len(word) < settings.min_length:
        return None
    if word in dictionary():
        return None  # one dictionary word, however it splits
    model = segmenter()
    if not model.may_split(word, settings):
        return None  # no run of acceptable words makes it: whatever the split, it fails
    words: list[str] = model.segment(word)
    if len(words) < 2 or "".join(words) != word:
        return None
    if len(words[-1]) == 1:
        return None  # a tag rarely ends on "a" or "i": more likely a name cut apart
    if not all(model.is_word(w, len(words), settings) for w in words):
        return None
    if model.log10_score(words) - model.log10_score([word]) < settings.min_log10_ratio:
        return None
    return words


#: A candidate word at a position: (bound, score, end, word, the word as the next one's
#: context or "", whether some bigram ends with it).
_Candidate = tuple[float, float, int, str, str, bool]
_KEY = operator.itemgetter(0)
#: Known words whose scores are kept (about 8 MB at most).
_MAX_KNOWN = 1 << 15
#: Float sums in another order may differ in the last bits: a bound this much below the
#: best is still tried.
_SLACK = 1e-6


@dataclass(frozen=True)
class _SearchFacts:
    #: Known words some bigram starts with (after any other word, a word scores alone).
    starts: frozenset[str]
    #: Each word's best log10 score as the second word of a bigram.
    best_second: dict[str, float]
    #: A known word's (score, context, is a second word, best score), as first met.
    known: dict[str, tuple[float, str, bool, float]]
    #: The log10 score of an unknown word, by length.
    unknown: list[float]


class Segmenter:
    """The ``wordsegment`` model with a dictionary check and sequence scores."""

    def __init__(self) -> None:
        import wordsegment

        # The model's counts, read as its own ``load()`` reads them, but not its word
        # list: that is :func:`dictionary`, already read (a second copy is 13 MB).
        model = self._model = wordsegment.Segmenter()
        model.unigrams.update(model.parse(model.UNIGRAMS_FILENAME))
        model.bigrams.update(model.parse(model.BIGRAMS_FILENAME))
        model.total, model.limit = model.TOTAL, model.LIMIT
        self.dictionary = dictionary()
        # Hashtags repeat (10,314 distinct among 27,965 in tweets.txt) and a split
        # costs about 0.15 ms (four times that with the model's own search): keep one per
        # distinct word, bounded.
        self._segment = functools.lru_cache(maxsize=1 << 16)(self._split_word)

    def segment(self, word: str) -> list[str]:
        """The likeliest split of ``word`` into words (cached per distinct word)."""
        return list(self._segment(word))

    def _split_word(self, word: str) -> tuple[str, ...]:
        clean = self._model.clean(word)
        if not clean or len(clean) > _LONGEST_SEARCHED:
            return tuple(self._model.segment(word))  # the model's own chunked search
        return tuple(self._search(clean))

    def _search(self, text: str) -> list[str]:
        """The split of ``text`` the model's own search picks, found faster.

        The same search (``wordsegment``'s): the best total of log10 scores over every
        split, each word scored given the word before it (its bigram count when the
        corpus has one, else its unigram probability; an unknown word is penalised by
        its length), ties broken as ``max`` breaks them. What is faster:

        - the best split after a word no bigram starts with is shared;
        - every word that may start at a position is looked up once per text (and a
          known word's scores once per process), not once per word before it;
        - a branch and bound: ``bound[j]`` is the best any split of ``text[j:]`` could
          score if each word got its best score in any context (its unigram score or
          its best bigram score as a second word). Candidates are tried best bound
          first, and the first whose bound falls below the best total found stops the
          search at that position: no later one can win.

        The tests compare the two searches on generated words and random letters; on
        the 8,126 distinct hashtag parts of 100,000 real tweets none differs.
        """
        facts = self._facts
        model = self._model
        unigrams, bigrams, total = model.unigrams, model.bigrams, model.total
        limit = model.limit
        log10 = math.log10
        starts, best_second, known, unknown = (
            facts.starts,
            facts.best_second,
            facts.known,
            facts.unknown,
        )
        end = len(text)
        inf = math.inf
        # From the end: each position's candidate words, best bound first, and bound[i].
        bound = [0.0] * (end + 1)
        options: list[list[_Candidate]] = [[] for _ in range(end)]
        for i in range(end - 1, -1, -1):
            found = options[i]
            top_bound = -inf
            for j in range(i + 1, min(end, i + limit) + 1):
                prefix = text[i:j]
                word = known.get(prefix)
                if word is None:
                    count = unigrams.get(prefix)
                    if count is None:  # unknown: its score is all it can score
                        score = unknown[j - i]
                        key = score + bound[j]
                        found.append((key, score, j, prefix, "", False))
                        top_bound = key if key > top_bound else top_bound
                        continue
                    score = log10(count / total)
                    second = best_second.get(prefix)
                    if len(known) >= _MAX_KNOWN:
                        known.clear()  # a long archive's many tags must not grow memory
                    word = known[prefix] = (
                        score,
                        prefix if prefix in starts else "",
                        second is not None,
                        score if second is None or second < score else second,
                    )
                score, after, is_second, best = word
                found.append((score + bound[j], score, j, prefix, after, is_second))
                key = best + bound[j]
                top_bound = key if key > top_bound else top_bound
            bound[i] = top_bound
            found.sort(key=_KEY, reverse=True)

        memo: dict[tuple[int, str], tuple[float, list[str]]] = {}

        def search(i: int, previous: str) -> tuple[float, list[str]]:
            if i == end:
                return 0.0, []
            candidates = options[i]
            if previous:  # words that follow ``previous`` in a bigram score anew
                given = unigrams[previous] / total
                paired: dict[int, _Candidate] | None = None
                for _, _, j, prefix, after, is_second in candidates:
                    if is_second:
                        count = bigrams.get(f"{previous} {prefix}")
                        if count is not None:
                            score = log10(count / total / given)
                            paired = {} if paired is None else paired
                            paired[j] = (score + bound[j], score, j, prefix, after, True)
                if paired:
                    candidates = [paired.get(c[2], c) for c in candidates]
                    candidates.sort(key=_KEY, reverse=True)
            best_total = -inf
            best: list[str] | None = None
            best_rest: tuple[float, list[str]] = (0.0, [])
            best_prefix = ""
            for key, score, j, prefix, after, _ in candidates:
                if key < best_total - _SLACK:
                    break  # neither this one nor any after it can reach the best
                rest = memo.get((j, after))
                if rest is None:
                    rest = memo[(j, after)] = search(j, after)
                candidate = score + rest[0]
                if candidate > best_total:
                    best_total, best_prefix, best_rest, best = candidate, prefix, rest, None
                elif candidate == best_total:  # a tie: the word lists decide, as in max()
                    if best is None:
                        best = [best_prefix, *best_rest[1]]
                    words = [prefix, *rest[1]]
                    if words > best:
                        best_prefix, best_rest, best = prefix, rest, words
            return best_total, best if best is not None else [best_prefix, *best_rest[1]]

        start = "<s>" if "<s>" in starts else ""
        first = memo[(0, start)] = search(0, start)
        words = first[1]
        # As the model's search does at the end of its (here only) chunk: the last five
        # words are searched again from the start of a sentence. That is the search of
        # this text's tail from ``start``, whose pieces are already known.
        offset = end - sum(map(len, words[-5:]))
        again = memo.get((offset, start))
        return words[:-5] + (again if again is not None else search(offset, start))[1]

    @functools.cached_property
    def _facts(self) -> _SearchFacts:
        """What :meth:`_search` reads of the model, worked out once per process."""
        model = self._model
        unigrams, total = model.unigrams, model.total
        log10 = math.log10
        best_second: dict[str, float] = {}
        firsts: set[str] = set()
        for pair, count in model.bigrams.items():
            first, _, second = pair.partition(" ")
            given = unigrams.get(first)
            if given is None:
                continue  # the model scores such a pair by its second word alone
            firsts.add(first)
            score = log10(count / total / (given / total))
            if score > best_second.get(second, -math.inf):
                best_second[second] = score
        unknown = [0.0] + [log10(10.0 / (total * 10**n)) for n in range(1, model.limit + 1)]
        return _SearchFacts(frozenset(firsts), best_second, {}, unknown)

    def is_word(self, word: str, count: int, settings: SplitSettings) -> bool:
        """A dictionary word, or a frequent name; short words only from a short list.

        The dictionary holds many two-letter words ("re", "os", "id") that would split
        names ("#theranos", "#idlib") into nonsense; "a" and "i" count only amid 3+ words.
        """
        if len(word) == 1:
            return word in ("a", "i") and count >= 3
        if len(word) == 2:
            return word in settings.short_words
        if word in self.dictionary:
            return True
        return (
            len(word) >= settings.name_min_length
            and self._model.unigrams.get(word, 0.0) >= settings.name_min_count
        )

    def may_split(self, word: str, settings: SplitSettings) -> bool:
        """Whether ``word`` can be written as two or more words that :meth:`is_word`
        could accept, the last of two letters or more: a cheap test (set look-ups)
        that every split :func:`_split` keeps passes, so a word that fails it needs no
        segmentation. Every part is asked as if among three words, so "a" and "i" pass
        wherever they stand (a superset of what :func:`_split` accepts)."""
        end = len(word)
        longest = min(self._model.limit, end)
        reach = [False] * (end + 1)  # reach[i]: word[:i] is one or more such words
        reach[0] = True
        for i in range(end):
            if not reach[i]:
                continue
            for j in range(i + 1, min(end, i + longest) + 1):
                if not reach[j] and self.is_word(word[i:j], 3, settings):
                    reach[j] = True
        # Two words at least: the last one starts after a reachable point inside.
        return any(
            reach[i] and end - i >= 2 and self.is_word(word[i:], 3, settings)
            for i in range(1, end - 1)
        )

    def log10_score(self, words: list[str]) -> float:
        """The log10 score of a word sequence, as the segmenter itself scores it."""
        total, previous = 0.0, "<s>"
        for word in words:
            total += math.log10(self._model.score(word, previous))
            previous = word
        return total


#: Words longer than this are left to the model's own search, which cuts text into
#: chunks of 250 characters (a hashtag is never near that).
_LONGEST_SEARCHED = 200


@functools.cache
def segmenter() -> Segmenter:
    """The process's one segmenter, loaded on first use."""
    return Segmenter()


@functools.cache
def dictionary() -> frozenset[str]:
    """The segmenter's English word list (178,758 words), loaded on first use.

    Read on its own first: it takes a tenth of the time of the whole model, and a
    hashtag that is one dictionary word (``#snow``, ``#parks``) needs nothing else.
    """
    import wordsegment

    path = Path(wordsegment.Segmenter.WORDS_FILENAME)
    return frozenset(path.read_text(encoding="utf-8").splitlines())
