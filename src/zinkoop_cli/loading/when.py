"""The *when* of a calendar entry: which keys say it, and reading them into the model."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from zinkoop_cli.core.limits import FIRST_YEAR, LAST_YEAR, day_problem, offset_problem
from zinkoop_cli.core.model import (
    Bound,
    Continuous,
    Day,
    Period,
    Recurring,
    Relative,
    Span,
    Start,
    Undetermined,
    When,
    Windowed,
    Yearly,
)
from zinkoop_cli.loading.dates import (
    DateTextError,
    any_span,
    check_year,
    month_span,
    parse_day,
    parse_time,
    quarter_span,
    season_span,
    year_span,
)

# paraphrase: why the activity is not verbatim (read by the source audit only)
# paraphrase: why an activity is not verbatim (the source audit reads it); verify: true while
# an entry is not yet checked against the policy ('zinkoop new' sets it); warn: the days
# before its day that `warn` names it.
COMMON_ENTRY_KEYS = {"id", "activity", "party", "section", "condition", "written", "note", "atw",
                     "kind", "paraphrase", "verify", "warn"}
# A year and a bit: a policy is published about a year before its purchase year.
MAX_WARN_DAYS = 400
UNITS = ("days", "workdays", "weeks", "months", "years")
# Each kind of *when* and the keys it may use besides its own.
WHEN_KEYS: dict[str, set[str]] = {
    "date": {"from", "time", "bound", "purchase_year"},
    "month": {"part", "purchase_year"},
    "quarter": {"purchase_year"},
    "season": {"purchase_year"},
    "year": {"part"},
    "period": set(),
    "starts": set(),
    "continuous": set(),
    "undetermined": set(),
    "after": {*UNITS, "not_before", "not_after", "bound"},
    "before": {*UNITS, "not_before", "not_after", "bound"},
    "same_day_as": set(),
    "first_of_month_of": {"not_before", "not_after"},
    "rrule": {"first", "until"},
    "yearly": {"until", "first", "bound"},
    "window_of": {"windows"},
    "frequency": {"until"},
}
ALL_ENTRY_KEYS = COMMON_ENTRY_KEYS | set(WHEN_KEYS) | {k for v in WHEN_KEYS.values() for k in v}


def text_value(value: object, what: str) -> str:
    if value is not None and not isinstance(value, str):
        raise DateTextError(f'key {what!r} must be text, e.g. {what} = "..."')
    if not isinstance(value, str) or not value.strip():
        raise DateTextError(f"{what} must be non-empty text")
    return value.strip()


def warn_days(value: object, what: str = "warn") -> tuple[int, ...]:
    """``warn = [14, 7, 1]`` (or ``warn = 7``): days before the date, largest first."""
    items = value if isinstance(value, list) else [value]
    for item in items:
        if not isinstance(item, int) or isinstance(item, bool) or not (
                0 <= item <= MAX_WARN_DAYS):
            raise DateTextError(f"{what}: {item!r} is not a number of days from 0 to "
                                f"{MAX_WARN_DAYS}; write whole days before the date, e.g. "
                                f"{what} = [14, 7, 1] or {what} = 7")
    return tuple(sorted(set(items), reverse=True))


def _amount(table: Mapping[str, Any]) -> tuple[int, str]:
    given = [unit for unit in UNITS if unit in table]
    if len(given) != 1:
        raise DateTextError(
            "a relative rule needs exactly one of days, workdays, weeks, months, years"
        )
    unit = given[0]
    value = table[unit]
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise DateTextError(f"{unit} must be a whole number of 0 or more, got {value!r}")
    problem = offset_problem(value, unit)
    if problem is not None:
        raise DateTextError(problem)
    return value, unit


def _optional_day(table: Mapping[str, Any], key: str) -> date | None:
    return parse_day(table[key]) if key in table else None


def _bound(table: Mapping[str, Any]) -> Bound:
    bound = table.get("bound", "uiterlijk")
    if bound == "voor":
        return "voor"
    if bound != "uiterlijk":
        raise DateTextError("bound must be 'uiterlijk' (that day) or 'voor' (the day before)")
    return "uiterlijk"


def _purchase_year(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not -10 <= value <= 10:
        raise DateTextError(f"purchase_year must be a whole number of years from the purchase "
                            f"year, e.g. -1 for the year before it, got {value!r}")
    return value


def with_year(value: object, year: int, what: str) -> str:
    """``value`` (a day, month, quarter or season written without a year) in ``year``."""
    if not isinstance(value, str) or re.search(r"\d{4}", value):
        raise DateTextError(f"{what} {value!r} gives a year and purchase_year gives another; "
                            "write it without the year, e.g. \"1 oktober\" or \"september\"")
    return f"{value.strip()} {year}"


def parse_when(table: Mapping[str, Any], calendar_year: int) -> When:
    """The *when* of one entry: exactly one of the keys in ``WHEN_KEYS``."""
    try:
        return _parse_when(table, calendar_year)
    except DateTextError as exc:
        offset = table.get("purchase_year")
        if isinstance(offset, int) and not isinstance(offset, bool):
            # Quote what the writer wrote, not the year zinkoop added to it.
            raise DateTextError(str(exc).replace(f" {calendar_year + offset}", "")) from None
        raise


def _parse_when(table: Mapping[str, Any], calendar_year: int) -> When:
    kinds = [key for key in WHEN_KEYS if key in table]
    if len(kinds) != 1:
        listed = ", ".join(WHEN_KEYS)
        if not kinds:
            raise DateTextError(f"says nothing about when; give one of: {listed}")
        raise DateTextError(f"gives more than one kind of when ({', '.join(kinds)}); keep one")
    kind = kinds[0]
    stray = set(table) & (ALL_ENTRY_KEYS - COMMON_ENTRY_KEYS - {kind} - WHEN_KEYS[kind])
    if stray:
        raise DateTextError(f"key {sorted(stray)[0]!r} does not go with {kind!r}")
    value = table[kind]
    if "purchase_year" in table:
        year = calendar_year + _purchase_year(table["purchase_year"])
        value = with_year(value, year, kind)
        table = {**table, "from": with_year(table["from"], year, "from")} if "from" in table \
            else table
    if kind == "date":
        bound = _bound(table)
        day = parse_day(value)
        first = _optional_day(table, "from")
        if first is not None and first > day:
            raise DateTextError("'from' comes after 'date'; a range runs from..date")
        at = parse_time(table["time"]) if "time" in table else None
        return Day(day, bound, first, at)
    if kind == "month":
        return month_span(value, table.get("part"))
    if kind == "quarter":
        return quarter_span(value)
    if kind == "season":
        return season_span(value)
    if kind == "year":
        return year_span(value, table.get("part"))
    if kind == "period":
        if not isinstance(value, list) or len(value) != 2:
            raise DateTextError("period must be two days: [first, last]")
        start, end = parse_day(value[0]), parse_day(value[1])
        if start > end:
            raise DateTextError("period's first day comes after its last day")
        return Period(start, end)
    if kind == "starts":
        try:
            return Start(parse_day(value))
        except DateTextError:
            span = any_span(value)
            return Start(span.start, span)
    if kind in ("continuous", "undetermined"):
        if value is not True:
            raise DateTextError(f"{kind} takes the value true")
        return Continuous() if kind == "continuous" else Undetermined()
    if kind in ("after", "before"):
        amount, unit = _amount(table)
        return Relative(
            text_value(value, kind), amount, unit, kind,  # type: ignore[arg-type]
            bound=_bound(table),
            not_before=_optional_day(table, "not_before"),
            not_after=_optional_day(table, "not_after"),
        )
    if kind == "same_day_as":
        return Relative(text_value(value, kind))
    if kind == "first_of_month_of":
        return Relative(
            text_value(value, kind), first_of_month=True,
            not_before=_optional_day(table, "not_before"),
            not_after=_optional_day(table, "not_after"),
        )
    if kind == "rrule":
        if "first" not in table:
            raise DateTextError("an rrule needs 'first', the day of its first occurrence")
        rule = text_value(value, "rrule")
        return _recurring(rule, parse_day(table["first"]), _optional_day(table, "until"))
    if kind == "yearly":
        return _yearly(table, text_value(value, "yearly"), calendar_year)
    if kind == "window_of":
        return Windowed(text_value(value, kind), _windows(table.get("windows")))
    # frequency: a repeat whose days the policy does not give
    return Recurring(None, None, _optional_day(table, "until"), text_value(value, "frequency"))


def _year_or_day(table: Mapping[str, Any], key: str) -> date | None:
    value = table.get(key)
    if isinstance(value, int) and not isinstance(value, bool):
        return date(check_year(value), 12 if key == "until" else 1, 31 if key == "until" else 1)
    return _optional_day(table, key)


def _yearly_in(text: str, year: int, bound: Bound) -> Day | Span:
    """``text`` (a day, month, part of a month, quarter or season without a year) in ``year``."""
    words = text.lower().split()
    if len(words) == 2 and words[0].isdigit():
        return Day(parse_day(f"{text} {year}"), bound)
    if len(words) == 2 and words[0] in ("begin", "medio", "eind"):
        return month_span(f"{words[1]} {year}", words[0])
    for reader in (quarter_span, season_span, month_span):
        try:
            return reader(f"{text} {year}")
        except DateTextError:
            continue
    raise DateTextError(f"yearly {text!r} is not a day, month, begin/medio/eind of a month, "
                        "quarter or season; write e.g. \"12 november\", \"september\", "
                        "\"medio juli\", \"derde kwartaal\" or \"najaar\"")


def _yearly(table: Mapping[str, Any], text: str, calendar_year: int) -> Recurring | Yearly:
    if re.search(r"\d{4}", text):
        raise DateTextError(f"yearly {text!r} gives a year; write the day or month without it "
                            "and the years with 'first' and 'until'")
    first = table.get("first", max(calendar_year - 1, FIRST_YEAR))
    if not isinstance(first, int) or isinstance(first, bool):
        raise DateTextError(f"first must be the first year, e.g. first = 2024, got {first!r}")
    until = _year_or_day(table, "until") or date(min(calendar_year + 1, LAST_YEAR), 12, 31)
    words = text.split()
    if len(words) == 2 and words[0].isdigit() and "first" not in table and "bound" not in table:
        # The form it always had: a repeat rule from the day in the year before the purchase
        # year, so that "29 februari" goes on as it did.
        try:
            day = parse_day(f"{text} {first}")
        except DateTextError as exc:
            raise DateTextError(f"yearly {text!r}: " + str(exc).replace(f" {first}", "")
                                ) from None
        return _recurring("FREQ=YEARLY", day, until)
    if until.year - check_year(first) > 100:
        raise DateTextError("a yearly entry runs at most 100 years; give an earlier 'until'")
    bound = _bound(table)
    occurrences = []
    for year in range(first, until.year + 1):
        try:
            occurrences.append(_yearly_in(text, year, bound))
        except DateTextError as exc:
            if "does not exist" in str(exc):
                raise DateTextError(f"yearly {text!r} is not a day of every year; use an rrule "
                                    "for such a day") from None
            raise DateTextError(str(exc).replace(f" {year}", "")) from None
    if "bound" in table and not isinstance(occurrences[0] if occurrences else None, Day):
        raise DateTextError("bound goes with a yearly day, e.g. yearly = \"1 juni\"")
    kept = tuple(item for item in occurrences if _fixed(item) <= until)
    if not kept:
        raise DateTextError(f"yearly {text!r} gives no day from {first} through "
                            f"{until.isoformat()}; check 'first' and 'until'")
    return Yearly(text, kept)


def _fixed(item: Day | Span) -> date:
    from zinkoop_cli.core.resolve import fixed_day

    return fixed_day(item)


def _windows(value: object) -> tuple[tuple[date, date, date], ...]:
    example = ('windows = [{ from = "1 augustus 2023", through = "1 maart 2024", '
               'date = "1 april 2024" }]')
    if not isinstance(value, list) or not value:
        raise DateTextError(f"window_of needs windows, e.g. {example}")
    windows: list[tuple[date, date, date]] = []
    for item in value:
        if not isinstance(item, dict) or set(item) != {"from", "through", "date"}:
            raise DateTextError(f"each window has from, through and date, e.g. {example}")
        first, last, day = (parse_day(item[key]) for key in ("from", "through", "date"))
        if first > last:
            raise DateTextError(f"a window's from ({first.isoformat()}) comes after its "
                                f"through ({last.isoformat()})")
        for other_first, other_last, _ in windows:
            if first <= other_last and other_first <= last:
                raise DateTextError("windows overlap; an event may fall in one window only")
        windows.append((first, last, day))
    return tuple(windows)


def _recurring(rule: str, first: date, until: date | None) -> Recurring:
    from dateutil.rrule import rrulestr  # parsing a rule needs dateutil; most files have none

    try:
        rrulestr(rule)
    except (ValueError, TypeError, OverflowError) as exc:
        raise DateTextError(f"rrule {rule!r} is not an RFC 5545 rule ({exc})") from None
    if re.search(r"FREQ\s*=\s*(HOURLY|MINUTELY|SECONDLY)", rule, re.IGNORECASE):
        # A calendar counts days; a rule by the second could search for centuries.
        raise DateTextError(f"rrule {rule!r} repeats within a day; use FREQ=DAILY or longer")
    if until is None and "COUNT=" not in rule.upper() and "UNTIL=" not in rule.upper():
        raise DateTextError("a recurring entry needs an end: 'until', or COUNT/UNTIL in the rule")
    recurring = Recurring(rule, first, until)
    from zinkoop_cli.core.resolve import expand

    try:
        days = expand(recurring)
    except (ValueError, TypeError, OverflowError) as exc:
        raise DateTextError(f"rrule {rule!r} cannot be expanded ({exc})") from None
    if not days:
        raise DateTextError(f"rrule {rule!r} from {first.isoformat()} gives no day; check "
                            "'first' and 'until'")
    problem = day_problem(days[-1])
    if problem is not None:
        raise DateTextError(f"rrule {rule!r} gives a day {problem}; end it earlier with "
                            "'until' or COUNT")
    return recurring
