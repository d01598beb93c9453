"""Example postlint plugin: ``platform-length``, a post must fit its platform."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from postlint import LintContext, Post, Rule, Violation, hookimpl

#: Characters allowed per platform, and how links are counted (None = as written).
LIMITS: dict[str, tuple[int, int | None]] = {
    "x": (280, 23),
    "twitter": (280, 23),
    "bluesky": (300, None),
    "threads": (500, None),
    "mastodon": (500, 23),
    "instagram": (2200, None),
    "linkedin": (3000, None),
    "facebook": (63206, None),
}
_URL = re.compile(r"https?://\S+")


def weighted_length(text: str, link_weight: int | None) -> int:
    """Length as the platform counts it: grapheme-ish, links at a fixed weight."""
    if link_weight is not None:
        text = _URL.sub("x" * link_weight, text)
    if text.isascii():  # the common case: one character each, no marks to join
        return len(text)
    # Combining marks and variation selectors join the character before them.
    return sum(1 for ch in text if not unicodedata.combining(ch) and ch not in "\ufe0f\u200d")


class PlatformLength(Rule):
    """What it checks
    The post's text fits the character limit of the platform it is posted on.

    Why
    A post cut off by the platform says something other than what was approved.

    Fails
    A 300-character post on an X account.

    Passes
    The same text on Facebook, or shortened to 280 characters for X.

    Configure
    `rules.platform-length.limits: {x: 280}` overrides a platform's limit.
    """

    slug = "platform-length"
    summary = "Post text is longer than its platform allows"
    severity = "warning"
    target = "post"
    clauses = ()

    def check(self, target: Post, ctx: LintContext) -> Iterator[Violation]:
        account = ctx.account_of(target)
        platform = (target.platform or (account.platform if account else None) or "").lower()
        limit, link_weight = LIMITS.get(platform, (0, None))
        limit = int(ctx.rule_options(self.slug).get("limits", {}).get(platform, limit))
        if not limit:
            return
        length = weighted_length(target.text, link_weight)
        if length > limit:
            yield self.violation(
                target,
                f"text is {length} characters as {platform} counts them; the limit is {limit}",
                field="text",
            )


@hookimpl
def postlint_rules() -> list[type[Rule]]:
    """This plugin's rules."""
    return [PlatformLength]
