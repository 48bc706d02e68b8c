"""iCalendar (RFC 5545) for Outlook, Thunderbird and Google: events from the dated rows.

The only module that knows iCalendar exists; the model and the core do not. An export is
planned first as plain values (``Spec``: one per event, its UID made from publisher, care
type, year, entry and whose events they are), then written: an event whose content is the
same as in the file it replaces is carried over byte for byte, with its SEQUENCE and stamps
(render.ics_carry); only new and changed events go through icalendar, stamped ``now``. So a
re-export of unchanged data is byte-identical, and a subscribed calendar updates its events
in place instead of duplicating them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Literal, NamedTuple
from zoneinfo import ZoneInfo

from icalendar import Alarm, Event, Timezone, TimezoneDaylight, TimezoneStandard, vText
from icalendar import Calendar as ICalendar

from zinkoop_cli.core.contracts import Contract, ContractDeadline, contract_key, provider_key
from zinkoop_cli.core.lang import Lang
from zinkoop_cli.core.model import Calendar, Day, Period, Span, Start
from zinkoop_cli.core.resolve import Row
from zinkoop_cli.render.describe import span_text, when_text
from zinkoop_cli.render.ics_carry import CONTENT, carried, digest_in, digest_of, history_of, seen_in
from zinkoop_cli.render.view import mark_of, rule_of
from zinkoop_cli.render.words import format_day, format_long_day, party_label, word

TIMEZONE = "Europe/Amsterdam"
PRODID = "-//zinkoop//zinkoop zorginkoop deadlines//NL"
SUMMARY_LENGTH = 80
# Reminders fire at this hour, local time, the chosen number of days before the event.
ALARM_HOUR = 9
# How often a subscribing client should fetch the file again (Outlook, Apple, Google).
REFRESH = timedelta(hours=12)
# A deadline at a time of day is the half hour up to it: Outlook shows a zero-length event
# as a bare line and Google as a 15-minute one at the start; a block that ends at the
# deadline reads the same everywhere ("voor 17.00 uur": 16.30-17.00).
TIMED_LENGTH = timedelta(minutes=30)

Kind = Literal["deadline", "happening", "target", "fact"]
KINDS: tuple[Kind, ...] = ("deadline", "happening", "target", "fact")
WORDS: dict[Lang, dict[str, str]] = {
    "nl": {"begins": "{what} (begin)", "ends": "{what} (einde)", "owner": "Zorgaanbieder"},
    "en": {"begins": "{what} (start)", "ends": "{what} (end)", "owner": "Provider"},
}


class Reminder(NamedTuple):
    """When the one VALARM of each event fires: ``days`` before at 09:00, or an exact lead."""

    days: int | None = 7
    lead: timedelta | None = None


class Owner(NamedTuple):
    """Whose events a calendar's own events are (``export --for/--agb``), for its UIDs."""

    provider: str | None
    agb: str | None = None

    def who(self) -> str:
        return self.provider or f"AGB {self.agb}"


class Part(NamedTuple):
    """One event of an entry: UID suffix, first day (or moment), end, title prefix, alarm."""

    suffix: str
    start: date | datetime
    end: date | datetime
    title: str
    alarm: bool


class Shape(NamedTuple):
    kind: Kind
    parts: tuple[Part, ...]


class Spec(NamedTuple):
    """Everything an event is made from, as plain values: what its digest is taken of."""

    uid: str
    start: date | datetime
    end: date | datetime
    summary: str
    description: str
    categories: tuple[str, ...]
    trigger: timedelta | None


# C0 and C1 controls but tab and newline (which TEXT escaping handles): shown as the Unicode
# control pictures (ESC as ␛), C1 as U+FFFD, so nothing invisible reaches a calendar.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _picture(found: re.Match[str]) -> str:
    code = ord(found.group(0))
    return chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"


def clean(text: str) -> str:
    """A TEXT value with every line break a newline and no control characters left."""
    return _CONTROL.sub(_picture, text.replace("\r\n", "\n").replace("\r", "\n"))


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


def kind_of(row: Row) -> Kind:
    """The entry's kind, as the calendar says it or the parser inferred it from the form."""
    return row.entry.kind


def _day(day: date) -> tuple[date, date]:
    return day, day + timedelta(days=1)


def shape_of(row: Row, lang: Lang) -> Shape:
    """The events an entry becomes: the one place where its kind decides the shape.

    A day is one all-day event, a time of day a half hour up to it. A stretch is never a
    banner over its days: a deadline's (and a target's) stretch is an event on its first day
    and one on its last with the reminder; a happening is an event on its first day; a fact
    the same without a reminder, and without a "by" in its title."""
    when, kind = row.entry.when, kind_of(row)
    assert row.date is not None
    remind = kind != "fact"
    ending = kind in ("deadline", "target")
    if isinstance(when, Day) and when.at is not None and when.first is None:
        moment = datetime.combine(when.day, when.at, tzinfo=ZoneInfo(TIMEZONE))
        title = when_text(when._replace(at=None), lang) if when.bound == "voor" else ""
        start, end = (moment - TIMED_LENGTH, moment) if ending else (moment,
                                                                    moment + TIMED_LENGTH)
        return Shape(kind, (Part("", start, end, title, remind),))
    first = when.first if isinstance(when, Day) else (
        when.start if isinstance(when, Period | Span) else None)
    if isinstance(when, Span):
        what = span_text(when, lang)
        if ending:
            return Shape(kind, (Part("", *_day(row.date), word(lang, "due_by").format(
                what=what), remind),))
        return Shape(kind, (Part("", *_day(when.start), what, remind),))
    if first is not None and first < row.date:
        what = when_text(when, lang)
        if ending:
            return Shape(kind, (
                Part(".begin", *_day(first), WORDS[lang]["begins"].format(what=what), False),
                Part("", *_day(row.date), WORDS[lang]["ends"].format(what=what), remind)))
        return Shape(kind, (Part("", *_day(first), what, remind),))
    vague = isinstance(when, Start) or (
        isinstance(when, Day) and when.bound == "voor" and when.first is None)
    title = when_text(when, lang) if vague else ""
    return Shape(kind, (Part("", *_day(row.date), title, remind),))


def description_of(row: Row, lang: Lang) -> str:
    entry = row.entry
    source = row.calendar
    lines = [" ".join(entry.activity.split()), ""]
    if entry.party:
        lines.append(f"{word(lang, 'who')}: {party_label(entry.party, lang)}")
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
    if entry.verify:
        lines.append(word(lang, "not_verified"))
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
    needs = " ".join(f"--on {name}=YYYY-MM-DD" for name in row.missing)
    return f"needs {needs}" if row.missing else "the policy gives no date"


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


def _owner_text(owner: Owner, lang: Lang) -> str:
    agb = f" (AGB {owner.agb})" if owner.agb and owner.provider else ""
    return f"{WORDS[lang]['owner']}: {owner.who()}{agb}\n"


def specs_of(calendar: Calendar, row: Row, lang: Lang, reminder: Reminder | None,
             contract: Contract | None = None, owner: Owner | None = None) -> list[Spec]:
    """The events of one row: of the calendar, for ``owner``, or of a tracked contract."""
    activity = short(row.entry.activity)
    description = description_of(row, lang)
    key, who = row.key, None
    if contract is not None:
        key, who, extra = (f"{row.key}.{contract_key(contract)}", contract.provider,
                           contract_text(contract, lang))
    elif owner is not None:
        key, who, extra = (f"{row.key}.{provider_key(owner.provider or '', owner.agb)}",
                           owner.who(), _owner_text(owner, lang))
    if who is not None:
        first, _, rest = description.partition("\n\n")
        description = f"{first}\n\n{extra}{rest}"
    party = [party_label(row.entry.party, lang)] if row.entry.party else []
    categories = tuple(clean(c) for c in (calendar.care_type, *party))
    specs = []
    for part in shape_of(row, lang).parts:
        summary = f"{part.title}: {activity}" if part.title else activity
        if who is not None:
            summary = f"{who}: {summary}"
        if row.entry.verify:
            summary += f" ({word(lang, 'not_verified')})"
        trigger = (trigger_of(part.start, reminder)
                   if reminder is not None and part.alarm else None)
        specs.append(Spec(uid_of(calendar, key + part.suffix), part.start, part.end,
                          clean(summary), clean(description), categories, trigger))
    return specs


def plan(calendar: Calendar, rows: Iterable[Row], lang: Lang, reminder: Reminder | None,
         tracked: Iterable[ContractDeadline] = (), owner: Owner | None = None) -> list[Spec]:
    """The events of ``calendar``'s dated rows and of its tracked contracts' open deadlines."""
    specs: list[Spec] = []
    for row in rows:
        if row.date is not None:
            specs.extend(specs_of(calendar, row, lang, reminder, owner=owner))
    for deadline in tracked:
        if deadline.row.date is not None and deadline.done is None:
            specs.extend(specs_of(calendar, deadline.row, lang, reminder, deadline.contract))
    # In the order of their first day (a stretch's start, not its due day) to read the file.
    return sorted(specs, key=lambda spec: (spec.start.date() if isinstance(spec.start, datetime)
                                           else spec.start))


def event_bytes(spec: Spec, sequence: int, stamp: datetime, digest: str) -> bytes:
    """One VEVENT through icalendar: what every new or changed event costs."""
    event = Event()
    event.add("uid", spec.uid)
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("sequence", sequence)
    event.add("dtstart", spec.start)
    event.add("dtend", spec.end)
    event.add("summary", vText(spec.summary))
    event.add("description", vText(spec.description))
    event.add("categories", list(spec.categories))
    event.add("transp", "TRANSPARENT")
    event.add("x-microsoft-cdo-busystatus", "FREE")  # what Outlook reads first for "free"
    event.add("class", "PUBLIC")
    event.add(CONTENT, digest)
    if spec.trigger is not None:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", vText(spec.summary))
        alarm.add("trigger", spec.trigger)
        event.add_component(alarm)
    return bytes(event.to_ical())


def amsterdam() -> Timezone:
    """Europe/Amsterdam as Outlook converts it reliably (MS-OXCICAL builds one yearly rule
    from each RRULE): one STANDARD and one DAYLIGHT, the EU rules in force since 1996."""
    zone = Timezone()
    zone.add("tzid", TIMEZONE)
    for part, month, start, before, after, name in (
            (TimezoneDaylight(), 3, datetime(1996, 3, 31, 2), 1, 2, "CEST"),  # noqa: DTZ001
            (TimezoneStandard(), 10, datetime(1996, 10, 27, 3), 2, 1, "CET")):  # noqa: DTZ001
        part.add("tzname", name)
        part.add("tzoffsetfrom", timedelta(hours=before))
        part.add("tzoffsetto", timedelta(hours=after))
        part.add("dtstart", start)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        zone.add_component(part)
    return zone


def calendar_name(calendar: Calendar, owner: Owner | None = None) -> str:
    name = f"{calendar.publisher}: {calendar.care_type} {calendar.year}"
    return f"{name} ({owner.who()})" if owner is not None else name


def head(calendar: Calendar, lang: Lang, zone: bool, owner: Owner | None = None) -> bytes:
    """The VCALENDAR's properties (and VTIMEZONE), without END:VCALENDAR."""
    cal = ICalendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    name = vText(clean(calendar_name(calendar, owner)))
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    description = vText(clean(cited_source(calendar, lang)))
    cal.add("description", description)
    cal.add("x-wr-caldesc", description)
    cal.add("x-wr-timezone", TIMEZONE)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT12H")  # Outlook's name for REFRESH-INTERVAL
    if zone:
        cal.add_component(amsterdam())
    return bytes(cal.to_ical()).removesuffix(b"END:VCALENDAR\r\n")


def write(calendar: Calendar, lang: Lang, specs: Sequence[Spec], previous: bytes | None,
          now: datetime, owner: Owner | None = None, carry: bool = True) -> bytes:
    """The file's bytes (CRLF, folded at 75 octets, UTF-8). An event the same as in
    ``previous`` keeps its SEQUENCE and stamps (and, with ``carry``, its very bytes); a
    changed one gets the next SEQUENCE and ``now``; a new one SEQUENCE 0 and ``now``.

    A file without events keeps the VTIMEZONE: RFC 5545 wants at least one component, and
    a subscriber should see an empty calendar rather than keep events that are gone."""
    history = history_of(previous)
    stamp = now.replace(microsecond=0)
    zone = not specs or any(isinstance(spec.start, datetime) for spec in specs)
    parts = [head(calendar, lang, zone, owner)]
    for spec in specs:
        digest = digest_of(spec)
        block = history.get(spec.uid.encode())
        same = block is not None and digest_in(block) == digest
        kept = carried(block) if block is not None and same and carry else None
        if kept is not None:
            parts.append(kept)
            continue
        seen = seen_in(block) if block is not None else None
        if seen is None:
            parts.append(event_bytes(spec, 0, stamp, digest))
        elif same and seen.stamp is not None:
            parts.append(event_bytes(spec, seen.sequence, seen.stamp, digest))
        else:
            parts.append(event_bytes(spec, seen.sequence + 1, stamp, digest))
    parts.append(b"END:VCALENDAR\r\n")
    return b"".join(parts)
