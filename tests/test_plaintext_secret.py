"""plaintext-secret: passwords, tokens and keys in content files, never shown."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import factories as f
from postlint.api import lint_paths
from postlint.origin import ContentFile
from postlint.reporting import render
from postlint.violation import Violation

RULE = "plaintext-secret"
LINTER = f.linter(select=[RULE])
# Built from parts so this file itself holds no token-shaped string.
GITHUB = "ghp_" + "a1B2c3D4e5" * 4
AWS = "AKIA" + "IOSFODNN7EXAMPL3"
JWT = "eyJhbGciOiJIUzI1NiJ9" + ".eyJzdWIiOiIxMjM0NTY3ODkwIn0" + ".dozjgNryP4J3jVmNHl0w5N_XgL0n3"
PEM_HEADER = "-----BEGIN " + "RSA PRIVATE KEY-----"


def scan(text: str, path: str = "accounts/a.yaml", role: str = "account") -> list[Violation]:
    return LINTER.check(ContentFile(path, text, role))


def found_values(text: str, path: str = "accounts/a.yaml") -> list[str]:
    """The characters each finding points at (located by the engine: line and columns)."""
    lines = text.splitlines()
    out = []
    for v in scan(text, path):
        assert v.line is not None and v.column is not None and v.end_column is not None
        out.append(lines[v.line - 1][v.column - 1 : v.end_column - 1])
    return out


def test_example_password_is_found_by_line_and_kind_without_its_value() -> None:
    text = "id: parks-facebook\nsecurity:\n  mfa: false\n  password: Parks2024!\n"
    [finding] = scan(text)
    assert (finding.path, finding.line, finding.column) == ("accounts/a.yaml", 4, 13)
    assert finding.field is None
    assert "password" in finding.message and "Parks2024" not in finding.message
    assert finding.clauses == ("SMP-6", "SMP-12c")


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("passwd: hunter2-Syr", "password"),
        ("pwd: 'swordfish 99'", "password"),
        ("api_key: 9f8e7d6c5b4a", "API key"),
        ('client_secret: "abc123xyz789"', "secret"),
        ("access_token: EAAB1234xyz", "token"),
        ("credentials: s3cr3t!", "secret"),
        ("  - password: correct horse battery staple", "password"),
    ],
)
def test_secret_keys_with_real_values_are_found(line: str, kind: str) -> None:
    [finding] = scan(f"security:\n  {line}\n")
    assert f"({kind})" in finding.message


@pytest.mark.parametrize(
    "line",
    [
        "password:",
        "password: ''",
        "password: ${PARKS_PASSWORD}",
        "password: <your password>",
        "password: '{{ vault_parks }}'",
        "api_key: env:PARKS_API_KEY",
        "token: null",
        "password_file: /run/secrets/parks",
        "password_policy: long passphrases",
        "password_rotated: 2026-01-01",
        "secret: REDACTED",
        "password: '********'",
    ],
)
def test_placeholders_and_keys_about_secrets_are_no_hits(line: str) -> None:
    assert scan(f"security:\n  {line}\n") == []


def test_flow_mappings_and_json_objects_report_each_key() -> None:
    text = '{"access_token": "EAAB1234", "client_secret": "abc123xyz789", "mode": "x"}\n'
    assert found_values(text, "archive/a.json") == ["EAAB1234", "abc123xyz789"]
    assert found_values("security: {mfa: false, password: p4ss,w0rd}\n") == ["p4ss"]


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        (GITHUB, "GitHub token"),
        (AWS, "AWS access key id"),
        (JWT, "JSON Web Token"),
        ("sk_" + "live_" + "4eC39HqLyjWDarjtT1zdp7dc", "Stripe secret key"),
        ("xox" + "b-1234567890-abcdefghij", "Slack token"),
        ("https://admin:" + "Sup3rS3cret@db.example.org/x", "password in a web address"),
    ],
)
def test_secret_shapes_are_found_anywhere(value: str, kind: str) -> None:
    text = f"---\nid: p\naccount: dpw-x\n---\nDeploy notes {value} end.\n"
    [finding] = scan(text, "posts/p.md", "post")
    assert f"({kind})" in finding.message
    assert value not in finding.model_dump_json()


def test_private_key_header_is_found() -> None:
    [finding] = scan(f"note: |\n  {PEM_HEADER}\n  MIIEow\n")
    assert "(private key)" in finding.message and finding.line == 2


def test_prose_password_sentences_count_only_with_a_password_like_word() -> None:
    def body(text: str) -> list[Violation]:
        return scan(f"---\nid: p\naccount: dpw-x\n---\n{text}\n", "posts/p.md", "post")

    assert len(body("The Wi-Fi password is SyrGuest2026 at City Hall.")) == 1
    assert body("Forgot your password? Reset it at https://www.syr.gov/reset #Password") == []
    assert body("Password: must be at least 15 characters long.") == []
    assert body("Our new password policy is simple: use a passphrase.") == []


def test_high_entropy_values_are_found_and_ordinary_values_are_not() -> None:
    assert len(scan("webhook_signing: q7Rf2LmX9vK4pZ8wN3sYb6Tc1Hd5Jg0E\n")) == 1
    assert len(scan("signing: 4f9a1c0e7b2d8356af0e9c1b7d3a5f2e8c6b4d1a\n")) == 1
    ordinary = (
        "url: https://x.com/SyracuseDPW/status/1991234567890123456\n"
        "id: 2026-11-20-snow-emergency\n"
        "name: BillShuster4Congress\n"
        "tag: '#SmallBusinessSaturday'\n"
        "handle: '@SyracuseDPWOfficial2026'\n"
        "published_at: 2026-11-20T07:00:00-05:00\n"
        "status: 1991234567890123456\n"
    )
    assert scan(ordinary) == []


def test_clean_example_files_are_silent() -> None:
    text = (
        "id: dpw-x\nkind: official\nplatform: x\nhandle: '@SyracuseDPW'\n"
        "security:\n  mfa: true\n  login_gateway: Hootsuite\n"
        "  recovery_account: {handle: dpw-recovery, privileged: false}\n"
    )
    assert scan(text) == []


secret_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp", "Zs")),
    min_size=8,
    max_size=40,
).map(lambda s: "7" + s)  # a digit first: never a placeholder, a YAML indicator or a quote


@settings(max_examples=60, deadline=None)
@given(value=secret_text, key=st.sampled_from(["password", "api_key", "client_secret"]))
def test_secret_values_never_appear_in_findings_or_reports(value: str, key: str) -> None:
    text = f"id: a\nsecurity:\n  {key}: {value}\n"
    found = scan(text)
    assert len(found) == 1
    for out in (found[0].message, found[0].model_dump_json(), repr(found[0])):
        assert value not in out


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_scanned_without_error(text: str) -> None:
    for finding in scan(text, "posts/p.md", "post"):
        assert finding.rule == RULE
        assert finding.span is not None and 0 <= finding.span[0] < finding.span[1] <= len(text)


def test_repr_of_a_content_file_hides_its_text() -> None:
    assert "Parks2024" not in repr(ContentFile("a.yaml", "password: Parks2024!", "account"))


def test_example_repo_finds_the_parks_password_in_every_format(
    shared_dir: Path, tmp_path: Path
) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(shared_dir / "examples" / "content-repo", repo)
    report = lint_paths([repo], today=f.TODAY, entry_point_plugins=False)
    secrets = [v for v in report.active if v.rule == RULE]
    assert [(Path(v.path or "").name, v.line) for v in secrets] == [("parks-facebook.yaml", 11)]
    formats = ("text", "json", "sarif", "junit", "github", "html")
    outputs = [render(fmt, report, {}) for fmt in formats]
    outputs.append(json.dumps([v.model_dump() for v in report.violations]))
    for out in outputs:
        assert "Parks2024" not in out


def test_a_hostile_one_line_file_is_scanned_in_linear_time() -> None:
    """`{a: {a: …` on one line: each key's value is read within a bounded window.

    Before the window, 40 KB took 2.5 s (quadratic); 400 KB would take minutes.
    """
    import time

    from postlint.packs import builtin_pack
    from postlint.text.secrets import SecretScanner

    scanner = SecretScanner(builtin_pack("syracuse", "secrets"))
    text = "{a: " * 100_000 + "password: Tr0ub4dor&3x}"
    started = time.perf_counter()
    hits = scanner.scan(text, (0, len(text)))
    assert time.perf_counter() - started < 10
    assert [h.kind for h in hits] == ["password"]
