"""Posting applications by name: approved schedulers, other schedulers, native clients.

Shared by ``unscheduled-post`` (a post's ``via``) and ``no-scheduler`` (an account's
``scheduler``), so both judge "Hootsuite Inc.", "SproutSocial" and "Twitter for iPhone"
the same way.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from postlint.context import LintContext
from postlint.errors import ConfigError

_TOKEN = re.compile(r"[0-9a-z]+")
# A company suffix is not part of an app's name: "Hootsuite Inc." is Hootsuite.
_COMPANY_SUFFIXES = frozenset({"inc", "llc", "ltd", "corp", "co", "gmbh", "plc", "sa"})

#: How many app names a catalogue remembers the kind of (``via`` is free text).
_MAX_KINDS = 4096

AppName = tuple[str, ...]
AppKind = Literal["approved", "native", "scheduler", "unknown"]


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


@dataclass(frozen=True)
class AppCatalogue:
    """Approved apps (configuration) and the ``apps`` pack's known names."""

    approved: tuple[AppName, ...]
    native: tuple[AppName, ...]
    schedulers: tuple[AppName, ...]
    #: The approved apps as a message names them ("Hootsuite, Sprout Social").
    choices: str = "none configured in `city.scheduling_apps`"
    #: :meth:`kind` by name: a run sees a handful of app names, each on many posts.
    _kinds: dict[str, AppKind] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    def kind(self, name: str) -> AppKind:
        """What the app called ``name`` is, approved first."""
        try:
            return self._kinds[name]
        except KeyError:
            pass
        kind = self._kind(name)
        if len(self._kinds) >= _MAX_KINDS:
            self._kinds.clear()
        self._kinds[name] = kind
        return kind

    def _kind(self, name: str) -> AppKind:
        tokens = app_tokens(name)
        if names_any(tokens, self.approved):
            return "approved"
        if names_any(tokens, self.native):
            return "native"
        if names_any(tokens, self.schedulers):
            return "scheduler"
        return "unknown"


def app_catalogue(ctx: LintContext) -> AppCatalogue:
    """The run's catalogue (built once per run)."""
    try:
        return ctx.cache["apps:catalogue"]  # type: ignore[no-any-return]
    except KeyError:
        return ctx.cached("apps:catalogue", lambda: _build(ctx))


def _build(ctx: LintContext) -> AppCatalogue:
    try:
        pack: Any = ctx.pack("apps")
    except ConfigError:
        pack = {}
    if not isinstance(pack, dict):
        pack = {}
    return AppCatalogue(
        approved=_names(ctx.city.scheduling_apps),
        native=_names(pack.get("native")),
        schedulers=_names(pack.get("schedulers")),
        choices=", ".join(ctx.city.scheduling_apps) or AppCatalogue.choices,
    )


def _names(values: Any) -> tuple[AppName, ...]:
    if not isinstance(values, list):
        return ()
    return tuple(t for t in (app_tokens(v) for v in values if isinstance(v, str)) if t)
