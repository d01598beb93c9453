"""The linter: runs every enabled rule over posts, accounts and files.

Flow (one direction): loaders give records → :class:`Linter` runs rules with the
:class:`~postlint.context.LintContext` → findings get their severity, location and
suppression state → a :class:`Report` for the reporters.
"""

from __future__ import annotations

import datetime as dt
import time
import traceback
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from postlint.config import Config
from postlint.context import LintContext
from postlint.errors import ConfigError
from postlint.findings import Findings
from postlint.models import Account, ConsentRegister, Post, Roster
from postlint.origin import ContentFile, parse_field
from postlint.plugins import PluginProblem, Plugins, make_plugins
from postlint.rule import Rule
from postlint.violation import RESERVED_SLUGS, Severity, Target, TargetKind, Violation
from postlint.watchdog import RuleTimeout, Watchdog

if TYPE_CHECKING:
    from postlint.loading.repo import Workspace

#: Findings of these slugs make the exit code 2 (unusable input, a failed rule).
EXIT_2_SLUGS = frozenset({"input-error", "config-error", "internal-error"})


@dataclass(frozen=True)
class TargetInfo:
    """What a judged post or account belongs to, for reports that group findings."""

    account: str | None = None
    department: str | None = None
    #: ``YYYY-MM`` of the post's publish time in the City (today for drafts).
    month: str | None = None
    #: The account's kind (official | personal): which rules apply to the target.
    scope: str | None = None


@dataclass
class Report:
    """Everything one run found, sorted, with counts for every output format."""

    #: In report order: a list, or for a run with very many, a :class:`Findings` that
    #: keeps most of them on disk (iterate it; do not expect list methods).
    violations: Sequence[Violation] = field(default_factory=list)
    files: int = 0
    posts: int = 0
    accounts: int = 0
    rules: list[Rule] = field(default_factory=list)
    fail_on: Severity = "error"
    today: dt.date | None = None
    #: Findings left out because a baseline (``check --baseline``) records them.
    baselined: int = 0
    #: Where the rules' documentation is published (the configuration's ``docs_url``).
    docs_url: str | None = None
    #: Account, department and month of each target, by ``(kind, id)``; file targets
    #: by ``("file", path)`` when the file holds one record. Filled by ``api.run``.
    targets: dict[tuple[str, str], TargetInfo] = field(default_factory=dict)
    #: What each content file read holds (post, account, roster, consents, config,
    #: archive), by its path as findings show it. Filled by ``api.run``.
    checked: dict[str, str] = field(default_factory=dict)

    def info(self, v: Violation) -> TargetInfo:
        """The account, department and month of a finding's target (empty if unknown)."""
        key = (v.target.kind, v.target.id)
        found = self.targets.get(key)
        if found is None and isinstance(self.violations, Findings):
            found = self.violations.recent.get(key)  # a finding just read from disk
        return found if found is not None else TargetInfo()

    @property
    def active(self) -> Sequence[Violation]:
        """Findings not suppressed."""
        if isinstance(self.violations, Findings):
            return self.violations.select(suppressed=False)
        return [v for v in self.violations if not v.suppressed]

    @property
    def suppressed(self) -> Sequence[Violation]:
        """Findings silenced by a suppression with a reason."""
        if isinstance(self.violations, Findings):
            return self.violations.select(suppressed=True)
        return [v for v in self.violations if v.suppressed]

    def tally(self) -> Counter[tuple[str, str, bool]]:
        """How many findings of each (rule, severity, suppressed)."""
        if isinstance(self.violations, Findings):
            return self.violations.counts()
        return Counter((v.rule, v.severity, v.suppressed) for v in self.violations)

    def summary(self) -> dict[str, Any]:
        """Counts by severity and rule, and the exit code."""
        by_rule: dict[str, int] = {}
        by_severity = {"error": 0, "warning": 0}
        suppressed = 0
        tally = self.tally()
        for (rule, severity, silenced), n in tally.items():
            if silenced:
                suppressed += n
                continue
            by_rule[rule] = by_rule.get(rule, 0) + n
            by_severity[severity] += n
        return {
            "files": self.files,
            "posts": self.posts,
            "accounts": self.accounts,
            "violations": by_severity["error"] + by_severity["warning"],
            "errors": by_severity["error"],
            "warnings": by_severity["warning"],
            "suppressed": suppressed,
            "baselined": self.baselined,
            "by_rule": dict(sorted(by_rule.items())),
            "exit_code": self._exit_code(tally),
        }

    @property
    def exit_code(self) -> int:
        """0 clean, 1 a blocking finding, 2 unusable input or a rule that failed."""
        return self._exit_code(self.tally())

    def _exit_code(self, tally: Counter[tuple[str, str, bool]]) -> int:
        active = [(rule, severity) for rule, severity, silenced in tally if not silenced]
        if any(rule in EXIT_2_SLUGS for rule, _ in active):
            return 2
        blocking = {"error"} if self.fail_on == "error" else {"error", "warning"}
        return 1 if any(severity in blocking for _, severity in active) else 0


def input_error(path: str | None, line: int | None, message: str, column: int = 1) -> Violation:
    """A finding for a file that cannot be read or validated."""
    return Violation(
        rule="input-error",
        severity="error",
        message=message,
        target=Target(kind="file", id=path or "<input>"),
        path=path,
        line=line if path else None,
        column=column if path else None,
    )


def internal_error(rule: str, exc: BaseException, target: Target) -> Violation:
    """A finding for a rule or plugin that raised.

    Names the rule, the exception type and where it was raised, never the exception's
    text: it may carry a value from the target (a password, personal data).
    """
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" at {frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}" if frames else ""
    return Violation(
        rule="internal-error",
        severity="error",
        message=(
            f"rule {rule!r} failed on this {target.kind} with {type(exc).__name__}{where};"
            " its other findings and the other rules still ran"
        ),
        target=target,
    )


class Linter:
    """Checks posts, accounts and content files against the policy.

    Three lines from import to findings::

        from postlint import Linter, Post
        linter = Linter(accounts=[my_account], today=date(2026, 11, 25))
        violations = linter.check(Post(id="p1", account="dpw-x", text="..."))
    """

    def __init__(
        self,
        config: Config | Mapping[str, Any] | None = None,
        *,
        roster: Roster | Mapping[str, Any] | None = None,
        consents: ConsentRegister | Mapping[str, Any] | None = None,
        accounts: Iterable[Account | Mapping[str, Any]] = (),
        today: dt.date | None = None,
        plugins: Sequence[Any] = (),
        entry_point_plugins: bool = True,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] = (),
    ) -> None:
        self.config = config if isinstance(config, Config) else Config.model_validate(config or {})
        self.plugins: Plugins = make_plugins(plugins, entry_point_plugins=entry_point_plugins)
        self.all_rules: list[Rule] = self.plugins.rules()
        self.context = LintContext(
            config=self.config,
            roster=_model(Roster, roster),
            consents=_model(ConsentRegister, consents),
            accounts={a.id: a for a in (_model(Account, a) for a in accounts) if a is not None},
            today=today or dt.date.today(),
            extra_packs=_hook_packs(self.plugins, self.config.policy),
        )
        self.setup_findings: list[Violation] = []
        self.rules = self._enabled_rules(select, ignore)
        self._by_target: dict[tuple[TargetKind, str], list[Rule]] = {}
        for rule in self.rules:
            for kind in rule.scope:
                self._by_target.setdefault((rule.target, kind), []).append(rule)
            if rule.target == "file":
                self._by_target.setdefault(("file", "*"), []).append(rule)
        self._reported_config: set[str] = set()
        self._config_failures: set[str] = set()  # rules stopped by a ConfigError
        self.watchdog = Watchdog(self.config.rule_timeout)
        self._time_used: dict[str, float] = {}  # rule time spent per content file
        #: Account files that could not be read (id → file), so that a post naming one
        #: says so instead of "not on record". Set by ``api.lint_paths``.
        self.unreadable_accounts: Mapping[str, str] = {}
        for problem in self.plugins.problems:
            self.setup_findings.append(
                Violation(
                    rule="internal-error",
                    severity="error",
                    message=f"plugin {problem.plugin}: {problem.message}",
                    target=Target(kind="file", id="<plugins>"),
                )
            )

    # ------------------------------------------------------------------ setup

    def _enabled_rules(self, select: Iterable[str] | None, ignore: Iterable[str]) -> list[Rule]:
        known = {r.slug for r in self.all_rules}
        chosen = list(select) if select is not None else self.config.select
        ignored = set(ignore) | set(self.config.ignore)
        per_path = [s for slugs in self.config.per_path_ignores.values() for s in slugs]
        for slug in [*(chosen or []), *ignored, *self.config.severity, *per_path]:
            if slug not in known and slug not in RESERVED_SLUGS:
                self.setup_findings.append(self._unknown_slug(slug, known))
        rules = [r for r in self.all_rules if r.slug not in ignored]
        if chosen is not None:
            rules = [r for r in rules if r.slug in set(chosen)]
        return rules

    def _unknown_slug(self, slug: str, known: set[str]) -> Violation:
        import difflib

        close = difflib.get_close_matches(slug, sorted(known), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        source = self.config.source
        line, column = (1, 1) if source else (None, None)
        origin = self.config.origin
        if origin is not None:  # point at the key in the configuration file
            field = f"severity.{slug}" if slug in self.config.severity else None
            for key in ("select", "ignore"):
                values = getattr(self.config, key) or []
                if field is None and slug in values:
                    field = f"{key}[{values.index(slug)}]"
            if field is not None:
                where = origin.locate(field)
                line, column = where.line, where.column
        return Violation(
            rule="config-error",
            severity="error",
            message=f"unknown rule {slug!r} in the configuration or options{hint}",
            target=Target(kind="file", id=source or "<config>"),
            path=source,
            line=line,
            column=column,
        )

    @classmethod
    def for_workspace(cls, ws: Workspace, **options: Any) -> Linter:
        """A linter with a workspace's configuration, roster, consents and accounts.

        ``options`` are the other keyword arguments of :class:`Linter` (``today``,
        ``select``, ``plugins``…).
        """
        linter = cls(
            ws.config,
            roster=ws.roster,
            consents=ws.consents,
            accounts=ws.accounts.values(),
            **options,
        )
        linter.unreadable_accounts = ws.unreadable_accounts
        return linter

    def rule(self, slug: str) -> Rule | None:
        """The rule with this slug (enabled or not)."""
        return next((r for r in self.all_rules if r.slug == slug), None)

    # ------------------------------------------------------------------ API

    def check(self, item: Post | Account | ContentFile | Mapping[str, Any]) -> list[Violation]:
        """Findings for one post, account or file (a dict is read as a post or account).

        Setup findings (unknown rules in the config, plugins that failed) come first.
        Each call arms the time bound (``rule_timeout``) for itself; to check many
        objects, wrap the loop in ``with linter.watching():`` so the bound is armed once.
        """
        if isinstance(item, Mapping):
            item = _post_or_account(item)
        found = list(self.setup_findings)
        with self.watching():
            found += self._check_one(item)
        return sorted(found, key=Violation.sort_key)

    def _check_one(self, item: Post | Account | ContentFile) -> list[Violation]:
        found: list[Violation] = []
        if isinstance(item, Post):
            found += self.suppress(self.check_post(item), records=[item])
        elif isinstance(item, Account):
            found += self.suppress(self.check_account(item), records=[item])
        elif isinstance(item, ContentFile):
            found += self.suppress(self.check_file(item), files=[item])
        else:
            raise TypeError(f"cannot lint {type(item).__name__}; give a Post, Account or dict")
        return found

    # ------------------------------------------------------------------ suppressions

    def suppress(
        self,
        violations: Iterable[Violation],
        *,
        records: Iterable[Post | Account] = (),
        files: Iterable[ContentFile] = (),
    ) -> list[Violation]:
        """The suppression stage: mark silenced findings, report bad or unused suppressions.

        ``records`` are the linted posts and accounts (their ``suppress:`` lists),
        ``files`` the linted files (their ``# postlint:`` comments). See
        :mod:`postlint.suppressions` for the forms and the rules.
        """
        return list(self.suppressing(violations, records=records, files=files))

    def suppressing(
        self,
        violations: Iterable[Violation],
        *,
        records: Iterable[Post | Account] = (),
        files: Iterable[ContentFile] = (),
    ) -> Iterable[Violation]:
        """:meth:`suppress`, a finding at a time; ``violations`` itself when no
        suppression applies (a one-file run then imports no more)."""
        suppressing = [r for r in records if getattr(r, "suppress", None)]
        commented = [
            f
            for f in files
            if f.path.lower().endswith((".yaml", ".yml", ".md", ".markdown"))
            and "postlint:" in f.text
        ]
        if not suppressing and not commented and not self.config.per_path_ignores:
            return violations
        from postlint import suppressions

        entries: list[suppressions.Entry] = []
        for record in suppressing:
            kind = "post" if isinstance(record, Post) else "account"
            entries.extend(suppressions.record_entries(record, kind))
        for file in commented:
            entries.extend(suppressions.comment_entries(file.path, file.text))
        if not entries and not self.config.per_path_ignores:
            return violations
        settings = suppressions.Settings(
            today=self.context.today,
            known=frozenset(r.slug for r in self.all_rules),
            enabled=frozenset(r.slug for r in self.rules),
            per_path_ignores=self.config.per_path_ignores,
            root=self.config.root,
            severity=self.config.severity,
            report_unused="unused-suppression" not in self.config.ignore,
        )
        return suppressions.marking(violations, entries, settings)

    def check_post(self, post: Post) -> list[Violation]:
        """Findings for one post (its account must be known to the context)."""
        account = self.context.account_of(post)
        if account is None:
            origin = post.origin
            where = origin.locate("account") if origin else None
            return [
                Violation(
                    rule="input-error",
                    severity="error",
                    message=self._unknown_account(post),
                    target=Target(kind="post", id=post.id),
                    field="account",
                    path=where.path if where else None,
                    line=where.line if where else None,
                    column=where.column if where else None,
                )
            ]
        return self._run(post, "post", self._by_target.get(("post", account.kind), []))

    def _unknown_account(self, post: Post) -> str:
        broken = self.unreadable_accounts.get(post.account)
        if broken is not None:
            return (
                f"post {post.id!r} names account {post.account!r}, whose file {broken} could"
                " not be read; fix that file (its input-error says how)"
            )
        return (
            f"post {post.id!r} names account {post.account!r}, which is not on record;"
            f" add accounts/{post.account}.yaml or fix the id"
        )

    def check_account(self, account: Account) -> list[Violation]:
        """Findings for one account (account rules apply to official accounts)."""
        return self._run(account, "account", self._by_target.get(("account", account.kind), []))

    def check_file(self, file: ContentFile) -> list[Violation]:
        """Findings of the file rules (``plaintext-secret``) for one content file."""
        return self._run(file, "file", self._by_target.get(("file", "*"), []))

    # ------------------------------------------------------------------ running

    def watching(self) -> AbstractContextManager[None]:
        """Enforce ``rule_timeout`` for every target checked inside the block.

        ``api.run`` wraps a whole run in it (one timer for the run); :meth:`check`
        wraps each call. Outside it, a slow rule is measured and reported, not stopped.
        """
        return self.watchdog.watching()

    def _run(self, target: Any, kind: TargetKind, rules: list[Rule]) -> list[Violation]:
        found: list[Violation] = []
        watchdog = self.watchdog
        # One budget per file: a post and its file's text share it, so one hostile
        # file costs at most the bound however many rules and targets it slows down.
        key = _budget_key(target)
        used = self._time_used.get(key, 0.0) if key is not None else 0.0
        began = watchdog.start(used)
        try:
            # With the timer armed a target costs one clock read; without it (a thread,
            # no SIGALRM) each rule is timed after it returns, and reported, not stopped.
            if watchdog.armed or not watchdog.enabled:
                self._run_rules(target, kind, rules, found)
            else:
                self._run_measured(target, kind, rules, found)
        except RuleTimeout:  # the bound passed between two rules: the run goes on
            pass
        finally:
            watchdog.stop()
            if key is not None:
                self._time_used[key] = used + time.monotonic() - began
        return found

    def _run_rules(
        self, target: Any, kind: TargetKind, rules: list[Rule], found: list[Violation]
    ) -> None:
        """Run ``rules`` on ``target``: the hot loop, one plain pass over the rules.

        A rule that fails or overruns the bound is found again from the loop variable
        (the error path only), so the clean path pays no per-rule bookkeeping.
        """
        context = self.context
        todo = rules
        while todo:
            rule = None
            try:
                for rule in todo:
                    # Any iterable: a generator, or an empty tuple when the rule has
                    # nothing to say (the cheap path the built-in rules take).
                    result = rule.check(target, context)
                    if result:
                        for violation in result:
                            self._emit(violation, target, rule, kind, found)
                return
            except RuleTimeout:
                if rule is None:  # before any rule ran: nothing was cut short
                    raise
                # The budget is the target's: what is left is not run, so one hostile
                # file costs at most the bound, however many rules it slows down.
                after = todo[_index(todo, rule) + 1 :]
                found.append(self._timed_out(rule, target, kind, after))
                return
            except (Exception, SystemExit) as exc:  # a rule calling exit() ends no run
                if rule is None:
                    raise
                self._failed(rule, exc, target, kind, found)
                todo = todo[_index(todo, rule) + 1 :]

    def _run_measured(
        self, target: Any, kind: TargetKind, rules: list[Rule], found: list[Violation]
    ) -> None:
        """Run ``rules`` timing each one (no timer can stop them here)."""
        watchdog = self.watchdog
        for index, rule in enumerate(rules):
            started = time.monotonic()
            try:
                for violation in rule.check(target, self.context):
                    self._emit(violation, target, rule, kind, found)
            except RuleTimeout:
                found.append(self._timed_out(rule, target, kind, rules[index + 1 :]))
                return
            except (Exception, SystemExit) as exc:
                self._failed(rule, exc, target, kind, found)
            else:
                if watchdog.overran(started):
                    found.append(self._timed_out(rule, target, kind, None))

    def _emit(
        self,
        violation: Violation,
        target: Any,
        rule: Rule,
        kind: TargetKind,
        found: list[Violation],
    ) -> None:
        finished = self._finish(violation, target)
        if finished is not None:
            found.extend(self._check_span(finished, target, rule, kind))

    def _failed(
        self, rule: Rule, exc: BaseException, target: Any, kind: TargetKind, found: list[Violation]
    ) -> None:
        if isinstance(exc, ConfigError):
            # The configuration, not the rule: a threshold that is not a number, say.
            # Reported once, at its line, however many targets the rule stops on (and
            # placed once: that may read the file again).
            key = f"{rule.slug}: {exc}"
            if key not in self._config_failures:
                self._config_failures.add(key)
                try:
                    reported = rule.config_problem(exc)
                except Exception:  # a file that cannot be read again: named, not placed
                    reported = rule.config_error(str(exc))
                problem = self._finish(reported, target)
                if problem is not None:
                    found.append(problem)
            return
        tgt = Target(kind=kind, id=str(getattr(target, "id", "?")))
        found.append(self._safe_locate(internal_error(rule.slug, exc, tgt), target))

    def _timed_out(
        self, rule: Rule, target: Any, kind: TargetKind, skipped: list[Rule] | None
    ) -> Violation:
        """A rule stopped at the bound (``skipped``: the rules not run after it), or
        measured over it (``None``: no timer could stop it)."""
        seconds = f"{self.watchdog.seconds:g}"
        if skipped is None:
            what = f"took longer than {seconds} s on this {kind} (measured, not stopped)"
        else:
            where = "this file" if _budget_key(target) is not None else f"this {kind}"
            what = f"was stopped: the rules took longer than {seconds} s on {where}"
            if skipped:
                names = ", ".join(r.slug for r in skipped)
                what += f"; not run on it: {names}"
        violation = Violation(
            rule="internal-error",
            severity="error",
            message=(
                f"rule {rule.slug!r} {what} (raise `rule_timeout` in the configuration if"
                " this content is legitimately slow to check)"
            ),
            target=Target(kind=kind, id=str(getattr(target, "id", "?"))),
        )
        return self._safe_locate(violation, target)

    def _check_span(
        self, violation: Violation, target: Any, rule: Rule, kind: TargetKind
    ) -> list[Violation]:
        """The finding, or — when its span lies outside its field's text (a rule's bug) —
        the finding without the span, located at its field, and an ``internal-error``."""
        span = violation.span
        if span is None:
            return [violation]
        text = field_text(target, violation.field)
        if text is None or 0 <= span[0] <= span[1] <= len(text):
            return [violation]
        unspanned = violation.model_copy(update={"span": None, "path": None})
        error = Violation(
            rule="internal-error",
            severity="error",
            message=(
                f"rule {rule.slug!r} gave a span {span} outside its field"
                f" {violation.field or 'text'!r} ({len(text)} characters) on this {kind}"
            ),
            target=violation.target,
        )
        return [self._safe_locate(unspanned, target), self._safe_locate(error, target)]

    def _safe_locate(self, violation: Violation, target: Any) -> Violation:
        """:meth:`_locate`, or the finding unlocated when the target's origin fails."""
        try:
            return self._locate(violation, target)
        except Exception:
            return violation

    def _finish(self, violation: Violation, target: Any) -> Violation | None:
        if violation.rule == "config-error":
            if violation.message in self._reported_config:
                return None
            self._reported_config.add(violation.message)
            return violation
        severity = self.config.severity.get(violation.rule)
        if severity is not None and severity != violation.severity:
            violation = violation.model_copy(update={"severity": severity})
        return self._locate(violation, target)

    @staticmethod
    def _locate(violation: Violation, target: Any) -> Violation:
        origin = getattr(target, "origin", None)
        if origin is None or violation.path is not None:
            return violation
        where = origin.locate(violation.field, violation.span)
        return violation.model_copy(update=where._asdict())


def _hook_packs(plugins: Plugins, policy: str) -> dict[str, list[Any]]:
    """Pack paths each plugin adds through ``postlint_packs``, by plugin name.

    A plugin whose hook raises is reported like any other plugin problem; the others
    still count.
    """
    found: dict[str, list[Any]] = {}
    for impl in plugins.manager.hook.postlint_packs.get_hookimpls():
        name = plugins.manager.get_name(impl.plugin) or repr(impl.plugin)
        try:
            given: Any = impl.function(policy=policy)
            if isinstance(given, str | Path):  # one path given bare, not in a list
                given = [given]
            paths = [Path(p) for p in given or []]
        except Exception as exc:  # a plugin's failure must not end the run
            plugins.problems.append(
                PluginProblem(name, f"postlint_packs raised {type(exc).__name__}")
            )
            continue
        if paths:
            found.setdefault(name, []).extend(paths)
    return found


def _index(rules: list[Rule], rule: Rule) -> int:
    """Where ``rule`` is in ``rules`` (by identity: two rules may compare equal)."""
    return next(i for i, r in enumerate(rules) if r is rule)


def _budget_key(target: Any) -> str | None:
    """The file whose time budget a target spends (none for archive records)."""
    if isinstance(target, ContentFile):
        return target.path
    origin = getattr(target, "origin", None)
    if origin is not None and origin.locator is not None:
        return str(origin.path)
    return None


def field_text(target: Any, field: str | None) -> str | None:
    """The text a finding's span indexes: the field's value, or a file's whole text."""
    if field is None:
        return target.text if isinstance(target, ContentFile) else None
    value: Any = target
    for part in parse_field(field):
        try:
            value = value[part] if isinstance(part, int) else getattr(value, part)
        except (AttributeError, IndexError, TypeError):
            return None
    if hasattr(value, "get_secret_value"):
        return None  # a secret's length is not ours to compare
    return value if isinstance(value, str) else None


def _model(cls: Any, value: Any) -> Any:
    if value is None or isinstance(value, cls):
        return value
    return cls.model_validate(value)


_ACCOUNT_ONLY = frozenset(Account.model_fields) - frozenset(Post.model_fields)


def _post_or_account(data: Mapping[str, Any]) -> Post | Account:
    """Read a dict as an account when it has account-only keys, else as a post."""
    if _ACCOUNT_ONLY & set(data) and "account" not in data:
        return Account.model_validate(data)
    return Post.model_validate(data)


def iter_sorted(violations: Iterable[Violation]) -> Iterator[Violation]:
    """Findings in the deterministic output order."""
    yield from sorted(violations, key=Violation.sort_key)


__all__ = ["Linter", "Report", "TargetInfo", "ValidationError", "input_error", "internal_error"]
