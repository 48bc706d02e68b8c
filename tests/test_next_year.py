"""Moving a calendar's written dates one year on (core.next_year), read back by loading.dates."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zinkoop_cli.core.dutch_words import MONTH_NAMES
from zinkoop_cli.core.next_year import (
    TO_FILL_IN,
    UnmovableError,
    next_year,
    shift_day,
    shift_day_value,
    shift_span_value,
    shift_text,
)
from zinkoop_cli.loading.dates import any_span, parse_day

DAYS = st.dates(date(2000, 1, 1), date(2098, 12, 31))
YEARS = st.integers(1, 2)


def entry(**keys: Any) -> dict[str, Any]:
    return {"id": "x", "activity": "Iets doen", **keys}


def document(*entries: dict[str, Any], **head: Any) -> dict[str, Any]:
    calendar = {"publisher": "Voorbeeld", "care_type": "ggz", "year": 2027,
                "title": "GGZ zorginkoopbeleid 2027", "version": "1.0",
                "published": "1 april 2026", "source": "Voorbeeld, GGZ 2027, versie 1.0",
                **head}
    return {"calendar": calendar, "entry": list(entries)}


def test_a_day_moves_one_year_and_29_februari_becomes_28() -> None:
    assert shift_day(date(2026, 10, 1), 1) == date(2027, 10, 1)
    assert shift_day(date(2028, 2, 29), 1) == date(2029, 2, 28)
    assert shift_day(date(2028, 2, 29), 4) == date(2032, 2, 29)
    assert shift_day(date(2027, 2, 28), 1) == date(2028, 2, 28)


@given(DAYS, YEARS)
def test_a_day_text_keeps_its_form_and_reads_as_the_moved_day(day: date, years: int) -> None:
    dutch = f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
    moved = shift_day_value(dutch, years)
    assert parse_day(moved) == shift_day(day, years)
    assert str(moved).split()[1] == MONTH_NAMES[day.month - 1]
    iso = shift_day_value(day.isoformat(), years)
    assert iso == shift_day(day, years).isoformat()
    assert shift_day_value(day, years) == shift_day(day, years)  # a TOML date stays one


def test_an_abbreviated_month_and_an_unpadded_iso_day_stay_as_written() -> None:
    assert shift_day_value("1 okt. 2026", 1) == "1 okt. 2027"
    assert shift_day_value("2026-9-1", 1) == "2027-9-1"
    assert shift_day_value("29  februari 2028", 1) == "28 februari 2029"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("september 2026", "september 2027"),
        ("2026-09", "2027-09"),
        ("2026-Q3", "2027-Q3"),
        ("Q3 2026", "Q3 2027"),
        ("derde kwartaal 2026", "derde kwartaal 2027"),
        ("vanaf het derde kwartaal van 2026", "vanaf het derde kwartaal van 2027"),
        ("najaar 2026", "najaar 2027"),
        ("in het voorjaar van 2019", "in het voorjaar van 2020"),
        ("winter 2026", "winter 2027"),
    ],
)
def test_a_month_quarter_or_season_moves_its_year(written: str, expected: str) -> None:
    moved = shift_span_value(written, 1)
    assert moved == expected
    old, new = any_span(written), any_span(moved)
    assert new.start == shift_day(old.start, 1)
    # the same stretch a year on: a February that ends it may gain or lose its 29th
    assert (new.end.year, new.end.month) == (old.end.year + 1, old.end.month)
    assert new._replace(start=old.start, end=old.end, year=old.year) == old


def test_a_winter_that_would_end_past_2100_is_not_moved() -> None:
    with pytest.raises(UnmovableError, match="2101"):
        shift_span_value("winter 2099", 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gedurende heel 2026 en 2027", "Gedurende heel 2027 en 2028"),
        ("1 oktober 2027 (in geval van bijcontracteren)",
         "1 oktober 2028 (in geval van bijcontracteren)"),
        ("uiterlijk 1 t/m 15 juli 2027", "uiterlijk 1 t/m 15 juli 2028"),
        ("2026-2027, 2026-Q3 en 2026-10-01", "2027-2028, 2027-Q3 en 2027-10-01"),
        ("binnen zes weken na de dag van ontvangst", "binnen zes weken na de dag van ontvangst"),
        ("jaarlijks op 12 november", "jaarlijks op 12 november"),
        ("omzet tot €2.000 of 1.500.000", "omzet tot €2.000 of 1.500.000"),
    ],
)
def test_written_text_moves_the_years_of_its_dates(text: str, expected: str) -> None:
    assert shift_text(text, 1) == (expected, [])


def test_a_29_februari_in_text_is_listed() -> None:
    assert shift_text("29 februari 2028 en 2028-02-29", 1) == (
        "28 februari 2029 en 2029-02-28", ["29 februari 2028", "2028-02-29"])


def test_the_calendar_table_moves_and_asks_for_version_and_published() -> None:
    moved = next_year(document(id="voorbeeld/ggz-2027",
                               inherits=["algemeen", "voorbeeld/regio-2027"]))
    head = moved.document["calendar"]
    assert head["year"] == 2028
    assert head["title"] == "GGZ zorginkoopbeleid 2028"
    assert head["version"] == TO_FILL_IN
    assert "published" not in head  # last year's day would pass for this year's
    assert head["source"] == f"Voorbeeld, GGZ zorginkoopbeleid 2028, versie {TO_FILL_IN}"
    assert head["id"] == "voorbeeld/ggz-2028"
    assert head["inherits"] == ["algemeen", "voorbeeld/regio-2028"]
    assert any(note.startswith("[calendar] fill in version") for note in moved.notes)


def test_an_id_without_its_year_is_left_out_and_a_title_without_one_noted() -> None:
    moved = next_year(document(id="voorbeeld/ggz", title="Actieplan"))
    assert "id" not in moved.document["calendar"]
    assert moved.document["calendar"]["title"] == "Actieplan"
    assert any("names no year" in note for note in moved.notes)
    assert any("default id applies" in note for note in moved.notes)


def test_every_absolute_date_key_moves_and_its_entry_is_marked() -> None:
    entries = [
        entry(id="a", date="1 oktober 2026", bound="voor", time="17:00", written="1 okt 2026"),
        entry(id="b", date=date(2026, 7, 15), **{"from": date(2026, 7, 1)}),
        entry(id="c", month="september 2026", part="eind"),
        entry(id="d", quarter="2026-Q3"),
        entry(id="e", season="najaar 2026"),
        entry(id="f", year=2026, part="eind"),
        entry(id="g", period=["1 januari 2026", "31 december 2027"]),
        entry(id="h", starts=2027),
        entry(id="i", starts="derde kwartaal 2026"),
        entry(id="j", starts="1 juni 2026"),
        entry(id="k", first_of_month_of="aanvraag", not_before="1 januari 2027",
              not_after="1 december 2027"),
        entry(id="l", rrule="FREQ=YEARLY;UNTIL=20281231", first="1 april 2027"),
        entry(id="m", rrule="FREQ=MONTHLY;INTERVAL=3", first="15 januari 2027",
              until="31 december 2027"),
    ]
    moved = next_year(document(*entries))
    new = {table["id"]: table for table in moved.document["entry"]}
    assert new["a"] == {"id": "a", "verify": True, "activity": "Iets doen",
                        "date": "1 oktober 2027", "bound": "voor", "time": "17:00",
                        "written": "1 okt 2027"}
    assert (new["b"]["date"], new["b"]["from"]) == (date(2027, 7, 15), date(2027, 7, 1))
    assert (new["c"]["month"], new["c"]["part"]) == ("september 2027", "eind")
    assert new["d"]["quarter"] == "2027-Q3"
    assert new["e"]["season"] == "najaar 2027"
    assert (new["f"]["year"], new["f"]["part"]) == (2027, "eind")
    assert new["g"]["period"] == ["1 januari 2027", "31 december 2028"]
    assert [new[key]["starts"] for key in "hij"] == [2028, "derde kwartaal 2027", "1 juni 2027"]
    assert (new["k"]["not_before"], new["k"]["not_after"]) == ("1 januari 2028",
                                                                "1 december 2028")
    assert (new["l"]["rrule"], new["l"]["first"]) == ("FREQ=YEARLY;UNTIL=20291231",
                                                      "1 april 2028")
    assert (new["m"]["first"], new["m"]["until"]) == ("15 januari 2028", "31 december 2028")
    assert moved.moved == list("abcdefghijklm")
    assert all(table["verify"] is True for table in new.values())


def test_rules_and_undated_entries_are_kept_as_written_and_not_marked() -> None:
    kept = [
        entry(id="a", after="ontvangst", weeks=6, written="binnen zes weken"),
        entry(id="b", same_day_as="c"),
        entry(id="c", continuous=True, written="Doorlopend"),
        entry(id="d", undetermined=True, written="Overige data"),
        entry(id="e", yearly="12 november", written="jaarlijks op 12 november"),
        entry(id="f", frequency="tweemaal per jaar"),
    ]
    moved = next_year(document(*kept))
    assert moved.document["entry"] == kept
    assert moved.kept == list("abcdef")
    assert moved.moved == []


def test_keys_it_does_not_know_are_left_alone() -> None:
    """A date counted from the purchase year (a kind of *when* added later) is kept."""
    table = entry(id="a", dag_voor_inkoopjaar="1 oktober 2026", activity="Offerte 2027")
    moved = next_year(document(table))
    assert moved.document["entry"] == [table]


def test_a_29_februari_becomes_28_with_a_note() -> None:
    moved = next_year(document(entry(date="29 februari 2028", note="Let op.")))
    new = moved.document["entry"][0]
    assert new["date"] == "28 februari 2029"
    assert new["note"] == ("Let op. zinkoop new: 29 februari 2028 became 28 februari 2029 "
                           "(2029 has no 29 februari).")
    assert moved.leap_days == ["entry 'x': 29 februari 2028 became 28 februari 2029"]


def test_an_entry_that_cannot_move_whole_is_kept_marked_and_listed() -> None:
    table = entry(period=["31 december 2099", "1 januari 2100"])
    moved = next_year(document(table))
    new = moved.document["entry"][0]
    assert new["period"] == table["period"]  # not half moved: first after last
    assert new["verify"] is True
    assert "not moved (year 2101 is out of range (2000-2100)); check by hand" in new["note"]
    assert moved.not_moved == ["entry 'x': year 2101 is out of range (2000-2100); kept as "
                               "written, check by hand"]


def test_verify_stays_true_and_events_move_their_date_defaults() -> None:
    doc = document(entry(date="1 april 2026", verify=False))
    doc["events"] = {"ingang": {"label": "ingangsdatum", "default": "1 januari 2027"},
                     "offerte": {"label": "offerte", "default": "x"}}
    doc["not_modelled"] = [{"text": "Planning 2027", "reason": "een kop"}]
    moved = next_year(doc)
    assert list(moved.document["entry"][0])[:2] == ["id", "verify"]
    assert moved.document["entry"][0]["verify"] is True
    assert moved.document["events"]["ingang"]["default"] == "1 januari 2028"
    assert moved.document["events"]["offerte"]["default"] == "x"
    assert moved.document["not_modelled"] == doc["not_modelled"]
    assert doc["events"]["ingang"]["default"] == "1 januari 2027"  # the input is not changed


def test_more_than_one_year_and_never_backwards() -> None:
    moved = next_year(document(entry(date="1 oktober 2026")), years=2)
    assert moved.document["entry"][0]["date"] == "1 oktober 2028"
    assert moved.document["calendar"]["year"] == 2029
    with pytest.raises(UnmovableError, match="forward"):
        next_year(document(), years=0)


@given(DAYS)
def test_a_moved_day_is_one_year_on_to_the_day_or_the_28th(day: date) -> None:
    moved = shift_day(day, 1)
    assert moved.year == day.year + 1
    assert (moved.month, moved.day) == (day.month, day.day) or (
        (day.month, day.day, moved.day) == (2, 29, 28))
    assert timedelta(days=365) <= moved - day <= timedelta(days=366)


def test_a_yearly_29_februari_becomes_28_when_its_first_year_has_none() -> None:
    table = entry(yearly="29 februari", written="jaarlijks op 29 februari")
    moved = next_year(document(table, year=2029))  # first in 2028, then in 2029: none
    new = moved.document["entry"][0]
    assert (new["yearly"], new["verify"]) == ("28 februari", True)
    assert new["note"] == "zinkoop new: yearly 29 februari became 28 februari (2029 has no 29 " \
                          "februari)."
    assert next_year(document(table, year=2029), years=4).document["entry"] == [table]


def test_a_yearly_entrys_years_and_an_events_windows_move() -> None:
    entries = [
        entry(id="a", yearly="30 oktober", first=2026, until=2028),
        entry(id="b", window_of="aanmelding", windows=[
            {"from": "1 augustus 2025", "through": "1 maart 2026", "date": "1 april 2026"}]),
    ]
    moved = next_year(document(*entries))
    new = {table["id"]: table for table in moved.document["entry"]}
    assert (new["a"]["first"], new["a"]["until"]) == (2027, 2029)
    assert new["b"]["windows"] == [{"from": "1 augustus 2026", "through": "1 maart 2027",
                                    "date": "1 april 2027"}]
    assert moved.moved == ["a", "b"]


def test_days_relative_to_the_purchase_year_are_kept_as_written() -> None:
    kept = [entry(id="a", month="september", purchase_year=-1),
            entry(id="b", date="1 oktober", purchase_year=-1)]
    moved = next_year(document(*kept))
    assert moved.document["entry"] == kept
    assert moved.kept == ["a", "b"]
