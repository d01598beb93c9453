"""``unscheduled-post``: a published post went out through an approved scheduling app."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.context import LintContext
from postlint.models import Post
from postlint.rule import Rule
from postlint.text.apps import app_catalogue
from postlint.violation import Violation

#: What ``check`` returns for a clean post: an empty iterator, shared (it holds nothing).
_CLEAN: Iterator[Violation] = iter(())


class UnscheduledPost(Rule):
    """What it checks
    A published post records the app it was published with (`via`), and that app is one
    of the City's approved content scheduling applications (`city.scheduling_apps`).
    Names are compared without regard to case, spacing, punctuation or a company suffix
    ("Hootsuite Inc.", "SproutSocial"). The message says when `via` is a known native
    platform app or web client ("Twitter for iPhone", "Facebook for iPhone", "Twitter Web
    Client"), or a scheduling tool the City has not approved.

    Why
    SMP-8: the City strongly recommends content scheduling applications to monitor and
    approve posts; frequent logins through the native apps make compromised passwords
    and unmanaged messages more likely. A recommendation, so the finding is a warning.

    Fails
    ```yaml
    status: published
    via: Facebook for iPhone
    ```

    Passes
    ```yaml
    status: published
    via: Hootsuite
    ```

    Configure
    `city.scheduling_apps` lists the approved applications. The `apps` pack
    (`rules/<policy>/apps.yaml`: `schedulers`, `native`) names known apps for the
    message only.
    """

    slug = "unscheduled-post"
    summary = "Published post was not published through an approved content scheduling app"
    severity = "warning"
    target = "post"
    clauses = ("SMP-8",)

    def check(self, target: Post, ctx: LintContext) -> Iterator[Violation]:
        if target.status != "published":
            return _CLEAN
        via = target.via
        # An approved app's name has words, so such a `via` is not blank.
        if via and app_catalogue(ctx).kind(via.strip()) == "approved":
            return _CLEAN
        return self._judge(target, ctx)

    def _judge(self, target: Post, ctx: LintContext) -> Iterator[Violation]:
        """The post judged in full (its `via` is not surely an approved app)."""
        if target.status != "published":
            return
        apps = app_catalogue(ctx)
        choices = apps.choices
        via = (target.via or "").strip()
        if not via:
            yield self.violation(
                target,
                "published post does not record the app it was published with: set `via`"
                f" to the approved scheduling application used ({choices})",
                field="via",
            )
            return
        kind = apps.kind(via)
        if kind == "approved":
            return
        # Only a known app's name is quoted: `via` is free text and may hold anything.
        if kind == "native":
            what = f"published with {via!r}, a native platform app or web client"
        elif kind == "scheduler":
            what = f"published with {via!r}, a scheduling application the City has not approved"
        else:
            what = "`via` names an app that is not an approved scheduling application"
        yield self.violation(
            target,
            f"{what}: publish through an approved content scheduling application ({choices})",
            field="via",
        )
