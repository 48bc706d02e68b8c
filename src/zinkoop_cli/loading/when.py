"""The *when* of a calendar entry: which keys say it, and reading them into the model."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from zinkoop_cli.core.limits import LAST_YEAR, day_problem, offset_problem
from zinkoop_cli.core.model import (
    Continuous,
    Day,
    Period,
    Recurring,
    Relative,
    Start,
    Undetermined,
    When,
)
from zinkoop_cli.loading.dates import (
    DateTextError,
    any_span,
    month_span,
    parse_day,
    parse_time,
    quarter_span,
    season_span,
    year_span,
)

# paraphrase: why the activity is not verbatim (read by the source audit only)
COMMON_ENTRY_KEYS = {"id", "activity", "party", "section", "condition", "written", "note", "atw",
                     "kind", "paraphrase"}
UNITS = ("days", "workdays", "weeks", "months", "years")
# Each kind of *when* and the keys it may use besides its own.
WHEN_KEYS: dict[str, set[str]] = {
    "date": {"from", "time", "bound"},
    "month": {"part"},
    "quarter": set(),
    "season": set(),
    "year": {"part"},
    "period": set(),
    "starts": set(),
    "continuous": set(),
    "undetermined": set(),
    "after": {*UNITS, "not_before", "not_after"},
    "before": {*UNITS, "not_before", "not_after"},
    "same_day_as": set(),
    "first_of_month_of": {"not_before", "not_after"},
    "rrule": {"first", "until"},
    "yearly": {"until"},
    "frequency": {"until"},
}
ALL_ENTRY_KEYS = COMMON_ENTRY_KEYS | set(WHEN_KEYS) | {k for v in WHEN_KEYS.values() for k in v}


def text_value(value: object, what: str) -> str:
    if value is not None and not isinstance(value, str):
        raise DateTextError(f'key {what!r} must be text, e.g. {what} = "..."')
    if not isinstance(value, str) or not value.strip():
        raise DateTextError(f"{what} must be non-empty text")
    return value.strip()


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


def parse_when(table: Mapping[str, Any], calendar_year: int) -> When:
    """The *when* of one entry: exactly one of the keys in ``WHEN_KEYS``."""
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
    if kind == "date":
        bound = table.get("bound", "uiterlijk")
        if bound not in ("uiterlijk", "voor"):
            raise DateTextError("bound must be 'uiterlijk' (that day) or 'voor' (the day before)")
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
        day = parse_day(f"{text_value(value, 'yearly')} {calendar_year - 1}")
        until = _optional_day(table, "until") or date(min(calendar_year + 1, LAST_YEAR), 12, 31)
        return _recurring("FREQ=YEARLY", day, until)
    # frequency: a repeat whose days the policy does not give
    return Recurring(None, None, _optional_day(table, "until"), text_value(value, "frequency"))


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
