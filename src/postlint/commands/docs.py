"""``postlint docs --out docs/rules``: write the generated docs pages."""

from __future__ import annotations

import argparse
from pathlib import Path

NAME = "docs"
HELP = "Write the docs site's generated pages: one per rule, and the plugin API page."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", default="docs/rules", help="folder of the rule pages (default: docs/rules)"
    )
    parser.add_argument(
        "--plugins-page",
        help="also write the plugin API page here (e.g. docs/plugins.md)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 when a page is missing, stale or extra (for CI)",
    )


def run(args: argparse.Namespace) -> int:
    import sys

    from postlint.docpages import MARKER, plugins_page, rule_page, rules_index
    from postlint.engine import Linter

    # Built-in rules only: the site documents this package, whatever is installed.
    rules = Linter(entry_point_plugins=False).all_rules
    out = Path(args.out)
    pages = {out / f"{r.slug}.md": rule_page(r) for r in rules}
    pages[out / "index.md"] = rules_index(rules)
    if args.plugins_page:
        pages[Path(args.plugins_page)] = plugins_page()
    stale = [
        p
        for p in (sorted(out.glob("*.md")) if out.is_dir() else [])
        if p not in pages and p.read_text(encoding="utf-8").startswith(MARKER)
    ]
    changed = [p for p, text in pages.items() if _read(p) != text]
    if args.check:
        for path in [*changed, *stale]:
            print(f"{path}: out of date; run `postlint docs`", file=sys.stderr)
        return 1 if changed or stale else 0
    out.mkdir(parents=True, exist_ok=True)
    for path in changed:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(pages[path], encoding="utf-8")
    for path in stale:
        path.unlink()
    print(f"{len(pages)} generated pages: {len(changed)} written, {len(stale)} removed")
    return 0


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None
