"""A month as a grid of weeks (Monday first, ISO week numbers), with items on their days."""

from __future__ import annotations

import calendar as _calendar
import textwrap
from collections.abc import Mapping, Sequence
from datetime import date
from typing import NamedTuple

from zinkoop_cli.core.lang import MONTHS, MONTHS_SHORT, Lang
from zinkoop_cli.render.words import WEEKDAYS_SHORT

Segment = tuple[str, str | None]
Line = list[Segment]

MARK = "*"
# From this cell width on, a cell shows its items' text; below it, their numbers only, and
# the text stands in the list under the grid (as remind -c does for small terminals).
TEXT_CELL = 12
LINES_PER_ITEM = 2  # in a cell; the list under the grid has the whole text
TEXT: dict[Lang, dict[str, str]] = {
    "nl": {"week": "wk", "mark": "weekend of feestdag (Atw)", "none": "Geen deadlines in {month}."},
    "en": {"week": "wk", "mark": "weekend or holiday (Atw)", "none": "No deadlines in {month}."},
}


class Item(NamedTuple):
    """One thing on a day: ``label`` in its cell, ``detail`` in the list under the grid."""

    label: str
    detail: str
    style: str | None = None


def cell_width(width: int) -> int:
    """Each day's width: seven cells and the week column, with their borders, in ``width``."""
    return max(3, (width - 11) // 7)


def month_title(year: int, month: int, lang: Lang) -> str:
    return f"{MONTHS[lang][month - 1]} {year}"


def _cut(text: str, width: int, lines: int) -> list[str]:
    """At most ``lines`` lines of whole words; a word too long for a line, or more text than
    fits, ends in an ellipsis (Dutch compounds such as zorgovereenkomst are long)."""
    wrapped = textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False)
    wrapped = [line if len(line) <= width else line[: width - 1] + "…" for line in wrapped]
    if len(wrapped) > lines:
        rest = " ".join(wrapped[lines - 1:])
        last = textwrap.wrap(rest, width - 1, break_on_hyphens=False,
                             break_long_words=False)[0][: width - 1]
        wrapped = [*wrapped[: lines - 1], last.rstrip("…") + "…"]
    return wrapped or [""]


def _numbers(numbered: Sequence[tuple[int, Item]], width: int) -> list[Line]:
    """Item numbers side by side, as many to a line as fit."""
    lines: list[Line] = []
    line: Line = []
    used = 0
    for number, item in numbered:
        text = str(number)
        if line and used + 1 + len(text) > width:
            lines.append(line)
            line, used = [], 0
        if line:
            line.append((" ", None))
            used += 1
        line.append((text, item.style))
        used += len(text)
    if line:
        lines.append(line)
    return lines


def _cell(day: date | None, numbered: Sequence[tuple[int, Item]], holiday: str | None,
          today: date | None, width: int) -> list[Line]:
    if day is None:
        return []
    marked = holiday is not None or day.weekday() >= 5
    head: Line = [(str(day.day), "reverse" if day == today else "red" if marked else None),
                  (MARK if marked else "", None)]
    lines = [head]
    if width < TEXT_CELL:
        return lines + _numbers(numbered, width)
    if holiday:
        lines += [[(text, "italic")] for text in _cut(holiday, width, 1)]
    for number, item in numbered:
        lines += [[(text, item.style)] for text in _cut(f"{number} {item.label}", width,
                                                          LINES_PER_ITEM)]
    return lines


def _padded(line: Line, width: int) -> Line:
    used = sum(len(text) for text, _ in line)
    return [*line, (" " * (width - used), None)]


def _rule(width: int) -> Line:
    return [("+--+" + ("-" * width + "+") * 7, None)]


def grid_lines(
    year: int,
    month: int,
    items: Mapping[date, Sequence[Item]],
    holidays: Mapping[date, str],
    lang: Lang = "nl",
    width: int = 80,
    today: date | None = None,
) -> list[Line]:
    """The month as styled lines of at most ``width`` columns, then its items numbered.

    ``holidays`` gives a day's name as shown (already in ``lang``); weekend days and
    holidays carry a ``*`` after their number. Items are numbered in day order from 1.
    """
    words = TEXT[lang]
    cell = cell_width(width)
    inner = 4 + 7 * (cell + 1)
    title = month_title(year, month, lang)
    out: list[Line] = [[(title.center(inner).rstrip(), "bold")], _rule(cell)]
    heads = "|".join(name.ljust(cell)[:cell] for name in WEEKDAYS_SHORT[lang])
    out += [[(f"|{words['week']}|{heads}|", "bold")], _rule(cell)]
    numbered: dict[date, list[tuple[int, Item]]] = {}
    listed: list[tuple[int, date, Item]] = []
    for day in sorted(d for d in items if (d.year, d.month) == (year, month)):
        for item in items[day]:
            number = len(listed) + 1
            numbered.setdefault(day, []).append((number, item))
            listed.append((number, day, item))
    for week in _calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        cells = [_cell(day if day.month == month else None, numbered.get(day, ()),
                       holidays.get(day), today, cell) for day in week]
        height = max(2, *(len(c) for c in cells))
        for row in range(height):
            label = f"{week[0].isocalendar()[1]:>2}" if row == 0 else "  "
            line: Line = [(f"|{label}|", None)]
            for content in cells:
                line += _padded(content[row] if row < len(content) else [], cell)
                line.append(("|", None))
            out.append(line)
        out.append(_rule(cell))
    out += _legend(year, month, listed, holidays, lang, width)
    return out


def _legend(year: int, month: int, listed: Sequence[tuple[int, date, Item]],
            holidays: Mapping[date, str], lang: Lang, width: int) -> list[Line]:
    words = TEXT[lang]
    out: list[Line] = []
    indent = len(f"{len(listed)}") + 1
    for number, day, item in listed:
        head = (f"{number:>{indent - 1}} {WEEKDAYS_SHORT[lang][day.weekday()]} "
                f"{day.day:>2} {MONTHS_SHORT[lang][day.month - 1]}  ")
        lines = textwrap.wrap(item.detail, width - len(head), break_on_hyphens=False) or [""]
        out.append([(head, None), (lines[0], item.style)])
        out += [[(" " * len(head), None), (text, item.style)] for text in lines[1:]]
    if not listed:
        out.append([(words["none"].format(month=month_title(year, month, lang)), None)])
    names = [f"{day.day} {MONTHS_SHORT[lang][month - 1]} {name}"
             for day, name in sorted(holidays.items()) if (day.year, day.month) == (year, month)]
    mark = f"{MARK} {words['mark']}" + (f": {', '.join(names)}" if names else "")
    out += [[(text, None)] for text in textwrap.wrap(mark, width, subsequent_indent="  ")]
    return out
