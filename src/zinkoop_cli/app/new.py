"""`zinkoop new`: next year's calendar from this year's, its dates moved and marked unverified."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import NamedTuple

from zinkoop_cli.core.model import Calendar
from zinkoop_cli.core.next_year import Moved, next_year
from zinkoop_cli.errors import (
    CalendarError,
    InternalError,
    UnknownCalendarError,
    UsageError,
    ZinkoopError,
)
from zinkoop_cli.loading.catalog import Catalog, config_home, read_text
from zinkoop_cli.loading.dates import DateTextError
from zinkoop_cli.loading.parse import parse_calendar
from zinkoop_cli.loading.when import parse_when

_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


class Request(NamedTuple):
    care: str
    year: int  # the purchase year to write
    from_year: int | None = None  # the year to start from (default: the year before)
    insurer: str | None = None
    output: Path | None = None  # a file, or a folder to write CARE-YEAR.toml in
    force: bool = False
    with_general: bool = False


class Made(NamedTuple):
    """One new calendar file: where it goes, what it holds, and what was moved."""

    source: Calendar  # the calendar it was made from
    calendar: Calendar  # the new one, as zinkoop reads the text
    path: Path
    text: str
    moved: Moved


class Plan(NamedTuple):
    made: list[Made]  # the calendar asked for first, then what it inherits
    years: int
    notes: list[str]


def folder_of(request: Request, source: Calendar, env: Mapping[str, str]) -> tuple[Path, bool]:
    """Where new files go, and whether ``-o`` named the file itself.

    zinkoop reads only ``*.toml`` files, so ``-o`` names a file when it ends in ``.toml``
    (and is no folder), and otherwise a folder, made when it does not exist.
    """
    if request.output is None:
        return config_home(env) / "zinkoop" / "calendars" / source.publisher_id, False
    text = os.fspath(request.output)
    if request.output.is_dir() or not text.endswith(".toml"):
        return request.output, False
    return request.output.parent, True


def header(made: Moved, source: Calendar, years: int) -> str:
    """The comment the file starts with: where it comes from and what the user must redo."""
    head = made.document["calendar"]
    span = "one year" if years == 1 else f"{years} years"
    lines = [
        f"{head['title']}: made by 'zinkoop new' from {source.id},",
        f"read from {source.origin}.",
        f"Every absolute date was moved {span} and its entry marked verify = true: compare",
        "each with the new policy, correct it, then remove the mark. Relative rules are kept",
        "as written. Fill in version and source from the new policy, and published if it",
        "carries a date. The comments of the old file are not carried over.",
    ]
    # TOML allows no control character in a comment: a file name or title may hold one.
    return "".join(f"# {_CONTROL.sub('?', line)}\n" for line in lines) + "\n"


def _make(source: Calendar, years: int, path: Path) -> Made:
    import tomli_w  # only this command writes TOML

    document = _document(source)
    moved = next_year(document, years)
    # A date can move and still not be a valid *when* in its new year (a rule's COUNT that
    # now runs past 2100): such an entry is kept as written and listed, like any other.
    keep = _invalid_entries(moved, source, source.year + years)
    if keep:
        moved = next_year(document, years, keep)
    text = header(moved, source, years) + tomli_w.dumps(moved.document,
                                                        multiline_strings=False)
    calendar, problems = parse_calendar(text, str(path))
    if calendar is None or problems:
        first = problems[0].message if problems else "no calendar"
        raise InternalError(f"zinkoop new made a calendar that does not pass check ({first}); "
                            "this is a bug, please report it")
    return Made(source, calendar, path, text, moved)


def _invalid_entries(moved: Moved, source: Calendar, year: int) -> dict[str, str]:
    """The moved entries whose new *when* the calendar reader refuses, and why.

    An entry kept as written that the reader refuses in the new year cannot be kept
    either: that stops the command, naming it (no such entry is known today).
    """
    found: dict[str, str] = {}
    for table in moved.document.get("entry", []):
        if not isinstance(table, dict):
            continue
        try:
            parse_when(table, year)
        except DateTextError as why:
            if table.get("id") not in moved.moved:
                raise CalendarError(f"{source.origin}: entry {table.get('id')!r}: cannot be "
                                    f"carried into {year} as written ({why}); nothing "
                                    "written") from None
            found[str(table["id"])] = str(why)
    return found


def _document(source: Calendar) -> dict[str, object]:
    """The TOML tables of the file ``source`` was read from.

    The catalog keeps calendars, not files, and a shipped file and a user's file can have
    the same display name (``calendars/...``), so the file that reads as ``source`` is it.
    """
    from importlib import resources

    candidates: list[Traversable | Path] = [Path(source.origin)]
    if source.origin.startswith("calendars/"):
        candidates.append(resources.files("zinkoop_cli").joinpath(*source.origin.split("/")))
    for candidate in candidates:
        try:
            text = read_text(candidate, source.origin).removeprefix("\ufeff")
        except ZinkoopError:
            continue
        if parse_calendar(text, source.origin) == (source, []):
            return tomllib.loads(text)
    raise CalendarError(f"{source.origin}: changed while zinkoop read it; run 'zinkoop check' "
                        "and try again")


def plan(request: Request, dirs: Sequence[Path], env: Mapping[str, str] | None = None) -> Plan:
    """The files ``zinkoop new`` writes, made and checked, but not yet written."""
    env = os.environ if env is None else env
    from_year = request.year - 1 if request.from_year is None else request.from_year
    if from_year >= request.year:
        raise UsageError(f"--from {from_year}: start from a year before YEAR {request.year}")
    years = request.year - from_year
    catalog = Catalog.load(dirs, env)
    catalog.raise_problems()
    source = catalog.find(request.care, from_year, request.insurer)
    folder, named = folder_of(request, source, env)
    main_path = request.output if named and request.output is not None else \
        folder / f"{source.care_type}-{request.year}.toml"
    made = [_make(source, years, main_path)]
    notes: list[str] = []
    todo = [(made[0], source)]
    while todo:
        child, old_child = todo.pop(0)
        for name in child.calendar.inherits:
            wanted = catalog.parent_id(child.calendar, name)
            if wanted in catalog.calendars or any(m.calendar.id == wanted for m in made):
                continue
            old = catalog.calendars.get(catalog.parent_id(old_child, name))
            if old is None:  # the old calendar's parent is on the path: never the case
                raise UnknownCalendarError(f"{old_child.origin}: inherits {name!r}, which is "
                                           "not on the search path; run 'zinkoop check'")
            if not request.with_general:
                raise UnknownCalendarError(_how_to_make(child.calendar, name, wanted, old,
                                                        request, years, folder))
            parent_folder = folder if request.output is not None else folder.parent / \
                old.publisher_id
            parent = _make(old, years, parent_folder / f"{old.care_type}-{request.year}.toml")
            made.append(parent)
            todo.append((parent, old))
    for item in made:
        existing = catalog.calendars.get(item.calendar.id)
        if existing is not None:
            notes.append(f"{item.calendar.id} is already on the search path "
                         f"({existing.origin}); the new file replaces it where it comes later")
    _check_links(catalog, made)
    for item in made:
        if item.path.exists() and not request.force:
            raise UsageError(f"{item.path}: already exists; use --force to overwrite it")
    return Plan(made, years, notes)


def _how_to_make(child: Calendar, name: str, wanted: str, old: Calendar, request: Request,
                 years: int, folder: Path) -> str:
    command = f"zinkoop new {old.care_type} {old.year + years} --insurer {old.publisher_id}"
    if years != 1:
        command += f" --from {old.year}"
    if request.output is not None:
        command += f" -o {folder}/"
    return (f"{child.care_type} {child.year} inherits {name!r}, and {wanted} does not exist "
            f"yet; add --with-general to make it too, or first run '{command}'")


def _check_links(catalog: Catalog, made: Sequence[Made]) -> None:
    """Inheritance, rule anchors and circles, as 'zinkoop check' sees them once written."""
    scratch = Catalog()
    scratch.calendars = dict(catalog.calendars)
    for item in made:
        scratch.calendars[item.calendar.id] = item.calendar
    for item in made:
        problems = scratch.link_problems(item.calendar)
        if problems:
            raise CalendarError(f"{problems[0].message} (nothing written; fix this first)")
