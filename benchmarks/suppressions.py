"""Cost of the suppression stage on a large run: ``python benchmarks/suppressions.py``.

100,000 findings over 50 archive files, 10,000 record suppressions (each silencing one)
and one ``per_path_ignores`` glob; prints the seconds the stage takes (best of 3).
"""

from __future__ import annotations

import datetime as dt
import time

from postlint import suppressions as s
from postlint.violation import Target, Violation

FINDINGS, ENTRIES = 100_000, 10_000


def main() -> None:
    found = [
        Violation(rule="incomplete-record", severity="error", message="no url",
                  target=Target(kind="post", id=f"p{i}"), field="url",
                  path=f"archive/a{i % 50}.jsonl", line=i % 5000 + 1)
        for i in range(FINDINGS)
    ]  # fmt: skip
    settings = s.Settings(
        today=dt.date(2026, 11, 25),
        known=frozenset({"incomplete-record"}),
        enabled=frozenset({"incomplete-record"}),
        per_path_ignores={"archive/a1*.jsonl": ["incomplete-record"]},
        root=None,
        severity={},
    )
    best = float("inf")
    for _ in range(3):
        entries = [
            s.Entry("incomplete-record", "pending", None, Target(kind="post", id=f"p{i * 10}"),
                    f"archive/a{(i * 10) % 50}.jsonl", 1, scope="record",
                    record=("post", f"p{i * 10}"))
            for i in range(ENTRIES)
        ]  # fmt: skip
        start = time.perf_counter()
        out = s.apply(found, entries, settings)
        best = min(best, time.perf_counter() - start)
    suppressed = sum(v.suppressed for v in out)
    print(f"suppression stage: {FINDINGS} findings, {ENTRIES} suppressions, 1 glob:"
          f" {best:.2f} s ({suppressed} suppressed, {len(out) - FINDINGS} governance findings)")  # fmt: skip


if __name__ == "__main__":
    main()
