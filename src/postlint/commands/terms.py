"""``postlint terms --account ID``: draft the Terms of Participation of an account."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from postlint.commands._accounts import add_account_arguments, workspace_account

if TYPE_CHECKING:
    from postlint.config import CitySettings
    from postlint.models import Account

NAME = "terms"
HELP = "Draft a Terms of Participation statement (SMP-3) for an account, from the config."

#: Who answers questions on the policy: the City administrator's office.
CONTACT_OFFICE = "Office of Communications"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_account_arguments(parser)
    parser.add_argument("-o", "--output", help="write the statement to this file")


def render_statement(account: Account, city: CitySettings) -> str:
    """The Markdown Terms of Participation for ``account``; it passes `terms-of-participation`."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("postlint", "templates"),
        autoescape=False,  # Markdown for a profile, not HTML
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    title = account.name or account.handle or account.id
    return env.get_template("terms.md.j2").render(
        title=" ".join(title.split()),
        city=" ".join(city.name.split()),
        department=" ".join((account.department or "").split()),
        contact_office=CONTACT_OFFICE,
        email=city.contact_email.strip(),
        phone=city.contact_phone.strip(),
    )


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    found = workspace_account(args, "terms")
    if found is None:
        return 2
    ws, account = found
    statement = render_statement(account, ws.config.city)
    if args.output:
        from postlint.output import write_output

        write_output(Path(args.output), [statement])
    else:
        sys.stdout.write(statement)
    return 0
