"""`zinkoop calendar [CARE YEAR]...`: months as grids, each deadline on its day."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from zinkoop_cli.cli.app import app
from zinkoop_cli.cli.common import where
from zinkoop_cli.cli.options import (
    AtwOption,
    CalendarsOption,
    InsurerOption,
    LangOption,
    Language,
    LedgerOption,
    OnOption,
    TargetsArgument,
    TodayOption,
    lang_of,
    parse_on,
    today_in_amsterdam,
)
from zinkoop_cli.cli.warn_cmd import pairs
from zinkoop_cli.core.selection import Selection
from zinkoop_cli.errors import UsageError

if TYPE_CHECKING:
    from zinkoop_cli.app.calendar import DayItem, Months
    from zinkoop_cli.core.lang import Lang
    from zinkoop_cli.render.grid import Line

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
    from zinkoop_cli.render.words import CONTRACT_STATUS, word

    # "contract" is the same word in Dutch and English.
    who = f"{found.provider} (contract {found.contract}): " if found.contract else ""
    label = f"{found.care_type} {found.provider or ''} {found.activity}"
    status = ""
    if found.status != "upcoming":
        said = CONTRACT_STATUS[lang][found.status] if found.contract else \
            word(lang, found.status)
        status = f"({said}) "
    return (" ".join(label.split()), f"{status}{found.care_type}: {who}{found.activity}",
            STYLES.get(found.status))


@app.command("calendar")
def calendar(
    targets: TargetsArgument = None,
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
    from zinkoop_cli.app.calendar import calendar_months

    day = today_in_amsterdam(today)
    first = parse_month(month) if month is not None else (day.year, day.month)
    found = calendar_months(where(ledger, calendars), pairs(targets or []), day, parse_on(on),
                            Selection(atw=atw, insurer=insurer), first, months,
                            tracked=tracked)
    _show(found, lang_of(lang), day)


def _show(found: Months, lang: Lang, today: date) -> None:
    import sys

    from zinkoop_cli.render.grid import Item, grid_lines
    from zinkoop_cli.render.terminal import emit, width
    from zinkoop_cli.render.words import holiday_label

    items: dict[date, list[Item]] = {}
    for item in found.items:
        items.setdefault(item.day, []).append(Item(*_item(item, lang)))
    holidays = {day: holiday_label(name, lang) for day, name in found.holidays.items()}
    columns = width(sys.stdout)
    lines: list[Line] = []
    for index, (year, number) in enumerate(found.months):
        if index:
            lines.append([])
        lines += grid_lines(year, number, items, holidays, lang, columns, today)
    emit(lines)
