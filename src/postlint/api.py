"""The Python API: lint one object, or a content repository on disk."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from postlint.config import Config, find_config
from postlint.engine import Linter, Report, TargetInfo, input_error
from postlint.errors import InputError
from postlint.findings import Findings
from postlint.gcscope import keep, set_aside
from postlint.models import Account, ConsentRegister, Post, Roster
from postlint.violation import Violation

#: Post files from which they are linted in chunks, as archives are: with a progress
#: bar, and shared by the processes of ``--jobs`` (fewer are read one by one here: a
#: file costs about 1 ms, less than starting a worker).
FILES_IN_CHUNKS = 64


def lint(
    item: Post | Account | Mapping[str, Any],
    config: Config | Mapping[str, Any] | None = None,
    *,
    accounts: Iterable[Account | Mapping[str, Any]] = (),
    roster: Roster | Mapping[str, Any] | None = None,
    consents: ConsentRegister | Mapping[str, Any] | None = None,
    today: dt.date | None = None,
    plugins: Sequence[Any] = (),
) -> list[Violation]:
    """Findings for one post or account (a dict is read as one).

    A post is judged with the account it names, so pass that account in ``accounts``.
    For many objects, build one :class:`~postlint.engine.Linter` and call its
    ``check`` for each.
    """
    linter = Linter(
        config, accounts=accounts, roster=roster, consents=consents, today=today, plugins=plugins
    )
    return linter.check(item)


def load_config(start: str | Path = ".") -> Config:
    """The configuration found at or above ``start`` (the defaults when none is found)."""
    from postlint.loading.repo import load_config as _load

    config, problems = _load(find_config(Path(start)))
    if problems:
        raise problems[0]
    return config


def lint_paths(
    paths: Sequence[str | Path],
    *,
    config_path: str | Path | None = None,
    today: dt.date | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    plugins: Sequence[Any] = (),
    entry_point_plugins: bool = True,
    jobs: int = 1,
    progress: bool = False,
) -> Report:
    """Lint files and folders of a content repository; the :class:`Report` of the run.

    ``jobs`` processes share the archives (the findings and their order do not
    change); ``progress`` draws a bar on stderr when it is a terminal.
    """
    from postlint.loading.repo import load_workspace

    ws = load_workspace(paths, Path(config_path) if config_path is not None else None)
    linter = Linter.for_workspace(
        ws,
        today=today,
        plugins=plugins,
        entry_point_plugins=entry_point_plugins,
        select=select,
        ignore=ignore,
    )
    return run(linter, ws, jobs=jobs, progress=progress)


def run(linter: Linter, ws: Any, *, jobs: int = 1, progress: bool = False) -> Report:
    """Lint everything a workspace lists; nothing stops the run but the end of input.

    The whole run is under one time-bound timer (``rule_timeout``): a rule that hangs
    on one target is stopped and reported, and the run goes on.
    """
    with linter.watching(), set_aside():  # the findings held are not scanned again and again
        return _run(linter, ws, jobs=jobs, progress=progress)


def _run(linter: Linter, ws: Any, *, jobs: int, progress: bool) -> Report:
    from postlint.loading.files import display_path

    report = Report(rules=linter.rules, fail_on=linter.config.fail_on,
                    today=linter.context.today, docs_url=linter.config.docs_url)  # fmt: skip
    # Past a bound, the findings held go to disk in sorted runs (``findings``).
    found = Findings(targets=report.targets)
    found.extend(linter.setup_findings)
    found.extend(_as_finding(p) for p in ws.problems)
    linted: list[Post | Account] = []  # records with suppressions, for the suppression stage
    for account in ws.account_targets:
        report.accounts += 1
        describe(report.targets, linter, "account", account)
        found.extend(linter.check_account(account))
        if account.suppress:
            linted.append(account)
    # Many post files go in chunks, as archives do (shared by the jobs, with progress).
    chunked_files = len(ws.post_files) >= FILES_IN_CHUNKS
    if not chunked_files:
        report.posts += lint_read_posts(linter, ws.file_posts(), report.targets, found, linted)
    linted_elsewhere = len(ws.files)  # files from here on had their file rules run
    if ws.archives or chunked_files:
        _lint_chunked(linter, ws, found, report, linted, jobs=jobs, progress=progress,
                      files=chunked_files)  # fmt: skip
    for i, file in enumerate(ws.files):
        report.checked[file.path] = file.role
        if chunked_files and i >= linted_elsewhere:
            continue  # read and linted, its file rules too, with its post
        found.extend(linter.check_file(file))
    for archive in ws.archives:
        report.checked[display_path(archive)] = "archive"
    report.files = len(ws.files) + len(ws.archives)
    if not found.spilled:  # the usual run: a sorted list
        marked = linter.suppressing(found.held(), records=linted, files=ws.files)
        keep()
        report.violations = sorted(marked, key=Violation.sort_key)
        return report
    # Suppressions mark findings as they are read back, into a second store; each
    # finding takes its target's description along (marking passes them one by one).
    last: list[TargetInfo | None] = [None]
    feed = _described(found, last)
    marked = linter.suppressing(feed, records=linted, files=ws.files)
    if marked is not feed:  # the findings in order, then the suppressions' own
        count = len(found)
        found = found.remade((v, last[0] if i < count else None) for i, v in enumerate(marked))
    report.violations = found
    return report


def _described(found: Findings, last: list[TargetInfo | None]) -> Iterator[Violation]:
    """The findings in order; ``last[0]`` is the description of the one just given."""
    for v, info in found.pairs():
        last[0] = info
        yield v


def lint_read_posts(
    linter: Linter,
    items: Iterable[Post | InputError],
    targets: dict[tuple[str, str], TargetInfo],
    found: list[Violation] | Findings,
    suppressing: list[Post] | list[Post | Account],
) -> int:
    """Lint the posts read from post files (each described, its findings and errors into
    ``found``, those with ``suppress:`` entries kept); the number of posts.

    Here for the files read one by one, and in :mod:`postlint.parallel` for a chunk of
    them: both lint them alike.
    """
    posts = 0
    for item in items:
        if isinstance(item, InputError):
            found.append(_as_finding(item))
            continue
        posts += 1
        describe(targets, linter, "post", item)
        found.extend(linter.check_post(item))
        if item.suppress:
            suppressing.append(item)
    return posts


def _lint_chunked(
    linter: Linter,
    ws: Any,
    found: Findings,
    report: Report,
    linted: list[Post | Account],
    *,
    jobs: int,
    progress: bool,
    files: bool = False,
) -> None:
    """Archives (and with ``files``, the post files first): streamed in chunks, over
    ``jobs`` processes.

    Only an archive's posts with findings are described (an archive groups with none
    of its records), so memory stays flat however many posts an archive holds; every
    post of a post file is, as when the files are read here.
    """
    from postlint.parallel import Compactor, chunks, file_chunks, lint_chunks
    from postlint.progress import Progress

    reported = {v.message for v in found if v.rule == "config-error"}
    paths = [*(ws.post_files if files else ()), *ws.archives]
    work = itertools.chain(
        file_chunks(ws.post_files) if files else (), chunks(ws.archives, jobs=jobs)
    )
    compact = Compactor()
    with Progress(sum(_size(path) for path in paths), enabled=progress) as bar:
        for result in lint_chunks(linter, work, jobs):
            for v in result.findings:
                if v.rule == "config-error":
                    if v.message in reported:  # each worker reports it once
                        continue
                    reported.add(v.message)
                found.append(compact.finding(v))
            report.posts += result.posts
            for key, info in result.targets.items():
                report.targets[key] = compact.info(info)
            linted.extend(result.suppressing)
            ws.files.extend(result.files)
            bar.advance(result.size, result.posts)
            found.settle()  # past the bound, to disk with their posts' descriptions
            keep()


def target_info(linter: Linter, item: Post | Account) -> TargetInfo:
    """The account, department and month of a post or account, for grouping reports."""
    ctx = linter.context
    if not isinstance(item, Post):
        return _target_info(linter, item, None)
    day = ctx.judged_on(item)
    month = f"{day.year:04d}-{day.month:02d}"  # strftime costs three times as much
    # Posts of one account and month share one description (made once per run).
    known: dict[tuple[str, str], TargetInfo] = ctx.cached("api:target-infos", dict)
    info = known.get((item.account, month))
    if info is None:
        info = known[(item.account, month)] = _target_info(linter, item, month)
    return info


def _target_info(linter: Linter, item: Post | Account, month: str | None) -> TargetInfo:
    ctx = linter.context
    account = ctx.account_of(item) if isinstance(item, Post) else item
    department = account.department if account is not None else None
    if account is not None and department is None and account.owner:
        owner = ctx.person(account.owner)  # a personal account: its owner's department
        department = owner.department if owner is not None else None
    kind = account.kind if account is not None else None
    return TargetInfo(account.id if account else None, department, month, kind)


def describe(
    targets: dict[tuple[str, str], TargetInfo], linter: Linter, kind: str, item: Post | Account
) -> None:
    """Record the account, department and month of a target for grouping reports."""
    info = target_info(linter, item)
    targets[(kind, item.id)] = info
    origin = item.origin
    if origin is not None:
        # File findings (plaintext-secret) group with the record read from the file;
        # an archive holds many records, so it groups with none of them.
        key = ("file", origin.path)
        known = targets.get(key)
        targets[key] = info if known is None or known == info else TargetInfo()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _as_finding(error: InputError) -> Violation:
    return input_error(error.path, error.line, error.message)
