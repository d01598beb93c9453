"""The Dask recipe of docs/scaling.md, run as written on a local scheduler."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from postlint import parallel
from postlint.api import lint_paths
from test_parallel import mixed_lines, write_repo

DOC = Path(__file__).resolve().parent.parent / "docs" / "scaling.md"


def recipe(name: str) -> str:
    """The Python block of the doc that starts with ``# recipe: <name>``."""
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    found = [b for b in blocks if b.startswith(f"# recipe: {name}\n")]
    assert found, f"docs/scaling.md has no '# recipe: {name}' block"
    return found[0]


@pytest.mark.parametrize("scheduler", ["threads", "processes"])
def test_the_dask_recipe_gives_the_findings_of_postlint_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scheduler: str
) -> None:
    dask = pytest.importorskip("dask")
    pytest.importorskip("dask.bag")
    monkeypatch.setattr(parallel, "CHUNK_BYTES", 4096)
    repo = write_repo(tmp_path / "repo", mixed_lines(400))
    expected = lint_paths([repo], today=dt.date(2026, 11, 25))

    namespace: dict[str, Any] = {"REPO": repo}
    exec(recipe("setup"), namespace)
    assert len(namespace["pieces"]) > 8, "the archive spreads over several partitions"
    with dask.config.set(scheduler=scheduler, num_workers=2):
        exec(recipe("dask"), namespace)

    archive_findings = [
        v for v in expected.violations if v.path is not None and v.path.endswith(".jsonl")
    ]
    got = [v for v in namespace["findings"] if v.path is not None]
    assert [v.model_dump() for v in got] == [v.model_dump() for v in archive_findings]
    assert namespace["posts"] == expected.posts
    configs = [v for v in namespace["findings"] if v.rule == "config-error"]
    assert len(configs) == len({v.message for v in configs})
