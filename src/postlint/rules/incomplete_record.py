"""``incomplete-record``: a published post carries what the SMP-1 record must hold."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from postlint.context import ALWAYS_AWARE, LintContext
from postlint.models import Post
from postlint.rule import Rule
from postlint.violation import Violation

_URL_IN_TEXT = re.compile(r"\bhttps?://[^\s<>\"')\]]+", re.IGNORECASE)


# scheme://[user@]host.tld[:port][/path?query#fragment], host labels of letters, digits
# and hyphens (IDN hosts in their Unicode form too).
_WELL_FORMED = re.compile(
    r"https?://(?:[^\s/?#@]*@)?[^\W_](?:[\w-]*[^\W_])?(?:\.[^\W_](?:[\w-]*[^\W_])?)+\.?"
    r"(?::\d{1,5})?(?:[/?#]\S*)?",
    re.IGNORECASE,
)


# The common shape, cheap to match: a lower-case scheme, an authority without spaces, and
# a path of printable ASCII. The address is well formed exactly when its authority is
# (each part of _WELL_FORMED before the path stops at the first "/", "?" or "#", and
# the path's [!-~] is within its \S), so only the authority is judged, once per host.
_common_shape = re.compile(r"https?://([^/?#\s]*)(?:[/?#][!-~]*)?").fullmatch


def well_formed_url(url: str) -> bool:
    """An absolute http(s) address with a host name."""
    url = url.strip()
    common = _common_shape(url)
    if common is not None:
        return _well_formed_authority(common[1])
    return _WELL_FORMED.fullmatch(url) is not None


@functools.lru_cache(maxsize=4096)  # hosts repeat across posts
def _well_formed_authority(authority: str) -> bool:
    return _WELL_FORMED.fullmatch("http://" + authority) is not None


#: What ``check`` returns for a clean post: an empty iterator, shared (it holds nothing).
_CLEAN: Iterator[Violation] = iter(())


class IncompleteRecord(Rule):
    """What it checks
    A published post holds the record SMP-1 asks for: its content (text), its time of
    publication with a UTC offset, and its URL; and every link it carries (in `links`
    or in the text) is a complete `http(s)://host/...` address.

    Why
    SMP-1 makes the Director keep a record of all posts, their content, time of
    publication and URLs; SMP-9 needs that record for Freedom of Information requests.
    A time without an offset is ambiguous twice a year, and a post without its URL
    cannot be found again.

    Fails
    ```yaml
    status: published
    published_at: 2026-11-21T16:05:00      # no offset, and no url
    ```

    Passes
    ```yaml
    status: published
    published_at: 2026-11-21T16:05:00-05:00
    url: https://x.com/SyracuseDPW/status/1991234567890123456
    ```

    Configure
    Nothing to configure; drafts and scheduled posts are not yet records.
    """

    slug = "incomplete-record"
    summary = "Published post lacks its text, a timezone-aware publication time or its URL"
    severity = "error"
    target = "post"
    clauses = ("SMP-1", "SMP-9")

    def check(self, target: Post, ctx: LintContext) -> Iterator[Violation]:
        if target.status != "published":
            return _CLEAN
        # The whole record in one test: text, a time with an offset, a good URL, no
        # links to judge; anything else is judged in full below.
        text, published, url = target.text, target.published_at, target.url
        if (
            text
            and not text.isspace()
            and published is not None
            and (type(published.tzinfo) in ALWAYS_AWARE or published.utcoffset() is not None)
            and url
            and (common := _common_shape(url.strip())) is not None  # well_formed_url, inlined
            and _well_formed_authority(common[1])
            and not target.links
            and "://" not in text
        ):
            return _CLEAN
        return self._judge(target, ctx)

    def _judge(self, target: Post, ctx: LintContext) -> Iterator[Violation]:
        """The post judged in full (its record is not surely complete)."""
        if target.status != "published":
            return
        if not target.text.strip():
            yield self.violation(target, "published post has no text on record", field="text")
        if target.published_at is None:
            yield self.violation(
                target,
                "published post has no `published_at` time on record",
                field="published_at",
            )
        elif target.published_at.utcoffset() is None:
            yield self.violation(
                target,
                "`published_at` has no UTC offset (write e.g. 2026-11-21T16:05:00-05:00);"
                f" it was read in {ctx.city.timezone}",
                field="published_at",
            )
        if not target.url:
            yield self.violation(target, "published post has no `url` on record", field="url")
        elif not well_formed_url(target.url):
            yield self.violation(target, "`url` is not a complete http(s) address", field="url")
        for i, link in enumerate(target.links):
            if not well_formed_url(link):
                yield self.violation(
                    target, f"link {i + 1} in `links` is not a complete http(s) address",
                    field=f"links[{i}]",
                )  # fmt: skip
        if "://" not in target.text:
            return
        for match in _URL_IN_TEXT.finditer(target.text):
            if not well_formed_url(match.group().rstrip(".,;:!?")):
                yield self.violation(
                    target,
                    "a link in the text is not a complete http(s) address",
                    field="text",
                    span=match.span(),
                )
