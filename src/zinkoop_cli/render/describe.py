"""Words for when an entry falls: "september 2026", "6 weken na ontvangst", "vanaf 2019"."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from zinkoop_cli.core.lang import Lang
from zinkoop_cli.core.model import (
    Continuous,
    Day,
    EventDef,
    Period,
    Recurring,
    Relative,
    Span,
    Start,
    Undetermined,
    When,
    Windowed,
    Yearly,
)
from zinkoop_cli.render.words import (
    DIRECTIONS,
    MONTHS,
    PARTS,
    QUARTER,
    SEASONS,
    format_day,
    format_long_day,
    unit_name,
    word,
)


def span_text(span: Span, lang: Lang) -> str:
    if span.unit == "month" and span.month is not None:
        text = f"{MONTHS[lang][span.month - 1]} {span.year}"
    elif span.unit == "quarter" and span.quarter is not None:
        text = QUARTER[lang].format(n=span.quarter, year=span.year)
    elif span.unit == "season" and span.season is not None:
        text = f"{SEASONS[lang][span.season]} {span.year}"
    else:
        text = str(span.year)
    if span.part is not None:
        text = f"{PARTS[lang][span.part]} {text}"
    return text


def rule_text(rule: Relative, lang: Lang, events: Mapping[str, EventDef] | None = None) -> str:
    """``6 weken na de dag van ontvangst``: an event by its label from ``events`` (the policy's
    words, quoted in English), an entry (or an event without ``events``) by its name."""
    anchor = rule.anchor
    if events is not None and anchor in events:
        label = events[anchor].label
        anchor = label if lang == "nl" else f'"{label}"'
    if rule.first_of_month:
        text = word(lang, "first_of_month").format(anchor=anchor)
    elif rule.amount == 0:
        text = word(lang, "same_day").format(anchor=anchor)
    else:
        unit = unit_name(lang, rule.unit, rule.amount)
        text = f"{rule.amount} {unit} {DIRECTIONS[lang][rule.direction]} {anchor}"
    if rule.bound == "voor":
        text += ", " + word(lang, "day_before")
    if rule.not_before is not None:
        text += ", " + word(lang, "not_before").format(day=format_long_day(rule.not_before, lang))
    if rule.not_after is not None:
        text += ", " + word(lang, "not_after").format(day=format_long_day(rule.not_after, lang))
    return text


def when_text(when: When, lang: Lang, due: date | None = None) -> str:
    """How the timeline shows when an entry falls, where that is not simply its day."""
    if isinstance(when, Day):
        day = format_day(when.day, lang)
        if when.first is not None:
            day = f"{format_day(when.first, lang)} {word(lang, 'through')} {day}"
        if when.bound == "voor":
            day = word(lang, "before_day").format(day=day)
        if when.at is not None:
            day = word(lang, "at").format(day=day, time=when.at.strftime("%H.%M"))
        return day
    if isinstance(when, Span):
        return span_text(when, lang)
    if isinstance(when, Period):
        return (f"{format_day(when.start, lang, weekday=False)} {word(lang, 'through')} "
                f"{format_day(when.end, lang, weekday=False)}")
    if isinstance(when, Start):
        what = span_text(when.span, lang) if when.span else format_day(when.start, lang)
        return word(lang, "from").format(what=what)
    if isinstance(when, Continuous):
        return word(lang, "continuous")
    if isinstance(when, Undetermined):
        return word(lang, "undetermined")
    if isinstance(when, Recurring):
        if due is not None:
            return format_day(due, lang)
        return when.frequency or word(lang, "undetermined")
    if due is not None:
        return format_day(due, lang)
    if isinstance(when, Yearly):
        return word(lang, "yearly").format(what=when.text)
    if isinstance(when, Windowed):
        return word(lang, "windowed").format(anchor=when.anchor)
    return rule_text(when, lang)
