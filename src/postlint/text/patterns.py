"""Patterns written in YAML packs run on a linear-time engine (RE2).

A department's pack cannot freeze the linter with a catastrophic-backtracking pattern:
RE2 has no backtracking. Python's ``re`` is used only if RE2 is missing, and then only
for patterns that RE2's syntax would accept.
"""

from __future__ import annotations

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
            return _engine.compile(flags + pattern, options)
        return _engine.compile(flags + pattern)
    except Exception as exc:
        raise ConfigError(f"pattern {pattern[:80]!r} cannot be used: {exc}") from None
