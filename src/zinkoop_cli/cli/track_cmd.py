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
    lang_of,
    parse_iso_day,
    parse_on,
    today_in_amsterdam,
)
from zinkoop_cli.errors import UsageError

HELP = """Track contracts per care provider: each one's own deadlines, and which are done.

"Binnen zes weken na de dag van ontvangst" gives every provider its own signing date.
The ledger (SQLite, shared safely by cron and people) holds each contract's events;
zinkoop works out its deadlines from the calendar.

Examples:

  zinkoop track add msz 2027 --provider Oost --on ontvangst=2026-09-20

  zinkoop track import contracten.csv

  zinkoop track list msz 2027

  zinkoop track done 12 ondertekening-zorgovereenkomst
"""

track_app = typer.Typer(help=HELP, no_args_is_help=True, rich_markup_mode=None)
app.add_typer(track_app, name="track")


class TrackFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


ProviderOption = Annotated[
    str, typer.Option("--provider", metavar="NAME", help="The care provider's name.")
]
AgbOption = Annotated[
    str | None,
    typer.Option("--agb", metavar="CODE", help="The provider's AGB code (8 digits)."),
]
ContractArgument = Annotated[
    int, typer.Argument(metavar="ID", help="The contract's number (see 'zinkoop track list').")
]


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

    number = track(where(ledger, calendars), care, parse_year(year), provider, agb,
                   parse_on(on), insurer)
    write(str(number))


@track_app.command("import")
def import_contracts(
    file: Annotated[Path, typer.Argument(metavar="FILE.csv", help="The contracts, one a row.")],
    insurer: InsurerOption = None,
    ledger: LedgerOption = None,
    calendars: CalendarsOption = None,
) -> None:
    """Add or update the contracts in a CSV file: all of them, or none when a row is bad.

    The header is provider,agb,care_type,year and then one column per event (e.g.
    ontvangst); an empty cell gives no event. Days are YYYY-MM-DD. A contract already in
    the ledger (same AGB code, or same provider without one, care type and year) is updated.
    A bad row stops the import with its line number and nothing is stored.

    Examples:

      zinkoop track import contracten.csv

      zinkoop track import msz-2027.csv --ledger /srv/inkoop/ledger.db
    """
    from zinkoop_cli.app.tracking import import_contracts as store
    from zinkoop_cli.render.progress import LazyProgress

    with LazyProgress(f"reading {file.name}") as progress:
        added, updated = store(where(ledger, calendars), file, insurer, progress,
                               progress.set_total)
    write(f"{file}: {added} added, {updated} updated")


@track_app.command("list")
def list_contracts(
    care: Annotated[str | None, typer.Argument(
        metavar="[CARE]", help="Only contracts of this care type (give YEAR too).")] = None,
    year: Annotated[str | None, typer.Argument(
        metavar="[YEAR]", help="Only contracts of this purchase year.")] = None,
    today: TodayOption = None,
    atw: AtwOption = False,
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
    found = list_tracked(where(ledger, calendars), care, number, day, atw)
    CONTRACTS[format.value](day, found, lang_of(lang), sys.stdout)


@track_app.command("done")
def done(
    contract_id: ContractArgument,
    deadline: Annotated[str | None, typer.Argument(
        metavar="[DEADLINE]",
        help="The deadline's id, e.g. ondertekening-zorgovereenkomst (default: all open "
             "ones).")] = None,
    on_day: Annotated[str | None, typer.Option(
        "--date", metavar="YYYY-MM-DD",
        help="The day it was done (default: today, Europe/Amsterdam).")] = None,
    ledger: LedgerOption = None,
    calendars: CalendarsOption = None,
) -> None:
    """Mark a contract's deadline done (by default all its open ones), so it stops warning.

    Examples:

      zinkoop track done 12

      zinkoop track done 12 ondertekening-zorgovereenkomst --date 2026-10-28
    """
    from zinkoop_cli.app.tracking import mark_done

    day = parse_iso_day(on_day, "--date") if on_day is not None else today_in_amsterdam(None)
    marked = mark_done(where(ledger, calendars), contract_id, deadline, day)
    contract = marked.contract
    if not marked.entries:
        write(f"contract {contract_id} ({contract.provider}): nothing open")
        return
    write(f"contract {contract_id} ({contract.provider}): {', '.join(marked.entries)} done on "
          f"{day.isoformat()}")


@track_app.command("remove")
def remove(contract_id: ContractArgument, ledger: LedgerOption = None) -> None:
    """Stop tracking a contract: remove it, its events and done marks from the ledger.

    Examples:

      zinkoop track remove 12
    """
    from zinkoop_cli.app.tracking import remove as stop_tracking

    contract = stop_tracking(where(ledger, None), contract_id)
    write(f"removed contract {contract.id} ({contract.provider}, {contract.care_type} "
          f"{contract.year})")
