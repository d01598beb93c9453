"""A JSON document written in pieces: its long lists an item at a time.

An archive's report holds tens of thousands of findings. Built whole, a JSON or SARIF
document holds every finding twice more (as plain data, then as one string), several
kilobytes each. Here the document is dumped with a marker in place of each long list,
and each list is written where its marker stands, one item dumped at a time: the
pieces join to exactly what ``json.dumps`` gives for the whole document.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable, Iterator
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
        inner = pad + " " * indent
        separator = ",\n" + inner
    first = True
    for item in items:
        text = json.dumps(item, indent=indent, ensure_ascii=False)
        if indent is not None:
            # Newlines in the text are the layout's own: JSON escapes them in strings.
            text = text.replace("\n", "\n" + inner)
        yield ("[\n" + inner if indent is not None else "[") + text if first else separator + text
        first = False
    if first:
        yield "[]"
    else:
        yield "\n" + pad + "]" if indent is not None else "]"
