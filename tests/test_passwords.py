"""password-strength and `postlint password`: NIST SP 800-63B rev. 4, never shown."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import factories as f
from postlint.cli import main
from postlint.models import Account
from postlint.origin import Origin
from postlint.violation import Violation

RULE = "password-strength"
STRONG = "lantern gravel oboe quietly"


def account(password: str | None, *, mfa: bool = False, **fields: Any) -> Account:
    security: dict[str, Any] = {"mfa": mfa, "login_gateway": "Hootsuite",
                                "recovery_account": {"handle": "r", "privileged": False}}  # fmt: skip
    if password is not None:
        security["password"] = password
    return f.official_account(security=security, **fields)


LINTER = f.linter(select=[RULE])


def check(password: str, **kwargs: Any) -> list[Violation]:
    return LINTER.check(account(password, **kwargs))


def reasons(found: list[Violation]) -> str:
    return " | ".join(v.message for v in found)


def test_strong_passphrase_passes() -> None:
    assert check(STRONG) == []
    assert check("correct horse battery staple") == []


def test_no_password_nothing_to_check() -> None:
    assert LINTER.check(account(None)) == []


@pytest.mark.parametrize(("length", "mfa", "short"), [
    (14, False, True), (15, False, False), (7, True, True), (8, True, False),
])  # fmt: skip
def test_minimum_length_depends_on_mfa(length: int, mfa: bool, short: bool) -> None:
    # unrelated words, cut to length: only the length rule may differ
    candidate = "vqzk rhwt lxpm bnfj ycgd"[:length]
    found = check(candidate, mfa=mfa)
    assert ("too short" in reasons(found)) == short


def test_length_is_counted_in_code_points_after_nfkc() -> None:
    # 15 code points; NFKC folds the fullwidth letters, it does not split them
    assert "too short" not in reasons(check("ｌａｎｔｅｒｎ ｇｒａｖｅｌ ｏｂｏｅ"))
    assert "too short" not in reasons(check("ひまわりとうみとそらのいろのうた"))


def test_long_and_unicode_passwords_are_accepted_untruncated() -> None:
    long = " ".join(["quasar", "pelican", "mosaic", "tundra"] * 10) + " ünï パスワード"
    assert len(long) > 72
    assert check(long) == []


@pytest.mark.parametrize("common", ["password", "password1", "P@ssw0rd", "qwertyuiop123456"])
def test_common_and_breached_passwords_are_rejected(common: str) -> None:
    found = check(common, mfa=True)
    assert found
    assert all(v.field == "security.password" for v in found)


def test_blocklist_names_the_reason() -> None:
    assert "common or breached" in reasons(check("password", mfa=True))


@pytest.mark.parametrize("derived", ["Syracuse2026!", "S3cur1ty-DPW", "SyracuseDPW2026!!",
                                     "Publ1cW0rks#2024"])  # fmt: skip
def test_context_words_with_digits_years_and_leetspeak_are_rejected(derived: str) -> None:
    assert "built from" in reasons(check(derived, mfa=True))


def test_context_includes_handle_department_and_platform() -> None:
    fields = {"handle": "@PlowPatrol", "department": "Snow Operations", "platform": "mastodon"}
    assert "the account's handle" in reasons(check("Pl0wPatrol!2026#", mfa=True, **fields))
    assert "the department's name" in reasons(check("snowoperations2026", mfa=True, **fields))
    assert "the platform's name" in reasons(check("Mastodon!!2026##", mfa=True, **fields))


def test_repetitive_and_sequential_are_estimated_weak() -> None:
    assert "easy to guess" in reasons(check("aaaaaaaaaaaaaaaa"))
    assert "easy to guess" in reasons(check("1234567890123456"))


def test_each_reason_is_its_own_finding() -> None:
    found = check("Parks2024!", department="Parks, Recreation and Youth Programs")
    text = reasons(found)
    assert len(found) >= 3
    assert "too short" in text and "built from" in text and "easy to guess" in text


def test_a_password_read_from_a_file_is_not_evaluated() -> None:
    loaded = account("Parks2024!").with_origin(Origin("accounts/parks-facebook.yaml"))
    assert LINTER.check(loaded) == []


def test_personal_accounts_are_out_of_scope() -> None:
    personal = f.personal_account(security={"password": "x"})
    assert LINTER.check(personal) == []


def test_zxcvbn_user_inputs_never_leak_between_calls() -> None:
    # Known zxcvbn fault: a call without user_inputs reuses the previous call's list.
    before = reasons(check("quokkafjord7", mfa=True))
    assert "easy to guess" not in before
    assert "easy to guess" in reasons(check("quokkafjord7", mfa=True, handle="@quokkafjord"))
    assert reasons(check("quokkafjord7", mfa=True)) == before


printable = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
                    min_size=12, max_size=90)  # fmt: skip


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(password=printable, mfa=st.booleans())
def test_no_password_ever_appears_in_findings_json_or_repr(password: str, mfa: bool) -> None:
    # A password that is already part of the account's other text ("Communicatio" of
    # its bio) could not be told apart from it: such draws say nothing.
    without = account(None, mfa=mfa)
    assume(password not in repr(without) + without.model_dump_json())
    candidate = account(password, mfa=mfa)
    found = LINTER.check(candidate)
    outputs = [repr(candidate), candidate.model_dump_json(), repr(candidate.security)]
    outputs += [v.model_dump_json() for v in found] + [repr(v) for v in found]
    for out in outputs:
        assert password not in out


@settings(max_examples=15, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
               min_size=64, max_size=400))  # fmt: skip
def test_any_long_unicode_password_is_judged_without_error(password: str) -> None:
    found = check(password)
    assert all(v.rule == RULE for v in found)
    assert "too short" not in reasons(found)


# --------------------------------------------------------------------- the command


@pytest.fixture
def repo(shared_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "repo"
    shutil.copytree(shared_dir / "examples" / "content-repo", target)
    monkeypatch.chdir(target)
    return target


def run_command(argv: list[str], stdin: str, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(["password", *argv])


def test_command_rejects_weak_and_never_prints_it(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run_command(["--account", "parks-facebook", "--stdin"], "Parks2024!\n", monkeypatch)
    out, err = capsys.readouterr()
    assert code == 1
    assert "too short" in out
    assert "Parks2024" not in out + err


def test_command_accepts_strong(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run_command(["--account", "dpw-x", "--stdin"], STRONG + "\n", monkeypatch)
    out, _ = capsys.readouterr()
    assert code == 0 and "meets the policy" in out and STRONG not in out


def test_command_refuses_a_non_terminal_without_stdin_flag(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_command(["--account", "dpw-x"], STRONG + "\n", monkeypatch) == 2
    assert "not a terminal" in capsys.readouterr().err


def test_command_unknown_account_is_a_usage_error(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_command(["--account", "nope", "--stdin"], STRONG, monkeypatch) == 2
    assert "no account 'nope'" in capsys.readouterr().err


def test_file_password_is_not_judged_by_password_strength_in_a_run(repo: Path) -> None:
    from postlint.api import lint_paths

    report = lint_paths([repo], today=f.TODAY, select=[RULE], entry_point_plugins=False)
    assert [v for v in report.active if v.rule == RULE] == []
    assert "Parks2024" not in json.dumps([v.model_dump() for v in report.violations])
