"""``postlint baseline [PATHS…] [-o FILE]``: record today's findings to report only new ones."""

from __future__ import annotations

import argparse

from postlint.commands.check import parse_day

NAME = "baseline"
HELP = "Record the current findings so that `check --baseline FILE` reports only new ones."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", help="files or folders (default: .)")
    parser.add_argument(
        "-o",
        "--output",
        default=".postlint-baseline.json",
        help="the baseline file to write (default: .postlint-baseline.json)",
    )
    parser.add_argument("--config", help="configuration file (default: found upward)")
    parser.add_argument("--today", type=parse_day, help="judge as of this day (YYYY-MM-DD)")
    parser.add_argument(
        "--no-plugins",
        action="store_true",
        help="do not load plugins from the postlint entry-point group",
    )


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from postlint import baseline
    from postlint.api import lint_paths
    from postlint.violation import RESERVED_SLUGS

    report = lint_paths(
        args.paths or ["."],
        config_path=Path(args.config) if args.config else None,
        today=args.today,
        entry_point_plugins=not args.no_plugins,
    )
    out = Path(args.output)
    count = baseline.write(report, out)
    print(f"Recorded {count} finding{'s' if count != 1 else ''} in {out}.")
    left = [v for v in report.active if v.rule in RESERVED_SLUGS]
    if left:
        print(
            f"postlint: {len(left)} finding(s) such as {left[0].rule} are never baselined;"
            " `postlint check` shows them",
            file=sys.stderr,
        )
    return 0
