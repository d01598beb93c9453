"""``postlint password --account ID``: check a candidate password without echoing it.

The candidate is read with ``getpass`` (no echo), or one line from standard input with
``--stdin`` (for scripts and tests); it is judged by ``password-strength`` only, with
the account's handle, department and platform as context, and never printed.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from postlint.commands._accounts import add_account_arguments, workspace_account

if TYPE_CHECKING:
    from postlint.models import Account

NAME = "password"
HELP = "Check a candidate password for an account (no echo; never printed or stored)."

RULE = "password-strength"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_account_arguments(parser)
    parser.add_argument(
        "--stdin",
        action="store_true",
        help="read the candidate as one line from standard input instead of prompting",
    )


def read_candidate(use_stdin: bool) -> str | None:
    """The candidate password, or ``None`` when none can be read safely."""
    if use_stdin:
        line = sys.stdin.readline()
        return line[:-1] if line.endswith("\n") else line  # spaces are part of it
    if not sys.stdin.isatty():
        print(
            "postlint password: standard input is not a terminal, so the password cannot be"
            " read without echo; run it in a terminal, or pass --stdin to read one line",
            file=sys.stderr,
        )
        return None
    import getpass

    return getpass.getpass("Candidate password (not shown): ")


def with_candidate(account: Account, candidate: str) -> Account:
    """A copy of ``account`` holding the candidate, as if built in code (no file origin)."""
    from pydantic import SecretStr

    from postlint.models import Security

    security = account.security or Security()
    copy = account.model_copy(
        update={"security": security.model_copy(update={"password": SecretStr(candidate)})}
    )
    return copy.with_origin(None)  # type: ignore[no-any-return]


def run(args: argparse.Namespace) -> int:
    from postlint.engine import Linter

    found = workspace_account(args, "password")
    if found is None:
        return 2
    ws, account = found
    candidate = read_candidate(args.stdin)
    if candidate is None:
        return 2
    if not candidate:
        print("postlint password: no password given", file=sys.stderr)
        return 2
    linter = Linter.for_workspace(ws, entry_point_plugins=False, select=[RULE])
    rule = linter.rule(RULE)
    if rule is None:  # pragma: no cover - a built-in rule
        print(f"postlint password: rule {RULE} is not available", file=sys.stderr)
        return 2
    try:
        # Run the rule itself: a personal account's password deserves the same advice.
        findings = list(rule.check(with_candidate(account, candidate), linter.context))
    except Exception as exc:  # never show the exception's text: it may hold the password
        print(f"postlint password: the check failed ({type(exc).__name__})", file=sys.stderr)
        return 2
    del candidate
    mfa = "on" if account.security is not None and account.security.mfa else "off"
    if not findings:
        print(f"The candidate password for {account.id} meets the policy (MFA {mfa}).")
        return 0
    print(f"The candidate password for {account.id} is rejected (MFA {mfa}):")
    for finding in findings:
        reason = finding.message.removeprefix("the candidate password is rejected: ")
        print(f"  - {reason}")
    return 1
