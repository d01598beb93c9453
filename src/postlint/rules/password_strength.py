"""``password-strength``: a candidate password meets NIST SP 800-63B rev. 4 (SMP-12c).

The password is read from ``security.password`` (a ``SecretStr``) of an account built
in code or through the ``postlint password`` prompt; it is never printed, logged or put
in a message: every finding says *why* it is rejected, never what it is.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from postlint.context import LintContext
from postlint.errors import ConfigError
from postlint.models import Account
from postlint.rule import Rule
from postlint.violation import Violation

_WORD = re.compile(r"[^\W\d_]+")
_CAMEL = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+")
_EXAMPLE = re.compile(r'\s+like\s+"[^"]*"')


@dataclass(frozen=True)
class ContextWord:
    """A word a password must not be built from, and what it is (for the message)."""

    word: str
    what: str


class PasswordStrength(Rule):
    """What it checks
    A candidate password for an official account, given through the Python API (an
    `Account` built in code with `security.password`) or the no-echo prompt of
    `postlint password --account ID`, follows NIST SP 800-63B rev. 4: at least 15
    characters when it is the only factor, 8 with multi-factor authentication
    (`security.mfa: true`), counted in code points after NFKC normalisation and never
    truncated (64 characters and more, and all of Unicode, are accepted); not on the
    blocklist of common and breached passwords (zxcvbn's list of 30,000 and the City's
    words in `rules/<policy>/passwords.yaml`); not built from the account's handle,
    department, platform or the City's name with digits, years, symbols, case changes
    or leetspeak ("Syracuse2026!", "S3cur1ty-DPW"); and not easy to guess (zxcvbn
    score 3 of 4 or more). There are no composition rules. Each reason is its own
    finding; no output ever shows the password.

    Why
    SMP-12c asks for strong passwords that follow the City's IT policy, and SMP-6 for
    the IT Department's precautions; NIST SP 800-63B is the federal reference for both.

    Fails
    ```python
    Account(id="parks-facebook", platform="facebook", department="Parks",
            security={"mfa": False, "password": "Parks2026#"})   # short, context word
    ```

    Passes
    ```python
    Account(id="parks-facebook", platform="facebook", department="Parks",
            security={"mfa": False, "password": "lantern gravel oboe quietly"})
    ```

    Configure
    Lengths, the score and the City's words in `rules/<policy>/passwords.yaml`. A
    password written in a file is never evaluated here: `plaintext-secret` reports it.
    """

    slug = "password-strength"
    summary = "Candidate account password is weak by NIST SP 800-63B rev. 4"
    severity = "error"
    target = "account"
    clauses = ("SMP-12c", "SMP-6")

    def check(self, target: Account, ctx: LintContext) -> Iterator[Violation]:
        # A password read from a file is plaintext-secret's finding, not ours.
        if target.origin is not None or target.security is None:
            return
        secret = target.security.password
        if secret is None:
            return
        pack: Mapping[str, Any] = ctx.pack("passwords")
        reasons = password_problems(
            secret.get_secret_value(),
            mfa=bool(target.security.mfa),
            context=context_words(target, ctx),
            pack=pack,
        )
        for reason in reasons:
            yield self.violation(
                target, f"the candidate password is rejected: {reason}", field="security.password"
            )


# ------------------------------------------------------------------------ evaluation


def password_problems(
    password: str, *, mfa: bool, context: Sequence[ContextWord], pack: Mapping[str, Any]
) -> list[str]:
    """Why ``password`` is rejected (empty when it is acceptable). Never quotes it."""
    messages: Mapping[str, str] = pack["messages"]
    normal = unicodedata.normalize("NFKC", password)
    folded = normal.casefold()
    leet = _leet_table(pack)
    found: list[str] = []

    minimum = int(pack["min_length_with_mfa"] if mfa else pack["min_length"])
    length = len(normal)  # code points, the whole password
    if length < minimum:
        factor = "with multi-factor authentication" if mfa else "as the only factor"
        found.append(messages["too_short"].format(length=length, minimum=minimum, factor=factor))

    city_words = [str(w).casefold() for w in pack.get("city_words") or []]
    if _blocklisted(folded, leet, city_words):
        found.append(messages["blocklisted"])

    source = _built_from_context(folded, leet, context)
    if source is not None:
        found.append(messages["context"].format(what=source))

    score, log10, warning = _estimate(normal, context, int(pack["estimator_max_chars"]))
    if score < int(pack["min_score"]):
        found.append(
            messages["weak"].format(
                score=score,
                log10=log10,
                minimum=pack["min_score"],
                warning=f": {warning.rstrip('.')}" if warning else "",
            )
        )
    return found


def _leet_table(pack: Mapping[str, Any]) -> dict[str, list[str]]:
    return {str(k): [str(x) for x in v] for k, v in (pack.get("leet") or {}).items()}


def _skeletons(folded: str, leet: Mapping[str, list[str]]) -> list[str]:
    """The password with look-alikes read as letters: one reading per choice (same length)."""
    variants = max((len(v) for v in leet.values()), default=1)
    out = []
    for choice in range(variants):
        out.append("".join(_read(c, leet, choice) for c in folded))
    return list(dict.fromkeys(out))


def _read(char: str, leet: Mapping[str, list[str]], choice: int) -> str:
    letters = leet.get(char)
    if not letters:
        return char
    return letters[min(choice, len(letters) - 1)]


@functools.cache
def _common_passwords() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


@functools.cache
def _common_words() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(w for words in FREQUENCY_LISTS.values() for w in words)


def _blocklisted(folded: str, leet: Mapping[str, list[str]], city_words: list[str]) -> bool:
    """The whole password (or its plain-letter reading) is a common or City password."""
    common = _common_passwords()
    city = {w.replace(" ", "") for w in city_words} | set(city_words)
    return any(s in common or s in city for s in [folded, *_skeletons(folded, leet)])


def _built_from_context(
    folded: str, leet: Mapping[str, list[str]], context: Sequence[ContextWord]
) -> str | None:
    """What the password is built from, when it is context words plus little else."""
    first: dict[str, ContextWord] = {}
    for item in context:
        if len(item.word) >= 3:
            first.setdefault(item.word, item)  # the first (most specific) source names it
    words = sorted(first.values(), key=lambda c: -len(c.word))
    for skeleton in [folded, *_skeletons(folded, leet)]:
        used = [False] * len(skeleton)
        sources: list[str] = []
        for item in words:
            start = skeleton.find(item.word)
            while start != -1:
                span = range(start, start + len(item.word))
                if not all(used[i] for i in span) and item.what not in sources:
                    sources.append(item.what)
                for i in span:
                    used[i] = True
                start = skeleton.find(item.word, start + len(item.word))
        if not sources:
            continue
        rest_original = "".join(c for c, u in zip(folded, used, strict=True) if not u)
        rest_read = "".join(c for c, u in zip(skeleton, used, strict=True) if not u)
        rest_letters = "".join(_WORD.findall(rest_read))
        if (
            not _WORD.search(rest_original)
            or len(rest_letters) < 4
            or rest_letters in _common_words()
        ):
            return " and ".join(sources[:2])
    return None


def _estimate(
    password: str, context: Sequence[ContextWord], max_chars: int
) -> tuple[int, int, str]:
    """zxcvbn's score, log10 of its guess count, and its warning (a fixed sentence)."""
    from zxcvbn import zxcvbn  # slow to import: only when a password is checked

    # A non-empty list every call: zxcvbn keeps the last non-empty list otherwise.
    inputs = [c.word for c in context] or ["city"]
    result = zxcvbn(password[:max_chars], user_inputs=inputs, max_length=max_chars)
    guesses = float(result.get("guesses", 1) or 1)
    warning = str((result.get("feedback") or {}).get("warning") or "")
    # Its warnings are fixed sentences; drop their quoted examples all the same.
    warning = _EXAMPLE.sub("", warning)
    return int(result["score"]), max(0, round(math.log10(guesses))), warning


# ------------------------------------------------------------------------ context


def context_words(account: Account, ctx: LintContext) -> list[ContextWord]:
    """Words of the account and the City a password must not be built from."""
    pack: Mapping[str, Any] = ctx.pack("passwords")
    ignore = {str(w).casefold() for w in pack.get("ignore_words") or []}
    out: list[ContextWord] = []

    def add(texts: Iterable[str | None], what: str) -> None:
        for text in texts:
            if not text:
                continue
            plain = text.lstrip("@#")
            out.append(ContextWord(re.sub(r"[\W_]+", "", plain.casefold()), what))
            for word in [*_WORD.findall(plain), *_CAMEL.findall(plain)]:
                if word.casefold() not in ignore:
                    out.append(ContextWord(word.casefold(), what))

    add([account.handle, account.name], "the account's handle")
    add([account.department, *_aliases(account.department, ctx)], "the department's name")
    add([account.platform], "the platform's name")
    add([ctx.city.name, *ctx.city.names], "the City's name")
    add([account.id], "the account's id")
    add([str(w) for w in pack.get("city_words") or []], "a City word")
    return [c for c in out if c.word]


def _aliases(department: str | None, ctx: LintContext) -> list[str]:
    if not department:
        return []
    found = list(ctx.city.department_aliases.get(department, []))
    try:
        pack = ctx.pack("disclosure")
    except ConfigError:  # another policy may have no disclosure pack
        return found
    return found + [str(a) for a in (pack.get("departments") or {}).get(department) or []]
