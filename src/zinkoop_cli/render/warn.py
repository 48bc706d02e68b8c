"""Warnings as one plain line per deadline, readable in a terminal and in a cron mail."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from zinkoop_cli.core.contracts import Contract
from zinkoop_cli.core.due import Alert, warn_day
from zinkoop_cli.core.lang import Lang
from zinkoop_cli.core.model import Calendar, Relative, Span
from zinkoop_cli.core.resolve import Row
from zinkoop_cli.render.jsonout import calendar_summary, entry_document
from zinkoop_cli.render.view import view
from zinkoop_cli.render.words import WARN, format_day, kind_label, party_label, word

Line = list[tuple[str, str | None]]

GAP = "  "


def days_left(left: int, lang: Lang) -> str:
    words = WARN[lang]
    if left == 0:
        return words["today"]
    if left < 0:
        return (words["late_day"] if left == -1 else words["late_days"]).format(n=-left)
    return (words["day"] if left == 1 else words["days"]).format(n=left)


def care_label(calendar: Calendar, with_publisher: bool) -> str:
    label = f"{calendar.care_type} {calendar.year}"
    return f"{calendar.publisher_id} {label}" if with_publisher else label


def provider_text(contract: Contract, lang: Lang) -> str:
    """Whose deadline it is: the provider, its AGB code, and the number for `track done`."""
    agb = f", AGB {contract.agb}" if contract.agb else ""
    return f"{contract.provider} ({WARN[lang]['contract']} {contract.id}{agb}): "


def activity_text(row: Row, lang: Lang) -> str:
    """The activity on one line, the policy's own words for a stretch, and who must act.

    A month or "eind september" is due on its last day; the policy's wording stays next
    to that day so that nobody mistakes it for a published date. A relative deadline
    shows its rule, so the reader sees which event it was counted from; then who acts, the
    condition, and the weekend or holiday the day falls on.
    """
    entry = row.entry
    text = " ".join(entry.activity.split())
    shown = view(row, lang)
    label = kind_label(entry.kind, lang)
    if label:
        text += f" {label}"
    if isinstance(entry.when, Span):
        text += f" ({shown.when})"
    elif isinstance(entry.when, Relative) and shown.rule:
        text += f" ({shown.rule})"
    if entry.party:
        text += f" · {party_label(entry.party, lang)}"
    # Two procedures' rows of the same activity differ by their condition; the mark says why
    # a day that falls on a weekend or holiday is still the day (or was moved to it).
    if entry.condition:
        text += f" · {word(lang, 'condition').lower()}: {entry.condition}"
    mark = shown.mark
    if mark:
        text += f" · {word(lang, 'falls_on_short').format(what=mark)}"
    if row.unconfirmed_day:
        text += f" · {word(lang, 'unconfirmed_day')}"
    if entry.verify:
        text += f" · {word(lang, 'not_verified')}"
    return text


def warning_lines(items: Sequence[Alert], today: date, lang: Lang) -> list[Line]:
    """One line per item, in the order given: days left, day, care type, activity, who acts.

    A tracked contract's deadline names the provider before the activity. Columns are
    padded to line up in a fixed-width font; nothing is wrapped, so that a mail client or a
    pipe sees whole lines.
    """
    publishers = {item.row.calendar.publisher_id for item in items}
    cells = []
    for item in items:
        row = item.row
        day = warn_day(row)
        assert day is not None  # only dated rows warn
        left = (day - today).days
        activity = activity_text(row, lang)
        if item.contract is not None:
            activity = provider_text(item.contract, lang) + activity
        cells.append((days_left(left, lang), format_day(day, lang),
                      care_label(row.calendar, len(publishers) > 1), activity,
                      "bold red" if left <= 0 else None))
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


def subject(items: Sequence[Alert], lang: Lang) -> str:
    """``zinkoop: 3 deadlines, eerste wo 11 nov 2026``: the count and the nearest day to come
    (``2 te laat`` in front when contracts' deadlines have passed)."""
    words = WARN[lang]
    late = sum(1 for item in items if item.overdue)
    days = [warn_day(item.row) for item in items if not item.overdue]
    coming = [day for day in days if day is not None]
    head = f"zinkoop: {late} {words['overdue']}" if late else "zinkoop:"
    if not coming:
        return head if late else f"zinkoop: 0 {words['deadlines']}"
    sep = ", " if late else " "
    nearest = format_day(min(coming), lang)
    if len(coming) == 1:
        return f"{head}{sep}1 {words['deadline']}, {nearest}"
    return f"{head}{sep}{len(coming)} {words['deadlines']}, {words['first']} {nearest}"


def warnings_document(today: date, calendars: Sequence[Calendar], items: Sequence[Alert],
                      lang: Lang) -> dict[str, Any]:
    """The JSON of ``deadlines`` with only what warns; a tracked contract's deadline adds
    ``contract`` (id, provider, agb) and has status ``overdue`` once it passed undone."""
    entries = []
    for item in items:
        document = entry_document(item.row, lang)
        if item.contract is not None:
            document["contract"] = {"id": item.contract.id, "provider": item.contract.provider,
                                    "agb": item.contract.agb}
            document["id"] = f"{item.row.key}#{item.contract.id}"
        if item.overdue:
            document["status"] = "overdue"
        entries.append(document)
    return {"today": today.isoformat(),
            "calendars": [calendar_summary(calendar) for calendar in calendars],
            "entries": entries}
