"""Cold start: checking one post imports and builds only what that check uses.

``python -m postlint check one-post.md`` is timed against ``import pydantic`` (issue 7,
measure d). Every module it imports and every model it builds without using it is
start-up time, so a fresh interpreter runs the benchmark's check and reports what it
imported and which models it built.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from factories import benchmark_module

#: Runs in a fresh interpreter: the check, then what it imported and built.
CHILD = """
import sys
before = set(sys.modules)
from postlint.cli import main
code = main(sys.argv[1:])
import postlint.config, postlint.models, postlint.violation
print("exit", code)
for name in sorted(set(sys.modules) - before):
    print("module", name)
for module in (postlint.config, postlint.models, postlint.violation):
    for name, obj in vars(module).items():
        if getattr(obj, "__pydantic_complete__", False) and obj.__module__ == module.__name__:
            print("built", name)
"""

#: Modules a check of one clean post has no use for.
NOT_NEEDED = (
    "jinja2",  # --template only
    "zxcvbn",  # password-strength: accounts with a candidate password
    "wordsegment",  # hashtag splitting: posts with a run-together hashtag
    "phonenumbers",  # personal-data: posts with a phone-like number
    "confusable_homoglyphs",  # non-ASCII look-alike letters
    "tomllib",  # a [tool.postlint] configuration in pyproject.toml
    "json",  # archives and the json/sarif reports
    "difflib",  # "did you mean" hints for a mistyped name
    "multiprocessing",  # --jobs > 1
    "concurrent.futures",
    "postlint.loading.archive",  # archives only: read by postlint.parallel
    "postlint.parallel",
    "postlint.progress",  # the progress bar of archives
    "postlint.fixing",
    "postlint.baseline",
    "postlint.coverage",
    "postlint.docpages",
    "postlint.suppressions",  # posts and files that carry suppressions
    "postlint.loading.jsonline",  # placing a finding on an archive record's line
)


@pytest.fixture(scope="module")
def one_post_check(tmp_path_factory: pytest.TempPathFactory) -> tuple[set[str], set[str]]:
    """The modules imported and the models built by the benchmark's one-post check."""
    workload: object = benchmark_module("workload")
    repo = workload.write_repo(tmp_path_factory.mktemp("one-post"))  # type: ignore[attr-defined]
    post = workload.write_one_post(repo)  # type: ignore[attr-defined]
    args = ["check", "-q", "--no-plugins", "--today", "2026-11-25", str(post.relative_to(repo))]
    done = subprocess.run([sys.executable, "-c", CHILD, *args], cwd=repo, capture_output=True,
                          text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = [line.split(" ", 1) for line in done.stdout.splitlines()]
    assert ["exit", "0"] in lines, done.stdout  # a clean post: no finding to build
    return {v for k, v in lines if k == "module"}, {v for k, v in lines if k == "built"}


def test_one_post_check_imports_only_what_it_uses(
    one_post_check: tuple[set[str], set[str]],
) -> None:
    modules, _ = one_post_check
    assert "postlint.commands.check" in modules and "postlint.reporting.text" in modules
    unneeded = {m for m in modules if m.split(".")[0] in NOT_NEEDED or m in NOT_NEEDED}
    # Other commands and other report formats are imported only when asked for.
    unneeded |= {
        m
        for m in modules
        if m.startswith(("postlint.commands.", "postlint.reporting."))
        and m not in ("postlint.commands.check", "postlint.reporting.text")
    }
    assert not unneeded, f"a one-post check imported {sorted(unneeded)}"


def test_one_post_check_builds_only_the_models_it_validates(
    one_post_check: tuple[set[str], set[str]],
) -> None:
    """Models build their validators on first use (``defer_build``): a clean post builds
    no finding models, and a nested model is built inside its parent, not on its own."""
    _, built = one_post_check
    assert {"Post", "Account", "Config"} <= built  # what the check validated
    assert not built & {"Violation", "Target", "Fix", "Edit"}
    assert not built & {"Media", "Quote", "ChangeLogEntry", "Security", "Person", "Consent"}


def test_every_command_module_is_listed() -> None:
    """The command line imports only the command it runs, found by name in ``NAMES``."""
    import pkgutil

    import postlint.commands as package
    from postlint.cli import build_parser

    modules = {m.name for m in pkgutil.iter_modules(package.__path__) if not m.name.startswith("_")}
    assert set(package.NAMES) == modules
    assert package.NAMES[0] == "check"  # the default command comes first in the help
    _, commands = build_parser()
    assert list(commands) == list(package.NAMES)  # each module's NAME is its file name


def test_entry_point_scan_finds_what_importlib_finds() -> None:
    """The scan skips distributions whose entry points do not name the group unparsed."""
    from importlib.metadata import entry_points as everything

    from postlint.plugins import entry_points

    for group in ("postlint", "pytest11", "console_scripts", "no-such-group"):
        assert entry_points(group=group) == list(everything(group=group)), group
