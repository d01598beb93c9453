"""A finding on an archive record points at its column on the record's line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import factories as f
import postlint.api
from postlint.loading.jsonline import locate_in_json
from postlint.origin import Location

# Text that JSON writes in every way it can: plain, escaped (quotes, backslashes, control
# characters), non-ASCII, and outside the BMP (a surrogate pair when ASCII-only).
PIECES = st.sampled_from(
    [
        *["leaf", " ", "pickup", '"', "\\", "\n", "\t", "\x01", "é", "Ω", "😀", "#tag", "/"],
        *["\u2028", "{", "}", "[", "]", ": ", ", ", '"text": '],
    ]
)
TEXTS = st.lists(PIECES, min_size=1, max_size=12).map("".join)


def locate_in_json_line(
    path: str, line: int, raw: bytes, fld: tuple[str | int, ...], span: tuple[int, int] | None
) -> Location:
    """Where ``fld`` is on a JSON Lines record's ``line``, read as the archive reads it."""
    return locate_in_json(path, line, 1, raw.decode("utf-8", "replace"), fld, span)


def _line(record: dict[str, object], ascii_only: bool, tight: bool) -> bytes:
    separators = (",", ":") if tight else (", ", ": ")
    return json.dumps(record, ensure_ascii=ascii_only, separators=separators).encode()


def _unescaped(line: str, start: int, end: int) -> str:
    """What the JSON characters between two 1-based columns read as."""
    return str(json.loads('"' + line[start - 1 : end - 1] + '"'))


@settings(max_examples=300, deadline=None)
@given(
    text=TEXTS,
    alt=TEXTS,
    ascii_only=st.booleans(),
    tight=st.booleans(),
    data=st.data(),
)
def test_a_span_points_at_its_characters_however_json_wrote_them(
    text: str, alt: str, ascii_only: bool, tight: bool, data: st.DataObject
) -> None:
    # Members around the text that hold brackets, quotes and a "text" key of their own.
    members = {
        "id": "p",
        "note": data.draw(TEXTS),
        "quote": {"text": data.draw(TEXTS)},
        "tags": [data.draw(TEXTS)],
        "text": text,
        "media": [{"type": "image", "alt": alt}],
    }
    if data.draw(st.booleans()):
        del members["note"], members["quote"], members["tags"]
    record = {key: members[key] for key in data.draw(st.permutations(list(members)))}
    raw = _line(record, ascii_only, tight)
    line = raw.decode()
    for fld, value in ((("text",), text), (("media", 0, "alt"), alt)):
        start = data.draw(st.integers(0, len(value)))
        end = data.draw(st.integers(start, len(value)))
        where = locate_in_json_line("a.jsonl", 7, raw, fld, (start, end))
        assert (where.line, where.end_line) == (7, 7)
        assert where.end_column is not None
        assert _unescaped(line, where.column, where.end_column) == value[start:end]


def test_a_field_points_from_its_key_and_a_missing_one_at_its_parent() -> None:
    record = {"id": "p", "media": [{"type": "image"}, {"type": "video", "alt": "x"}]}
    raw = _line(record, ascii_only=True, tight=False)
    line = raw.decode()
    where = locate_in_json_line("a.jsonl", 3, raw, ("media", 1, "alt"), None)
    assert where.end_column is not None
    assert line[where.column - 1 : where.end_column - 1] == '"alt": "x"'
    missing = locate_in_json_line("a.jsonl", 3, raw, ("media", 0, "alt"), None)
    assert line[missing.column - 1 :].startswith('{"type": "image"}')
    absent = locate_in_json_line("a.jsonl", 3, raw, ("scheduled_at",), None)
    assert (absent.line, absent.column) == (3, 1)
    # The last of a repeated key is the one the reader kept.
    twice = b'{"id": "p", "text": "old", "text": "new"}'
    found = locate_in_json_line("a.jsonl", 1, twice, ("text",), (0, 3))
    assert found.end_column is not None
    assert twice.decode()[found.column - 1 : found.end_column - 1] == "new"


def test_a_line_that_is_not_the_json_it_was_read_from_points_at_its_start() -> None:
    where = locate_in_json_line("a.jsonl", 9, b'{"text": "unterminated', ("text",), (0, 2))
    assert (where.line, where.column) == (9, 1)


def test_an_archive_finding_points_at_the_hashtag_on_its_line(tmp_path: Path) -> None:
    (tmp_path / "accounts").mkdir()
    account = f.official_account().model_dump(mode="json", exclude_none=True)
    (tmp_path / "accounts" / "dpw-x.yaml").write_text(yaml.safe_dump(account), encoding="utf-8")
    (tmp_path / "archive").mkdir()
    post = f.post(text="Crews out tonight \u201cstay safe\u201d \U0001f6a7 #snowemergencyroute")
    record = post.model_dump(mode="json", exclude_none=True)
    archive = tmp_path / "archive" / "posts.jsonl"
    archive.write_text("\n" + json.dumps(record) + "\n", encoding="utf-8")
    report = postlint.api.lint_paths([tmp_path], today=f.TODAY, entry_point_plugins=False)
    [finding] = [v for v in report.violations if v.rule == "media-accessibility"]
    assert finding.line == 2
    line = archive.read_text(encoding="utf-8").split("\n")[1]
    assert finding.column is not None and finding.end_column is not None
    assert line[finding.column - 1 : finding.end_column - 1] == "#snowemergencyroute"


@pytest.mark.parametrize("indent", [None, 2, "\t"])
def test_an_array_archive_finding_points_at_the_hashtag(tmp_path: Path, indent: Any) -> None:
    # Records of a JSON array are placed like JSON Lines records, in their own lines and
    # columns: pretty-printed (an element over many lines) or all on one line, and far
    # enough into the file that the reader has refilled its buffer many times.
    (tmp_path / "accounts").mkdir()
    account = f.official_account().model_dump(mode="json", exclude_none=True)
    (tmp_path / "accounts" / "dpw-x.yaml").write_text(yaml.safe_dump(account), encoding="utf-8")
    (tmp_path / "archive").mkdir()
    records = [
        f.post(
            id=f"p{i}", text=f"Crews out on route {i}, \u201cstay safe\u201d \U0001f6a7"
        ).model_dump(mode="json", exclude_none=True)
        for i in range(3000)
    ]
    del records[2555]["url"]  # a missing field: the finding points at the record's start
    records[2555]["text"] = 'Plows \u00e9t\u00e9\n"out" \U0001f6a7 #snowemergencyroute tonight'
    archive = tmp_path / "archive" / "posts.json"
    archive.write_text(json.dumps(records, indent=indent), encoding="utf-8")
    report = postlint.api.lint_paths([tmp_path], today=f.TODAY, entry_point_plugins=False)
    [finding] = [v for v in report.violations if v.rule == "media-accessibility"]
    assert finding.column is not None and finding.end_column is not None
    assert finding.end_line == finding.line
    lines = archive.read_text(encoding="utf-8").split("\n")
    line = lines[finding.line - 1]
    assert line[finding.column - 1 : finding.end_column - 1] == "#snowemergencyroute"
    [missing] = [v for v in report.violations if "no `url`" in v.message]
    assert missing.line is not None and missing.column is not None
    assert lines[missing.line - 1][missing.column - 1 :].startswith(
        '{"id": "p2555"' if indent is None else "{"
    )
    assert missing.line <= finding.line


@settings(max_examples=40, deadline=None)
@given(
    texts=st.lists(TEXTS, min_size=1, max_size=6),
    indent=st.sampled_from([None, 2]),
    chunk=st.integers(1, 64),
)
def test_a_json_array_reads_alike_however_it_is_cut_into_pieces(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str], indent: int | None, chunk: int
) -> None:
    """A record cut anywhere by the reader's pieces (inside a ``null``, a ``true``, an
    escape) is still a record: the same posts at the same places as read in one piece."""
    from postlint.loading import archive

    records = [
        {"id": f"p{i}", "account": "dpw-x", "status": "draft", "author": None, "via": None,
         "text": text}
        for i, text in enumerate(texts)
    ]  # fmt: skip
    path = tmp_path_factory.mktemp("array") / "posts.json"
    path.write_text(json.dumps(records, indent=indent), encoding="utf-8")

    def read(size: int) -> list[tuple[Any, ...]]:
        archive._CHUNK = size
        return [
            (item.id, item.text, item.origin.line, item.origin.record_column)
            if not isinstance(item, archive.InputError)
            else ("error", item.message, item.line, None)
            for item in archive.iter_archive(path, "posts.json")
        ]

    real = archive._CHUNK
    try:
        whole = read(1 << 20)
        assert [entry[0] for entry in whole] == [r["id"] for r in records]
        assert read(chunk) == whole
    finally:
        archive._CHUNK = real
