"""`zinkoop list`: the calendars zinkoop knows."""

from __future__ import annotations

from zinkoop_cli.cli.app import app
from zinkoop_cli.cli.options import CalendarsOption, ListFormat, calendars_dirs


@app.command("list")
def list_calendars(
    format: ListFormat = ListFormat.table,
    calendars: CalendarsOption = None,
) -> None:
    """List the calendars zinkoop knows: publisher, care type, year, version, entries, source.

    Examples:

      zinkoop list

      zinkoop list --format json

      zinkoop list --calendars ~/beleid
    """
    import sys

    from zinkoop_cli.app.calendars import list_calendars as known
    from zinkoop_cli.render.formats import CALENDARS

    CALENDARS[format.value](known(calendars_dirs(calendars)), sys.stdout)
