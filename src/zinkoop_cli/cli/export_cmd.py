"""`zinkoop export`: a care type's deadlines as an iCalendar file for Outlook and others."""

from __future__ import annotations

import os
import re
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zinkoop_cli.cli.app import app
from zinkoop_cli.cli.common import parse_year, where
from zinkoop_cli.cli.options import (
    AtwOption,
    CalendarsOption,
    ConditionOption,
    InsurerOption,
    LangOption,
    Language,
    LedgerOption,
    OnOption,
    UnconditionalOption,
    completer,
    lang_of,
    parse_on,
    today_in_amsterdam,
)
from zinkoop_cli.core.selection import Selection
from zinkoop_cli.errors import UsageError

if TYPE_CHECKING:
    from zinkoop_cli.app.export import ExportFile
    from zinkoop_cli.render.ics import Owner, Reminder

_DURATION = re.compile(r"^\s*(\d{1,4})\s*([wdhm])\s*$", re.IGNORECASE)


def parse_alarm(text: str) -> Reminder:
    """``14d`` and ``2w``: that many days before, at 09:00; ``12h`` and ``30m``: exactly that
    long before the event starts (an all-day event starts at midnight)."""
    from zinkoop_cli.render.ics import Reminder

    found = _DURATION.match(text)
    if found is None:
        raise UsageError(f"--alarm {text!r}: write a number and a unit, e.g. 14d, 2w, 12h or "
                         "30m (or use --no-alarm)")
    amount, unit = int(found.group(1)), found.group(2).lower()
    if amount == 0 and unit in "wd":
        # It would fire after an all-day event starts; Outlook reads every trigger as "before"
        # (MS-OXCICAL: the absolute number of minutes) and would remind a day early.
        raise UsageError(f"--alarm {text!r}: give at least 1d (0m reminds at the start of the "
                         "day)")
    if unit in "wd":
        return Reminder(days=amount * (7 if unit == "w" else 1))
    return Reminder(days=None, lead=timedelta(hours=amount) if unit == "h"
                    else timedelta(minutes=amount))


@app.command("export")
def export(
    care: Annotated[str | None, typer.Argument(
        metavar="[CARE", autocompletion=completer("care_types"),
        help="Care type: msz, ambulancezorg, or an alias such as ambulance.",
        show_default=False)] = None,
    year: Annotated[str | None, typer.Argument(
        metavar="YEAR]", autocompletion=completer("years"), help="Purchase year, e.g. 2027.",
        show_default=False)] = None,
    output: Annotated[str, typer.Option(
        "--output", "-o", metavar="FILE|DIR",
        help="The .ics file to write ('-' for standard output); with --all, a folder.",
        show_default=False)] = "",
    all_calendars: Annotated[bool, typer.Option(
        "--all", help="Write one file per calendar into the folder given with -o.")] = False,
    on: OnOption = None,
    atw: AtwOption = False,
    condition: ConditionOption = None,
    unconditional: UnconditionalOption = False,
    alarm: Annotated[str, typer.Option(
        "--alarm", metavar="DURATION",
        help="Reminder before each deadline: 7d (default, at 09:00), 2w, 12h, 30m.")] = "7d",
    no_alarm: Annotated[bool, typer.Option("--no-alarm", help="No reminders.")] = False,
    insurer: InsurerOption = None,
    lang: LangOption = Language.nl,
    tracked: Annotated[bool, typer.Option(
        "--tracked", help="Also one event per open deadline of each tracked contract, with "
                          "the provider in the title (see 'zinkoop track').")] = False,
    ledger: LedgerOption = None,
    provider: Annotated[str | None, typer.Option(
        "--for", metavar="PROVIDER",
        help="Whose events these are (with --on): the provider goes into each title and "
             "UID, so exports for two providers never collide.", show_default=False)] = None,
    agb: Annotated[str | None, typer.Option(
        "--agb", metavar="CODE", help="The provider's AGB code, alone or with --for; the "
                                      "UIDs are made from it.", show_default=False)] = None,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="Say nothing on stderr when all goes well (for cron).")] = False,
    calendars: CalendarsOption = None,
) -> None:
    """Write a care type's deadlines as an iCalendar (.ics) file for Outlook, Thunderbird
    and Google Calendar.

    Each dated entry becomes an all-day event (a deadline at a time of day: the half hour up
    to it, Europe/Amsterdam) with one reminder. No event covers more than a day: a period that
    is a deadline is an event on its first day and one on its last, with the reminder; the
    title says so. Entries without a date, or whose rule needs an event you did not give with
    --on, are left out and listed on stderr.

    UIDs are stable, so importing again or subscribing updates the same events; an event whose
    content changed since the file at the same path was written gets a higher SEQUENCE and a
    new DTSTAMP, the others are carried over unchanged. With --on for one provider, add --for
    (or --agb) so that its events do not take the UIDs of another provider's export. The
    file is replaced in one step: a failed export leaves the old file as it was.

    Examples:

      zinkoop export msz 2027 -o msz-2027.ics

      zinkoop export msz 2027 -o oost.ics --on ontvangst=2026-09-14 --for "Kliniek Oost"

      zinkoop export ambulance 2027 -o - --no-alarm > ambulancezorg.ics

      zinkoop export msz 2027 -o contracten.ics --tracked

      zinkoop export --all -o /var/www/zinkoop/ --quiet
    """
    from zinkoop_cli.app import export as use_case
    from zinkoop_cli.cli.files import read_previous

    check_targets(output, all_calendars, care, year)
    style = use_case.Style(lang_of(lang), None if no_alarm else parse_alarm(alarm), tracked,
                           owner_of(provider, agb), now_of(os.environ.get("ZINKOOP_NOW")))
    chosen = Selection(atw, condition, unconditional, False, insurer)
    today = today_in_amsterdam(None)  # statuses are not exported; rows need a day to count from
    given = parse_on(on)
    if all_calendars:
        files = use_case.export_all(where(ledger, calendars), Path(output), today, given,
                                    chosen, style, read_previous)
        make_folder(Path(output))
    else:
        assert care is not None
        assert year is not None
        path = None if output == "-" else Path(output)
        files = [use_case.export_one(where(ledger, calendars), care, parse_year(year), path,
                                     today, given, chosen, style, read_previous)]
    for file in files:
        target = save(file)
        if not quiet:
            from zinkoop_cli.render.ics import export_report

            sys.stderr.write(export_report(target, file.events, file.left_out))


def owner_of(provider: str | None, agb: str | None) -> Owner | None:
    """``--for`` and ``--agb``: whose events these are, checked before any work is done."""
    from zinkoop_cli.core.contracts import agb_problem
    from zinkoop_cli.render.ics import Owner

    if provider is not None and not " ".join(provider.split()):
        raise UsageError("--for: give the provider's name, e.g. --for \"Kliniek Oost\"")
    if agb is not None:
        problem = agb_problem(agb.strip())
        if problem:
            raise UsageError(f"--agb: {problem}; give the 8-digit AGB code, e.g. --agb "
                             "06012345")
        agb = agb.strip()
    if provider is None and agb is None:
        return None
    return Owner(" ".join(provider.split()) if provider else None, agb)


def now_of(fixed: str | None) -> datetime:
    """The moment that stamps new and changed events: the clock, or ZINKOOP_NOW (an ISO
    time with its offset, e.g. 2026-12-01T06:00:00Z) for reproducible files and tests."""
    if not fixed:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        moment = datetime.fromisoformat(fixed.strip())
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise UsageError(f"ZINKOOP_NOW={fixed!r}: give an ISO time with its offset, e.g. "
                         "2026-12-01T06:00:00Z, or unset it")
    return moment.astimezone(UTC).replace(microsecond=0)


def check_targets(output: str, all_calendars: bool, care: str | None, year: str | None) -> None:
    """Usage errors in what to write where, before any work is done."""
    if not output:
        raise UsageError("give the file to write with -o FILE.ics ('-o -' for standard "
                         "output), or a folder with --all -o DIR")
    if all_calendars and care is not None:
        raise UsageError("--all exports every calendar; leave out CARE and YEAR, or "
                         "leave out --all")
    if all_calendars and output == "-":
        raise UsageError("--all writes one file per calendar; give a folder with -o DIR")
    if not all_calendars and (care is None or year is None):
        raise UsageError("give CARE and YEAR (e.g. zinkoop export msz 2027 -o msz.ics), or "
                         "--all")


def make_folder(folder: Path) -> None:
    from zinkoop_cli.errors import FileAccessError

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise FileAccessError(f"cannot create folder {folder}: "
                              f"{error.strerror or type(error).__name__}") from None


def save(file: ExportFile) -> str:
    """Write one file (atomically) or standard output; where it went, for the report."""
    if file.path is None:
        sys.stdout.buffer.write(file.data)
        sys.stdout.flush()
        return "standard output"
    from zinkoop_cli.cli.files import write_atomic

    write_atomic(file.path, file.data)
    return str(file.path)
