"""A content repository: find its configuration, roster, consents, accounts and posts.

Given the paths a user (or pre-commit) names, :func:`load_workspace` finds the
configuration upward, reads what every rule needs for reference (all accounts, the
roster and the register) and lists what is to be linted: only the named files, or
everything under the named folders.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from postlint.config import Config, find_config
from postlint.errors import ConfigError, InputError
from postlint.loading.files import (
    InputErrors,
    display_path,
    load_account,
    load_consents,
    load_post,
    load_roster,
    read_text,
    validate,
    yaml_doc,
)
from postlint.loading.yamlsource import YamlLocator
from postlint.models import Account, ConsentRegister, Post, Roster
from postlint.origin import ContentFile, Origin

POST_SUFFIXES = (".md", ".markdown", ".yaml", ".yml")
ARCHIVE_SUFFIXES = (".json", ".jsonl", ".ndjson")
SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__"})
ARCHIVE_DIRS = frozenset({"archive", "archives"})


@dataclass
class Workspace:
    """What one run reads: references for the rules and the targets to lint."""

    config: Config
    root: Path
    roster: Roster | None = None
    consents: ConsentRegister | None = None
    accounts: dict[str, Account] = field(default_factory=dict)
    account_targets: list[Account] = field(default_factory=list)
    post_files: list[Path] = field(default_factory=list)
    archives: list[Path] = field(default_factory=list)
    files: list[ContentFile] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)
    #: Account files that could not be read: the id they would give → the file shown.
    unreadable_accounts: dict[str, str] = field(default_factory=dict)

    def posts(self) -> Iterator[Post | InputError]:
        """Every post to lint, file by file then archive by archive (streamed)."""
        from postlint.loading.archive import iter_archive

        yield from self.file_posts()
        for path in self.archives:
            yield from iter_archive(path, display_path(path))

    def file_posts(self) -> Iterator[Post | InputError]:
        """The posts of the post files (archives not included)."""
        for path in self.post_files:
            file, read = read_post_file(path)
            if file is not None:
                self.files.append(file)
            yield from read


def read_post_file(path: Path) -> tuple[ContentFile | None, list[Post | InputError]]:
    """A post file's text (``None`` when it cannot be read) and its post, or the
    errors that keep it from being one."""
    shown = display_path(path)
    file = None
    try:
        text = read_text(path, shown)
        file = ContentFile(shown, text, "post")
        return file, [load_post(path, shown, text)]
    except InputError as exc:
        return file, [exc]
    except InputErrors as errs:
        return file, list(errs.errors)
    except Exception as exc:  # a loader bug must cost one file, not the run
        return file, [unexpected(exc, shown)]


def unexpected(exc: Exception, shown: str) -> InputError:
    """An input error for a failure no loader foresaw (named by type: no file content)."""
    return InputError(
        f"could not be read ({type(exc).__name__}); the other files were still linted."
        " Please report this file's shape to the postlint maintainers",
        path=shown,
        line=1,
    )


# ------------------------------------------------------------------ configuration


def load_config(path: Path | None) -> tuple[Config, list[InputError]]:
    """The configuration in ``path`` (``postlint.yaml`` or ``pyproject.toml``).

    Returns the defaults and the problems when the file is unusable, so a run can go on
    and say what is wrong.
    """
    if path is None:
        return Config(), []
    shown = display_path(path)
    try:
        if path.name == "pyproject.toml":
            data = _pyproject_section(path, shown)
            origin = Origin(shown, 1)
        else:
            text = read_text(path, shown)
            doc = yaml_doc(text, shown)
            data = doc.data if doc.data is not None else {}
            origin = Origin(shown, 1, YamlLocator(doc))
        config = validate(Config, data, origin, "the configuration")
    except InputError as exc:
        return Config().located(path.parent, shown), [exc]
    except InputErrors as errs:
        return Config().located(path.parent, shown), errs.errors
    except Exception as exc:
        return Config().located(path.parent, shown), [unexpected(exc, shown)]
    return config.located(path.parent.resolve(), shown), []


def _pyproject_section(path: Path, shown: str) -> Any:
    import re
    import tomllib

    try:
        data = tomllib.loads(read_text(path, shown))
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"\(at line (\d+)", str(exc))
        line = int(where.group(1)) if where else 1
        raise InputError(f"malformed TOML: {exc}", path=shown, line=line) from None
    return data.get("tool", {}).get("postlint", {})


# ------------------------------------------------------------------ discovery


def load_workspace(
    paths: Sequence[str | Path], config_path: Path | None = None, config: Config | None = None
) -> Workspace:
    """Read the configuration and references, and list the targets under ``paths``."""
    given = [Path(p) for p in paths] or [Path.cwd()]
    problems: list[InputError] = []
    if config is None:
        found = config_path or find_config(given[0])
        if config_path is not None and not config_path.is_file():
            raise ConfigError("configuration file not found", path=str(config_path))
        config, problems = load_config(found)
    root = config.root or _guess_root(given[0])
    ws = Workspace(config=config, root=root, problems=problems)
    targets = _expand(given, ws.problems)
    explicit = {p.absolute() for p in given if not p.is_dir()}
    _load_references(ws, targets, explicit)
    return ws


def _guess_root(first: Path) -> Path:
    folder = first if first.is_dir() else first.parent
    folder = folder.resolve()
    if folder.name in ("posts", "accounts") or folder.name in ARCHIVE_DIRS:
        return folder.parent
    return folder


def _expand(given: list[Path], problems: list[InputError]) -> list[Path]:
    """Files named, and files under folders named, in a stable order."""
    out: list[Path] = []
    for path in given:
        if path.is_dir() and not path.is_symlink():
            out.extend(_walk(path))
        elif path.exists() or path.is_symlink():
            out.append(path)
        else:
            problems.append(InputError("no such file or folder", path=str(path)))
    seen: set[Path] = set()
    unique = []
    for path in out:
        key = path.absolute()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def _walk(folder: Path) -> list[Path]:
    """Files under ``folder`` in sorted depth-first order (a stack, not recursion: a
    hostile tree may nest thousands of folders)."""
    found: list[Path] = []
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            entries = sorted(current.iterdir())
        except OSError:
            continue
        folders: list[Path] = []
        for entry in entries:
            if entry.name.startswith(".") and entry.name not in (".postlint.yaml",):
                continue
            if entry.is_symlink() and entry.is_dir():
                continue  # never follow folder links (loops)
            if entry.is_dir() and entry.suffix.lower() in (*POST_SUFFIXES, *ARCHIVE_SUFFIXES):
                found.append(entry)  # a folder named like a post: reported, not walked
            elif entry.is_dir():
                if entry.name not in SKIP_DIRS:
                    folders.append(entry)
            else:
                found.append(entry)
        stack.extend(reversed(folders))
    return found


def _role(
    path: Path, ws: Workspace, roster: Path | None, consents: Path | None, explicit: bool
) -> str | None:
    resolved = path.absolute().resolve() if not path.is_symlink() else path.absolute()
    suffix = path.suffix.lower()
    if ws.config.source is not None and resolved == (ws.root / Path(ws.config.source).name):
        return "config"
    if roster is not None and resolved == roster:
        return "roster"
    if consents is not None and resolved == consents:
        return "consents"
    try:
        parts = resolved.relative_to(ws.root).parts[:-1]
    except ValueError:
        parts = resolved.parts[:-1]
    if suffix in ARCHIVE_SUFFIXES and (explicit or ARCHIVE_DIRS & set(parts)):
        return "archive"
    accounts_dir = Path(ws.config.accounts).parts
    if suffix in (".yaml", ".yml") and (
        tuple(parts[: len(accounts_dir)]) == accounts_dir or "accounts" in parts
    ):
        return "account"
    if suffix in (".md", ".markdown", ".yaml", ".yml") and ("posts" in parts or explicit):
        return "post"
    return None


def _reference_path(ws: Workspace, configured: str | None, default: str) -> Path | None:
    if configured is not None:
        return (ws.config.resolve(configured) or Path(configured)).absolute()
    candidate = ws.root / default
    return candidate.absolute() if candidate.is_file() else None


def _load_references(ws: Workspace, targets: list[Path], explicit: set[Path]) -> None:
    roster_path = _reference_path(ws, ws.config.roster, "people.yaml")
    consents_path = _reference_path(ws, ws.config.consents, "consents.yaml")
    roles = {
        path: _role(path, ws, roster_path, consents_path, path.absolute() in explicit)
        for path in targets
    }
    wanted_accounts = {p.absolute() for p, role in roles.items() if role == "account"}

    if roster_path is not None:
        ws.roster = _reference(ws, roster_path, load_roster, "roster" in roles.values())
    if consents_path is not None:
        ws.consents = _reference(ws, consents_path, load_consents, "consents" in roles.values())

    accounts_dir = ws.config.resolve(ws.config.accounts) or ws.root / ws.config.accounts
    account_files = sorted(
        p for p in accounts_dir.glob("*") if p.suffix.lower() in (".yaml", ".yml")
    ) if accounts_dir.is_dir() else []  # fmt: skip
    extra = [p for p, role in roles.items() if role == "account"]
    for path in [*account_files, *(p for p in extra if p.absolute() not in
                                    {a.absolute() for a in account_files})]:  # fmt: skip
        lint_it = path.absolute() in wanted_accounts
        account = _read_account(ws, path, lint_it)
        if account is None:
            continue
        if account.id in ws.accounts:
            if lint_it:
                ws.problems.append(
                    InputError(
                        f"account id {account.id!r} is used by another account file",
                        path=display_path(path),
                        line=1,
                    )
                )
            continue
        ws.accounts[account.id] = account
        if lint_it:
            ws.account_targets.append(account)

    for path, role in roles.items():
        if role == "post":
            ws.post_files.append(path)
        elif role == "archive":
            ws.archives.append(path)
        elif role == "config":
            shown = display_path(path)
            try:
                ws.files.append(ContentFile(shown, read_text(path, shown), "config"))
            except InputError as exc:
                ws.problems.append(exc)


def _reference(
    ws: Workspace, path: Path, loader: Any, lint_it: bool, role: str = "reference"
) -> Any:
    """A file read for reference (and linted as a file when asked), or ``None``.

    Its problems are reported even when it is only referenced: the posts need it.
    """
    shown = display_path(path)
    try:
        text = read_text(path, shown)
        if lint_it:
            ws.files.append(ContentFile(shown, text, role))
        return loader(shown, text)
    except InputError as exc:
        ws.problems.append(exc)
    except InputErrors as errs:
        ws.problems.extend(errs.errors)
    except Exception as exc:
        ws.problems.append(unexpected(exc, shown))
    return None


def _read_account(ws: Workspace, path: Path, lint_it: bool) -> Account | None:
    def load(shown: str, text: str) -> Account:
        return load_account(path, shown, text)

    account: Account | None = _reference(ws, path, load, lint_it, "account")
    if account is None:
        ws.unreadable_accounts.setdefault(path.stem, display_path(path))
    return account
