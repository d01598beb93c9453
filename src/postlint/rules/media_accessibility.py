"""``media-accessibility``: alt text, captions and readable hashtags (SMP-4a, ADA)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from postlint.context import LintContext
from postlint.errors import ConfigError
from postlint.models import Media, Post
from postlint.rule import Rule
from postlint.text.hashtags import HASHTAG, SplitSettings, camel_case
from postlint.text.patterns import compile_patterns
from postlint.violation import Edit, Fix, Violation

_NOT_LETTERS = re.compile(r"[\W\d_]+")
# Verdicts kept per distinct hashtag in a run (tags repeat: 27,221 uses of 11,266 tags
# in the tweets corpus).
_MAX_CACHED_TAGS = 1 << 16
_VERDICTS = "media-accessibility:hashtags"
#: What a post without findings returns: an iterator that is already exhausted (and stays
#: so), shared, so such a post allocates nothing.
_NOTHING: Iterator[Violation] = iter(())


class MediaAccessibility(Rule):
    """What it checks
    Every image has alt text that describes it (`alt`: not missing, empty, a placeholder
    such as "image" or "Photo 1", or a file name such as "IMG_4021.jpg"); every video has
    `captions`; and no hashtag in the text joins several words in lower case
    (`#parksbudget2027` rather than `#ParksBudget2027`). A hashtag counts as several
    words when word segmentation splits it into dictionary words with good confidence;
    single words (`#snow`), acronyms (`#NYC`) and CamelCase tags (`#SnowEmergency`) pass.

    Why
    SMP-4a: posts follow all policies, Federal ones included, and the ADA Title II web
    rule asks for accessible content. Screen readers read alt text and captions for
    people who cannot see or hear the media, and read a CamelCase hashtag word by word
    instead of as one long word.

    Fails
    ```yaml
    media:
      - file: media/youth-league.jpg      # no alt
      - file: media/plow.jpg
        alt: IMG_4021.jpg                  # a file name
    text: Draft parks budget #parksbudget2027
    ```

    Passes
    ```yaml
    media:
      - file: media/plow-salina.jpg
        alt: A City plow clearing snow on Salina Street at dawn
    text: Draft parks budget #ParksBudget2027
    ```
    Fix: a hashtag in a draft or scheduled post is rewritten in CamelCase
    (`#ParksBudget2027`); a published post is the record and is never rewritten.

    Configure
    The `accessibility` pack (`rules/<policy>/accessibility.yaml`) lists placeholder alt
    texts, file-name patterns, and how sure a hashtag split must be (acronym length,
    confidence, minimum name frequency).
    """

    slug = "media-accessibility"
    summary = (
        "Image without alt text, video without captions, or a multi-word hashtag not in CamelCase"
    )
    severity = "warning"
    target = "post"
    clauses = ("SMP-4a",)
    fixable = True

    def check(self, target: Post, ctx: LintContext) -> Iterator[Violation]:
        # Most posts have no media and no "#": they cost two attribute reads and a scan.
        found = self._media(target, ctx) if target.media else None
        text = target.text
        if "#" in text:
            verdicts: dict[str, str | None] = ctx.shared(_VERDICTS, _MAX_CACHED_TAGS)
            # Most tags pass: judge the bare tags first, and place them only if one fails.
            for tag in HASHTAG.findall(text):
                try:
                    better = verdicts[tag]
                except KeyError:
                    better = _verdict(tag, verdicts, ctx)
                if better is not None:
                    found = self._hashtags(target, verdicts, ctx, found)
                    break
        return iter(found) if found else _NOTHING

    def _media(self, target: Post, ctx: LintContext) -> list[Violation]:
        found: list[Violation] = []
        for i, item in enumerate(target.media):
            if item.type == "image":
                self._alt(target, i, item, ctx, found)
            elif item.type == "video" and not _has_captions(item):
                found.append(
                    self.violation(
                        target,
                        f"video {_position(i)} has no captions: add `captions` (a captions"
                        " file, the text, or true when they are burned in)",
                        field=f"media[{i}].captions",
                    )
                )
        return found

    def _alt(
        self, target: Post, i: int, item: Media, ctx: LintContext, found: list[Violation]
    ) -> None:
        alt = (item.alt or "").strip()
        if not alt:
            found.append(
                self.violation(
                    target,
                    f"image {_position(i)} has no alt text: describe what it shows in `alt`",
                    field=f"media[{i}].alt",
                )
            )
        elif _placeholder(alt, item, ctx):
            # The alt text is not quoted: a "file name" may carry anything.
            found.append(
                self.violation(
                    target,
                    f"the alt text of image {_position(i)} is a placeholder or a file name,"
                    " not a description: say what the image shows",
                    field=f"media[{i}].alt",
                )
            )

    def _hashtags(
        self,
        target: Post,
        verdicts: dict[str, str | None],
        ctx: LintContext,
        found: list[Violation] | None,
    ) -> list[Violation]:
        """``found`` and a finding for each multi-word hashtag not in CamelCase."""
        found = [] if found is None else found
        # Fixes never rewrite the record: only drafts and scheduled posts get one.
        may_fix = target.status in ("draft", "scheduled")
        for match in HASHTAG.finditer(target.text):
            try:
                better = verdicts[match.group(1)]
            except KeyError:  # the bounded cache was cleared since
                better = _verdict(match.group(1), verdicts, ctx)
            if better is None:
                continue
            tag = match.group()
            start, end = match.span()
            fix = None
            if may_fix:
                fix = Fix(
                    description=f"write {better} in CamelCase",
                    edits=(Edit(field="text", start=start, end=end, text=better),),
                )
            found.append(
                self.violation(
                    target,
                    f"hashtag {tag} runs several words together, which screen readers"
                    f" read as one word: capitalise each word, {better}",
                    field="text",
                    span=(start, end),
                    fix=fix,
                )
            )
        return found


def _verdict(tag: str, verdicts: dict[str, str | None], ctx: LintContext) -> str | None:
    """The CamelCase form of ``#tag`` when it joins several words, else ``None``.

    Judged on a miss of ``verdicts``, and kept there (a bounded cache the workers of a
    pool share): a pure function of the tag and the run's settings.
    """
    settings = ctx.cached(
        "media-accessibility:settings",
        lambda: SplitSettings.from_pack(_pack(ctx).get("hashtags")),
    )
    # A tag without letters ("#2027", "#_1") is not judged.
    better = camel_case("#" + tag, settings) if any(c.isalpha() for c in tag) else None
    verdicts[tag] = better
    return better


def _has_captions(item: Media) -> bool:
    captions = item.captions
    if isinstance(captions, str):
        return bool(captions.strip())
    return captions is True


def _position(i: int) -> str:
    """How a message names a media item: by its position, never by a value it holds."""
    return f"{i + 1} of `media`"


def _placeholder(alt: str, item: Media, ctx: LintContext) -> bool:
    """Alt text that names the kind of media or a file instead of describing it."""
    placeholders, file_names = ctx.cached("media-accessibility:alt", lambda: _alt_data(ctx))
    if _NOT_LETTERS.sub(" ", alt.casefold()).strip() in placeholders:
        return True
    if file_names is not None and file_names.search(alt) is not None:
        return True
    for ref in (item.file, item.url):
        if ref and alt.casefold() == ref.rstrip("/").rsplit("/", 1)[-1].casefold():
            return True
    return False


def _alt_data(ctx: LintContext) -> tuple[frozenset[str], Any]:
    pack = _pack(ctx)
    words = pack.get("alt_placeholders") or []
    placeholders = frozenset(
        _NOT_LETTERS.sub(" ", w.casefold()).strip() for w in words if isinstance(w, str)
    )
    # An alt text of only digits and punctuation folds to "": a placeholder too.
    placeholders |= {""}
    patterns = [p for p in pack.get("alt_file_names") or [] if isinstance(p, str)]
    return placeholders, compile_patterns(patterns, ignore_case=True) if patterns else None


def _pack(ctx: LintContext) -> dict[str, Any]:
    """The `accessibility` pack; a policy without one gets the built-in defaults."""
    try:
        data = ctx.pack("accessibility")
    except ConfigError as exc:
        if exc.field is not None:
            raise  # a setting that is wrong: reported at its line
        return {}
    return data if isinstance(data, dict) else {}
