"""``postlint coverage``: the clause-to-rule matrix of the policy."""

from __future__ import annotations

import argparse
import sys

NAME = "coverage"
HELP = "Show which rules enforce each policy clause (SMP-1 … SMP-12g)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=["text", "json", "markdown"], default="text")
    parser.add_argument(
        "--plugins",
        action="store_true",
        help="also count rules of installed plugins (default: built-in rules, as in the docs)",
    )


def run(args: argparse.Namespace) -> int:
    """Print the matrix; exit 1 when a clause has neither a rule nor a stated reason."""
    from postlint.coverage import build_matrix, render
    from postlint.engine import Linter

    linter = Linter(entry_point_plugins=args.plugins)
    matrix = build_matrix(linter.all_rules, linter.config.policy)
    sys.stdout.write(render(matrix, args.format))
    return 1 if matrix.gaps or matrix.unknown else 0
