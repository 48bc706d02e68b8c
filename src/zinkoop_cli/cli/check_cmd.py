"""`zinkoop check`: validate calendar files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from zinkoop_cli.cli.app import app
from zinkoop_cli.cli.options import CalendarsOption, calendars_dirs
from zinkoop_cli.errors import FileAccessError, ZinkoopError
from zinkoop_cli.loading.catalog import Catalog, load_file


@app.command("check")
def check(
    files: Annotated[
        list[Path] | None,
        typer.Argument(metavar="[FILE]...", help="Calendar files or folders to check."),
    ] = None,
    calendars: CalendarsOption = None,
) -> None:
    """Validate calendar files: TOML syntax, keys, dates, rules, circles, inheritance.

    Without FILE, checks every calendar on the search path. Prints one line per problem
    and exits 3 if there is any, else prints a summary and exits 0.

    Examples:

      zinkoop check

      zinkoop check calendars/zorg-en-zekerheid/msz-2027.toml

      zinkoop check ~/beleid/
    """
    problems: list[ZinkoopError]
    if files:
        catalog = Catalog.load(calendars_dirs(calendars))
        problems, checked = [], []
        for path in _expand(files):
            calendar, found = load_file(path)
            problems.extend(found)
            if calendar is not None and not found:
                # Its links are checked as if it were installed, beside the files given.
                catalog.calendars[calendar.id] = calendar
                checked.append(calendar)
        for calendar in checked:
            problems.extend(catalog.link_problems(calendar))
        count = len(checked)
    else:
        catalog = Catalog.load(calendars_dirs(calendars))
        problems, count = catalog.problems, len(catalog.calendars)
    for problem in problems:
        sys.stderr.write(f"zinkoop: {problem.message}\n")
    if problems:
        raise typer.Exit(max(p.exit_code for p in problems))
    entries = sum(len(c.entries) for c in catalog.calendars.values()) if not files else None
    detail = f", {entries} entries" if entries is not None else ""
    typer.echo(f"{count} calendar{'s' if count != 1 else ''} OK{detail}")


def _expand(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(path.rglob("*.toml")))
        elif path.exists():
            found.append(path)
        else:
            raise FileAccessError(f"{path}: no such file or folder; give a calendar file "
                                  "or a folder of them")
    return found
