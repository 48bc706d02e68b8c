"""The first and last day of a draft's *when* keys (core.key_days)."""

from __future__ import annotations

import datetime as dt

import pytest

from zinkoop_cli.core.key_days import first_day, last_day


@pytest.mark.parametrize(("keys", "first", "last"), [
    ({"date": "1 oktober 2026"}, dt.date(2026, 10, 1), dt.date(2026, 10, 1)),
    ({"date": "1 oktober 2026", "bound": "voor"}, dt.date(2026, 10, 1), dt.date(2026, 9, 30)),
    ({"from": "13 december 2027", "date": "19 december 2027"}, dt.date(2027, 12, 13),
     dt.date(2027, 12, 19)),
    ({"month": "september 2026", "part": "eind"}, dt.date(2026, 9, 1), dt.date(2026, 9, 30)),
    ({"month": "september 2026", "part": "begin"}, dt.date(2026, 9, 1), dt.date(2026, 9, 10)),
    ({"quarter": "derde kwartaal 2023"}, dt.date(2023, 7, 1), dt.date(2023, 9, 30)),
    ({"season": "winter 2025"}, dt.date(2025, 12, 1), dt.date(2026, 2, 28)),
    ({"year": 2027}, dt.date(2027, 1, 1), dt.date(2027, 12, 31)),
    ({"starts": "derde kwartaal 2023"}, dt.date(2023, 7, 1), dt.date(2023, 9, 30)),
    ({"period": ["1 januari 2019", "31 december 2021"]}, dt.date(2019, 1, 1),
     dt.date(2021, 12, 31)),
])
def test_first_and_last_day(keys: dict[str, object], first: dt.date, last: dt.date) -> None:
    assert (first_day(keys), last_day(keys)) == (first, last)


def test_keys_without_a_day_have_none() -> None:
    assert (first_day({"continuous": True}), last_day({"after": "x", "weeks": 2})) == (None, None)
