"""``account-approval``: the City administrator approved the account after an SMP-7 process."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.context import LintContext
from postlint.models import Account, Enablement
from postlint.rule import Rule
from postlint.rules.administrator_access import NO_ADMINISTRATOR
from postlint.violation import Violation


class AccountApproval(Rule):
    """What it checks
    An official account was approved by the City administrator (`approved_by` is the
    roster's `administrator`), and its enabling record (`enablement`) holds the three
    steps of SMP-7: the risk assessment date, the agency commissioner's approval (who
    and when) and the notification of the overseeing officer (who and when). Each
    missing piece is named.

    Why
    SMP-12a: accounts created on behalf of the City must be approved by the City
    administrator. SMP-7: enabling a social media tool follows a process with a risk
    assessment, approved by the commissioner, with notice to the overseeing officer.

    Fails
    ```yaml
    approved_by: parks-intern          # not the City administrator
    # no enablement record
    ```

    Passes
    ```yaml
    approved_by: comms-director        # people.yaml: administrator: comms-director
    enablement:
      risk_assessment: 2024-02-12
      commissioner_approval: {by: DPW Commissioner, at: 2024-02-20}
      notified: {officer: Chief Information Officer, at: 2024-02-21}
    ```

    Configure
    Needs the roster (`roster:` in the configuration) with its `administrator`; without
    it the rule reports a configuration finding once and judges only the enabling record.
    """

    slug = "account-approval"
    summary = (
        "Account not approved by the City administrator, or its SMP-7 enabling record is incomplete"
    )
    severity = "error"
    target = "account"
    clauses = ("SMP-12a", "SMP-7")

    def check(self, target: Account, ctx: LintContext) -> Iterator[Violation]:
        administrator = ctx.administrator
        if administrator is None:
            yield self.config_error(NO_ADMINISTRATOR)
        elif not target.approved_by:
            yield self.violation(
                target,
                f"no approval on record: the City administrator ({administrator}) must approve"
                " the account (set `approved_by` and `approved_at`)",
                field="approved_by",
            )
        elif target.approved_by != administrator:
            yield self.violation(
                target,
                f"approved by {target.approved_by!r}, who is not the City administrator"
                f" ({administrator}); the administrator must approve the account",
                field="approved_by",
            )
        missing = missing_steps(target.enablement)
        if missing:
            field = "enablement" if target.enablement is not None else None
            yield self.violation(
                target,
                "the enabling record (SMP-7) lacks " + "; ".join(missing),
                field=field,
            )


def missing_steps(record: Enablement | None) -> list[str]:
    """Each SMP-7 step the enabling record does not show, with the field to add."""
    if record is None:
        return [
            "the risk assessment (`enablement.risk_assessment`)",
            "the commissioner's approval (`enablement.commissioner_approval`: by, at)",
            "the notification of the overseeing officer (`enablement.notified`: officer, at)",
        ]
    missing: list[str] = []
    if record.risk_assessment is None:
        missing.append("the risk assessment (`enablement.risk_assessment`: a date)")
    approval = record.commissioner_approval
    gaps = [] if approval is None else [n for n in ("by", "at") if not getattr(approval, n)]
    if approval is None or gaps:
        what = "by, at" if approval is None else ", ".join(gaps)
        missing.append(f"the commissioner's approval (`enablement.commissioner_approval`: {what})")
    notice = record.notified
    gaps = [] if notice is None else [n for n in ("officer", "at") if not getattr(notice, n)]
    if notice is None or gaps:
        what = "officer, at" if notice is None else ", ".join(gaps)
        missing.append(
            f"the notification of the overseeing officer (`enablement.notified`: {what})"
        )
    return missing
