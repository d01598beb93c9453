"""``no-scheduler``: the account is connected to an approved content scheduling application."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from postlint.context import LintContext
from postlint.errors import ConfigError
from postlint.models import Account
from postlint.rule import Rule
from postlint.violation import Violation


class NoScheduler(Rule):
    """What it checks
    The account's `scheduler` is one of the approved content scheduling applications
    (`city.scheduling_apps`, compared without regard to case, spacing and punctuation).
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
        approved = ctx.city.scheduling_apps
        choices = ", ".join(approved) or "none configured in `city.scheduling_apps`"
        scheduler = (target.scheduler or "").strip()
        if not scheduler:
            yield self.violation(
                target,
                f"no content scheduling application connected: set `scheduler` to an approved"
                f" one ({choices})",
                field="scheduler",
            )
            return
        if _normal(scheduler) in {_normal(a) for a in approved}:
            return
        kind = _kind_of(scheduler, ctx)
        yield self.violation(
            target,
            f"scheduler {scheduler!r} is {kind}; connect an approved scheduling application"
            f" ({choices})",
            field="scheduler",
        )


def _kind_of(app: str, ctx: LintContext) -> str:
    """What an unapproved app is, by the `apps` pack (no pack: just "not approved")."""
    known = ctx.cached("no-scheduler:apps", lambda: _known_apps(ctx))
    name = _normal(app)
    if any(name.startswith(n) for n in known["native"]):
        return "a native platform app or client, which logs in to the platform directly"
    if any(name.startswith(n) for n in known["schedulers"]):
        return "a scheduling application, but not one the City approved"
    return "not an approved scheduling application"


def _known_apps(ctx: LintContext) -> dict[str, tuple[str, ...]]:
    try:
        pack: Any = ctx.pack("apps")
    except ConfigError:
        pack = {}
    if not isinstance(pack, dict):
        pack = {}
    return {
        key: tuple(_normal(n) for n in pack.get(key) or [] if isinstance(n, str) and _normal(n))
        for key in ("native", "schedulers")
    }


def _normal(name: str) -> str:
    """Case, spacing and punctuation do not matter ("Sprout-Social" is "sprout social")."""
    return " ".join(re.sub(r"[^\w]+", " ", name.casefold()).split())
