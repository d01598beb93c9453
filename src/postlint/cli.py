"""The command line: ``postlint [COMMAND] …`` (``check`` when no command is given).

Each command is a module in ``postlint.commands`` (listed in its ``NAMES``) with ``NAME``,
``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``; heavy imports happen inside
``run``, and a run imports only its own command.
Exit codes: 0 clean, 1 a blocking finding, 2 usage error, unusable input or a rule that
failed internally.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from postlint import __version__
from postlint.commands import NAMES

HELP_FLAGS = ("-h", "--help", "--version")


def _commands(names: Sequence[str] = NAMES) -> dict[str, ModuleType]:
    found: dict[str, ModuleType] = {}
    for name in names:
        module = importlib.import_module(f"postlint.commands.{name}")
        found[module.NAME] = module
    return found


def build_parser(
    only: str | None = None,
) -> tuple[argparse.ArgumentParser, dict[str, ModuleType]]:
    """The argument parser with every command (with ``only``: that command alone).

    A run builds the parser of its own command only: the others' modules and options
    cost a one-file check nothing.
    """
    commands = _commands(NAMES if only is None else (only,))
    parser = argparse.ArgumentParser(
        prog="postlint",
        description="Check social media posts and accounts against the City of Syracuse"
        " social media policy.",
    )
    parser.add_argument("--version", action="version", version=f"postlint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module in commands.items():
        sub_parser = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(sub_parser)
    return parser, commands


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in NAMES and args_list[0] not in HELP_FLAGS):
        args_list.insert(0, "check")
    parser, commands = build_parser(None if args_list[0] in HELP_FLAGS else args_list[0])
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:
        return 0 if exc.code in (0, None) else 2
    from postlint.errors import PostlintError

    try:
        return int(commands[args.command].run(args))
    except PostlintError as exc:
        print(f"postlint: {_placed(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("postlint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:  # a bug: one line for the user, never a value from the input
        if os.environ.get("POSTLINT_DEBUG"):
            raise
        print(f"postlint: internal error: {_where(exc)}; please report it"
              " (POSTLINT_DEBUG=1 shows the traceback)", file=sys.stderr)  # fmt: skip
        return 2


def _placed(exc: BaseException) -> str:
    """The error, at its line when it names a place in a pack the line of which is not
    known yet (``path:line:column: message``)."""
    from postlint.errors import ConfigError

    if isinstance(exc, ConfigError) and exc.line is None and exc.field is not None:
        from postlint.packs import error_location

        where = error_location(exc)
        if where is not None:
            return f"{where}: {exc.message}"
    return str(exc)


def _where(exc: BaseException) -> str:
    """The exception's type and the place it was raised, without its message."""
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return type(exc).__name__
    last = frames[-1]
    return f"{type(exc).__name__} at {last.filename.rsplit('/', 1)[-1]}:{last.lineno}"
