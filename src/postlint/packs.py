"""Declarative policy data: the YAML rule packs under the project's ``rules/`` folder.

Packs hold keyword lists, phrases, thresholds and messages that the Communications
office edits without touching Python. In a wheel they live in ``postlint/_packs``; in a
source checkout they are read from ``rules/`` beside ``src/``.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from postlint.errors import ConfigError

if TYPE_CHECKING:
    from postlint.origin import Location


@functools.cache
def builtin_pack_root() -> Path:
    """The folder holding the built-in packs (``<policy>/<name>.yaml``)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_packs", here.parent.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise ConfigError("the built-in rule packs are missing from this installation")


def policy_dir(policy: str) -> Path:
    """The folder of one built-in policy pack, e.g. ``syracuse``."""
    folder = builtin_pack_root() / policy
    if not folder.is_dir():
        known = sorted(p.name for p in builtin_pack_root().iterdir() if p.is_dir())
        raise ConfigError(f"unknown policy pack {policy!r}; known: {', '.join(known)}")
    return folder


@functools.cache
def read_pack_file(path: Path) -> Any:
    """A pack file's data (cached: packs are read once per process)."""
    from postlint.errors import InputError
    from postlint.loading.files import read_text
    from postlint.loading.yamlsource import load_yaml_text

    try:
        return load_yaml_text(read_text(path, str(path)), str(path), positions=False).data
    except InputError as exc:  # a pack is configuration: its problems are config errors
        raise ConfigError(f"rule pack: {exc.message}", path=exc.path, line=exc.line) from None


def builtin_pack(policy: str, name: str) -> Any:
    """Data of the built-in pack ``rules/<policy>/<name>.yaml``, its numbers checked
    (:data:`PACK_NUMBERS`): a wrong one is a :class:`ConfigError` placed at it."""
    path = policy_dir(policy) / f"{name}.yaml"
    if not path.is_file():
        raise ConfigError(f"policy {policy!r} has no pack named {name!r}", path=str(path))
    data = read_pack_file(path)
    check_numbers(name, data, path)
    return data


#: The thresholds each pack holds, as (field path, kind, lowest, highest): the values
#: the Communications office tunes. A threshold of another kind or out of range would
#: make its rule fail on every post, so it is refused where it is written instead.
PACK_NUMBERS: dict[str, tuple[tuple[tuple[str, ...], type, float, float | None], ...]] = {
    "accessibility": (
        (("hashtags", "acronym_max_length"), int, 0, None),
        (("hashtags", "min_length"), int, 1, None),
        (("hashtags", "min_log10_ratio"), float, 0, None),
        (("hashtags", "name_min_length"), int, 1, None),
        (("hashtags", "name_min_count"), float, 0, None),
    ),
    "passwords": (
        (("min_length",), int, 1, None),
        (("min_length_with_mfa",), int, 1, None),
        (("min_score",), int, 0, 4),
    ),
    "personal-data": ((("window",), int, 0, 50),),
    "secrets": (
        (("entropy", "min_length"), int, 1, None),
        (("entropy", "min_bits_per_char"), float, 0, None),
        (("entropy", "hex_min_length"), int, 1, None),
        (("entropy", "hex_min_bits_per_char"), float, 0, None),
        (("entropy", "min_class_changes_per_char"), float, 0, None),
    ),
    "terms": ((("min_distinct_words",), int, 0, None),),
}


def check_numbers(name: str, data: Any, path: Path) -> None:
    """Raise :class:`ConfigError` at the first threshold of pack ``name`` that is not a
    number of its kind within its range (a threshold left out is the rule's default)."""
    for field, kind, lowest, highest in PACK_NUMBERS.get(name, ()):
        value: Any = data
        for part in field:
            value = value.get(part) if isinstance(value, dict) else None
        if value is None:
            continue
        whole = kind is int
        fits = isinstance(value, int | float) and not isinstance(value, bool)
        if fits and whole and isinstance(value, float):
            fits = value.is_integer()
        if fits and not (lowest <= value and (highest is None or value <= highest)):
            fits = False
        if not fits:
            what = "a whole number" if whole else "a number"
            limits = f" of {lowest} or more" if highest is None else f" from {lowest} to {highest}"
            raise ConfigError(
                f"pack {name!r}: `{'.'.join(field)}` must be {what}{limits}, not {value!r}",
                path=str(path),
                field=field,
            )


def pack_location(path: Path, field: tuple[str | int, ...] | None) -> Location | None:
    """Where ``field`` is written in the pack file at ``path`` (the nearest enclosing
    place it has), or ``None``.

    Packs are read without positions (a large pack is read on every run); the file is
    read again with them only when one of its entries is wrong.
    """
    from postlint.errors import InputError
    from postlint.loading.files import display_path, read_text
    from postlint.loading.yamlsource import load_yaml_text
    from postlint.origin import Location

    if field is None:
        return None
    try:
        doc = load_yaml_text(read_text(path, str(path)), str(path))
    except InputError:
        return None
    for size in range(len(field), -1, -1):
        place = field[:size]
        span = doc.keys.get(place) or doc.values.get(place)
        if span is not None:
            line = span.line + 1 + doc.line_offset
            return Location(display_path(path), line, span.column + 1)
    return None


def error_location(exc: ConfigError) -> Location | None:
    """Where the file ``exc`` names is wrong: its field's line, or the line it gives."""
    if exc.path is None:
        return None
    from postlint.loading.files import display_path
    from postlint.origin import Location

    path = Path(exc.path)
    where = pack_location(path, exc.field) if exc.field is not None else None
    if where is None and exc.line is not None and path.is_file():
        where = Location(display_path(path), exc.line)
    return where
