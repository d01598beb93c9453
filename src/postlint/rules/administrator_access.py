"""``administrator-access``: the City administrator is an admin of every official account."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.context import LintContext
from postlint.models import Account
from postlint.rule import Rule
from postlint.violation import Violation

#: What the account rules that need the City administrator say when none is on record.
NO_ADMINISTRATOR = (
    "no City administrator on record: set `roster:` in the configuration to a roster file"
    " with an `administrator:` id"
)


class AdministratorAccess(Rule):
    """What it checks
    The City administrator (the roster's `administrator`) is listed in the account's
    `admins`.

    Why
    SMP-12b: the City administrator is added on all departmental accounts, so the City
    keeps control of an account when staff leave or a login is lost.

    Fails
    ```yaml
    admins: [parks-intern]
    ```

    Passes
    ```yaml
    admins: [comms-director, dpw-liaison]   # comms-director is the administrator
    ```

    Configure
    Needs the roster (`roster:` in the configuration) with its `administrator`; without
    it the rule reports a configuration finding once.
    """

    slug = "administrator-access"
    summary = "The City administrator is not an admin of the account"
    severity = "error"
    target = "account"
    clauses = ("SMP-12b",)

    def check(self, target: Account, ctx: LintContext) -> Iterator[Violation]:
        administrator = ctx.administrator
        if administrator is None:
            yield self.config_error(NO_ADMINISTRATOR)
            return
        if administrator not in target.admins:
            yield self.violation(
                target,
                f"the City administrator ({administrator}) is not among the account's admins;"
                f" add {administrator} to `admins`",
                field="admins",
            )
