"""Recognising City business, disclosures and titles in employees' personal posts.

Shared by ``missing-disclosure`` and ``agency-title-on-personal``. The wordings come
from the ``disclosure`` pack and the City settings; this module only turns them into
compiled patterns (one set per post author, cached for the run) and runs them on text
folded so that curly quotes and odd spaces match their plain forms, without moving any
character: spans found in the folded text are spans in the original.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from postlint.context import LintContext
from postlint.models import Person
from postlint.text.patterns import compile_pattern

# One character for one character, so offsets stay valid.
_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u2013": "-",
        "\u2014": "-",
        "\u2260": "≠",
    }
)


def fold(text: str) -> str:
    """``text`` with curly quotes, dashes and no-break spaces made plain (same length)."""
    return text.translate(_FOLD)


def phrase_pattern(phrase: str) -> str:
    """A plain phrase as a pattern: literal words, any run of spaces between them."""
    words = fold(phrase).split()
    return r"\s+".join(re.escape(w) for w in words)


def alternation(items: Iterable[str]) -> str:
    """``(?:a|b|…)`` of plain phrases, longest first (the engine takes the first match)."""
    unique = sorted({i.strip() for i in items if i and i.strip()}, key=lambda s: (-len(s), s))
    return "(?:" + "|".join(phrase_pattern(i) for i in unique) + ")"


@dataclass(frozen=True)
class Match:
    """A match in a text: its span and the characters matched."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class DisclosureMatchers:
    """Compiled patterns for one author (their own title and department included)."""

    business: Any
    disclaimer: Any
    affiliation: Any
    authority_pattern: Any | None
    not_the_city: Any | None

    def _masked(self, text: str) -> str:
        """Folded text with names that merely contain the City's name blanked out."""
        folded = fold(text)
        if self.not_the_city is None:
            return folded
        return _blank(folded, self.not_the_city)

    def business_mention(self, text: str) -> Match | None:
        """The first mention of the City, a department, a City role or City business."""
        return _first(self.business, self._masked(text), text)

    def has_disclaimer(self, text: str) -> bool:
        """Whether the text carries a "views are my own" style disclaimer."""
        return self.disclaimer.search(fold(text)) is not None

    def has_affiliation(self, text: str) -> bool:
        """Whether the text says the author works for the City (or a department)."""
        return self.affiliation.search(self._masked(text)) is not None

    def authority(self, text: str) -> Match | None:
        """The first place the author invokes a City title or department as authority."""
        if self.authority_pattern is None:
            return None
        return _first(self.authority_pattern, self._masked(text), text)


def _first(pattern: Any, searched: str, original: str) -> Match | None:
    found = pattern.search(searched)
    if found is None:
        return None
    start, end = found.span()
    return Match(start, end, original[start:end])


def _blank(text: str, pattern: Any) -> str:
    parts: list[str] = []
    last = 0
    for found in pattern.finditer(text):
        start, end = found.span()
        parts.append(text[last:start])
        parts.append(" " * (end - start))
        last = end
    parts.append(text[last:])
    return "".join(parts)


def matchers(ctx: LintContext, owner: Person | None) -> DisclosureMatchers:
    """The patterns for posts by ``owner`` (``None`` when not on the roster), cached."""
    key = f"disclosure:{owner.title if owner else ''}\x1f{owner.department if owner else ''}"
    return ctx.cached(key, lambda: _build(ctx, owner))


def _build(ctx: LintContext, owner: Person | None) -> DisclosureMatchers:
    pack: dict[str, Any] = ctx.pack("disclosure")
    city = ctx.city
    departments: dict[str, list[str]] = {
        name: list(aliases or []) for name, aliases in (pack.get("departments") or {}).items()
    }
    for name in city.departments:
        departments.setdefault(name, [])
    for name, aliases in city.department_aliases.items():
        departments.setdefault(name, []).extend(aliases)
    common = {str(w).casefold() for w in pack.get("too_common_alone") or []}
    own: list[str] = []
    if owner is not None:
        if owner.title:
            own.append(owner.title)
        if owner.department:
            departments.setdefault(owner.department, [])
            own.extend(departments[owner.department])
            if owner.department.casefold() not in common:
                own.append(owner.department)
    every_name = [*city.names, city.name, *departments]
    every_name += [alias for aliases in departments.values() for alias in aliases]
    org_names = [name for name in every_name if name.casefold() not in common]
    titles = [*(pack.get("titles") or []), *([owner.title] if owner and owner.title else [])]
    slots = {
        "org": alternation(org_names),
        "title": alternation(titles),
        "own": alternation(own) if own else None,
    }

    business = [
        alternation([*org_names, *(pack.get("business_phrases") or []), *city.business_phrases]),
    ]
    if owner is not None and owner.title:
        business.append(alternation([owner.title]))
    disclaimer = [
        alternation([*(pack.get("disclaimer_phrases") or []), *city.disclaimer_phrases]),
        *(_fill(p, slots) for p in pack.get("disclaimer_patterns") or []),
    ]
    affiliation = [
        alternation([*(pack.get("affiliation_phrases") or []), *city.affiliation_phrases]),
        *(_fill(p, slots) for p in pack.get("affiliation_patterns") or []),
    ]
    authority = [
        filled
        for p in pack.get("authority_patterns") or []
        if (filled := _fill(p, slots)) is not None
    ]
    not_city = pack.get("not_the_city") or []
    return DisclosureMatchers(
        business=_compile_words(business),
        disclaimer=_compile_words([p for p in disclaimer if p is not None]),
        affiliation=_compile_words([p for p in affiliation if p is not None]),
        authority_pattern=_compile_words(authority) if authority else None,
        not_the_city=_compile_words([alternation(not_city)]) if not_city else None,
    )


def _fill(pattern: str, slots: dict[str, str | None]) -> str | None:
    """Put the name alternations into a pack pattern; ``None`` when a slot is empty."""
    out = pattern
    for name, value in slots.items():
        token = "{" + name + "}"
        if token in out:
            if value is None:
                return None
            out = out.replace(token, value)
    return out


def _compile_words(patterns: list[str]) -> Any:
    """One case-insensitive pattern; plain alternatives only match whole words."""
    parts = [f"(?:{p})" if p.startswith("\\b") else f"(?:\\b{p}\\b)" for p in patterns]
    return compile_pattern("|".join(parts), ignore_case=True)
