"""`zinkoop track ...`: a ledger of per-provider contracts and their own deadlines."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zinkoop_cli.cli.app import app
from zinkoop_cli.cli.common import load_catalog, parse_year, pick, write
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
    calendars_dirs,
    lang_of,
    parse_events,
    parse_iso_day,
    today_in_amsterdam,
)
from zinkoop_cli.core.contracts import NewContract, agb_problem
from zinkoop_cli.core.resolve import merged_events
from zinkoop_cli.errors import DataError, UsageError

if TYPE_CHECKING:
    # sqlite3 and csv are imported only when a track command runs, not for `--help`.
    from zinkoop_cli.loading.ledger import Ledger

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


def open_ledger(path: Path | None) -> Ledger:
    from zinkoop_cli.loading.ledger import Ledger, ledger_path

    return Ledger(ledger_path(path, os.environ))


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
    name = " ".join(provider.split())
    if not name:
        raise UsageError("--provider is empty; give the care provider's name")
    code = agb.strip() if agb is not None else None
    if code is not None and (problem := agb_problem(code)):
        raise UsageError(f"--agb: {problem}")
    catalog = load_catalog(calendars_dirs(calendars))
    calendar = pick(catalog, care, year, insurer)
    events = merged_events(calendar, catalog.parents(calendar))
    given = parse_events(on, {key: event.label for key, event in events.items()})
    contract = NewContract(name, code or None, calendar.care_type, calendar.year, calendar.id,
                           given)
    ids, _ = open_ledger(ledger).upsert([contract])
    write(str(ids[0]))


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
    from zinkoop_cli.loading.contracts_csv import read_contracts
    from zinkoop_cli.render.progress import LazyProgress

    catalog = load_catalog(calendars_dirs(calendars))
    store = open_ledger(ledger)
    with LazyProgress(f"reading {file.name}") as progress:
        items = read_contracts(file, catalog, insurer, progress=progress,
                               total=progress.set_total)
        progress(0, "storing", total=len(items))
        _, added = store.upsert(items, progress=progress)
    write(f"{file}: {added} added, {len(items) - added} updated")


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
    day = today_in_amsterdam(today)
    if care is not None and year is None:
        raise UsageError("give CARE and YEAR together, e.g. 'zinkoop track list msz 2027'")
    catalog = load_catalog(calendars_dirs(calendars))
    care_type, number = None, None
    if care is not None and year is not None:
        number = parse_year(year)
        care_type = catalog.care_types().get(care.strip().lower())
        if care_type is None:
            catalog.find(care, number)  # raises the unknown-care-type error, with a hint
    tracked = open_ledger(ledger).tracked(catalog, day, care_type, number, atw=atw)
    if format is TrackFormat.json:
        from zinkoop_cli.render.contracts import contracts_json

        write(contracts_json(day, tracked))
    elif format is TrackFormat.csv:
        from zinkoop_cli.render.contracts import contracts_csv

        write(contracts_csv(tracked))
    else:
        import sys

        from zinkoop_cli.render.contracts import contracts_lines
        from zinkoop_cli.render.terminal import emit, width

        emit(contracts_lines(tracked, lang_of(lang), width(sys.stdout)))


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
    from zinkoop_cli.loading.ledger import tracked

    day = parse_iso_day(on_day, "--date") if on_day is not None else today_in_amsterdam(None)
    store = open_ledger(ledger)
    contract = store.contract(contract_id)
    catalog = load_catalog(calendars_dirs(calendars))
    [item] = tracked([contract], catalog, day, where=str(store.path))
    own = [d.entry.id for d in item.deadlines]
    if deadline is not None:
        if deadline not in own:
            raise DataError(f"contract {contract_id} ({contract.provider}) has no deadline "
                            f"{deadline!r}; its deadlines: {', '.join(own) or 'none'}")
        entries = [deadline]
    else:
        entries = [d.entry.id for d in item.deadlines if d.done is None]
        if not entries:
            write(f"contract {contract_id} ({contract.provider}): nothing open")
            return
    store.mark_done(contract_id, entries, day)
    write(f"contract {contract_id} ({contract.provider}): {', '.join(entries)} done on "
          f"{day.isoformat()}")


@track_app.command("remove")
def remove(contract_id: ContractArgument, ledger: LedgerOption = None) -> None:
    """Stop tracking a contract: remove it, its events and done marks from the ledger.

    Examples:

      zinkoop track remove 12
    """
    contract = open_ledger(ledger).remove(contract_id)
    write(f"removed contract {contract.id} ({contract.provider}, {contract.care_type} "
          f"{contract.year})")
