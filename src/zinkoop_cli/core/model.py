"""The calendar model: a publisher's planning table as plain, immutable values.

Named tuples rather than dataclasses: they are made ten times faster at import, and
this module is on the path of every command that runs from cron.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time
from types import MappingProxyType
from typing import Literal, NamedTuple

Bound = Literal["uiterlijk", "voor"]
SpanUnit = Literal["month", "quarter", "season", "year"]
Part = Literal["begin", "medio", "eind"]
Season = Literal["voorjaar", "zomer", "najaar", "winter"]
OffsetUnit = Literal["days", "workdays", "weeks", "months", "years"]
Direction = Literal["after", "before"]
# What a statement is: a deadline ("uiterlijk"), something that happens ("in september"),
# a target ("streeft ernaar") or a fact about the past or a decision ("is al ingezet").
Kind = Literal["deadline", "happening", "target", "fact"]
KINDS: tuple[Kind, ...] = ("deadline", "happening", "target", "fact")


class Day(NamedTuple):
    """A published day ("1 oktober 2026"), optionally a range ("1 t/m 15 juli") or a time."""

    day: date
    bound: Bound = "uiterlijk"
    first: date | None = None
    at: time | None = None


class Span(NamedTuple):
    """A stretch of time named as a whole: a month, quarter, season or year, or part of one.

    Due on the last day of the stretch (or of its ``part``); shown as the stretch.
    """

    unit: SpanUnit
    start: date
    end: date
    year: int
    month: int | None = None
    quarter: int | None = None
    season: Season | None = None
    part: Part | None = None


class Period(NamedTuple):
    """Something that runs from one day through another ("Gedurende heel 2026 en 2027")."""

    start: date
    end: date


class Start(NamedTuple):
    """Something that starts on a day and goes on ("vanaf 2019")."""

    start: date
    span: Span | None = None


class Continuous(NamedTuple):
    """Without a date by nature ("Doorlopend")."""


class Undetermined(NamedTuple):
    """A date that someone else sets or that follows later ("Overige data", "volgt later")."""

    note: str | None = None


class Relative(NamedTuple):
    """N days, working days, weeks, months or years after (before) an event or entry.

    ``first_of_month`` instead gives the first day of the anchor's month. ``not_before``
    and ``not_after`` clamp the result ("per 1 januari 2027 bij een aanvraag in 2026").
    """

    anchor: str
    amount: int = 0
    unit: OffsetUnit = "days"
    direction: Direction = "after"
    bound: Bound = "uiterlijk"
    first_of_month: bool = False
    not_before: date | None = None
    not_after: date | None = None


class Recurring(NamedTuple):
    """A repeating item: an RFC 5545 rule from a first day, or only a frequency."""

    rule: str | None
    first: date | None
    until: date | None
    frequency: str | None = None


class Yearly(NamedTuple):
    """A day or stretch without a year that comes back every year ("ieder jaar in
    september", "jaarlijks uiterlijk medio juli"): ``text`` as written, and one occurrence
    per year from the first year through the last."""

    text: str
    occurrences: tuple[Day | Span, ...]


class Windowed(NamedTuple):
    """A fixed day chosen by the window an event falls in ("wie zich tussen 1 augustus 2023
    en 1 maart 2024 meldt, start per 1 april 2024"): ``windows`` holds (from, through, day)."""

    anchor: str
    windows: tuple[tuple[date, date, date], ...]


When = (Day | Span | Period | Start | Continuous | Undetermined | Relative | Recurring | Yearly
        | Windowed)


class EventDef(NamedTuple):
    """Something the user knows and the policy does not, given as ``--on NAME=DATE``."""

    name: str
    label: str
    default: date | str | None = None  # a date, or the id of an entry whose date it takes


class Entry(NamedTuple):
    id: str
    activity: str
    when: When
    party: str | None = None
    section: str | None = None
    condition: str | None = None
    written: str | None = None  # the date as the policy writes it
    atw: bool = False
    note: str | None = None
    kind: Kind = "deadline"
    verify: bool = False  # not yet checked against the policy ('zinkoop new' sets it)
    # The days before its day that the entry warns on (``warn = [14, 7, 1]``); None: the
    # user's (core.due).
    warn_days: tuple[int, ...] | None = None


def default_kind(when: When) -> Kind:
    """The kind of an entry that does not say it: what names a day (a day, a stretch, a
    rule, a repeat by rule, a day set later) is a deadline, as it always was; what runs
    (a period, a start, continuous, a bare frequency) is a happening."""
    if isinstance(when, Period | Start | Continuous):
        return "happening"
    if isinstance(when, Recurring) and when.rule is None:
        return "happening"
    return "deadline"


class Calendar(NamedTuple):
    id: str
    publisher: str
    publisher_id: str
    care_type: str
    year: int
    version: str
    published: date | None  # None: the document carries no date (e.g. a web page)
    title: str
    source: str
    entries: tuple[Entry, ...]
    aliases: tuple[str, ...] = ()
    inherits: tuple[str, ...] = ()
    events: Mapping[str, EventDef] = MappingProxyType({})
    origin: str = ""  # the file it was loaded from, for messages

    def entry(self, entry_id: str) -> Entry | None:
        for item in self.entries:
            if item.id == entry_id:
                return item
        return None
