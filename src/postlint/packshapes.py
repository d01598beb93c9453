"""The shape of each policy pack: what a rule may expect of the YAML it reads.

The Communications office edits the packs under ``rules/``. A slip there (a threshold
written as a word, a list written as one value, a required list deleted, ``no`` read
by YAML as *false*) would make the rule that reads the pack fail on every post. Each
pack is checked against its shape when it is read; the first thing out of shape is a
:class:`~postlint.errors.ConfigError` placed at it, which the engine reports once as a
``config-error`` at that line. Keys a shape does not name are left alone (a rule
reads only what it knows); a key it names but the pack leaves out takes the rule's
default, unless the shape requires it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from postlint.errors import ConfigError
from postlint.origin import FieldPath, format_field


@dataclass(frozen=True)
class Number:
    """A number, whole when ``whole``, from ``low`` (to ``high``, when given)."""

    whole: bool
    low: float = 0
    high: float | None = None

    def problem(self, value: Any) -> str | None:
        fits = isinstance(value, int | float) and not isinstance(value, bool)
        if fits and self.whole and isinstance(value, float):
            fits = value.is_integer()
        if fits and (value < self.low or (self.high is not None and value > self.high)):
            fits = False
        if fits:
            return None
        what = "a whole number" if self.whole else "a number"
        low, high = f"{self.low:g}", f"{self.high:g}" if self.high is not None else None
        limits = f" of {low} or more" if high is None else f" from {low} to {high}"
        return f"must be {what}{limits}, not {_shown(value)}"


@dataclass(frozen=True)
class Text:
    """A string."""

    def problem(self, value: Any) -> str | None:
        if isinstance(value, str):
            return None
        return f"must be text, not {_shown(value)}{_quote(value)}"


@dataclass(frozen=True)
class Flag:
    """``true`` or ``false``."""

    def problem(self, value: Any) -> str | None:
        return None if isinstance(value, bool) else f"must be true or false, not {_shown(value)}"


@dataclass(frozen=True)
class Each:
    """A list whose every item has ``item``'s shape."""

    item: Any

    def problem(self, value: Any) -> str | None:
        return None if isinstance(value, list) else f"must be a list, not {_shown(value)}"


@dataclass(frozen=True)
class Named:
    """A mapping from any names to values of ``value``'s shape."""

    value: Any

    def problem(self, value: Any) -> str | None:
        return None if isinstance(value, dict) else f"must be a mapping, not {_shown(value)}"


@dataclass(frozen=True)
class Fields:
    """A mapping with these keys (others are left alone), some of them required."""

    keys: dict[str, Any]
    required: tuple[str, ...] = field(default=())

    def problem(self, value: Any) -> str | None:
        return None if isinstance(value, dict) else f"must be a mapping, not {_shown(value)}"


WORDS = Each(Text())
WHOLE = Number(whole=True)
COUNT = Number(whole=True, low=1)
RATE = Number(whole=False)

#: Each built-in pack's shape (the keyword packs are checked by their own reader).
PACK_SHAPES: dict[str, Fields] = {
    "accessibility": Fields({
        "alt_placeholders": WORDS,
        "alt_file_names": WORDS,
        "hashtags": Fields({
            "acronym_max_length": WHOLE, "min_length": COUNT, "min_log10_ratio": RATE,
            "name_min_length": COUNT, "name_min_count": RATE, "short_words": WORDS,
        }),
    }),
    "apps": Fields({"schedulers": WORDS, "native": WORDS}),
    "clauses": Fields(
        {"clauses": Each(Fields(
            {"id": Text(), "title": Text(), "parent": Text(), "children_cover": Flag(),
             "partial": Fields({"covers": Text(), "review": Text()}), "reason": Text()},
            ("id", "title"),
        ))},
        ("clauses",),
    ),
    "disclosure": Fields({
        "departments": Named(WORDS),
        **dict.fromkeys(
            ("too_common_alone", "business_phrases", "not_the_city", "disclaimer_phrases",
             "disclaimer_patterns", "affiliation_phrases", "affiliation_patterns", "titles",
             "authority_patterns"),
            WORDS,
        ),
        "fix": Named(Text()),
    }),
    "identity": Fields(
        {"official": WORDS, "redirects": WORDS, "disclaimers": WORDS, "city_forms": WORDS,
         "departments": Named(WORDS)},
        required=("official", "redirects", "disclaimers", "city_forms"),
    ),
    "passwords": Fields({
        "min_length": COUNT, "min_length_with_mfa": COUNT,
        "min_score": Number(whole=True, low=0, high=4), "estimator_max_chars": COUNT,
        "city_words": WORDS, "leet": Named(WORDS), "ignore_words": WORDS,
        "messages": Named(Text()),
    }),
    "personal-data": Fields({
        "window": Number(whole=True, low=0, high=50), "context": Named(WORDS),
        "free_mail_domains": WORDS, "public_sector_domains": WORDS, "role_addresses": WORDS,
    }),
    "secrets": Fields(
        {
            "key_words": WORDS, "not_secret_key_suffix": Text(), "placeholders": WORDS,
            "shapes": Each(Fields({"kind": Text(), "pattern": Text()}, ("kind", "pattern"))),
            "entropy": Fields(
                {"token": Text(), "not_keys": Text(), "min_length": COUNT,
                 "min_bits_per_char": RATE, "hex_min_length": COUNT,
                 "hex_min_bits_per_char": RATE, "min_class_changes_per_char": RATE},
                ("token", "not_keys", "min_length", "min_bits_per_char", "hex_min_length",
                 "hex_min_bits_per_char", "min_class_changes_per_char"),
            ),
            "message": Text(),
        },
        ("key_words", "not_secret_key_suffix", "placeholders", "shapes", "entropy", "message"),
    ),
    "terms": Fields(
        {"min_distinct_words": WHOLE,
         "elements": Named(Fields({"name": Text(), "patterns": WORDS}, ("name", "patterns")))},
        ("elements",),
    ),
}  # fmt: skip


def check_pack(name: str, data: Any, path: str) -> None:
    """Raise :class:`ConfigError` at the first place pack ``name`` is out of shape."""
    shape = PACK_SHAPES.get(name)
    if shape is not None:
        _check(shape, data, (), name, path)


def _check(shape: Any, value: Any, at: FieldPath, name: str, path: str) -> None:
    problem = shape.problem(value)
    if problem is not None:
        where = format_field(at) or "the pack"
        raise ConfigError(f"pack {name!r}: `{where}` {problem}", path=path, field=at)
    if isinstance(shape, Each):
        for index, item in enumerate(value):
            _check(shape.item, item, (*at, index), name, path)
    elif isinstance(shape, Named):
        for key, item in value.items():
            _check(shape.value, item, (*at, key), name, path)
    elif isinstance(shape, Fields):
        for key in shape.required:
            if value.get(key) is None:
                raise ConfigError(
                    f"pack {name!r}: `{format_field((*at, key))}` is missing; it is required",
                    path=path,
                    field=at,
                )
        for key, inner in shape.keys.items():
            if value.get(key) is not None:  # left out (or empty): the rule's default
                _check(inner, value[key], (*at, key), name, path)


def _shown(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return "a mapping" if isinstance(value, dict) else "a list"
    return repr(value)


def _quote(value: Any) -> str:
    """A hint for the YAML words that are not text unless quoted (``no``, ``null``)."""
    if value is None or isinstance(value, bool | int | float):
        return " (write it in quotes to mean the word itself)"
    return ""
