"""`zinkoop check`: validate calendar files."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer

from zinkoop_cli.cli.app import app
from zinkoop_cli.cli.options import CalendarsOption, calendars_dirs
from zinkoop_cli.core.model import Calendar
from zinkoop_cli.errors import CalendarError, ZinkoopError
from zinkoop_cli.loading.catalog import Catalog


@app.command("check")
def check(
    files: Annotated[
        list[Path] | None,
        # readable=False: a file that cannot be read is an I/O error (exit 4), said by the
        # reader, not a usage error (exit 2) from the parser.
        typer.Argument(metavar="[FILE]...", readable=False,
                       help="Calendar files or folders to check."),
    ] = None,
    calendars: CalendarsOption = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Entries marked verify = true are problems (exit 3), not warnings.")
    ] = False,
) -> None:
    """Validate calendar files: TOML syntax, keys, dates, rules, circles, inheritance.

    Without FILE, checks every calendar on the search path. Prints one line per problem
    and exits 3 if there is any (4 if a file cannot be read), else prints a summary and
    exits 0. Folders and links that were skipped are noted on stderr. Entries marked
    verify = true (not yet compared with the policy) are counted in a warning, or with
    --strict are a problem.

    Examples:

      zinkoop check

      zinkoop check calendars/zorg-en-zekerheid/msz-2027.toml

      zinkoop check ~/beleid/

      zinkoop check --strict ~/.config/zinkoop/calendars/
    """
    catalog = Catalog.load(calendars_dirs(calendars))
    problems: list[ZinkoopError]
    if files:
        checked, problems = catalog.check_files(files)
        detail = ""
    else:
        checked, problems = list(catalog.calendars.values()), list(catalog.problems)
        detail = f", {sum(len(c.entries) for c in checked)} entries"
    count = len(checked)
    unverified = unverified_entries(checked)
    if strict:
        problems.extend(unverified)
    for note in catalog.notes:
        sys.stderr.write(f"zinkoop: note: {note}\n")
    for problem in problems:
        sys.stderr.write(f"zinkoop: {problem.message}\n")
    if not strict:
        for warning in unverified:
            sys.stderr.write(f"zinkoop: warning: {warning.message}\n")
    if problems:
        raise typer.Exit(max(p.exit_code for p in problems))
    typer.echo(f"{count} calendar{'s' if count != 1 else ''} OK{detail}")


def unverified_entries(calendars: Iterable[Calendar]) -> list[CalendarError]:
    """One line per calendar whose entries are marked ``verify = true``: dates not yet
    compared with the policy (``zinkoop new`` marks every date it moves)."""
    found: list[CalendarError] = []
    for calendar in calendars:
        ids = [entry.id for entry in calendar.entries if entry.verify]
        if not ids:
            continue
        named = ", ".join(repr(name) for name in ids[:3])
        if len(ids) > 3:
            named += f" and {len(ids) - 3} more"
        found.append(CalendarError(
            f"{calendar.origin}: {len(ids)} {'entry' if len(ids) == 1 else 'entries'} not "
            f"verified (verify = true): {named}; compare each with the policy, correct it, "
            "then remove the mark"))
    return found
