"""Autofix: apply the fixes rules offer, to drafts and scheduled posts only.

A published post is the record of SMP-1 and changes only with a logged edit, so it is
never touched; nor is an archive, a file that no longer parses, or a file whose fixed
text would not parse back to exactly the intended values. Only ``safe`` fixes apply
unless unsafe ones are asked for.

A fix is a list of :class:`~postlint.violation.Edit` on fields. Each edit becomes a
change of the file's text:

* ``text`` of a Markdown post: the body, at the offsets of the edit;
* any other field: the YAML value after ``key:`` (positions from
  :mod:`postlint.loading.yamlsource`), re-emitted in a YAML form that reads back as the
  new value; a span edit of a string field changes those characters of its value;
* a missing field: a new ``key: value`` at the end of the front matter (or of the YAML
  file), or at the end of its parent mapping.

A fix applies whole or not at all; a fix that overlaps one already taken waits for the
next run. Files are written atomically (a temporary file in the same folder, then
``os.replace``).
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from postlint.errors import InputError
from postlint.loading.files import InputErrors, decode, load_post, split_front_matter
from postlint.loading.yamlsource import BodyLocator, YamlDoc, YamlLocator, load_yaml_text
from postlint.origin import FieldPath, format_field, parse_field
from postlint.violation import Edit, Violation

FIXABLE_SUFFIXES = (".md", ".markdown", ".yaml", ".yml")
_PLAIN_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.,/@()+-]*$")


@dataclass
class FileFix:
    """The fixed text of one file and what it fixes."""

    path: str
    before: str
    after: str
    fixed: list[Violation] = field(default_factory=list)

    def diff(self) -> str:
        """A unified diff of the change."""
        return "".join(
            difflib.unified_diff(
                self.before.splitlines(keepends=True),
                self.after.splitlines(keepends=True),
                fromfile=f"a/{self.path}",
                tofile=f"b/{self.path}",
            )
        )


@dataclass
class FixResult:
    """What ``--fix`` did (or, with ``--diff``, would do)."""

    files: list[FileFix] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # reason → findings

    @property
    def fixed(self) -> int:
        """Findings fixed."""
        return sum(len(f.fixed) for f in self.files)

    def skip(self, reason: str, count: int = 1) -> None:
        """Count findings whose fix was not applied, by reason."""
        self.skipped[reason] = self.skipped.get(reason, 0) + count

    def diff(self) -> str:
        """Unified diffs of every file."""
        return "".join(f.diff() for f in self.files)

    def summary(self) -> str:
        """One line for people."""
        files = len(self.files)
        line = f"Fixed {self.fixed} finding(s) in {files} file(s)"
        if self.skipped:
            why = "; ".join(f"{n} {reason}" for reason, n in sorted(self.skipped.items()))
            line += f"; not fixed: {why}"
        return line + "."


def fix_report(violations: Iterable[Violation], *, unsafe: bool = False) -> FixResult:
    """The fixes of ``violations``, file by file, without writing anything."""
    result = FixResult()
    by_path: dict[str, list[Violation]] = {}
    for v in violations:
        if v.fix is None or v.suppressed:
            continue
        if not v.fix.safe and not unsafe:
            result.skip("unsafe (use --unsafe-fixes)")
            continue
        if v.target.kind != "post" or v.path is None:
            result.skip("not on a post")
            continue
        if not v.path.lower().endswith(FIXABLE_SUFFIXES):
            result.skip("in an archive")
            continue
        by_path.setdefault(v.path, []).append(v)
    for path, found in sorted(by_path.items()):
        planned = fix_file(path, found, result)
        if planned is not None:
            result.files.append(planned)
    return result


def write(result: FixResult) -> None:
    """Write every fixed file atomically."""
    for planned in result.files:
        write_atomically(Path(planned.path), planned.after)


def fix_file(path: str, violations: Sequence[Violation], result: FixResult) -> FileFix | None:
    """The fixed text of ``path``, or ``None`` (counted in ``result``) when it cannot be."""
    file = Path(path)
    try:
        raw = file.read_bytes()
        text = decode(raw, path)
        post = load_post(file, path, text)
    except (OSError, InputError, InputErrors):
        result.skip("in a file that does not parse", len(violations))
        return None
    if post.status not in ("draft", "scheduled"):
        result.skip("on a published post (the SMP-1 record)", len(violations))
        return None
    source = _Source.of(text, post.origin.locator if post.origin else None)
    if source is None:
        result.skip("in a file that does not parse", len(violations))
        return None
    taken: list[tuple[int, int, str]] = []  # changes of the file's text
    spans: dict[FieldPath, list[tuple[int, int, str]]] = {}  # edits inside string fields
    expected: dict[FieldPath, Any] = {}  # whole values set by a fix
    fixed: list[Violation] = []
    for v in violations:
        if v.target.id != post.id:
            result.skip("on another record", 1)
            continue
        assert v.fix is not None
        try:
            changes, in_fields, values = source.changes(v.fix.edits)
        except _Unfixable:
            result.skip("that cannot be placed in the file")
            continue
        clash = (
            any(_overlap(c, t, text) for c in changes for t in taken)
            or any(p in expected or p in spans for p in values)
            or any(p in expected for p, _ in in_fields)
            or any(_overlap(e, t) for p, e in in_fields for t in spans.get(p, ()))
        )
        if clash:
            result.skip("overlapping another fix (run --fix again)")
            continue
        taken.extend(changes)
        expected.update(values)
        for p, e in in_fields:
            spans.setdefault(p, []).append(e)
        fixed.append(v)
    try:
        for fld, edits in spans.items():
            value = source.value(fld)
            for start, end, new in sorted(edits, reverse=True):
                value = value[:start] + new + value[end:]
            taken.append(source.place(fld, value))
            expected[fld] = value
    except _Unfixable:
        result.skip("that cannot be placed in the file", len(fixed))
        return None
    if not fixed:
        return None
    after = text
    # Reverse order keeps earlier offsets valid; of new lines at one place, the more
    # indented ones (keys of the mapping that ends there) go first, then fix order.
    order = sorted(enumerate(taken), key=lambda ic: (ic[1][0], ic[1][1], -_indent(ic[1][2]), ic[0]))
    for _, (start, end, new) in reversed(order):
        after = after[:start] + new + after[end:]
    if not _reads_back(file, path, after, expected):
        result.skip("whose fixed text would not read back (left unchanged)", len(fixed))
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        after = "\ufeff" + after
        text = "\ufeff" + text
    return FileFix(path, text, after, fixed)


class _Unfixable(Exception):
    """An edit that cannot be mapped to the file's text."""


@dataclass
class _Source:
    """A post file's text with what is needed to map field edits to offsets."""

    text: str
    doc: YamlDoc
    starts: list[int]  # offset of each line's start
    body: str | None = None  # Markdown body
    body_offset: int = 0
    front_end: int = 0  # Markdown: offset of the closing '---' line

    @classmethod
    def of(cls, text: str, locator: Any) -> _Source | None:
        starts = [0, *(m.end() for m in re.finditer("\n", text))]
        if isinstance(locator, BodyLocator):
            source = cls(text, locator.front.doc, starts, locator.body)
            source.body_offset = (
                starts[locator.body_line - 1] if locator.body.strip() else len(text)
            )
            front = locator.front.doc
            source.front_end = starts[len(front.lines) + front.line_offset]
            return source
        if isinstance(locator, YamlLocator):
            return cls(text, locator.doc, starts, front_end=len(text))
        return None

    def offset(self, line: int, column: int) -> int:
        """Offset of a 0-based (line, column) of the YAML document."""
        line += self.doc.line_offset
        if line >= len(self.starts):
            return len(self.text)
        return self.starts[line] + column

    def changes(
        self, edits: Sequence[Edit]
    ) -> tuple[
        list[tuple[int, int, str]],
        list[tuple[FieldPath, tuple[int, int, str]]],
        dict[FieldPath, Any],
    ]:
        """Changes of the text, span edits inside string fields, and whole new values."""
        changes: list[tuple[int, int, str]] = []
        in_fields: list[tuple[FieldPath, tuple[int, int, str]]] = []
        values: dict[FieldPath, Any] = {}
        for edit in edits:
            fld = parse_field(edit.field)
            if not fld:
                raise _Unfixable(edit.field)
            if fld == ("text",) and self.body is not None:
                changes.append(self._body_change(edit))
            elif edit.start is not None or edit.end is not None:
                current = self.value(fld)
                start = edit.start or 0
                end = len(current) if edit.end is None else edit.end
                if not 0 <= start <= end <= len(current):
                    raise _Unfixable(edit.field)
                in_fields.append((fld, (start, end, edit.text)))
            else:
                try:
                    value = yaml.safe_load(edit.text)
                except yaml.YAMLError:
                    raise _Unfixable(edit.field) from None
                changes.append(self.place(fld, value, edit.text))
                values[fld] = value
        return changes, in_fields, values

    def value(self, fld: FieldPath) -> str:
        """The current text of a string field."""
        current = _get(self.doc.data, fld)
        if not isinstance(current, str):
            raise _Unfixable(format_field(fld))
        return current

    def _body_change(self, edit: Edit) -> tuple[int, int, str]:
        assert self.body is not None
        length = len(self.body.rstrip())
        start = 0 if edit.start is None else edit.start
        end = length if edit.end is None else edit.end
        if not 0 <= start <= end <= length:
            raise _Unfixable("text")
        return self.body_offset + start, self.body_offset + end, edit.text

    def place(self, fld: FieldPath, value: Any, raw: str | None = None) -> tuple[int, int, str]:
        """The change of the text that gives ``fld`` the new ``value``.

        ``raw`` is the YAML the rule wrote for the value: it is used as written (only
        re-indented), so its style survives; without it the value is emitted.
        """
        if fld in self.doc.values:
            return self._replace(fld, value, raw)
        return self._insert(fld, value, raw)

    def _replace(self, fld: FieldPath, value: Any, raw: str | None) -> tuple[int, int, str]:
        span = self.doc.values[fld]
        end = self.offset(span.end_line, span.end_column)
        key = self.doc.keys.get(fld)
        if key is None:  # a list item: only an inline value fits in place
            if _is_block(value):
                raise _Unfixable(str(fld))
            return self.offset(span.line, span.column), end, _inline(value)
        colon = self.text.index(":", self.offset(key.end_line, key.end_column))
        new = _after_key(value, key.column, raw)
        ends_line = self.text[colon + 1 : end].endswith("\n")
        if ends_line and not new.endswith("\n"):
            new += "\n"
        elif not ends_line and new.endswith("\n"):
            new = new[:-1]  # the line break after the old value stays
        return colon + 1, end, new

    def _insert(self, fld: FieldPath, value: Any, raw: str | None) -> tuple[int, int, str]:
        name = fld[-1]
        parent = fld[:-1]
        if not isinstance(name, str):
            raise _Unfixable(str(fld))
        if not parent:
            at = self.front_end
            prefix = "" if at == 0 or self.text[at - 1] == "\n" else "\n"
            return at, at, f"{prefix}{name}:{_after_key(value, 0, raw)}".rstrip("\n") + "\n"
        children = [p for p in self.doc.keys if p[:-1] == parent]
        if not isinstance(_get(self.doc.data, parent), dict) or not children:
            raise _Unfixable(str(fld))
        column = self.doc.keys[children[0]].column
        last = max(self.doc.values[p].end_line + (self.doc.values[p].end_column > 0)
                   for p in children)  # fmt: skip
        line_start = self.offset(last, 0)
        text = f"{' ' * column}{name}:{_after_key(value, column, raw)}"
        return line_start, line_start, text.rstrip("\n") + "\n"


def _get(data: Any, fld: FieldPath) -> Any:
    for part in fld:
        in_list = isinstance(data, list) and isinstance(part, int) and part < len(data)
        if not (in_list or (isinstance(data, dict) and part in data)):
            return None
        data = data[part]
    return data


def _is_block(value: Any) -> bool:
    if isinstance(value, str):
        return "\n" in value
    return isinstance(value, dict | list) and bool(value)


def _inline(value: Any) -> str:
    """A one-line YAML form of a scalar that reads back as ``value``."""
    if isinstance(value, str):
        if _PLAIN_SAFE.match(value) and yaml.safe_load(value) == value:
            return value
        return json.dumps(value, ensure_ascii=False)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    dumped = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**6)
    return dumped.strip().removesuffix("...").strip()


def _after_key(value: Any, key_column: int, raw: str | None = None) -> str:
    """What follows ``key:`` for ``value``: `` inline`` or a block on the next lines."""
    indent = " " * (key_column + 2)
    if raw is not None and raw.strip():
        lines = raw.strip("\n").split("\n")
        if len(lines) == 1:
            return " " + lines[0].strip()
        return "\n" + "\n".join(f"{indent}{line}" if line.strip() else "" for line in lines) + "\n"
    if isinstance(value, str) and "\n" in value:
        chomp = "" if value.endswith("\n") else "-"
        body = value[:-1] if value.endswith("\n") else value
        lines = [f"{indent}{line}" if line else "" for line in body.split("\n")]
        return f" |{chomp}\n" + "\n".join(lines) + "\n"
    if _is_block(value):
        dumped = yaml.safe_dump(value, default_flow_style=False, allow_unicode=True,
                                sort_keys=False, width=10**6)  # fmt: skip
        lines = [f"{indent}{line}" if line else "" for line in dumped.rstrip("\n").split("\n")]
        return "\n" + "\n".join(lines) + "\n"
    return " " + _inline(value)


def _overlap(a: tuple[int, int, str], b: tuple[int, int, str], text: str = "") -> bool:
    if a[0] == a[1] == b[0] == b[1]:
        # Two insertions at one place: whole YAML lines have an order (nested keys
        # first, then in the order of the fixes); anything else would be a guess.
        lines = all(c[2].endswith("\n") and (c[0] == 0 or text[c[0] - 1 : c[0]] == "\n")
                    for c in (a, b))  # fmt: skip
        return not (text and lines)
    return a[0] < b[1] and b[0] < a[1]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _reads_back(file: Path, path: str, text: str, expected: dict[FieldPath, Any]) -> bool:
    """The fixed text parses as a post and holds exactly the intended values."""
    try:
        load_post(file, path, text)
        if file.suffix.lower() in (".md", ".markdown"):
            front, _, _ = split_front_matter(text, path)
            data = load_yaml_text(front or "", path, 1).data
        else:
            data = load_yaml_text(text, path).data
    except (InputError, InputErrors):
        return False
    return all(value is None or _get(data, fld) == value for fld, value in expected.items())


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path``'s content, exactly and whole or not at all (through a symbolic
    link, of the file it names: the link stays a link): :func:`output.replace_file`."""
    from postlint.output import replace_file

    replace_file(path, [text], newline="", sync=True)


__all__ = ["FileFix", "FixResult", "fix_file", "fix_report", "write", "write_atomically"]
