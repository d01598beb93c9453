"""``unauthorized-author``: only Communications, or people it authorized, post (SMP-2)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator

from postlint.context import LintContext
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


#: A City day is never more than two days from the calendar date a time is written with
#: (offsets are under 24 hours either way), so a window narrowed by two days at each end
#: holds every time whose written date falls in it, whatever its offset.
_MARGIN = dt.timedelta(days=2)

#: ``(sure_first, sure_last, first, last)``: the City days ``first..last`` on which a
#: person's standing holds, and the written dates ``sure_first..sure_last`` of the times
#: that surely fall on one of those days.
DayWindow = tuple[dt.date, dt.date, dt.date, dt.date]


def day_window(first: dt.date, last: dt.date) -> DayWindow:
    """The window of the City days ``first..last`` (see :data:`DayWindow`)."""
    try:
        sure_first = first + _MARGIN if first > dt.date.min else first
        sure_last = last - _MARGIN if last < dt.date.max else last
    except OverflowError:  # a window at the very edge of the calendar: never sure
        sure_first, sure_last = dt.date.max, dt.date.min
    return (sure_first, sure_last, first, last)


#: Every day: Communications, or an authorization without a last day.
ALWAYS = day_window(dt.date.min, dt.date.max)


def surely_within(window: DayWindow, moment: dt.datetime | None, today: dt.date) -> bool:
    """Whether the City day of ``moment`` (``today`` when ``None``) is surely in ``window``.

    ``False`` means only "not sure": the caller then judges the day exactly.
    """
    if window is ALWAYS:
        return True
    if moment is None:
        return window[2] <= today <= window[3]
    return window[0] <= moment.date() <= window[1]


def surely_judged_within(window: DayWindow, post: Post, today: dt.date) -> bool:
    """Whether the day ``post`` is judged at (:meth:`LintContext.judged_on`) is surely in
    ``window``; ``False`` means only "not sure"."""
    if window is ALWAYS:
        return True
    status = post.status
    if status == "published":
        moment = post.published_at or post.scheduled_at
    elif status == "scheduled":
        moment = post.scheduled_at or post.published_at
    else:
        return window[2] <= today <= window[3]
    if moment is None:
        return window[2] <= today <= window[3]
    return window[0] <= moment.date() <= window[1]


class AuthorityWindows:
    """The days each roster person may post for the City on, built once per run.

    Members of Communications may always; an authorized person up to
    ``authorized_until``; anyone else is not listed (their posts are judged in full).
    """

    __slots__ = ("config", "roster", "windows")

    def __init__(self, ctx: LintContext) -> None:
        self.config = ctx.config
        self.roster = roster = ctx.roster
        self.windows: dict[str, DayWindow] = {}
        for person in roster.people if roster is not None else ():
            if person.id in self.windows or ctx.person(person.id) is not person:
                continue  # the first entry of a repeated id is the one on record
            if in_communications(person, ctx):
                self.windows[person.id] = ALWAYS
            elif person.authorized:
                until = person.authorized_until
                self.windows[person.id] = (
                    ALWAYS if until is None else day_window(dt.date.min, until)
                )


_WINDOWS_KEY = "unauthorized-author:windows"


def authority_windows(ctx: LintContext) -> AuthorityWindows:
    """The run's :class:`AuthorityWindows` (its ``roster`` is ``None`` without a roster)."""
    found: AuthorityWindows | None = ctx.cache.get(_WINDOWS_KEY)
    if found is None or found.roster is not ctx.roster or found.config is not ctx.config:
        found = ctx.cache[_WINDOWS_KEY] = AuthorityWindows(ctx)
    return found


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
        windows = authority_windows(ctx)
        if windows.roster is not None and target.author:
            window = windows.windows.get(target.author)
            if window is not None and surely_judged_within(window, target, ctx.today):
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
