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
    """Data of the built-in pack ``rules/<policy>/<name>.yaml``, checked against its
    shape (:mod:`postlint.packshapes`): what is out of shape is a :class:`ConfigError`
    placed at it."""
    from postlint.packshapes import check_pack

    path = policy_dir(policy) / f"{name}.yaml"
    if not path.is_file():
        raise ConfigError(f"policy {policy!r} has no pack named {name!r}", path=str(path))
    data = read_pack_file(path)
    check_pack(name, data, str(path))
    return data


def pack_location(path: Path, field: tuple[str | int, ...] | None) -> Location | None:
    """Where ``field`` is written in the pack file at ``path`` (the nearest enclosing
    place it has, as for any YAML record), or ``None``.

    Packs are read without positions (a large pack is read on every run); the file is
    read again with them only when one of its entries is wrong.
    """
    from postlint.errors import InputError
    from postlint.loading.files import display_path, read_text
    from postlint.loading.yamlsource import YamlLocator, load_yaml_text

    if field is None:
        return None
    try:
        doc = load_yaml_text(read_text(path, str(path)), str(path))
    except InputError:
        return None
    root = doc.values.get(())
    first = root.line + 1 + doc.line_offset if root is not None else 1
    return YamlLocator(doc, (), first).locate(display_path(path), field, None)


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
