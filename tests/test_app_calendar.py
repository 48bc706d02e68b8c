"""The calendar use case: deadlines on the days of the months shown, without the CLI."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from zinkoop_cli.app.calendar import DayItem, calendar_months, month_items, months_from
from zinkoop_cli.app.tracking import Where
from zinkoop_cli.core.contracts import Contract, ContractDeadline
from zinkoop_cli.core.model import Calendar, Day, Entry, Period
from zinkoop_cli.core.resolve import Row
from zinkoop_cli.core.selection import Selection


def test_months_run_on_into_the_next_year() -> None:
    assert months_from((2026, 11), 3) == [(2026, 11), (2026, 12), (2027, 1)]


def _calendar(entries: tuple[Entry, ...]) -> Calendar:
    return Calendar("p/msz-2027", "P", "p", "msz", 2027, "1", date(2026, 1, 1), "t", "s",
                    entries)


def _row(calendar: Calendar, entry: Entry, day: date, status: str = "upcoming") -> Row:
    return Row(calendar, entry, entry.id, day, day, None, status, 0)  # type: ignore[arg-type]


def test_month_items_keeps_deadlines_of_the_months_asked() -> None:
    deadline = Entry("a", "Offerte", Day(date(2026, 11, 12)))
    later = Entry("b", "Besluit", Day(date(2027, 1, 5)))
    period = Entry("c", "Looptijd", Period(date(2026, 11, 1), date(2026, 11, 30)),
                   kind="happening")
    cal = _calendar((deadline, later, period))
    rows = [_row(cal, e, d) for e, d in ((deadline, date(2026, 11, 12)),
                                         (later, date(2027, 1, 5)),
                                         (period, date(2026, 11, 30)))]
    contract = Contract(7, "Oost", None, "msz", 2027, cal.id, {}, {})
    own = [ContractDeadline(contract, _row(cal, deadline, date(2026, 11, 3)), "overdue", None)]
    found = month_items(rows + rows, own, [(2026, 11), (2026, 12)])
    assert found == [
        DayItem(date(2026, 11, 3), "msz", "Offerte", "overdue", "Oost", 7),
        DayItem(date(2026, 11, 12), "msz", "Offerte", "upcoming"),
    ]


def test_calendar_months_gives_the_msz_deadlines_and_holidays_of_december(
        tmp_path: Path) -> None:
    where = Where(None, {"XDG_DATA_HOME": str(tmp_path)}, [])
    found = calendar_months(where, [("msz", 2027)], date(2026, 10, 29),
                            {"ontvangst": date(2026, 11, 14)}, Selection(), (2026, 12), 1,
                            tracked=False)
    assert found.months == [(2026, 12)]
    assert date(2026, 12, 26) in [item.day for item in found.items]  # 6 weeks after receipt
    assert found.holidays[date(2026, 12, 25)] == "eerste Kerstdag"
