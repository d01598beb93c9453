"""A self-contained HTML compliance report for the Director of Communications.

Summary counts; findings by account, by department, by rule and by clause; a chart of
findings by department and month (inline SVG); the suppressed findings with their
reasons. One file, no script and no external resource: it opens without a network
and prints cleanly. The page is the Jinja2 template ``templates/report.html.j2``
(autoescaped); this module only arranges the data.

An archive can hold tens of thousands of findings: every count, table and chart covers
them all, but each account lists at most :data:`MAX_LISTED` of its findings (errors
first), and says how many more the machine-readable outputs hold, so the page stays
one a browser opens (a million-post archive's page went from 41 MB to 235 KB).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from postlint import __version__
from postlint.engine import Report
from postlint.reporting.descriptors import clause_key, descriptors
from postlint.violation import Violation

NO_ACCOUNT = "(no account)"
NO_DEPARTMENT = "(no department)"
#: Colour-blind-safe series colours (Okabe–Ito), one a department, in turn.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000")
UNKNOWN_GREY = "#8C959F"
#: Findings listed under each account, and suppressed findings listed (the option
#: ``max_listed`` of :func:`render` overrides it; ``None`` lists every one).
MAX_LISTED = 500


@dataclass
class Group:
    """Findings sharing an account, a department, a rule or a clause: counted, and
    (for a section that lists them) the first few of each kind kept in report order."""

    key: str
    department: str = ""
    #: The accounts of a department; the rules of a clause.
    members: set[str] = field(default_factory=set)
    errors: int = 0
    warnings: int = 0
    #: How many of each kind to keep for a listing (``None``: all; 0: none).
    keep: int | None = 0
    #: The first ``keep`` findings, the first ``keep`` errors and the first ``keep``
    #: warnings: all a listing of ``keep`` can show, however many there are.
    first: list[Violation] = field(default_factory=list)
    first_errors: list[Violation] = field(default_factory=list)
    first_warnings: list[Violation] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.errors + self.warnings

    def add(self, v: Violation) -> None:
        """Count ``v`` (and keep it, while a listing could show it)."""
        keep = self.keep
        if v.severity == "error":
            self.errors += 1
            kind = self.first_errors
        else:
            self.warnings += 1
            kind = self.first_warnings
        if keep is None or len(kind) < keep:
            kind.append(v)
        if keep is None or len(self.first) < keep:
            self.first.append(v)

    def listing(self) -> Listing:
        """What a section shows of this group: all in report order when they fit, else
        the errors first, each kind in report order."""
        limit = self.keep
        if limit is None or self.total <= limit:
            return Listing(self.first)
        shown = (self.first_errors + self.first_warnings)[:limit]
        errors_shown = min(self.errors, limit)
        return Listing(
            shown,
            errors_left=self.errors - errors_shown,
            warnings_left=self.warnings - (limit - errors_shown),
        )


@dataclass
class Listing:
    """The findings a section lists, and what it leaves to the other outputs."""

    shown: list[Violation]
    errors_left: int = 0
    warnings_left: int = 0

    @property
    def left(self) -> int:
        return self.errors_left + self.warnings_left


def listing(findings: Iterable[Violation], limit: int | None) -> Listing:
    """At most ``limit`` of ``findings``: the errors first, each kind in report order
    (read once, keeping no more than the listing needs)."""
    group = Group("", keep=None if limit is None else max(limit, 0))
    for v in findings:
        group.add(v)
    return group.listing()


def render(report: Report, options: dict[str, Any]) -> str:
    import jinja2

    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    source = resources.files("postlint").joinpath("templates/report.html.j2").read_text("utf-8")
    return env.from_string(source).render(view(report, options))


def view(report: Report, options: dict[str, Any]) -> dict[str, Any]:
    """Everything the template shows, as plain data."""
    active = report.active
    today = report.today.isoformat() if report.today else ""
    accounts: dict[str, Group] = {}
    departments: dict[str, Group] = {}
    clauses: dict[str, Group] = {}
    limit = options.get("max_listed", MAX_LISTED)
    keep = None if limit is None else max(limit, 0)
    counts: Counter[str] = Counter()
    for v in active:
        info = report.info(v)
        account = info.account or NO_ACCOUNT
        department = info.department or NO_DEPARTMENT
        group = accounts.get(account)
        if group is None:
            group = accounts[account] = Group(account, department=department, keep=keep)
        group.add(v)
        departments.setdefault(department, Group(department)).add(v)
        if info.account:
            departments[department].members.add(account)
        for clause in v.clauses:
            clauses.setdefault(clause, Group(clause)).add(v)
            clauses[clause].members.add(v.rule)
        counts[v.rule] += 1
    rules = descriptors(report)
    for d in rules:
        for clause in d.clauses:
            clauses.setdefault(clause, Group(clause)).members.add(d.slug)
    summary = report.summary()
    return {
        "title": options.get("title") or "Social media policy compliance report",
        "city": options.get("city") or "City of Syracuse",
        "today": today,
        "version": __version__,
        "summary": summary,
        "status": _status(report.exit_code),
        "accounts": [
            {"group": g, "listed": g.listing()}
            for g in sorted(accounts.values(), key=lambda g: (g.key == NO_ACCOUNT, -g.total, g.key))
        ],
        "departments": sorted(
            departments.values(), key=lambda g: (g.key == NO_DEPARTMENT, -g.total, g.key)
        ),
        "rules": [
            {"descriptor": d, "count": counts.get(d.slug, 0)}
            for d in sorted(rules, key=lambda d: (-counts.get(d.slug, 0), d.slug))
        ],
        "clauses": [clauses[c] for c in sorted(clauses, key=clause_key)],
        "chart": chart(report, active, today[:7]),
        "suppressed": listing(report.suppressed, limit),
        "more": more,
    }


def more(listed: Listing) -> str:
    """What a section leaves out, and where to find it."""
    kinds = [
        f"{n} {word}{'s' if n != 1 else ''}"
        for n, word in ((listed.errors_left, "error"), (listed.warnings_left, "warning"))
        if n
    ]
    return (
        f"… and {listed.left} more ({', '.join(kinds)}) not listed here. The counts above"
        " include them; every finding is in the json, sarif, junit and text outputs."
    )


def _status(exit_code: int) -> dict[str, str]:
    if exit_code == 0:
        return {"label": "No blocking findings", "tone": "ok"}
    if exit_code == 1:
        return {"label": "Blocking findings: action needed", "tone": "bad"}
    return {"label": "Some input could not be checked", "tone": "bad"}


def _step(top: int) -> int:
    """A round tick step (1, 2 or 5 times a power of ten) giving at most five ticks."""
    step = 1
    while top / step > 5:
        for factor in (2, 5 / 2, 2):
            step = round(step * factor)
            if top / step <= 5:
                break
    return step


def chart(report: Report, active: Iterable[Violation], this_month: str) -> dict[str, Any]:
    """Stacked bars of findings by month, one colour a department, as SVG geometry.

    A post counts in the month it was published (scheduled; today for drafts);
    accounts and files in the month of the run.
    """
    cells: dict[str, Counter[str]] = defaultdict(Counter)
    for v in active:
        info = report.info(v)
        month = info.month or this_month or "unknown"
        cells[month][info.department or NO_DEPARTMENT] += 1
    months = sorted(cells)
    named = sorted({d for c in cells.values() for d in c} - {NO_DEPARTMENT})
    colour = {d: PALETTE[i % len(PALETTE)] for i, d in enumerate(named)}
    departments = named
    if any(NO_DEPARTMENT in c for c in cells.values()):
        departments = [*named, NO_DEPARTMENT]  # last, in grey: not a department's doing
        colour[NO_DEPARTMENT] = UNKNOWN_GREY
    highest = max((sum(c.values()) for c in cells.values()), default=0)
    step = _step(highest)
    top = step * -(-highest // step)  # the axis ends on a tick
    width, height, left, bottom, pad = 1000, 260, 40, 30, 10
    plot_h = height - bottom - pad
    slot = (width - left - pad) / max(len(months), 1)
    bar_w = min(64.0, slot * 0.6)
    bars: list[dict[str, Any]] = []
    for i, month in enumerate(months):
        x = left + slot * i + (slot - bar_w) / 2
        y = float(height - bottom)
        for department in departments:
            n = cells[month][department]
            if not n:
                continue
            h = plot_h * n / top
            y -= h
            bars.append(
                {
                    "x": round(x, 1),
                    "y": round(y, 1),
                    "w": round(bar_w, 1),
                    "h": round(h, 1),
                    "fill": colour[department],
                    "title": f"{department}, {month}: {n}",
                }
            )
    ticks = list(range(0, top + 1, step)) if top else [0]
    return {
        "width": width,
        "height": height,
        "left": left,
        "base": height - bottom,
        "right": width - pad,
        "bars": bars,
        "months": [
            {"label": m, "x": round(left + slot * i + slot / 2, 1)} for i, m in enumerate(months)
        ],
        "ticks": [
            {"label": t, "y": round(height - bottom - (plot_h * t / top if top else 0), 1)}
            for t in ticks
        ],
        "legend": [{"label": d, "fill": colour[d]} for d in departments],
        # The same counts as a table, a row a department, for print and screen readers.
        "rows": {d: [cells[m][d] for m in months] for d in departments},
    }
