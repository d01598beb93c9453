"""Bulk archives: a ``.jsonl`` file (one post record a line) or a ``.json`` array.

Both are streamed: memory stays flat in the archive's size. A broken record is one
``input-error`` at its line; every other record is still linted.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from postlint.errors import InputError
from postlint.loading.files import InputErrors, validate
from postlint.models import Post
from postlint.origin import Origin

#: A single record longer than this is refused (a post is never this long).
MAX_RECORD_BYTES = 8 * 1024 * 1024
_CHUNK = 1 << 20


def iter_archive(path: Path, shown: str) -> Iterator[Post | InputError]:
    """Posts of an archive, or an error for each unusable record."""
    try:
        json_array = is_json_array(path)
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", path=shown)
        return
    if json_array:
        yield from _iter_json_array(path, shown)
    else:
        yield from iter_jsonl(path, shown)


def is_json_array(path: Path) -> bool:
    """Whether the archive is one JSON array (else it is read as JSON Lines)."""
    with path.open("rb") as stream:
        head = stream.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    return path.suffix.lower() == ".json" and head.startswith(b"[")


def _record(data: object, shown: str, line: int) -> Post | InputError:
    if isinstance(data, dict) and "id" not in data:
        data = {**data, "id": f"{Path(shown).name}:{line}"}
    try:
        return validate(Post, data, Origin(shown, line), f"the record on line {line}")
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
    """
    with path.open("rb") as stream:
        stream.seek(start)
        position = start
        for number, raw in enumerate(stream, first_line):
            if end is not None and position >= end:
                return
            position += len(raw)
            if len(raw) > MAX_RECORD_BYTES:
                yield InputError(
                    f"record is over {MAX_RECORD_BYTES // 1024 // 1024} MB", path=shown, line=number
                )
                continue
            record = _jsonl_record(raw, shown, number)
            if record is not None:
                yield record


def _jsonl_record(raw: bytes, shown: str, number: int) -> Post | InputError | None:
    """One line as a post: pydantic's JSON parser first, the detailed path on failure.

    The fast path is exact when it succeeds: no post field is secret-named, so a
    record that validates carries no secret key to strip, and it has its ``id``.
    Anything else (a missing id, a bad value, a line that is not JSON) goes through
    :func:`_record`, which words the error for people.
    """
    try:
        post = Post.model_validate_json(raw)
    except ValidationError:
        pass
    else:
        return post.with_origin(Origin(shown, number))  # type: ignore[no-any-return]
    stripped = raw.strip()
    if not stripped:
        return None
    try:
        data = json.loads(stripped)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        return InputError(f"not a JSON record: {_why(exc)}", path=shown, line=number)
    return _record(data, shown, number)


def _iter_json_array(path: Path, shown: str) -> Iterator[Post | InputError]:
    """Elements of a top-level JSON array, read a chunk at a time with their lines."""
    decoder = json.JSONDecoder()
    with path.open("r", encoding="utf-8", errors="strict") as stream:
        buffer = ""
        line = 1
        pos = 0
        started = False
        eof = False

        def refill() -> bool:
            nonlocal buffer, pos
            chunk = stream.read(_CHUNK)
            buffer = buffer[pos:] + chunk
            pos = 0
            return bool(chunk)

        try:
            while True:
                while True:  # skip white space, commas, the opening bracket; count lines
                    while pos < len(buffer) and buffer[pos] in " \t\r\n,[]":
                        char = buffer[pos]
                        if char == "\n":
                            line += 1
                        elif char == "[" and not started:
                            started = True
                        elif char == "]":
                            return
                        pos += 1
                    if pos < len(buffer) or eof:
                        break
                    eof = not refill()
                if pos >= len(buffer):
                    return
                while True:
                    try:
                        data, end = decoder.raw_decode(buffer, pos)
                        break
                    except json.JSONDecodeError as exc:
                        if eof or len(buffer) - pos > MAX_RECORD_BYTES:
                            yield InputError(
                                f"not a JSON record: {_why(exc)}", path=shown, line=line
                            )
                            return
                        eof = not refill()
                record_line = line
                line += buffer.count("\n", pos, end)
                pos = end
                yield _record(data, shown, record_line)
        except UnicodeDecodeError:
            yield InputError("not UTF-8 text; save the archive as UTF-8", path=shown, line=line)
        except RecursionError:
            yield InputError("record nested too deeply", path=shown, line=line)


def _why(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at column {exc.colno}"
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8 text"
    return "nested too deeply"
