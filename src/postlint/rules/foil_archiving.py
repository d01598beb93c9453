"""``foil-archiving``: the account's content is archived for Freedom of Information requests."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.context import LintContext
from postlint.models import Account
from postlint.rule import Rule
from postlint.violation import Violation


class FoilArchiving(Rule):
    """What it checks
    Archiving is on (`archiving.enabled: true`) and names the archiving system
    (`archiving.provider`). When `city.archiving_providers` lists the approved systems,
    the provider must be one of them (compared without regard to case).

    Why
    SMP-9: publicly vital content must be accessible for Freedom of Information (FOIL)
    requests, through archiving systems that are clear to everyone who posts.

    Fails
    ```yaml
    archiving: {enabled: false}
    # or no archiving block at all
    ```

    Passes
    ```yaml
    archiving: {enabled: true, provider: ArchiveSocial}
    ```

    Configure
    `city.archiving_providers`: the approved systems (empty accepts any named one).
    """

    slug = "foil-archiving"
    summary = "Account content is not archived for FOIL requests (no archiving system on record)"
    severity = "error"
    target = "account"
    clauses = ("SMP-9",)

    def check(self, target: Account, ctx: LintContext) -> Iterator[Violation]:
        archiving = target.archiving
        if archiving is None:
            yield self.violation(
                target,
                "no FOIL archiving on record: archive the account and record it as"
                " `archiving: {enabled: true, provider: <system>}`",
            )
            return
        if archiving.enabled is not True:
            yield self.violation(
                target,
                "archiving is not enabled: turn it on and set `archiving.enabled: true`",
                field="archiving.enabled" if archiving.enabled is not None else "archiving",
            )
        provider = (archiving.provider or "").strip()
        approved = ctx.city.archiving_providers
        if not provider:
            yield self.violation(
                target,
                "no archiving system named: set `archiving.provider`",
                field="archiving",
            )
        elif approved and provider.casefold() not in {p.casefold() for p in approved}:
            yield self.violation(
                target,
                f"archiving system {provider!r} is not an approved one"
                f" ({', '.join(approved)}); use an approved system or ask Communications to"
                " add it to `city.archiving_providers`",
                field="archiving.provider",
            )
