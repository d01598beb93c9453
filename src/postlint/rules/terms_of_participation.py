"""``terms-of-participation``: every official account displays Terms of Participation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from postlint.context import LintContext
from postlint.models import Account
from postlint.rule import Rule
from postlint.text.patterns import compile_patterns
from postlint.violation import Violation

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


class TermsOfParticipation(Rule):
    """What it checks
    An official account's `terms_of_participation` statement exists and covers the
    four elements of SMP-3: what users may post (SMP-3a), how comments are moderated
    and reviewed (SMP-3b), the consequences of breaking the terms (SMP-3c), and whom to
    contact with questions on the policy (SMP-3d). The wording is free: each element is
    recognised by the patterns of the `terms` pack ("This page is moderated", "comments
    that contain … will be removed", "we reserve the right to …", "users who … may be
    banned", "for questions about this policy contact …"). The finding names each
    missing element. A handful of keywords is no statement: fewer distinct words than
    the pack's `min_distinct_words` is a finding too.

    Why
    SMP-3 asks every City entity to display such a statement, so the public knows the
    rules of the conversation before it joins in.

    Fails
    ```yaml
    terms_of_participation: Be nice in the comments.
    ```

    Passes
    ```yaml
    terms_of_participation: |
      We welcome comments on topic; we do not allow threats, spam or harassment.
      Staff review comments and may hide or remove those that break these terms.
      Users who repeatedly violate them may be blocked.
      Questions: Office of Communications, communications@syr.gov.
    ```
    `python -m postlint terms --account ID` renders a statement that passes.

    Configure
    Add wordings to `rules/<policy>/terms.yaml` (`elements.<clause>.patterns`); the
    length floor is `min_distinct_words` there.
    """

    slug = "terms-of-participation"
    summary = "Official account lacks a Terms of Participation statement or one of its elements"
    severity = "error"
    target = "account"
    clauses = ("SMP-3", "SMP-3a", "SMP-3b", "SMP-3c", "SMP-3d")

    def check(self, target: Account, ctx: LintContext) -> Iterator[Violation]:
        statement = (target.terms_of_participation or "").strip()
        if not statement:
            yield self.violation(
                target,
                "no Terms of Participation statement (SMP-3): add `terms_of_participation`"
                " covering acceptable posts, moderation, consequences and a contact;"
                f" `postlint terms --account {target.id}` drafts one",
                field="terms_of_participation",
            )
            return
        missing = missing_elements(statement, ctx)
        problems = []
        if missing:
            problems.append("miss " + "; ".join(f"{name} ({clause})" for clause, name in missing))
        words = distinct_words(statement)
        needed = int(ctx.pack("terms").get("min_distinct_words", 0))
        if words < needed:
            problems.append(
                f"are too short to explain the four elements ({words} distinct words;"
                f" at least {needed} expected)"
            )
        if problems:
            yield self.violation(
                target,
                "Terms of Participation "
                + ", and ".join(problems)
                + f"; `postlint terms --account {target.id}` drafts a complete statement",
                field="terms_of_participation",
            )


def missing_elements(statement: str, ctx: LintContext) -> list[tuple[str, str]]:
    """(clause, name) of each SMP-3 element the statement does not cover."""
    elements = ctx.cached("terms:elements", lambda: _compile(ctx.pack("terms")))
    return [
        (clause, name)
        for clause, (name, pattern) in elements.items()
        if pattern.search(statement) is None
    ]


def distinct_words(statement: str) -> int:
    """How many different words (letters only, any case) the statement uses."""
    return len({w.casefold() for w in _WORD.findall(statement)})


def _compile(pack: Any) -> dict[str, tuple[str, Any]]:
    return {
        clause: (spec["name"], compile_patterns(spec["patterns"], ignore_case=True))
        for clause, spec in pack["elements"].items()
    }
