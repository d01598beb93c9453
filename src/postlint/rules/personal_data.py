"""``personal-data``: a post holds a private person's personal data (SMP-4b, SMP-11)."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.context import LintContext
from postlint.errors import ConfigError
from postlint.models import Post
from postlint.rule import Rule
from postlint.text.personal import PersonalDataHit, PersonalDataSettings, find_personal_data
from postlint.text.zones import post_zones
from postlint.violation import Violation

#: The built-in pack of the active policy: ``rules/<policy>/personal-data.yaml``.
PACK = "personal-data"

_ARTICLE = {"ITIN": "an", "private e-mail address": "a private"}
#: Where the settings built from the pack are kept for the run (``ctx.cache``).
_SETTINGS = "personal-data:settings"


class PersonalData(Rule):
    """What it checks
    The post text, media alt text, captions, credits and quoted words for personal data
    of a private person:

    - US Social Security numbers and ITINs that SSA could have issued (no area 000,
      666 or 9xx for an SSN, no group 00, no serial 0000, no published example);
    - payment card numbers (13–19 digits, issuer prefix, Luhn checksum);
    - bank routing numbers (ABA checksum) and account numbers next to banking words;
    - driver licence and passport numbers right after those words;
    - dates of birth next to "DOB", "date of birth", or "born" with a numeric date;
    - a private person's e-mail address: a non-City domain in a personal context ("her
      e-mail", "my personal address"), or a free-mail address offered for contact;
      City domains (`city.domains`) and organisations' role addresses (info@, press@)
      pass;
    - a phone number in a cell, home or personal context ("her cell", "text me") that
      is not a published City number (`city.phone_allowlist`, e.g. 311).

    Digits split by spaces, dots or dashes, fullwidth or other-script digits, and "o"/"l"
    written for 0/1 inside a number still count. Numbers that fail their checksum or
    validity rules, dates, ZIP codes, counts, and numbers inside links are no hits.
    The finding names the kind and shows only a masked value (the last four digits at
    most, or `j***@gmail.com`), in every output.

    Why
    SMP-4b forbids posting confidential information and SMP-11 requires protecting
    personal data; a resident's number or e-mail in a City post cannot be taken back.

    Fails
    ```markdown
    Call our coordinator on her cell at (315) 555-0142 or email jane.q.resident@gmail.com.
    ```
    ```markdown
    Refund issued to card 3782 822463 10005.
    ```

    Passes
    ```markdown
    Questions? Call 311 or email communications@syr.gov.
    ```
    ```markdown
    2,400 residents in ZIP 13202 got new bins on 11/21/2026.
    ```

    Configure
    `city.domains` and `city.phone_allowlist` in `postlint.yaml` (published City
    numbers and domains). Context words, free-mail domains and role addresses live in
    `rules/<policy>/personal-data.yaml` (its header documents each list).
    """

    slug = "personal-data"
    summary = "Post holds personal data of a private person (SSN, card, phone, e-mail…)"
    severity = "error"
    target = "post"
    clauses = ("SMP-4b", "SMP-11")
    scope = frozenset({"official", "personal"})

    def check(self, target: Post, ctx: LintContext) -> Iterator[Violation]:
        settings = ctx.cache.get(_SETTINGS)
        if settings is None:  # a pack that cannot be used raises: the engine reports it
            settings = ctx.cached(_SETTINGS, lambda: _settings(ctx))
        if target.media or target.quotes:
            for field_name, _zone, text in post_zones(target):
                yield from self._findings(target, field_name, find_personal_data(text, settings))
            return
        hits = find_personal_data(target.text, settings)  # the only zone there is
        if hits:
            yield from self._findings(target, "text", hits)

    def _findings(
        self, target: Post, field_name: str, hits: list[PersonalDataHit]
    ) -> Iterator[Violation]:
        for hit in hits:
            article = _ARTICLE.get(hit.kind, "a")
            kind = hit.kind.removeprefix("private ") if article == "a private" else hit.kind
            yield self.violation(
                target,
                f"{article} {kind} ({hit.masked}) is personal data (SMP-4b, SMP-11):"
                " remove it; point people to a City contact such as 311 instead",
                field=field_name,
                span=hit.span,
            )


def _settings(ctx: LintContext) -> PersonalDataSettings:
    pack = ctx.pack(PACK)
    if not isinstance(pack, dict):
        raise ConfigError(f"pack {PACK!r} must be a mapping")
    return PersonalDataSettings.build(
        pack, city_domains=ctx.city.domains, phone_allowlist=ctx.city.phone_allowlist
    )
