"""``unapproved-post``: a scheduled or published post was approved by someone else first."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.context import LintContext
from postlint.day_windows import ALWAYS, person_window, surely_judged_within
from postlint.models import Post
from postlint.rule import Rule
from postlint.rules.unauthorized_author import (
    AuthorityWindows,
    authority_problem,
    missing_roster,
    who,
)
from postlint.violation import Violation

#: What ``check`` returns for a clean post: an empty iterator, shared (it holds nothing).
_CLEAN: Iterator[Violation] = iter(())


class UnapprovedPost(Rule):
    """What it checks
    A scheduled or published post names its approver (`approved_by`), who is on the
    roster, may post for the City on the day of the approval (a Communications member,
    or authorized and not past `authorized_until`), and is not the post's own author;
    and the approval (`approved_at`) came no later than the publication (or scheduled)
    time. Drafts are not judged: they are not yet out.

    Why
    SMP-8: the City uses content scheduling applications to monitor and approve social
    media posts before they go out. A post approved only by its author, or approved
    after it was published, was not approved.

    Fails
    ```yaml
    status: published
    author: dpw-liaison
    approved_by: dpw-liaison                 # its own author
    ```

    Passes
    ```yaml
    status: published
    author: dpw-liaison
    approved_by: comms-specialist
    approved_at: 2026-11-20T06:40:00-05:00
    published_at: 2026-11-20T07:00:00-05:00
    ```

    Configure
    `roster:` is required (approvers are looked up in it).
    """

    slug = "unapproved-post"
    summary = "Scheduled or published post has no valid approval by someone other than its author"
    severity = "error"
    target = "post"
    clauses = ("SMP-8",)

    def check(self, target: Post, ctx: LintContext) -> Iterator[Violation]:
        if target.status == "draft":
            return _CLEAN
        approver_id = target.approved_by
        if (
            approver_id
            and approver_id != target.author
            and _surely_approved(ctx, approver_id, target)
        ):
            return _CLEAN
        return self._judge(target, ctx)

    def _judge(self, target: Post, ctx: LintContext) -> Iterator[Violation]:
        """The post judged in full (its approval is not surely in order)."""
        if target.status == "draft":
            return
        if ctx.roster is None:
            yield missing_roster()
            return
        approver_id = target.approved_by
        if not approver_id:
            yield self.violation(
                target,
                f"{target.status} post has no approval on record: add `approved_by` (the"
                " roster id of the approver, not the author) and `approved_at`",
                field="approved_by",
            )
            return
        approver = ctx.person(approver_id)
        if approver is None:
            yield self.violation(
                target,
                f"approver {approver_id!r} is not on record in the roster: fix the id or"
                " have the post approved by someone on the roster",
                field="approved_by",
            )
        elif approver_id == target.author:
            yield self.violation(
                target,
                f"the post was approved only by its own author {who(approver_id, approver)}:"
                " have someone else on the roster approve it",
                field="approved_by",
            )
        else:
            day = ctx.day_of(target.approved_at) if target.approved_at else ctx.judged_on(target)
            problem = authority_problem(approver, day, ctx)
            if problem is not None:
                yield self.violation(
                    target,
                    f"approver {who(approver_id, approver)} {problem}, on the approval day"
                    f" {day.isoformat()}: only Communications or people it authorized approve"
                    " posts",
                    field="approved_by",
                )
        yield from self._late(target, ctx)

    def _late(self, target: Post, ctx: LintContext) -> Iterator[Violation]:
        """An approval given after the post went out (or after its scheduled time)."""
        moment = target.publish_time
        if target.approved_at is None or moment is None:
            return
        if ctx.local(target.approved_at) > ctx.local(moment):
            what = "published" if target.status == "published" else "scheduled"
            yield self.violation(
                target,
                f"approved at {target.approved_at.isoformat()}, after the post was {what}"
                f" ({moment.isoformat()}): a post is approved before it goes out",
                field="approved_at",
            )


def _surely_approved(ctx: LintContext, approver_id: str, post: Post) -> bool:
    """Whether ``approver_id``, not the author, surely approved a scheduled or published
    ``post`` on a day they could, and in time (``False``: not sure).

    Two aware times compare as :meth:`LintContext.local` reads them, and so do two naive
    ones (both read in the City's timezone compare by their wall clocks); a naive time
    against an aware one raises ``TypeError``, and is left to the full judgement.
    """
    approved = post.approved_at
    if approved is None:  # judged on the post's day, and no order to check
        return surely_judged_within(AuthorityWindows, ctx, approver_id, post)
    window = person_window(AuthorityWindows, ctx, approver_id)
    if window is None:
        return False
    if window is not ALWAYS and not window[0] <= approved.date() <= window[1]:
        return False  # not sure: see surely_within
    # Post.publish_time of a scheduled or published post, without the property's call
    if post.status == "published":
        moment = post.published_at or post.scheduled_at
    else:
        moment = post.scheduled_at or post.published_at
    if moment is None:
        return True
    try:
        return approved <= moment
    except TypeError:
        return False
