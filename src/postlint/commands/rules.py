"""``postlint rules``: every rule with its clauses, severity and target."""

from __future__ import annotations

import argparse
import json
from typing import Any

NAME = "rules"
HELP = "List every rule with its slug, severity, target and policy clauses."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument("--no-plugins", action="store_true", help="built-in rules only")


def run(args: argparse.Namespace) -> int:
    from postlint.engine import Linter

    linter = Linter(entry_point_plugins=not args.no_plugins)
    rows: list[dict[str, Any]] = [
        {
            "slug": r.slug,
            "severity": r.severity,
            "target": r.target,
            "scope": sorted(r.scope),
            "clauses": list(r.clauses),
            "fixable": r.fixable,
            "summary": r.summary,
        }
        for r in linter.all_rules
    ]
    if args.format == "json":
        print(json.dumps(rows, indent=2))
        return 0
    width = max((len(r["slug"]) for r in rows), default=10)
    for r in rows:
        fix = " (fixable)" if r["fixable"] else ""
        print(f"{r['slug']:<{width}}  {r['severity']:<7}  {r['target']:<7}  "
              f"{', '.join(r['clauses']):<28}  {r['summary']}{fix}")  # fmt: skip
    return 0
