"""``postlint explain SLUG``: a rule's docs page in the terminal."""

from __future__ import annotations

import argparse

NAME = "explain"
HELP = "Show a rule's documentation: what it checks, why, examples, configuration."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("slug", help="the rule's slug, e.g. incomplete-record")
    parser.add_argument("--no-plugins", action="store_true", help="built-in rules only")


def run(args: argparse.Namespace) -> int:
    import difflib
    import sys

    from postlint.docpages import reserved_page, rule_page
    from postlint.engine import Linter
    from postlint.violation import RESERVED_SLUGS

    linter = Linter(entry_point_plugins=not args.no_plugins)
    rule = linter.rule(args.slug)
    if rule is not None:
        sys.stdout.write(rule_page(rule, markdown=False))
        return 0
    if args.slug in RESERVED_SLUGS:
        sys.stdout.write(reserved_page(args.slug, markdown=False))
        return 0
    known = sorted({r.slug for r in linter.all_rules} | RESERVED_SLUGS)
    close = difflib.get_close_matches(args.slug, known, n=3)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    print(
        f"postlint: no rule {args.slug!r}{hint} (`postlint rules` lists every rule)",
        file=sys.stderr,
    )
    return 2
