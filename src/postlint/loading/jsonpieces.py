"""JSON text read a piece at a time: one value after another, never the whole text.

A JSON-array archive (its records, with the line each starts on) and a baseline file
(its entries' fingerprints) can each hold hundreds of thousands of values. Each value
is decoded by ``json``'s own ``raw_decode`` from the text held; a value that runs past
it is read on and decoded again, so what is decoded is what ``json.loads`` would find
in the whole text.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

_DECODER = json.JSONDecoder()
_SPACE = frozenset(" \t\r\n")
#: What may follow a whole value: anything else (or the end of the text held) may be
#: the rest of it, a number cut short ("0." of "0.5"), so the text is read on.
_AFTER_VALUE = frozenset(" \t\r\n,:]}")


class JsonPieces:
    """A JSON text read ``piece`` characters at a time, with line numbers; a value may
    run to ``limit`` characters (``None``: any length) before it is called broken."""

    def __init__(self, stream: TextIO, piece: int = 1 << 20, limit: int | None = None) -> None:
        self.stream = stream
        self.piece = piece
        self.limit = limit
        self.buffer = ""
        self.pos = 0
        self.line = 1
        #: Where the line of ``pos`` starts in the buffer (below 0: before it).
        self.line_start = 0
        self.eof = False

    def refill(self) -> bool:
        """Read another piece, dropping what was read past; ``False`` at the end. A
        piece is at least as long as the text held, so a value that spans many pieces
        (or broken text, read to its limit before it is called broken) is read in a
        time linear in its length."""
        if self.eof:
            return False
        chunk = self.stream.read(max(self.piece, len(self.buffer) - self.pos))
        self.buffer = self.buffer[self.pos :] + chunk
        self.line_start -= self.pos
        self.pos = 0
        self.eof = not chunk
        return bool(chunk)

    def past(self, start: int, end: int) -> None:
        """Count the lines of ``buffer[start:end]``, read past."""
        newlines = self.buffer.count("\n", start, end)
        if newlines:
            self.line += newlines
            self.line_start = self.buffer.rfind("\n", start, end) + 1

    def peek(self) -> str:
        """The next character that is not white space (``""`` at the end)."""
        while True:
            buffer, pos = self.buffer, self.pos
            while pos < len(buffer) and buffer[pos] in _SPACE:
                if buffer[pos] == "\n":
                    self.line += 1
                    self.line_start = pos + 1
                pos += 1
            self.pos = pos
            if pos < len(buffer):
                return buffer[pos]
            if not self.refill():
                return ""

    def take(self, expected: str) -> None:
        """Read past ``expected``, the next character that is not white space."""
        if self.peek() != expected:
            raise self.error(f"Expecting {expected!r}")
        self.pos += 1

    def decode(self) -> tuple[Any, int]:
        """The value at the current position (white space already read past: see
        :meth:`peek`), and where it ends in the buffer (not read past yet);
        ``ValueError`` (``json.JSONDecodeError``) when it is broken."""
        while True:
            try:
                data, end = _DECODER.raw_decode(self.buffer, self.pos)
            except json.JSONDecodeError:
                if self._may_grow() and self.refill():
                    continue  # it may go on in the next piece
                raise
            cut_short = self.buffer[end : end + 1] not in _AFTER_VALUE
            if cut_short and self._may_grow() and self.refill():
                continue
            return data, end

    def value(self) -> Any:
        """The next value, read past."""
        self.peek()
        data, end = self.decode()
        self.past(self.pos, end)
        self.pos = end
        return data

    def error(self, message: str) -> json.JSONDecodeError:
        return json.JSONDecodeError(message, self.buffer, self.pos)

    def _may_grow(self) -> bool:
        return self.limit is None or len(self.buffer) - self.pos <= self.limit
