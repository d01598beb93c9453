"""Nesting depth of a YAML text, measured before any parser runs.

Parsers compose nested nodes recursively; a file of 10,000 ``[`` would exhaust the
stack. A linear scan finds where nesting passes :data:`MAX_DEPTH` so the error names
that line, and no parser sees the document.
"""

from __future__ import annotations

import re

#: Deepest nesting of mappings and lists a content file may have (real content: a few).
MAX_DEPTH = 100

_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")


def too_deep_line(text: str) -> int | None:
    """The 1-based line where nesting passes :data:`MAX_DEPTH`, or ``None``.

    The scan may over-estimate (brackets in an unquoted text, a staircase of indented
    lines), which real content never notices. Unusual quoting could make it
    under-estimate; behind it, libyaml refuses nesting past 1,000 levels itself and
    PyYAML's ``RecursionError`` is caught, so the scan is for a precise message, not
    the only bound.
    """
    flow = 0  # open [ and { not yet closed
    indents: list[int] = []  # indentation of the enclosing block levels
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        if flow == 0:
            indent = len(line) - len(stripped)
            while indents and indents[-1] >= indent:
                indents.pop()
            indents.append(indent)
            items = stripped[: len(stripped) - len(stripped.lstrip("- "))]  # "- - x"
            if len(indents) + items.count("-") > MAX_DEPTH:
                return number
        if "[" in line or "{" in line or flow:
            flow = _flow_depth(stripped, flow)
            if flow > MAX_DEPTH:
                return number
    return None


def _flow_depth(line: str, depth: int) -> int:
    """Flow nesting after ``line``; stops past the bound.

    Brackets inside a quoted scalar do not count. A quote opens one only where a
    scalar starts (``it's`` is plain text), ``\\"`` and ``''`` do not close one.
    """
    if "'" not in line and '"' not in line and "#" not in line:
        # No quote or comment: only the brackets count (a pack's ``[a, b, c]`` lists).
        for char in _NOT_BRACKETS.sub("", line):
            if char in "[{":
                depth += 1
                if depth > MAX_DEPTH:
                    return depth
            else:
                depth = max(0, depth - 1)
        return depth
    return _scanned_depth(line, depth)


def _scanned_depth(line: str, depth: int) -> int:
    """:func:`_flow_depth` read a character at a time, quotes and comments tracked (its
    shortcut for lines without them must count as this does)."""
    quote = ""
    previous = " "
    skip = False
    for char in line:
        if skip:
            skip = False
        elif quote:
            if quote == '"' and char == "\\":
                skip = True
            elif char == quote:
                quote = ""  # '' (an escaped quote) reopens at once: see below
        elif char in "\"'" and previous in " [{,:":
            quote = char
        elif char == "'" and previous == "'":
            quote = char  # the second quote of '': still inside the scalar
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return depth
        elif char in "]}":
            depth = max(0, depth - 1)
        elif char == "#" and depth == 0 and previous == " ":
            break
        previous = char
    return depth
