"""Reading one content file: bounded, decoded, validated into a model with positions.

Every failure is an :class:`~postlint.errors.InputError` naming the file and line; the
caller turns it into an ``input-error`` finding and goes on with the other files.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import stat
import types
import typing
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from postlint.errors import InputError
from postlint.loading.yamlsource import (
    BodyLocator,
    YamlDoc,
    YamlLocator,
    load_yaml_text,
    shown_key,
)
from postlint.models import Account, ConsentRegister, Post, Roster
from postlint.origin import FieldPath, Location, Origin, format_field

M = TypeVar("M", bound=BaseModel)

#: A content file larger than this is refused (archives are streamed, not bounded).
#: A post is at most tens of thousands of characters (Facebook: 63,206); a megabyte
#: keeps every rule well inside its time bound even on hostile text.
MAX_FILE_BYTES = 1024 * 1024

#: Keys that name a secret. Such a key anywhere is not an unknown-field error: the
#: ``plaintext-secret`` rule reports it from the file's text without its value.
SECRET_KEY = re.compile(
    r"(?i)(pass(word|wd|phrase)|\bpwd\b|secret|token|api[_-]?key|access[_-]?key|"
    r"private[_-]?key|credential)"
)


#: Problems reported for one record; the rest are counted in one more finding.
MAX_ERRORS_PER_RECORD = 10

#: Dates and times outside these bounds are refused: they are typing mistakes, and
#: shifting them between timezones or adding a year would overflow Python's calendar.
MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(9998, 12, 31)


def display_path(path: Path) -> str:
    """The path as findings show it: relative to the working folder when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return printable(str(path))
    return printable(str(path) if rel.startswith("..") else rel)


def printable(name: str) -> str:
    """A file name fit for one line of output: bytes that are not UTF-8 become U+FFFD,
    control characters (a newline in a name) are escaped."""
    if name.isprintable():
        return name
    name = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in name)


def read_text(path: Path, shown: str, limit: int = MAX_FILE_BYTES) -> str:
    """A file's text, or a clear :class:`InputError` (folder, link, binary, encoding…)."""
    try:
        if path.is_symlink():
            _check_link(path, shown)
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError("is a folder, not a file", path=shown, line=1)
        if not stat.S_ISREG(info.st_mode):
            # A device or a pipe (a link to /dev/zero) would never end: never read one.
            raise InputError("is not a regular file (a device, pipe or socket)", path=shown, line=1)
        if info.st_size > limit:
            raise InputError(_too_big(info.st_size, limit), path=shown, line=1)
        with path.open("rb") as stream:
            raw = stream.read(limit + 1)  # the file may have grown since stat
        if len(raw) > limit:
            raise InputError(_too_big(len(raw), limit), path=shown, line=1)
    except OSError as exc:
        reason = "symbolic link loop" if exc.errno == errno.ELOOP else (exc.strerror or str(exc))
        raise InputError(f"cannot read: {reason}", path=shown, line=1) from None
    return decode(raw, shown)


def _check_link(path: Path, shown: str) -> None:
    """A symbolic link must lead to something: say which way it is broken."""
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(
                "symbolic link loop (the link leads back to itself)", path=shown, line=1
            ) from None
        raise InputError(
            "broken symbolic link (its target does not exist)", path=shown, line=1
        ) from None


def _too_big(size: int, limit: int) -> str:
    return (
        f"file is {_megabytes(size)}; content files are limited to {_megabytes(limit)}"
        " (use a .jsonl archive for bulk posts)"
    )


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB".replace(".0 MB", " MB")


_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def decode(raw: bytes, shown: str) -> str:
    """UTF-8 text (a BOM is dropped); binary or other encodings are refused by line."""
    for bom, name in _WIDE_BOMS:
        if raw.startswith(bom):
            raise InputError(f"{name} text; save the file as UTF-8", path=shown, line=1)
    if b"\x00" in raw[:8192] or b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise InputError("binary file (contains NUL bytes), not a text post", path=shown, line=line)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
            path=shown,
            line=line,
        ) from None
    return text.removeprefix("\ufeff")


# ---------------------------------------------------------------- validation


def strip_secret_keys(data: Any, path: FieldPath = ()) -> Any:
    """A copy of ``data`` without secret-named keys (``security.password`` is kept)."""
    if isinstance(data, dict):
        out = {}
        for key, value in data.items():
            sub = (*path, key)
            if (
                isinstance(key, str)
                and SECRET_KEY.search(key)
                and sub[-2:] != ("security", "password")
            ):
                continue
            out[key] = strip_secret_keys(value, sub)
        return out
    if isinstance(data, list):
        return [strip_secret_keys(item, (*path, i)) for i, item in enumerate(data)]
    return data


def validate(model: type[M], data: Any, origin: Origin, label: str) -> M:
    """Validate ``data`` into ``model``; every problem becomes one :class:`InputError`.

    Raises :class:`InputErrors` holding one error per problem, each at its line.
    """
    if not isinstance(data, dict):
        kind = "empty" if data is None else _KINDS.get(type(data).__name__, "a single value")
        raise InputErrors([InputError(f"{label} must be a mapping of fields, not {kind}",
                                      path=origin.path, line=origin.line)])  # fmt: skip
    bad_key = _non_text_key(data)
    if bad_key is not None:
        where = origin.locate(format_field(bad_key))
        raise InputErrors([InputError(
            f"the key {_key_words(bad_key[-1])} is not a field name; field names are text",
            path=where.path, line=where.line)])  # fmt: skip
    try:
        obj = model.model_validate(strip_secret_keys(data))
    except ValidationError as exc:
        raise InputErrors(list(validation_errors(exc, model, origin, label))) from None
    check_dates(obj, origin)
    with_origin = getattr(obj, "with_origin", None)
    if with_origin is not None:
        with_origin(origin)
    return obj


_KINDS = {"list": "a list", "str": "a single text", "int": "a number", "float": "a number",
          "bool": "true/false"}  # fmt: skip


def _key_words(key: str | int) -> str:
    """A non-text key as YAML wrote it (``null``, ``true``) or as :func:`shown_key` shows it."""
    return {"None": "null", "True": "true", "False": "false"}.get(str(key)) or shown_key(key)


def _non_text_key(data: Any, path: FieldPath = ()) -> FieldPath | None:
    """The path of the first mapping key that is not text (``1:``, ``null:``, a date)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if not isinstance(key, str):
                return (*path, key if isinstance(key, int) else str(key))
            found = _non_text_key(value, (*path, key))
            if found is not None:
                return found
    elif isinstance(data, list):
        for i, item in enumerate(data):
            found = _non_text_key(item, (*path, i))
            if found is not None:
                return found
    return None


def check_dates(obj: BaseModel, origin: Origin) -> None:
    """Refuse a date or time outside :data:`MIN_DATE` … :data:`MAX_DATE`, at its line."""
    bad = _date_out_of_range(obj, ())
    if bad is not None:
        where = origin.locate(format_field(bad))
        raise InputErrors([InputError(
            f"field {format_field(bad)!r}: the date is outside {MIN_DATE} … {MAX_DATE};"
            " check the year (leave an expiry out to mean 'never')",
            path=where.path, line=where.line)])  # fmt: skip


def _date_out_of_range(value: Any, path: FieldPath) -> FieldPath | None:
    """The path of the first date or time in ``value`` outside the bounds, or ``None``."""
    if isinstance(value, dt.date):  # the bounds are whole years
        return None if _MIN_YEAR <= value.year <= _MAX_YEAR else path
    if isinstance(value, BaseModel):
        kind = type(value)
        plan = _PLANS.get(kind) or _dated_fields(kind)
        for name in plan[0]:  # dates and times held directly: the hot path, no calls
            item = getattr(value, name)
            if item is not None and not _MIN_YEAR <= item.year <= _MAX_YEAR:
                return (*path, name)
        for name in plan[1]:
            item = getattr(value, name)
            if not item:  # the usual case: nothing to look into
                continue
            found = _date_out_of_range(item, (*path, name))
            if found is not None:
                return found
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found = _date_out_of_range(item, (*path, i))
            if found is not None:
                return found
    return None


_MIN_YEAR, _MAX_YEAR = MIN_DATE.year, MAX_DATE.year
assert (MIN_DATE.month, MIN_DATE.day, MAX_DATE.month, MAX_DATE.day) == (1, 1, 12, 31)
_PLANS: dict[type[BaseModel], tuple[tuple[str, ...], tuple[str, ...]]] = {}


def _dated_fields(model: type[BaseModel]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Fields of ``model`` that may hold a date (the hot path skips the others): those
    holding a plain date or time (or ``None``), and those that may hold one deeper
    down (models, lists)."""
    plan = _PLANS.get(model)
    if plan is None:
        fields = model.model_fields
        dated = [n for n, info in fields.items() if _may_hold_date(info.annotation)]
        plain = tuple(n for n in dated if _plain_date(fields[n].annotation))
        plan = _PLANS[model] = (plain, tuple(n for n in dated if n not in plain))
    return plan


def _plain_date(annotation: Any) -> bool:
    """Whether a value of this type is a date, a time or ``None``, and nothing else."""
    if typing.get_origin(annotation) is typing.Annotated:
        return _plain_date(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return all(_plain_date(arg) for arg in typing.get_args(annotation))
    return annotation is type(None) or (
        isinstance(annotation, type) and issubclass(annotation, dt.date)
    )


def _may_hold_date(annotation: Any) -> bool:
    """Whether a value of this type can be or contain a date; ``True`` when unsure."""
    if annotation is Any or annotation is object:
        return True
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _may_hold_date(args[0])  # the rest is validators, not types
    if origin is not None:
        return any(_may_hold_date(arg) for arg in args)
    if isinstance(annotation, type):
        if issubclass(annotation, dt.date):
            return True
        if issubclass(annotation, BaseModel):
            return any(_dated_fields(annotation))
        return False
    return not isinstance(annotation, str | int | float | bool | None)  # Literal values


class InputErrors(Exception):
    """Several input problems of one record."""

    def __init__(self, errors: list[InputError]) -> None:
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))


def validation_errors(
    exc: ValidationError, model: type[BaseModel], origin: Origin, label: str
) -> list[InputError]:
    """One clear error per pydantic problem, at the key's line, with a suggestion."""
    errors: list[InputError] = []
    seen: set[tuple[str, str]] = set()
    problems = exc.errors(include_url=False, include_input=False)
    for count, err in enumerate(problems):
        if len(errors) == MAX_ERRORS_PER_RECORD:  # a flood helps nobody: say how many
            errors.append(InputError(
                f"… and {len(problems) - count} more problems in {label}; fix these first",
                path=origin.path, line=origin.line))  # fmt: skip
            break
        loc = _clean_loc(err["loc"])
        field = format_field(loc)
        where: Location = origin.locate(field)
        if err["type"] == "extra_forbidden":
            name = str(loc[-1]) if loc else "?"
            known = _known_fields(model, loc[:-1])
            import difflib

            close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else f" (known: {', '.join(known)})"
            shown = shown_key(name)
            if shown.startswith("'"):
                message = f"unknown field {field!r} in {label}{hint}"
            else:
                parent = format_field(loc[:-1])
                inside = f" under {parent!r}" if parent else ""
                message = f"unknown field in {label}{inside}: {shown} (known: {', '.join(known)})"
        elif err["type"] == "missing":
            message = f"{label} lacks the required field {field!r}"
        else:
            message = f"field {field!r}: {err['msg']}"
        if (field, message) in seen:
            continue
        seen.add((field, message))
        errors.append(InputError(message, path=where.path, line=where.line))
    return errors


def _clean_loc(loc: tuple[Any, ...]) -> FieldPath:
    """Drop pydantic's union-branch names from an error location."""
    out: list[str | int] = []
    for part in loc:
        if isinstance(part, int) or (
            isinstance(part, str)
            and not any(c in part for c in "[]()'")
            and part
            not in {
                "list[str]",
                "str",
                "literal['all']",
            }
        ):
            out.append(part)
    return tuple(out)


def _known_fields(model: type[BaseModel], loc: FieldPath) -> list[str]:
    """Field names of the (sub)model found at ``loc``."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return []
        current = _model_in(info.annotation)
    return sorted(getattr(current, "model_fields", {}))


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


# ---------------------------------------------------------------- records


#: The line closing front matter (a Windows file ends it with ``\r``).
_FRONT_END = re.compile(r"^(?:---|\.\.\.)[ \t\r]*$", re.M)


def split_front_matter(text: str, shown: str) -> tuple[str | None, str, int]:
    """(front matter, body, 1-based body line) of a Markdown post."""
    if not text.startswith("---"):
        return None, text, 1
    first_nl = text.find("\n")
    if first_nl == -1 or text[:first_nl].strip() != "---":
        return None, text, 1
    match = _FRONT_END.search(text, first_nl + 1)
    if match is None:
        raise InputError(
            "front matter is not closed: add a line with '---' after the fields", path=shown, line=1
        )
    front = text[first_nl + 1 : match.start()]
    body_start = text.find("\n", match.end())
    body = "" if body_start == -1 else text[body_start + 1 :]
    body_line = text.count("\n", 0, body_start + 1) + 1 if body_start != -1 else 1
    return front, body, body_line


def load_post(path: Path, shown: str, text: str) -> Post:
    """A post from a Markdown (front matter + body) or YAML file."""
    if path.suffix.lower() in (".md", ".markdown"):
        front, body, body_line = split_front_matter(text, shown)
        if front is None:
            raise InputError(
                "a Markdown post needs YAML front matter between '---' lines (account, author…)",
                path=shown,
                line=1,
            )
        doc = load_yaml_text(front, shown, line_offset=1)
        data = doc.data
        locator: Any = BodyLocator(YamlLocator(doc), body, body_line)
        if isinstance(data, dict) and body.strip():
            if "text" in data:
                raise InputError(
                    "the post has a body and a 'text' field; keep one",
                    path=shown,
                    line=doc.keys[("text",)].line + 2,
                )
            data = {**data, "text": body.rstrip()}
    else:
        doc = load_yaml_text(text, shown)
        data = doc.data
        locator = YamlLocator(doc)
    if isinstance(data, dict):
        data.setdefault("id", printable(path.stem))
    return validate(Post, data, Origin(shown, 1, locator), "a post")


def load_account(path: Path, shown: str, text: str) -> Account:
    """An account from a YAML file."""
    doc = load_yaml_text(text, shown)
    data = doc.data
    if isinstance(data, dict):
        data.setdefault("id", printable(path.stem))
    return validate(Account, data, Origin(shown, 1, YamlLocator(doc)), "an account")


def load_roster(shown: str, text: str) -> Roster:
    """The roster (``people.yaml``)."""
    doc = load_yaml_text(text, shown)
    return validate(Roster, doc.data, Origin(shown, 1, YamlLocator(doc)), "the roster")


def load_consents(shown: str, text: str) -> ConsentRegister:
    """The consent register (``consents.yaml``); a bare list is accepted too."""
    doc = load_yaml_text(text, shown)
    data: Any = doc.data
    base: FieldPath = ()
    if isinstance(data, list):
        data = {"consents": data}
        locator = _ListLocator(YamlLocator(doc))
        return validate(ConsentRegister, data, Origin(shown, 1, locator), "the consent register")
    return validate(
        ConsentRegister, data, Origin(shown, 1, YamlLocator(doc, base)), "the consent register"
    )


class _ListLocator:
    """A register written as a bare list: ``consents[i]`` is item ``i`` of the document."""

    def __init__(self, inner: YamlLocator) -> None:
        self.inner = inner

    def locate(self, path: str, fld: FieldPath, span: tuple[int, int] | None) -> Location:
        if fld[:1] == ("consents",):
            fld = fld[1:]
        return self.inner.locate(path, fld, span)


def yaml_doc(text: str, shown: str) -> YamlDoc:
    """A YAML document with positions (for configuration files)."""
    return load_yaml_text(text, shown)
