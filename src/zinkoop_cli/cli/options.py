"""Options shared by the commands, and turning their text into values."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from zinkoop_cli.core.lang import Lang
from zinkoop_cli.errors import UsageError

TIMEZONE = "Europe/Amsterdam"
# A Tab runs zinkoop with _ZINKOOP_COMPLETE set (Typer's completion). Only then are the
# completers attached: an ordinary run (cron) neither imports cli/completion nor has Typer
# inspect them.
COMPLETING = bool(os.environ.get("_ZINKOOP_COMPLETE"))


def completer(name: str) -> Callable[..., Any] | None:
    """cli/completion's ``name`` while the shell asks for a completion, else None."""
    if not COMPLETING:
        return None
    from zinkoop_cli.cli import completion

    found: Callable[..., Any] = getattr(completion, name)
    return found


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    excel = "excel"  # csv as Dutch Excel writes it: ';', UTF-8 with a byte-order mark
    markdown = "markdown"


class ListFormat(StrEnum):
    table = "table"
    json = "json"


class Language(StrEnum):
    nl = "nl"
    en = "en"


TodayOption = Annotated[
    str | None,
    typer.Option(
        "--today", metavar="DAY",
        help="Count from this day instead of today (Europe/Amsterdam): 2026-09-14, "
             "14-9-2026 or 14 sep 2026.",
    ),
]
CalendarsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--calendars", metavar="DIR", readable=False,  # an unreadable folder is exit 4, below
        help="Also read calendars from DIR (repeatable); its files override earlier ones.",
    ),
]
LangOption = Annotated[
    Language, typer.Option("--lang", help="Language of labels, weekdays and months.")
]
InsurerOption = Annotated[
    str | None,
    typer.Option(
        "--insurer", metavar="SLUG", autocompletion=completer("publishers"),
        help="The publisher, when a care type and year exist for more than one.",
    ),
]
LedgerOption = Annotated[
    str | None,
    typer.Option(
        "--ledger", metavar="PATH|URL",
        help="The ledger of tracked contracts: a SQLite file, or a team's PostgreSQL "
             "database as postgresql://user@host:port/db (default: ZINKOOP_LEDGER, else "
             "$XDG_DATA_HOME/zinkoop/ledger.db, ~/.local/share/zinkoop/ledger.db).",
    ),
]


TargetsArgument = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="[CARE YEAR]...", autocompletion=completer("targets"),
        help="Care types and purchase years, in pairs (e.g. msz 2027); none: every "
             "calendar on the search path.",
    ),
]
CareArgument = Annotated[
    str, typer.Argument(metavar="CARE", autocompletion=completer("care_types"),
                        help="Care type: msz, ambulancezorg, or an alias such as ambulance.")
]
YearArgument = Annotated[str, typer.Argument(metavar="YEAR", autocompletion=completer("years"),
                                             help="Purchase year, e.g. 2027.")]
OnOption = Annotated[
    list[str] | None,
    typer.Option(
        "--on", metavar="NAME=DAY", autocompletion=completer("events"),
        help="The day of an event the policy counts from, e.g. ontvangst=2026-09-14, "
             "ontvangst=14-9-2026 or \"ontvangst=14 sep 2026\" (repeatable).",
    ),
]
AtwOption = Annotated[
    bool,
    typer.Option(
        "--atw", help="Move a term that ends on a weekend or holiday per the Algemene "
                      "termijnenwet (published dates are never moved).",
    ),
]
ConditionOption = Annotated[
    str | None,
    typer.Option(
        "--condition", metavar="NAME",
        help="Only entries without a condition or with this one (e.g. bijcontracteren).",
    ),
]
UnconditionalOption = Annotated[
    bool, typer.Option("--unconditional", help="Leave out every entry that has a condition.")
]


def parse_iso_day(text: str, what: str) -> date:
    """A day given on the command line as a person types it (ISO, 14-9-2026, 14 sep 2026;
    core.daytext), in the range every command accepts (core.limits)."""
    from zinkoop_cli.core.limits import day_problem

    try:
        # ISO first: an ISO day out of range gets core.limits' message, naming the range.
        day = date.fromisoformat(text.strip())
    except ValueError:
        from zinkoop_cli.core.daytext import DayTextError, parse_user_day

        try:
            day = parse_user_day(text)
        except DayTextError as error:
            raise UsageError(f"{what}: {error}") from None
    problem = day_problem(day)
    if problem is not None:
        raise UsageError(f"{what}: {problem}; check the year")
    return day


def today_in_amsterdam(given: str | None) -> date:
    """``--today``, else the current day in Europe/Amsterdam whatever the machine's zone."""
    if given is not None:
        return parse_iso_day(given, "--today")
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo(TIMEZONE)).date()


def parse_on(values: list[str] | None) -> dict[str, date]:
    """``--on NAME=DATE`` values; whether the calendar knows NAME is the use case's check."""
    given: dict[str, date] = {}
    for value in values or []:
        name, sep, day = value.partition("=")
        name = name.strip().lower()
        if not sep or not name:
            raise UsageError(f"--on {value!r}: write it as NAME=YYYY-MM-DD or NAME=14-9-2026, "
                             "e.g. ontvangst=2026-09-14")
        given[name] = parse_iso_day(day, f"--on {name}")
    return given


def calendars_dirs(values: list[Path] | None) -> list[Path]:
    return list(values or [])


def lang_of(language: Language) -> Lang:
    return "en" if language is Language.en else "nl"
