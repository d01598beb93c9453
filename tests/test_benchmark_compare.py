"""benchmarks/compare.py: two benchmark records side by side, across commits."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from factories import benchmark_module

compare = benchmark_module("compare")


def record(**results: dict[str, Any]) -> dict[str, Any]:
    base: dict[str, Any] = {
        "a": {"ratio": 5.9, "posts_per_s": 30_000, "ok": False},
        "b": {"ratio": 1.3, "ok": True},
        "d": {"ratio": 4.1, "check_ms": 236.0, "ok": False},
        "e": {"speedup": 1.6, "machine_speedup_2_procs": 2.0, "same_findings_same_order": True},
        "f": {"peak_rss_mb": 268.5, "ok": True},
    }
    base.update(results)
    return {
        "when": "2026-11-26T00:18:39+00:00",
        "commit": "f3a4b3b00000",
        "quick": False,
        "machine": {"cpus": 2},
        "corpus": "34872 real tweets",
        "results": base,
    }


def rows(table: str) -> dict[str, str]:
    """Each figure's row, by its label."""
    return {
        label: line
        for line in table.splitlines()
        for label in [f.label for f in compare.FIGURES]
        if label in line
    }


def test_a_change_is_better_or_worse_by_the_figure_s_direction() -> None:
    old = record()
    new = copy.deepcopy(old)
    new["results"]["a"]["ratio"] = 4.0  # lower is better
    new["results"]["e"]["speedup"] = 1.8  # higher is better
    new["results"]["f"]["peak_rss_mb"] = 320.0  # lower is better
    table = rows(compare.compare(old, new))
    assert "better (-32%)" in table["rules vs. parse-only floor"]
    assert "better (+12%)" in table["--jobs 2 vs. --jobs 1"]
    assert "worse (+19%)" in table["peak memory, streamed archive"]
    assert "same (+0%)" in table["10,000 vs. 10 terms"]


def test_each_figure_is_judged_against_its_own_target() -> None:
    old = record()
    new = copy.deepcopy(old)
    new["results"]["e"]["speedup"] = 1.75
    new["results"]["f"]["peak_rss_mb"] = 300.0  # the target is under 300 MB
    table = rows(compare.compare(old, new))
    assert table["rules vs. parse-only floor"].endswith("NO → NO")
    assert table["posts a second, one process"].endswith("yes → yes")  # a's rate is met
    assert table["--jobs 2 vs. --jobs 1"].endswith("NO → yes")
    assert table["peak memory, streamed archive"].endswith("yes → NO")
    assert table["cold start of one check"].endswith("- → -")  # no target of its own


def test_a_speedup_with_other_findings_does_not_meet_e() -> None:
    new = record(e={"speedup": 1.9, "same_findings_same_order": False})
    figure = next(f for f in compare.FIGURES if f.key == "speedup")
    assert compare.met(new, figure) == "NO"


def test_records_of_other_texts_or_machines_are_flagged() -> None:
    old = record()
    new = record()
    new["corpus"] = "generated tweet-shaped text (../shared absent)"
    new["machine"] = {"cpus": 8}
    text = compare.compare(old, new)
    assert "warning: different texts" in text
    assert "warning: different machines: 2 vs. 8 CPUs" in text
    assert "warning" not in compare.compare(old, record())


def test_a_measure_only_one_side_has_is_shown_with_a_dash() -> None:
    old = record()
    del old["results"]["d"]
    new = record(d={"skipped": "no subprocesses here"})
    table = compare.compare(old, new)
    assert "cold start" not in table  # neither side measured it
    new = record()
    assert "-  " in rows(compare.compare(old, new))["cold start vs. import pydantic"]


def test_the_command_compares_two_files_and_refuses_what_is_not_a_record(
    tmp_path: Path,
) -> None:
    old, new, bad = tmp_path / "old.json", tmp_path / "new.json", tmp_path / "bad.json"
    old.write_text(json.dumps(record()), encoding="utf-8")
    new.write_text(json.dumps(record(b={"ratio": 1.6, "ok": False})), encoding="utf-8")
    bad.write_text('{"when": "yesterday"}', encoding="utf-8")
    printed: list[str] = []
    assert compare.main([str(old), str(new)], out=printed.append) == 0
    assert "worse (+23%)" in rows(printed[0])["10,000 vs. 10 terms"]
    with pytest.raises(SystemExit, match=r"bad\.json: not a benchmark record"):
        compare.main([str(old), str(bad)], out=printed.append)
    with pytest.raises(SystemExit, match=r"missing\.json: cannot be read"):
        compare.main([str(tmp_path / "missing.json")], out=printed.append)
