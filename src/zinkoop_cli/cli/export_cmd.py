"""`zinkoop export`: a care type's deadlines as an iCalendar file for Outlook and others."""

from __future__ import annotations

import re
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zinkoop_cli.cli.app import app
from zinkoop_cli.cli.common import (
    check_condition,
    load_catalog,
    pick,
    select,
    select_tracked,
    standalone,
)
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
    calendars_dirs,
    lang_of,
    parse_events,
    today_in_amsterdam,
)
from zinkoop_cli.core.lang import Lang
from zinkoop_cli.core.model import Calendar
from zinkoop_cli.core.resolve import Row, merged_events, timeline
from zinkoop_cli.errors import UsageError
from zinkoop_cli.loading.catalog import Catalog

if TYPE_CHECKING:
    from collections.abc import Sequence

    from zinkoop_cli.core.contracts import ContractDeadline
    from zinkoop_cli.render.ics import Reminder

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


def _missing_text(row: Row) -> str:
    if row.missing:
        needs = " ".join(f"--on {name}=YYYY-MM-DD" for name in row.missing)
        return f"needs {needs}"
    return "the policy gives no date"


def _report(target: str, events: int, left_out: list[Row]) -> None:
    lines = [f"zinkoop: {target}: {events} event{'s' if events != 1 else ''}"]
    if left_out:
        lines[0] += f"; left out {len(left_out)} without a date:"
        lines.extend(f"  {row.key}: {_missing_text(row)}" for row in left_out)
    sys.stderr.write("\n".join(lines) + "\n")


def _rows(catalog: Catalog, calendar: Calendar, today: date, on: dict[str, date], atw: bool,
          condition: str | None, unconditional: bool, *, checked: bool = False) -> list[Row]:
    parents = catalog.parents(calendar)
    known = merged_events(calendar, parents)
    given = {name: day for name, day in on.items() if name in known}
    rows = timeline(calendar, parents, today, given, atw=atw)
    return select(rows, condition, unconditional, checked=checked)


def _render(catalog: Catalog, calendar: Calendar, rows: list[Row], lang: Lang,
            reminder: Reminder | None, previous: bytes | None,
            tracked: Sequence[ContractDeadline] = ()) -> bytes:
    from zinkoop_cli.render.ics import build, serialise

    own = [d for d in tracked if d.contract.calendar == calendar.id]
    cal = build(calendar, catalog.parents(calendar), rows, lang, reminder, own)
    return serialise(cal, previous)


def _tracked(catalog: Catalog, ledger: Path | None, today: date, atw: bool,
             condition: str | None, unconditional: bool) -> list[ContractDeadline]:
    """The open deadlines of every tracked contract, for ``--tracked``."""
    import os

    from zinkoop_cli.loading.ledger import Ledger, ledger_path

    found = Ledger(ledger_path(ledger, os.environ)).contract_deadlines(catalog, today, atw=atw)
    found = select_tracked(found, condition, unconditional)
    return [d for d in found if d.done is None and d.row.date is not None]


def file_name(calendar: Calendar) -> str:
    return calendar.id.replace("/", "-") + ".ics"


@app.command("export")
def export(
    care: Annotated[str | None, typer.Argument(
        metavar="[CARE", help="Care type: msz, ambulancezorg, or an alias such as ambulance.",
        show_default=False)] = None,
    year: Annotated[str | None, typer.Argument(
        metavar="YEAR]", help="Purchase year, e.g. 2027.", show_default=False)] = None,
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
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="Say nothing on stderr when all goes well (for cron).")] = False,
    calendars: CalendarsOption = None,
) -> None:
    """Write a care type's deadlines as an iCalendar (.ics) file for Outlook, Thunderbird
    and Google Calendar.

    Each dated entry becomes an all-day event (an event at its time of day, Europe/Amsterdam,
    where the policy gives one) with one reminder. Month, quarter and season entries fall on
    their last day, and their title says so. Entries without a date, or whose rule needs an
    event you did not give with --on, are left out and listed on stderr.

    UIDs are stable, so importing again or subscribing updates the same events; an event whose
    content changed since the file at the same path was written gets a higher SEQUENCE. The
    file is replaced in one step: a failed export leaves the old file as it was.

    Examples:

      zinkoop export msz 2027 -o msz-2027.ics

      zinkoop export msz 2027 -o msz-2027.ics --on ontvangst=2026-09-14 --alarm 14d

      zinkoop export ambulance 2027 -o - --no-alarm > ambulancezorg.ics

      zinkoop export msz 2027 -o contracten.ics --tracked

      zinkoop export --all -o /var/www/zinkoop/ --quiet
    """
    if not output:
        raise UsageError("give the file to write with -o FILE.ics ('-o -' for standard "
                         "output), or a folder with --all -o DIR")
    reminder = None if no_alarm else parse_alarm(alarm)
    language = lang_of(lang)
    catalog = load_catalog(calendars_dirs(calendars))
    today = today_in_amsterdam(None)  # statuses are not exported; rows need a day to count from
    if all_calendars:
        if care is not None:
            raise UsageError("--all exports every calendar; leave out CARE and YEAR, or "
                             "leave out --all")
        if output == "-":
            raise UsageError("--all writes one file per calendar; give a folder with -o DIR")
        contracts = _tracked(catalog, ledger, today, atw, condition, unconditional) \
            if tracked else []
        _export_all(catalog, Path(output), insurer, on, atw, condition, unconditional,
                    language, reminder, quiet, today, contracts)
        return
    if care is None or year is None:
        raise UsageError("give CARE and YEAR (e.g. zinkoop export msz 2027 -o msz.ics), or "
                         "--all")
    calendar = pick(catalog, care, year, insurer)
    parents = catalog.parents(calendar)
    events = merged_events(calendar, parents)
    given = parse_events(on, {name: event.label for name, event in events.items()})
    rows = _rows(catalog, calendar, today, given, atw, condition, unconditional)
    from zinkoop_cli.render.ics import exported

    dated, left_out = exported(rows)
    contracts = _tracked(catalog, ledger, today, atw, condition, unconditional) \
        if tracked else []
    own = [d for d in contracts if d.contract.calendar == calendar.id]
    if output == "-":
        data = _render(catalog, calendar, dated, language, reminder, None, own)
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        target = "standard output"
    else:
        from zinkoop_cli.cli.files import read_previous, write_atomic

        path = Path(output)
        data = _render(catalog, calendar, dated, language, reminder, read_previous(path), own)
        write_atomic(path, data)
        target = str(path)
    if not quiet:
        _report(target, len(dated) + len(own), left_out)


def _export_all(catalog: Catalog, folder: Path, insurer: str | None, on: list[str] | None,
                atw: bool, condition: str | None, unconditional: bool, lang: Lang,
                reminder: Reminder | None, quiet: bool, today: date,
                contracts: Sequence[ContractDeadline]) -> None:
    from zinkoop_cli.cli.files import read_previous, write_atomic
    from zinkoop_cli.errors import FileAccessError
    from zinkoop_cli.render.ics import exported

    # Calendars that are only inherited (algemeen) are in their children's files already.
    chosen = standalone(catalog, insurer)
    known: dict[str, str] = {}
    for calendar in chosen:
        for name, event in merged_events(calendar, catalog.parents(calendar)).items():
            known.setdefault(name, event.label)
    given = parse_events(on, known)
    if condition is not None:
        check_condition(condition, (entry for cal in chosen for entry in cal.entries))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise FileAccessError(f"cannot create folder {folder}: "
                              f"{error.strerror or type(error).__name__}") from None
    # Everything is rendered before anything is written: a calendar that fails leaves
    # every file in the folder as it was.
    planned: list[tuple[Path, bytes, int, list[Row]]] = []
    for calendar in chosen:
        rows = _rows(catalog, calendar, today, given, atw, condition, unconditional,
                     checked=True)
        dated, left_out = exported(rows)
        path = folder / file_name(calendar)
        own = [d for d in contracts if d.contract.calendar == calendar.id]
        data = _render(catalog, calendar, dated, lang, reminder, read_previous(path), own)
        planned.append((path, data, len(dated) + len(own), left_out))
    for path, data, count, left_out in planned:
        write_atomic(path, data)
        if not quiet:
            _report(str(path), count, left_out)
