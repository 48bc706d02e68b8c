"""Finds calendar files on the search path and answers "which calendar is msz 2027?"."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator, Mapping, Sequence
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import NamedTuple

from zinkoop_cli.core.model import Calendar, Relative
from zinkoop_cli.core.resolve import find_cycle, merged_events
from zinkoop_cli.errors import (
    CalendarError,
    FileAccessError,
    UnknownCalendarError,
    UsageError,
    ZinkoopError,
)
from zinkoop_cli.loading.parse import parse_calendar

ENV_CALENDARS = "ZINKOOP_CALENDARS"


class Folder(NamedTuple):
    """One place on the search path; ``label`` says where it came from, for messages."""

    path: Traversable | Path
    label: str


def config_home(env: Mapping[str, str]) -> Path:
    base = env.get("XDG_CONFIG_HOME")
    return Path(base) if base else Path(env.get("HOME", str(Path.home()))) / ".config"


def search_path(extra: Sequence[Path] = (), env: Mapping[str, str] | None = None) -> list[Folder]:
    """Package calendars, then ZINKOOP_CALENDARS, the user's config folder, then --calendars.

    A later file overrides an earlier one with the same calendar id.
    """
    env = os.environ if env is None else env
    folders = [Folder(resources.files("zinkoop_cli") / "calendars", "package")]
    for part in env.get(ENV_CALENDARS, "").split(os.pathsep):
        if part:
            folders.append(Folder(Path(part).expanduser(), ENV_CALENDARS))
    folders.append(Folder(config_home(env) / "zinkoop" / "calendars", "config"))
    folders.extend(Folder(Path(path).expanduser(), "--calendars") for path in extra)
    return folders


def _walk(folder: Traversable | Path) -> Iterator[Traversable | Path]:
    if not folder.is_dir():
        return
    for child in sorted(folder.iterdir(), key=lambda item: item.name):
        if child.is_dir():
            yield from _walk(child)
        elif child.name.endswith(".toml"):
            yield child


def calendar_files(folders: Sequence[Folder]) -> list[tuple[Traversable | Path, str]]:
    files: list[tuple[Traversable | Path, str]] = []
    for folder in folders:
        if folder.label == "--calendars" and isinstance(folder.path, Path):
            if not folder.path.exists():
                raise UsageError(f"--calendars {folder.path}: no such folder")
            if folder.path.is_file():
                files.append((folder.path, str(folder.path)))
                continue
        files.extend((item, _display(item, folder)) for item in _walk(folder.path))
    return files


def _display(item: Traversable | Path, folder: Folder) -> str:
    """How messages name a file: the package's own as in the repository (calendars/...)."""
    text = str(item)
    marker = f"{os.sep}calendars{os.sep}"
    if folder.label == "package" and marker in text:
        return "calendars/" + text.rsplit(marker, 1)[1].replace(os.sep, "/")
    return text


def read_text(item: Traversable | Path, origin: str) -> str:
    try:
        return item.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CalendarError(f"{origin}: not UTF-8 text; save the file as UTF-8") from None
    except OSError as exc:
        raise FileAccessError(f"{origin}: cannot read ({exc.strerror or exc})") from None


def load_file(path: Path) -> tuple[Calendar | None, list[ZinkoopError]]:
    """One file, for 'check FILE': the calendar and its problems."""
    origin = str(path)
    try:
        text = read_text(path, origin)
    except ZinkoopError as exc:
        return None, [exc]
    calendar, problems = parse_calendar(text, origin)
    return calendar, list(problems)


class Catalog:
    """Every calendar on the search path, later files overriding earlier ones by id."""

    def __init__(self) -> None:
        self.calendars: dict[str, Calendar] = {}
        self.problems: list[ZinkoopError] = []

    @classmethod
    def load(
        cls, extra: Sequence[Path] = (), env: Mapping[str, str] | None = None
    ) -> Catalog:
        catalog = cls()
        for item, origin in calendar_files(search_path(extra, env)):
            try:
                text = read_text(item, origin)
            except ZinkoopError as exc:
                catalog.problems.append(exc)
                continue
            calendar, problems = parse_calendar(text, origin)
            catalog.problems.extend(problems)
            if calendar is not None:
                catalog.calendars[calendar.id] = calendar
        for calendar in catalog.calendars.values():
            catalog.problems.extend(catalog.link_problems(calendar))
        return catalog

    def raise_problems(self) -> None:
        """Stop with the first problem: a command must not work from a broken calendar."""
        if self.problems:
            first = self.problems[0]
            more = len(self.problems) - 1
            suffix = f" (and {more} more problem{'s' if more > 1 else ''}: run 'zinkoop check')"
            raise type(first)(first.message + (suffix if more else ""))

    def parent_id(self, calendar: Calendar, name: str) -> str:
        return name if "/" in name else f"{calendar.publisher_id}/{name}-{calendar.year}"

    def parents(self, calendar: Calendar) -> list[Calendar]:
        """What ``calendar`` inherits, nearest first (and what those inherit, after them)."""
        found: list[Calendar] = []
        todo = [self.parent_id(calendar, name) for name in calendar.inherits]
        while todo:
            parent = self.calendars.get(todo.pop(0))
            if parent is None or parent in found or parent is calendar:
                continue
            found.append(parent)
            todo.extend(self.parent_id(parent, name) for name in parent.inherits)
        return found

    def link_problems(self, calendar: Calendar) -> list[ZinkoopError]:
        """Rules pointing at nothing, missing parents and circles, naming file and entry."""
        problems: list[ZinkoopError] = []
        for name in calendar.inherits:
            if self.parent_id(calendar, name) not in self.calendars:
                problems.append(CalendarError(
                    f"{calendar.origin}: [calendar]: inherits {name!r}, but no calendar "
                    f"{self.parent_id(calendar, name)!r} is on the search path"))
        parents = self.parents(calendar)
        events = merged_events(calendar, parents)
        known = {entry.id for entry in calendar.entries}
        for parent in parents:
            known |= {entry.id for entry in parent.entries}
        for entry in calendar.entries:
            if isinstance(entry.when, Relative) and entry.when.anchor not in known | set(events):
                choices = sorted(known | set(events))
                close = difflib.get_close_matches(entry.when.anchor, choices, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                problems.append(CalendarError(
                    f"{calendar.origin}: entry {entry.id!r}: its rule points at "
                    f"{entry.when.anchor!r}, which is no entry or event{hint}; events are "
                    f"declared as [events.NAME]"))
        for name, event in calendar.events.items():
            if isinstance(event.default, str) and event.default not in known:
                problems.append(CalendarError(
                    f"{calendar.origin}: event {name!r}: its default {event.default!r} is no "
                    "entry of this calendar"))
        every = [entry for parent in parents for entry in parent.entries]
        cycle = find_cycle([*every, *calendar.entries], events)
        if cycle:
            problems.append(CalendarError(
                f"{calendar.origin}: entry {cycle[0]!r}: rules depend on each other in a circle "
                f"({' -> '.join(cycle)}); anchor one of them on a date or an event"))
        return problems

    # -- finding a calendar -------------------------------------------------------------

    def care_types(self) -> dict[str, str]:
        """Every name a care type answers to (key and aliases), mapped to its key."""
        names: dict[str, str] = {}
        for calendar in self.calendars.values():
            names[calendar.care_type] = calendar.care_type
            for alias in calendar.aliases:
                names.setdefault(alias, calendar.care_type)
        return names

    def find(self, care: str, year: int, insurer: str | None = None) -> Calendar:
        names = self.care_types()
        wanted = care.strip().lower()
        key = names.get(wanted)
        if key is None:
            close = difflib.get_close_matches(wanted, sorted(names), n=1, cutoff=0.5)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            known = ", ".join(sorted(set(names.values())))
            raise UnknownCalendarError(
                f"unknown care type {care!r}.{hint} Known care types: {known}")
        matches = [c for c in self.calendars.values() if c.care_type == key and c.year == year]
        if insurer is not None:
            slug = insurer.strip().lower()
            with_insurer = [c for c in matches if slug in (c.publisher_id, c.publisher.lower())]
            if not with_insurer:
                known = ", ".join(sorted({c.publisher_id for c in matches})) or "none"
                raise UnknownCalendarError(
                    f"no {key} {year} calendar from {insurer!r}; --insurer can be: {known}")
            matches = with_insurer
        if not matches:
            years = sorted({c.year for c in self.calendars.values() if c.care_type == key})
            listed = ", ".join(str(y) for y in years)
            raise UnknownCalendarError(
                f"no {key} calendar for purchase year {year}; {key} has: {listed}")
        if len(matches) > 1:
            options = ", ".join(sorted(c.publisher_id for c in matches))
            raise UnknownCalendarError(
                f"{key} {year} is published by more than one insurer; choose one with "
                f"--insurer ({options})")
        return matches[0]
