"""``unscheduled-post``: a published post went out through an approved scheduling app."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from postlint.context import LintContext
from postlint.errors import ConfigError
from postlint.models import Post
from postlint.rule import Rule
from postlint.violation import Violation

_TOKEN = re.compile(r"[0-9a-z]+")
# A company suffix is not part of an app's name: "Hootsuite Inc." is Hootsuite.
_COMPANY_SUFFIXES = frozenset({"inc", "llc", "ltd", "corp", "co", "gmbh", "plc", "sa"})

AppName = tuple[str, ...]


def app_tokens(name: str) -> AppName:
    """An app name as lower-case alphanumeric words, without a company suffix."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    tokens = _TOKEN.findall(folded)
    while len(tokens) > 1 and tokens[-1] in _COMPANY_SUFFIXES:
        tokens.pop()
    return tuple(tokens)


def app_matches(via: AppName, app: AppName) -> bool:
    """Whether ``via`` names ``app``: the same words, spaced or not, or more after them.

    "Sprout Social", "SproutSocial" and "Sprout Social Inc." name the same app, and
    "Twitter for iPhone" is a kind of "Twitter"; "Hootsuiteish" is not Hootsuite.
    """
    if not app:
        return False
    joined, wanted = "".join(via), "".join(app)
    if not joined.startswith(wanted):
        return False
    boundaries = {0}
    length = 0
    for token in via:
        length += len(token)
        boundaries.add(length)
    return len(wanted) in boundaries


def names_any(via: AppName, apps: Iterable[AppName]) -> bool:
    """Whether ``via`` names any of ``apps``."""
    return any(app_matches(via, app) for app in apps)


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
            return
        approved = ctx.city.scheduling_apps
        choices = ", ".join(approved) or "none configured in `city.scheduling_apps`"
        via = (target.via or "").strip()
        if not via:
            yield self.violation(
                target,
                "published post does not record the app it was published with: set `via`"
                f" to the approved scheduling application used ({choices})",
                field="via",
            )
            return
        tokens = app_tokens(via)
        known = ctx.cached("unscheduled-post:apps", lambda: _known_apps(ctx))
        if names_any(tokens, known["approved"]):
            return
        # Only a known app's name is quoted: `via` is free text and may hold anything.
        if names_any(tokens, known["native"]):
            what = f"published with {via!r}, a native platform app or web client"
        elif names_any(tokens, known["schedulers"]):
            what = f"published with {via!r}, a scheduling application the City has not approved"
        else:
            what = "`via` names an app that is not an approved scheduling application"
        yield self.violation(
            target,
            f"{what}: publish through an approved content scheduling application ({choices})",
            field="via",
        )


def _known_apps(ctx: LintContext) -> dict[str, tuple[AppName, ...]]:
    """Approved apps (configuration) and the `apps` pack's lists, as token tuples."""
    try:
        pack: Any = ctx.pack("apps")
    except ConfigError:
        pack = {}
    if not isinstance(pack, dict):
        pack = {}
    return {
        "approved": _names(ctx.city.scheduling_apps),
        "native": _names(pack.get("native")),
        "schedulers": _names(pack.get("schedulers")),
    }


def _names(values: Any) -> tuple[AppName, ...]:
    if not isinstance(values, list):
        return ()
    return tuple(t for t in (app_tokens(v) for v in values if isinstance(v, str)) if t)
