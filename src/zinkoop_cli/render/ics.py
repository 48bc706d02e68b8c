"""iCalendar (RFC 5545) for Outlook, Thunderbird and Google: one event per dated row.

The only module that knows iCalendar exists; the model and the core do not. Everything in
the output is derived from the data, never from the clock or chance: UIDs from publisher,
care type, year and entry, DTSTAMP from the calendar's version date, SEQUENCE from the file
that was exported before. So two exports of the same data are byte-identical, and a
subscribed calendar updates its events in place instead of duplicating them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from icalendar import Alarm, Event
from icalendar import Calendar as ICalendar

from zinkoop_cli.core.contracts import Contract, ContractDeadline
from zinkoop_cli.core.lang import Lang
from zinkoop_cli.core.model import Calendar, Day, Period, Span, Start
from zinkoop_cli.core.resolve import Row
from zinkoop_cli.render.describe import when_text
from zinkoop_cli.render.view import mark_of, rule_of
from zinkoop_cli.render.words import format_day, format_long_day, word

TIMEZONE = "Europe/Amsterdam"
PRODID = "-//zinkoop//zinkoop zorginkoop deadlines//NL"
SUMMARY_LENGTH = 80
# Reminders fire at this hour, local time, the chosen number of days before the event.
ALARM_HOUR = 9
# How often a subscribing client should fetch the file again (Outlook, Apple, Google).
REFRESH = timedelta(hours=12)


class Reminder(NamedTuple):
    """When the one VALARM of each event fires: ``days`` before at 09:00, or an exact lead."""

    days: int | None = 7
    lead: timedelta | None = None


def uid_of(calendar: Calendar, key: str) -> str:
    """Stable across exports, unique across files: publisher, care type, year and entry."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", key)
    return f"{safe}.{calendar.care_type}-{calendar.year}.{calendar.publisher_id}@zinkoop"


def short(text: str, limit: int = SUMMARY_LENGTH) -> str:
    """The activity cut at a word boundary; the full text goes into the description."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


def summary_of(row: Row, lang: Lang) -> str:
    """The title says how precise the date is where the policy gives no single day."""
    when = row.entry.when
    activity = short(row.entry.activity)
    if isinstance(when, Span):
        return f"{word(lang, 'due_by').format(what=when_text(when, lang))}: {activity}"
    if isinstance(when, Start):
        return f"{when_text(when, lang)}: {activity}"
    if isinstance(when, Day) and when.bound == "voor" and when.first is None:
        return f"{when_text(when._replace(at=None), lang)}: {activity}"
    return activity


def description_of(row: Row, lang: Lang) -> str:
    entry = row.entry
    source = row.calendar
    lines = [" ".join(entry.activity.split()), ""]
    if entry.party:
        lines.append(f"{word(lang, 'who')}: {entry.party}")
    if entry.condition:
        lines.append(f"{word(lang, 'condition')}: {entry.condition}")
    rule = rule_of(row, lang)
    if rule:
        lines.append(f"{word(lang, 'rule')}: {rule}")
    if entry.written:
        lines.append(f"{word(lang, 'written')}: {entry.written}")
    mark = mark_of(row, lang)
    if mark:
        lines.append(word(lang, "falls_on").format(what=mark))
    if row.moved and row.raw_date is not None:
        lines.append(word(lang, "atw_moved").format(day=format_day(row.raw_date, lang)))
    if row.unconfirmed_day:
        lines.append(word(lang, "unconfirmed_day"))
    if entry.note:
        lines.append(f"{word(lang, 'note')}: {' '.join(entry.note.split())}")
    cited = cited_source(source, lang)
    if entry.section:
        cited += f", {word(lang, 'section')} {entry.section}"
    lines.append(f"{word(lang, 'source')}: {cited}")
    return "\n".join(lines)


def cited_source(calendar: Calendar, lang: Lang) -> str:
    """The source document and its version (sources often name the version themselves)."""
    if calendar.version in calendar.source:
        return calendar.source
    return f"{calendar.source}, {word(lang, 'version')} {calendar.version}"


def span_of(row: Row) -> tuple[date | datetime, date | datetime | None]:
    """DTSTART and DTEND: a day (or range) is all-day, with DTEND the day after the last;
    a time of day is a moment in Europe/Amsterdam without an end (RFC 5545 3.6.1)."""
    when = row.entry.when
    assert row.date is not None
    if isinstance(when, Day) and when.at is not None and when.first is None:
        moment = datetime.combine(row.date, when.at, tzinfo=ZoneInfo(TIMEZONE))
        return moment, None
    first = row.first if isinstance(when, Period) or (
        isinstance(when, Day) and when.first is not None) else None
    return (first or row.date), row.date + timedelta(days=1)


def trigger_of(start: date | datetime, reminder: Reminder) -> timedelta:
    """How long before DTSTART the alarm fires (negative is before)."""
    if reminder.lead is not None:
        return -reminder.lead
    days = reminder.days or 0
    at = start.time() if isinstance(start, datetime) else time(0)
    since_midnight = timedelta(hours=at.hour, minutes=at.minute)
    return timedelta(days=-days, hours=ALARM_HOUR) - since_midnight


def exported(rows: Iterable[Row]) -> tuple[list[Row], list[Row]]:
    """The rows that become events, and those left out for want of a date."""
    dated: list[Row] = []
    left_out: list[Row] = []
    for row in rows:
        (dated if row.date is not None else left_out).append(row)
    return dated, left_out


def _missing_text(row: Row) -> str:
    if row.missing:
        needs = " ".join(f"--on {name}=YYYY-MM-DD" for name in row.missing)
        return f"needs {needs}"
    return "the policy gives no date"


def export_report(target: str, events: int, left_out: Sequence[Row]) -> str:
    """What export says on stderr: the file, its events, and each entry left out and why."""
    lines = [f"zinkoop: {target}: {events} event{'s' if events != 1 else ''}"]
    if left_out:
        lines[0] += f"; left out {len(left_out)} without a date:"
        lines.extend(f"  {row.key}: {_missing_text(row)}" for row in left_out)
    return "\n".join(lines) + "\n"


def contract_text(contract: Contract, lang: Lang) -> str:
    """The description's lines on whose deadline it is (a tracked contract's)."""
    agb = f" (AGB {contract.agb})" if contract.agb else ""
    given = ", ".join(f"{name} {format_long_day(day, lang)}"
                      for name, day in sorted(contract.given.items()))
    return (f"{word(lang, 'provider')}: {contract.provider}{agb}\n"
            f"{word(lang, 'contract')}: {contract.id} ({given})\n")


def event_of(
    calendar: Calendar, row: Row, lang: Lang, stamp: datetime, reminder: Reminder | None,
    contract: Contract | None = None,
) -> Event:
    start, end = span_of(row)
    summary = summary_of(row, lang)
    description = description_of(row, lang)
    key = row.key
    if contract is not None:
        # One event per contract deadline: the provider in the title, its own UID.
        summary = f"{contract.provider}: {summary}"
        first, _, rest = description.partition("\n\n")
        description = f"{first}\n\n{contract_text(contract, lang)}{rest}"
        key = f"{row.key}.contract-{contract.id}"
    event = Event()
    event.add("uid", uid_of(calendar, key))
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    if end is not None:
        event.add("dtend", end)
    event.add("summary", summary)
    event.add("description", description)
    categories = [calendar.care_type, *([row.entry.party] if row.entry.party else [])]
    event.add("categories", categories)
    event.add("transp", "TRANSPARENT")
    event.add("x-microsoft-cdo-busystatus", "FREE")  # what Outlook reads first for "free"
    event.add("class", "PUBLIC")
    if reminder is not None:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", trigger_of(start, reminder))
        event.add_component(alarm)
    return event


def stamp_of(calendars: Sequence[Calendar]) -> datetime:
    """The newest version date of the data: what DTSTAMP says, the same on every export."""
    newest = max(calendar.published for calendar in calendars)
    return datetime.combine(newest, time(0), tzinfo=UTC)


def calendar_name(calendar: Calendar) -> str:
    return f"{calendar.publisher}: {calendar.care_type} {calendar.year}"


def build(
    calendar: Calendar,
    parents: Sequence[Calendar],
    rows: Iterable[Row],
    lang: Lang,
    reminder: Reminder | None,
    tracked: Iterable[ContractDeadline] = (),
) -> ICalendar:
    """The VCALENDAR for ``calendar``'s dated rows, and for the open deadlines of the
    contracts tracked against it (SEQUENCE is added by ``serialise``)."""
    stamp = stamp_of([calendar, *parents])
    cal = ICalendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    name = calendar_name(calendar)
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    description = cited_source(calendar, lang)
    cal.add("description", description)
    cal.add("x-wr-caldesc", description)
    cal.add("x-wr-timezone", TIMEZONE)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT12H")  # Outlook's name for REFRESH-INTERVAL
    years: list[int] = []
    for row in rows:
        if row.date is None:
            continue
        event = event_of(calendar, row, lang, stamp, reminder)
        if isinstance(event.start, datetime):
            years.append(event.start.year)
        cal.add_component(event)
    for deadline in tracked:
        if deadline.row.date is None or deadline.done is not None:
            continue
        event = event_of(calendar, deadline.row, lang, stamp, reminder, deadline.contract)
        cal.add_component(event)
    if years:
        cal.add_missing_timezones(first_date=date(min(years) - 1, 1, 1),
                                  last_date=date(max(years) + 1, 12, 31))
    return cal


# SEQUENCE counts an event's changes between exports. It is worked out on the serialised
# text, ours and the previous file's alike: one pass over each instead of parsing the old
# file back into objects and serialising every event twice (15 s instead of 5 s at 10,000).
_EVENT = re.compile(rb"BEGIN:VEVENT\r?\n(.*?)END:VEVENT\r?\n", re.DOTALL)
_FOLD = re.compile(rb"\n[ \t]")
_UID = re.compile(rb"^UID(?:;[^:\n]*)?:([^\n]*)$", re.MULTILINE | re.IGNORECASE)
_SEQUENCE = re.compile(rb"^SEQUENCE(?:;[^:\n]*)?:\s*(\d+)\s*$", re.MULTILINE | re.IGNORECASE)
# When and how often an event changed: not its content.
_NOT_CONTENT = re.compile(rb"^(?:SEQUENCE|DTSTAMP)[;:][^\n]*\n", re.MULTILINE | re.IGNORECASE)


class Seen(NamedTuple):
    sequence: int
    fingerprint: bytes


def _read_event(block: bytes) -> tuple[bytes | None, Seen]:
    """An event's UID, SEQUENCE and content (unfolded, without SEQUENCE and DTSTAMP)."""
    text = _FOLD.sub(b"", block.replace(b"\r\n", b"\n"))
    uid = _UID.search(text)
    sequence = _SEQUENCE.search(text)
    return (uid.group(1).strip() if uid else None,
            Seen(int(sequence.group(1)) if sequence else 0, _NOT_CONTENT.sub(b"", text)))


def history_of(data: bytes | None) -> dict[bytes, Seen]:
    """UID -> what an earlier export said of that event. Anything that is not an iCalendar
    file (or no file at all) has no history: its events start at SEQUENCE 0."""
    found: dict[bytes, Seen] = {}
    for match in _EVENT.finditer(data or b""):
        uid, seen = _read_event(match.group(1))
        if uid is not None:
            found[uid] = seen
    return found


def serialise(cal: ICalendar, previous: bytes | None = None) -> bytes:
    """The file's bytes: CRLF line ends, lines folded at 75 octets, UTF-8 (by icalendar),
    each event with a SEQUENCE one higher than in ``previous`` if its content changed."""
    data: bytes = cal.to_ical()
    history = history_of(previous)

    def numbered(match: re.Match[bytes]) -> bytes:
        uid, seen = _read_event(match.group(1))
        before = history.get(uid) if uid is not None else None
        sequence = 0
        if before is not None:
            changed = before.fingerprint != seen.fingerprint
            sequence = before.sequence + 1 if changed else before.sequence
        return b"BEGIN:VEVENT\r\nSEQUENCE:%d\r\n%sEND:VEVENT\r\n" % (sequence, match.group(1))

    return _EVENT.sub(numbered, data)
