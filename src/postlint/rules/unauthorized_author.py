"""``unauthorized-author``: only Communications, or people it authorized, post (SMP-2)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator

from postlint.context import LintContext
from postlint.day_windows import (
    ALWAYS,
    DayWindow,
    DayWindows,
    day_window,
    surely_judged_within,
)
from postlint.models import Person, Post
from postlint.rule import Rule
from postlint.violation import Target, Violation

_DEPARTMENT_WORDS = re.compile(
    r"^(?:the\s+)?(?:department|office)\s+of\s+|\s+(?:department|office)$"
)


def missing_roster() -> Violation:
    """The one configuration finding of every rule that reads the roster.

    The same message from each of them, so the engine reports it once per run.
    """
    return Violation(
        rule="config-error",
        severity="error",
        message=(
            "no roster configured, so authors, training, approvals and change-log authors"
            " are not checked (unauthorized-author, untrained-author, unapproved-post,"
            " unlogged-edit): set `roster: people.yaml` in the configuration"
        ),
        target=Target(kind="file", id="<config>"),
    )


def who(person_id: str, person: Person | None) -> str:
    """How a message names someone on the roster: the id, and the name when known."""
    if person is not None and person.name and person.name != person_id:
        return f"{person_id!r} ({person.name})"
    return repr(person_id)


def judged_when(post: Post, ctx: LintContext) -> str:
    """The day a post is judged at, said the way a person reads it."""
    day = ctx.judged_on(post).isoformat()
    if post.status == "published":
        return f"on its publication day {day}"
    if post.status == "scheduled":
        return f"on its scheduled day {day}"
    return f"today {day} (a draft is judged on the day it is linted)"


@functools.lru_cache(maxsize=1024)  # a handful of department names, asked twice a post
def _department_key(name: str) -> str:
    """``"Office of Communications"`` and ``"communications department"`` compare equal."""
    folded = " ".join(name.casefold().split())
    return _DEPARTMENT_WORDS.sub("", folded)


def in_communications(person: Person, ctx: LintContext) -> bool:
    """Whether the person belongs to a department that posts without an authorization."""
    if not person.department:
        return False
    own = _department_key(person.department)
    return any(own == _department_key(d) for d in ctx.city.communications_departments)


def authority_problem(person: Person, day: dt.date, ctx: LintContext) -> str | None:
    """Why ``person`` may not post for the City on ``day`` (``None`` when they may).

    Members of Communications may; anyone else needs ``authorized: true``, and an
    ``authorized_until`` date is the last day that authorization holds.
    """
    if in_communications(person, ctx):
        return None
    department = person.department or "no department on record"
    if not person.authorized:
        return (
            f"is not in Communications ({department}) and is not authorized by the office"
            " (`authorized: true` in the roster)"
        )
    until = person.authorized_until
    if until is not None and day > until:
        return f"was authorized only until {until.isoformat()} (its last valid day)"
    return None


class AuthorityWindows(DayWindows):
    """The days each roster person may post for the City on: Communications always, an
    authorized person up to ``authorized_until``, anyone else never."""

    __slots__ = ()
    key = "unauthorized-author:windows"

    @staticmethod
    def window_of(person: Person, ctx: LintContext) -> DayWindow | None:
        if in_communications(person, ctx):
            return ALWAYS
        if not person.authorized:
            return None
        until = person.authorized_until
        return ALWAYS if until is None else day_window(dt.date.min, until)


#: What ``check`` returns for a clean post: an empty iterator, shared (it holds nothing).
_CLEAN: Iterator[Violation] = iter(())


class UnauthorizedAuthor(Rule):
    """What it checks
    The post's `author` is on the roster and may post for the City on the day the post
    is judged: a member of a Communications department (`city.communications_departments`),
    or someone the office authorized (`authorized: true`) whose `authorized_until` (the
    last valid day) has not passed. Published and scheduled posts are judged on their
    publication (or scheduled) day in the City's timezone, drafts on the day of the run.

    Why
    SMP-2: only the Communications and Marketing Department, or members authorized by
    the office, may post content on behalf of the City and its departments.

    Fails
    ```yaml
    author: parks-intern        # roster: department Parks, authorized: false
    ```

    Passes
    ```yaml
    author: dpw-liaison         # roster: authorized: true, authorized_until: 2027-06-30
    status: published
    published_at: 2026-11-20T07:00:00-05:00
    ```
    An authorization that ran out after the post was published does not make the post
    unauthorized.

    Configure
    `roster:` (the people file) is required; `city.communications_departments` names
    the departments that need no separate authorization.
    """

    slug = "unauthorized-author"
    summary = "Author is not on the roster, not in Communications or not authorized at publish time"
    severity = "error"
    target = "post"
    clauses = ("SMP-2",)

    def check(self, target: Post, ctx: LintContext) -> Iterator[Violation]:
        if target.author and surely_judged_within(AuthorityWindows, ctx, target.author, target):
            return _CLEAN
        return self._judge(target, ctx)

    def _judge(self, target: Post, ctx: LintContext) -> Iterator[Violation]:
        """The post judged in full (its author is not surely allowed to post that day)."""
        if ctx.roster is None:
            yield missing_roster()
            return
        if not target.author:
            yield self.violation(
                target,
                "the post names no `author`: add the roster id of the person who wrote it",
                field="author",
            )
            return
        person = ctx.person(target.author)
        if person is None:
            yield self.violation(
                target,
                f"author {target.author!r} is not on record in the roster: add them to the"
                " roster with their authorization, or fix the id",
                field="author",
            )
            return
        problem = authority_problem(person, ctx.judged_on(target), ctx)
        if problem is not None:
            yield self.violation(
                target,
                f"author {who(target.author, person)} {problem}, judged"
                f" {judged_when(target, ctx)}: only Communications or people it authorized"
                " may post for the City",
                field="author",
            )
