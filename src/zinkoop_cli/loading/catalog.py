"""Finds calendar files on the search path and answers "which calendar is msz 2027?"."""

from __future__ import annotations

import difflib
import os
import stat
from collections.abc import Iterator, Mapping, Sequence
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import NamedTuple

from zinkoop_cli.core.model import Calendar, Relative, Windowed
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
# Deeper than publisher/care-type folders ever need; a bound so no folder tree can stall a run.
MAX_DEPTH = 8
# A calendar is a few KiB; anything this large is the wrong file, and must not fill memory.
MAX_BYTES = 8 * 1024 * 1024


class Folder(NamedTuple):
    """One place on the search path; ``label`` says where it came from, for messages."""

    path: Traversable | Path
    label: str


class CalendarFile(NamedTuple):
    """A file to read, and how messages name it."""

    path: Traversable | Path
    origin: str


def _home(env: Mapping[str, str]) -> Path:
    if env.get("HOME"):
        return Path(env["HOME"])
    try:
        return Path.home()
    except (RuntimeError, KeyError):
        raise FileAccessError("cannot tell the home folder: HOME is not set; set HOME or "
                              "XDG_CONFIG_HOME") from None


def config_home(env: Mapping[str, str]) -> Path:
    base = env.get("XDG_CONFIG_HOME")
    return Path(base) if base else _home(env) / ".config"


def _expand(text: str, label: str) -> Path:
    try:
        return Path(text).expanduser()
    except RuntimeError:
        user = text[1:].split("/", 1)[0]
        raise FileAccessError(f"{label} {text}: there is no user {user!r} whose home folder "
                              "'~' could name; write the full path") from None


def search_path(extra: Sequence[Path] = (), env: Mapping[str, str] | None = None) -> list[Folder]:
    """Package calendars, then ZINKOOP_CALENDARS, the user's config folder, then --calendars.

    A later file overrides an earlier one with the same calendar id.
    """
    env = os.environ if env is None else env
    folders = [Folder(resources.files("zinkoop_cli") / "calendars", "package")]
    for part in env.get(ENV_CALENDARS, "").split(os.pathsep):
        if part:
            folders.append(Folder(_expand(part, ENV_CALENDARS), ENV_CALENDARS))
    folders.append(Folder(config_home(env) / "zinkoop" / "calendars", "config"))
    folders.extend(Folder(_expand(str(path), "--calendars"), "--calendars") for path in extra)
    return folders


def _where(folder: Folder, env: Mapping[str, str]) -> tuple[str, str]:
    """How a message names a search-path folder (with what set it), and how to fix it."""
    fix = "fix the path or its permissions"
    if folder.label == "config" and env.get("XDG_CONFIG_HOME"):
        return (f"XDG_CONFIG_HOME={env['XDG_CONFIG_HOME']}: {folder.path}",
                "point XDG_CONFIG_HOME at a folder you can read, or unset it")
    if folder.label == "config":
        return f"the config folder {folder.path}", fix
    return f"{folder.label} {folder.path}", fix


class Walker:
    """Finds ``*.toml`` files under folders without following links out of them.

    Only a bounded depth is read and each real folder once, so a link to ``/``, a loop of
    links or ``/proc`` cannot stall a run. What is skipped is kept in ``notes``.
    """

    def __init__(self) -> None:
        self.notes: list[str] = []
        self._seen: set[tuple[int, int]] = set()

    def top(self, folder: Folder, env: Mapping[str, str]) -> list[CalendarFile]:
        """Every calendar file of one search-path folder (a missing one has none)."""
        if folder.label == "package" or not isinstance(folder.path, Path):
            return [CalendarFile(item, _display(item)) for item in _walk_package(folder.path)]
        where, fix = _where(folder, env)
        try:
            info = os.stat(folder.path)
        except FileNotFoundError:
            if folder.label == "--calendars":
                raise UsageError(f"--calendars {folder.path}: no such folder") from None
            if folder.label == ENV_CALENDARS:  # the config folder is usually absent: no note
                self.notes.append(f"{where}: no such folder; skipped")
            return []
        except OSError as exc:
            raise FileAccessError(f"{where}: cannot use it as a calendars folder "
                                  f"({exc.strerror or exc}); {fix}") from None
        if folder.label == "--calendars" and stat.S_ISREG(info.st_mode):
            return [CalendarFile(folder.path, str(folder.path))]
        if not stat.S_ISDIR(info.st_mode):
            raise FileAccessError(f"{where}: not a folder; {fix}")
        return self.walk(folder.path, where)

    def walk(self, root: Path, where: str) -> list[CalendarFile]:
        found: list[CalendarFile] = []
        self._seen = set()  # per top folder: one folder may rightly be named twice
        self._into(root, os.path.realpath(root), 0, where, found)
        return found

    def _into(self, path: Path, inside: str, depth: int, where: str,
              found: list[CalendarFile]) -> None:
        try:
            info = os.stat(path)
            if (info.st_dev, info.st_ino) in self._seen:
                return
            self._seen.add((info.st_dev, info.st_ino))
            with os.scandir(path) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            raise FileAccessError(f"{path}: cannot read this folder ({exc.strerror or exc}), found "
                                  f"under {where}; fix its permissions or move it") from None
        for entry in entries:
            child = Path(entry.path)
            if self._is_folder(entry, inside):
                if depth >= MAX_DEPTH:
                    self.notes.append(f"{child}: deeper than {MAX_DEPTH} folders; not read")
                else:
                    self._into(child, inside, depth + 1, where, found)
            elif entry.name.endswith(".toml"):
                found.append(CalendarFile(child, str(child)))

    def _is_folder(self, entry: os.DirEntry[str], inside: str) -> bool:
        """A real folder, or a link to one that stays inside the folder being walked."""
        try:
            if not entry.is_dir(follow_symlinks=True):
                return False
        except OSError:
            return False  # a dangling link is read (and reported) if it is named *.toml
        if not entry.is_symlink():
            return True
        target = os.path.realpath(entry.path)
        if target == inside or target.startswith(inside.rstrip(os.sep) + os.sep):
            return True
        self.notes.append(f"{entry.path}: a link to the folder {target}, outside the calendars "
                          "folder; not followed (link the .toml files themselves instead)")
        return False


def _walk_package(folder: Traversable) -> Iterator[Traversable]:
    """The shipped calendars: ours, so a plain walk (they may sit inside a zip)."""
    for child in sorted(folder.iterdir(), key=lambda item: item.name):
        if child.is_dir():
            yield from _walk_package(child)
        elif child.name.endswith(".toml"):
            yield child


def _display(item: Traversable) -> str:
    """How messages name a shipped file: as in the repository (calendars/...)."""
    text = str(item)
    marker = f"{os.sep}calendars{os.sep}"
    if marker in text:
        return "calendars/" + text.rsplit(marker, 1)[1].replace(os.sep, "/")
    return text


def expand_paths(paths: Sequence[Path], walker: Walker) -> list[CalendarFile]:
    """``check FILE...``: files as given, folders walked like the search path's."""
    found: list[CalendarFile] = []
    for path in paths:
        try:
            info = os.stat(path)
        except FileNotFoundError:
            raise FileAccessError(f"{path}: no such file or folder; give a calendar file "
                                  "or a folder of them") from None
        except OSError as exc:
            raise FileAccessError(f"{path}: cannot read ({exc.strerror or exc})") from None
        if stat.S_ISDIR(info.st_mode):
            found.extend(walker.walk(path, str(path)))
        else:
            found.append(CalendarFile(path, str(path)))  # read_text says if it is no file
    return found


def _read_path(path: Path, origin: str) -> bytes:
    """At most MAX_BYTES of a regular file.

    Checked before opening, so no device is opened, and again on the open file: O_NONBLOCK
    keeps a FIFO swapped in between from blocking the open.
    """
    fd = -1
    try:
        if stat.S_ISREG(os.stat(path).st_mode):
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
        if fd < 0 or not stat.S_ISREG(os.fstat(fd).st_mode):
            raise FileAccessError(f"{origin}: not a regular file; a calendar is a .toml file")
        with os.fdopen(os.dup(fd), "rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > MAX_BYTES:
        raise CalendarError(f"{origin}: larger than {MAX_BYTES // (1024 * 1024)} MiB; a "
                            "calendar is a few KiB, so this is not one")
    return data


def read_text(item: Traversable | Path, origin: str) -> str:
    try:
        data = _read_path(item, origin) if isinstance(item, Path) else item.read_bytes()
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise CalendarError(f"{origin}: not UTF-8 text; save the file as UTF-8") from None
    except OSError as exc:
        raise FileAccessError(f"{origin}: cannot read ({exc.strerror or exc})") from None


def load_file(found: CalendarFile) -> tuple[Calendar | None, list[ZinkoopError]]:
    """One file: the calendar (if it could be read at all) and its problems."""
    try:
        text = read_text(found.path, found.origin)
    except ZinkoopError as exc:
        return None, [exc]
    calendar, problems = parse_calendar(text, found.origin)
    return calendar, list(problems)


class Catalog:
    """Every calendar on the search path, later files overriding earlier ones by id."""

    def __init__(self) -> None:
        self.calendars: dict[str, Calendar] = {}
        self.problems: list[ZinkoopError] = []
        self.notes: list[str] = []  # what was skipped on the way; 'check' shows them

    @classmethod
    def load(
        cls, extra: Sequence[Path] = (), env: Mapping[str, str] | None = None
    ) -> Catalog:
        env = os.environ if env is None else env
        catalog, walker = cls(), Walker()
        files = [found for folder in search_path(extra, env) for found in walker.top(folder, env)]
        for found in files:
            calendar, problems = load_file(found)
            catalog.problems.extend(problems)
            if calendar is not None:
                catalog.calendars[calendar.id] = calendar
        catalog.notes.extend(walker.notes)
        for calendar in catalog.calendars.values():
            catalog.problems.extend(catalog.link_problems(calendar))
        return catalog

    def check_files(self, paths: Sequence[Path]) -> tuple[list[Calendar], list[ZinkoopError]]:
        """``check FILE...``: the calendars that are sound, and every problem found.

        A sound file joins the catalog, so its links are checked as if it were installed
        beside the other files given.
        """
        walker = Walker()
        problems: list[ZinkoopError] = []
        checked: list[Calendar] = []
        for found in expand_paths(paths, walker):
            calendar, found_problems = load_file(found)
            problems.extend(found_problems)
            if calendar is not None and not found_problems:
                self.calendars[calendar.id] = calendar
                checked.append(calendar)
        self.notes.extend(walker.notes)
        for calendar in checked:
            problems.extend(self.link_problems(calendar))
        return checked, problems

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
        names = known | set(events)  # once, not per entry: a long chain stays linear
        for entry in calendar.entries:
            if isinstance(entry.when, Relative | Windowed) and entry.when.anchor not in names:
                choices = sorted(names)
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
