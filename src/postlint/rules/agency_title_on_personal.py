"""``agency-title-on-personal``: no City title used as authority on a personal account."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.context import LintContext
from postlint.models import Post
from postlint.rule import Rule
from postlint.text.disclosure import matchers
from postlint.violation import Violation


class AgencyTitleOnPersonal(Rule):
    """What it checks
    A post on a **personal** account does not invoke the author's City title or
    department as authority: "As Director of …", "As Public Information Officer for
    Syracuse DPW I can tell you …", "speaking as the City's …", "in my capacity as …",
    "on behalf of the Department of Public Works". The author's own roster title
    counts on its own ("As Public Information Officer, …"); a general title counts
    next to the City or a department, so "as director of my choir" is no hit. The
    finding points at the words.

    Why
    SMP-4e: employees speaking on personal accounts must not appear to speak for the
    City; SMP-5 refers to the State and local rules that forbid using an office for
    private ends. Official statements belong on the department's official account.

    Fails
    ```yaml
    text: As Public Information Officer for Syracuse DPW I can tell you the salt plan is a mess.
    ```

    Passes
    ```yaml
    text: I work for DPW; views are my own. The salt plan worries me.
    ```

    Configure
    `titles` and `authority_patterns` in `rules/<policy>/disclosure.yaml`; department
    names from the same pack and `city.departments` / `city.department_aliases`.
    """

    slug = "agency-title-on-personal"
    summary = "Personal post invokes the author's City title or department as authority"
    severity = "error"
    target = "post"
    clauses = ("SMP-4e", "SMP-5")
    scope = frozenset({"personal"})

    def check(self, target: Post, ctx: LintContext) -> Iterator[Violation]:
        account = ctx.account_of(target)
        owner = ctx.person(account.owner) if account is not None else None
        found = matchers(ctx, owner).authority(target.text)
        if found is None:
            return
        yield self.violation(
            target,
            f"{found.text.strip()!r} invokes a City title or department as authority on a"
            " personal account; speak for yourself here, and post official statements on"
            " the department's official account",
            field="text",
            span=(found.start, found.end),
        )
