"""``postlint check [PATHS…]``: lint a content repository, files or archives."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

NAME = "check"
#: ``--fix`` passes at most (a pass applies the fixes that did not overlap).
MAX_FIX_PASSES = 3
HELP = "Check posts, accounts and archives (the default command)."


def parse_day(value: str) -> dt.date:
    """A ``YYYY-MM-DD`` date for ``--today``."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2026-11-25") from None


def slugs(value: str) -> list[str]:
    """A comma-separated list of rule slugs."""
    return [s.strip() for s in value.split(",") if s.strip()]


def job_count(value: str) -> int:
    """A number of processes for ``--jobs`` (0: one per CPU)."""
    try:
        jobs = int(value)
    except ValueError:
        jobs = -1
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of processes (0 = all CPUs)")
    return jobs


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", help="files or folders (default: .)")
    parser.add_argument(
        "--format",
        "--output-format",
        dest="format",
        default="text",
        help="text | json | sarif | junit | github | html (default: text)",
    )
    parser.add_argument("-o", "--output", help="write the report to this file")
    parser.add_argument("--template", help="a Jinja2 template for a custom output")
    parser.add_argument("--config", help="configuration file (default: found upward)")
    parser.add_argument("--today", type=parse_day, help="judge as of this day (YYYY-MM-DD)")
    parser.add_argument("--select", type=slugs, help="only these rules (comma-separated)")
    parser.add_argument("--ignore", type=slugs, default=[], help="skip these rules")
    parser.add_argument(
        "--fail-on",
        choices=["error", "warning"],
        help="lowest severity that fails the run (default: error)",
    )
    parser.add_argument(
        "--no-plugins",
        action="store_true",
        help="do not load plugins from the postlint entry-point group",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    parser.add_argument(
        "-j",
        "--jobs",
        type=job_count,
        default=1,
        help="processes sharing the archives, and the post files when there are 64 or"
        " more (0 = one per CPU; default: 1); the findings and their order do not change",
    )
    parser.add_argument(
        "--fix",
        action="store_true",
        help="apply safe fixes to drafts and scheduled posts, then report what is left",
    )
    parser.add_argument(
        "--unsafe-fixes", action="store_true", help="with --fix or --diff: unsafe fixes too"
    )
    parser.add_argument(
        "--diff", action="store_true", help="show the fixes as a unified diff; write nothing"
    )
    parser.add_argument(
        "--baseline",
        metavar="FILE",
        help="report only findings not recorded in this baseline (see `postlint baseline`)",
    )


def run(args: argparse.Namespace) -> int:
    from postlint.gcscope import set_aside

    with set_aside():  # the report's findings are not scanned again while it is written
        return _check(args)


def _check(args: argparse.Namespace) -> int:
    from pathlib import Path

    from postlint.api import lint_paths
    from postlint.engine import Report
    from postlint.gcscope import keep
    from postlint.reporting import render, stream

    jobs = args.jobs
    if not jobs:  # 0: one per CPU
        from postlint.parallel import default_jobs

        jobs = default_jobs()

    def lint() -> Report:
        return lint_paths(
            args.paths or ["."],
            config_path=Path(args.config) if args.config else None,
            today=args.today,
            select=args.select,
            ignore=args.ignore,
            entry_point_plugins=not args.no_plugins,
            jobs=jobs,
            progress=not args.quiet,
        )

    report = lint()
    if args.fix or args.diff:
        from postlint import fixing

        fixes = fixing.fix_report(report.violations, unsafe=args.unsafe_fixes)
        if args.diff:  # show, write nothing
            sys.stdout.write(fixes.diff())
            sys.stderr.write(fixes.summary().replace("Fixed", "Would fix", 1) + "\n")
            return 1 if fixes.files else 0
        # Fixes that overlapped wait for a later pass, as with ruff; a few passes at most.
        for _ in range(MAX_FIX_PASSES):
            fixing.write(fixes)
            sys.stderr.write(fixes.summary() + "\n")
            if not fixes.files:
                break
            report = lint()  # report what is left
            if not any("overlapping" in reason for reason in fixes.skipped):
                break
            fixes = fixing.fix_report(report.violations, unsafe=args.unsafe_fixes)
    if args.fail_on:
        report.fail_on = args.fail_on
    if args.baseline:
        from postlint import baseline

        baseline.apply(report, Path(args.baseline))
    keep()
    fmt = "template" if args.template else args.format
    pieces = stream(fmt, report, {"template": args.template, "quiet": args.quiet})
    if args.output:
        from postlint.output import write_output

        write_output(Path(args.output), pieces)  # whole or not at all
        if fmt != "text":
            summary = render("text", report, {"summary_only": True})
            sys.stderr.write(summary)
    else:
        sys.stdout.writelines(pieces)
    if args.baseline and report.baselined and not args.quiet:
        sys.stderr.write(f"{report.baselined} known finding(s) in {args.baseline} not shown.\n")
    return report.exit_code
