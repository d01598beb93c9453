"""The cheap screens of the metadata rules never hide a finding.

``unauthorized-author``, ``untrained-author``, ``unapproved-post``, ``unscheduled-post``,
``incomplete-record`` and ``unlogged-edit`` pass a clean post after a few look-ups and
judge everything else in full (``_judge``). For any post and any City timezone, what
``check`` finds is exactly what the full judgement finds; the screens' parts (the day
windows, the URL shape, the app kinds) agree with what they stand for.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

import factories as f
from postlint.day_windows import day_window, surely_within
from postlint.models import Post
from postlint.rules.incomplete_record import _WELL_FORMED, well_formed_url
from postlint.text.apps import app_catalogue

SCREENED = [
    "incomplete-record",
    "unapproved-post",
    "unauthorized-author",
    "unlogged-edit",
    "unscheduled-post",
    "untrained-author",
]
#: City timezones at the edges: +14, -11, a quarter-hour offset, DST both ways, none.
CITY_ZONES = [
    "America/New_York",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "UTC",
]
OFFSETS = [dt.timedelta(hours=h, minutes=m) for h, m in ((-5, 0), (-4, 0), (0, 0), (14, 0))]
OFFSETS += [dt.timedelta(hours=-12), dt.timedelta(hours=5, minutes=45), dt.timedelta(hours=23)]
ZONES: list[dt.tzinfo | None] = [None, ZoneInfo("America/New_York"), ZoneInfo("Asia/Kathmandu")]
ZONES += [dt.timezone(o) for o in OFFSETS] + [dt.timezone(-dt.timedelta(hours=23, minutes=59))]
#: Days around the standard roster's dates (training, authorization), DST changes...
DAYS = [dt.date(2026, 11, 25), dt.date(2027, 6, 30), dt.date(2026, 4, 15), dt.date(2027, 3, 10)]
DAYS += [dt.date(2026, 3, 8), dt.date(2026, 11, 1), dt.date(2027, 2, 2), dt.date(2027, 4, 15)]
#: ... and the last days of their trainings when a training is valid for 300 days.
DAYS += [dt.date(2026, 11, 29), dt.date(2027, 1, 4), dt.date(2027, 2, 9)]
PEOPLE = ["comms-director", "comms-specialist", "dpw-liaison", "parks-intern", "nobody", ""]


@st.composite
def moments(draw: st.DrawFn) -> dt.datetime:
    """A time within two days of a day that matters, naive or in some zone."""
    day = draw(st.sampled_from(DAYS)) + dt.timedelta(days=draw(st.integers(-2, 2)))
    clock = draw(st.times())
    zone = draw(st.sampled_from(ZONES))
    return dt.datetime.combine(day, clock, tzinfo=zone).replace(fold=draw(st.integers(0, 1)))


maybe_moment = st.none() | moments()
SCHEMES = ["https://", "http://", "HTTPS://", "ftp://", "https:/", ""]
HOST_PARTS = [
    "x.com", "www.syr.gov", "bücher.de", "user@x.com", "x.com:8080", "x", "com", "syr", "gov", "bücher", "de", "-x", "x-", "x_y", "1", ".", ".", "@", ":",
    "8080", "123456", " ", "\t", "\u00a0", "ä", "xn--bcher-kva", "user", "",
]  # fmt: skip
PATH_PARTS = [
    "/", "?", "#", "a", "status/1991", "%20", "~", " ", "\t", "\n", "\u00a0", "\u2028",
    "\x1f", "\x7f", "ä", "(x)", "x.com", "",
]  # fmt: skip
urls = st.builds(
    lambda *parts: "".join(parts),
    st.sampled_from(["", " "]),
    st.sampled_from(SCHEMES),
    st.lists(st.sampled_from(HOST_PARTS), max_size=6).map("".join),
    st.lists(st.sampled_from(PATH_PARTS), max_size=5).map("".join),
    st.sampled_from(["", " ", "\n"]),
)
VIAS = [
    "Hootsuite", " hootsuite inc. ", "SproutSocial", "Sprout", "Twitter for iPhone", "Buffer",
    "Hootsuiteish", "", "   ", "Ｈｏｏｔｓｕｉｔｅ", "\u00a0Hootsuite", "Inc",
]  # fmt: skip
entries = st.fixed_dictionaries(
    {},
    optional={
        "at": maybe_moment,
        "by": st.none() | st.sampled_from(PEOPLE),
        "summary": st.sampled_from([None, "", "  ", "Fixed the date"]),
    },
)
posts = st.fixed_dictionaries(
    {
        "id": st.just("p1"),
        "account": st.just("dpw-x"),
        "status": st.sampled_from(["published", "published", "scheduled", "draft"]),
    },
    optional={
        "author": st.none() | st.sampled_from(PEOPLE),
        "approved_by": st.none() | st.sampled_from(PEOPLE),
        "approved_at": maybe_moment,
        "published_at": maybe_moment,
        "scheduled_at": maybe_moment,
        "edited_at": maybe_moment,
        "edits": st.lists(entries, max_size=2),
        "via": st.none() | st.sampled_from(VIAS),
        "url": st.none() | urls | st.just("https://x.com/SyracuseDPW/status/1"),
        "links": st.lists(urls, max_size=2),
        "text": st.sampled_from(["", " \n", "Snow tonight", "see https://syr.gov/x and http://a"]),
    },
)


@settings(max_examples=400, deadline=None)
@given(
    data=posts,
    zone=st.sampled_from(CITY_ZONES),
    today=st.sampled_from(DAYS),
    with_roster=st.booleans(),
)
def test_screened_rules_find_what_the_full_judgement_finds(
    data: dict[str, Any], zone: str, today: dt.date, with_roster: bool
) -> None:
    linter = f.linter(
        {"city": {"timezone": zone, "training_valid_days": 300}},
        today=today,
        roster=f.roster() if with_roster else None,
        select=SCREENED,
    )
    post = Post.model_validate(data)
    for rule in linter.rules:
        screened = list(rule.check(post, linter.context))
        assert screened == list(rule._judge(post, linter.context)), rule.slug  # type: ignore[attr-defined]


@settings(max_examples=1000, deadline=None)
@given(
    first=st.sampled_from(DAYS),
    length=st.integers(0, 400),
    near_last=st.booleans(),
    shift=st.integers(-3, 3),
    clock=st.times(),
    zone=st.sampled_from(ZONES),
    city=st.sampled_from(CITY_ZONES),
)
def test_a_time_surely_within_a_window_falls_on_a_city_day_in_it(
    first: dt.date,
    length: int,
    near_last: bool,
    shift: int,
    clock: dt.time,
    zone: dt.tzinfo | None,
    city: str,
) -> None:
    ctx = f.context(config={"city": {"timezone": city}})
    last = first + dt.timedelta(days=length)
    day = (last if near_last else first) + dt.timedelta(days=shift)
    moment = dt.datetime.combine(day, clock, tzinfo=zone)
    window = day_window(first, last)
    if surely_within(window, moment, ctx.today):
        assert first <= ctx.day_of(moment) <= last
    assert surely_within(window, None, day) == (first <= day <= last)


def test_every_zone_pair_around_a_window_falls_on_a_city_day_in_it() -> None:
    """The two-day margin holds for the farthest offsets either way, on both edges."""
    first, last = dt.date(2026, 3, 8), dt.date(2026, 11, 1)  # DST changes in New York
    window = day_window(first, last)
    clocks = [dt.time(0), dt.time(0, 59), dt.time(9, 59), dt.time(12), dt.time(23, 59, 59)]
    for city in CITY_ZONES:
        ctx = f.context(config={"city": {"timezone": city}})
        for zone in ZONES:
            for edge in (first, last):
                for shift in range(-3, 4):
                    for clock in clocks:
                        day = edge + dt.timedelta(days=shift)
                        moment = dt.datetime.combine(day, clock, tzinfo=zone)
                        if surely_within(window, moment, ctx.today):
                            assert first <= ctx.day_of(moment) <= last, (city, moment)


def test_windows_at_the_edges_of_the_calendar_are_never_sure() -> None:
    never = day_window(dt.date.min, dt.date(1, 1, 2))
    assert not surely_within(never, dt.datetime(1, 1, 1), dt.date(1, 1, 1))
    assert surely_within(day_window(dt.date.min, dt.date.max), dt.datetime(1, 1, 1), dt.date.max)


@settings(max_examples=500, deadline=None)
@given(url=urls)
def test_url_shape_screen_agrees_with_the_full_pattern(url: str) -> None:
    assert well_formed_url(url) == (_WELL_FORMED.fullmatch(url.strip()) is not None)


@settings(max_examples=200, deadline=None)
@given(names=st.lists(st.sampled_from(VIAS) | st.text(max_size=12), max_size=6))
def test_remembered_app_kinds_are_the_kinds(names: list[str]) -> None:
    apps = app_catalogue(f.context())
    for name in names + names:
        assert apps.kind(name) == apps._kind(name)


class _NoOffset(dt.tzinfo):
    """A ``tzinfo`` that knows no offset: its times are read as naive."""

    def utcoffset(self, moment: dt.datetime | None) -> None:
        return None


@settings(max_examples=500, deadline=None)
@given(
    day=st.sampled_from(DAYS),
    clock=st.times(),
    zone=st.sampled_from([*ZONES, _NoOffset(), ZoneInfo("Pacific/Kiritimati")]),
    city=st.sampled_from(CITY_ZONES),
)
def test_city_day_and_local_time_shortcuts_are_exact(
    day: dt.date, clock: dt.time, zone: dt.tzinfo | None, city: str
) -> None:
    ctx = f.context(config={"city": {"timezone": city}})
    moment = dt.datetime.combine(day, clock, tzinfo=zone)
    naive = moment.tzinfo is None or moment.utcoffset() is None
    local = moment.replace(tzinfo=ctx.tz) if naive else moment
    assert ctx.local(moment) == local and ctx.local(moment).tzinfo is local.tzinfo
    assert ctx.day_of(moment) == local.astimezone(ctx.tz).date()
