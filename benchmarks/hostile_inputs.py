"""Throw every hostile file of the bad-input catalogue at ``python -m postlint check``.

    python benchmarks/hostile_inputs.py             # the catalogue, one run per file
    python benchmarks/hostile_inputs.py --million   # plus a 1,000,000-line JSONL archive

Each case is a fresh content repository (tests/test_bad_input.py builds it) with one
bad file among good ones, checked in a subprocess with a 10-second limit, as a user
would. Prints a Markdown table: case, exit code, seconds, the finding about the bad
file, and whether the good files were still linted — the table in docs/reliability.md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_bad_input import CASES, make_repo  # noqa: E402

LIMIT = 10.0


def run(repo: Path) -> tuple[int | None, float, dict[str, object] | None, str]:
    """Exit code, seconds, the JSON report and stderr of one run (``None``: timed out)."""
    argv = [sys.executable, "-m", "postlint", "check", ".", "--today", "2026-11-25",
            "--no-plugins", "--format", "json", "--select", "incomplete-record"]  # fmt: skip
    started = time.monotonic()
    try:
        done = subprocess.run(argv, cwd=repo, capture_output=True, text=True, timeout=LIMIT)
    except subprocess.TimeoutExpired:
        return None, time.monotonic() - started, None, ""
    elapsed = time.monotonic() - started
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        report = None
    return done.returncode, elapsed, report, done.stderr


def row(
    name: str, rel: str, result: tuple[int | None, float, dict[str, object] | None, str]
) -> str:
    code, elapsed, report, err = result
    if code is None:
        return f"| {name} | TIMEOUT | >{LIMIT:.0f} | | |"
    found = [v for v in (report or {}).get("violations", []) if v["path"] == rel]  # type: ignore[attr-defined]
    first = found[0] if found else None
    shown = f"`{rel}:{first['line']}: {first['message'][:90]}`" if first else "(none)"
    good = any(v["path"] == "posts/flagged.md" for v in (report or {}).get("violations", []))  # type: ignore[attr-defined]
    crash = " TRACEBACK" if "Traceback" in err else ""
    return f"| {name} | {code}{crash} | {elapsed:.2f} | {shown} | {'yes' if good else 'NO'} |"


def million(folder: Path) -> str:
    repo = make_repo(folder / "million")
    (repo / "archive").mkdir()
    good = b'{"account": "dpw-x", "status": "draft", "text": "Leaf pickup starts Monday."}\n'
    broken = b'{"account": "dpw-x", "text": \n'
    with (repo / "archive" / "posts.jsonl").open("wb") as out:
        for n in range(1, 1_000_001):
            out.write(broken if n % 100_000 == 0 else good)
    global LIMIT
    LIMIT = 600.0
    code, elapsed, report, _ = run(repo)
    errors = [v for v in (report or {}).get("violations", []) if v["rule"] == "input-error"]  # type: ignore[attr-defined]
    posts = (report or {}).get("summary", {}).get("posts")  # type: ignore[attr-defined]
    return (
        f"1,000,000-line JSONL, 10 broken lines: exit {code}, {elapsed:.1f} s,"
        f" {len(errors)} input-errors at lines {[e['line'] for e in errors]}, {posts} posts linted"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--million", action="store_true", help="add the 1M-line archive")
    args = parser.parse_args()
    print("| input | exit | seconds | finding about the bad file | rest linted |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, (rel, write), _line, _fragment in CASES:
            repo = make_repo(Path(tmp) / name)
            write(repo)
            print(row(name, rel, run(repo)), flush=True)
        if args.million:
            print()
            print(million(Path(tmp)))


if __name__ == "__main__":
    main()
