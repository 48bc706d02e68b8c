"""Warnings as one plain line per deadline, readable in a terminal and in a cron mail."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from zinkoop_cli.core.lang import Lang, format_day
from zinkoop_cli.core.model import Calendar, Relative, Span
from zinkoop_cli.core.resolve import Row
from zinkoop_cli.render.view import view

Line = list[tuple[str, str | None]]

WORDS: dict[Lang, dict[str, str]] = {
    "nl": {
        "today": "vandaag",
        "day": "{n} dag",
        "days": "{n} dagen",
        "deadline": "deadline",
        "deadlines": "deadlines",
        "first": "eerste",
    },
    "en": {
        "today": "today",
        "day": "{n} day",
        "days": "{n} days",
        "deadline": "deadline",
        "deadlines": "deadlines",
        "first": "first",
    },
}
GAP = "  "


def days_left(left: int, lang: Lang) -> str:
    words = WORDS[lang]
    if left == 0:
        return words["today"]
    return (words["day"] if left == 1 else words["days"]).format(n=left)


def care_label(calendar: Calendar, with_publisher: bool) -> str:
    label = f"{calendar.care_type} {calendar.year}"
    return f"{calendar.publisher_id} {label}" if with_publisher else label


def activity_text(row: Row, lang: Lang) -> str:
    """The activity on one line, the policy's own words for a stretch, and who must act.

    A month or "eind september" is due on its last day; the policy's wording stays next
    to that day so that nobody mistakes it for a published date. A relative deadline
    shows its rule, so the reader sees which event it was counted from.
    """
    entry = row.entry
    text = " ".join(entry.activity.split())
    shown = view(row, lang, {})
    if isinstance(entry.when, Span):
        text += f" ({shown.when})"
    elif isinstance(entry.when, Relative) and shown.rule:
        text += f" ({shown.rule})"
    if entry.party:
        text += f" · {entry.party}"
    return text


def warning_lines(rows: Sequence[Row], today: date, lang: Lang) -> list[Line]:
    """One line per row, in the order given: days left, day, care type, activity, who acts.

    Columns are padded to line up in a fixed-width font; nothing is wrapped, so that a mail
    client or a pipe sees whole lines.
    """
    publishers = {row.calendar.publisher_id for row in rows}
    cells = []
    for row in rows:
        assert row.date is not None  # due_rows gives dated rows only
        left = (row.date - today).days
        cells.append((days_left(left, lang), format_day(row.date, lang),
                      care_label(row.calendar, len(publishers) > 1), activity_text(row, lang),
                      "bold red" if left == 0 else None))
    if not cells:
        return []
    left_width = max(len(cell[0]) for cell in cells)
    day_width = max(len(cell[1]) for cell in cells)
    care_width = max(len(cell[2]) for cell in cells)
    lines: list[Line] = []
    for left_text, day_text, care, activity, style in cells:
        lines.append([
            (left_text.rjust(left_width), style), (GAP, None),
            (day_text.ljust(day_width), None), (GAP, None),
            (care.ljust(care_width), None), (GAP, None),
            (activity, None),
        ])
    return lines


def plain(lines: Sequence[Line]) -> str:
    return "".join("".join(text for text, _ in line) + "\n" for line in lines)


def subject(rows: Sequence[Row], lang: Lang) -> str:
    """``zinkoop: 3 deadlines, eerste wo 11 nov 2026``: the count and the nearest day."""
    words = WORDS[lang]
    days = [row.date for row in rows if row.date is not None]
    if not days:
        return f"zinkoop: 0 {words['deadlines']}"
    nearest = format_day(min(days), lang)
    if len(rows) == 1:
        return f"zinkoop: 1 {words['deadline']}, {nearest}"
    return f"zinkoop: {len(rows)} {words['deadlines']}, {words['first']} {nearest}"
