"""Days as people type them: ISO, Dutch figures, month names, a weekday in front."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zinkoop_cli.core.daytext import (
    ACCEPTED_FORMS,
    MONTH_NAMES,
    WEEKDAY_NAMES,
    DayTextError,
    parse_user_day,
)
from zinkoop_cli.core.holidays import MAX_YEAR, MIN_YEAR
from zinkoop_cli.core.lang import MONTHS, MONTHS_SHORT

SEPTEMBER_14 = date(2026, 9, 14)


@pytest.mark.parametrize("text", [
    "2026-09-14", "2026-9-14", "2026/09/14",
    "14-9-2026", "14-09-2026", "14/9/2026", "14/09/2026", "14.9.2026", "14.09.2026",
    "14 september 2026", "14 sep 2026", "14 sept 2026", "14 sept. 2026", "14 sep. 2026",
    "14 September 2026", "14 SEP 2026", "  14   sep\t2026 ", "14. sep 2026",
    "ma 14 sep 2026", "ma. 14 sep 2026", "maandag 14 september 2026", "Maandag, 14-9-2026",
    "mon 14 sep 2026", "Monday 14 September 2026", "Mon, 2026-09-14",
])
def test_every_accepted_form_reads_14_september(text: str) -> None:
    assert parse_user_day(text) == SEPTEMBER_14


@pytest.mark.parametrize(("text", "expected"), [
    ("1 mrt 2027", date(2027, 3, 1)),
    ("1 maart 2027", date(2027, 3, 1)),
    ("1 maa 2027", date(2027, 3, 1)),
    ("1 march 2027", date(2027, 3, 1)),
    ("3 okt 2026", date(2026, 10, 3)),
    ("3 oct 2026", date(2026, 10, 3)),
    ("29 mei 2026", date(2026, 5, 29)),
    ("29 may 2026", date(2026, 5, 29)),
    ("29-2-2028", date(2028, 2, 29)),
    ("1-12-2026", date(2026, 12, 1)),  # day first, never 12 January
    ("2-1-2026", date(2026, 1, 2)),
])
def test_month_names_and_day_first_figures(text: str, expected: date) -> None:
    assert parse_user_day(text) == expected


@pytest.mark.parametrize(("text", "message"), [
    ("31-2-2026", "31 februari 2026 does not exist (februari 2026 has 28 days)"),
    ("31 feb 2026", "31 februari 2026 does not exist"),
    ("2026-02-29", "29 februari 2026 does not exist"),
    ("0-1-2026", "0 januari 2026 does not exist"),
    ("9-14-2026", "month 14 does not exist; the day comes first: 14-9-2026"),
    ("14-13-2026", "month 13 does not exist"),
    ("14-9-26", "write the year in full"),
    ("14/09/26", "write the year in full"),
    ("14 sep 26", "write the year in full"),
    ("14 foo 2026", "'foo' is not a month"),
    ("14-9.2026", "is not a day"),
    ("2026-09", "is not a day"),
    ("september 14, 2026", "is not a day"),
    ("", "is not a day"),
    ("14 sep 1999", "year 1999 is out of range"),
    ("di 14 sep 2026", "14 september 2026 is a maandag, not dinsdag"),
    ("zondag 14-9-2026", "14 september 2026 is a maandag, not zondag"),
    ("Tue 14 Sep 2026", "14 September 2026 is a Monday, not Tuesday"),
    ("xy 14 sep 2026", "is not a day"),
])
def test_what_cannot_be_read_says_why(text: str, message: str) -> None:
    with pytest.raises(DayTextError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_user_day(text)


def test_the_general_message_names_every_accepted_form() -> None:
    with pytest.raises(ValueError, match="not a day") as caught:
        parse_user_day("morgen")
    assert str(caught.value) == f"'morgen' is not a day; write it as {ACCEPTED_FORMS}"
    for form in ("2026-09-14", "14-9-2026", "14 september 2026", "14 sep 2026"):
        assert form in ACCEPTED_FORMS


def test_every_month_name_and_abbreviation_is_known() -> None:
    for lang in ("nl", "en"):
        for number, (name, short) in enumerate(zip(MONTHS[lang], MONTHS_SHORT[lang],
                                                   strict=True), start=1):
            assert MONTH_NAMES[name.lower()] == number
            assert MONTH_NAMES[short.lower()] == number


days = st.dates(min_value=date(MIN_YEAR, 1, 1), max_value=date(MAX_YEAR, 12, 31))


def forms(day: date) -> list[str]:
    """``day`` written in every form a person may type."""
    d, m, y = day.day, day.month, day.year
    written = [day.isoformat(), f"{y}/{m}/{d}"]
    written += [f"{d}{sep}{m}{sep}{y}" for sep in "-/."]
    written += [f"{d:02}{sep}{m:02}{sep}{y}" for sep in "-/."]
    for lang in ("nl", "en"):
        written += [f"{d} {MONTHS[lang][m - 1]} {y}", f"{d} {MONTHS_SHORT[lang][m - 1]} {y}",
                    f"{d} {MONTHS_SHORT[lang][m - 1]}. {y}"]
        names = WEEKDAY_NAMES[lang][day.weekday()]
        written += [f"{name} {d} {MONTHS[lang][m - 1]} {y}" for name in names]
        written += [f"{names[0].capitalize()}, {d}-{m}-{y}"]
    return written


@given(days)
def test_every_form_of_any_day_reads_back_as_that_day(day: date) -> None:
    for text in forms(day):
        assert parse_user_day(text) == day, text


@given(days, st.integers(min_value=1, max_value=6))
def test_a_weekday_that_is_not_the_days_own_is_refused(day: date, shift: int) -> None:
    wrong = WEEKDAY_NAMES["nl"][(day.weekday() + shift) % 7][1]
    with pytest.raises(DayTextError, match=", not "):
        parse_user_day(f"{wrong} {day.day}-{day.month}-{day.year}")
