"""``moderation-gateway``: content is screened and logins go through a gateway."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.context import LintContext
from postlint.models import Account
from postlint.rule import Rule
from postlint.violation import Violation

# Values people write to say "there is none"; they are not a gateway.
_NONE_WORDS = frozenset({"", "none", "no", "false", "n/a", "na", "-", "native", "direct"})


class ModerationGateway(Rule):
    """What it checks
    Two technical controls of SMP-12f: content screening is on
    (`moderation.screening: true`) and every login is forced through a gateway
    (`security.login_gateway`: single sign-on or a content scheduling tool). Each
    missing control is its own finding.

    Why
    SMP-12f: provide content screening to moderate all posts, and force logins through
    a gateway, so that no one posts or logs in around the City's controls.

    Fails
    ```yaml
    security: {mfa: false}          # no login_gateway
    # no moderation block
    ```

    Passes
    ```yaml
    security: {login_gateway: Hootsuite}
    moderation: {screening: true, tool: Hootsuite}
    ```

    Configure
    Nothing to configure.
    """

    slug = "moderation-gateway"
    summary = "No content screening, or logins not forced through a gateway (SSO or scheduler)"
    severity = "error"
    target = "account"
    clauses = ("SMP-12f",)

    def check(self, target: Account, ctx: LintContext) -> Iterator[Violation]:
        moderation = target.moderation
        if moderation is None or moderation.screening is not True:
            yield self.violation(
                target,
                "no content screening on record: turn screening on and record it as"
                " `moderation.screening: true` (with the `tool` used)",
                field="moderation.screening" if moderation is not None else None,
            )
        gateway = target.security.login_gateway if target.security else None
        if gateway is None or gateway.strip().casefold() in _NONE_WORDS:
            yield self.violation(
                target,
                "logins are not forced through a gateway: set `security.login_gateway` to the"
                " single sign-on or scheduling tool every login goes through",
                field="security.login_gateway" if target.security else None,
            )
