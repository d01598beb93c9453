"""The engine: scope by account kind, rule failures, severities, the API in three lines."""

from __future__ import annotations

from collections.abc import Iterator

import factories as f
import postlint
from postlint import Rule, Violation


class Boom(Rule):
    """Raises on every post."""

    slug = "boom"
    summary = "always raises"
    target = "post"
    scope = frozenset({"official", "personal"})

    def check(self, target: object, ctx: object) -> Iterator[Violation]:
        raise ValueError("secret-value-123")
        yield


class Plugin:
    @postlint.hookimpl
    def postlint_rules(self) -> list[type[Rule]]:
        return [Boom]


def test_three_lines_from_import_to_violations() -> None:
    found = postlint.lint(
        f.post(url=None),
        accounts=[f.official_account()],
        roster=f.roster(),
        consents=f.consents(),
        today=f.TODAY,
    )
    assert [v.rule for v in found] == ["incomplete-record"]
    assert found[0].field == "url"
    assert found[0].clauses == ("SMP-1", "SMP-9")


def test_dict_input_is_read_as_post_or_account() -> None:
    linter = f.linter()
    assert linter.check(f.post().model_dump()) == []
    bad = f.official_account(terms_of_participation=None).model_dump()
    assert f.slugs(linter.check(bad)) == ["terms-of-participation"]


def test_rule_that_raises_becomes_internal_error_without_its_message() -> None:
    linter = f.linter(plugins=[Plugin()])
    found = linter.check(f.post())
    errors = [v for v in found if v.rule == "internal-error"]
    assert len(errors) == 1
    assert "boom" in errors[0].message and "ValueError" in errors[0].message
    assert "secret-value-123" not in errors[0].message


def test_personal_account_posts_skip_official_rules() -> None:
    linter = f.linter()
    post = f.post(account="dpw-liaison-personal", url=None)
    assert "incomplete-record" not in f.slugs(linter.check(post))


def test_unknown_account_is_an_input_error() -> None:
    found = f.linter().check(f.post(account="nope"))
    assert f.slugs(found) == ["input-error"]
    assert "not on record" in found[0].message


def test_severity_override_and_ignore() -> None:
    linter = f.linter({"severity": {"incomplete-record": "warning"}})
    assert [v.severity for v in linter.check(f.post(url=None))] == ["warning"]
    linter = f.linter({"ignore": ["incomplete-record"]})
    assert linter.check(f.post(url=None)) == []


def test_unknown_slug_in_config_is_a_config_error_with_suggestion() -> None:
    found = f.linter({"ignore": ["incomplete-recrod"]}).check(f.post())
    assert f.slugs(found) == ["config-error"]
    assert "did you mean 'incomplete-record'" in found[0].message


def test_a_copied_roster_or_register_answers_from_its_own_lists() -> None:
    # A City app copies the roster with someone added (pydantic's model_copy): the copy
    # must not answer from the index the original built of its old list.
    import copy
    import datetime as dt

    from postlint.models import Consent, ConsentRegister, Person, Roster

    roster = Roster(people=[Person(id="ann", name="Ann")])
    assert roster.person("ann") is not None  # the original builds its index
    hired = roster.model_copy(update={"people": [Person(id="bo", name="Bo")]})
    assert hired.person("bo") is not None
    assert hired.person("ann") is None
    assert roster.model_copy(deep=True, update={"people": []}).person("ann") is None
    assert copy.copy(roster).person("ann") is not None

    photo = Consent(id="c1", subject="Bo", kind="photo", obtained=dt.date(2026, 1, 5))
    register = ConsentRegister(consents=[photo])
    assert register.get("c1") is not None
    emptied = register.model_copy(update={"consents": []})
    assert emptied.get("c1") is None
