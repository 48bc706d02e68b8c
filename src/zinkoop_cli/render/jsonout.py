"""JSON documents for other programs; keys as in the product contract, dates in ISO 8601."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from zinkoop_cli.core.lang import Lang
from zinkoop_cli.core.model import Calendar
from zinkoop_cli.core.resolve import Row
from zinkoop_cli.render.view import view


def dumps(document: Mapping[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def calendar_summary(calendar: Calendar) -> dict[str, Any]:
    return {
        "id": calendar.id,
        "publisher": calendar.publisher,
        "care_type": calendar.care_type,
        "year": calendar.year,
        "version": calendar.version,
        "source": calendar.source,
    }


def calendars_document(calendars: Iterable[Calendar]) -> dict[str, Any]:
    return {
        "calendars": [
            {
                **calendar_summary(calendar),
                "title": calendar.title,
                "published": _iso(calendar.published),
                "aliases": list(calendar.aliases),
                "inherits": list(calendar.inherits),
                "file": calendar.origin,
                "entries": len(calendar.entries),
            }
            for calendar in calendars
        ]
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def entry_document(row: Row, lang: Lang) -> dict[str, Any]:
    shown = view(row, lang)
    entry = row.entry
    return {
        "id": row.key,
        "calendar": row.calendar.id,
        "activity": entry.activity,
        "kind": entry.kind,
        "date": _iso(row.date),
        "status": row.status,
        "days_left": row.days_left,
        "condition": entry.condition,
        "section": entry.section,
        "rule": shown.rule,
        "party": entry.party,
        "when": shown.when,
        "written": entry.written,
        "start": _iso(row.first),
        "original_date": _iso(row.raw_date) if row.moved else None,
        "weekend": row.weekend,
        "holiday": row.holiday,
        "unconfirmed_day": row.unconfirmed_day,
        "verified": not entry.verify,
        "missing_events": list(row.missing),
        "note": entry.note,
    }


def timeline_document(
    today: date,
    calendars: Sequence[Calendar],
    rows: Iterable[Row],
    lang: Lang,
) -> dict[str, Any]:
    return {
        "today": today.isoformat(),
        "calendars": [calendar_summary(calendar) for calendar in calendars],
        "entries": [entry_document(row, lang) for row in rows],
    }
