"""``media-consent``: people shown or quoted in a City post have consented (SMP-4d)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from postlint.context import LintContext
from postlint.models import Consent, Post
from postlint.rule import Rule
from postlint.violation import Violation

#: The consent kind that covers each media type (a `photo` consent covers images).
KIND_OF_MEDIA = {"image": "photo", "video": "video", "audio": "audio"}

#: What a post without media or quotes returns: an iterator that is already exhausted
#: (and stays so), shared, so such a post allocates nothing.
_NOTHING: Iterator[Violation] = iter(())


def same_subject(a: str, b: str) -> bool:
    """Names match regardless of case, curly apostrophes and runs of spaces."""
    return _name_key(a) == _name_key(b)


def _name_key(name: str) -> str:
    return " ".join(name.replace("\u2019", "'").casefold().split())


class MediaConsent(Rule):
    """What it checks
    Every photo, video or audio item that lists identifiable `people`, and every quote
    of another person, is covered by a consent of the register. For each person (or
    speaker), one of the item's `consent` ids must: be on record; name that person as
    its `subject`; be of the right kind (`photo` for images, `video`, `audio`,
    `quote`); be valid on the day the post is judged (published or scheduled day,
    today for drafts, City timezone; `obtained` on or before it, `expires` is the last
    valid day); cover the post's platform (`scope: all`, or a list naming it); and, for
    minors, carry guardian consent. Each way of failing is its own finding, naming the
    consent and the subject.

    Why
    SMP-4d: no photo, video or quote of a person is posted without their consent on
    record; for minors a guardian consents.

    Fails
    ```yaml
    media:
      - file: media/youth-league.jpg
        type: image
        people: [Youth basketball league players]
        consent: [CR-2025-002]      # expired 2026-06-01, minors without guardian consent
    ```

    Passes
    ```yaml
    media:
      - file: media/plow-salina.jpg
        type: image
        people: [DPW plow crew on Salina Street]
        consent: [CR-2026-014]      # photo, valid until 2027-11-01, scope [x, facebook]
    ```

    Configure
    `consents:` in the configuration names the register (default `consents.yaml`); a
    post with people or quotes and no register is a configuration finding. A consent's
    `purpose` is not compared: a person still reviews it.
    """

    slug = "media-consent"
    summary = "Media showing people, or a quote, lacks a valid consent on record"
    severity = "error"
    target = "post"
    clauses = ("SMP-4d",)

    def check(self, target: Post, ctx: LintContext) -> Iterator[Violation]:
        if not target.media and not target.quotes:
            return _NOTHING  # most posts: no generator, no allocation
        return self._check(target, ctx)

    def _check(self, target: Post, ctx: LintContext) -> Iterator[Violation]:
        needs = [(i, m) for i, m in enumerate(target.media) if m.people]
        if not needs and not target.quotes:
            return
        if ctx.consents is None:
            yield self.config_error(
                "no consent register is configured; set `consents:` in the configuration"
                " (e.g. consents.yaml) so photos, videos, audio and quotes can be checked"
            )
            return
        for i, media in needs:
            yield from self._item(
                target, ctx, f"media[{i}]", f"{media.type} {i + 1}",
                KIND_OF_MEDIA[media.type], media.people, media.consent, "people",
            )  # fmt: skip
        for i, quote in enumerate(target.quotes):
            yield from self._item(
                target, ctx, f"quotes[{i}]", f"quote {i + 1}",
                "quote", [quote.speaker], quote.consent, "speaker",
            )  # fmt: skip

    def _item(
        self,
        post: Post,
        ctx: LintContext,
        field: str,
        what: str,
        kind: str,
        subjects: Sequence[str],
        ids: Sequence[str],
        subjects_field: str,
    ) -> Iterator[Violation]:
        if not ids:
            yield self.violation(
                post,
                f"{what}: no consent on record for {_names(subjects)}; add the consent id"
                " from the register under `consent`, or remove the item",
                field=f"{field}.{subjects_field}",
            )
            return
        known: list[Consent] = []
        for consent_id in ids:
            consent = ctx.consent(consent_id)
            if consent is None:
                yield self.violation(
                    post,
                    f"{what}: consent {consent_id!r} is not on record in the consent register;"
                    " fix the id or add the consent to the register",
                    field=f"{field}.consent",
                )
            else:
                known.append(consent)
        if not known:
            return
        day = ctx.judged_on(post)
        platform = _platform(post, ctx)
        for subject in subjects:
            named = [c for c in known if same_subject(c.subject, subject)]
            if not named:
                listed = ", ".join(c.id for c in known)
                yield self.violation(
                    post,
                    f"{what}: no listed consent ({listed}) is from {subject!r}; each consent"
                    " names its subject, add the consent given by this person",
                    field=f"{field}.consent",
                )
                continue
            problems = [(c, _problems(c, kind, day, platform)) for c in named]
            if any(not p for _, p in problems):
                continue
            for consent, found in problems:
                for problem in found:
                    yield self.violation(
                        post,
                        f"{what}: consent {consent.id!r} for {subject!r} {problem}",
                        field=f"{field}.consent",
                    )


def _names(subjects: Sequence[str]) -> str:
    return ", ".join(repr(s) for s in subjects)


def _platform(post: Post, ctx: LintContext) -> str | None:
    if post.platform:
        return post.platform
    account = ctx.account_of(post)
    return account.platform if account is not None else None


def _problems(consent: Consent, kind: str, day: dt.date, platform: str | None) -> list[str]:
    """Why ``consent`` does not cover this use (empty when it does)."""
    out: list[str] = []
    if consent.kind != kind:
        out.append(f"is a {consent.kind} consent, not a {kind} consent; get a {kind} consent")
    if consent.obtained is not None and consent.obtained > day:
        out.append(
            f"was obtained on {consent.obtained}, after the post's day {day}; it does not"
            " cover an earlier post"
        )
    if consent.expires is not None and consent.expires < day:
        out.append(
            f"expired: its last valid day was {consent.expires}, the post is judged on"
            f" {day}; renew the consent or remove the item"
        )
    if consent.scope != "all":
        allowed = {p.casefold() for p in consent.scope}
        if platform is None:
            out.append(
                f"covers only {', '.join(consent.scope)} and the post's platform is unknown;"
                " set `platform` on the post or its account"
            )
        elif platform.casefold() not in allowed:
            out.append(
                f"does not cover {platform} (scope: {', '.join(consent.scope) or 'none'});"
                " get consent for this platform or post elsewhere"
            )
    if consent.minors and not consent.guardian_consent:
        out.append("covers minors but has no guardian consent; obtain a guardian's consent")
    return out
