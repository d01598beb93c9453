"""Patterns written in YAML packs run on a linear-time engine (RE2).

A department's pack cannot freeze the linter with a catastrophic-backtracking pattern:
RE2 has no backtracking. Python's ``re`` is used only if RE2 is missing, and then only
for patterns that RE2's syntax would accept.
"""

from __future__ import annotations

import re as _re
from collections.abc import Iterable
from typing import Any

from postlint.errors import ConfigError

_engine: Any
try:
    import re2

    _engine = re2
    _RE2 = True
except ImportError:  # pragma: no cover - google-re2 is a declared dependency
    import re

    _engine = re
    _RE2 = False


def compile_patterns(patterns: Iterable[str], *, ignore_case: bool = False) -> Any:
    """One compiled alternation of ``patterns`` (a pattern object with ``search``)."""
    joined = "|".join(f"(?:{p})" for p in patterns)
    return compile_pattern(joined, ignore_case=ignore_case)


def compile_pattern(pattern: str, *, ignore_case: bool = False) -> Any:
    """Compile one user pattern with the linear-time engine; refuse what it cannot run."""
    flags = "(?i)" if ignore_case else ""
    try:
        if _RE2:
            options = _engine.Options()
            options.max_mem = 64 << 20
            options.never_capture = False
            return _Pattern(_engine.compile(flags + pattern, options))
        return _engine.compile(flags + pattern)
    except Exception as exc:
        reason = exc.args[0] if len(exc.args) == 1 else exc
        if isinstance(reason, bytes):  # RE2 words its errors in bytes
            reason = reason.decode("utf-8", "replace")
        raise ConfigError(f"pattern {pattern[:80]!r} cannot be used: {reason}") from None


#: A lone surrogate: a Python string may hold one (JSON can carry "\ud800"), UTF-8
#: cannot, and RE2 reads UTF-8.
_LONE_SURROGATE = _re.compile("[\ud800-\udfff]")


def utf8_safe(text: str) -> str:
    """``text`` with each lone surrogate read as U+FFFD (one code point for one, so
    every offset stays the same)."""
    if text.isascii():
        return text
    return _LONE_SURROGATE.sub("\ufffd", text)


class _Pattern:
    """An RE2 pattern that takes any Python string (see :func:`utf8_safe`)."""

    __slots__ = ("_compiled",)

    def __init__(self, compiled: Any) -> None:
        self._compiled = compiled

    @property
    def pattern(self) -> str:
        return self._compiled.pattern  # type: ignore[no-any-return]

    def search(self, text: str, *args: Any) -> Any:
        return self._compiled.search(utf8_safe(text), *args)

    def match(self, text: str, *args: Any) -> Any:
        return self._compiled.match(utf8_safe(text), *args)

    def fullmatch(self, text: str, *args: Any) -> Any:
        return self._compiled.fullmatch(utf8_safe(text), *args)

    def finditer(self, text: str, *args: Any) -> Any:
        return self._compiled.finditer(utf8_safe(text), *args)

    def findall(self, text: str, *args: Any) -> Any:
        return self._compiled.findall(utf8_safe(text), *args)

    def sub(self, repl: Any, text: str, *args: Any) -> Any:
        return self._compiled.sub(repl, utf8_safe(text), *args)

    def split(self, text: str, *args: Any) -> Any:
        return self._compiled.split(utf8_safe(text), *args)
