"""The peers postlint is measured against, and the import-time profile of a cold start.

proselint (a prose linter) and detect-secrets (a secret scanner) are in the ``bench``
extra; a peer that is not installed is reported as skipped, not as a failure.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path


def proselint_time(texts: list[str]) -> float | None:
    """Seconds proselint takes to check every text with all its checks."""
    try:
        from proselint.checks import __register__
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        return None
    registry = CheckRegistry()
    if not registry.checks:
        registry.register_many(__register__)
    LintFile("warm-up", "Warm up the checks.").lint()
    start = time.perf_counter()
    for text in texts:
        LintFile("post", text).lint()
    return time.perf_counter() - start


def detect_secrets_time(texts: list[str]) -> float | None:
    """Seconds detect-secrets takes to scan every text with its default plugins."""
    try:
        from detect_secrets.core.scan import scan_line
        from detect_secrets.settings import default_settings
    except ImportError:
        return None
    with default_settings():
        list(scan_line("warm up = 'the plugins'"))
        start = time.perf_counter()
        for text in texts:
            for line in text.splitlines() or [""]:
                list(scan_line(line))
        return time.perf_counter() - start


def heaviest_imports(
    cmd: list[str], cwd: Path, env: dict[str, str] | None = None, top: int = 12
) -> dict[str, float]:
    """Modules with the largest cumulative import time (ms) in a ``-X importtime`` run.

    Only top-level packages' own entries are kept, so the list says which dependency
    a cold start pays for.
    """
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    cumulative: dict[str, float] = {}
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        parts = [p.strip() for p in line.removeprefix("import time:").split("|")]
        if len(parts) != 3 or not parts[1].isdigit():
            continue
        name = parts[2]
        if name.startswith(" ") or "." in name.strip():
            continue
        cumulative[name.strip()] = max(cumulative.get(name.strip(), 0.0), int(parts[1]) / 1000)
    ranked = sorted(cumulative.items(), key=lambda kv: -kv[1])[:top]
    return {name: round(ms, 1) for name, ms in ranked}


def _burn(count: int) -> int:
    total = 0
    for i in range(count):
        total += i * i
    return total


def machine_speedup(count: int = 15_000_000) -> float:
    """How much faster 2 processes do pure CPU work than 1, on this machine right now.

    A machine shared with other work cannot give ``--jobs 2`` two whole cores; this
    says what it could give while the benchmark ran.
    """
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.map(_burn, [1, 1])  # both workers started before the clock runs
        start = time.perf_counter()
        pool.map(_burn, [count], chunksize=1)
        serial = time.perf_counter() - start
        start = time.perf_counter()
        pool.map(_burn, [count, count], chunksize=1)
        parallel = time.perf_counter() - start
    return 2 * serial / parallel
