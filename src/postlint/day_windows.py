"""The City days on which a roster person's standing holds, and a cheap test of a post's day.

A person may post for the City up to ``authorized_until``; a training stays valid for
``city.training_valid_days``. Rules that judge a post on its City day (``judged_on``) keep,
once per run, each person's window of such days, and pass a post whose written date lies
two days inside it without converting its time to the City's timezone: a City day is
never more than two days from the date a time is written with, as offsets are under 24
hours either way. A post near an edge of its window, or of someone not listed, is judged
in full.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Self

from postlint.context import LintContext
from postlint.models import Person, Post

_MARGIN = dt.timedelta(days=2)

#: ``(sure_first, sure_last, first, last)``: the City days ``first..last`` on which a
#: standing holds, and the written dates ``sure_first..sure_last`` of the times that
#: surely fall on one of those days.
DayWindow = tuple[dt.date, dt.date, dt.date, dt.date]


def day_window(first: dt.date, last: dt.date) -> DayWindow:
    """The window of the City days ``first..last`` (see :data:`DayWindow`)."""
    try:
        sure_first = first + _MARGIN if first > dt.date.min else first
        sure_last = last - _MARGIN if last < dt.date.max else last
    except OverflowError:  # a window at the very edge of the calendar: never sure
        sure_first, sure_last = dt.date.max, dt.date.min
    return (sure_first, sure_last, first, last)


#: Every day (Communications, an authorization without a last day).
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


class DayWindows:
    """Each roster person's :data:`DayWindow` of one standing, built once per run.

    A subclass names its ``key`` in ``LintContext.cache`` and says, in
    :meth:`window_of`, a person's window (``None``: the standing never holds, so their
    posts are judged in full). Without a roster nobody is listed.
    """

    __slots__ = ("config", "roster", "windows")
    key: ClassVar[str]

    def __init__(self, ctx: LintContext) -> None:
        self.config = ctx.config
        self.roster = roster = ctx.roster
        self.windows: dict[str, DayWindow] = {}
        for person in roster.people if roster is not None else ():
            if person.id in self.windows or ctx.person(person.id) is not person:
                continue  # the first entry of a repeated id is the one on record
            window = self.window_of(person, ctx)
            if window is not None:
                self.windows[person.id] = window

    @staticmethod
    def window_of(person: Person, ctx: LintContext) -> DayWindow | None:
        """The days ``person``'s standing holds on (``None``: never)."""
        raise NotImplementedError

    @classmethod
    def of(cls, ctx: LintContext) -> Self:
        """The run's windows (rebuilt if the context's roster or configuration changed)."""
        found: Self | None = ctx.cache.get(cls.key)
        if found is None or found.roster is not ctx.roster or found.config is not ctx.config:
            found = ctx.cache[cls.key] = cls(ctx)
        return found


def person_window(kind: type[DayWindows], ctx: LintContext, person_id: str) -> DayWindow | None:
    """The window of ``person_id``'s standing ``kind`` (``None``: not listed)."""
    found = ctx.cache.get(kind.key)  # kind.of(ctx), inlined: this runs once a post
    if found is None or found.roster is not ctx.roster or found.config is not ctx.config:
        found = kind.of(ctx)
    return found.windows.get(person_id)


def surely_judged_within(
    kind: type[DayWindows], ctx: LintContext, person_id: str, post: Post
) -> bool:
    """Whether the standing ``kind`` of ``person_id`` surely holds on the day ``post`` is
    judged at (``LintContext.judged_on``); ``False`` means only "not sure"."""
    found = ctx.cache.get(kind.key)  # kind.of(ctx), inlined: this runs once a post
    if found is None or found.roster is not ctx.roster or found.config is not ctx.config:
        found = kind.of(ctx)
    window = found.windows.get(person_id)
    if window is None:
        return False
    if window is ALWAYS:
        return True
    # Post.publish_time, without the property's call
    status = post.status
    if status == "published":
        moment = post.published_at or post.scheduled_at
    elif status == "scheduled":
        moment = post.scheduled_at or post.published_at
    else:
        moment = None
    if moment is None:
        return window[2] <= ctx.today <= window[3]
    return window[0] <= moment.date() <= window[1]
