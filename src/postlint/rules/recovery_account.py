"""``recovery-account``: a non-privileged recovery login is kept for a malware incident."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.context import LintContext
from postlint.models import Account
from postlint.rule import Rule
from postlint.violation import Violation


class RecoveryAccount(Rule):
    """What it checks
    The account's `security.recovery_account` names a login (`handle`) and that login
    is not privileged (`privileged: false`, the default).

    Why
    SMP-12e: keep a non-privileged account to log in with in the event of a malware
    attack. A recovery login with admin rights is exactly what an attacker wants.

    Fails
    ```yaml
    security: {mfa: true}                                # no recovery login
    security: {recovery_account: {handle: parks-admin, privileged: true}}
    ```

    Passes
    ```yaml
    security:
      recovery_account: {handle: dpw-recovery, privileged: false}
    ```

    Configure
    Nothing to configure.
    """

    slug = "recovery-account"
    summary = "No non-privileged recovery login on record, or the recovery login is privileged"
    severity = "error"
    target = "account"
    clauses = ("SMP-12e",)

    def check(self, target: Account, ctx: LintContext) -> Iterator[Violation]:
        recovery = target.security.recovery_account if target.security else None
        if recovery is None or not (recovery.handle or "").strip():
            yield self.violation(
                target,
                "no non-privileged recovery login on record: add"
                " `security.recovery_account` with its `handle` (and `privileged: false`)",
                field="security.recovery_account"
                if recovery is not None
                else ("security" if target.security else None),
            )
        elif recovery.privileged:
            yield self.violation(
                target,
                "the recovery login is privileged; SMP-12e asks for a login without admin"
                " rights: use a non-privileged account",
                field="security.recovery_account.privileged",
            )
