"""`zinkoop deadlines CARE YEAR`: one care type's timeline for a purchase year."""

from __future__ import annotations

from typing import Annotated

import typer

from zinkoop_cli.cli.app import app
from zinkoop_cli.cli.common import load_catalog, pick, write
from zinkoop_cli.cli.options import (
    CalendarsOption,
    Format,
    InsurerOption,
    LangOption,
    Language,
    TodayOption,
    calendars_dirs,
    lang_of,
    parse_events,
    today_in_amsterdam,
)
from zinkoop_cli.core.resolve import Row, merged_events, timeline
from zinkoop_cli.errors import UsageError

OnOption = Annotated[
    list[str] | None,
    typer.Option(
        "--on", metavar="NAME=YYYY-MM-DD",
        help="The day of an event the policy counts from, e.g. ontvangst=2026-09-14 "
             "(repeatable).",
    ),
]


def select(rows: list[Row], condition: str | None, unconditional: bool,
           upcoming: bool) -> list[Row]:
    """The rows the user asked for: one condition, no conditional ones, no past ones."""
    if condition is not None:
        wanted = condition.strip().lower()
        known = {row.entry.condition.lower() for row in rows if row.entry.condition}
        if wanted not in known:
            listed = ", ".join(sorted(known)) or "none"
            raise UsageError(f"--condition {condition!r}: no entry has that condition; "
                             f"conditions here: {listed}")
        rows = [r for r in rows if r.entry.condition is None
                or r.entry.condition.lower() == wanted]
    if unconditional:
        rows = [r for r in rows if r.entry.condition is None]
    if upcoming:
        rows = [r for r in rows if r.status != "past"]
    return rows


@app.command("deadlines")
def deadlines(
    care: Annotated[str, typer.Argument(metavar="CARE", help="Care type: msz, ambulancezorg, "
                                        "or an alias such as ambulance.")],
    year: Annotated[str, typer.Argument(metavar="YEAR", help="Purchase year, e.g. 2027.")],
    on: OnOption = None,
    today: TodayOption = None,
    atw: Annotated[bool, typer.Option(
        "--atw", help="Move a term that ends on a weekend or holiday per the Algemene "
                      "termijnenwet (published dates are never moved).")] = False,
    upcoming: Annotated[bool, typer.Option(
        "--upcoming", help="Hide entries whose date has passed.")] = False,
    condition: Annotated[str | None, typer.Option(
        "--condition", metavar="NAME",
        help="Show only entries without a condition or with this one (e.g. bijcontracteren).",
    )] = None,
    unconditional: Annotated[bool, typer.Option(
        "--unconditional", help="Hide every entry that has a condition.")] = False,
    insurer: InsurerOption = None,
    format: Format = Format.table,
    lang: LangOption = Language.nl,
    calendars: CalendarsOption = None,
) -> None:
    """Show a care type's timeline for a purchase year, with days left and who must act.

    Merges the care type's calendar with the publisher's general calendar; the care type's
    own entry wins. Relative rules ("binnen zes weken na de dag van ontvangst") are worked
    out from the events you give with --on; until then they show their rule.

    Examples:

      zinkoop deadlines msz 2027

      zinkoop deadlines msz 2027 --on ontvangst=2026-09-14 --upcoming

      zinkoop deadlines msz 2027 --on ontvangst=2026-11-14 --atw

      zinkoop deadlines ambulance 2027 --on aanbieding=2026-10-05 --format json
    """
    day = today_in_amsterdam(today)
    catalog = load_catalog(calendars_dirs(calendars))
    calendar = pick(catalog, care, year, insurer)
    parents = catalog.parents(calendar)
    events = merged_events(calendar, parents)
    given = parse_events(on, {name: event.label for name, event in events.items()})
    rows = timeline(calendar, parents, day, given, atw=atw)
    rows = select(rows, condition, unconditional, upcoming)
    language = lang_of(lang)
    if format is Format.json:
        from zinkoop_cli.render.jsonout import dumps, timeline_document

        write(dumps(timeline_document(day, [calendar, *parents], rows, language, events)))
    elif format is Format.csv:
        from zinkoop_cli.render.flat import timeline_csv

        write(timeline_csv(rows, language, events))
    elif format is Format.markdown:
        from zinkoop_cli.render.flat import timeline_markdown

        write(timeline_markdown(rows, language, events))
    else:
        import sys

        from zinkoop_cli.render.terminal import emit, width
        from zinkoop_cli.render.timeline import timeline_lines

        emit(timeline_lines(calendar, parents, rows, day, language, events, width(sys.stdout)))
