"""Keyword packs compiled into one automaton: every term of every pack in one pass.

A pack (YAML, see ``rules/syracuse/confidential.yaml`` for the documented format) is a
list of *groups*. A group fires on a target when one of its ``any`` terms is found, all
of its ``all`` terms are found somewhere in the target's zones and none of its ``none``
terms is. Terms are matched on the :func:`~postlint.text.normalize.words` view, so case,
width, look-alike letters, format characters, spaced letters and leetspeak do not hide
them, and each match maps back to the characters of the original text.

The hot path is designed for thousands of terms: all literal terms (and their
leetspeak skeletons) go into one Aho-Corasick automaton each, so 10,000 terms cost
about what 10 do; word boundaries, upper-case and banner forms, context words and
exceptions are checked only on the candidates the automaton returns.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import ahocorasick_rs

from postlint.errors import ConfigError
from postlint.text.normalize import View, leet_reads_as, leet_skeleton, skeleton, words
from postlint.text.patterns import compile_pattern, utf8_safe
from postlint.text.screen import build_screen

MatchType = Literal["word", "phrase", "prefix", "pattern"]
Form = Literal["any", "upper", "banner"]
Outcome = Literal["error", "warning"]
Role = Literal["any", "all", "none", "except"]

MATCH_TYPES: frozenset[str] = frozenset({"word", "phrase", "prefix", "pattern"})
FORMS: frozenset[str] = frozenset({"any", "upper", "banner"})
ZONES: frozenset[str] = frozenset({"text", "alt", "captions", "credit", "quotes"})
_TERM_KEYS = frozenset({"term", "pattern", "match", "form", "near", "unless", "except", "window"})
_GROUP_KEYS = frozenset(
    {"message", "match", "form", "any", "all", "none", "near", "unless", "except", "window"}
)
_PACK_KEYS = frozenset({"rule", "outcome", "zones", "window", "groups", "name", "description"})
_BANNER_BEFORE = frozenset("([{*#>|")
_BANNER_AFTER = frozenset(")]}:*|")


@dataclass(frozen=True)
class Term:
    """One compiled term of a group."""

    group: Group
    role: Role
    key: str  # the term in the words view ("internal use only"); the pattern for patterns
    match: MatchType = "word"
    form: Form = "any"
    near: Any = None  # compiled words-view pattern, or None
    unless: Any = None
    window: int = 4
    regex: Any = None  # compiled RE2 pattern for match: pattern
    excepts: tuple[str, ...] = ()


@dataclass(eq=False)
class Group:
    """A group of terms with one message and one outcome."""

    name: str
    pack: str
    outcome: Outcome
    zones: frozenset[str]
    message: str | None
    terms: list[Term] = field(default_factory=list)

    def needs_all(self) -> list[Term]:
        """Terms that must all be present for the group to fire."""
        return [t for t in self.terms if t.role == "all"]


@dataclass(frozen=True)
class KeywordMatch:
    """A term found in a text: where in the view, where in the original, which term."""

    term: Term
    span: tuple[int, int]  # in the original text
    view_span: tuple[int, int]
    found: str  # the matched words as normalised (safe to quote: a marking, not a secret)

    @property
    def group(self) -> Group:
        """The group of the term."""
        return self.term.group


@dataclass(frozen=True)
class ZoneHit:
    """A firing group's match in one field of a target."""

    field: str
    zone: str
    match: KeywordMatch


class KeywordMatcher:
    """Every term of a set of packs, compiled for one pass over a text."""

    def __init__(self, groups: Sequence[Group]) -> None:
        self.groups = list(groups)
        by_key: dict[str, list[Term]] = {}
        self._patterns: list[Term] = []
        for group in self.groups:
            for term in group.terms:
                if term.match == "pattern":
                    self._patterns.append(term)
                    continue
                by_key.setdefault(term.key, []).append(term)
                compact = term.key.replace(" ", "")
                if compact != term.key and term.role != "except":
                    # Spaced-out words lose their gaps ("i n t e r n a l u s e"), and
                    # hashtags have none: the compact form is the same marking.
                    by_key.setdefault(compact, []).append(term)
        self._keys = list(by_key)
        self._terms = [by_key[k] for k in self._keys]
        self._automaton = ahocorasick_rs.AhoCorasick(self._keys) if self._keys else None
        # Keys that only count written in capitals ("LES", "CUI") are screened with case
        # kept: prose ("miles", "circuit") never passes. Exception phrases alone find
        # nothing, so they are left out of the screen.
        screened: dict[str, bool] = {}
        for key, terms in zip(self._keys, self._terms, strict=True):
            for term in terms:
                if term.role != "except":
                    screened[key] = screened.get(key, True) and term.form != "any"
        self._screen = build_screen(screened, [t.key for t in self._patterns])
        #: ``could_match(text)`` is ``False`` only when no term can be found in ``text``:
        #: the screen's own method, called once per post (no call in between).
        self.could_match: Callable[[str], bool] = (
            self._screen.admits if self._screen is not None else _anything
        )

    @functools.cached_property
    def _leet(self) -> tuple[Any, list[list[int]]] | None:
        """The automaton of key skeletons, and the keys of each (built on first need:
        few texts mix letters and leetspeak symbols)."""
        # Different keys can share a skeleton ("les" and "ies"): each skeleton lists them all.
        by_skeleton: dict[str, list[int]] = {}
        for i, key in enumerate(self._keys):
            by_skeleton.setdefault(skeleton(key), []).append(i)
        if not by_skeleton:
            return None
        return ahocorasick_rs.AhoCorasick(list(by_skeleton)), list(by_skeleton.values())

    @property
    def size(self) -> int:
        """How many distinct literal keys the automaton holds."""
        return len(self._keys)

    # ------------------------------------------------------------------ matching

    def scan(self, text: str) -> list[KeywordMatch]:
        """Matches of every term in ``text`` (form, context and exceptions applied).

        Group-level ``all``/``none`` need the whole target: see :meth:`scan_zones`.
        """
        if not text:
            return []
        if self._screen is not None and not self._screen.admits(text):
            return []
        view = words(text)
        raw = list(self._candidates(view))
        if not raw:
            return []
        excepts = _Covers(m for m in raw if m.term.role == "except")
        kept: list[KeywordMatch] = []
        for m in raw:
            if m.term.role == "except":
                continue
            if m.term.excepts and excepts.covers(m.term.excepts, m.view_span):
                continue
            if not _form_ok(m.term.form, text, m.span):
                continue
            if not _context_ok(m.term, view.text, m.view_span):
                continue
            kept.append(m)
        return _longest(kept)

    def scan_zones(self, zones: Iterable[tuple[str, str, str]]) -> list[ZoneHit]:
        """Findings of firing groups over a target's ``(field, zone, text)`` triples."""
        per_zone: list[tuple[str, str, list[KeywordMatch]]] = []
        present: set[int] = set()  # ids of terms seen in their group's zones of the target
        for field_name, zone, text in zones:
            found = self.scan(text)
            if found:
                per_zone.append((field_name, zone, found))
                present.update(id(m.term) for m in found if zone in m.group.zones)
        if not per_zone:
            return []
        hits: list[ZoneHit] = []
        for field_name, zone, found in per_zone:
            for m in found:
                group = m.group
                if m.term.role != "any" or zone not in group.zones:
                    continue
                if not all(id(t) in present for t in group.needs_all()):
                    continue
                if any(t.role == "none" and id(t) in present for t in group.terms):
                    continue
                hits.append(ZoneHit(field_name, zone, m))
        return hits

    def _candidates(self, view: View) -> Iterator[KeywordMatch]:
        text = view.text
        text = utf8_safe(text)  # the automaton reads UTF-8: no lone surrogate
        if self._automaton is not None:
            for idx, start, end in self._automaton.find_matches_as_indexes(text, overlapping=True):
                for term in self._terms[idx]:
                    if _bounded(term.match, text, start, end):
                        yield KeywordMatch(
                            term, view.original_span(start, end), (start, end), term.key
                        )
            reading = leet_skeleton(text)
            leet = self._leet if reading is not None else None
            if reading is not None and leet is not None:
                automaton, skeleton_keys = leet
                for idx, start, end in automaton.find_matches_as_indexes(reading, overlapping=True):
                    for key_idx in skeleton_keys[idx]:
                        if not leet_reads_as(text[start:end], self._keys[key_idx]):
                            continue
                        for term in self._terms[key_idx]:
                            if _bounded(term.match, text, start, end, leet=True):
                                yield KeywordMatch(
                                    term, view.original_span(start, end), (start, end), term.key
                                )
        for term in self._patterns:
            for m in term.regex.finditer(text):
                start, end = m.span()
                if end > start:
                    yield KeywordMatch(
                        term, view.original_span(start, end), (start, end), m.group(0)
                    )


def _anything(text: str) -> bool:
    """Without a screen, any text could hold a term."""
    return True


class _Covers:
    """Exception phrases found in a text, answering "does one cover this span?" quickly.

    Per phrase: starts in order and the running maximum of ends, so a query is one
    binary search (a text full of exceptions stays linear-logarithmic).
    """

    def __init__(self, matches: Iterable[KeywordMatch]) -> None:
        spans: dict[str, list[tuple[int, int]]] = {}
        for m in matches:
            spans.setdefault(m.term.key, []).append(m.view_span)
        self._index: dict[str, tuple[list[int], list[int]]] = {}
        for key, found in spans.items():
            found = sorted(set(found))
            ends: list[int] = []
            for _, end in found:
                ends.append(max(end, ends[-1]) if ends else end)
            self._index[key] = ([start for start, _ in found], ends)

    def covers(self, keys: Iterable[str], span: tuple[int, int]) -> bool:
        """Whether an exception phrase among ``keys`` starts at or before and ends after."""
        for key in keys:
            entry = self._index.get(key)
            if entry is None:
                continue
            starts, ends = entry
            i = bisect.bisect_right(starts, span[0])
            if i and ends[i - 1] >= span[1]:
                return True
        return False


def _is_word_char(ch: str, *, leet: bool) -> bool:
    return ch.isalnum() or (leet and ch in "@$!|+")


def _bounded(match: str, text: str, start: int, end: int, *, leet: bool = False) -> bool:
    """Whether a literal match sits on word boundaries (as its match type requires)."""
    if start > 0 and _is_word_char(text[start - 1], leet=leet):
        return False
    if match == "prefix":
        return True
    return not (end < len(text) and text[end].isalnum())


def _form_ok(form: Form, original: str, span: tuple[int, int]) -> bool:
    """Upper case (a marking, not prose), and for banners also a banner's position."""
    if form == "any":
        return True
    written = original[span[0] : span[1]]
    if any(c.islower() for c in written) or not any(c.isupper() for c in written):
        return False
    if len(written) <= 8 and any(c in " .-" for c in written):
        return False  # "L.E.S." is an abbreviation; a banner acronym is written solid
    if form == "upper":
        return True
    before = original[: span[0]]
    after = original[span[1] :]
    if before.endswith("//") or after.startswith("//"):
        return True  # CUI//SP-PRVCY, SECRET//NOFORN
    line_start = before.rsplit("\n", 1)[-1].strip()
    if line_start == "" or all(c in _BANNER_BEFORE for c in line_start):
        return True  # the marking opens a line
    prev = before.rstrip()[-1:]
    nxt = after.lstrip()[:1]
    return prev in _BANNER_BEFORE and prev != "" and nxt in _BANNER_AFTER and nxt != ""


def _context_ok(term: Term, text: str, view_span: tuple[int, int]) -> bool:
    """Context words: ``near`` must be within the window, ``unless`` must not."""
    if term.near is None and term.unless is None:
        return True
    window = _window(text, view_span, term.window)
    if term.unless is not None and term.unless.search(window) is not None:
        return False
    return term.near is None or term.near.search(window) is not None


def _window(text: str, span: tuple[int, int], n: int) -> str:
    """The match with up to ``n`` words either side of it (words of up to 40 characters)."""
    reach = 40 * (n + 1)  # a bounded slice: the cost does not grow with the text
    before = text[max(0, span[0] - reach) : span[0]].split(" ")
    after = text[span[1] : span[1] + reach].split(" ")
    return " ".join(before[-(n + 1) :]) + text[span[0] : span[1]] + " ".join(after[: n + 1])


def _longest(matches: list[KeywordMatch]) -> list[KeywordMatch]:
    """One match per place: overlapping matches of the same group keep the longest."""
    matches.sort(key=lambda m: (m.span[0], -(m.span[1] - m.span[0])))
    kept: list[KeywordMatch] = []
    reach: dict[int, int] = {}  # per group: the furthest end kept so far
    for m in matches:
        if m.span[0] < reach.get(id(m.group), -1):
            continue  # inside (or across) a longer match of its group that starts earlier
        kept.append(m)
        reach[id(m.group)] = max(reach.get(id(m.group), -1), m.span[1])
    return kept


# ---------------------------------------------------------------------- compiling


def normalise_term(term: str) -> str:
    """A term as the words view reads it ("Pre-Decisional" → "pre decisional")."""
    plain = term.lower()
    if term.isascii() and _PLAIN_TERM.fullmatch(plain):
        return plain  # words of two or more letters, single spaces: the view changes none
    return words(term).text.strip(" ")


_PLAIN_TERM = re.compile(r"[a-z0-9]{2,}(?: [a-z0-9]{2,})*")


def compile_packs(packs: Iterable[tuple[str, Mapping[str, Any]]]) -> KeywordMatcher:
    """One matcher for ``(name, data)`` packs; :class:`ConfigError` names what is wrong."""
    groups: list[Group] = []
    for name, data in packs:
        groups.extend(pack_groups(name, data))
    return KeywordMatcher(groups)


def pack_groups(name: str, data: Mapping[str, Any]) -> list[Group]:
    """The groups of one pack, checked; :class:`ConfigError` names what is wrong, and
    its ``field`` where in the pack (a group, or a term of it) when it is one place."""
    if not isinstance(data, Mapping):
        raise ConfigError(f"keyword pack {name}: expected a mapping with `groups`", field=())
    _known(data, _PACK_KEYS, f"keyword pack {name}")
    outcome = data.get("outcome", "error")
    if outcome not in ("error", "warning"):
        raise ConfigError(
            f"keyword pack {name}: outcome {outcome!r} is not error or warning",
            field=("outcome",),
        )
    with _at("zones"):
        zones = frozenset(_strings(data.get("zones"), f"keyword pack {name}") or ZONES)
        unknown = zones - ZONES
        if unknown:
            raise ConfigError(
                f"keyword pack {name}: unknown zone(s) {sorted(unknown)}; known: {sorted(ZONES)}"
            )
    groups_data = data.get("groups")
    if not isinstance(groups_data, Mapping) or not groups_data:
        raise ConfigError(
            f"keyword pack {name}: `groups` must map group names to terms",
            field=("groups",) if "groups" in data else (),
        )
    with _at("window"):
        window = _window_size(data.get("window", 4), f"keyword pack {name}")
    groups: list[Group] = []
    for group_name, spec in groups_data.items():
        with _at("groups", group_name):
            groups.append(_group(name, str(group_name), spec, outcome, zones, window))
    return groups


def _group(
    name: str, group_name: str, spec: Any, outcome: Any, zones: frozenset[str], window: int
) -> Group:
    where = f"keyword pack {name}, group {group_name}"
    if not isinstance(spec, Mapping):
        raise ConfigError(f"{where}: expected a mapping with `any`")
    _known(spec, _GROUP_KEYS, where)
    group = Group(group_name, name, outcome, zones, spec.get("message"))
    defaults = {k: spec[k] for k in ("match", "form", "near", "unless", "except") if k in spec}
    defaults["window"] = spec.get("window", window)
    if not spec.get("any"):
        place = ("any",) if "any" in spec else None
        raise ConfigError(f"{where}: `any` lists no term", field=place)
    shape: _Shape | None = None  # of the string terms: the group's defaults
    for role in ("any", "all", "none"):
        items = spec.get(role) or []
        for index, item in enumerate(items if isinstance(items, list) else [items]):
            with _at(role, index) if isinstance(items, list) else _at(role):
                if isinstance(item, str):
                    shape = shape or _shape(defaults, where)
                    group.terms.extend(_terms(group, role, {"term": item}, shape, where))
                elif isinstance(item, Mapping):
                    _known(item, _TERM_KEYS, where)
                    merged = {**defaults, **item}
                    group.terms.extend(_terms(group, role, merged, _shape(merged, where), where))
                else:
                    raise ConfigError(f"{where}: a term is a string or a mapping, not {item!r}")
    return group


@contextlib.contextmanager
def _at(*field: str | int) -> Iterator[None]:
    """A :class:`ConfigError` raised within is placed at ``field``, or below it where
    the error already names a place (``_at`` blocks nest: the outer one is the prefix)."""
    try:
        yield
    except ConfigError as exc:
        exc.field = field if exc.field is None else (*field, *exc.field)
        raise


#: What a term's settings make of it: match type, form, window, near, unless, exceptions.
_Shape = tuple[MatchType, Form, int, Any, Any, tuple[str, ...]]


def _shape(spec: Mapping[str, Any], where: str) -> _Shape:
    match: MatchType = "pattern" if "pattern" in spec else spec.get("match", "word")
    if match not in MATCH_TYPES:
        raise ConfigError(f"{where}: match {match!r} is not one of {sorted(MATCH_TYPES)}")
    form = spec.get("form", "any")
    if form not in FORMS:
        raise ConfigError(f"{where}: form {form!r} is not one of {sorted(FORMS)}")
    window = _window_size(spec.get("window", 4), where)
    near = _word_list(spec.get("near"), where)
    unless = _word_list(spec.get("unless"), where)
    excepts = tuple(normalise_term(e) for e in _strings(spec.get("except"), where))
    return match, form, window, near, unless, excepts


def _terms(
    group: Group, role: Role, spec: Mapping[str, Any], shape: _Shape, where: str
) -> list[Term]:
    match, form, window, near, unless, excepts = shape
    if match == "pattern":
        pattern = spec.get("pattern") or spec.get("term")
        if not isinstance(pattern, str) or not pattern:
            raise ConfigError(f"{where}: a pattern term needs `pattern`")
        try:
            regex = compile_pattern(pattern)
        except ConfigError as exc:
            raise ConfigError(f"{where}: {exc.message}") from None
        return [Term(group, role, pattern, "pattern", form, near, unless, window, regex, excepts)]
    raw = spec.get("term")
    key = normalise_term(raw) if isinstance(raw, str) else ""
    if not key:
        raise ConfigError(f"{where}: a term needs non-empty `term` text")
    terms = [Term(group, role, key, match, form, near, unless, window, None, excepts)]
    # Exceptions are matched like terms, so they share the automaton pass.
    terms += [Term(group, "except", e, "word") for e in excepts if role == "any"]
    return terms


def _window_size(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 50:
        raise ConfigError(f"{where}: window {value!r} is not a number of words from 0 to 50")
    return value


def _strings(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ConfigError(f"{where}: expected a word or a list of words, not {value!r}")


def _word_list(value: Any, where: str) -> Any:
    """Context words as one pattern over the words view, or ``None``."""
    items = [normalise_term(w) for w in _strings(value, where)]
    items = [w for w in items if w]
    if not items:
        return None
    return _Words(r"(?<![^\W_])(?:" + "|".join(map(re.escape, items)) + r")(?![^\W_])")


class _Words:
    """Context words, compiled on first use: most runs never need a term's context
    (no post carries the term), and a pack holds a hundred lists or more."""

    __slots__ = ("_regex", "_source")

    def __init__(self, source: str) -> None:
        self._source = source
        self._regex: re.Pattern[str] | None = None

    def search(self, text: str) -> re.Match[str] | None:
        regex = self._regex
        if regex is None:  # escaped words only: it always compiles
            regex = self._regex = re.compile(self._source)
        return regex.search(text)


def _known(data: Mapping[str, Any], keys: frozenset[str], where: str) -> None:
    unknown = sorted(set(data) - keys)
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {unknown}; known: {sorted(keys)}")
