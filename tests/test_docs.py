"""The docs site: generated pages cannot drift from the code, and the site builds."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from postlint.cli import main
from postlint.config import CitySettings, Config
from postlint.docpages import MARKER, rst_to_markdown

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _generate(out: Path) -> dict[str, str]:
    assert main(["docs", "--out", str(out / "rules"), "--plugins-page",
                 str(out / "plugins.md")]) == 0  # fmt: skip
    return {p.relative_to(out).as_posix(): p.read_text() for p in sorted(out.rglob("*.md"))}


def test_committed_pages_are_what_the_code_generates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    generated = _generate(tmp_path)
    committed = {
        p.relative_to(DOCS).as_posix(): p.read_text()
        for p in [*sorted((DOCS / "rules").glob("*.md")), DOCS / "plugins.md"]
    }
    stale = sorted(k for k in committed.keys() | generated.keys()
                   if committed.get(k) != generated.get(k))  # fmt: skip
    assert not stale, (
        f"docs out of date: {stale}; run `python -m postlint docs --out docs/rules"
        " --plugins-page docs/plugins.md`"
    )


def test_check_mode_reports_drift_and_regeneration_removes_old_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _generate(tmp_path)
    rules = tmp_path / "rules"
    args = ["docs", "--out", str(rules), "--check"]
    assert main(args) == 0
    (rules / "incomplete-record.md").write_text("edited by hand\n")
    (rules / "retired-rule.md").write_text(MARKER + "\n# retired-rule\n")
    (rules / "notes.md").write_text("not generated: kept\n")
    assert main(args) == 1
    assert "incomplete-record.md" in capsys.readouterr().err
    assert main(["docs", "--out", str(rules)]) == 0
    assert main(args) == 0
    assert not (rules / "retired-rule.md").exists() and (rules / "notes.md").exists()


def test_every_rule_page_is_linked_from_the_index(tmp_path: Path) -> None:
    pages = _generate(tmp_path)
    index = pages["rules/index.md"]
    for name in pages:
        if name.startswith("rules/") and name != "rules/index.md":
            assert f"]({name.removeprefix('rules/')})" in index


def test_configuration_page_documents_every_key() -> None:
    page = (DOCS / "configuration.md").read_text()
    for name in [*Config.model_fields, *CitySettings.model_fields]:
        assert f"`{name}`" in page, f"docs/configuration.md does not document {name!r}"


def test_rst_docstrings_become_markdown() -> None:
    doc = """Intro with ``code`` and :class:`postlint.Rule`::

        [project.entry-points.postlint]
        x = "y"

    After.
    ```yaml
    kept: fence
    ```
    """
    md = rst_to_markdown(doc)
    assert "`code`" in md and "`Rule`" in md and "``" not in md.replace("```", "")
    assert "Intro with `code` and `Rule`:\n\n```\n[project.entry-points.postlint]" in md
    assert "```yaml\nkept: fence\n```" in md


@pytest.mark.skipif(
    importlib.util.find_spec("mkdocs") is None or importlib.util.find_spec("material") is None,
    reason="mkdocs and mkdocs-material (the docs extra) are not installed",
)
def test_site_builds_in_strict_mode(tmp_path: Path) -> None:
    mkdocs = shutil.which("mkdocs", path=str(Path(sys.executable).parent)) or "mkdocs"
    done = subprocess.run(
        [mkdocs, "build", "--strict", "--quiet", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "rules" / "incomplete-record" / "index.html").is_file()
