"""Normalised views of text that remember where each character came from.

A rule that looks for a marking or a number in a post must see through evasion — case,
fullwidth and look-alike letters, zero-width characters, leetspeak, letters split by
spaces — and still point at the real characters. Each view here is a new string plus an
offset map back to the original, so a match in the view becomes a span in the original.

Views, cheapest first:

* :func:`fold` — Unicode compatibility decomposition (NFKD: fullwidth, mathematical,
  circled and superscript forms, ligatures), format characters (category Cf: zero-width,
  soft hyphen, bidi controls, U+FEFF) and combining marks removed, look-alike letters
  of other scripts mapped to Latin (Unicode TR39 confusables), digits of any script read
  as ASCII digits, dash and space variants folded, case folded. Plain-ASCII text takes a
  fast path: it is only lower-cased and its offset map is the identity.
* :func:`words` — :func:`fold`, letters split by single spaces, dots or dashes
  re-joined ("c o n f i d e n t i a l", "C.O.N.F.I.D.E.N.T.I.A.L"), then every run of
  spaces, dashes and underscores read as one space: the view keyword packs match on.
* :func:`leet_skeleton` — a one-to-one reading of a view's text with leetspeak symbols
  replaced by the letter they stand for (a→4 @, e→3, i→1 ! |, o→0, s→$ 5, t→7 +…),
  used only when a word mixes letters with such symbols.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

#: Dash variants read as "-" (U+2010–U+2015, minus, small and fullwidth hyphen-minus…).
DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d\u2e3a")

#: Leetspeak symbols and the letters each can stand for (zxcvbn's table, as facts).
LEET: dict[str, str] = {
    "4": "a",
    "@": "a",
    "8": "b",
    "3": "e",
    "6": "g",
    "9": "g",
    "1": "il",
    "!": "i",
    "|": "il",
    "0": "o",
    "$": "s",
    "5": "s",
    "7": "tl",
    "+": "t",
    "2": "z",
}

# The skeleton merges each leetspeak symbol with its first letter, and "l" with "i"
# (both are written "1" and "|"), so one automaton pass over the skeleton finds every
# reading; a match is then verified position by position against the real letters.
_SKELETON = str.maketrans({**{k: v[0] for k, v in LEET.items()}, "l": "i"})
_SKELETON_BYTES = bytes(ord(_SKELETON[c]) if c in _SKELETON else c for c in range(256))
_LEET_MIX = re.compile(r"[a-z][0-9@$!|+]|[0-9@$!|+][a-z]")

# A run of at least three single letters or digits, all split by the same one-character
# separator: "c o n f", "C.O.N.F.", "c-o-n-f".
_SPACED = re.compile(r"\b[^\W_]([ .-])[^\W_]\b(?:\1[^\W_]\b)+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_GAPS = re.compile(r"[\s\-_]+")
_LONG_GAP = re.compile(r"[\s\-_]{2,}")
_GAP_TO_SPACE = str.maketrans(dict.fromkeys("\t\n\r\f\v-_\x1c\x1d\x1e\x1f\x85\xa0", " "))
_NEEDS_GAPS = re.compile(r"[\s\-_]{2,}|[\t\n\r\f\v\-_]")


@dataclass(frozen=True, slots=True, eq=False)
class View:
    """A normalised reading of ``source``; ``index[k]`` is where ``text[k]`` came from.

    ``index`` is ``None`` when the view is the identity map (same length, same places).
    """

    text: str
    source: str
    index: list[int] | None = None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``source`` that ``text[start:end]`` was read from."""
        if self.index is None:
            return (start, end)
        if end <= start:
            at = self.index[start] if start < len(self.index) else len(self.source)
            return (at, at)
        return (self.index[start], self.index[end - 1] + 1)

    def derive(self, text: str, index: list[int] | None) -> View:
        """A further view of this one: ``index`` points into ``self.text``."""
        if index is None:
            return View(text, self.source, self.index)
        if self.index is not None:
            mine = self.index
            index = [mine[i] for i in index]
        return View(text, self.source, index)


def fold(text: str) -> View:
    """Case-, width-, script- and format-folded view of ``text`` (see the module doc).

    Post-sized texts are cached: several rules read the same text, and alt texts and
    hashtags repeat. Long texts (whole files) are not kept.
    """
    return _fold_cached(text) if len(text) <= _CACHE_UP_TO else _fold(text)


_CACHE_UP_TO = 4096


@functools.lru_cache(maxsize=1024)
def _fold_cached(text: str) -> View:
    return _fold(text)


def _fold(text: str) -> View:
    if text.isascii():
        return View(text.lower(), text)
    # Only the non-ASCII characters need Unicode work; ASCII stretches are sliced whole.
    others = set(_NON_ASCII.findall(text))
    table = {ord(ch): fold_char(ch) for ch in others}
    if all(len(v) == 1 for v in table.values()):
        folded = text.translate(table).lower()
        if len(folded) == len(text):  # one character for one: the identity map
            return View(folded, text)
    out: list[str] = []
    index: list[int] = []
    pos = 0
    for m in _NON_ASCII.finditer(text):
        at = m.start()
        if at > pos:
            out.append(text[pos:at].lower())
            index.extend(range(pos, at))
        piece = table[ord(m.group())]
        if piece:
            out.append(piece)
            index.extend([at] * len(piece))
        pos = at + 1
    out.append(text[pos:].lower())
    index.extend(range(pos, len(text)))
    return View("".join(out), text, index)


def words(text: str) -> View:
    """The view keyword packs match on: folded, spaced letters re-joined, gaps as one space."""
    view = fold(text)
    joined = rejoin_spaced(view)
    if joined is not None:
        view = joined
    if _NEEDS_GAPS.search(view.text) is None:
        return view
    if _LONG_GAP.search(view.text) is None:  # one character per gap: same offsets
        return view.derive(view.text.translate(_GAP_TO_SPACE), None)
    out: list[str] = []
    index: list[int] = []
    pos = 0
    for gap in _GAPS.finditer(view.text):
        out.append(view.text[pos : gap.start()])
        index.extend(range(pos, gap.start()))
        out.append(" ")
        index.append(gap.start())
        pos = gap.end()
    out.append(view.text[pos:])
    index.extend(range(pos, len(view.text)))
    return view.derive("".join(out), index)


def rejoin_spaced(view: View) -> View | None:
    """``view`` with letters split by single separators joined, or ``None`` if none are."""
    runs = [m.span() for m in _SPACED.finditer(view.text)]
    if not runs:
        return None
    keep: list[int] = []
    pos = 0
    for start, end in runs:
        keep.extend(range(pos, start))
        keep.extend(range(start, end, 2))  # a single character, then its separator
        pos = end
    keep.extend(range(pos, len(view.text)))
    text = "".join(view.text[i] for i in keep)
    return view.derive(text, keep)


def skeleton(text: str) -> str:
    """The leetspeak skeleton of folded text: same length, symbols read as letters."""
    if text.isascii():  # a byte table is much faster than a dict of characters
        return text.encode("ascii").translate(_SKELETON_BYTES).decode("ascii")
    return text.translate(_SKELETON)


def leet_skeleton(text: str) -> str | None:
    """The skeleton of a view's text, or ``None`` when no word mixes letters and symbols."""
    if _LEET_MIX.search(text) is None:
        return None
    return skeleton(text)


def leet_reads_as(written: str, term: str) -> bool:
    """Whether ``written`` (folded) can be read as ``term`` letter by letter, via leetspeak."""
    if len(written) != len(term):
        return False
    used = False
    for w, t in zip(written, term, strict=True):
        if w == t:
            continue
        if t not in LEET.get(w, ""):
            return False
        used = True
    return used


@functools.lru_cache(maxsize=8192)
def fold_char(ch: str) -> str:
    """The folded reading of one non-ASCII character (cached: text repeats characters)."""
    if ch in DASHES:
        return "-"
    category = unicodedata.category(ch)
    if category in ("Cf", "Mn", "Me"):
        return ""
    if category in ("Zs", "Zl", "Zp"):
        return " "
    out: list[str] = []
    for part in unicodedata.normalize("NFKD", ch):
        if part.isascii():
            out.append(part.lower())
            continue
        sub = unicodedata.category(part)
        if sub in ("Cf", "Mn", "Me"):
            continue
        if sub == "Nd":
            out.append(str(unicodedata.decimal(part)))
            continue
        if part in DASHES:
            out.append("-")
            continue
        out.append(_confusables().get(part, part).casefold())
    return "".join(out)


@functools.cache
def _confusables() -> dict[str, str]:
    """Non-ASCII letters that look like one ASCII letter or digit (TR39 data), and that one.

    An upper-case letter maps to an upper-case look-alike when there is one ("Ι" → "I",
    not "l", although TR39's skeleton of "I" is "l"), and letters are preferred over
    digits ("О" → "O", not "0").
    """
    import json

    data = json.loads(
        resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8")
    )
    table: dict[str, str] = {}
    for char, homoglyphs in data.items():
        if len(char) != 1 or char.isascii():
            continue
        ascii_alike = [h["c"] for h in homoglyphs if len(h["c"]) == 1 and h["c"].isalnum()]
        ascii_alike = [c for c in ascii_alike if c.isascii()]
        if not ascii_alike:
            continue
        letters = [c for c in ascii_alike if c.isalpha()]
        same_case = [c for c in letters if c.isupper() == char.isupper()]
        chosen = (same_case or letters or ascii_alike)[0]
        # TR39 writes capital I's skeleton as "l"; an upper-case look-alike is an "I".
        table[char] = "I" if chosen == "l" and char.isupper() else chosen
    return table
