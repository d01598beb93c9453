"""``untrained-author``: whoever posts for the City has current Social Media training."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from postlint.context import LintContext
from postlint.models import Post
from postlint.rule import Rule
from postlint.rules.unauthorized_author import judged_when, missing_roster, who
from postlint.violation import Violation


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
        if ctx.roster is None:
            yield missing_roster()
            return
        if not target.author:
            return  # unauthorized-author reports the missing author
        person = ctx.person(target.author)
        completed = person.training.completed if person and person.training else None
        problem: str | None
        if person is None:
            problem = "is not on the roster, so no Social Media training is on record"
        elif completed is None:
            problem = "has no completed Social Media training on record (`training.completed`)"
        else:
            problem = _stale(completed, ctx.judged_on(target), ctx.city.training_valid_days)
        if problem is not None:
            name, when = who(target.author, person), judged_when(target, ctx)
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
