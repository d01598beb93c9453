"""Bulk archives: a ``.jsonl`` file (one post record a line) or a ``.json`` array.

Both are streamed: memory stays flat in the archive's size. A broken record is one
``input-error`` at its line; every other record is still linted.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

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
        with path.open("rb") as stream:
            head = stream.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", path=shown)
        return
    if path.suffix.lower() == ".json" and head.startswith(b"["):
        yield from _iter_json_array(path, shown)
    else:
        yield from _iter_jsonl(path, shown)


def _record(data: object, shown: str, line: int) -> Post | InputError:
    if isinstance(data, dict) and "id" not in data:
        data = {**data, "id": f"{Path(shown).name}:{line}"}
    try:
        return validate(Post, data, Origin(shown, line), f"the record on line {line}")
    except InputErrors as errs:
        first = errs.errors[0]
        more = f" (and {len(errs.errors) - 1} more)" if len(errs.errors) > 1 else ""
        return InputError(first.message + more, path=shown, line=line)


def _iter_jsonl(path: Path, shown: str) -> Iterator[Post | InputError]:
    with path.open("rb") as stream:
        for number, raw in enumerate(stream, 1):
            if len(raw) > MAX_RECORD_BYTES:
                yield InputError(
                    f"record is over {MAX_RECORD_BYTES // 1024 // 1024} MB", path=shown, line=number
                )
                continue
            stripped = raw.strip()
            if not stripped:
                continue
            try:
                data = json.loads(stripped)
            except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
                yield InputError(f"not a JSON record: {_why(exc)}", path=shown, line=number)
                continue
            yield _record(data, shown, number)


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
