"""`zinkoop list`: the calendars zinkoop knows."""

from __future__ import annotations

from zinkoop_cli.cli.app import app
from zinkoop_cli.cli.common import console, load_catalog, write
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
    catalog = load_catalog(calendars_dirs(calendars))
    items = sorted(catalog.calendars.values(), key=lambda c: (c.care_type, c.year, c.id))
    if format is ListFormat.json:
        from zinkoop_cli.render.jsonout import calendars_document, dumps

        write(dumps(calendars_document(items)))
        return
    from zinkoop_cli.render.tables import calendars_table

    console().print(calendars_table(items))
