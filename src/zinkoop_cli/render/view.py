"""What every renderer shows of a timeline row, in the chosen language."""

from __future__ import annotations

from typing import NamedTuple

from zinkoop_cli.core.lang import Lang
from zinkoop_cli.core.model import Day, Recurring, Relative, Windowed
from zinkoop_cli.core.resolve import Row
from zinkoop_cli.render.describe import rule_text, when_text
from zinkoop_cli.render.words import MONTHS, format_day, holiday_label, word


class RowView(NamedTuple):
    row: Row
    when: str  # the date as shown: "wo 11 nov 2026", "september 2026", "6 weken na ontvangst"
    rule: str | None
    mark: str | None  # why the day is flagged: "weekend", "Koningsdag", ...
    hint: str | None  # how to resolve it, or where an Atw move came from
    group: str  # the month heading it falls under


def rule_of(row: Row, lang: Lang) -> str | None:
    when = row.entry.when
    if isinstance(when, Relative):
        return rule_text(when, lang, row.calendar.events)
    if isinstance(when, Recurring):
        return when.rule or when.frequency
    return None


def mark_of(row: Row, lang: Lang) -> str | None:
    marks = []
    if row.weekend:
        marks.append(word(lang, "weekend"))
    if row.holiday:
        marks.append(holiday_label(row.holiday, lang))
    return ", ".join(marks) or None


def view(row: Row, lang: Lang) -> RowView:
    when = row.entry.when
    rule = rule_of(row, lang)
    hint = None
    if row.outside is not None and isinstance(when, Windowed):
        shown = word(lang, "outside").format(anchor=when.anchor,
                                             day=format_day(row.outside, lang))
    elif row.status == "unresolved":
        shown = rule or when_text(when, lang)
        hint = " ".join(f"--on {name}={'JJJJ-MM-DD' if lang == 'nl' else 'YYYY-MM-DD'}"
                        for name in row.missing)
    elif isinstance(when, Relative | Recurring | Windowed) and row.date is not None:
        shown = format_day(row.date, lang)
    elif isinstance(when, Day) and when.first is None and when.bound == "voor":
        shown = format_day(row.date, lang) if row.date else when_text(when, lang)
    else:
        shown = when_text(when, lang, row.date)
    if row.moved and row.raw_date is not None:
        hint = f"Atw: {format_day(row.raw_date, lang)} -> {format_day(row.date, lang)}" \
            if row.date else None
    if row.date is None:
        group = word(lang, "undated") if row.status == "undated" else word(lang, "unresolved")
    else:
        group = f"{MONTHS[lang][row.date.month - 1]} {row.date.year}"
    return RowView(row, shown, rule, mark_of(row, lang), hint, group)
