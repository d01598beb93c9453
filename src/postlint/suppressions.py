"""Suppressions: silence a finding on purpose, with a reason, and govern them.

Three ways to silence a finding, in order of reach:

* **In the record** — a post's front matter or an account file lists
  ``suppress: [{rule: SLUG, reason: "...", expires: YYYY-MM-DD}]``. It silences that
  rule's findings on the record and the file-rule findings (``plaintext-secret``) of the
  file the record was read from.
* **In a comment** of a YAML file or a Markdown post's front matter::

      # postlint: disable=SLUG[,SLUG…] reason="why" [expires=YYYY-MM-DD]
      # postlint: disable-file=SLUG[,SLUG…] reason="why" [expires=YYYY-MM-DD]

  ``disable`` at the end of a line silences findings that start on that line; on a line
  of its own it silences findings that start on the next line that is not a comment.
  ``disable-file`` (written at the top, by convention) silences the rule in the whole file.
* **In the configuration** — ``per_path_ignores: {GLOB: [SLUG…]}``: findings of those
  rules in files whose path (relative to the configuration's folder) matches ``GLOB``
  are counted as suppressed "by configuration". A glob without ``/`` matches the file
  name in any folder, as ruff's ``per-file-ignores`` does.

Suppressed findings are kept (``suppressed=True`` with the reason) and counted in every
report. A suppression with an unknown slug, without a reason, or past its expiry (the
last valid day, judged against *today*) silences nothing and is reported as
``invalid-suppression`` (error) at its own line; a valid suppression of an enabled rule
that silences nothing is reported as ``unused-suppression`` (warning). Findings with a
reserved slug (``input-error``, ``internal-error``…) cannot be silenced.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import functools
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from postlint.violation import RESERVED_SLUGS, Severity, Target, Violation

#: A comment that speaks to postlint: ``# postlint: …`` (start of line or after a space).
_COMMENT = re.compile(r"(?:^|[ \t])#[ \t]*postlint:[ \t]*(?P<body>.*)$")
_PAIR = re.compile(r"""(?P<key>[A-Za-z][\w-]*)=(?P<value>"[^"]*"|'[^']*'|\S+)""")
_DIRECTIVES = ("disable", "disable-file")
#: How the reason of a suppression by ``per_path_ignores`` begins (SARIF calls it external).
CONFIG_REASON_PREFIX = "per_path_ignores "


@dataclass
class Entry:
    """One suppression of one slug, wherever it was written."""

    rule: str
    reason: str | None
    expires: dt.date | None
    target: Target  # who is reported when the suppression is invalid or unused
    path: str | None  # the file it was written in
    line: int | None  # where it was written (1-based)
    column: int | None = None
    scope: str = "record"  # record | line | file
    applies_to_line: int | None = None  # scope "line": the finding's first line
    record: tuple[str, str] | None = None  # scope "record": (kind, id)
    problem: str | None = None  # why it is unusable (a bad comment)
    used: bool = False


@dataclass
class Settings:
    """What the suppression stage needs to know about the run."""

    today: dt.date
    known: frozenset[str]  # every rule slug (enabled or not)
    enabled: frozenset[str]  # slugs of the rules that ran
    per_path_ignores: Mapping[str, Sequence[str]]
    root: Path | None  # the configuration's folder
    severity: Mapping[str, Severity]
    report_unused: bool = True


# ------------------------------------------------------------------ collecting


def record_entries(record: Any, kind: str) -> list[Entry]:
    """The ``suppress:`` list of a post or account, one entry per item."""
    out: list[Entry] = []
    origin = getattr(record, "origin", None)
    for i, item in enumerate(getattr(record, "suppress", ()) or ()):
        where = origin.locate(f"suppress[{i}]") if origin is not None else None
        out.append(
            Entry(
                rule=item.rule,
                reason=item.reason,
                expires=item.expires,
                target=Target(kind=kind, id=str(record.id)),
                path=where.path if where else None,
                line=where.line if where else None,
                column=where.column if where else None,
                scope="record",
                record=(kind, str(record.id)),
            )
        )
    return out


def comment_entries(path: str, text: str) -> list[Entry]:
    """Suppressions written as ``# postlint:`` comments in a YAML file or front matter."""
    if "postlint:" not in text:  # the cheap screen: most files have none
        return []
    lines = text.splitlines()
    last = len(lines)
    if path.lower().endswith((".md", ".markdown")):
        last = _front_matter_end(lines)
    out: list[Entry] = []
    scalars: list[tuple[tuple[int, int], tuple[int, int]]] | None = None
    for number, raw in enumerate(lines[:last], 1):
        match = _COMMENT.search(raw)
        if match is None:
            continue
        column = raw.index("#", match.start()) + 1
        if scalars is None:
            scalars = _scalar_spans(lines, last)
        if any(start <= (number, column) < end for start, end in scalars):
            continue  # a "# postlint:" inside a quoted or multi-line value is text
        own_line = not raw[: match.start()].strip()
        target = Target(kind="file", id=path)
        out.extend(
            _parse_comment(match["body"], path, number, column, target, own_line, lines, last)
        )
    return out


def _scalar_spans(lines: list[str], last: int) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(line, column) start and end (1-based) of every value of the YAML part."""
    first = 1 if lines and lines[0].strip() == "---" and last < len(lines) else 0
    text = "\n".join(lines[first:last]) + "\n"
    spans = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken):
                start, end = token.start_mark, token.end_mark
                spans.append(
                    (
                        (start.line + 1 + first, start.column + 1),
                        (end.line + 1 + first, end.column + 1),
                    )
                )
    except yaml.YAMLError:
        pass  # the file is reported as an input error; keep the spans found so far
    return spans


def _front_matter_end(lines: list[str]) -> int:
    """Number of lines up to the closing ``---`` of the front matter (0 when none)."""
    if not lines or lines[0].strip() != "---":
        return 0
    for i, raw in enumerate(lines[1:], 1):
        if raw.strip() in ("---", "..."):
            return i
    return 0


def _parse_comment(
    body: str,
    path: str,
    number: int,
    column: int,
    target: Target,
    own_line: bool,
    lines: list[str],
    last: int,
) -> list[Entry]:
    pairs = {m["key"]: m["value"].strip("\"'") for m in _PAIR.finditer(body)}
    base = Entry("", None, None, target, path, number, column, scope="line")
    directive = next((d for d in _DIRECTIVES if d in pairs), None)
    if directive is None:
        base.problem = (
            "a postlint comment needs disable=SLUG or disable-file=SLUG, a reason and"
            ' optionally an expiry: # postlint: disable=SLUG reason="why" expires=YYYY-MM-DD'
        )
        return [base]
    unknown_keys = sorted(set(pairs) - {directive, "reason", "expires"})
    if unknown_keys:
        base.problem = (
            f"unknown key {unknown_keys[0]!r} in a postlint comment; use {directive}=,"
            " reason= and expires="
        )
        return [base]
    expires: dt.date | None = None
    if "expires" in pairs:
        try:
            expires = dt.date.fromisoformat(pairs["expires"])
        except ValueError:
            base.problem = f"expires={pairs['expires']!r} is not a date like 2026-12-31"
            return [base]
    scope = "file" if directive == "disable-file" else "line"
    applies = number if not own_line else _next_content_line(lines, number, last)
    return [
        Entry(
            rule=slug,
            reason=pairs.get("reason"),
            expires=expires,
            target=target,
            path=path,
            line=number,
            column=column,
            scope=scope,
            applies_to_line=applies if scope == "line" else None,
        )
        for slug in (s.strip() for s in pairs[directive].split(","))
        if slug
    ]


def _next_content_line(lines: list[str], number: int, last: int) -> int | None:
    """The first line after ``number`` that is neither blank nor only a comment."""
    for i in range(number, last):
        stripped = lines[i].strip()
        if stripped and not stripped.startswith("#"):
            return i + 1
    return None


# ------------------------------------------------------------------ applying


def apply(
    violations: Iterable[Violation],
    entries: Iterable[Entry],
    settings: Settings,
) -> list[Violation]:
    """Mark suppressed findings and add the findings about the suppressions themselves."""
    return list(marking(violations, entries, settings))


def marking(
    violations: Iterable[Violation],
    entries: Iterable[Entry],
    settings: Settings,
) -> Iterator[Violation]:
    """:func:`apply`, a finding at a time: each of ``violations`` (marked when it is
    suppressed), then the findings about the suppressions themselves."""
    valid: list[Entry] = []
    governance: list[Violation] = []
    for entry in entries:
        problem = entry.problem or _problem(entry, settings)
        if problem is None:
            valid.append(entry)
        else:
            governance.append(_finding("invalid-suppression", "error", problem, entry, settings))
    ignores = _PathIgnores(settings.per_path_ignores, settings.root)
    index = _index(valid)
    for v in violations:
        if v.rule in RESERVED_SLUGS or v.suppressed:
            yield v
            continue
        reason = _matching_reason(v, index)
        if reason is None:
            reason = ignores.reason(v)
        yield v if reason is None else _suppress(v, reason)
    if settings.report_unused:
        for entry in valid:
            if not entry.used and entry.rule in settings.enabled:
                message = (
                    f"this suppression of {entry.rule!r} silences nothing; remove it"
                    " (the finding it was written for is gone)"
                )
                governance.append(
                    _finding("unused-suppression", "warning", message, entry, settings)
                )
    yield from governance


def _problem(entry: Entry, settings: Settings) -> str | None:
    if entry.rule in RESERVED_SLUGS:
        return f"{entry.rule!r} findings cannot be suppressed; fix the cause instead"
    if entry.rule not in settings.known:
        import difflib

        close = difflib.get_close_matches(entry.rule, sorted(settings.known), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else " (see `postlint rules`)"
        return f"suppression names unknown rule {entry.rule!r}{hint}"
    if not (entry.reason or "").strip():
        return (
            f"suppression of {entry.rule!r} has no reason; say why the finding is"
            " acceptable (reason: ...)"
        )
    if entry.expires is not None and settings.today > entry.expires:
        return (
            f"suppression of {entry.rule!r} expired on {entry.expires.isoformat()};"
            " fix the finding, or renew the suppression with a new expiry and reason"
        )
    return None


_Key = tuple[str | int | None, ...]


def _index(entries: list[Entry]) -> dict[_Key, list[Entry]]:
    """Entries by what they cover, so matching a finding is a few lookups."""
    index: dict[_Key, list[Entry]] = {}
    for entry in entries:
        keys: list[_Key] = []
        if entry.scope == "record" and entry.record is not None:
            keys.append(("record", entry.rule, *entry.record))
            if entry.path is not None:  # file rules judge the file the record came from
                keys.append(("file-rule", entry.rule, entry.path))
        elif entry.scope == "file":
            keys.append(("file", entry.rule, entry.path))
        elif entry.applies_to_line is not None:
            keys.append(("line", entry.rule, entry.path, entry.applies_to_line))
        for key in keys:
            index.setdefault(key, []).append(entry)
    return index


def _matching_reason(v: Violation, index: dict[_Key, list[Entry]]) -> str | None:
    keys: list[_Key] = [("record", v.rule, v.target.kind, v.target.id)]
    if v.path is not None:
        if v.target.kind == "file":
            keys.append(("file-rule", v.rule, v.path))
        keys += [("line", v.rule, v.path, v.line), ("file", v.rule, v.path)]
    for key in keys:
        found = index.get(key)
        if found:
            found[0].used = True
            return found[0].reason
    return None


class _PathIgnores:
    """``per_path_ignores``, decided once per (file, rule): files repeat across findings."""

    def __init__(self, per_path: Mapping[str, Sequence[str]], root: Path | None) -> None:
        self.globs = [(glob, frozenset(slugs)) for glob, slugs in per_path.items()]
        self.root = root
        self.decided: dict[tuple[str, str], str | None] = {}

    def reason(self, v: Violation) -> str | None:
        """Why the configuration suppresses ``v``, or ``None``."""
        if v.path is None or not self.globs:
            return None
        key = (v.path, v.rule)
        if key not in self.decided:
            self.decided[key] = self._decide(v.path, v.rule)
        return self.decided[key]

    def _decide(self, path: str, rule: str) -> str | None:
        rel = relative_path(path, self.root)
        name = PurePosixPath(rel).name
        for glob, slugs in self.globs:
            if rule in slugs and fnmatch.fnmatchcase(rel if "/" in glob else name, glob):
                return f"{CONFIG_REASON_PREFIX}{glob!r} in the configuration"
        return None


def relative_path(path: str, root: Path | None) -> str:
    """``path`` relative to ``root`` in POSIX form (unchanged when outside it).

    Remembered per path, root and working directory: an archive's findings all name
    one file, and working it out takes about 20 µs (absolute paths, maybe resolved)."""
    return _relative_path(path, root, os.getcwd())


@functools.lru_cache(maxsize=4096)
def _relative_path(path: str, root: Path | None, cwd: str) -> str:
    if root is None:
        return PurePosixPath(Path(path)).as_posix()
    try:
        return Path(path).absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        try:
            return Path(path).resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return Path(path).as_posix()


def _suppress(v: Violation, reason: str | None) -> Violation:
    return v.model_copy(update={"suppressed": True, "suppression_reason": reason})


def _finding(
    slug: str, severity: Severity, message: str, entry: Entry, settings: Settings
) -> Violation:
    return Violation(
        rule=slug,
        severity=settings.severity.get(slug, severity),
        message=message,
        target=entry.target,
        field=None,
        path=entry.path,
        line=entry.line,
        column=entry.column,
    )


__all__ = [
    "CONFIG_REASON_PREFIX",
    "Entry",
    "Settings",
    "apply",
    "comment_entries",
    "record_entries",
    "relative_path",
]
