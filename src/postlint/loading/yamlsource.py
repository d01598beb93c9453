"""YAML with positions: data plus the line and column of every key and value.

PyYAML composes a node tree that knows where each node starts and ends; we build the
data from it ourselves, so we can (a) remember positions for every field path, (b)
refuse duplicate keys, and (c) bound what a hostile file can make us do: aliases are
expanded at most a fixed number of nodes, nesting is limited, and size is checked first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml

from postlint.errors import InputError
from postlint.loading.depth import MAX_DEPTH, too_deep_line
from postlint.origin import FieldPath, Location, offset_to_line_col

#: Bounds that keep a hostile file from freezing or exhausting the linter (the depth
#: bound, :data:`~postlint.loading.depth.MAX_DEPTH`, is checked before parsing too).
MAX_NODES = 200_000
MAX_ALIAS_USES = 1_000

#: Tags a content file may carry: plain YAML data only. Anything else (``!!python/…``,
#: ``!!binary``, ``!!set``, a custom ``!tag``) is refused by name, never constructed.
_TAG = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(
    _TAG + name for name in ("null", "bool", "int", "float", "str", "timestamp", "seq", "map")
)
_MERGE = _TAG + "merge"
_STR = _TAG + "str"


class Span(NamedTuple):
    """Where a node sits in the text (0-based lines and columns, as PyYAML gives).

    A named tuple: one is made for every key and value read, and a tuple is the
    cheapest immutable record to make.
    """

    line: int
    column: int
    end_line: int
    end_column: int
    style: str | None = None  # None plain, "'", '"', "|", ">"


@dataclass
class YamlDoc:
    """A YAML document's data and the positions of its keys and values."""

    data: Any
    keys: dict[FieldPath, Span] = field(default_factory=dict)
    values: dict[FieldPath, Span] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    line_offset: int = 0  # lines before the YAML text in its file (front matter: 1)


class _Builder:
    """Builds Python data from composed nodes, recording positions, within bounds."""

    def __init__(self, path: str, line_offset: int, positions: bool = True) -> None:
        self.path = path
        self.line_offset = line_offset
        self.positions = positions
        self.constructor = yaml.SafeLoader("")
        self.keys: dict[FieldPath, Span] = {}
        self.values: dict[FieldPath, Span] = {}
        self.nodes = 0
        self.alias_uses = 0
        self.seen: set[int] = set()

    def error(self, node: yaml.Node, message: str) -> InputError:
        return InputError(message, path=self.path, line=node.start_mark.line + 1 + self.line_offset)

    def build(self, node: yaml.Node, path: FieldPath, depth: int) -> Any:
        self.nodes += 1
        if node.tag not in ALLOWED_TAGS:
            raise self.error(node, f"the YAML tag {_shown_tag(node.tag)} is not allowed; remove it")
        if self.nodes > MAX_NODES:
            raise self.error(node, f"document too large (more than {MAX_NODES} nodes)")
        if depth > MAX_DEPTH:
            raise self.error(node, f"nesting deeper than {MAX_DEPTH} levels")
        if id(node) in self.seen:
            # An alias: PyYAML shares the node. Count its uses to stop "billion laughs".
            self.alias_uses += 1
            if self.alias_uses > MAX_ALIAS_USES:
                raise self.error(node, f"more than {MAX_ALIAS_USES} alias expansions")
        if not isinstance(node, yaml.ScalarNode):
            self.seen.add(id(node))
        if self.positions and path not in self.values:
            self.values[path] = _span(node)
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self.scalar(node)

    def scalar(self, node: yaml.Node) -> Any:
        """A scalar's value; a value PyYAML cannot build is an error at its line."""
        if node.tag == _STR:  # what PyYAML's constructor returns, without its bookkeeping
            return node.value
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            raise self.error(node, f"bad value: {_problem(exc)}") from None
        except (ValueError, OverflowError, TypeError) as exc:
            raise self.error(node, f"bad value: {_value_problem(exc)}") from None

    def mapping(self, node: yaml.MappingNode, path: FieldPath, depth: int) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merged = self.build(value_node, path, depth + 1)
                for part in merged if isinstance(merged, list) else [merged]:
                    if not isinstance(part, dict):
                        raise self.error(value_node, "a merge key (<<) needs a mapping")
                    for k, v in part.items():
                        out.setdefault(k, v)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.error(key_node, "a key must be a plain value, not a list or mapping")
            if key_node.tag not in ALLOWED_TAGS:
                raise self.error(
                    key_node, f"the YAML tag {_shown_tag(key_node.tag)} is not allowed; remove it"
                )
            key = self.scalar(key_node)
            if not isinstance(key, str | int | float | bool) and key is not None:
                key = str(key)
            if key in out:
                raise self.error(key_node, f"duplicate key {shown_key(key)}")
            sub = (*path, key if isinstance(key, str | int) else str(key))
            if self.positions:
                self.keys[sub] = _span(key_node)
            out[key] = self.build(value_node, sub, depth + 1)
        return out


def _span(node: yaml.Node) -> Span:
    style = getattr(node, "style", None) if isinstance(node, yaml.ScalarNode) else None
    return Span(
        node.start_mark.line,
        node.start_mark.column,
        node.end_mark.line,
        node.end_mark.column,
        style or None,
    )


_FIELD_NAME = re.compile(r"[A-Za-z][a-z0-9_-]{0,29}")


def shown_key(key: object) -> str:
    """A key as a message may show it: quoted when it looks like a field name.

    A key that looks like a value (an e-mail, a number, a token written where a field
    name belongs) is not repeated: it may be personal data or a secret.
    """
    if isinstance(key, str) and _FIELD_NAME.fullmatch(key):
        return repr(key)
    if isinstance(key, bool | None) or (isinstance(key, int) and abs(key) < 10_000):
        return repr(key)
    return "(a key that looks like a value, not a field name)"


def _shown_tag(tag: str) -> str:
    """A tag as the user wrote it (``!!python/object``); a long custom tag is not
    repeated: a value written after ``!`` by mistake (``!AKIA…``) becomes a tag."""
    if tag.startswith(_TAG):
        return repr("!!" + tag.removeprefix(_TAG)[:60])
    return repr(tag) if len(tag) <= 12 else "(a custom '!' tag)"


def _value_problem(exc: Exception) -> str:
    """A construction error in words for people (not Python's advice to programmers)."""
    text = str(exc)
    if "integer string conversion" in text:
        return "the number is too long (more than 4300 digits)"
    if "offset must be a timedelta" in text:
        return "the UTC offset must be between -24:00 and +24:00"
    return text.splitlines()[0][:200] if text else type(exc).__name__


def _never_closed(exc: yaml.YAMLError) -> str | None:
    """What the text ended inside of ("a flow sequence"), when that is the problem."""
    problem = str(getattr(exc, "problem", "") or "")
    context = str(getattr(exc, "context", "") or "")
    if getattr(exc, "context_mark", None) is None or not context.startswith("while "):
        return None
    if "stream end" not in problem and "end of stream" not in problem:
        return None
    opened = context.removeprefix("while ").split(" ", 1)[-1]
    return _PLAIN_NAMES.get(opened, opened)


#: PyYAML's names for what was left open, in the words of a person editing a post.
_PLAIN_NAMES = {
    "a flow sequence": "a [list]",
    "a flow mapping": "a {mapping}",
    "a quoted scalar": "a quoted value",
    "a block collection": "a list or mapping",
}


def _problem(exc: yaml.YAMLError) -> str:
    problem = str(getattr(exc, "problem", None) or str(exc).splitlines()[0])
    opened = _never_closed(exc)
    if opened is not None:
        return f"{opened} that starts on this line is never closed ({problem})"
    if problem.startswith("found undefined alias"):
        # Not repeated: a value typed after "*" by mistake (a password) becomes an alias.
        return "an alias (*name) with no anchor (&name) before it"
    context = getattr(exc, "context", None)
    if problem == "second occurrence" and context:
        return "an anchor (&name) is defined twice"
    if context and problem.startswith("but "):  # "expected a single document…, but found…"
        return f"{context}, {problem}"
    return problem


def yaml_error_line(exc: yaml.YAMLError, line_offset: int = 0) -> int | None:
    """The 1-based line a PyYAML error points at.

    When the problem is the end of the text ("expected ']', but got '<stream end>'"),
    the line that opened what was never closed says more: its context mark.
    """
    problem = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context_mark", None)
    mark = context if _never_closed(exc) is not None else (problem or context)
    return mark.line + 1 + line_offset if mark is not None else None


def _error_line(exc: yaml.YAMLError, text: str, line_offset: int) -> int:
    """The 1-based line of a PyYAML error; a reader error (a control character) has
    only a character position."""
    line = yaml_error_line(exc, line_offset)
    if line is not None:
        return line
    position = getattr(exc, "position", None)
    if isinstance(position, int):
        return text.count("\n", 0, position) + 1 + line_offset
    return 1 + line_offset


def load_yaml_text(
    text: str, path: str, line_offset: int = 0, *, positions: bool = True
) -> YamlDoc:
    """Parse one YAML document with positions; raise :class:`InputError` when unusable.

    Without ``positions`` (a pack, read only for its data) the document is checked
    alike, but its ``keys`` and ``values`` stay empty.
    """
    if "\t" in text:
        _check_tabs(text, path, line_offset)
    _check_depth(text, path, line_offset)
    try:
        node = compose(text)
    except yaml.YAMLError as exc:
        raise InputError(
            f"malformed YAML: {_problem(exc)}", path=path, line=_error_line(exc, text, line_offset)
        ) from None
    except RecursionError:
        raise InputError(
            f"nesting deeper than {MAX_DEPTH} levels", path=path, line=1 + line_offset
        ) from None
    if node is None:
        return YamlDoc(None, lines=text.splitlines(), line_offset=line_offset)
    builder = _Builder(path, line_offset, positions)
    try:
        data = builder.build(node, (), 0)
    except RecursionError:
        raise InputError(
            f"nesting deeper than {MAX_DEPTH} levels", path=path, line=1 + line_offset
        ) from None
    return YamlDoc(data, builder.keys, builder.values, text.splitlines(), line_offset)


#: libyaml's parser, when PyYAML was built with it: the same node tree, ~7× faster.
_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", None)


def compose(text: str, *, fast: bool = True) -> yaml.Node | None:
    """The document's node tree, with the position of every node.

    libyaml composes it when available (packs and content files are read on every
    run, so this is most of a cold start's YAML cost). A text libyaml refuses is
    composed again by PyYAML, which words the error and has the final say, so
    messages never depend on how PyYAML was built.
    """
    # libyaml accepts a tab where PyYAML refuses one ("id: \t x"): such texts take
    # PyYAML's path, so a verdict never depends on how PyYAML was built.
    if fast and _FAST_LOADER is not None and "\t" not in text:
        loader = _FAST_LOADER(text)
        try:
            return loader.get_single_node()  # type: ignore[no-any-return]
        except Exception:  # PyYAML below gives the verdict and the message
            pass
        finally:
            loader.dispose()
    loader = yaml.SafeLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _check_depth(text: str, path: str, line_offset: int) -> None:
    """Refuse nesting deeper than :data:`MAX_DEPTH` before PyYAML recurses into it."""
    line = too_deep_line(text)
    if line is not None:
        raise InputError(
            f"nesting deeper than {MAX_DEPTH} levels", path=path, line=line + line_offset
        )


def _check_tabs(text: str, path: str, line_offset: int) -> None:
    """YAML forbids tabs for indentation; say so plainly instead of PyYAML's riddle."""
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            raise InputError(
                "a tab is used for indentation; YAML needs spaces",
                path=path,
                line=number + line_offset,
            )


class YamlLocator(NamedTuple):
    """Locates fields (and spans inside their text) of a YAML document.

    Locators are named tuples, like :class:`Span`: the cheapest immutable record to
    define (a cold start defines every class it imports) and to make (one a record).
    """

    doc: YamlDoc
    base: FieldPath = ()  # the record's path inside the document (a list item)
    record_line: int = 1

    def locate(self, path: str, fld: FieldPath, span: tuple[int, int] | None) -> Location:
        full = (*self.base, *fld)
        off = self.doc.line_offset
        # Walk up to the nearest field that exists (a missing field points at its parent).
        probe = full
        while probe and probe not in self.doc.values:
            probe = probe[:-1]
        if probe != full or not fld:
            if probe and probe != self.base:
                near = self.doc.keys.get(probe) or self.doc.values[probe]
                return Location(path, near.line + 1 + off, near.column + 1)
            return Location(path, self.record_line, 1)
        value = self.doc.values[full]
        if span is None:
            key = self.doc.keys.get(full)
            anchor = key or value
            end_line = value.end_line + 1 + off
            return Location(path, anchor.line + 1 + off, anchor.column + 1, end_line,
                            value.end_column + 1)  # fmt: skip
        start = self._in_scalar(value, span[0])
        end = self._in_scalar(value, span[1])
        return Location(path, start[0] + off, start[1], end[0] + off, end[1])

    def _in_scalar(self, value: Span, offset: int) -> tuple[int, int]:
        """1-based (line, column) of character ``offset`` of a scalar's text."""
        if value.style in ("|", ">"):
            return self._in_block(value, offset)
        quote = 1 if value.style in ("'", '"') else 0
        if value.line == value.end_line:
            return value.line + 1, value.column + 1 + quote + offset
        return value.line + 1, value.column + 1  # a folded multi-line scalar: its start

    def _in_block(self, value: Span, offset: int) -> tuple[int, int]:
        lines = self.doc.lines
        first = value.line + 1  # content starts on the line after the indicator
        indent = None
        for raw in lines[first : value.end_line + 1]:
            if raw.strip():
                indent = len(raw) - len(raw.lstrip(" "))
                break
        if indent is None:
            return value.line + 1, value.column + 1
        remaining = offset
        number = first
        while number < len(lines) and number <= value.end_line:
            content = lines[number][indent:] if lines[number].strip() else ""
            if remaining <= len(content):
                return number + 1, indent + remaining + 1
            remaining -= len(content) + 1
            number += 1
        last = min(value.end_line, len(lines)) or 1
        return last, 1


class BodyLocator(NamedTuple):
    """Locates a Markdown post: front-matter fields by YAML, ``text`` in the body."""

    front: YamlLocator
    body: str
    body_line: int  # 1-based line where the body starts

    def locate(self, path: str, fld: FieldPath, span: tuple[int, int] | None) -> Location:
        if fld == ("text",):
            if span is None:
                return Location(path, self.body_line, 1)
            line, col = offset_to_line_col(self.body, span[0])
            end_line, end_col = offset_to_line_col(self.body, span[1])
            return Location(
                path, self.body_line + line - 1, col, self.body_line + end_line - 1, end_col
            )
        return self.front.locate(path, fld, span)
