"""`zinkoop track ...`: a ledger of per-provider contracts and their own deadlines."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from zinkoop_cli.cli.app import app
from zinkoop_cli.cli.common import parse_year, where, write
from zinkoop_cli.cli.options import (
    AtwOption,
    CalendarsOption,
    CareArgument,
    InsurerOption,
    LangOption,
    Language,
    LedgerOption,
    OnOption,
    TodayOption,
    YearArgument,
    completer,
    lang_of,
    parse_iso_day,
    parse_on,
    today_in_amsterdam,
)
from zinkoop_cli.errors import UsageError

HELP = """Track contracts per care provider: each one's own deadlines, and which are done.

"Binnen zes weken na de dag van ontvangst" gives every provider its own signing date.
The ledger (a SQLite file, or for a team a PostgreSQL database) holds each contract's
events and who changed what; zinkoop works out its deadlines from the calendar.

Examples:

  zinkoop track add msz 2027 --provider Oost --on ontvangst=2026-09-20

  zinkoop track import contracten.csv

  zinkoop track list msz 2027

  zinkoop track done 12 ondertekening-zorgovereenkomst

  zinkoop track done "Kliniek Oost"

  zinkoop track list --overdue

  zinkoop track history 12
"""

track_app = typer.Typer(help=HELP, no_args_is_help=True, rich_markup_mode=None)
app.add_typer(track_app, name="track")


class TrackFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    excel = "excel"  # csv as Dutch Excel writes it: ';', UTF-8 with a byte-order mark


ProviderOption = Annotated[
    str, typer.Option("--provider", metavar="NAME", help="The care provider's name.")
]
AgbOption = Annotated[
    str | None,
    typer.Option("--agb", metavar="CODE", help="The provider's AGB code (8 digits)."),
]
ByOption = Annotated[
    str | None,
    typer.Option("--by", metavar="NAME",
                 help="Who makes the change, for the history (default: your OS user)."),
]
ContractArgument = Annotated[
    str, typer.Argument(
        metavar="CONTRACT", autocompletion=completer("contracts"),
        help="The contract: its number (see 'zinkoop track list'), the provider's AGB code "
             "or the provider's name (or a part of it).")
]
DeadlineArgument = Annotated[str | None, typer.Argument(
    metavar="[DEADLINE]",
    help="The deadline's id, e.g. ondertekening-zorgovereenkomst (default: all of them).")]


class Status(StrEnum):
    overdue = "overdue"
    today = "today"
    upcoming = "upcoming"
    done = "done"
    unresolved = "unresolved"


@track_app.command("add")
def add(
    care: CareArgument,
    year: YearArgument,
    provider: ProviderOption,
    agb: AgbOption = None,
    on: OnOption = None,
    insurer: InsurerOption = None,
    ledger: LedgerOption = None,
    calendars: CalendarsOption = None,
    by: ByOption = None,
) -> None:
    """Track a contract and print its number; the same contract again updates it.

    The same contract is the same AGB code (or, without one, the same provider), care type
    and year; adding it again replaces its events and keeps what was marked done.

    Examples:

      zinkoop track add msz 2027 --provider Oost --on ontvangst=2026-09-20

      zinkoop track add msz 2027 --provider "Kliniek B" --agb 06010101

      zinkoop track add ambulance 2027 --provider RAV --on aanbieding=2026-10-05
    """
    from zinkoop_cli.app.tracking import add as track

    number = track(where(ledger, calendars)._replace(by=by), care, parse_year(year), provider, agb,
                   parse_on(on), insurer)
    write(str(number))


@track_app.command("import")
def import_contracts(
    file: Annotated[Path, typer.Argument(metavar="FILE.csv", help="The contracts, one a row.")],
    insurer: InsurerOption = None,
    ledger: LedgerOption = None,
    calendars: CalendarsOption = None,
    by: ByOption = None,
) -> None:
    """Add or update the contracts in a CSV file: all of them, or none when a row is bad.

    The header is provider,agb,care_type,year and then one column per event (e.g.
    ontvangst); an empty cell gives no event. Days are 2026-09-14, 14-9-2026, 14-09-2026,
    14 september 2026 or 14 sep 2026. A contract already in
    the ledger (same AGB code, or same provider without one, care type and year) is updated.
    A bad row stops the import with its line number and nothing is stored.

    Examples:

      zinkoop track import contracten.csv

      zinkoop track import msz-2027.csv --ledger /srv/inkoop/ledger.db
    """
    from zinkoop_cli.app.tracking import import_contracts as store
    from zinkoop_cli.render.progress import LazyProgress

    with LazyProgress(f"reading {file.name}") as progress:
        added, updated = store(where(ledger, calendars)._replace(by=by), file, insurer, progress,
                               progress.set_total)
    write(f"{file}: {added} added, {updated} updated")


@track_app.command("list")
def list_contracts(
    care: Annotated[str | None, typer.Argument(
        metavar="[CARE]", autocompletion=completer("care_types"),
        help="Only contracts of this care type (give YEAR too).")] = None,
    year: Annotated[str | None, typer.Argument(
        metavar="[YEAR]", autocompletion=completer("years"),
        help="Only contracts of this purchase year.")] = None,
    today: TodayOption = None,
    atw: AtwOption = False,
    overdue: Annotated[bool, typer.Option(
        "--overdue", help="Only overdue deadlines (past and not done), and their contracts."
    )] = False,
    status: Annotated[list[Status] | None, typer.Option(
        "--status", help="Only deadlines of this status, and their contracts (repeatable).",
    )] = None,
    format: TrackFormat = TrackFormat.table,
    lang: LangOption = Language.nl,
    ledger: LedgerOption = None,
    calendars: CalendarsOption = None,
) -> None:
    """List the tracked contracts, each with its own deadlines and their status.

    A contract's own deadlines are the entries whose date follows from an event it gives
    (ontvangst -> signing within six weeks). A deadline that has passed and is not marked
    done is overdue.

    Examples:

      zinkoop track list

      zinkoop track list msz 2027 --today 2026-11-02

      zinkoop track list --overdue

      zinkoop track list --status today --status upcoming

      zinkoop track list --format json

      zinkoop track list --format csv > contracten-termijnen.csv
    """
    import sys

    from zinkoop_cli.app.tracking import list_tracked
    from zinkoop_cli.render.formats import CONTRACTS

    day = today_in_amsterdam(today)
    if care is not None and year is None:
        raise UsageError("give CARE and YEAR together, e.g. 'zinkoop track list msz 2027'")
    number = parse_year(year) if care is not None and year is not None else None
    statuses = {s.value for s in status or []} | ({"overdue"} if overdue else set())
    found = list_tracked(where(ledger, calendars), care, number, day, atw, statuses)
    if statuses and not found and format is TrackFormat.table:
        from zinkoop_cli.render.contracts import NO_MATCH

        write(NO_MATCH[lang_of(lang)])
        return
    CONTRACTS[format.value](day, found, lang_of(lang), sys.stdout)


@track_app.command("done")
def done(
    contract: ContractArgument,
    deadline: DeadlineArgument = None,
    on_day: Annotated[str | None, typer.Option(
        "--date", metavar="DAY",
        help="The day it was done, e.g. 2026-10-28 or 28-10-2026 (default: today, "
             "Europe/Amsterdam).")] = None,
    ledger: LedgerOption = None,
    calendars: CalendarsOption = None,
    by: ByOption = None,
) -> None:
    """Mark a contract's deadline done (by default all its open ones), so it stops warning.

    CONTRACT is its number, its provider's AGB code or name; a name that fits several
    contracts lists them (exit 2). When someone else marked it done meanwhile, their mark
    stays and this says so ("already done on DAY by NAME"); both succeed.

    Examples:

      zinkoop track done 12

      zinkoop track done 12 ondertekening-zorgovereenkomst --date 2026-10-28

      zinkoop track done "Kliniek Oost" --date 28-10-2026
    """
    from zinkoop_cli.app.tracking import mark_done

    day = parse_iso_day(on_day, "--date") if on_day is not None else today_in_amsterdam(None)
    marked = mark_done(where(ledger, calendars)._replace(by=by), contract, deadline, day)
    name = f"contract {marked.contract.id} ({marked.contract.provider})"
    if not marked.entries and not marked.already:
        write(f"{name}: nothing open")
    if marked.entries:
        write(f"{name}: {', '.join(marked.entries)} done on {day.isoformat()}")
    for mark in marked.already:
        who = f" by {mark.by}" if mark.by else ""
        write(f"{name}: {mark.entry} already done on {mark.day.isoformat()}{who}")


@track_app.command("reopen")
def reopen(
    contract: ContractArgument,
    deadline: DeadlineArgument = None,
    ledger: LedgerOption = None,
    calendars: CalendarsOption = None,
    by: ByOption = None,
) -> None:
    """Undo 'track done': the deadline (by default every done one) is open again.

    The history keeps both: when it was marked done and by whom, and that it was reopened.

    Examples:

      zinkoop track reopen 12

      zinkoop track reopen "Kliniek Oost" ondertekening-zorgovereenkomst
    """
    from zinkoop_cli.app.tracking import reopen as undo

    found = undo(where(ledger, calendars)._replace(by=by), contract, deadline,
                 today_in_amsterdam(None))
    name = f"contract {found.contract.id} ({found.contract.provider})"
    if not found.entries:
        write(f"{name}: {deadline or 'nothing'} {'is not ' if deadline else ''}done")
        return
    write(f"{name}: {', '.join(found.entries)} open again (done on "
          f"{', '.join(sorted({day.isoformat() for day in found.entries.values()}))})")


@track_app.command("remove")
def remove(contract: ContractArgument, ledger: LedgerOption = None,
           by: ByOption = None) -> None:
    """Stop tracking a contract: remove it, its events and done marks from the ledger.

    CONTRACT is its number, its provider's AGB code or name, as for 'track done'.

    Examples:

      zinkoop track remove 12

      zinkoop track remove "Kliniek Oost"
    """
    from zinkoop_cli.app.tracking import remove as stop_tracking

    gone = stop_tracking(where(ledger, None)._replace(by=by), contract)
    write(f"removed contract {gone.id} ({gone.provider}, {gone.care_type} {gone.year})")


class HistoryFormat(StrEnum):
    table = "table"
    json = "json"


@track_app.command("history")
def history(
    contract_id: Annotated[int | None, typer.Argument(
        metavar="[ID]", help="Only this contract's changes (a removed one's too).")] = None,
    format: HistoryFormat = HistoryFormat.table,
    ledger: LedgerOption = None,
) -> None:
    """Show who changed the ledger and when, oldest first.

    Actions: added, updated, done, reopened, removed. Times are UTC. Each line: time,
    contract, what happened, who, and the events given or the deadlines marked done (or
    reopened).

    Examples:

      zinkoop track history

      zinkoop track history 12

      zinkoop track history --format json
    """
    import json

    from zinkoop_cli.app.tracking import history as changes

    found = changes(where(ledger, None), contract_id)
    if format is HistoryFormat.json:
        write(json.dumps({"history": [
            {"contract": c.contract_id, "provider": c.provider, "agb": c.agb,
             "care_type": c.care_type, "year": c.year, "action": c.action,
             "detail": c.detail, "by": c.by, "at": c.at.isoformat(timespec="seconds")}
            for c in found]}, ensure_ascii=False, indent=1))
        return
    for c in found:
        text = f": {c.detail}" if c.detail else ""
        write(f"{c.at:%Y-%m-%d %H:%M:%S}Z  #{c.contract_id} {c.provider} ({c.care_type} "
              f"{c.year})  {c.action} by {c.by}{text}")


@track_app.command("migrate")
def migrate(
    to: Annotated[str, typer.Option(
        "--to", metavar="URL",
        help="The PostgreSQL ledger, postgresql://user@host:port/database.")],
    merge: Annotated[bool, typer.Option(
        "--merge", help="Merge into a PostgreSQL ledger that already holds contracts.")] = False,
    ledger: LedgerOption = None,
) -> None:
    """Copy the SQLite ledger into PostgreSQL, all or nothing: contracts, done marks, history.

    Into a database without contracts the contract numbers stay the same. A ledger that
    already holds contracts is refused (exit 2) unless --merge is given: then every
    contract is matched as 'track import' matches it, its events are replaced and done
    marks already there are kept. The SQLite file is left as it is.

    Examples:

      zinkoop track migrate --to postgresql://inkoop@db.example.nl/zinkoop

      zinkoop track migrate --ledger oud.db --to postgresql://inkoop@db/zinkoop --merge
    """
    from zinkoop_cli.app.tracking import migrate as copy

    done = copy(where(ledger, None), to, merge)
    write(f"{done.source} -> {done.target}: {done.added} added, {done.merged} merged, "
          f"{done.changes} changes of history")
