"""Rich tables for the terminal: the list of calendars and a care type's timeline."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from zinkoop_cli.core.lang import Lang, format_day, format_long_day
from zinkoop_cli.core.model import Calendar, EventDef
from zinkoop_cli.core.resolve import Row
from zinkoop_cli.render.view import RowView, view

STATUS_STYLE = {
    "past": "dim",
    "today": "bold red",
    "upcoming": "green",
    "unresolved": "yellow",
    "undated": "blue",
}
MARK = "*"
HEADERS: dict[Lang, tuple[str, ...]] = {
    "nl": ("Datum", "Dagen", "Status", "Activiteit", "Wie", "§", "Voorwaarde"),
    "en": ("Date", "Days", "Status", "Activity", "Who", "§", "Condition"),
}
TEXT: dict[Lang, dict[str, str]] = {
    "nl": {
        "today": "Vandaag",
        "version": "versie",
        "source": "Bron",
        "mark": "valt in het weekend of op een feestdag (Atw)",
        "give": "Geef de datum met",
        "inherits": "met",
        "atw": "verschoven volgens de Algemene termijnenwet",
        "none": "Geen regels.",
    },
    "en": {
        "today": "Today",
        "version": "version",
        "source": "Source",
        "mark": "falls on a weekend or holiday (Atw)",
        "give": "Give the date with",
        "inherits": "with",
        "atw": "moved under the Algemene termijnenwet",
        "none": "No entries.",
    },
}
STATUS_WORDS: dict[Lang, dict[str, str]] = {
    "nl": {"past": "verstreken", "today": "vandaag", "upcoming": "komend",
           "unresolved": "open", "undated": "zonder datum"},
    "en": {"past": "past", "today": "today", "upcoming": "upcoming",
           "unresolved": "unresolved", "undated": "undated"},
}


def calendars_table(calendars: Iterable[Calendar]) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("Uitgever", "Zorgsoort", "Jaar", "Versie", "Regels", "Bron"):
        table.add_column(column, justify="right" if column in ("Jaar", "Regels") else "left")
    for calendar in calendars:
        table.add_row(
            calendar.publisher, calendar.care_type, str(calendar.year), calendar.version,
            str(len(calendar.entries)), calendar.source,
        )
    return table


def _date_cell(shown: RowView) -> Text:
    text = Text(shown.when)
    if shown.mark:
        text.append(f" {MARK}", style="bold")
    return text


# Below this width party, section and condition go on a line under the activity.
WIDE = 110


def _details(row: Row) -> str:
    entry = row.entry
    parts = [entry.party or "", f"§ {entry.section}" if entry.section else "",
             entry.condition or ""]
    return " · ".join(part for part in parts if part)


def timeline_view(
    calendar: Calendar,
    parents: Sequence[Calendar],
    rows: Sequence[Row],
    today: date,
    lang: Lang,
    events: Mapping[str, EventDef],
    width: int = 80,
) -> RenderableType:
    """The timeline as a Rich renderable, grouped by month; ``width`` picks the layout."""
    words = TEXT[lang]
    wide = width >= WIDE
    header = Text()
    header.append(f"{calendar.title}", style="bold")
    header.append(f" ({calendar.publisher}, {words['version']} {calendar.version}, "
                  f"{format_long_day(calendar.published, lang)})")
    for parent in parents:
        header.append(f"\n{words['inherits']} {parent.title} ({words['version']} "
                      f"{parent.version})")
    header.append(f"\n{words['today']}: {format_day(today, lang)}")

    table = Table(box=None, pad_edge=False, header_style="bold", show_edge=False)
    titles = HEADERS[lang] if wide else HEADERS[lang][:4]
    for title in titles:
        if title in ("Dagen", "Days"):
            table.add_column(title, justify="right", no_wrap=True)
        elif title == "Status":
            table.add_column(title, no_wrap=True)
        elif title in ("Datum", "Date"):
            table.add_column(title, min_width=14, max_width=22)
        elif title in ("Activiteit", "Activity"):
            table.add_column(title, ratio=1, overflow="fold")
        else:
            table.add_column(title, max_width=16, overflow="fold")
    marked = False
    group = None
    for row in rows:
        shown = view(row, lang, events)
        if shown.group != group:
            if group is not None:
                table.add_row()
            table.add_row(Text(shown.group[:1].upper() + shown.group[1:], style="bold"))
            group = shown.group
        marked = marked or bool(shown.mark)
        activity = Text(row.entry.activity)
        details = _details(row)
        if details and not wide:
            activity.append(f"\n{details}", style="dim")
        if shown.mark:
            activity.append(f"\n{MARK} {shown.mark}", style="italic")
        if shown.hint and row.status == "unresolved":
            activity.append(f"\n{words['give']} {shown.hint}", style="italic")
        elif shown.hint:
            activity.append(f"\n{shown.hint} ({words['atw']})", style="italic")
        cells: list[RenderableType] = [
            _date_cell(shown),
            "" if row.days_left is None else str(row.days_left),
            Text(STATUS_WORDS[lang][row.status], style=STATUS_STYLE[row.status]),
            activity,
        ]
        if wide:
            cells += [row.entry.party or "", row.entry.section or "", row.entry.condition or ""]
        table.add_row(*cells, style="dim" if row.status == "past" else None)
    parts: list[RenderableType] = [header, Text(""), table if rows else Text(words["none"])]
    if marked:
        parts.append(Text(f"\n{MARK} {words['mark']}"))
    parts.append(Text(f"{words['source']}: {calendar.source}"
                      + "".join(f"; {parent.source}" for parent in parents)))
    return Group(*parts)
