"""`zinkoop deadlines CARE YEAR`: one care type's timeline for a purchase year."""

from __future__ import annotations

from typing import Annotated

import typer

from zinkoop_cli.cli.app import app
from zinkoop_cli.cli.common import load_catalog, pick, select, write
from zinkoop_cli.cli.options import (
    AtwOption,
    CalendarsOption,
    CareArgument,
    ConditionOption,
    Format,
    InsurerOption,
    LangOption,
    Language,
    OnOption,
    TodayOption,
    UnconditionalOption,
    YearArgument,
    calendars_dirs,
    lang_of,
    parse_events,
    today_in_amsterdam,
)
from zinkoop_cli.core.resolve import merged_events, timeline


@app.command("deadlines")
def deadlines(
    care: CareArgument,
    year: YearArgument,
    on: OnOption = None,
    today: TodayOption = None,
    atw: AtwOption = False,
    upcoming: Annotated[bool, typer.Option(
        "--upcoming", help="Hide entries whose date has passed.")] = False,
    condition: ConditionOption = None,
    unconditional: UnconditionalOption = False,
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
