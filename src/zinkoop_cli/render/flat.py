"""CSV and Markdown of a timeline, for pasting into spreadsheets and documents.

Every text cell that a spreadsheet would read as a formula (it begins with =, +, -, @, a
tab or a carriage return) is neutralised (OWASP's CSV injection advice): in CSV with a
leading apostrophe, in Markdown with a backslash, which Markdown shows as nothing. A
provider named ``=HYPERLINK(...)`` stays text. Numbers (days_left, contract numbers,
years) are written as numbers: -2 is a number to Excel, never a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, TextIO

from zinkoop_cli.core.text import visible

if TYPE_CHECKING:
    from zinkoop_cli.core.lang import Lang
    from zinkoop_cli.core.resolve import Row

COLUMNS = ("id", "calendar", "date", "when", "status", "days_left", "activity", "party",
           "section", "condition", "rule")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutral(value: object, mark: str = "'") -> str:
    """A cell's text; a text that a spreadsheet would run as a formula gets ``mark`` first."""
    if value is None:
        return ""
    if isinstance(value, int | float):  # a number is never a formula (bool is an int: fine)
        return str(value)
    # An escape or bell from a calendar or ledger is shown, not sent to the terminal.
    text = visible(str(value))
    return mark + text if text.startswith(FORMULA_START) else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]], *,
             excel: bool = False) -> str:
    """CSV with neutralised cells; ``excel``: separated by ``;`` with CRLF line ends, as
    Excel with Dutch regional settings writes and opens it (the BOM is the writer's)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if excel else ",",
                        lineterminator="\r\n" if excel else "\n")
    writer.writerow(header)
    writer.writerows([neutral(cell) for cell in row] for row in rows)
    return out.getvalue()


def write_excel(out: TextIO, text: str) -> None:
    """``text`` as UTF-8 with a byte-order mark, whatever the stream's own encoding: without
    the mark Excel reads the file as Windows-1252 and garbles ë and ü."""
    data = ("\ufeff" + text).encode("utf-8")
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(data.decode("utf-8"))
        return
    out.flush()
    buffer.write(data)
    buffer.flush()


def _document(row: Row, lang: Lang) -> dict[str, object]:
    """The entry's JSON document; an unverified entry's ``when`` says so ("(niet bevestigd)"),
    so that the columns keep their meaning and a shipped calendar's file stays the same."""
    from zinkoop_cli.render.jsonout import entry_document
    from zinkoop_cli.render.words import word

    document = entry_document(row, lang)
    if row.entry.verify:
        document["when"] = f"{document['when']} ({word(lang, 'not_verified')})"
    return document


def _cells(row: Row, lang: Lang) -> list[object]:
    document = _document(row, lang)
    return [document[key] for key in COLUMNS]


def timeline_csv(rows: Iterable[Row], lang: Lang, *, excel: bool = False) -> str:
    return csv_text(COLUMNS, (_cells(row, lang) for row in rows), excel=excel)


def _md(value: object) -> str:
    return neutral(value, "\\").replace("|", "\\|").replace("\n", " ")


def timeline_markdown(rows: Iterable[Row], lang: Lang) -> str:
    from zinkoop_cli.render.words import HEADERS, party_label, word

    columns = ("when", "days_left", "status", "activity", "party", "section", "condition")
    titles = HEADERS[lang]
    lines = ["| " + " | ".join(titles) + " |", "|" + "|".join("---" for _ in titles) + "|"]
    for row in rows:
        document = _document(row, lang)
        document["status"] = word(lang, row.status)
        if row.entry.party:
            document["party"] = party_label(row.entry.party, lang)
        cells = [_md(document[key]) for key in columns]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
