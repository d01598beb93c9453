"""JSON written in pieces is exactly the JSON written whole."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from postlint.reporting.jsonstream import Deferred, _Unusual, dump, indented

scalars = st.none() | st.booleans() | st.integers() | st.text() | st.floats(allow_nan=False)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=12,
)


@st.composite
def documents(draw: st.DrawFn) -> tuple[Any, Any]:
    """A document with deferred lists in some of its mappings, and the same written whole."""

    def build(depth: int) -> tuple[Any, Any]:
        if depth > 2 or draw(st.booleans()):
            value = draw(values)
            return value, value
        keys = draw(st.lists(st.text(max_size=5), unique=True, max_size=4))
        streamed: dict[str, Any] = {}
        whole: dict[str, Any] = {}
        for key in keys:
            if draw(st.integers(0, 2)) == 0:
                items = draw(st.lists(values, max_size=4))
                streamed[key] = Deferred(iter(items))  # made as it is written
                whole[key] = items
            else:
                streamed[key], whole[key] = build(depth + 1)
        return streamed, whole

    return build(0)


@given(documents(), st.sampled_from([None, 2, 4]))
def test_the_pieces_join_to_what_json_dumps_writes(
    doc: tuple[Any, Any], indent: int | None
) -> None:
    streamed, whole = doc
    assert "".join(dump(streamed, indent)) == json.dumps(whole, indent=indent, ensure_ascii=False)


def test_text_that_spells_a_marker_is_written_as_it_is(monkeypatch: Any) -> None:
    """A marker is drawn again when the document's own text spells it."""
    draws = iter(["feed", "feed", "beef"])
    monkeypatch.setattr("postlint.reporting.jsonstream.secrets.token_hex", lambda n: next(draws))
    streamed = {"a": "feed:0", "b": Deferred([1, "feed:1"]), "c": Deferred([])}
    whole = {"a": "feed:0", "b": [1, "feed:1"], "c": []}
    assert "".join(dump(streamed, None)) == json.dumps(whole, ensure_ascii=False)
    assert next(draws, None) is None  # "feed" was drawn twice and refused


def test_a_long_list_is_written_an_item_at_a_time() -> None:
    made: list[int] = []

    def items() -> Any:
        for i in range(3):
            made.append(i)
            yield {"n": i}

    pieces = dump({"results": Deferred(items())}, indent=2)
    seen = []
    for piece in pieces:
        seen.append((piece, len(made)))
    # Each item is made only when the piece before it has been taken.
    assert [count for piece, count in seen if '"n"' in piece] == [1, 2, 3]


any_scalars = scalars | st.floats() | st.characters().map(str)
any_values = st.recursive(
    any_scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(st.text(), inner, max_size=3)
    ),
    max_leaves=16,
)


@given(any_values, st.integers(0, 4), st.text(" ", max_size=6))
def test_indented_is_what_json_dumps_writes(value: Any, indent: int, pad: str) -> None:
    """The fast layout of a finding's record: the very text of ``json.dumps`` (NaN and
    infinities, tuples, any text), at any depth of the document."""
    expected = json.dumps(value, indent=indent, ensure_ascii=False).replace("\n", "\n" + pad)
    assert indented(value, " " * indent, pad) == expected


def test_what_indented_does_not_write_is_left_to_json() -> None:
    for value in ({1: "a number as a key"}, {"a": {True: 1}}, [object()], {"when": {1.5}}):
        try:
            indented(value, "  ")
        except _Unusual:
            continue
        raise AssertionError(f"{value!r} was written")
    items = [{"id": 1}, {2: "x"}, {"id": 3}]  # one item json keys its own way
    text = "".join(dump({"items": Deferred(iter(items))}, indent=2))
    assert text == json.dumps({"items": items}, indent=2, ensure_ascii=False)
