"""The pre-commit hook, through the real pre-commit framework, in temporary git repos.

A hook repository must be a git repository with ``.pre-commit-hooks.yaml`` committed,
so the test commits this checkout's working tree (package, packs, hooks file) into a
temporary repository and points a content repository's ``.pre-commit-config.yaml`` at
that commit. pre-commit installs the package into its own environment (in a temporary
``PRE_COMMIT_HOME``; pip's cache keeps that to some twenty seconds).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
HOOK_FILES = (".pre-commit-hooks.yaml", "pyproject.toml", "README.md", "src", "rules")

#: A clean published post of the example repository; without its `url` it breaks SMP-1.
CLEAN_POST = "posts/2026-11-18-water-main-break.md"


def _pre_commit() -> list[str]:
    exe = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which(
        "pre-commit"
    )
    if exe is None or shutil.which("git") is None:
        pytest.skip("git or pre-commit is not installed")
    return [exe]


def _git(
    cwd: Path, *args: str, check: bool = True, home: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=check, capture_output=True, text=True, env=_env(home)
    )


def _env(home: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    if home is not None:
        # Each run commits a new hook revision, so a shared cache would only grow.
        env["PRE_COMMIT_HOME"] = str(home)
    env.update(
        GIT_AUTHOR_NAME="postlint test",
        GIT_AUTHOR_EMAIL="test@example.invalid",
        GIT_COMMITTER_NAME="postlint test",
        GIT_COMMITTER_EMAIL="test@example.invalid",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
    )
    return env


def _hook_repo(tmp: Path) -> tuple[Path, str]:
    repo = tmp / "hook-repo"
    repo.mkdir()
    for name in HOOK_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, repo / name)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "postlint under test")
    return repo, _git(repo, "rev-parse", "HEAD").stdout.strip()


def _content_repo(tmp: Path, example: Path, hook_repo: Path, rev: str) -> Path:
    repo = tmp / "content"
    repo.mkdir()
    for name in ("postlint.yaml", "people.yaml", "consents.yaml", "accounts"):
        source = example / name
        if source.is_dir():
            shutil.copytree(source, repo / name)
        else:
            shutil.copy2(source, repo / name)
    (repo / "posts").mkdir()
    config = {
        "repos": [
            {
                "repo": str(hook_repo),
                "rev": rev,
                "hooks": [{"id": "postlint", "args": ["--today", "2026-11-25", "--no-plugins"]}],
            }
        ]
    }
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "content repository")  # before the hook is installed
    return repo


@pytest.mark.slow
def test_hook_refuses_a_violating_post_and_accepts_the_fix(
    tmp_path: Path, example_repo: Path
) -> None:
    pre_commit = _pre_commit()
    hook_repo, rev = _hook_repo(tmp_path)
    repo = _content_repo(tmp_path, example_repo, hook_repo, rev)
    home = tmp_path / "pre-commit-home"
    subprocess.run([*pre_commit, "install"], cwd=repo, check=True, capture_output=True,
                   env=_env(home))  # fmt: skip

    clean = (example_repo / CLEAN_POST).read_text()
    assert "\nurl: " in clean
    post = repo / "posts" / "2026-11-25-water-update.md"
    post.write_text("".join(line for line in clean.splitlines(True) if not line.startswith("url:")))
    _git(repo, "add", str(post))
    refused = _git(repo, "commit", "-m", "water update", check=False, home=home)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "incomplete-record" in output and "2026-11-25-water-update.md" in output
    # Only the staged file was linted, yet its account and the roster were read.
    assert "input-error" not in output and "unauthorized-author" not in output

    post.write_text(clean)
    _git(repo, "add", str(post))
    accepted = _git(repo, "commit", "-m", "water update", check=False, home=home)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "postlint" in accepted.stdout + accepted.stderr  # the hook ran and passed


def test_hooks_file_describes_the_hook() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    [hook] = hooks
    assert hook["id"] == "postlint" and hook["entry"] == "postlint check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True and hook["require_serial"] is True
    import re

    files = re.compile(hook["files"])
    for path in ("posts/a.md", "posts/b.yaml", "accounts/x.yml", "people.yaml",
                 "consents.yaml", "postlint.yaml", "archive/2026.jsonl", "pyproject.toml"):  # fmt: skip
        assert files.search(path), path
    for path in ("README.md", "src/postlint/cli.py", "docs/posts.md", "notes/people.txt"):
        assert not files.search(path), path
