"""The warn use case without the CLI: calendars' and contracts' deadlines in the window."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from zinkoop_cli.app import tracking
from zinkoop_cli.app.tracking import Where
from zinkoop_cli.app.warn import Window, warn
from zinkoop_cli.core.selection import Selection
from zinkoop_cli.errors import UsageError

TODAY = date(2026, 10, 29)


@pytest.fixture
def where(tmp_path: Path) -> Where:
    return Where(str(tmp_path / "ledger.db"), {})


def test_a_window_of_days_and_overdue_contracts_first(where: Where) -> None:
    quiet = warn(where, [("msz", 2027)], TODAY, {}, Selection(), Window(0, None))
    assert quiet.alerts == []
    assert quiet.calendars[0].id == "zorg-en-zekerheid/msz-2027"
    tracking.add(where, "msz", 2027, "Laat", None, {"ontvangst": date(2026, 9, 1)}, None)
    found = warn(where, [("msz", 2027)], TODAY, {}, Selection(), Window(14, None))
    assert found.alerts[0].overdue
    assert found.alerts[0].contract is not None
    assert found.alerts[0].contract.provider == "Laat"
    later = [a.row.date for a in found.alerts[1:] if a.row.date is not None]
    assert later == sorted(later)
    assert all(0 <= (day - TODAY).days <= 14 for day in later)


def test_exact_days_and_named_calendars(where: Where) -> None:
    found = warn(where, [("msz", 2027), ("msz", 2027)], TODAY, {}, Selection(),
                 Window(None, {14}))
    assert found.alerts
    assert {(a.row.date - TODAY).days for a in found.alerts if a.row.date} <= {0, 14}
    assert len(found.calendars) == len({c.id for c in found.calendars})


def test_an_event_no_chosen_calendar_knows_is_a_usage_error(where: Where) -> None:
    with pytest.raises(UsageError, match="knows no event 'aanbieding'"):
        warn(where, [("msz", 2027)], TODAY, {"aanbieding": TODAY}, Selection(),
             Window(14, None))
