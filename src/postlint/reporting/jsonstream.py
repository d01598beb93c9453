"""A JSON document written in pieces: its long lists an item at a time.

An archive's report holds tens of thousands of findings. Built whole, a JSON or SARIF
document holds every finding twice more (as plain data, then as one string), several
kilobytes each. Here the document is dumped with a marker in place of each long list,
and each list is written where its marker stands, one item dumped at a time: the
pieces join to exactly what ``json.dumps`` gives for the whole document.
"""

from __future__ import annotations

import json
import math
import secrets
from collections.abc import Callable, Iterable, Iterator
from typing import Any


class Deferred:
    """A list to write in place, its items made as they are written."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items


def dump(data: Any, indent: int | None = None) -> Iterator[str]:
    """``json.dumps(data, indent=indent, ensure_ascii=False)`` in pieces, where each
    :class:`Deferred` in ``data`` (a value of a mapping or a list, at any depth) stands
    for the list of its items."""
    while True:
        # A marker is a string no other text of the document spells: checked below,
        # and drawn again in the (unlikely) case one does.
        nonce = secrets.token_hex(8)
        lists: dict[str, Deferred] = {}
        text = json.dumps(_marked(data, nonce, lists), indent=indent, ensure_ascii=False)
        markers = [json.dumps(key) for key in lists]
        if all(text.count(marker) == 1 for marker in markers):
            break
    done = 0
    for marker, deferred in zip(markers, lists.values(), strict=True):
        at = text.index(marker, done)
        yield text[done:at]
        line = text[text.rfind("\n", 0, at) + 1 : at]
        pad = " " * (len(line) - len(line.lstrip(" ")))
        yield from _items(deferred.items, indent, pad)
        done = at + len(marker)
    yield text[done:]


def _marked(value: Any, nonce: str, lists: dict[str, Deferred]) -> Any:
    """``value`` with a marker string in place of each deferred list (kept in ``lists``,
    in the order ``json.dumps`` writes them)."""
    if isinstance(value, Deferred):
        key = f"{nonce}:{len(lists)}"
        lists[key] = value
        return key
    if isinstance(value, dict):
        return {k: _marked(v, nonce, lists) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_marked(v, nonce, lists) for v in value]
    return value


def _items(items: Iterable[Any], indent: int | None, pad: str) -> Iterator[str]:
    """A list as ``json.dumps`` writes it at a line indented by ``pad``."""
    if indent is None:
        separator, inner = ", ", ""
    else:
        step = " " * indent
        inner = pad + step
        separator = ",\n" + inner
    first = True
    for item in items:
        if indent is None:
            text = json.dumps(item, ensure_ascii=False)
        else:
            try:
                text = indented(item, step, inner)
            except _Unusual:
                text = json.dumps(item, indent=indent, ensure_ascii=False)
                # Newlines in the text are the layout's own: JSON escapes them in strings.
                text = text.replace("\n", "\n" + inner)
        yield ("[\n" + inner if indent is not None else "[") + text if first else separator + text
        first = False
    if first:
        yield "[]"
    else:
        yield "\n" + pad + "]" if indent is not None else "]"


class _Unusual(Exception):
    """A value :func:`indented` leaves to ``json.dumps``."""


def indented(value: Any, step: str, pad: str = "") -> str:
    """``json.dumps(value, indent=len(step), ensure_ascii=False)`` for plain data (text
    keys; text, numbers, booleans, ``None``, lists, tuples and dicts), written on lines
    indented by ``pad``; raises ``_Unusual`` for anything else.

    With an indent, ``json`` falls back to its pure-Python encoder, about 20 µs for a
    finding's record; here each value is still encoded by ``json``'s own functions (in C
    for text), and only the layout is Python's: about five times faster.
    """
    if isinstance(value, str):
        return _text(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = pad + step
        parts = []
        for key, item in value.items():
            if not isinstance(key, str):
                raise _Unusual  # json turns such keys into text its own way
            leaf = _LEAVES.get(type(item))  # most values: no call to lay them out
            text = leaf(item) if leaf is not None else indented(item, step, inner)
            parts.append(f"{_text(key)}: {text}")
        return "{\n" + inner + (",\n" + inner).join(parts) + "\n" + pad + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        inner = pad + step
        parts = []
        for item in value:
            leaf = _LEAVES.get(type(item))
            parts.append(leaf(item) if leaf is not None else indented(item, step, inner))
        return "[\n" + inner + (",\n" + inner).join(parts) + "\n" + pad + "]"
    raise _Unusual


_text = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) uses


def _number(value: float) -> str:
    """A float as ``json`` writes it (``allow_nan``, its default)."""
    if value != value:
        return "NaN"
    if value == math.inf:
        return "Infinity"
    if value == -math.inf:
        return "-Infinity"
    return float.__repr__(value)


#: How each plain scalar type (exactly that type) is written.
_LEAVES: dict[type, Callable[[Any], str]] = {
    str: _text,
    int: int.__repr__,
    float: _number,
    bool: lambda value: "true" if value else "false",
    type(None): lambda value: "null",
}
