"""``no-scheduler``: the account is connected to an approved content scheduling application."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.context import LintContext
from postlint.models import Account
from postlint.rule import Rule
from postlint.text.apps import app_catalogue
from postlint.violation import Violation


class NoScheduler(Rule):
    """What it checks
    The account's `scheduler` is one of the approved content scheduling applications
    (`city.scheduling_apps`, compared without regard to case, spacing, punctuation or a
    company suffix, as `unscheduled-post` compares a post's `via`).
    A missing scheduler, a native platform app or an unapproved tool is a finding.

    Why
    SMP-8: the City strongly recommends scheduling applications to monitor and approve
    posts; frequent logins through the native apps put passwords at risk and leave
    messages unmanaged. A recommendation, so the finding is a warning.

    Fails
    ```yaml
    scheduler: Facebook for iPhone    # a native app
    # or no scheduler
    ```

    Passes
    ```yaml
    scheduler: Hootsuite              # in city.scheduling_apps
    ```

    Configure
    `city.scheduling_apps` lists the approved applications. The `apps` pack
    (`rules/<policy>/apps.yaml`, keys `schedulers` and `native`) only improves the
    message: it says whether the app is a native client or an unapproved scheduler.
    """

    slug = "no-scheduler"
    summary = "Account is not connected to an approved content scheduling application"
    severity = "warning"
    target = "account"
    clauses = ("SMP-8",)

    def check(self, target: Account, ctx: LintContext) -> Iterator[Violation]:
        apps = app_catalogue(ctx)
        choices = apps.choices
        scheduler = (target.scheduler or "").strip()
        if not scheduler:
            yield self.violation(
                target,
                f"no content scheduling application connected: set `scheduler` to an approved"
                f" one ({choices})",
                field="scheduler",
            )
            return
        kind = apps.kind(scheduler)
        if kind == "approved":
            return
        yield self.violation(
            target,
            f"scheduler {scheduler!r} is {_KINDS[kind]}; connect an approved scheduling application"
            f" ({choices})",
            field="scheduler",
        )


_KINDS = {
    "native": "a native platform app or client, which logs in to the platform directly",
    "scheduler": "a scheduling application, but not one the City approved",
    "unknown": "not an approved scheduling application",
}
