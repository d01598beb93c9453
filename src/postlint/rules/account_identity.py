"""``account-identity``: an official account's profile says whose account it is."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from postlint.context import LintContext
from postlint.models import Account
from postlint.rule import Rule
from postlint.text.patterns import compile_pattern, compile_patterns
from postlint.violation import Violation

_URL = re.compile(r"\b(?:https?://)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?:/\S*)?", re.IGNORECASE)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|[_.\-]+")


@dataclass(frozen=True)
class Identity:
    """What a profile discloses about whose account it is."""

    official: bool
    """It says it is official ("Official account of …"), outside redirects."""
    disclaimed: bool
    """It says it is not an official government account (personal, campaign, fan…)."""
    body: bool
    """It names the government body ("City of Syracuse")."""
    short_body: bool
    """It names the body by its short name only ("Syracuse")."""
    office: bool
    """Its name or bio names the department or office the account speaks for."""
    handle_office: bool
    """Its handle names the office ("@SyracuseDPW"): enough only beside "official"."""
    domain: bool
    """Its profile URL (or a link in the bio) is on one of the body's domains."""

    @property
    def discloses(self) -> bool:
        """Whether this is enough to tell readers it is the body's official account."""
        if self.disclaimed:
            return False
        named = self.office or self.handle_office
        if self.official and (self.body or self.domain or (self.short_body and named)):
            return True
        return (self.body or self.domain) and self.office


class IdentityRecogniser:
    """Classifies a profile's text against one government body and one office.

    Built from the `identity` pack's phrase lists plus the body's names, domains and
    the office's names, so the same logic serves the City and a calibration run on
    other governments' accounts.
    """

    def __init__(
        self,
        pack: Mapping[str, Any],
        *,
        bodies: Iterable[str],
        short_names: Iterable[str],
        domains: Iterable[str],
    ) -> None:
        self._official = compile_patterns(pack["official"], ignore_case=True)
        self._redirects = compile_patterns(pack["redirects"], ignore_case=True)
        self._disclaimers = compile_patterns(pack["disclaimers"], ignore_case=True)
        self._body = _literal_alternation(bodies, ignore_case=True)
        self._short = _literal_alternation(short_names, ignore_case=True)
        self._domains = tuple(d.lower().lstrip(".") for d in domains if d.strip())
        self._offices: dict[tuple[str, ...], Any] = {}

    def classify(
        self,
        *,
        name: str | None,
        bio: str | None,
        handle: str | None,
        url: str | None,
        offices: Iterable[str] | None,
    ) -> Identity:
        """The :class:`Identity` of a profile; ``offices=None`` means the whole body."""
        handle_words = _split_handle(handle or "")
        text = " | ".join(t for t in (name, bio, handle_words) if t)
        prose = " | ".join(t for t in (name, bio) if t)
        body = _found(self._body, prose)
        pattern = self._office_pattern(tuple(offices)) if offices is not None else None
        office = body if offices is None else _found(pattern, prose)
        official, redirected = self._says_official(prose)
        return Identity(
            official=official,
            # Sending readers to another official account, and claiming none here,
            # says this one is not it.
            disclaimed=_found(self._disclaimers, prose) or (redirected and not official),
            body=body,
            short_body=_found(self._short, text),
            office=office,
            handle_office=office or _found(pattern, handle_words),
            domain=self._on_domain(url, bio),
        )

    def _office_pattern(self, offices: tuple[str, ...]) -> Any:
        # Accounts of one department share the pattern: build it once.
        if offices not in self._offices:
            self._offices[offices] = _literal_alternation(offices, ignore_case=False)
        return self._offices[offices]

    def _says_official(self, prose: str) -> tuple[bool, bool]:
        """(says it is official outside redirects, has a redirect to another account)."""
        blanked = prose
        redirected = False
        for match in self._redirects.finditer(prose):
            start, end = match.span()
            blanked = blanked[:start] + " " * (end - start) + blanked[end:]
            redirected = True
        return bool(self._official.search(blanked)), redirected

    def _on_domain(self, url: str | None, bio: str | None) -> bool:
        hosts = [urlsplit(url if "//" in url else f"//{url}").hostname or ""] if url else []
        hosts += [m.group(1) for m in _URL.finditer(bio or "")]
        return any(
            host.lower() == d or host.lower().endswith("." + d)
            for host in hosts
            for d in self._domains
        )


class AccountIdentity(Rule):
    """What it checks
    An official account's profile (display `name`, `bio`, `handle`, profile `url`)
    discloses that it is an official City of Syracuse account, and for which
    department. Real wordings pass: "Official account of the City of Syracuse
    Department of Public Works", "The official page of Syracuse DPW", a profile naming
    both the City and the department, or a City-domain `url` (`city.domains`) with the
    department named. A profile that says it is personal, a campaign, a fan page or
    "not official" never passes.

    Why
    SMP-4c: those who post for the City are transparent about identity and
    affiliation. Readers must be able to tell the City's voice from anyone else's.

    Fails
    ```yaml
    department: Parks, Recreation and Youth Programs
    bio: Fun in the parks all year round!
    ```

    Passes
    ```yaml
    department: Public Works
    bio: Official account of the City of Syracuse Department of Public Works.
    url: https://www.syr.gov/Departments/DPW
    ```

    Configure
    `city.name`, `city.names`, `city.domains`, `city.department_aliases`; phrases in
    `rules/<policy>/identity.yaml` (`official`, `redirects`, `disclaimers`,
    `city_forms`, `departments`).
    """

    slug = "account-identity"
    summary = "Official account's profile does not disclose that it is an official City account"
    severity = "error"
    target = "account"
    clauses = ("SMP-4c",)

    def check(self, target: Account, ctx: LintContext) -> Iterator[Violation]:
        recogniser = ctx.cached("account-identity:recogniser", lambda: city_recogniser(ctx))
        offices = office_names(target.department, ctx) if target.department else None
        found = recogniser.classify(
            name=target.name, bio=target.bio, handle=target.handle, url=target.url, offices=offices
        )
        if found.discloses:
            return
        field = "bio" if target.bio else ("name" if target.name else None)
        example = f"Official account of the {ctx.city.name}" + (
            f" {target.department}" if target.department else ""
        )
        if found.disclaimed:
            problem = "says it is not an official City account (personal, campaign, fan page…)"
        else:
            gaps = []
            if not found.official:
                gaps.append("does not say it is official")
            if not (found.body or found.domain):
                gaps.append(f"does not name the {ctx.city.name}")
            if target.department and not found.office:
                gaps.append(f"does not name the department ({target.department})")
            problem = ", ".join(gaps) or "does not disclose whose account it is"
        yield self.violation(
            target,
            f"the profile (name, bio, url) {problem}; disclose the account's identity,"
            f" e.g. bio: {example!r}",
            field=field,
        )


def city_recogniser(ctx: LintContext) -> IdentityRecogniser:
    """The recogniser for the configured City."""
    pack = ctx.pack("identity")
    names = [ctx.city.name, *ctx.city.names]
    short = [n for n in names if len(n.split()) == 1]
    bodies = [n for n in names if len(n.split()) > 1]
    bodies += [form.replace("{city}", s) for form in pack["city_forms"] for s in short]
    return IdentityRecogniser(pack, bodies=bodies, short_names=short, domains=ctx.city.domains)


def office_names(department: str, ctx: LintContext) -> list[str]:
    """A department's name and every alias of it (pack and configuration)."""
    pack_aliases: Mapping[str, list[str]] = ctx.pack("identity").get("departments", {})
    names = [department, *pack_aliases.get(department, [])]
    names += ctx.city.department_aliases.get(department, [])
    return names


def _literal_alternation(words: Iterable[str], *, ignore_case: bool) -> Any:
    """A pattern matching any of ``words`` as whole words (``None`` when empty)."""
    parts = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    if not parts:
        return None
    joined = "|".join(re.escape(p) for p in parts)
    return compile_pattern(rf"(?:^|\W)(?:{joined})(?:\W|$)", ignore_case=ignore_case)


def _found(pattern: Any, text: str) -> bool:
    return pattern is not None and pattern.search(text) is not None


def _split_handle(handle: str) -> str:
    """``@SyracuseDPW`` → ``Syracuse DPW`` (handles carry names without spaces)."""
    return _CAMEL.sub(" ", handle.lstrip("@")).strip()
