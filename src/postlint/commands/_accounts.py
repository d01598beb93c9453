"""Finding the account a command works on (``terms``, ``password``)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from postlint.loading.repo import Workspace
    from postlint.models import Account


def add_account_arguments(parser: argparse.ArgumentParser) -> None:
    """``--account`` and ``--config``, the arguments :func:`workspace_account` reads."""
    parser.add_argument("--account", required=True, help="id of the account (accounts/ID.yaml)")
    parser.add_argument("--config", help="configuration file (default: found upward)")


def workspace_account(args: argparse.Namespace, command: str) -> tuple[Workspace, Account] | None:
    """The workspace of ``--config`` (or the working folder) and its account ``--account``.

    Says what is wrong on standard error and returns ``None`` when either is missing.
    """
    from pathlib import Path

    from postlint.errors import PostlintError
    from postlint.loading.repo import load_workspace

    config_path = Path(args.config) if args.config else None
    start = config_path.parent if config_path is not None else Path.cwd()
    try:
        ws = load_workspace([start], config_path)
    except PostlintError as exc:
        print(f"postlint {command}: {exc}", file=sys.stderr)
        return None
    account = ws.accounts.get(args.account)
    if account is None:
        known = ", ".join(sorted(ws.accounts)) or "none found"
        print(
            f"postlint {command}: no account {args.account!r} on record (known: {known})",
            file=sys.stderr,
        )
        return None
    return ws, account
