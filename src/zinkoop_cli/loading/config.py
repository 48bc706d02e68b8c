"""The user's config file ($XDG_CONFIG_HOME/zinkoop/config.toml): their own warning days."""

from __future__ import annotations

import os
import re
import stat
import tomllib
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from zinkoop_cli.core.due import WarnDays
from zinkoop_cli.errors import DataError, FileAccessError, describe
from zinkoop_cli.loading.dates import DateTextError
from zinkoop_cli.loading.when import warn_days

MAX_BYTES = 1024 * 1024  # a config file is a few lines
WARN_KEYS = ("days", "care_types", "entries")


def config_path(env: Mapping[str, str]) -> Path | None:
    """$XDG_CONFIG_HOME/zinkoop/config.toml, else ~/.config/zinkoop/config.toml: beside the
    calendars folder the catalog reads (catalog.config_home); None without a home folder
    (then there is no config, which is no error)."""
    base = env.get("XDG_CONFIG_HOME")
    if not base:
        home = env.get("HOME")
        if not home:
            return None
        base = os.path.join(home, ".config")
    return Path(base) / "zinkoop" / "config.toml"


def load_warn_days(env: Mapping[str, str]) -> WarnDays:
    """The [warn] table of the user's config file; nothing when there is no file."""
    path = config_path(env)
    if path is None:
        return WarnDays()
    text = _read(path)
    if text is None:
        return WarnDays()
    return parse_warn_days(text, str(path))


def _read(path: Path) -> str | None:
    """The file's text, or None when it does not exist; only a regular file is read.

    O_NONBLOCK: a FIFO in its place opens at once (and is refused) instead of waiting.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise FileAccessError(f"{path}: cannot read the config file ({describe(exc)})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise FileAccessError(f"{path}: not a regular file; the config file is a .toml "
                                  "file (or remove what is there)")
        with os.fdopen(os.dup(fd), "rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        raise FileAccessError(f"{path}: cannot read the config file ({describe(exc)})") from None
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise DataError(f"{path}: larger than 1 MiB; a config file is a few lines")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise DataError(f"{path}: not UTF-8 text; save the file as UTF-8") from None


def parse_warn_days(text: str, origin: str) -> WarnDays:
    """The [warn] table of a config file's ``text`` (``origin`` names the file)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc)) or "invalid TOML"
        where = f"{origin}:{found[1]}:{found[2]}" if found else origin
        raise DataError(f"{where}: TOML syntax error: {reason}; fix the config file") from None
    except (ValueError, RecursionError):
        raise DataError(f"{origin}: TOML syntax error; fix the config file") from None
    _known(data, ("warn",), origin, "")
    table = data.get("warn", {})
    if not isinstance(table, dict):
        raise DataError(f"{origin}: warn: write it as a table, [warn] with days = [14, 7, 1]")
    _known(table, WARN_KEYS, origin, "warn.")
    try:
        days = warn_days(table["days"], "warn.days") if "days" in table else None
        return WarnDays(days, _named(table, "care_types", origin),
                        _named(table, "entries", origin))
    except DateTextError as exc:
        raise DataError(f"{origin}: {exc}") from None


def _known(table: Mapping[str, Any], keys: tuple[str, ...], origin: str, prefix: str) -> None:
    for key in table:
        if key not in keys:
            raise DataError(f"{origin}: unknown key '{prefix}{key}'; the config file knows "
                            + ", ".join(prefix + known for known in keys))


def _named(table: Mapping[str, Any], key: str, origin: str) -> Mapping[str, tuple[int, ...]]:
    """[warn.care_types] or [warn.entries]: a name and its days, per line."""
    found = table.get(key, {})
    if not isinstance(found, dict):
        raise DataError(f"{origin}: warn.{key}: write it as a table, [warn.{key}] with lines "
                        "such as msz = [21, 7]")
    return MappingProxyType({name.lower() if key == "care_types" else name:
                             warn_days(value, f"warn.{key}.{name}")
                             for name, value in found.items()})
