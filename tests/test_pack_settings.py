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
import yaml

import factories as f
import postlint.api
from postlint import packs
from postlint.packs import builtin_pack_root
from postlint.packshapes import PACK_SHAPES, Fields, Number
from postlint.violation import Violation

ROOT = Path(__file__).resolve().parent.parent


def _numbers(shape: Fields, at: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """The path of every threshold a pack's shape declares."""
    found = []
    for key, inner in shape.keys.items():
        if isinstance(inner, Number):
            found.append((*at, key))
        elif isinstance(inner, Fields):
            found += _numbers(inner, (*at, key))
    return found


CASES = [(name, field) for name, shape in PACK_SHAPES.items() for field in _numbers(shape)]


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


def _replace(pack: Path, key: str, value: str) -> int:
    """Set the top-level ``key`` of ``pack`` to ``value`` (YAML, read as YAML reads it),
    the pack written anew; the line of the key."""
    data = yaml.safe_load(pack.read_text(encoding="utf-8"))
    data[key] = yaml.safe_load(f"v: {value}")["v"]
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    pack.write_text(text, encoding="utf-8")
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(f"{key}:"))


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


def test_the_shipped_packs_are_in_shape() -> None:
    for name in PACK_SHAPES:
        packs.builtin_pack("syracuse", name)  # raises when out of shape


@pytest.mark.parametrize(
    ("name", "key", "value", "says", "below"),
    [
        # YAML reads a bare `null`, `no` or `on` as no text at all: quoting is the fix.
        # The finding is at the item, on the line below its key.
        ("accessibility", "alt_file_names", "[null]", "write it in quotes", 1),
        ("disclosure", "titles", "Director", "must be a list", 0),
        ("secrets", "placeholders", "[]", "", 0),  # empty: the rule's own default
        # At the element that lacks its patterns, on the line below.
        ("terms", "elements", "{SMP-3a: {name: moderation}}", "is missing; it is required", 1),
        ("identity", "departments", "[Parks]", "must be a mapping", 0),
    ],
)
def test_a_pack_out_of_shape_is_a_config_error_at_its_line(
    policy: Path, name: str, key: str, value: str, says: str, below: int
) -> None:
    line = _replace(policy / f"{name}.yaml", key, value) + below
    found = _findings()
    errors = [v for v in found if v.rule == "config-error" and f"pack {name!r}" in v.message]
    assert not [v for v in found if v.rule == "internal-error"]
    if not says:
        assert errors == []
        return
    # Each rule the pack stops says so once, at the same line.
    assert {(Path(v.path or "").name, v.line) for v in errors} == {(f"{name}.yaml", line)}
    assert len(errors) == len({v.message.split(":", 1)[0] for v in errors})
    assert says in errors[0].message


def test_a_command_names_the_line_of_a_pack_out_of_shape(
    policy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from postlint.cli import main

    line = _write(policy / "clauses.yaml", "children_cover", "yes please")
    assert main(["coverage"]) == 2
    err = capsys.readouterr().err
    assert f"clauses.yaml:{line}:" in err
    assert "must be true or false, not 'yes please'" in err
