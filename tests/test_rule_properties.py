"""Properties every rule keeps, for any post or account Hypothesis can build.

- linting never raises and no rule fails (no ``internal-error``);
- a finding's span lies inside its field's text;
- read from a file, a finding points at a line and column that exist in that file;
- results are deterministic and do not depend on the order targets are checked in.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factories import linter, official_account
from postlint.engine import Linter, field_text
from postlint.loading.files import load_account, load_post
from postlint.models import Account, Post
from postlint.violation import Violation

ET = dt.timezone(dt.timedelta(hours=-5))
PEOPLE = ["comms-director", "comms-specialist", "dpw-liaison", "parks-intern", "nobody"]

#: Fragments that make rules fire, mixed with arbitrary Unicode text.
SNIPPETS = [
    "CONFIDENTIAL", "internal use only", "C O N F I D E N T I A L", "ＣＯＮＦＩＤＥＮＴＩＡＬ",
    "315-555-0123", "(315) 555-0199", "jane.doe@gmail.com", "SSN 219-09-9999",
    "4111 1111 1111 1111", "password: hunter2", "AKIAIOSFODNN7EXAMPLE", "#snowemergencyday",
    "#SnowDay", "https://www.syr.gov/snow", "http://bit.ly/x", "views are my own",
    "DPW Commissioner", "Public Information Officer", "\u200b", "\u202e", "e\u0301",
    "👩🏽‍🚒", "\n\n", "---", "a\r\nb", "[link](https://syr.gov)", "@SyracuseDPW",
]  # fmt: skip

_chars = st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t")
texts = st.lists(
    st.one_of(st.text(_chars, max_size=40), st.sampled_from(SNIPPETS)), max_size=8
).map(" ".join)
maybe_text = st.none() | texts
times = st.datetimes(
    min_value=dt.datetime(2019, 1, 1),
    max_value=dt.datetime(2031, 1, 1),
    timezones=st.sampled_from([None, dt.UTC, ET]),
)
dates = st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2031, 1, 1))
people = st.sampled_from(PEOPLE)

media = st.fixed_dictionaries(
    {},
    optional={
        "file": st.just("media/a.jpg"),
        "type": st.sampled_from(["image", "video", "audio"]),
        "alt": maybe_text,
        "captions": st.none() | st.booleans() | texts,
        "people": st.lists(st.sampled_from(["DPW plow crew", "Youth league players", "x"])),
        "consent": st.lists(st.sampled_from(["CR-1", "CR-2", "CR-3", "CR-9"]), max_size=2),
        "source": st.sampled_from(["city", "third-party"]),
        "credit": maybe_text,
    },
)
quotes = st.fixed_dictionaries(
    {"speaker": st.sampled_from(["Mayor's Office", "A resident"])},
    optional={"consent": st.sampled_from(["CR-2", "CR-9"]), "text": maybe_text},
)
edits = st.fixed_dictionaries({}, optional={"at": times, "by": people, "summary": maybe_text})


@st.composite
def posts(draw: st.DrawFn, post_id: str = "p1") -> Post:
    data = draw(
        st.fixed_dictionaries(
            {
                "id": st.just(post_id),
                "account": st.sampled_from(["dpw-x", "dpw-x", "personal"]),
                "text": texts,
            },
            optional={
                "author": people,
                "status": st.sampled_from(["draft", "scheduled", "published"]),
                "via": st.sampled_from(["Hootsuite", "Sprout Social", "X for iPhone", ""]),
                "scheduled_at": times,
                "published_at": times,
                "approved_by": people,
                "approved_at": times,
                "url": st.sampled_from(["https://x.com/SyracuseDPW/status/1", "not a url"]),
                "edited_at": times,
                "edits": st.lists(edits, max_size=2),
                "media": st.lists(media, max_size=3),
                "quotes": st.lists(quotes, max_size=2),
                "links": st.lists(st.sampled_from(["https://syr.gov", "http://bit.ly/x"])),
                "suppress": st.lists(
                    st.fixed_dictionaries(
                        {"rule": st.sampled_from(["personal-data", "no-such-rule"])},
                        optional={"reason": texts, "expires": dates},
                    ),
                    max_size=1,
                ),
            },
        )
    )
    return Post.model_validate(data)


@st.composite
def accounts(draw: st.DrawFn) -> Account:
    overrides = draw(
        st.fixed_dictionaries(
            {},
            optional={
                "kind": st.sampled_from(["official", "personal"]),
                "bio": maybe_text,
                "name": maybe_text,
                "url": st.none() | st.sampled_from(["https://www.syr.gov/x", "https://bit.ly"]),
                "owner": people,
                "approved_by": st.none() | people,
                "approved_at": st.none() | dates,
                "admins": st.lists(people, max_size=4),
                "scheduler": st.none() | st.sampled_from(["Hootsuite", "Buffer"]),
                "security": st.none()
                | st.fixed_dictionaries(
                    {},
                    optional={
                        "mfa": st.none() | st.booleans(),
                        "login_gateway": st.none() | st.just("Hootsuite"),
                        "recovery_account": st.none()
                        | st.fixed_dictionaries({"privileged": st.booleans()}),
                    },
                ),
                "moderation": st.none() | st.fixed_dictionaries({"screening": st.booleans()}),
                "backups": st.none() | st.fixed_dictionaries({"last": dates}),
                "archiving": st.none() | st.fixed_dictionaries({"enabled": st.booleans()}),
                "terms_of_participation": maybe_text,
                "enablement": st.none() | st.fixed_dictionaries({"risk_assessment": dates}),
            },
        )
    )
    return official_account(**overrides)


def _linter(account: Account | None = None) -> Linter:
    personal = {"id": "personal", "kind": "personal", "owner": "dpw-liaison", "bio": "Fan."}
    return linter(accounts=[account or official_account(), personal])


def _assert_sound(found: list[Violation], target: Any) -> None:
    internal = [v.message for v in found if v.rule == "internal-error"]
    assert not internal, internal
    for v in found:
        if v.span is None or (v.rule != v.target and v.target.id != getattr(target, "id", None)):
            continue
        text = field_text(target, v.field)
        if text is not None:
            assert 0 <= v.span[0] <= v.span[1] <= len(text), (v.rule, v.field, v.span, len(text))


PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(post=posts(), account=accounts())
def test_post_rules_never_fail_and_spans_fit(post: Post, account: Account) -> None:
    lint = _linter(account)
    first = lint.check(post)
    _assert_sound(first, post)
    assert lint.check(post) == first  # deterministic


@PROPERTY
@given(account=accounts())
def test_account_rules_never_fail_and_spans_fit(account: Account) -> None:
    lint = _linter(account)
    first = lint.check(account)
    _assert_sound(first, account)
    assert lint.check(account) == first


@PROPERTY
@given(items=st.lists(st.integers(0, 2**16), min_size=2, max_size=4, unique=True).flatmap(
    lambda ids: st.tuples(*(posts(f"p{i}") for i in ids))))  # fmt: skip
def test_results_do_not_depend_on_order(items: tuple[Post, ...]) -> None:
    def by_post(order: list[Post]) -> dict[str, list[Violation]]:
        lint = _linter()  # a fresh linter per order: per-run caches start empty
        return {p.id: [v for v in lint.check(p) if v.rule != "config-error"] for p in order}

    assert by_post(list(items)) == by_post(list(reversed(items)))


def _lines_exist(found: list[Violation], text: str) -> None:
    lines = text.split("\n")
    for v in found:
        if v.line is None:
            continue
        assert 1 <= v.line <= len(lines), (v.rule, v.line, len(lines))
        assert v.column is not None and 1 <= v.column <= len(lines[v.line - 1]) + 1, (
            v.rule, v.line, v.column, lines[v.line - 1][:80],
        )  # fmt: skip
        if v.end_line is not None:
            assert v.line <= v.end_line <= len(lines), (v.rule, v.end_line, len(lines))
            assert v.end_column is not None
            assert 1 <= v.end_column <= len(lines[v.end_line - 1]) + 1, (v.rule, v.end_column)


@PROPERTY
@given(post=posts(), markdown=st.booleans())
def test_findings_point_inside_the_post_file(post: Post, markdown: bool) -> None:
    data = post.model_dump(mode="json", exclude_defaults=True)
    with tempfile.TemporaryDirectory() as tmp:
        if markdown:
            body = data.pop("text", "")
            text = f"---\n{yaml.safe_dump(data, allow_unicode=True)}---\n{body}\n"
            path = Path(tmp) / "p1.md"
        else:
            text = yaml.safe_dump(data, allow_unicode=True)
            path = Path(tmp) / "p1.yaml"
        path.write_text(text, encoding="utf-8")
        loaded = load_post(path, str(path), text)
    found = [v for v in _linter().check(loaded) if v.path == str(path)]
    _assert_sound(found, loaded)
    _lines_exist(found, text)


@PROPERTY
@given(account=accounts())
def test_findings_point_inside_the_account_file(account: Account) -> None:
    text = yaml.safe_dump(account.model_dump(mode="json", exclude_none=True), allow_unicode=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dpw-x.yaml"
        path.write_text(text, encoding="utf-8")
        loaded = load_account(path, str(path), text)
    found = [v for v in _linter(loaded).check(loaded) if v.path == str(path)]
    _assert_sound(found, loaded)
    _lines_exist(found, text)


# A JSON archive can carry a lone surrogate ("\ud800"): a Python string holds it, UTF-8
# cannot, and a matcher written in Rust refuses it. No rule may fail on one.
@given(
    texts,
    st.sampled_from(["\ud800", "\udfff", "\udc80\ud83d"]),
    st.integers(min_value=0, max_value=400),
    st.sampled_from(["dpw-x", "personal"]),
)
@settings(max_examples=60, deadline=None)
def test_lone_surrogates_fail_no_rule(text: str, lone: str, at: int, account: str) -> None:
    text = text[:at] + lone + text[at:]
    found = _linter().check_post(Post(id="p1", account=account, text=f"CONFIDENTIAL {text}"))
    assert [v.message for v in found if v.rule == "internal-error"] == []
