"""render/ics.py: titles, UIDs, reminders and SEQUENCE worked out from an earlier file."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from zinkoop_cli.core.model import Calendar, Day, Entry
from zinkoop_cli.core.resolve import timeline
from zinkoop_cli.render.ics import (
    SUMMARY_LENGTH,
    Reminder,
    build,
    history_of,
    serialise,
    short,
    trigger_of,
    uid_of,
)

CALENDAR = Calendar(
    id="voorbeeld/ggz-2027", publisher="Voorbeeld", publisher_id="voorbeeld", care_type="ggz",
    year=2027, version="1.0", published=date(2026, 4, 1), title="GGZ 2027",
    source="Voorbeeld, GGZ 2027", entries=(
        Entry("a", "Offerte indienen", Day(date(2026, 10, 1)), party="zorgaanbieder"),
        Entry("b", "Contract tekenen", Day(date(2026, 11, 11)), party="zorgaanbieder"),
    ),
)


def exported(calendar: Calendar, previous: bytes | None = None) -> bytes:
    rows = timeline(calendar, [], date(2026, 9, 1))
    return serialise(build(calendar, [], rows, "nl", Reminder()), previous)


def sequences(data: bytes) -> dict[str, int]:
    return {uid.decode(): seen.sequence for uid, seen in history_of(data).items()}


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
    newer = exported(CALENDAR._replace(published=date(2026, 6, 1)), first)
    assert set(sequences(newer).values()) == {0}
    assert b"DTSTAMP:20260601T000000Z" in newer
