"""Reads a CSV file of contracts for `track import`, checking every row before any is stored."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from zinkoop_cli.core.contracts import NewContract, agb_problem
from zinkoop_cli.core.daytext import DayTextError, parse_user_day
from zinkoop_cli.core.limits import day_problem
from zinkoop_cli.core.model import Calendar
from zinkoop_cli.core.resolve import merged_events
from zinkoop_cli.errors import DataError, FileAccessError, ZinkoopError
from zinkoop_cli.loading.catalog import Catalog

REQUIRED = ("provider", "agb", "care_type", "year")
OPTIONAL = ("insurer",)


# Far above any real import (10,000 contracts are about 600 kB): a larger file is not a
# list of contracts, and reading it whole would only fill the memory.
MAX_BYTES = 64 * 1024 * 1024


def _text(path: Path) -> str:
    """The file's text: only a regular file (a FIFO or device would wait for a writer or
    never end), and no more than MAX_BYTES of it."""
    import os
    import stat

    try:
        # O_NONBLOCK: opening a FIFO without a writer returns at once instead of waiting.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as stream:
            mode = os.fstat(fd).st_mode
            if stat.S_ISDIR(mode):
                raise IsADirectoryError
            if not stat.S_ISREG(mode):
                raise FileAccessError(f"{path}: not a regular file (a pipe or device); save "
                                      "the contracts to a CSV file and give its name")
            data = stream.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise FileAccessError(f"{path}: is a folder; give a CSV file") from None
    except OSError as exc:
        raise FileAccessError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise DataError(f"{path}: larger than {MAX_BYTES // (1024 * 1024)} MB, more than a "
                        "list of contracts can be; split it or check that it is the CSV file")
    try:
        # utf-8-sig: spreadsheets (and 'track list --excel') put a byte-order mark first.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError(f"{path}: not UTF-8 text; save the file as CSV UTF-8") from None


def _rows(reader: Iterator[list[str]], line_num: Callable[[], int],
          fail: Callable[[int, str], DataError]) -> Iterator[tuple[int, list[str]]]:
    """The rows with their (last) line numbers; a row the csv module cannot read fails."""
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "field larger" in str(exc):
                problem = (f"a cell is longer than {csv.field_size_limit()} characters; is a "
                           'quote (") left open?')
            else:
                problem = f"not readable as CSV ({exc})"
            raise fail(line_num(), problem) from None
        yield line_num(), cells


def _day(text: str) -> date:
    """A cell's day: ISO as before (its range is checked by the caller, core.limits), else
    as a person types it (14-9-2026, 14 sep 2026; core.daytext)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        return parse_user_day(text)


def _delimiter(header: str) -> str:
    # Excel with Dutch regional settings saves "CSV" separated by semicolons.
    return ";" if header.count(";") > header.count(",") else ","


class _Calendars:
    """Finds each (care type, year, insurer) once, however many rows name it."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.found: dict[tuple[str, str, str | None], tuple[Calendar, frozenset[str]]] = {}

    def get(self, care: str, year: str, insurer: str | None) -> tuple[Calendar, frozenset[str]]:
        key = (care.strip().lower(), year.strip(), insurer)
        hit = self.found.get(key)
        if hit is None:
            try:
                number = int(key[1])
            except ValueError:
                raise ValueError(f"year {year!r} is not a year; write it as 2027") from None
            try:
                calendar = self.catalog.find(care, number, insurer)
            except ZinkoopError as exc:
                raise ValueError(exc.message) from None
            events = merged_events(calendar, self.catalog.parents(calendar))
            hit = self.found[key] = (calendar, frozenset(events))
        return hit


def known_events(catalog: Catalog) -> set[str]:
    names: set[str] = set()
    for calendar in catalog.calendars.values():
        names |= set(merged_events(calendar, catalog.parents(calendar)))
    return names


def read_contracts(
    path: Path, catalog: Catalog, insurer: str | None = None,
    progress: Callable[[int], None] | None = None, total: Callable[[int], None] | None = None,
) -> list[NewContract]:
    """Every row of ``path`` as a contract; the first bad row raises DataError naming its line.

    Line numbers are those of the file (the header is line 1), also when a quoted cell
    spans lines, so that a spreadsheet user finds the row.
    """
    text = _text(path)
    if total is not None:
        total(text.count("\n"))
    # newline="": lines end only at \n, \r or \r\n (not at U+2028 and the other breaks
    # that str.splitlines knows), so such a character stays inside its cell.
    first = io.StringIO(text, newline="").readline()
    if not first.strip():
        raise DataError(f"{path}, line 1: no header; the first line must name the columns "
                        f"{','.join(REQUIRED)} and then one column per event")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first))

    def fail(line: int, problem: str) -> DataError:
        return DataError(f"{path}, line {line}: {problem}")

    rows = _rows(reader, lambda: reader.line_num, fail)
    header = [name.strip().lower() for name in next(rows, (1, []))[1]]

    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise fail(1, f"no column {', '.join(missing)}; the header must have "
                      f"{','.join(REQUIRED)} and then one column per event (e.g. ontvangst)")
    events_known = known_events(catalog)
    seen_names: set[str] = set()
    for name in header:
        if name in seen_names:
            raise fail(1, f"column {name!r} appears twice")
        seen_names.add(name)
        if name not in REQUIRED and name not in OPTIONAL and name not in events_known:
            listed = ", ".join(sorted(events_known)) or "none"
            raise fail(1, f"unknown column {name!r}; after {','.join(REQUIRED)} come event "
                          f"names: {listed}")
    at = {name: index for index, name in enumerate(header)}
    event_columns = [(name, at[name]) for name in header
                     if name not in REQUIRED and name not in OPTIONAL]
    calendars = _Calendars(catalog)
    contracts: list[NewContract] = []
    first_line: dict[tuple[str, str, int], int] = {}
    days: dict[str, date] = {}
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue  # blank lines, or a row of empty cells a spreadsheet left behind
        if len(cells) > len(header):
            raise fail(line, f"{len(cells)} cells, but the header names {len(header)} columns")
        cells = [cell.strip() for cell in cells] + [""] * (len(header) - len(cells))
        provider = " ".join(cells[at["provider"]].split())
        if not provider:
            raise fail(line, "provider is empty; every row names its care provider")
        agb = cells[at["agb"]] or None
        if agb is not None and (problem := agb_problem(agb)):
            raise fail(line, problem)
        row_insurer = cells[at["insurer"]] if "insurer" in at and cells[at["insurer"]] else insurer
        try:
            calendar, calendar_events = calendars.get(
                cells[at["care_type"]], cells[at["year"]], row_insurer)
        except ValueError as exc:
            raise fail(line, str(exc)) from None
        given: dict[str, date] = {}
        for name, index in event_columns:
            value = cells[index]
            if not value:
                continue
            if name not in calendar_events:
                listed = ", ".join(sorted(calendar_events)) or "none"
                raise fail(line, f"{calendar.care_type} {calendar.year} has no event {name!r} "
                                 f"(its events: {listed}); leave that cell empty")
            day = days.get(value)
            if day is None:
                try:
                    day = _day(value)
                except DayTextError as exc:
                    raise fail(line, f"{name} {exc}") from None
                problem = day_problem(day)
                if problem is not None:
                    raise fail(line, f"{name} {problem}; check the year")
                days[value] = day
            given[name] = day
        key = (agb or provider.lower(), calendar.care_type, calendar.year)
        if key in first_line:
            raise fail(line, f"the same contract as line {first_line[key]} "
                             f"({agb or provider}, {calendar.care_type} {calendar.year}); "
                             "keep one of the two rows")
        first_line[key] = line
        contracts.append(NewContract(provider, agb, calendar.care_type, calendar.year,
                                     calendar.id, given))
        if progress is not None and len(contracts) % 500 == 0:
            progress(line)
    return contracts
