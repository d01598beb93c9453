"""The one object rules read facts from: roster, consents, accounts, City, today."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic_core import TzInfo

from postlint.config import CitySettings, Config
from postlint.models import Account, Consent, ConsentRegister, Person, Post, Roster
from postlint.packs import builtin_pack

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")


class SharedCache(dict[K, V]):
    """A bounded cache of pure results: each value a function of its key and the run's
    settings, so a value worked out in another process is as good as one worked out here.

    While its context shares (a worker of a pool, see ``parallel``), what is stored is
    also recorded, to be handed to the other workers. Entries added from elsewhere
    (``dict.update``) are not recorded again.
    """

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        #: Entries stored here since they were last handed on (``None``: not sharing).
        self.fresh: dict[K, V] | None = None

    def __setitem__(self, key: K, value: V) -> None:
        self._room(1)
        dict.__setitem__(self, key, value)
        if self.fresh is not None:
            self.fresh[key] = value

    def merge(self, items: Mapping[K, V]) -> None:
        """Entries worked out elsewhere: kept, not recorded as this process's own."""
        self._room(len(items))
        dict.update(self, items)

    def _room(self, count: int) -> None:
        if len(self) + count > self.limit:
            self.clear()  # a long archive's many keys must not grow memory


#: Types of ``tzinfo`` whose ``utcoffset`` is never ``None`` (a parsed offset, a
#: ``timezone``, an IANA zone): a time with one of them is aware without asking it.
ALWAYS_AWARE: frozenset[type] = frozenset({TzInfo, dt.timezone, ZoneInfo})


@dataclass
class LintContext:
    """Facts a rule may read. Built once per run; rules never change it.

    ``today`` is injectable (``--today`` on the command line), so results are
    reproducible. ``cache`` lets a rule keep compiled data (an automaton, a pattern)
    for the life of the run via :meth:`cached`, and results worth remembering (the
    verdict on a recurring hashtag) via :meth:`shared`.
    """

    config: Config = field(default_factory=Config)
    roster: Roster | None = None
    consents: ConsentRegister | None = None
    accounts: Mapping[str, Account] = field(default_factory=dict)
    today: dt.date = field(default_factory=dt.date.today)
    extra_packs: Mapping[str, list[Any]] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict, repr=False)
    _last_day: tuple[dt.datetime, dt.date] | None = field(default=None, init=False, repr=False)
    _sharing: bool = field(default=False, init=False, repr=False)

    # ----------------------------------------------------------------- look-ups

    @property
    def city(self) -> CitySettings:
        """The City settings of the configuration."""
        return self.config.city

    @functools.cached_property
    def tz(self) -> dt.tzinfo:
        """The City's timezone (naive times and plain dates are read in it)."""
        try:
            return ZoneInfo(self.city.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            return dt.UTC

    def account_of(self, post: Post) -> Account | None:
        """The account a post is on, or ``None`` when it is not on record."""
        return self.accounts.get(post.account)

    def person(self, person_id: str | None) -> Person | None:
        """A roster entry by id, or ``None`` (also when there is no roster)."""
        return self.roster.person(person_id) if self.roster is not None else None

    def consent(self, consent_id: str) -> Consent | None:
        """A consent by id, or ``None`` (also when there is no register)."""
        return self.consents.get(consent_id) if self.consents is not None else None

    @property
    def administrator(self) -> str | None:
        """Roster id of the City administrator."""
        return self.roster.administrator if self.roster is not None else None

    def rule_options(self, slug: str) -> dict[str, Any]:
        """The ``rules.<slug>`` options of the configuration."""
        return self.config.rules.get(slug, {})

    # ----------------------------------------------------------------- packs

    def pack(self, name: str) -> Any:
        """Data of the active policy's pack ``name`` (cached)."""
        key = f"pack:{name}"
        try:
            return self.cache[key]
        except KeyError:
            value = self.cache[key] = builtin_pack(self.config.policy, name)
            return value

    def cached(self, key: str, build: Callable[[], T]) -> T:
        """The value stored under ``key``, built on first use."""
        try:
            return self.cache[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self.cache[key] = build()
            return value

    def shared(self, key: str, limit: int = 1 << 16) -> SharedCache[Any, Any]:
        """The cache of pure results stored under ``key`` (at most ``limit`` entries).

        Unlike :meth:`cached` data, what a rule stores here must be a function of the
        key and the run's settings alone: the workers of ``--jobs`` pass it on to one
        another, so what one worked out the others need not (:meth:`fresh_shared`).
        """
        try:
            found: SharedCache[Any, Any] = self.cache[key]
        except KeyError:
            found = SharedCache(limit)
            if self._sharing:
                found.fresh = {}
            self.cache[key] = found
            return found
        # The rule's own bound, also when entries from another worker made it first.
        if found.limit != limit:
            found.limit = limit
        return found

    def start_sharing(self) -> None:
        """Record what every shared cache stores from now on (a pool's worker does)."""
        self._sharing = True
        for value in self.cache.values():
            if isinstance(value, SharedCache) and value.fresh is None:
                value.fresh = {}

    def fresh_shared(self) -> dict[str, dict[Any, Any]]:
        """What the shared caches stored since the last call, by key (then forgotten)."""
        fresh: dict[str, dict[Any, Any]] = {}
        for key, value in self.cache.items():
            if isinstance(value, SharedCache) and value.fresh:
                fresh[key] = value.fresh
                value.fresh = {}
        return fresh

    def add_shared(self, entries: Mapping[str, Mapping[Any, Any]]) -> None:
        """Results another process stored in its shared caches (:meth:`fresh_shared`);
        a cache this process has not used yet keeps its current bound until its rule
        asks for it (:meth:`shared` sets the rule's)."""
        for key, items in entries.items():
            cache = self.cache.get(key)
            if not isinstance(cache, SharedCache):
                cache = self.shared(key)
            cache.merge(items)

    # ----------------------------------------------------------------- time

    def local(self, moment: dt.datetime) -> dt.datetime:
        """An aware datetime; a naive one is read in the City's timezone."""
        tzinfo = moment.tzinfo
        if tzinfo is None or (type(tzinfo) not in ALWAYS_AWARE and moment.utcoffset() is None):
            return moment.replace(tzinfo=self.tz)
        return moment

    def day_of(self, moment: dt.date | dt.datetime) -> dt.date:
        """The City calendar day of a date or a time."""
        if isinstance(moment, dt.datetime):
            tzinfo = moment.tzinfo
            if tzinfo is None or tzinfo is self.tz:
                return moment.date()  # already read in the City's timezone
            # Several rules ask for the same post's day in a row: remember the last one.
            last = self._last_day
            if last is not None and last[0] is moment:
                return last[1]
            day = self.local(moment).astimezone(self.tz).date()
            self._last_day = (moment, day)
            return day
        return moment

    def judged_on(self, post: Post) -> dt.date:
        """The day a post is judged at: published or scheduled day, today for drafts."""
        moment = post.publish_time
        return self.day_of(moment) if moment is not None else self.today

    def judged_at(self, post: Post) -> dt.datetime:
        """The moment a post is judged at (drafts: the start of today in the City)."""
        moment = post.publish_time
        if moment is not None:
            return self.local(moment)
        return dt.datetime.combine(self.today, dt.time(0), tzinfo=self.tz)
