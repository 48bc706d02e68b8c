"""`zinkoop calendar [CARE YEAR]...`: months as grids, each deadline on its day."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Annotated, NamedTuple

import typer

from zinkoop_cli.cli.app import app
from zinkoop_cli.cli.common import load_catalog
from zinkoop_cli.cli.options import (
    AtwOption,
    CalendarsOption,
    InsurerOption,
    LangOption,
    Language,
    LedgerOption,
    OnOption,
    TodayOption,
    calendars_dirs,
    lang_of,
    today_in_amsterdam,
)
from zinkoop_cli.core.lang import Lang
from zinkoop_cli.errors import UsageError

if TYPE_CHECKING:
    from zinkoop_cli.core.contracts import ContractDeadline
    from zinkoop_cli.core.resolve import Row


# --- The use case: which deadlines fall in which months (plain data, nothing printed). ---
# The lead moves this part into the app/ package.

class DayItem(NamedTuple):
    """One deadline on a day: a calendar's, or a tracked contract's own."""

    day: date
    care_type: str
    activity: str
    status: str  # a timeline status, or a contract's (overdue, done, ...)
    provider: str | None = None
    contract: int | None = None


def months_from(first: tuple[int, int], count: int) -> list[tuple[int, int]]:
    """``count`` months as (year, month), from ``first`` on."""
    year, month = first
    found = []
    for _ in range(count):
        found.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def month_items(rows: Iterable[Row], tracked: Iterable[ContractDeadline],
                months: Sequence[tuple[int, int]]) -> list[DayItem]:
    """The deadlines that fall in ``months``, in day order, calendars' before contracts'.

    Only what names a day something must be done by counts (as for ``warn``): a period or
    a start says when something runs, and an undated or unresolved entry has no day.
    """
    from zinkoop_cli.core.due import unique_rows, warns

    wanted = set(months)
    found = [DayItem(row.date, row.calendar.care_type, row.entry.activity, row.status)
             for row in unique_rows(rows)
             if warns(row) and row.date is not None and (row.date.year, row.date.month) in wanted]
    found += [DayItem(d.row.date, d.contract.care_type, d.row.entry.activity, d.status,
                      d.contract.provider, d.contract.id)
              for d in tracked
              if d.row.date is not None and (d.row.date.year, d.row.date.month) in wanted]
    return sorted(found, key=lambda item: item.day)  # stable: calendars' first on a day


# --- The command. ---

MAX_MONTHS = 12
STYLES = {"past": "dim", "done": "dim", "today": "bold red", "overdue": "bold red",
          "upcoming": "green"}


def parse_month(text: str) -> tuple[int, int]:
    from zinkoop_cli.loading.dates import DateTextError, month_span

    try:
        span = month_span(text)
    except DateTextError:
        raise UsageError(f"--month {text!r} is not a month; write it as 2026-11 or "
                         "november 2026") from None
    return span.year, span.start.month


def _item(found: DayItem, lang: Lang) -> tuple[str, str, str | None]:
    """Its text in a cell, its text in the list under the grid, and its style.

    The list says what is not simply still to come (past, today, overdue, done) in words
    too: colour is gone in a pipe, in cron's mail and under NO_COLOR.
    """
    from zinkoop_cli.core.lang import word
    from zinkoop_cli.render.contracts import STATUS_WORDS

    # "contract" is the same word in Dutch and English.
    who = f"{found.provider} (contract {found.contract}): " if found.contract else ""
    label = f"{found.care_type} {found.provider or ''} {found.activity}"
    status = ""
    if found.status != "upcoming":
        said = STATUS_WORDS[lang][found.status] if found.contract else \
            word(lang, found.status)
        status = f"({said}) "
    return (" ".join(label.split()), f"{status}{found.care_type}: {who}{found.activity}",
            STYLES.get(found.status))


@app.command("calendar")
def calendar(
    targets: Annotated[list[str] | None, typer.Argument(
        metavar="[CARE YEAR]...",
        help="Care types and purchase years, in pairs (e.g. msz 2027); none: every "
             "calendar on the search path.")] = None,
    month: Annotated[str | None, typer.Option(
        "--month", metavar="YYYY-MM",
        help="The first month shown (default: the month of --today).")] = None,
    months: Annotated[int, typer.Option(
        "--months", metavar="N", min=1, max=MAX_MONTHS,
        help=f"How many months, 1 to {MAX_MONTHS} (default 1).")] = 1,
    on: OnOption = None,
    today: TodayOption = None,
    atw: AtwOption = False,
    tracked: Annotated[bool, typer.Option(
        "--tracked", help="Also show the tracked contracts' own deadlines (from the "
                          "ledger).")] = False,
    insurer: InsurerOption = None,
    lang: LangOption = Language.nl,
    calendars: CalendarsOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Show months as grids of weeks, like cal, with each deadline on its day.

    Weeks start on Monday, with their ISO week number in front. Weekend days and Atw
    holidays carry a * after their number. Each deadline has a number in its day; the list
    under the grid gives its care type and activity. Wide terminals show the text in the
    grid too. Plain text in a pipe and under NO_COLOR; on a terminal the status has colour.

    Examples:

      zinkoop calendar

      zinkoop calendar msz 2027 --month 2026-11 --months 3

      zinkoop calendar msz 2027 --on ontvangst=2026-11-14 --atw --month 2026-12

      zinkoop calendar --tracked --months 2
    """
    from zinkoop_cli.cli.warn_cmd import chosen_calendars, gather, pairs, tracked_deadlines

    named = pairs(targets or [])
    day = today_in_amsterdam(today)
    first = parse_month(month) if month is not None else (day.year, day.month)
    shown = months_from(first, months)
    catalog = load_catalog(calendars_dirs(calendars))
    picked = chosen_calendars(catalog, named, insurer)
    rows, _, _ = gather(catalog, picked, on, day, atw)
    own = tracked_deadlines(catalog, picked, ledger, day, atw, None, False) if tracked else []
    language = lang_of(lang)

    import sys

    from zinkoop_cli.core.holidays import atw_holidays
    from zinkoop_cli.core.lang import holiday_label
    from zinkoop_cli.render.grid import Item, Line, grid_lines
    from zinkoop_cli.render.terminal import emit, width

    items: dict[date, list[Item]] = {}
    for found in month_items(rows, own, shown):
        items.setdefault(found.day, []).append(Item(*_item(found, language)))
    holidays = {when: holiday_label(name, language)
                for year in sorted({year for year, _ in shown})
                for when, name in atw_holidays(year).items()}
    columns = width(sys.stdout)
    lines: list[Line] = []
    for index, (year, number) in enumerate(shown):
        if index:
            lines.append([])
        lines += grid_lines(year, number, items, holidays, language, columns, day)
    emit(lines)
