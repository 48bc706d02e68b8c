"""`zinkoop deadlines CARE YEAR`: one care type's timeline for a purchase year."""

from __future__ import annotations

from typing import Annotated

import typer

from zinkoop_cli.cli.app import app
from zinkoop_cli.cli.common import parse_year
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
    parse_on,
    today_in_amsterdam,
)
from zinkoop_cli.core.selection import Selection


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
    import sys

    from zinkoop_cli.app.calendars import deadlines as timeline_of
    from zinkoop_cli.render.formats import TIMELINE

    day = today_in_amsterdam(today)
    chosen = Selection(atw, condition, unconditional, upcoming, insurer)
    found = timeline_of(calendars_dirs(calendars), care, parse_year(year), day, parse_on(on),
                        chosen)
    TIMELINE[format.value](day, found.calendars, found.rows, lang_of(lang), sys.stdout)
