"""Finding secrets in a file's text: by key name, by value shape, by entropy.

Used by ``plaintext-secret``. The patterns come from the ``secrets`` pack and run on the
linear-time engine. A :class:`SecretHit` holds the kind and the span of the value only:
the value itself is never copied out of the text, so nothing downstream can print it.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from postlint.text.patterns import compile_pattern, compile_patterns

# Where a value assigned to a key ends on its line: a YAML/TOML comment or a flow separator.
_COMMENT = re.compile(r"\s+#")
_HEX = re.compile(r"^[0-9a-fA-F]+$")
_MIXED = re.compile(r"(?=.*[A-Za-z])(?=.*[0-9])")
_SYMBOL = re.compile(r"[^\w\s]")
_DIGIT = re.compile(r"[0-9]")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True, slots=True)
class SecretHit:
    """A secret found in a text: what kind, under which key, and where its value is."""

    kind: str
    start: int
    end: int
    key: str | None = None

    def __repr__(self) -> str:  # the span is enough; the value is never kept
        return f"SecretHit(kind={self.kind!r}, start={self.start}, end={self.end})"


class SecretScanner:
    """Compiled patterns of a ``secrets`` pack; :meth:`scan` finds every hit in a text."""

    def __init__(self, pack: Mapping[str, Any]) -> None:
        words = "|".join(f"(?:{w})" for w in pack["key_words"])
        # A key at a line start (YAML, "- " items), after `{` or `,` (flow maps, JSON)
        # or after a space (prose), optionally quoted, then `:`, `=`, `=>` or " is ".
        self._keys = compile_pattern(
            r"(?m)(^[ \t]*(?:-[ \t]+)?|[{,][ \t]*|[ \t(])[\"']?"
            rf"([\w.-]*(?:{words})[\w.-]*)[\"']?[ \t]*(:|=>|=|[ \t]is\b)[ \t]*",
            ignore_case=True,
        )
        self._assign = compile_pattern(
            r"(?m)(^[ \t]*(?:-[ \t]+)?|[{,][ \t]*)[\"']?([\w.-]+)[\"']?[ \t]*(:|=)[ \t]*"
        )
        self._not_key = compile_pattern(pack["not_secret_key_suffix"], ignore_case=True)
        self._placeholder = compile_patterns(pack["placeholders"], ignore_case=True)
        self._shapes = [
            (str(s["kind"]), compile_pattern(str(s["pattern"]))) for s in pack["shapes"]
        ]
        entropy = pack["entropy"]
        self._token = compile_pattern(entropy["token"])
        self._not_entropy_key = compile_pattern(entropy["not_keys"], ignore_case=True)
        self._min_len = int(entropy["min_length"])
        self._min_bits = float(entropy["min_bits_per_char"])
        self._hex_len = int(entropy["hex_min_length"])
        self._hex_bits = float(entropy["hex_min_bits_per_char"])
        self._min_changes = float(entropy["min_class_changes_per_char"])

    def scan(self, text: str, structured: tuple[int, int] | None = None) -> list[SecretHit]:
        """Every secret in ``text``, in order, one hit per place.

        ``structured`` is the part of the text that is data (YAML, JSON, front matter):
        there a value with spaces (a passphrase) counts; in prose only a single
        password-like word after a key counts ("the password is …").
        """
        hits: list[SecretHit] = []
        for kind, pattern in self._shapes:
            hits.extend(SecretHit(kind, *m.span()) for m in pattern.finditer(text))
        hits.extend(self._by_key(text, structured))
        hits.extend(self._by_entropy(text, structured))
        return _first_per_place(hits)

    # ------------------------------------------------------------------ by key

    def _by_key(self, text: str, structured: tuple[int, int] | None) -> list[SecretHit]:
        out: list[SecretHit] = []
        for m, start, end in _assignments(self._keys, text):
            key, sep = m.group(2), m.group(3).strip()
            if self._not_key.search(key):
                continue
            in_data = _inside(start, structured) and sep != "is"
            span = _value_span(text, start, end, whole_line=in_data)
            if span is None:
                continue
            value = text[span[0] : span[1]]
            if self._placeholder.search(value):
                continue
            if not in_data and not _password_like(value):
                continue
            out.append(SecretHit(_kind_of_key(key), span[0], span[1], key))
        return out

    # ------------------------------------------------------------------ by entropy

    def _by_entropy(self, text: str, structured: tuple[int, int] | None) -> list[SecretHit]:
        out: list[SecretHit] = []
        for m, start, end in _assignments(self._assign, text):
            if not _inside(start, structured) or self._not_entropy_key.search(m.group(2)):
                continue
            span = _value_span(text, start, end, whole_line=True)
            if span is None:
                continue
            value = text[span[0] : span[1]]
            if self._high_entropy(value):
                out.append(SecretHit("high-entropy secret", span[0], span[1], m.group(2)))
        return out

    def _high_entropy(self, value: str) -> bool:
        if len(value) < self._min_len or not self._token.search(value):
            return False
        if _HEX.match(value):
            return len(value) >= self._hex_len and _bits_per_char(value) >= self._hex_bits
        # Words with dashes (slugs, ids like 2026-11-20-snow-emergency) are not keys.
        has_upper = any(c.isupper() for c in value)
        has_lower = any(c.islower() for c in value)
        return (
            has_upper
            and has_lower
            and _MIXED.search(value) is not None
            and _bits_per_char(value) >= self._min_bits
            and _class_changes(value) / len(value) >= self._min_changes
        )


#: How far past a key its value is read: no secret is longer (a PEM key is found by its
#: header). Bounding the window keeps a hostile one-line file linear, not quadratic.
_VALUE_WINDOW = 1024


def _assignments(pattern: Any, text: str) -> Iterator[tuple[Any, int, int]]:
    """Each `key:` match with the rest of its line (the value's start and line end).

    The pattern stops at the separator, so the other keys of a one-line JSON object or
    flow mapping are matched too. The "rest of the line" is read at most
    ``_VALUE_WINDOW`` characters far.
    """
    for m in pattern.finditer(text):
        start = m.end()
        limit = min(len(text), start + _VALUE_WINDOW)
        end = text.find("\n", start, limit)
        yield m, start, limit if end == -1 else end


def _kind_of_key(key: str) -> str:
    lowered = key.casefold()
    if "pass" in lowered or "pwd" in lowered:
        return "password"
    if "private" in lowered:
        return "private key"
    if "token" in lowered or "bearer" in lowered:
        return "token"
    if "key" in lowered:
        return "API key"
    return "secret"


def _inside(offset: int, region: tuple[int, int] | None) -> bool:
    return region is not None and region[0] <= offset < region[1]


def _value_span(text: str, start: int, end: int, *, whole_line: bool) -> tuple[int, int] | None:
    """The span of the value after a key: quoted, to the end of the line, or one word."""
    raw = text[start:end]
    if not raw:
        return None
    if raw[0] in "\"'":
        close = raw.find(raw[0], 1)
        if close == -1:
            return None
        return (start + 1, start + close) if close > 1 else None
    if whole_line:
        comment = _COMMENT.search(raw)
        cut = comment.start() if comment else len(raw)
        if _in_flow(text, start):  # `{mfa: false, password: x}`: a separator ends it
            cut = min([cut, *(raw.index(c) for c in ",}" if c in raw[:cut])])
        value = raw[:cut].rstrip()
    else:
        value = raw.split()[0] if raw.split() else ""
        value = value.rstrip(".,;:)\"'")
    if not value or value in ("|", ">", "|-", ">-", "{", "["):
        return None
    return (start, start + len(value))


def _in_flow(text: str, offset: int) -> bool:
    """Whether ``offset`` is inside a `{ … }` flow mapping on its line."""
    window = max(0, offset - _VALUE_WINDOW)
    line_start = text.rfind("\n", window, offset) + 1 or window
    before = text[line_start:offset]
    return before.count("{") > before.count("}")


def _password_like(value: str) -> bool:
    """A single word that looks like a password: long enough, letters mixed with more."""
    if len(value) < 6 or "://" in value or "@" in value[1:] or value[0] in "#@":
        return False
    classes = sum(bool(p.search(value)) for p in (_LETTER, _DIGIT, _SYMBOL))
    return classes >= 2 and _LETTER.search(value) is not None


def _bits_per_char(value: str) -> float:
    counts = Counter(value)
    total = len(value)
    return -sum(n / total * math.log2(n / total) for n in counts.values())


def _class_changes(value: str) -> int:
    """How often consecutive characters switch between upper, lower, digit and other."""

    def cls(c: str) -> int:
        return 0 if c.isupper() else 1 if c.islower() else 2 if c.isdigit() else 3

    return sum(cls(a) != cls(b) for a, b in itertools.pairwise(value))


def _first_per_place(hits: list[SecretHit]) -> list[SecretHit]:
    """Drop hits overlapping an earlier one (shapes come first: the most precise kind)."""
    kept: list[SecretHit] = []
    for hit in hits:
        if any(hit.start < k.end and k.start < hit.end for k in kept):
            continue
        kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


def structured_region(path: str, text: str) -> tuple[int, int] | None:
    """The part of a file that is data: all of a YAML/JSON/TOML file, a post's front matter."""
    lowered = path.casefold()
    if lowered.endswith((".yaml", ".yml", ".json", ".jsonl", ".ndjson", ".toml")):
        return (0, len(text))
    if text.startswith("---"):
        end = re.search(r"^---[ \t]*$", text[3:], flags=re.MULTILINE)
        if end is not None:
            return (0, 3 + end.start())
    return None
