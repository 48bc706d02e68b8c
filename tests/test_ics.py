"""render/ics.py: shapes, titles, UIDs, escaping, reminders, stamps and SEQUENCE."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject  # type: ignore[import-untyped]
from hypothesis import given
from hypothesis import strategies as st
from ical.calendar_stream import IcsCalendarStream

from zinkoop_cli.core.model import Calendar, Day, Entry, Kind, Period, Relative, Span, default_kind
from zinkoop_cli.core.resolve import Row, timeline
from zinkoop_cli.render.ics import (
    SUMMARY_LENGTH,
    Reminder,
    amsterdam,
    clean,
    plan,
    shape_of,
    short,
    trigger_of,
    uid_of,
    write,
)
from zinkoop_cli.render.ics_carry import history_of, seen_in

CALENDAR = Calendar(
    id="voorbeeld/ggz-2027", publisher="Voorbeeld", publisher_id="voorbeeld", care_type="ggz",
    year=2027, version="1.0", published=date(2026, 4, 1), title="GGZ 2027",
    source="Voorbeeld, GGZ 2027", entries=(
        Entry("a", "Offerte indienen", Day(date(2026, 10, 1)), party="zorgaanbieder"),
        Entry("b", "Contract tekenen", Day(date(2026, 11, 11)), party="zorgaanbieder"),
    ),
)


THEN = datetime(2026, 9, 1, 6, tzinfo=UTC)
LATER = datetime(2026, 12, 1, 6, tzinfo=UTC)


def exported(calendar: Calendar, previous: bytes | None = None, now: datetime = THEN,
             carry: bool = True) -> bytes:
    rows = timeline(calendar, [], date(2026, 9, 1))
    return write(calendar, "nl", plan(calendar, rows, "nl", Reminder()), previous, now,
                 carry=carry)


def sequences(data: bytes) -> dict[str, int]:
    found = {}
    for uid, block in history_of(data).items():
        seen = seen_in(block)
        assert seen is not None
        found[uid.decode()] = seen.sequence
    return found


def test_uid_is_made_of_entry_care_type_year_and_publisher() -> None:
    assert uid_of(CALENDAR, "a") == "a.ggz-2027.voorbeeld@zinkoop"
    assert uid_of(CALENDAR, "monitor@2020-12-31") == "monitor-2020-12-31.ggz-2027.voorbeeld@zinkoop"


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300))
def test_short_never_exceeds_the_limit(text: str) -> None:
    cut = short(text)
    assert len(cut) <= SUMMARY_LENGTH
    if len(" ".join(text.split())) <= SUMMARY_LENGTH:
        assert cut == " ".join(text.split())
    else:
        assert cut.endswith("…")


def test_short_cuts_at_a_word() -> None:
    text = ("Zorgaanbieder stuurt een e-mail naar zorginkoop met de mededeling dat "
            "overschrijding van het omzetplafond dreigt")
    cut = short(text)
    assert cut == "Zorgaanbieder stuurt een e-mail naar zorginkoop met de mededeling dat…"
    assert text[len(cut) - 1] == " "


def test_triggers_are_nine_in_the_morning() -> None:
    assert trigger_of(date(2026, 11, 11), Reminder(days=7)) == timedelta(days=-7, hours=9)
    five_pm = datetime.combine(date(2026, 8, 4), time(17), tzinfo=ZoneInfo("Europe/Amsterdam"))
    assert trigger_of(five_pm, Reminder(days=1)) == -timedelta(days=1, hours=8)
    assert trigger_of(five_pm, Reminder(days=None, lead=timedelta(hours=2))) == \
        -timedelta(hours=2)


def test_sequence_starts_at_zero_without_a_usable_previous_file() -> None:
    for previous in (None, b"", b"not a calendar at all", b"\x00\xff" * 10):
        assert set(sequences(exported(CALENDAR, previous)).values()) == {0}


def test_sequence_follows_the_previous_file() -> None:
    first = exported(CALENDAR)
    assert exported(CALENDAR, first) == first
    moved = CALENDAR._replace(entries=(
        CALENDAR.entries[0], CALENDAR.entries[1]._replace(when=Day(date(2026, 11, 12)))))
    second = exported(moved, first)
    assert sequences(second) == {"a.ggz-2027.voorbeeld@zinkoop": 0,
                                 "b.ggz-2027.voorbeeld@zinkoop": 1}
    # a file whose line ends were turned into LF by an editor still counts as history
    assert exported(moved, second.replace(b"\r\n", b"\n")) == second
    # someone else's higher number is respected
    bumped = second.replace(b"SEQUENCE:1\r\n", b"SEQUENCE:7\r\n")
    assert sequences(exported(moved, bumped))["b.ggz-2027.voorbeeld@zinkoop"] == 7


def test_a_new_version_date_alone_is_no_change() -> None:
    first = exported(CALENDAR)
    newer = exported(CALENDAR._replace(published=date(2026, 6, 1)), first, LATER)
    assert newer == first
    assert b"DTSTAMP:20260901T060000Z" in newer


# --- stamps and carrying over (issue 13, points 7 and 8) ----------------------------------

def stamps(data: bytes) -> dict[str, datetime]:
    return {str(e["UID"]): e.DTSTAMP for e in icalendar.Calendar.from_ical(data).events}


def test_stamps_say_when_the_content_last_changed() -> None:
    first = exported(CALENDAR)
    assert set(stamps(first).values()) == {THEN}
    for event in icalendar.Calendar.from_ical(first).events:
        assert event.LAST_MODIFIED == event.DTSTAMP
    moved = CALENDAR._replace(entries=(
        CALENDAR.entries[0], CALENDAR.entries[1]._replace(when=Day(date(2026, 11, 12)))))
    second = exported(moved, first, LATER)
    assert stamps(second) == {"a.ggz-2027.voorbeeld@zinkoop": THEN,
                              "b.ggz-2027.voorbeeld@zinkoop": LATER}
    # unchanged content on a later day: the same bytes
    assert exported(moved, second, LATER + timedelta(days=1)) == second


def many(count: int, changed: frozenset[int] = frozenset()) -> Calendar:
    entries = tuple(
        Entry(f"e{n}", f"Rapportage {n}{' (gewijzigd)' if n in changed else ''}",
              Day(date(2026, 1, 1) + timedelta(days=n % 700)), party="zorgaanbieder")
        for n in range(count))
    return CALENDAR._replace(entries=entries)


def test_carrying_over_is_byte_identical_to_writing_from_scratch() -> None:
    base = exported(many(500))
    one_percent = many(500, frozenset(range(0, 500, 100)))
    carried = exported(one_percent, base, LATER)
    scratch = exported(one_percent, base, LATER, carry=False)
    assert carried == scratch
    assert sorted(stamps(carried).values()).count(LATER) == 5
    assert sorted(sequences(carried).values()).count(1) == 5
    assert exported(one_percent, carried, LATER) == exported(one_percent, carried, LATER,
                                                             carry=False) == carried


def test_a_sequence_of_five_thousand_digits_is_unreadable_not_a_crash() -> None:
    first = exported(CALENDAR)
    huge = first.replace(b"SEQUENCE:0\r\n", b"SEQUENCE:" + b"9" * 5000 + b"\r\n", 1)
    again = exported(CALENDAR, huge)
    assert set(sequences(again).values()) == {0}
    icalendar.Calendar.from_ical(again)


# --- shapes: what each kind of entry becomes (point 3) ------------------------------------

def row_of(entry: Entry, kind: Kind | None = None, today: date = date(2026, 1, 1)) -> Row:
    """The entry's row, of ``kind``, else of the kind the parser gives its form."""
    entry = entry._replace(kind=kind or default_kind(entry.when))
    (row,) = timeline(CALENDAR._replace(entries=(entry,)), [], today)
    return row


TWO_YEARS = Entry("p", "Gedurende heel 2026 en 2027", Period(date(2026, 1, 1),
                                                              date(2027, 12, 31)))


def test_a_deadline_stretch_is_its_first_day_and_its_last_with_the_reminder() -> None:
    (begin, end) = shape_of(row_of(TWO_YEARS, "deadline"), "nl").parts
    assert (begin.start, begin.end, begin.alarm) == (date(2026, 1, 1), date(2026, 1, 2), False)
    assert (end.start, end.end, end.alarm) == (date(2027, 12, 31), date(2028, 1, 1), True)
    assert begin.title.endswith("(begin)")
    assert end.title.endswith("(einde)")
    assert (begin.suffix, end.suffix) == (".begin", "")  # the end keeps the entry's UID


@pytest.mark.parametrize(("kind", "alarm"), [("happening", True), ("fact", False), (None, True)])
def test_a_happening_or_fact_stretch_is_one_day_on_its_start(kind: Kind | None,
                                                              alarm: bool) -> None:
    (part,) = shape_of(row_of(TWO_YEARS, kind), "nl").parts
    assert (part.start, part.end, part.alarm) == (date(2026, 1, 1), date(2026, 1, 2), alarm)
    assert part.title == "1 jan 2026 t/m 31 dec 2027"


def test_facts_are_not_exported_as_deadlines() -> None:
    end_of_june = Entry("m", "Monitor", Span("month", date(2026, 6, 1), date(2026, 6, 30),
                                             2026, month=6))
    (deadline,) = shape_of(row_of(end_of_june, "deadline"), "nl").parts
    assert (deadline.start, deadline.title, deadline.alarm) == (date(2026, 6, 30),
                                                                "uiterlijk juni 2026", True)
    (fact,) = shape_of(row_of(end_of_june, "fact"), "nl").parts
    assert (fact.start, fact.title, fact.alarm) == (date(2026, 6, 1), "juni 2026", False)
    (day,) = shape_of(row_of(CALENDAR.entries[0], "fact"), "nl").parts
    assert not day.alarm


def test_the_kind_the_parser_infers_decides_the_shape() -> None:
    assert shape_of(row_of(CALENDAR.entries[0]), "nl").kind == "deadline"
    rule = Entry("r", "Reactie", Relative("a", 6, "weeks"), kind=default_kind(Relative("a")))
    calendar = CALENDAR._replace(entries=(CALENDAR.entries[0], rule))
    rows = timeline(calendar, [], date(2026, 1, 1))
    assert {shape_of(row, "nl").kind for row in rows} == {"deadline"}
    assert shape_of(row_of(TWO_YEARS), "nl").kind == "happening"


def test_a_deadline_at_a_time_is_the_half_hour_up_to_it() -> None:
    at_five = Entry("t", "Offerte", Day(date(2026, 8, 4), at=time(17)))
    (part,) = shape_of(row_of(at_five), "nl").parts
    amsterdam_tz = ZoneInfo("Europe/Amsterdam")
    assert part.start == datetime(2026, 8, 4, 16, 30, tzinfo=amsterdam_tz)
    assert part.end == datetime(2026, 8, 4, 17, tzinfo=amsterdam_tz)
    (meeting,) = shape_of(row_of(at_five, "happening"), "nl").parts
    assert meeting.start == datetime(2026, 8, 4, 17, tzinfo=amsterdam_tz)


# --- escaping (point 4), empty calendars (point 5), the time zone (point 6) ---------------

def read_back(data: bytes) -> tuple[str, str, str]:
    """The calendar's name as vobject reads X-WR-CALNAME and NAME, and as `ical` reads NAME
    (it keeps X- properties as raw text, unescaped by nobody)."""
    text = data.decode("utf-8")
    loose = vobject.readOne(text, validate=True)
    strict = IcsCalendarStream.calendar_from_ics(text)
    (name,) = strict.name
    return str(loose.x_wr_calname.value), str(loose.contents["name"][0].value), str(name)


def test_every_text_value_is_escaped_and_reads_back_whole() -> None:
    publisher = "VWS, ZN; AZN \\ ambulancezorg\nregio"
    calendar = CALENDAR._replace(publisher=publisher)
    data = exported(calendar)
    name = f"{publisher}: ggz 2027"
    assert b"X-WR-CALNAME:VWS\\, ZN\\; AZN \\\\ ambulancezorg\\nregio: ggz 2027" in \
        data.replace(b"\r\n ", b"")
    assert read_back(data) == (name, name, name)


def test_control_characters_are_shown_not_written() -> None:
    assert clean("a\x1b[31mb\x07c\x85d\te\r\nf") == "a\u241b[31mb\u2407c\ufffdd\te\nf"
    entry = CALENDAR.entries[0]._replace(activity="Offerte\x1b[2J indienen\x00")
    data = exported(CALENDAR._replace(entries=(entry,), publisher="Voor\x07beeld"))
    assert not any(byte < 0x20 and byte not in (0x0D, 0x0A) for byte in data)
    vobject.readOne(data.decode("utf-8"), validate=True)


def test_an_empty_selection_is_still_a_valid_calendar() -> None:
    data = write(CALENDAR, "nl", [], None, THEN)
    assert b"BEGIN:VTIMEZONE" in data
    assert b"BEGIN:VEVENT" not in data
    assert not icalendar.Calendar.from_ical(data).events
    vobject.readOne(data.decode("utf-8"), validate=True)
    assert not IcsCalendarStream.calendar_from_ics(data.decode("utf-8")).events


def test_the_time_zone_is_one_yearly_rule_each_way() -> None:
    zone = amsterdam()
    assert "COMMENT" not in zone
    assert [part.name for part in zone.subcomponents] == ["DAYLIGHT", "STANDARD"]
    assert all("RRULE" in part for part in zone.subcomponents)
    converted = zone.to_tz()
    real = ZoneInfo("Europe/Amsterdam")
    # every day of the months that change, and mid-month in the others
    days = [datetime(year, month, day, hour)  # noqa: DTZ001
            for year in range(2018, 2036) for month in range(1, 13)
            for day in (range(20, 32) if month in (3, 10) else (15,)) for hour in (1, 4, 12)]
    for day in days:
        assert converted.utcoffset(day) == real.utcoffset(day), day
