"""``stale-backup``: the account's content was backed up recently."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.context import LintContext
from postlint.models import Account
from postlint.rule import Rule
from postlint.violation import Violation


class StaleBackup(Rule):
    """What it checks
    The account has a last backup on record (`backups.last`) and it is at most
    `city.backup_max_age_days` days old on the lint day (`--today`). A plain date is a
    whole day in the City's timezone; a time is read as the City day it falls on.

    Why
    SMP-12g: perform backups on a regular basis. A backup older than the agreed
    interval means the routine has stopped.

    Fails
    ```yaml
    backups: {last: 2025-01-05}      # with backup_max_age_days: 7, on 2026-11-25
    ```

    Passes
    ```yaml
    backups: {last: 2026-11-22}      # 3 days old on 2026-11-25
    ```

    Configure
    `city.backup_max_age_days` (default 30).
    """

    slug = "stale-backup"
    summary = "No backup on record, or the last backup is older than the configured maximum age"
    severity = "error"
    target = "account"
    clauses = ("SMP-12g",)

    def check(self, target: Account, ctx: LintContext) -> Iterator[Violation]:
        last = target.backups.last if target.backups else None
        if last is None:
            yield self.violation(
                target,
                "no backup on record: back the account up and record the date in `backups.last`",
                field="backups" if target.backups else None,
            )
            return
        day = ctx.day_of(last)
        age = (ctx.today - day).days
        limit = ctx.city.backup_max_age_days
        if age > limit:
            yield self.violation(
                target,
                f"the last backup ({day.isoformat()}) is {age} days old on"
                f" {ctx.today.isoformat()}; the maximum is {limit} days: back the account up"
                " and update `backups.last`",
                field="backups.last",
            )
        elif age < 0:
            yield self.violation(
                target,
                f"the last backup is dated {day.isoformat()}, after the lint day"
                f" {ctx.today.isoformat()}; correct `backups.last`",
                field="backups.last",
            )
