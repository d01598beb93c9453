"""A threshold in a policy pack that is not a number is a config-error at its line.

The Communications office tunes thresholds in the YAML packs under `rules/`. A slip
(`min_length: four`) must be reported where it is written, once, and must not turn
into a rule failure on every post.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

import factories as f
import postlint.api
from postlint import packs
from postlint.packs import PACK_NUMBERS, builtin_pack_root
from postlint.violation import Violation

ROOT = Path(__file__).resolve().parent.parent
CASES = [(name, field) for name, fields in PACK_NUMBERS.items() for field, *_ in fields]


@pytest.fixture
def policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the built-in packs, read instead of them; its `syracuse` folder."""
    root = tmp_path / "packs"
    shutil.copytree(builtin_pack_root(), root)
    monkeypatch.setattr(packs, "builtin_pack_root", lambda: root)
    return root / "syracuse"


def _write(pack: Path, key: str, value: str) -> int:
    """Set the first ``key:`` of ``pack`` to ``value``; the line it is on."""
    lines = pack.read_text(encoding="utf-8").splitlines(keepends=True)
    for number, line in enumerate(lines, 1):
        written = re.match(rf"(\s*){re.escape(key)}:", line)
        if written:
            lines[number - 1] = f"{written.group(1)}{key}: {value}\n"
            pack.write_text("".join(lines), encoding="utf-8")
            return number
    raise AssertionError(f"{pack.name} has no {key}")


def _findings() -> list[Violation]:
    """Every rule that reads a pack, run: the example repository and an account with a
    password given in code (the password rule judges only those)."""
    report = postlint.api.lint_paths(
        [ROOT / "examples" / "content-repo"], today=f.TODAY, entry_point_plugins=False
    )
    security: dict[str, Any] = {"mfa": False, "password": "lantern gravel oboe quietly"}
    account = f.official_account(security=security)
    return [*report.violations, *f.linter(select=["password-strength"]).check(account)]


@pytest.mark.parametrize(("name", "field"), CASES, ids=[f"{n}:{'.'.join(k)}" for n, k in CASES])
@pytest.mark.parametrize("value", ["four", "-3", "true"])
def test_a_threshold_that_is_not_a_number_is_a_config_error_at_its_line(
    policy: Path, name: str, field: tuple[str, ...], value: str
) -> None:
    line = _write(policy / f"{name}.yaml", field[-1], value)
    found = _findings()
    errors = [v for v in found if v.rule == "config-error" and f"pack {name!r}" in v.message]
    assert [(Path(v.path or "").name, v.line) for v in errors] == [(f"{name}.yaml", line)]
    assert ".".join(field) in errors[0].message
    assert not [v for v in found if v.rule == "internal-error"]


def test_the_shipped_thresholds_are_all_accepted() -> None:
    for name in PACK_NUMBERS:
        packs.check_numbers(name, packs.builtin_pack("syracuse", name), Path(f"{name}.yaml"))
