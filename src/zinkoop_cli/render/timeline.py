"""A care type's timeline as styled lines of text, laid out in columns."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import date

from zinkoop_cli.core.lang import Lang
from zinkoop_cli.core.model import Calendar
from zinkoop_cli.core.resolve import Row
from zinkoop_cli.render.view import view
from zinkoop_cli.render.words import (
    HEADERS,
    format_day,
    format_long_day,
    kind_label,
    party_label,
    word,
)
from zinkoop_cli.render.words import TIMELINE as TEXT

STATUS_STYLE = {
    "past": "dim",
    "today": "bold red",
    "upcoming": "green",
    "unresolved": "yellow",
    "undated": "blue",
}
MARK = "*"



# Below this width party, section and condition go on a line under the activity.
WIDE = 110
# Below this width the activity goes on lines of its own under the date, days and status:
# beside them it would have under 30 columns, a few words a line.
NARROW = 72
GAP = "  "
INDENT = "    "

# A cell is paragraphs of (text, style); a line is segments of (text, style).
Cell = list[tuple[str, str | None]]
Line = list[tuple[str, str | None]]


def _details(row: Row, lang: Lang) -> str:
    entry = row.entry
    parts = [party_label(entry.party, lang), f"§ {entry.section}" if entry.section else "",
             entry.condition or ""]
    return " · ".join(part for part in parts if part)


def _wrap(cell: Cell, width: int) -> list[tuple[str, str | None]]:
    lines: list[tuple[str, str | None]] = []
    for text, style in cell:
        for paragraph in text.split("\n"):
            # Never cut inside a word: a date, an id or a web address stays whole.
            wrapped = textwrap.wrap(paragraph, width, break_on_hyphens=False,
                                    break_long_words=False) or [""]
            lines.extend((line, style) for line in wrapped)
    return lines


def _column_widths(titles: Sequence[str], rows: Sequence[list[Cell]], width: int,
                   caps: Sequence[int | None], flex: int | None) -> list[int]:
    widths = []
    for index, title in enumerate(titles):
        longest = max([len(title)] + [max((len(part) for text, _ in cells[index]
                                             for part in text.split("\n")), default=0)
                                        for cells in rows])
        cap = caps[index]
        widths.append(min(longest, cap) if cap else longest)
    if flex is not None:
        rest = (width - sum(w for i, w in enumerate(widths) if i != flex)
                - len(GAP) * (len(titles) - 1))
        widths[flex] = max(20, min(widths[flex], rest))
    return widths


# A row of the table: a heading (text), lines as they are (a list), or cells (None, cells).
TableRow = tuple[str | list[Line] | None, list[Cell], str | None]


def _layout(titles: Sequence[str], rows: Sequence[TableRow], width: int,
            caps: Sequence[int | None], right: set[int], flex: int | None) -> list[Line]:
    """Columns of wrapped text; a row whose first item is text is a heading line."""
    body = [cells for heading, cells, _ in rows if heading is None]
    widths = _column_widths(titles, body, width, caps, flex)
    lines: list[Line] = [[(GAP.join(t.ljust(w) for t, w in zip(titles, widths, strict=True))
                           .rstrip(), "bold")]]
    for heading, cells, row_style in rows:
        if isinstance(heading, list):
            lines.extend(heading)
            continue
        if heading is not None:
            lines.append([(heading, "bold")] if heading else [])
            continue
        wrapped = [_wrap(cell, w) for cell, w in zip(cells, widths, strict=True)]
        for n in range(max(len(column) for column in wrapped)):
            line: Line = []
            for index, (column, w) in enumerate(zip(wrapped, widths, strict=True)):
                text, style = column[n] if n < len(column) else ("", None)
                padded = text.rjust(w) if index in right else text.ljust(w)
                if index:
                    line.append((GAP, None))
                line.append((padded, style or row_style))
            while line and not line[-1][0].strip():
                line.pop()
            if line:
                last_text, last_style = line[-1]
                line[-1] = (last_text.rstrip(), last_style)
            lines.append(line)
    return lines


def timeline_lines(
    calendar: Calendar,
    parents: Sequence[Calendar],
    rows: Sequence[Row],
    today: date,
    lang: Lang,
    width: int = 80,
) -> list[Line]:
    """The timeline as styled lines, grouped by month; ``width`` picks the layout.

    Laid out here rather than with rich.table: Rich's table measuring cost a quarter of
    the command's start-up budget, and this output is read every morning from cron too.
    """
    words = TEXT[lang]
    wide, narrow = width >= WIDE, width < NARROW
    out: list[Line] = []
    published = (f", {format_long_day(calendar.published, lang)}"
                 if calendar.published is not None else "")
    title = (f"{calendar.title} ({calendar.publisher}, {words['version']} {calendar.version}"
             f"{published})")
    out.extend([(line, "bold")] for line in textwrap.wrap(title, width))
    for parent in parents:
        out.append([(f"{words['inherits']} {parent.title} ({words['version']} "
                     f"{parent.version})", None)])
    out.append([(f"{words['today']}: {format_day(today, lang)}", None)])
    out.append([])
    titles = HEADERS[lang] if wide else HEADERS[lang][:3] if narrow else HEADERS[lang][:4]
    table: list[TableRow] = []
    marked = False
    group = None
    for row in rows:
        shown = view(row, lang)
        if shown.group != group:
            if group is not None:
                table.append(("", [], None))
            table.append((shown.group[:1].upper() + shown.group[1:], [], None))
            group = shown.group
        marked = marked or bool(shown.mark)
        activity: Cell = [(row.entry.activity, None)]
        details = _details(row, lang)
        if details and not wide:
            activity.append((details, "dim"))
        if shown.mark:
            activity.append((f"{MARK} {shown.mark}", "italic"))
        if shown.hint and row.status == "unresolved":
            activity.append((f"{words['give']} {shown.hint}", "italic"))
        elif shown.hint:
            activity.append((f"{shown.hint} ({words['atw']})", "italic"))
        if row.unconfirmed_day:
            activity.append((word(lang, "unconfirmed_day"), "italic"))
        if row.entry.verify:
            activity.append((word(lang, "not_verified"), "italic"))
        when = shown.when + (f" {MARK}" if shown.mark else "")
        label = kind_label(row.entry.kind, lang)
        cells: list[Cell] = [
            [(when, None)] + ([(label, "dim")] if label else []),
            [("" if row.days_left is None else str(row.days_left), None)],
            [(word(lang, row.status), STATUS_STYLE[row.status])],
            activity,
        ]
        if wide:
            cells += [[(party_label(row.entry.party, lang), None)],
                      [(row.entry.section or "", None)],
                      [(row.entry.condition or "", None)]]
        row_style = "dim" if row.status == "past" else None
        if narrow:
            table.append((None, cells[:3], row_style))
            block = _wrap(cells[3], width - len(INDENT))
            table.append(([[(INDENT + text, style or row_style)] for text, style in block],
                          [], None))
        else:
            table.append((None, cells, row_style))
    if rows:
        caps: list[int | None] = [22, None, None, None, 16, 10, 16][: len(titles)]
        out.extend(_layout(titles, table, width, caps, right={1}, flex=None if narrow else 3))
    else:
        out.append([(words["none"], None)])
    if marked:
        out.extend([[], [(f"{MARK} {words['mark']}", None)]])
    source = f"{words['source']}: {calendar.source}" + "".join(
        f"; {parent.source}" for parent in parents)
    out.extend([(line, None)] for line in textwrap.wrap(source, width))
    return out
