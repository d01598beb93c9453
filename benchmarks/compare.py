"""Two benchmark records side by side: what changed between two commits or machines.

    python benchmarks/compare.py OLD.json            # OLD vs. results/latest.json
    python benchmarks/compare.py OLD.json NEW.json
    python benchmarks/run.py --compare OLD.json      # run, then compare with OLD

Each measure is shown by its headline figure (the ratio its target is about, and for a
and f the rate and the memory), the record's own value on each side, and the change.
Two records are comparable only when they measured the same corpus on a machine with
as many CPUs; otherwise the comparison is printed with a warning saying which differs.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

HERE = Path(__file__).resolve().parent
LATEST = HERE / "results" / "latest.json"

#: A change smaller than this share of the old value is reported as noise.
NOISE = 0.05


class Figure(NamedTuple):
    """A headline figure of a measure: where it is in the record, which way is good,
    and its target (issue 7), if it has one of its own."""

    measure: str
    key: str
    label: str
    lower_is_better: bool
    unit: str
    target: tuple[str, float] | None = None


FIGURES = (
    Figure("a", "ratio", "rules vs. parse-only floor", True, "×", ("<=", 3)),
    Figure("a", "posts_per_s", "posts a second, one process", False, "/s", (">=", 20_000)),
    Figure("b", "ratio", "10,000 vs. 10 terms", True, "×", ("<=", 1.5)),
    Figure("c", "vs_proselint", "faster than proselint", False, "×", (">=", 10)),
    Figure("c", "vs_detect_secrets_secret_rule", "plaintext-secret vs. detect-secrets", False, "×"),
    Figure("d", "ratio", "cold start vs. import pydantic", True, "×", ("<=", 2.5)),
    Figure("d", "check_ms", "cold start of one check", True, " ms"),
    # The same findings in the same order are part of e's target: see met().
    Figure("e", "speedup", "--jobs 2 vs. --jobs 1", False, "×", (">=", 1.7)),
    Figure("e", "machine_speedup_2_procs", "the machine's own 2-process speed-up", False, "×"),
    Figure("f", "peak_rss_mb", "peak memory, streamed archive", True, " MB", ("<", 300)),
    Figure("f", "kb_per_finding", "memory each further finding adds", True, " KB"),
)


def load(path: Path) -> dict[str, Any]:
    """A record written by ``run.py``; a clear error for anything else."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SystemExit(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except ValueError as exc:
        raise SystemExit(f"{path}: not a benchmark record (not JSON: {exc})") from None
    if not isinstance(record, dict) or not isinstance(record.get("results"), dict):
        raise SystemExit(f"{path}: not a benchmark record (no 'results' mapping)")
    return record


def differences(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Why the two records may not be comparable (empty when they are)."""
    notes = []
    if old.get("corpus") != new.get("corpus"):
        notes.append(f"different texts: {old.get('corpus')!r} vs. {new.get('corpus')!r}")
    cpus = [(r.get("machine") or {}).get("cpus") for r in (old, new)]
    if cpus[0] != cpus[1]:
        notes.append(f"different machines: {cpus[0]} vs. {cpus[1]} CPUs")
    if bool(old.get("quick")) != bool(new.get("quick")):
        notes.append("one record is a --quick run (smaller data, one run a side)")
    return notes


def _value(record: dict[str, Any], figure: Figure) -> float | None:
    result = record["results"].get(figure.measure)
    if not isinstance(result, dict) or "skipped" in result:
        return None
    value = result.get(figure.key)
    return float(value) if isinstance(value, int | float) else None


def met(record: dict[str, Any], figure: Figure) -> str:
    """Whether the figure meets its target in ``record``: yes, NO, or - (no target, or
    not measured)."""
    value = _value(record, figure)
    if figure.target is None or value is None:
        return "-"
    op, limit = figure.target
    ok = {"<=": value <= limit, ">=": value >= limit, "<": value < limit}[op]
    if figure.measure == "e":  # and the findings of --jobs 1, in the same order
        ok = ok and record["results"]["e"].get("same_findings_same_order") is not False
    return "yes" if ok else "NO"


def _show(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "/s":
        return f"{value:,.0f}{unit}"
    return f"{value:g}{unit}"


def change(old: float | None, new: float | None, lower_is_better: bool) -> str:
    """``new`` against ``old`` in words: better, worse or the same within the noise."""
    if old is None or new is None:
        return "-"
    if old == 0:
        return "same" if new == 0 else "-"
    share = (new - old) / abs(old)
    if abs(share) < NOISE:
        return f"same ({share:+.0%})"
    better = share < 0 if lower_is_better else share > 0
    return f"{'better' if better else 'worse'} ({share:+.0%})"


def _side(record: dict[str, Any]) -> str:
    commit = record.get("commit") or "?"
    return f"{commit} {record.get('when', '?')}"


def compare(old: dict[str, Any], new: dict[str, Any]) -> str:
    """The two records as a text table: one row per headline figure either one has."""
    rows = [("", "figure", "before", "now", "change", "met before → now")]
    for figure in FIGURES:
        before, now = _value(old, figure), _value(new, figure)
        if before is None and now is None:
            continue
        met_ = f"{met(old, figure)} → {met(new, figure)}"
        rows.append((
            figure.measure, figure.label, _show(before, figure.unit), _show(now, figure.unit),
            change(before, now, figure.lower_is_better), met_,
        ))  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [f"before: {_side(old)}", f"now:    {_side(new)}"]
    lines += [f"warning: {note}" for note in differences(old, new)]
    lines.append("")
    lines += [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None, out: Callable[[str], object] = print) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not 1 <= len(args) <= 2 or args[0] in ("-h", "--help"):
        out(__doc__.strip())
        return 0 if args and args[0] in ("-h", "--help") else 2
    old = load(Path(args[0]))
    new = load(Path(args[1]) if len(args) == 2 else LATEST)
    out(compare(old, new))
    return 0


if __name__ == "__main__":
    sys.exit(main())
