"""A policy's lines as units a reader dates: sentences of running text and table rows, each
with the section it stands under and where it is (line or page)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from zinkoop_cli.core.grammar import YEAR_MISSING, Found, scan


class Line(NamedTuple):
    """One line of a policy: a text line, or a table row (``cells``), and where it is."""

    where: str  # "line 238" or "page 4"
    text: str
    cells: tuple[str, ...] | None = None


class Unit(NamedTuple):
    """A sentence, or a table row split into its date cell and its activity."""

    where: str
    section: str | None
    text: str
    date_cell: str | None = None  # a row's date as written, when this is a table row
    found: tuple[Found, ...] = ()  # the row's date cell read, for a row


_NUMBERED = re.compile(
    r"^(?P<n>\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(?P<t>[A-Z\u00c0-\u00de'\u2018\"].*)$")
_NAMED = re.compile(r"^(?P<n>(?:Bijlage|Hoofdstuk|Paragraaf|Actiepunt|Artikel)\s+\d+[a-z]?)"
                    r"\b(?P<t>.*)$", re.IGNORECASE)
_TOC = re.compile(r"(?:\.{3,}\s*|\t\s*)\d{1,3}\s*$")
_BULLET = re.compile(r"^\s*(?:[-•▪●◦*\u2013]|\d{1,2}[.)]|[a-z][.)])\s+")
_END = ".!?:;"
_SPLIT = re.compile(r"(?<=[.!?;])\s+(?=[A-Z\u00c0-\u00de'\u2018\"(])")
_ABBREVIATION = re.compile(r"(?:\b[A-Za-z]\.|\b(?:bijv|o\.a|evt|nr|art|resp|incl|excl|ca|jl|"
                           r"mr|dr|drs|ir|ing|st|stcrt|m\.i\.v|t\.o\.v|i\.p\.v)\.)$",
                           re.IGNORECASE)
_DATE_HEADER = re.compile(r"\b(?:uiterste\s+)?(?:datum|data|termijn|deadline|wanneer)\b",
                          re.IGNORECASE)
_CELLS = re.compile(r"\t|\s{2,}")


def heading(text: str) -> str | None:
    """The section a heading line opens ('5.2', 'Bijlage 1', 'Planning'), or None."""
    line = " ".join(text.split())
    if not line or len(line) > 110 or line[-1] in ".,;" or re.search(r"[.!?]\s", line):
        return None
    named = _NAMED.match(line)
    if named:
        return " ".join(named.group("n").split()).capitalize()
    numbered = _NUMBERED.match(line)
    # A date in a long numbered line: a numbered sentence ("12. ... vanaf 2019 wordt").
    if numbered and (len(line) <= 60 or not scan(line, whole=True)):
        return numbered.group("n")
    return None


def date_cell(cell: str) -> tuple[Found, ...] | None:
    """A table cell that is wholly a date ('1 april 2026', 'Doorlopend', 'September 2026 (bij
    maatwerk)'), read; None for any other cell."""
    core = re.sub(r"\([^)]*\)", " ", cell).strip(" \t.,;:")
    if not core or len(core) > 60:
        return None
    found = scan(core, whole=True)
    if not found:
        return None
    rest = core
    for item in reversed(found):
        rest = rest[:item.start] + " " + rest[item.end:]
    if re.fullmatch(r"[\s,;.:/&-]*(?:(?:en|of)[\s,;.:/&-]*)*", rest, re.IGNORECASE):
        return tuple(found)
    return None


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph; a full stop after an abbreviation does not end one."""
    parts: list[str] = []
    for piece in _SPLIT.split(text):
        if parts and _ABBREVIATION.search(parts[-1]):
            parts[-1] = f"{parts[-1]} {piece}"
        else:
            parts.append(piece)
    return [part.strip() for part in parts if part.strip()]


def _filled(cells: Sequence[str] | None) -> list[str]:
    return [c.strip() for c in (cells or ()) if c and c.strip()]


def _row(line: Line, header: Sequence[str] = ()) -> tuple[str, str, tuple[Found, ...]] | None:
    cells = _filled(line.cells)
    if len(cells) < 2:
        return None
    dated = [(index, found) for index, cell in enumerate(cells)
             if (found := date_cell(cell)) is not None]
    if len(dated) != 1:
        return None
    index, found = dated[0]
    activity = " ".join(cells[:index] + cells[index + 1:])
    if index < len(header) and any(f.reason == YEAR_MISSING for f in found):
        found = _year_from_header(cells[index], header[index], found)
    return cells[index], activity, found


def _year_from_header(cell: str, above: str, found: tuple[Found, ...]) -> tuple[Found, ...]:
    """'1 oktober' under a column headed 'Datum 2026': the table itself gives the year."""
    years = set(re.findall(r"\b(?:19|20)\d\d\b", above))
    # Only a header that says it holds dates: 'Planning 2027' names the purchase year, and
    # its deadlines mostly fall in 2026.
    if len(years) != 1 or not _DATE_HEADER.search(above):
        return found
    year = years.pop()
    again = date_cell(f"{cell} {year}")
    if again is None or any(f.keys is None for f in again):
        return found
    return tuple(f._replace(note=f"year {year} from the column header '{above}'") for f in again)


def _leading_date(text: str) -> tuple[str, str, tuple[Found, ...]] | None:
    """'1 april 2023 Publicatie inkoopbeleid': a table row whose borders were lost."""
    found = scan(text)
    if not found or found[0].start != 0:
        return None
    rest = text[found[0].end:].strip()
    if not rest or not rest[0].isupper():
        return None
    cell = text[:found[0].end]
    read = date_cell(cell)
    return (cell, rest, read) if read else None


def _trailing_date(text: str) -> tuple[str, str, tuple[Found, ...]] | None:
    """'Publicatie zorginkoopbeleid 1 april 2026': a borderless row, activity first."""
    found = scan(text)
    if not found or found[-1].end != len(text) or len(found) != 1:
        return None
    rest = text[:found[-1].start].strip(" \t:-")
    if not rest or not rest[0].isupper() or rest[-1] in ".,;":
        return None
    cell = text[found[-1].start:]
    read = date_cell(cell)
    return (cell, rest, read) if read else None


def _next_texts(lines: Sequence[Line]) -> list[str]:
    """For each line, the text of the next line that is not blank."""
    result, upcoming = [""] * len(lines), ""
    for index in range(len(lines) - 1, -1, -1):
        result[index] = upcoming
        if lines[index].text.strip():
            upcoming = lines[index].text.strip()
    return result


def _title_like(text: str) -> bool:
    """A short line standing alone, without a full stop or a date: a heading without a number."""
    return (0 < len(text) <= 60 and len(text.split()) <= 8 and text[-1] not in ".,;:"
            and text[0].isupper() and not scan(text, whole=True)
            and not re.match(r"versie\b", text, re.IGNORECASE))


def units(lines: Sequence[Line]) -> list[Unit]:
    """Sentences and rows, each with its section, in document order."""
    result: list[Unit] = []
    section: str | None = None
    buffer: list[tuple[str, str]] = []  # (where, text) pieces of the paragraph being read

    def flush() -> None:
        if not buffer:
            return
        text, starts = "", []
        for where, piece in buffer:
            starts.append((len(text), where))
            text = f"{text} {piece}" if text else piece
        offset = 0
        for sentence in split_sentences(text):
            at = text.find(sentence, offset)
            offset = max(offset, at)
            where = next(w for s, w in reversed(starts) if s <= max(at, 0))
            result.append(Unit(where, section, sentence))
        buffer.clear()

    following = _next_texts(lines)
    header: list[str] = []  # the current table's header cells
    for index, line in enumerate(lines):
        text = " ".join(line.text.replace("**", "").split())
        if line.cells is None and "\t" not in line.text and not text:
            if buffer and (buffer[-1][1][-1:] in _END or (
                    len(buffer[-1][1]) <= 60 and not following[index][:1].islower())):
                flush()  # a paragraph's end, or a short line standing alone (a title page)
            continue
        if _TOC.search(line.text):
            continue
        cells = line.cells if line.cells is not None else (
            tuple(_CELLS.split(line.text.strip())) if _CELLS.search(line.text.strip()) else None)
        row = _row(line._replace(cells=cells), header) if cells else None
        at_start = not buffer or buffer[-1][1][-1:] in _END
        opened = heading(text) if row is None and line.cells is None and at_start else None
        if opened is not None and following[index][:1].islower():
            opened = None  # a wrapped sentence that happens to start with a number
        if opened is None and row is None and at_start and line.cells is None \
                and _title_like(text) and index + 1 < len(lines) \
                and not lines[index + 1].text.strip() and not following[index][:1].islower():
            opened = text
        if opened is not None:
            flush()
            section = opened
            continue
        if row is None and at_start and line.cells is None:
            row = _leading_date(text)
            if row is None and not following[index][:1].islower():
                row = _trailing_date(text)
        if row is None and line.cells is None and "\t" not in line.text:
            header = []  # running text: the table, if any, has ended
        if row is not None:
            flush()
            cell, activity, found = row
            result.append(Unit(line.where, section, activity, cell, found))
            continue
        if _BULLET.match(line.text):
            flush()
            text = _BULLET.sub("", text)
        if line.cells is not None or "\t" in line.text:
            # A table row without a date (a header, a row of text) stands on its own.
            header = _filled(cells)
            flush()
            buffer.append((line.where, " ".join(c.strip() for c in cells or () if c.strip())))
            flush()
            continue
        buffer.append((line.where, text))
    flush()
    return result
