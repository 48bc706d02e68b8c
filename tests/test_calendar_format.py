"""The forms of issue 11, each from TOML to the days it resolves to, and their errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from zinkoop_cli.core.model import Calendar
from zinkoop_cli.core.resolve import Row, timeline
from zinkoop_cli.loading.parse import parse_calendar
from zinkoop_cli.render.view import view

HEAD = """
[calendar]
publisher = "Voorbeeld"
care_type = "msz"
year = 2027
title = "Inkoopbeleid 2027"
version = "1"
published = "2026-04-01"
source = "https://example.org"
"""
TODAY = date(2026, 10, 29)


def _calendar(body: str) -> Calendar:
    calendar, problems = parse_calendar(HEAD + body, "c.toml")
    assert [str(problem) for problem in problems] == []
    assert calendar is not None
    return calendar


def _days(body: str, given: dict[str, date] | None = None) -> dict[str, date | None]:
    return {row.key: row.date for row in timeline(_calendar(body), [], TODAY, given)}


def _problems(text: str) -> list[str]:
    return [str(problem) for problem in parse_calendar(text, "c.toml")[1]]


def test_voor_on_a_relative_term_is_the_day_before_the_counted_one() -> None:
    days = _days("""
[[entry]]
id = "ingang"
activity = "De wijziging gaat in"
date = "1 januari 2026"

[[entry]]
id = "aankondiging"
activity = "Aankondigen, niet eerder dan zeven weken voor de ingang"
before = "ingang"
weeks = 7
bound = "voor"
""")
    assert days["aankondiging"] == date(2025, 11, 12)


@pytest.mark.parametrize(
    ("yearly", "extra", "expected"),
    [
        ("september", "", [date(2026, 9, 30), date(2027, 9, 30), date(2028, 9, 30)]),
        ("medio juli", "", [date(2026, 7, 20), date(2027, 7, 20), date(2028, 7, 20)]),
        ("eind juni", "", [date(2026, 6, 30), date(2027, 6, 30), date(2028, 6, 30)]),
        ("derde kwartaal", "", [date(2026, 9, 30), date(2027, 9, 30), date(2028, 9, 30)]),
        ("najaar", "", [date(2026, 11, 30), date(2027, 11, 30), date(2028, 11, 30)]),
        ("1 juni", 'bound = "voor"', [date(2026, 5, 31), date(2027, 5, 31), date(2028, 5, 31)]),
        ("1 maart", 'bound = "voor"', [date(2026, 2, 28), date(2027, 2, 28), date(2028, 2, 29)]),
        ("30 oktober", "first = 2024\nuntil = 2026",
         [date(2024, 10, 30), date(2025, 10, 30), date(2026, 10, 30)]),
        ("12 november", "", [date(2026, 11, 12), date(2027, 11, 12), date(2028, 11, 12)]),
    ],
)
def test_yearly_in_every_form_a_day_can_take(yearly: str, extra: str,
                                              expected: list[date]) -> None:
    days = _days(f'[[entry]]\nid = "j"\nactivity = "Jaarlijks"\nyearly = "{yearly}"\n{extra}\n')
    assert list(days.values()) == expected
    assert list(days) == [f"j@{day.isoformat()}" for day in expected]


def test_a_yearly_month_shows_the_month_and_a_happening_warns_on_its_first_day() -> None:
    calendar = _calendar('[[entry]]\nid = "j"\nactivity = "Gesprekken"\nyearly = "september"\n'
                         'kind = "happening"\n')
    rows = timeline(calendar, [], TODAY)
    assert view(rows[0], "nl").when == "september 2026"
    assert rows[0].first == date(2026, 9, 1)


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ('month = "september"\npurchase_year = -1', date(2026, 9, 30)),
        ('month = "februari"\npurchase_year = 1', date(2028, 2, 29)),
        ('date = "1 oktober"\npurchase_year = -1', date(2026, 10, 1)),
        ('quarter = "derde kwartaal"\npurchase_year = 0', date(2027, 9, 30)),
        ('season = "voorjaar"\npurchase_year = -1', date(2026, 5, 31)),
        ('date = "15 juli"\nfrom = "1 juli"\npurchase_year = -1', date(2026, 7, 15)),
    ],
)
def test_a_day_relative_to_the_purchase_year(when: str, expected: date) -> None:
    assert _days(f'[[entry]]\nid = "p"\nactivity = "Iets"\n{when}\n') == {"p": expected}


def test_a_day_relative_to_the_purchase_year_moves_with_the_calendar() -> None:
    body = '[[entry]]\nid = "p"\nactivity = "Iets"\ndate = "1 oktober"\npurchase_year = -1\n'
    calendar, _ = parse_calendar(HEAD.replace("year = 2027", "year = 2028") + body, "c.toml")
    assert calendar is not None
    assert [row.date for row in timeline(calendar, [], TODAY)] == [date(2027, 10, 1)]


WINDOWS = """
[events.aanmelding]
label = "Dag van aanmelding"

[[entry]]
id = "start"
activity = "Wie zich tussen 1 augustus 2023 en 1 maart 2024 meldt, start per 1 april 2024"
window_of = "aanmelding"
windows = [
  { from = "1 augustus 2023", through = "1 maart 2024", date = "1 april 2024" },
  { from = "2 maart 2024", through = "31 juli 2024", date = "1 oktober 2024" },
]
"""


@pytest.mark.parametrize(
    ("event", "expected"),
    [(date(2023, 8, 1), date(2024, 4, 1)), (date(2024, 3, 1), date(2024, 4, 1)),
     (date(2024, 6, 10), date(2024, 10, 1))],
)
def test_an_event_in_a_window_gives_the_window_s_day(event: date, expected: date) -> None:
    assert _days(WINDOWS, {"aanmelding": event}) == {"start": expected}


def test_an_event_outside_every_window_is_unresolved_with_a_message() -> None:
    rows = timeline(_calendar(WINDOWS), [], TODAY, {"aanmelding": date(2024, 8, 10)})
    row: Row = rows[0]
    assert (row.date, row.status) == (None, "unresolved")
    assert view(row, "nl").when == "aanmelding za 10 aug 2024 valt in geen venster"
    assert view(row, "en").when == "aanmelding Sat 10 Aug 2024 falls in no window"


def test_without_the_event_a_windowed_entry_asks_for_it() -> None:
    rows = timeline(_calendar(WINDOWS), [], TODAY)
    assert (rows[0].status, rows[0].missing) == ("unresolved", ("aanmelding",))


@pytest.mark.parametrize(
    ("windows", "message"),
    [
        ("[]", "window_of needs windows"),
        ('[{ from = "1 maart 2024", date = "1 april 2024" }]',
         "each window has from, through and date"),
        ('[{ from = "1 maart 2024", through = "1 januari 2024", date = "1 april 2024" }]',
         "comes after its through"),
        ('[{ from = "1 januari 2024", through = "1 maart 2024", date = "1 april 2024" },'
         ' { from = "1 februari 2024", through = "1 juni 2024", date = "1 juli 2024" }]',
         "windows overlap"),
    ],
)
def test_wrong_windows_say_how_to_write_them(windows: str, message: str) -> None:
    found = _problems(HEAD + f'[[entry]]\nid = "w"\nactivity = "A"\nwindow_of = "x"\n'
                             f"windows = {windows}\n")
    assert len(found) == 1
    assert message in found[0]


def test_every_problem_is_listed_calendar_table_included() -> None:
    text = HEAD.replace('published = "2026-04-01"', 'published = "31 juni 2026"') + """
[[entry]]
id = "a"
activity = "A"
date = "16 oktober"

[[entry]]
id = "b"
activity = "B"
yearly = "medio julli"
"""
    assert _problems(text) == [
        "c.toml: [calendar]: 31 juni 2026 does not exist: juni 2026 has 30 days",
        "c.toml: entry 'a': '16 oktober' has no year; write the year, e.g. '16 oktober 2026', "
        "or give purchase_year = -1 (0, 1) for the year before (of, after) the purchase year",
        "c.toml: entry 'b': 'julli' is not a Dutch month name (januari ... december)",
    ]


def test_a_missing_calendar_key_does_not_hide_the_entries_problems() -> None:
    text = HEAD.replace('title = "Inkoopbeleid 2027"\n', "") + (
        '[[entry]]\nid = "a"\nactivity = "A"\nmonth = "september"\n')
    found = _problems(text)
    assert found[0] == "c.toml: [calendar]: is missing title"
    assert "'september' has no year" in found[1]


@pytest.mark.parametrize(
    ("when", "message"),
    [
        ('yearly = "31 juni"', "yearly '31 juni': 31 juni does not exist"),
        ('yearly = "september 2026"', "yearly 'september 2026' gives a year"),
        ('yearly = "september"\nbound = "voor"', "bound goes with a yearly day"),
        ('yearly = "29 februari"\nfirst = 2025', "yearly '29 februari' is not a day of every"),
        ('date = "1 oktober 2026"\npurchase_year = -1', "gives a year and purchase_year"),
        ('month = "september"\npurchase_year = "vorig"', "purchase_year must be a whole"),
        ('yearly = "eerste maandag"', "yearly 'eerste maandag' is not a day, month"),
        ('yearly = "begin 13"', "'13' is not a month; write it as september"),
        ('date = "31 juni"\npurchase_year = -1', "31 juni does not exist: juni has 30 days"),
    ],
)
def test_errors_quote_only_what_the_writer_wrote(when: str, message: str) -> None:
    found = _problems(HEAD + f'[[entry]]\nid = "e"\nactivity = "A"\n{when}\n')
    assert len(found) == 1
    assert message in found[0]


def _complete_example() -> tuple[Calendar, Calendar]:
    text = (Path(__file__).parents[1] / "docs" / "calendar-format.md").read_text("utf-8")

    def block(name: str) -> str:
        start = text.index(f"<!-- file: mijn-kalenders/voorbeeld/{name} -->")
        body = text[text.index("```toml\n", start) + 8:]
        return body[:body.index("\n```")]

    parent, _ = parse_calendar(block("algemeen-2027.toml"), "algemeen-2027.toml")
    calendar, problems = parse_calendar(block("ggz-2027.toml"), "ggz-2027.toml")
    assert problems == []
    assert parent is not None
    assert calendar is not None
    return calendar, parent


def test_the_complete_example_pins_every_new_form() -> None:
    calendar, parent = _complete_example()
    rows = timeline(calendar, [parent], TODAY, {"aanmelding": date(2026, 10, 10)})
    found = {row.key: (row.date, row.entry.kind) for row in rows}
    d = date
    expected = {
        "reactie-streven": (d(2026, 12, 1), "target"),
        "kwaliteitsstatuut-ingezet": (d(2026, 12, 31), "fact"),
        "inkoopdag@2026-09-30": (d(2026, 9, 30), "happening"),
        "inkoopdag@2027-09-30": (d(2027, 9, 30), "happening"),
        "inkoopdag@2028-09-30": (d(2028, 9, 30), "happening"),
        "jaarverantwoording@2026-07-20": (d(2026, 7, 20), "deadline"),
        "jaarverantwoording@2028-07-20": (d(2028, 7, 20), "deadline"),
        "wijziging-zorgaanbod@2026-05-31": (d(2026, 5, 31), "deadline"),
        "wijziging-zorgaanbod@2028-05-31": (d(2028, 5, 31), "deadline"),
        "productieafspraak@2026-10-30": (d(2026, 10, 30), "deadline"),
        "productieafspraak@2028-10-30": (d(2028, 10, 30), "deadline"),
        "wijziging-ingang": (d(2027, 1, 1), "happening"),
        "wijziging-aankondigen": (d(2026, 11, 12), "deadline"),
        "tarieven-bekend": (d(2026, 9, 30), "deadline"),
        "productieopgave": (d(2026, 10, 1), "deadline"),
        "eindafrekening": (d(2028, 2, 29), "happening"),
        "start-nieuwe-aanbieder": (d(2027, 4, 1), "deadline"),
    }
    assert {key: found[key] for key in expected} == expected
    assert len([key for key in found if key.startswith("productieafspraak@")]) == 3
    later = timeline(calendar, [parent], TODAY, {"aanmelding": date(2027, 6, 10)})
    assert [row.date for row in later if row.key == "start-nieuwe-aanbieder"] == [
        d(2027, 10, 1)]
