"""Bulk archives: a ``.jsonl`` file (one post record a line) or a ``.json`` array.

Both are streamed: memory stays flat in the archive's size. A broken record is one
``input-error`` at its line; every other record is still linted.
"""

from __future__ import annotations

import errno
import functools
import json
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from pydantic import ValidationError

from postlint.errors import InputError
from postlint.loading.files import InputErrors, check_dates, validate
from postlint.loading.jsonpieces import JsonPieces
from postlint.models import Post
from postlint.origin import Origin

#: A single record longer than this is refused: a post is never this long (Facebook's
#: limit is 63,206 characters), and an archive may hold a million records, so a hostile
#: one must cost little.
MAX_RECORD_BYTES = 256 * 1024
_CHUNK = 1 << 20


def iter_archive(path: Path, shown: str) -> Iterator[Post | InputError]:
    """Posts of an archive, or an error for each unusable record."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            # A folder, a device or a pipe (a link to /dev/zero) is never read.
            yield InputError("is not a regular file", path=shown, line=1)
            return
        json_array = is_json_array(path)
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", path=shown, line=1)
        return
    try:
        if json_array:
            yield from _iter_json_array(path, shown)
        else:
            yield from iter_jsonl(path, shown)
    except Exception as exc:  # a reader bug must cost the rest of this archive only
        yield _reading_stopped(exc, shown)


def _reading_stopped(exc: Exception, shown: str) -> InputError:
    """The error for a reader that failed part way (named by type: no record content)."""
    return InputError(
        f"reading stopped ({type(exc).__name__}); the records before were linted", path=shown
    )


def is_json_array(path: Path) -> bool:
    """Whether the archive is one JSON array (else it is read as JSON Lines).

    Raises ``OSError`` for anything but a regular file: a pipe would block the open and
    a link to ``/dev/zero`` would never end, so callers (the chunked runner too) must
    hand such a path to :func:`iter_archive`, which reports it.
    """
    if not stat.S_ISREG(path.stat().st_mode):
        raise OSError(errno.EINVAL, "not a regular file", str(path))
    with path.open("rb") as stream:
        head = stream.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    return path.suffix.lower() == ".json" and head.startswith(b"[")


def _record(
    data: object, shown: str, line: int, raw: bytes | str | None = None, column: int = 1
) -> Post | InputError:
    """``data`` as a post; ``raw`` is its JSON as written (a JSON Lines record's line,
    or an array's element starting at ``column`` of ``line``)."""
    if isinstance(data, dict) and "id" not in data:
        data = {**data, "id": f"{Path(shown).name}:{line}"}
    try:
        origin = Origin(shown, line, None, raw, column)
        return validate(Post, data, origin, f"the record on line {line}")
    except InputErrors as errs:
        first = errs.errors[0]
        more = f" (and {len(errs.errors) - 1} more)" if len(errs.errors) > 1 else ""
        return InputError(first.message + more, path=shown, line=line)


def iter_jsonl(
    path: Path, shown: str, start: int = 0, end: int | None = None, first_line: int = 1
) -> Iterator[Post | InputError]:
    """Records of a JSON Lines archive; with ``start``/``end``, only that byte range.

    A range starts at a line start (``first_line`` is its line number) and ends after
    a newline or at the end of the file, so ranges split an archive for parallel runs.
    A line longer than :data:`MAX_RECORD_BYTES` is skipped without being held in memory.
    """
    # At the start of a file, lines that are not JSON are held back: if the first
    # ones all fail, the file is not JSON Lines at all (a CSV, a picture, a pretty-
    # printed object) and one error says so instead of one per line.
    if start > 0:
        if _not_json_lines(str(path), path.stat().st_mtime_ns) is None:
            yield from _jsonl_records(path, shown, start, end, first_line)
        return  # else the range at the start of the file says so, once
    records = _jsonl_records(path, shown, start, end, first_line)
    held: list[InputError] = []
    for record in records:
        if isinstance(record, InputError) and record.message.startswith(_NOT_JSON):
            held.append(record)
            if len(held) == _NOT_JSONL_AFTER:
                yield _not_jsonl(shown, held[0].line)
                return
        else:
            yield from held
            yield record
            yield from records  # decided: the rest goes straight through
            return
    # A range that ends before its file's first lines decide (lines longer than the
    # range, or blank ones): the file decides, as it does for the ranges after this one.
    if end is not None:
        first_failed = _not_json_lines(str(path), path.stat().st_mtime_ns)
        if first_failed is not None:
            yield _not_jsonl(shown, first_failed)
            return
    yield from held


def _not_jsonl(shown: str, line: int | None) -> InputError:
    """The one error for a file whose first lines are not JSON records."""
    return InputError(
        f"does not look like JSON Lines: its first {_NOT_JSONL_AFTER} lines are"
        " not JSON records (one JSON object a line); nothing more was read",
        path=shown,
        line=line,
    )


@functools.lru_cache(maxsize=64)
def _not_json_lines(path: str, version: int) -> int | None:
    """The line of the first of a file's first lines when they are all not JSON, so it
    is not JSON Lines; else ``None`` (cached per file and version)."""
    records = _jsonl_records(Path(path), path, 0, None, 1)
    first: int | None = None
    for failed, record in enumerate(records, 1):
        if not (isinstance(record, InputError) and record.message.startswith(_NOT_JSON)):
            return None
        first = record.line if first is None else first
        if failed == _NOT_JSONL_AFTER:
            return first
    return None


#: Lines that are not JSON, at the start of a file, after which it is not JSON Lines.
_NOT_JSONL_AFTER = 10
_NOT_JSON = "not a JSON record"


def _jsonl_records(
    path: Path, shown: str, start: int, end: int | None, first_line: int
) -> Iterator[Post | InputError]:
    """Every line of the range as a post or an error (see :func:`iter_jsonl`)."""
    with path.open("rb") as stream:
        stream.seek(start)
        position = start
        number = first_line - 1
        while end is None or position < end:
            raw = stream.readline(MAX_RECORD_BYTES + 1)
            if not raw:
                return
            number += 1
            position += len(raw)
            if len(raw) > MAX_RECORD_BYTES and not raw.endswith(b"\n"):
                position += _skip_line(stream)
                yield InputError(
                    f"record is over {MAX_RECORD_BYTES // 1024} KB; a post is never this long",
                    path=shown,
                    line=number,
                )
                continue
            try:
                record = _jsonl_record(raw, shown, number)
            except Exception as exc:  # a reader bug must cost this record only
                record = InputError(
                    f"could not be read ({type(exc).__name__})", path=shown, line=number
                )
            if record is not None:
                yield record


def _skip_line(stream: BinaryIO) -> int:
    """Read past the rest of an over-long line; the number of bytes skipped."""
    skipped = 0
    while True:
        chunk = stream.readline(_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _jsonl_record(raw: bytes, shown: str, number: int) -> Post | InputError | None:
    """One line as a post: pydantic's JSON parser first, the detailed path on failure."""
    fast = _valid_post(raw, shown, number)
    if fast is not None:
        return fast
    stripped = raw.strip()
    if not stripped:
        return None
    try:
        data = json.loads(stripped)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError, UnicodeDecodeError too
        return InputError(f"{_NOT_JSON}: {_why(exc)}", path=shown, line=number)
    return _record(data, shown, number, raw)


def _valid_post(
    raw: bytes | str, shown: str, line: int, column: int = 1
) -> Post | InputError | None:
    """A record's JSON (``raw``, at ``column`` of ``line``) as a post, by pydantic's JSON
    parser; ``None`` when it does not validate.

    Exact when it succeeds: no post field is secret-named, so a record that validates
    carries no secret key to strip, and it has its ``id``. Anything else (a missing id,
    a bad value, a record that is not JSON) goes through :func:`_record`, which words
    the error for people.
    """
    try:
        post = Post.model_validate_json(raw)
    except ValidationError:
        return None
    origin = Origin(shown, line, None, raw, column)
    try:
        check_dates(post, origin)
    except InputErrors as errs:
        return errs.errors[0]
    return post.with_origin(origin)  # type: ignore[no-any-return]


#: Where the next record of a pretty-printed array starts: a line opening with ``{``.
_NEXT_RECORD = re.compile(r"\n[ \t\r]*,?[ \t\r]*(?=\{)")


class _ArrayReader(JsonPieces):
    """A top-level JSON array read a chunk at a time, with line numbers; a record may
    run to :data:`MAX_RECORD_BYTES`."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream, _CHUNK, MAX_RECORD_BYTES)

    def element(self) -> tuple[str, int]:
        """Read past the value at the current position (decoding it): its text and the
        column it starts at; raise ``ValueError`` when broken."""
        _, end = self.decode()
        start = self.pos
        text, column = self.buffer[start:end], start - self.line_start + 1
        self.past(start, end)
        self.pos = end
        return text, column

    def resync(self) -> bool:
        """Skip to the next line that opens a record; ``False`` when there is none."""
        start = self.pos + 1  # past the broken record's own first character
        while True:
            match = _NEXT_RECORD.search(self.buffer, start)
            if match is not None:
                self.past(self.pos, match.end())
                self.pos = match.end()
                return True
            if self.eof or len(self.buffer) - self.pos > MAX_RECORD_BYTES:
                return False
            self.past(self.pos, len(self.buffer) - 1)
            self.pos = max(self.pos, len(self.buffer) - 1)
            self.refill()
            start = self.pos


_DECODER = json.JSONDecoder()


def _iter_json_array(path: Path, shown: str) -> Iterator[Post | InputError]:
    """Elements of a top-level JSON array; a broken element costs itself only."""
    return array_records(_array_items(path, shown), shown)


#: An element of a JSON array as written: its text, line and column.
ArrayElement = tuple[str, int, int]


def array_elements(path: Path, shown: str) -> Iterator[ArrayElement | InputError]:
    """The elements of a JSON-array archive as written: (text, line, column) each, or
    an error where one is broken; :func:`array_records` makes them posts.

    For a process pool: the parent reads the array once and hands batches of elements
    to the workers, which decode and lint them as :func:`iter_archive` would.
    """
    try:
        yield from _array_items(path, shown)
    except Exception as exc:  # a reader bug must cost the rest of this archive only
        yield _reading_stopped(exc, shown)


def array_records(
    elements: Iterable[ArrayElement | InputError], shown: str
) -> Iterator[Post | InputError]:
    """The posts of elements read by :func:`array_elements` (errors pass through).

    An element is decoded again only when it is not a valid post as it stands: the
    detailed path needs its data to word the error."""
    for element in elements:
        if isinstance(element, InputError):
            yield element
            continue
        text, line, column = element
        yield _valid_post(text, shown, line, column) or _record(
            _DECODER.decode(text), shown, line, text, column
        )


def _array_items(path: Path, shown: str) -> Iterator[ArrayElement | InputError]:
    with path.open("r", encoding="utf-8-sig", errors="strict") as stream:
        reader = _ArrayReader(stream)
        try:
            yield from _array_elements(reader, shown)
        except UnicodeDecodeError:
            yield InputError(
                "not UTF-8 text; save the archive as UTF-8", path=shown, line=reader.line
            )


def _array_elements(reader: _ArrayReader, shown: str) -> Iterator[ArrayElement | InputError]:
    if reader.peek() != "[":
        yield InputError("an archive array must start with '['", path=shown, line=reader.line)
        return
    reader.pos += 1
    if reader.peek() == "]":
        return
    while True:
        line = reader.line
        try:
            text, column = reader.element()
        except (ValueError, RecursionError) as exc:
            yield InputError(f"{_NOT_JSON}: {_why(exc)}", path=shown, line=line)
            if not reader.resync():
                return
            continue
        yield text, line, column
        after = reader.peek()
        if after == ",":
            reader.pos += 1
            if reader.peek() in ("]", ""):
                return  # a trailing comma: tolerated
        elif after == "]":
            return
        elif after == "":
            yield InputError(
                "the archive ends before its closing ']'", path=shown, line=reader.line
            )
            return
        else:
            yield InputError("expected ',' or ']' after a record", path=shown, line=reader.line)
            if after != "{" and not reader.resync():  # "{" : only the comma is missing
                return


def _why(exc: BaseException) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg.removesuffix(' at')} at column {exc.colno}"
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8 text"
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    if "integer string conversion" in str(exc):
        return "a number is too long (more than 4300 digits)"
    return type(exc).__name__
