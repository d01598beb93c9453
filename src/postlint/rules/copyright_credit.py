"""``copyright-credit``: media the City did not make carries its credit or licence."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.context import LintContext
from postlint.models import Post
from postlint.rule import Rule
from postlint.violation import Violation

#: What a post without media returns: an iterator that is already exhausted (and stays
#: so), shared, so such a post allocates nothing.
_NOTHING: Iterator[Violation] = iter(())


class CopyrightCredit(Rule):
    """What it checks
    Every media item with `source: third-party` (a photo, video or audio item the City
    did not make) names its `credit` or its `license`.

    Why
    SMP-4a: posts follow all policies and procedures, copyright among them. Media made
    by others is used with permission or under a licence, and the post says whose it is.

    Fails
    ```yaml
    media:
      - url: https://example.org/stock/park-sunset.jpg
        source: third-party               # no credit, no license
    ```

    Passes
    ```yaml
    media:
      - url: https://images.example.org/downtown.jpg
        source: third-party
        credit: Photo by Downtown Committee of Syracuse, used with permission
    ```

    Configure
    Nothing to configure. Media without `source` is the City's own (`source: city`).
    """

    slug = "copyright-credit"
    summary = "Third-party media has no credit or licence"
    severity = "warning"
    target = "post"
    clauses = ("SMP-4a",)

    def check(self, target: Post, ctx: LintContext) -> Iterator[Violation]:
        if not target.media:
            return _NOTHING  # most posts: no generator, no allocation
        return self._media(target)

    def _media(self, target: Post) -> Iterator[Violation]:
        for i, item in enumerate(target.media):
            if item.source != "third-party":
                continue
            if (item.credit or "").strip() or (item.license or "").strip():
                continue
            yield self.violation(
                target,
                f"third-party {item.type} {i + 1} of `media` has no `credit` or `license`:"
                " credit its"
                ' maker ("Photo by …, used with permission") or name its licence',
                field=f"media[{i}].credit",
            )
