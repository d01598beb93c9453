"""``no-scheduler``: the account is connected to an approved content scheduling application."""

from __future__ import annotations

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
    (`city.scheduling_apps`, compared without regard to case). A missing scheduler, a
    native platform app or an unapproved tool is a finding.

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
    message for known native apps.
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
        if scheduler.casefold() in {a.casefold() for a in approved}:
            return
        kind = "a native platform app" if _is_native(scheduler, ctx) else "not an approved one"
        yield self.violation(
            target,
            f"scheduler {scheduler!r} is {kind}; connect an approved scheduling application"
            f" ({choices})",
            field="scheduler",
        )


def _is_native(app: str, ctx: LintContext) -> bool:
    """Whether the `apps` pack lists ``app`` as a native platform app (no pack: no)."""
    native = ctx.cached("no-scheduler:native", lambda: _native_names(ctx))
    folded = app.casefold()
    return any(name in folded for name in native)


def _native_names(ctx: LintContext) -> frozenset[str]:
    try:
        pack: Any = ctx.pack("apps")
    except ConfigError:
        return frozenset()
    names = pack.get("native", []) if isinstance(pack, dict) else []
    return frozenset(str(n).casefold() for n in names if isinstance(n, str) and n.strip())
