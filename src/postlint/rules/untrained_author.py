"""``untrained-author``: whoever posts for the City has current Social Media training."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from postlint.context import LintContext
from postlint.day_windows import DayWindow, DayWindows, day_window, surely_judged_within
from postlint.models import Person, Post
from postlint.rule import Rule
from postlint.rules.unauthorized_author import judged_when, missing_roster, who
from postlint.violation import Violation


class TrainingWindows(DayWindows):
    """The days each roster person's training covers: from its completion to
    ``city.training_valid_days`` later; nobody's without a completed training."""

    __slots__ = ()
    key = "untrained-author:windows"

    @staticmethod
    def window_of(person: Person, ctx: LintContext) -> DayWindow | None:
        completed = person.training.completed if person.training else None
        if completed is None:
            return None
        try:
            last = completed + dt.timedelta(days=ctx.city.training_valid_days)
        except OverflowError:
            last = dt.date.max
        return day_window(completed, last)


#: What ``check`` returns for a clean post: an empty iterator, shared (it holds nothing).
_CLEAN: Iterator[Violation] = iter(())


class UntrainedAuthor(Rule):
    """What it checks
    The post's author has a completed Social Media training on record
    (`training.completed` in the roster) that is current on the day the post is judged:
    completed on or before that day, and at most `city.training_valid_days` days before
    it. Published and scheduled posts are judged on their publication (or scheduled)
    day, drafts on the day of the run; a training completed after a post went out does
    not cover that post.

    Why
    SMP-10: authorized workforce members must be trained; every person approved to post
    completes the Social Media training of the Communications and Marketing department.

    Fails
    ```yaml
    author: parks-intern        # roster: no training on record
    ```

    Passes
    ```yaml
    author: dpw-liaison         # roster: training: {completed: 2026-04-15}
    published_at: 2026-11-20T07:00:00-05:00
    ```

    Configure
    `roster:` is required; `city.training_valid_days` (default 365) is how long a
    training stays valid.
    """

    slug = "untrained-author"
    summary = "Author has no current Social Media training on record at publish time"
    severity = "error"
    target = "post"
    clauses = ("SMP-10",)

    def check(self, target: Post, ctx: LintContext) -> Iterator[Violation]:
        if target.author and surely_judged_within(TrainingWindows, ctx, target.author, target):
            return _CLEAN
        return self._judge(target, ctx)

    def _judge(self, target: Post, ctx: LintContext) -> Iterator[Violation]:
        """The post judged in full (its author's training does not surely cover it)."""
        if ctx.roster is None:
            yield missing_roster()
            return
        author = target.author
        if not author:
            return  # unauthorized-author reports the missing author
        person = ctx.person(author)
        completed = person.training.completed if person and person.training else None
        problem: str | None
        if person is None:
            problem = "is not on the roster, so no Social Media training is on record"
        elif completed is None:
            problem = "has no completed Social Media training on record (`training.completed`)"
        else:
            problem = _stale(completed, ctx.judged_on(target), ctx.city.training_valid_days)
        if problem is not None:
            name, when = who(author, person), judged_when(target, ctx)
            yield self.violation(
                target,
                f"author {name} {problem}, judged {when}: complete the Communications"
                " Social Media training and record its date in the roster",
                field="author",
            )


def _stale(completed: dt.date, day: dt.date, valid_days: int) -> str | None:
    """Why a training completed on ``completed`` does not cover ``day`` (``None``: it does)."""
    if completed > day:
        return f"completed the training only on {completed.isoformat()}, after that day"
    age = (day - completed).days
    if age > valid_days:
        return (
            f"completed the training on {completed.isoformat()}, {age} days before; it is"
            f" valid for {valid_days} days (`city.training_valid_days`)"
        )
    return None
