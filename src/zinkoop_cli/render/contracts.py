"""Tracked contracts and their own deadlines as JSON, CSV and plain lines (`track list`)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from zinkoop_cli.core.contracts import Contract, ContractDeadline, Tracked
from zinkoop_cli.core.lang import Lang
from zinkoop_cli.render.terminal import Line
from zinkoop_cli.render.view import mark_of
from zinkoop_cli.render.words import CONTRACT_STATUS, NO_CONTRACTS, NO_DEADLINES, format_day

# `track list --overdue` / `--status` that leaves nothing: the ledger is not empty.
NO_MATCH = {"nl": "Geen termijnen met deze status.", "en": "No deadlines with this status."}
STATUS_STYLES = {"overdue": "bold red", "done": "green", "today": "bold yellow"}


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def deadline_document(deadline: ContractDeadline) -> dict[str, Any]:
    row = deadline.row
    return {
        "id": row.entry.id,
        "activity": row.entry.activity,
        "kind": row.entry.kind,
        "date": _iso(row.date),
        "status": deadline.status,
        "days_left": row.days_left,
        "done": deadline.done is not None,
        "done_on": _iso(deadline.done),
        "calendar": row.calendar.id,
        "party": row.entry.party,
        "section": row.entry.section,
        "weekend": row.weekend,
        "holiday": row.holiday,
        "unconfirmed_day": row.unconfirmed_day,
        "verified": not row.entry.verify,
    }


def contract_document(contract: Contract, deadlines: Sequence[ContractDeadline]) -> dict[str, Any]:
    return {
        "id": contract.id,
        "provider": contract.provider,
        "agb": contract.agb,
        "care_type": contract.care_type,
        "year": contract.year,
        "calendar": contract.calendar,
        "events": {name: day.isoformat() for name, day in sorted(contract.given.items())},
        "deadlines": [deadline_document(deadline) for deadline in deadlines],
    }


def contracts_document(today: date, tracked: Sequence[Tracked]) -> dict[str, Any]:
    return {
        "today": today.isoformat(),
        "contracts": [contract_document(item.contract, item.deadlines) for item in tracked],
    }


def contracts_json(today: date, tracked: Sequence[Tracked]) -> str:
    """The document as text: one contract a line.

    json.dumps with ``indent`` runs the pure-Python encoder, which takes about a second for
    10,000 contracts; one compact dumps per contract uses the C encoder and still reads
    (and diffs) well, a contract a line.
    """
    document = contracts_document(today, tracked)
    contracts = ",\n    ".join(json.dumps(item, ensure_ascii=False)
                                for item in document["contracts"])
    body = f"[\n    {contracts}\n  ]" if contracts else "[]"
    return f'{{\n  "today": {json.dumps(document["today"])},\n  "contracts": {body}\n}}\n'


CSV_COLUMNS = ("contract", "provider", "agb", "care_type", "year", "deadline", "activity",
               "date", "status", "days_left", "done_on")


def _csv_rows(tracked: Sequence[Tracked]) -> Iterator[list[object]]:
    for contract, deadlines in tracked:
        head: list[object] = [contract.id, contract.provider, contract.agb, contract.care_type,
                              contract.year]
        if not deadlines:
            yield [*head, None, None, None, None, None, None]
        for deadline in deadlines:
            row = deadline.row
            yield [*head, row.entry.id, row.entry.activity, _iso(row.date), deadline.status,
                   row.days_left, _iso(deadline.done)]


def contracts_csv(tracked: Sequence[Tracked], *, excel: bool = False) -> str:
    """One row per contract deadline; a contract without any gets one row with empty cells.

    Text cells are neutralised (render.flat): a provider named =HYPERLINK(...) stays text."""
    from zinkoop_cli.render.flat import csv_text

    return csv_text(CSV_COLUMNS, _csv_rows(tracked), excel=excel)


# Narrower than this, a deadline's text goes on lines of its own under its date.
TEXT_ROOM = 40
INDENT = "    "


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    """``text`` in lines of at most ``width``, broken only at spaces: a date or an id that is
    longer than the room stands whole on a line of its own rather than being cut."""
    import textwrap

    return textwrap.wrap(text, max(width, 1), initial_indent=indent, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False) or [indent]


def _head(contract: Contract, lang: Lang, width: int) -> list[str]:
    """``#1 · provider · AGB · care year · event day``, broken only between its parts."""
    parts = [f"#{contract.id}", contract.provider]
    if contract.agb:
        parts.append(f"AGB {contract.agb}")
    parts.append(f"{contract.care_type} {contract.year}")
    parts.extend(f"{name} {format_day(day, lang, weekday=False)}"
                 for name, day in sorted(contract.given.items()))
    lines = [parts[0]]
    for part in parts[1:]:
        if len(lines[-1]) + 3 + len(part) <= width:
            lines[-1] += f" · {part}"
        else:
            lines[-1] += " ·"
            lines.append(f"  {part}")
    return lines


def contracts_lines(tracked: Sequence[Tracked], lang: Lang, width: int) -> list[Line]:
    """Plain lines, one per contract and one per deadline: fast for thousands of contracts.

    Nothing is cut: a long head or text wraps (issue 14); where the room beside the date and
    status is too narrow, the deadline's id and activity go on lines of their own below."""
    if not tracked:
        return [[(NO_CONTRACTS[lang], None)]]
    words = CONTRACT_STATUS[lang]
    status_width = max(len(word) for word in words.values())
    lines: list[Line] = []
    for contract, deadlines in tracked:
        lines.extend([(line, "bold")] for line in _head(contract, lang, width))
        if not deadlines:
            lines.extend([(line, "dim")] for line in _wrap(NO_DEADLINES[lang], width, INDENT))
        for deadline in deadlines:
            row = deadline.row
            when = format_day(row.date, lang) if row.date is not None else "?"
            days = "" if row.days_left is None else f"{row.days_left:>5} d"
            start = f"{INDENT}{when:<16}{days:>7}  "
            notes = [note for note in (
                # Right after the status word: "gedaan (20 okt 2026)".
                format_day(deadline.done, lang, weekday=False)
                if deadline.done is not None else None,
                mark_of(row, lang)) if note]
            text = f"{row.entry.id}: {row.entry.activity}"
            if notes:
                text = f"({'; '.join(notes)}) {text}"
            status = (words[deadline.status].ljust(status_width),
                      STATUS_STYLES.get(deadline.status))
            column = len(start) + status_width + 2
            if width - column >= TEXT_ROOM:
                first, *rest = _wrap(text, width - column)
                lines.append([(start, None), status, ("  " + first, None)])
                lines.extend([(" " * column + line, None)] for line in rest)
            else:
                lines.append([(start, None), (status[0].rstrip(), status[1])])
                lines.extend([(line, None)] for line in _wrap(text, width, INDENT * 2))
    return lines
