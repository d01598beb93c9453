"""``unlogged-edit``: a published post changes only with a change-log entry (SMP-12d)."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.context import LintContext
from postlint.models import ChangeLogEntry, Post
from postlint.rule import Rule
from postlint.rules.unauthorized_author import missing_roster
from postlint.violation import Violation


def complete(entry: ChangeLogEntry) -> bool:
    """Whether a change-log entry says who, when and what."""
    return entry.at is not None and bool(entry.by) and bool((entry.summary or "").strip())


#: What ``check`` returns for a clean post: an empty iterator, shared (it holds nothing).
_CLEAN: Iterator[Violation] = iter(())


class UnloggedEdit(Rule):
    """What it checks
    A published post that was changed after publication (`edited_at` later than
    `published_at`) has a change-log entry in `edits` made at or after `edited_at`, and
    every entry of `edits` says who made the change (`by`, a roster id), when (`at`) and
    what changed (`summary`).

    Why
    SMP-12d: social media liaisons log any changes made to content as they would a
    public record. A published post is the record of SMP-1; an edit nobody logged
    rewrites that record silently.

    Fails
    ```yaml
    status: published
    published_at: 2026-11-23T09:00:00-05:00
    edited_at: 2026-11-23T10:12:00-05:00      # and no entry in `edits`
    ```

    Passes
    ```yaml
    edited_at: 2026-11-23T10:12:00-05:00
    edits:
      - at: 2026-11-23T10:12:00-05:00
        by: comms-specialist
        summary: Corrected the end date from Dec 5 to Dec 12
    ```
    No autofix: a published post changes only with a logged edit, which a person writes.

    Configure
    `roster:` is needed to check each entry's `by`.
    """

    slug = "unlogged-edit"
    summary = "Published post was changed after publication without a complete change-log entry"
    severity = "error"
    target = "post"
    clauses = ("SMP-12d",)

    def check(self, target: Post, ctx: LintContext) -> Iterator[Violation]:
        if target.status != "published" or (target.edited_at is None and not target.edits):
            return _CLEAN  # not a record yet, or never changed
        return self._judge(target, ctx)

    def _judge(self, target: Post, ctx: LintContext) -> Iterator[Violation]:
        """The post judged in full (it may have been changed, or has a change log)."""
        if target.status != "published":
            return
        yield from self._unlogged_change(target, ctx)
        for i, entry in enumerate(target.edits):
            yield from self._entry(target, i, entry, ctx)

    def _unlogged_change(self, target: Post, ctx: LintContext) -> Iterator[Violation]:
        """The last change after publication has no complete entry at or after it."""
        if target.edited_at is None:
            return
        edited = ctx.local(target.edited_at)
        published = target.published_at
        if published is not None and edited <= ctx.local(published):
            return  # changed before it went out: not yet a record
        logged = any(
            complete(e) and e.at is not None and ctx.local(e.at) >= edited for e in target.edits
        )
        if not logged:
            yield self.violation(
                target,
                f"the post was changed after publication (`edited_at`"
                f" {target.edited_at.isoformat()}) and no complete change-log entry covers"
                " that change: add an entry to `edits` with `at` (at or after `edited_at`),"
                " `by` (your roster id) and `summary` (what changed)",
                field="edited_at",
            )

    def _entry(
        self, target: Post, i: int, entry: ChangeLogEntry, ctx: LintContext
    ) -> Iterator[Violation]:
        """An entry missing who, when or what, or made by someone not on the roster."""
        missing = [
            name
            for name, present in (
                ("`at` (when)", entry.at is not None),
                ("`by` (who)", bool(entry.by)),
                ("`summary` (what changed)", bool((entry.summary or "").strip())),
            )
            if not present
        ]
        if missing:
            yield self.violation(
                target,
                f"change-log entry {i + 1} in `edits` lacks {' and '.join(missing)}: a logged"
                " change says who made it, when and what changed",
                field=f"edits[{i}]",
            )
        if not entry.by:
            return
        if ctx.roster is None:
            yield missing_roster()
        elif ctx.person(entry.by) is None:
            yield self.violation(
                target,
                f"change-log entry {i + 1} was made by {entry.by!r}, who is not on record in"
                " the roster: fix the id or add them to the roster",
                field=f"edits[{i}].by",
            )
