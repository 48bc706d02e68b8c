"""One renderer per output format, chosen once by name (as todoman's formatters).

Each renderer writes to a stream; the modules behind a format are imported only when that
format is asked for, so `deadlines` never pays for csv or json.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    # Only for the annotations: `deadlines` must not load the contract and warn modules.
    from zinkoop_cli.core.contracts import Tracked
    from zinkoop_cli.core.due import Alert
    from zinkoop_cli.core.lang import Lang
    from zinkoop_cli.core.model import Calendar
    from zinkoop_cli.core.resolve import Row

    TimelineRenderer = Callable[[date, Sequence[Calendar], Sequence[Row], Lang, TextIO], None]
    AlertRenderer = Callable[[date, Sequence[Calendar], Sequence[Alert], Lang, TextIO], None]
    ContractsRenderer = Callable[[date, Sequence[Tracked], Lang, TextIO], None]
    CalendarsRenderer = Callable[[Sequence[Calendar], TextIO], None]


def text(out: TextIO, value: str) -> None:
    """Write ``value`` as whole lines."""
    out.write(value if value.endswith("\n") else value + "\n")


# -- a timeline: `deadlines` ------------------------------------------------------------

def _timeline_table(today: date, calendars: Sequence[Calendar], rows: Sequence[Row],
                    lang: Lang, out: TextIO) -> None:
    from zinkoop_cli.render.terminal import emit, width
    from zinkoop_cli.render.timeline import timeline_lines

    calendar, *parents = calendars
    emit(timeline_lines(calendar, parents, rows, today, lang, width(out)), out)


def _timeline_json(today: date, calendars: Sequence[Calendar], rows: Sequence[Row],
                   lang: Lang, out: TextIO) -> None:
    from zinkoop_cli.render.jsonout import dumps, timeline_document

    text(out, dumps(timeline_document(today, calendars, rows, lang)))


def _timeline_csv(today: date, calendars: Sequence[Calendar], rows: Sequence[Row],
                  lang: Lang, out: TextIO) -> None:
    from zinkoop_cli.render.flat import timeline_csv

    text(out, timeline_csv(rows, lang))


def _timeline_excel(today: date, calendars: Sequence[Calendar], rows: Sequence[Row],
                    lang: Lang, out: TextIO) -> None:
    from zinkoop_cli.render.flat import timeline_csv, write_excel

    write_excel(out, timeline_csv(rows, lang, excel=True))


def _timeline_markdown(today: date, calendars: Sequence[Calendar], rows: Sequence[Row],
                       lang: Lang, out: TextIO) -> None:
    from zinkoop_cli.render.flat import timeline_markdown

    text(out, timeline_markdown(rows, lang))


TIMELINE: dict[str, TimelineRenderer] = {
    "table": _timeline_table, "json": _timeline_json, "csv": _timeline_csv,
    "excel": _timeline_excel, "markdown": _timeline_markdown,
}

# -- warnings: `warn` -------------------------------------------------------------------

def _alerts_table(today: date, calendars: Sequence[Calendar], alerts: Sequence[Alert],
                  lang: Lang, out: TextIO) -> None:
    from zinkoop_cli.render.terminal import emit
    from zinkoop_cli.render.warn import warning_lines

    emit(warning_lines(alerts, today, lang), out)


def _alerts_json(today: date, calendars: Sequence[Calendar], alerts: Sequence[Alert],
                 lang: Lang, out: TextIO) -> None:
    from zinkoop_cli.render.jsonout import dumps
    from zinkoop_cli.render.warn import warnings_document

    text(out, dumps(warnings_document(today, calendars, alerts, lang)))


ALERTS: dict[str, AlertRenderer] = {"table": _alerts_table, "json": _alerts_json}

# -- tracked contracts: `track list` ----------------------------------------------------

def _contracts_table(today: date, tracked: Sequence[Tracked], lang: Lang, out: TextIO) -> None:
    from zinkoop_cli.render.contracts import contracts_lines
    from zinkoop_cli.render.terminal import emit, width

    emit(contracts_lines(tracked, lang, width(out)), out)


def _contracts_json(today: date, tracked: Sequence[Tracked], lang: Lang, out: TextIO) -> None:
    from zinkoop_cli.render.contracts import contracts_json

    text(out, contracts_json(today, tracked))


def _contracts_csv(today: date, tracked: Sequence[Tracked], lang: Lang, out: TextIO) -> None:
    from zinkoop_cli.render.contracts import contracts_csv

    text(out, contracts_csv(tracked))


def _contracts_excel(today: date, tracked: Sequence[Tracked], lang: Lang, out: TextIO) -> None:
    from zinkoop_cli.render.contracts import contracts_csv
    from zinkoop_cli.render.flat import write_excel

    write_excel(out, contracts_csv(tracked, excel=True))


CONTRACTS: dict[str, ContractsRenderer] = {
    "table": _contracts_table, "json": _contracts_json, "csv": _contracts_csv,
    "excel": _contracts_excel,
}

# -- calendars: `list` ------------------------------------------------------------------

def _calendars_table(calendars: Sequence[Calendar], out: TextIO) -> None:
    from rich.console import Console

    from zinkoop_cli.render.tables import calendars_table

    console = Console(file=out, highlight=False, soft_wrap=False, emoji=False)
    console.print(calendars_table(calendars))


def _calendars_json(calendars: Sequence[Calendar], out: TextIO) -> None:
    from zinkoop_cli.render.jsonout import calendars_document, dumps

    text(out, dumps(calendars_document(calendars)))


CALENDARS: dict[str, CalendarsRenderer] = {"table": _calendars_table, "json": _calendars_json}

