"""The cheap screen in front of a keyword matcher: proof that no term can be in a text.

Most posts carry no marking. Before the words view is built (folding, re-joined
letters, gaps: tens of microseconds), the text is read once as bytes, its *reading*:

* each non-ASCII character as its fold (:func:`~postlint.text.normalize.fold_char`), in
  capitals unless the character is lower-case; what folds to non-ASCII is one ``\\x00``
  byte, and white space is nothing;
* then the characters the words view may drop or read as a gap (white space, dots,
  dashes, underscores) deleted, and letters, digits and leetspeak symbols read as
  their skeleton letter (:func:`~postlint.text.normalize.skeleton`).

Every literal term the matcher can find in the words view shows up as a plain
substring of the reading (one automaton pass); a term that counts only in capitals
shows up in capitals at the same place, since the characters of such a match are
never lower-case. A pattern needs its literal punctuation ("//") and the characters
its pattern allows on either side: the words view never joins or splits punctuation.
A text that passes is read properly; one that fails has no match, which the tests
check against the unscreened matcher.
"""

from __future__ import annotations

import codecs
import functools
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import ahocorasick_rs

from postlint.text.normalize import LEET, fold_char, skeleton

_ERRORS = "postlint-keyword-screen"

#: What the words view may drop or turn into a gap: white space, ".", "-", "_".
_GAPS = bytes(c for c in range(128) if chr(c).isspace() or chr(c) in ".-_")


def _table(*, capitals: bool) -> bytes:
    """Letters, digits and leetspeak symbols as skeleton letters; case kept or not."""
    table = bytearray(range(256))
    for code in range(128):
        ch = chr(code)
        if ch.isalnum() or ch in LEET:
            letter = skeleton(ch.lower())
            if not capitals:
                table[code] = ord(letter)
            else:  # a lower-case letter breaks a match: terms in capitals have none
                table[code] = 0 if ch.islower() else ord(letter.upper())
    return bytes(table)


_PROSE = _table(capitals=False)
_CAPITALS = _table(capitals=True)


#: Up to this many readings the screen is a DFA: the fastest to search, but slow to build
#: for a large pack (10,000 terms: 30 ms and 7 MB), where the default automaton is used.
_MOST_DFA = 2_000


class Screen:
    """Tells, cheaply, whether any term of a matcher can be found in a text."""

    def __init__(self, readings: Sequence[bytes], capitals: Sequence[bytes | None]) -> None:
        # Left to itself the library picks a slower automaton past about a hundred.
        dfa = ahocorasick_rs.Implementation.DFA if len(readings) <= _MOST_DFA else None
        automaton = (
            ahocorasick_rs.BytesAhoCorasick(list(readings), implementation=dfa)
            if readings
            else None
        )
        self._find = automaton.find_matches_as_indexes if automaton is not None else None
        self._capitals = list(capitals)

    def admits(self, text: str) -> bool:
        """``False`` only when no term can match ``text``."""
        if self._find is None:
            return False
        raw = text.encode("ascii", _ERRORS)
        hits = self._find(raw.translate(_PROSE, _GAPS), overlapping=True)
        if not hits:
            return False
        upper = None
        for index, start, end in hits:
            wanted = self._capitals[index]
            if wanted is None:
                return True
            if upper is None:
                upper = raw.translate(_CAPITALS, _GAPS)
            if upper[start:end] == wanted:
                return True
        return False


def build_screen(keys: Mapping[str, bool], patterns: Iterable[str]) -> Screen | None:
    """The screen for literal ``keys`` (each: whether it counts only in capitals) and
    ``patterns``; ``None`` when one of them cannot be screened (every text is read)."""
    by_reading: dict[bytes, bool] = {}  # reading -> whether it counts only in capitals
    for pattern in patterns:
        found = pattern_readings(pattern)
        if not found:
            return None
        by_reading.update(dict.fromkeys(found, False))
    for key, capitals in keys.items():
        reading = key_reading(key)
        if not reading:
            return None
        by_reading[reading] = by_reading.get(reading, True) and capitals
    readings = sorted(by_reading)
    # A reading in capitals: what the capitals table makes of the same characters.
    return Screen(readings, [r.upper() if by_reading[r] else None for r in readings])


def key_reading(key: str) -> bytes:
    """A term as the words view writes it, read as the screen reads text."""
    if not key.isascii():
        key = "".join(ch if ch.isascii() else "" if ch.isspace() else "\x00" for ch in key)
    return key.encode("ascii").translate(_PROSE, _GAPS)


def _read_non_ascii(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    run = error.object[error.start : error.end]
    if len(run) > 8:  # a text in another script: no point remembering it
        return "".join(map(_char_reading, run)), error.end
    reading = _RUNS.get(run)
    if reading is None:
        reading = "".join(map(_char_reading, run))
        if len(_RUNS) >= 4096:
            _RUNS.clear()
        _RUNS[run] = reading
    return reading, error.end


#: Short runs of non-ASCII characters (an emoji, a quote mark, an accented letter) and
#: their readings: they repeat from text to text. Bounded.
_RUNS: dict[str, str] = {}


@functools.lru_cache(maxsize=8192)
def _char_reading(ch: str) -> str:
    """One non-ASCII character: its fold in ASCII, in capitals unless it is lower-case."""
    lower = ch.islower()
    out: list[str] = []
    for part in fold_char(ch):
        if part.isascii():
            out.append(part if lower else part.upper())
        elif not part.isspace():
            out.append("\x00")  # no ASCII term reads through it
    return "".join(out)


codecs.register_error(_ERRORS, _read_non_ascii)


# ------------------------------------------------------------------ patterns

_LITERAL = re._constants.LITERAL  # type: ignore[attr-defined]
_IN = re._constants.IN  # type: ignore[attr-defined]
_RANGE = re._constants.RANGE  # type: ignore[attr-defined]
_AT = re._constants.AT  # type: ignore[attr-defined]
_BRANCH = re._constants.BRANCH  # type: ignore[attr-defined]
_SUBPATTERN = re._constants.SUBPATTERN  # type: ignore[attr-defined]
_REPEATS = frozenset(
    getattr(re._constants, name)  # type: ignore[attr-defined]
    for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
    if hasattr(re._constants, name)  # type: ignore[attr-defined]
)


def pattern_readings(pattern: str) -> set[bytes]:
    """Readings one of which shows up in the reading of any text ``pattern`` matches.

    They come from a run of literal punctuation at the top level of the pattern ("//"),
    with the characters the pattern allows right before and after it ("u//a", "i//a",
    …). Empty when nothing is known for sure: RE2 syntax that Python's parser reads
    differently (POSIX classes) counts as unknown.
    """
    if "[:" in pattern:
        return set()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            parsed = list(re._parser.parse(pattern))  # type: ignore[attr-defined]
    except Exception:
        return set()
    best: set[bytes] = set()
    i = 0
    while i < len(parsed):
        if not _is_run_char(parsed[i]):
            i += 1
            continue
        j = i
        while j < len(parsed) and _is_run_char(parsed[j]):
            j += 1
        run = "".join(chr(value) for _, value in parsed[i:j])
        before = _usable(_edge(parsed[:i], last=True)) or {""}
        after = _usable(_edge(parsed[j:], last=False)) or {""}
        if len(before) * len(after) > _MOST_READINGS:  # keep the side that says more
            before, after = (before, {""}) if len(before) <= len(after) else ({""}, after)
        found = {key_reading(b + run + a) for b in before for a in after}
        if all(found) and (not best or _says_more(found, best)):
            best = found
        i = j
    return best


#: A pattern's neighbours are kept while they make at most this many readings.
_MOST_READINGS = 1024


def _says_more(found: set[bytes], than: set[bytes]) -> bool:
    """Longer readings are rarer; fewer of them, too."""
    return (min(map(len, found)), -len(found)) > (min(map(len, than)), -len(than))


def _is_run_char(item: tuple[Any, Any]) -> bool:
    """Punctuation the words view keeps as it is, next to the same characters."""
    op, value = item
    if op is not _LITERAL or value >= 128:
        return False
    ch = chr(value)
    return not (ch.isalnum() or ch.isspace() or ch in "-_")


def _edge(items: Sequence[tuple[Any, Any]], *, last: bool) -> frozenset[str] | None:
    """The characters a match of ``items`` can end (or start) with; ``None`` if unknown."""
    ordered = reversed(items) if last else iter(items)
    for op, value in ordered:
        if op is _AT:
            continue  # \b, ^, $: no character
        if op is _LITERAL:
            return frozenset(chr(value))
        if op is _IN:
            return _set_chars(value)
        if op is _SUBPATTERN:
            return _edge(list(value[-1]), last=last)
        if op is _BRANCH:
            union: set[str] = set()
            for alternative in value[1]:
                chars = _edge(list(alternative), last=last)
                if chars is None:
                    return None
                union |= chars
            return frozenset(union)
        if op in _REPEATS and value[0] >= 1:
            return _edge(list(value[2]), last=last)
        return None
    return None


def _set_chars(items: Sequence[tuple[Any, Any]]) -> frozenset[str] | None:
    chars: set[str] = set()
    for op, value in items:
        if op is _LITERAL:
            chars.add(chr(value))
        elif op is _RANGE and value[1] - value[0] <= 128:
            chars.update(map(chr, range(value[0], value[1] + 1)))
        else:
            return None  # negated sets, categories (\w, \d), wide ranges
    return frozenset(chars)


def _usable(chars: frozenset[str] | None) -> frozenset[str] | None:
    """Characters that stand in a reading as they stand in the view (ASCII, not gaps)."""
    if not chars or not all(c.isascii() and not c.isspace() and c not in "-_" for c in chars):
        return None
    return chars
