"""`zinkoop new CARE YEAR`: next year's calendar from this year's."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zinkoop_cli.cli.app import app
from zinkoop_cli.cli.common import parse_year
from zinkoop_cli.cli.options import (
    CalendarsOption,
    CareArgument,
    InsurerOption,
    calendars_dirs,
)
from zinkoop_cli.errors import FileAccessError, UsageError, describe

if TYPE_CHECKING:
    from zinkoop_cli.app.new import Made, Plan


@app.command("new")
def new_command(
    care: CareArgument,
    year: Annotated[str, typer.Argument(
        metavar="YEAR", help="The purchase year to write, e.g. 2028.")],
    from_year: Annotated[str | None, typer.Option(
        "--from", metavar="YEAR",
        help="Start from the calendar of this purchase year (default: YEAR - 1).")
    ] = None,
    insurer: InsurerOption = None,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", metavar="FILE|DIR",
        help="Write here (default: the calendars folder in ~/.config/zinkoop, by publisher).")
    ] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Overwrite a file that exists.")] = False,
    with_general: Annotated[bool, typer.Option(
        "--with-general", help="Also write the inherited general calendar's new year, if "
                               "there is none yet.")] = False,
    calendars: CalendarsOption = None,
) -> None:
    """Write next year's calendar from this year's, its dates moved and marked unverified.

    Every absolute date moves one year (29 februari becomes 28 februari, noted), the year,
    title and what it inherits move with it, and each moved entry gets verify = true:
    compare it with the new policy and remove the mark. Relative rules are kept as written.
    Version and source are yours to fill in, and published if the new policy carries a
    date. The file is checked before it is written, atomically; an existing file is kept
    unless --force is given.

    Examples:

      zinkoop new msz 2028

      zinkoop new msz 2028 --with-general

      zinkoop new ambulancezorg 2025 --insurer zilveren-kruis -o mijn-kalenders/
    """
    from zinkoop_cli.app.new import Request, plan

    request = Request(care, parse_year(year),
                      None if from_year is None else _from_year(from_year),
                      insurer, output, force, with_general)
    made = plan(request, calendars_dirs(calendars))
    for item in made.made:
        _write(item)
    _summary(made)


def _from_year(text: str) -> int:
    try:
        return parse_year(text)
    except UsageError as error:
        raise UsageError(error.message.replace("YEAR", "--from", 1)) from None


def _write(item: Made) -> None:
    from zinkoop_cli.cli.files import write_atomic

    folder = item.path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise FileAccessError(f"cannot create folder {folder} for {item.path.name}: "
                              f"{describe(error)}") from None
    write_atomic(item.path, item.text.encode("utf-8"))


def _count(number: int, one: str, more: str) -> str:
    return f"{number} {one if number == 1 else more}"


def _summary(made: Plan) -> None:
    span = "one year" if made.years == 1 else f"{made.years} years"
    lines: list[str] = []
    for item in made.made:
        moved = item.moved
        lines.append(f"zinkoop: wrote {item.path}: {item.calendar.care_type} "
                     f"{item.calendar.year} from {item.source.origin}")
        lines.append(f"  {_count(len(moved.moved), 'entry', 'entries')} moved {span} and "
                     f"marked verify = true; {len(moved.kept)} kept as written (relative "
                     "or without a date)")
        lines += [f"  29 februari: {line}" for line in moved.leap_days]
        lines += [f"  not moved: {line}" for line in moved.not_moved]
        lines += [f"  {line}" for line in moved.notes]
    lines += [f"zinkoop: note: {note}" for note in made.notes]
    sys.stderr.write("\n".join(lines) + "\n")
