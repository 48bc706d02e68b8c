"""CSV and Markdown of a timeline, for pasting into spreadsheets and documents."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from zinkoop_cli.core.lang import Lang
from zinkoop_cli.core.resolve import Row
from zinkoop_cli.render.jsonout import entry_document
from zinkoop_cli.render.words import HEADERS, word

COLUMNS = ("id", "calendar", "date", "when", "status", "days_left", "activity", "party",
           "section", "condition", "rule")


def _cells(row: Row, lang: Lang) -> list[str]:
    document = entry_document(row, lang)
    return ["" if document[key] is None else str(document[key]) for key in COLUMNS]


def timeline_csv(rows: Iterable[Row], lang: Lang) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(_cells(row, lang))
    return out.getvalue()


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def timeline_markdown(rows: Iterable[Row], lang: Lang) -> str:
    columns = ("when", "days_left", "status", "activity", "party", "section", "condition")
    titles = HEADERS[lang]
    lines = ["| " + " | ".join(titles) + " |", "|" + "|".join("---" for _ in titles) + "|"]
    for row in rows:
        document = entry_document(row, lang)
        document["status"] = word(lang, row.status)
        cells = ["" if document[key] is None else _md(str(document[key])) for key in columns]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
