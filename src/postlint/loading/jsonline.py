"""Positions inside an archive record: the line and column of a field, or of characters
in it.

An archive record is JSON as written: one line of a JSON Lines archive, or one element
of a JSON array (over several lines when pretty-printed). The reader keeps that text
with the record (:attr:`postlint.origin.Origin.record`), and it is read again here only
for a finding: where the field's key starts, and where the matched characters of a
string value are, escapes (``\\n``, ``\\u00e9``, a surrogate pair) counted as they are
written. Columns count characters of the line, as everywhere else.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator

from postlint.origin import FieldPath, Location

_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def locate_in_json(
    path: str, line: int, column: int, text: str, fld: FieldPath, span: tuple[int, int] | None
) -> Location:
    """Where ``fld`` (and ``span`` in its text) is in a record written as the JSON
    ``text``, which starts at ``line`` and ``column`` of its file.

    As in a YAML file: a field that is there points from its key to the end of its
    value, a span at its characters, a missing field at the nearest field above it
    that is there, and the record itself at its start.
    """
    try:
        found = _place(text, fld, span) if fld else None
    except (ValueError, IndexError):  # not the JSON the record was read from
        found = None
    if found is None:
        return Location(path, line, column)
    start, end = found
    first = _position(text, start, line, column)
    if end is None:
        return Location(path, *first)
    return Location(path, *first, *_position(text, end, line, column))


def _place(
    text: str, fld: FieldPath, span: tuple[int, int] | None
) -> tuple[int, int | None] | None:
    """Offsets in ``text`` where the finding starts and ends (``None``: no end)."""
    levels = _levels(text, fld)
    if len(levels) < len(fld):  # a missing field: the nearest one above it
        return (levels[-1][0], None) if levels else None
    anchor, start, end = levels[-1]
    if span is None or text[start : start + 1] != '"':
        return anchor, end
    return _offset(text, start, span[0]), _offset(text, start, span[1])


def _position(text: str, offset: int, line: int, column: int) -> tuple[int, int]:
    """The file's line and column of ``text[offset]``, ``text`` starting at ``line``
    and ``column``."""
    newlines = text.count("\n", 0, offset)
    if not newlines:
        return line, column + offset
    return line + newlines, offset - text.rfind("\n", 0, offset)


def _levels(text: str, fld: FieldPath) -> list[tuple[int, int, int]]:
    """(anchor, value start, value end) of each part of ``fld`` that is there, outermost
    first; the anchor is the key's opening quote (an array item's own start)."""
    start = _skip(text, 0)
    levels: list[tuple[int, int, int]] = []
    for part in fld:
        found: tuple[int, int, int] | None = None
        if not levels and isinstance(part, str) and text[start : start + 1] == "{":
            found = _top_level_member(text, part)
        elif isinstance(part, str) and text[start : start + 1] == "{":
            for key, key_at, value_at, value_end in _members(text, start):
                if key == part:
                    found = (key_at, value_at, value_end)  # the last one counts, as it is read
        elif isinstance(part, int) and text[start : start + 1] == "[":
            for index, (value_at, value_end) in enumerate(_items(text, start)):
                if index == part:
                    found = (value_at, value_at, value_end)
                    break
        if found is None:
            break
        levels.append(found)
        start = found[1]
    return levels


def _top_level_member(text: str, key: str) -> tuple[int, int, int] | None:
    """(key start, value start, value end) of the record's own member ``key`` (the last
    one, as it is read), or ``None``: found by searching for the key, not by walking
    every member before it (a finding in an archive pays this once). A candidate must
    be inside the outer braces only; the line is read once however many candidates it
    holds."""
    found = None
    pos, depth = 0, 0  # the line is read up to ``pos``, where ``depth`` brackets are open
    for number, match in enumerate(_key_pattern(key).finditer(text)):
        start = match.start()
        # In valid JSON a quote inside a string is escaped: `"key":` with a bare quote
        # always starts a key. Whether it is the record's own is a matter of depth,
        # plain in the usual record (scalar members only before the first candidate).
        if number > 0 or not _plain(text[:start]):
            # Read the strings (their brackets do not count) and brackets before it.
            while (token := _TOKEN.search(text, pos)) is not None and token.start() < start:
                pos = token.end()
                depth += _DEPTH.get(token.group(), 0)
            if depth != 1:
                continue
        value = match.end()
        string = _STRING.match(text, value)
        end = string.end() if string is not None else _DECODER.raw_decode(text, value)[1]
        found = (start, value, end)
    return found


def _plain(before: str) -> bool:
    """Whether ``before`` opens the record and holds nothing that changes the depth."""
    return before.count("{") == 1 and not any(c in before for c in "\\[]}")


@functools.lru_cache(maxsize=64)
def _key_pattern(key: str) -> re.Pattern[str]:
    """A member named ``key``, to its value's first character."""
    return re.compile(f'"{re.escape(key)}"[ \t\n\r]*:[ \t\n\r]*')


#: What the depth scan reads: a whole string (brackets in it do not count), or a bracket.
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\]]')
_DEPTH = {"{": 1, "[": 1, "}": -1, "]": -1}


#: A JSON string as written, escapes included.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')


def _members(text: str, at: int) -> Iterator[tuple[str, int, int, int]]:
    """(key, key start, value start, value end) of each member of the object at ``at``."""
    i = _skip(text, at + 1)
    if text[i : i + 1] == "}":
        return
    while True:
        key, after = _DECODER.raw_decode(text, i)  # the key: a JSON string
        colon = _skip(text, after)
        value = _skip(text, colon + 1)
        _, end = _DECODER.raw_decode(text, value)
        yield key, i, value, end
        i = _skip(text, end)
        if text[i : i + 1] != ",":
            return
        i = _skip(text, i + 1)


def _items(text: str, at: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each item of the array at ``at``."""
    i = _skip(text, at + 1)
    if text[i : i + 1] == "]":
        return
    while True:
        _, end = _DECODER.raw_decode(text, i)
        yield i, end
        i = _skip(text, end)
        if text[i : i + 1] != ",":
            return
        i = _skip(text, i + 1)


def _skip(text: str, at: int) -> int:
    """The first position from ``at`` that is not JSON white space."""
    space = _SPACE.match(text, at)
    return space.end() if space is not None else at


def _offset(text: str, quote: int, offset: int) -> int:
    """Where in ``text`` character ``offset`` of the string whose opening quote is at
    ``quote`` is written: each escape is one character of the value, however long."""
    i, count = quote + 1, 0  # text[i] is character ``count`` of the value
    while True:
        escape = text.find("\\", i)
        plain = (escape if escape >= 0 else len(text)) - i  # characters written as they are
        if count + plain >= offset:
            return i + (offset - count)
        count += plain
        i = escape + 2
        if text[escape + 1] == "u":
            code = int(text[escape + 2 : escape + 6], 16)
            i = escape + 6
            if 0xD800 <= code < 0xDC00 and text[i : i + 2] == "\\u":
                low = int(text[i + 2 : i + 6], 16)
                if 0xDC00 <= low < 0xE000:
                    i += 6  # a surrogate pair: one character of the value
        count += 1
