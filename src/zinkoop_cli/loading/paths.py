"""Where the ledger lives, without importing sqlite3: warn asks on every run."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from zinkoop_cli.errors import FileAccessError, UsageError

ENV_LEDGER = "ZINKOOP_LEDGER"
# scheme://... (RFC 3986 scheme). A file path never looks like this; a drive letter (C:\)
# has no "//".
_URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


def ledger_location(given: str | None, env: Mapping[str, str]) -> tuple[str, Path]:
    """Which ledger: ``--ledger``, else ZINKOOP_LEDGER, else $XDG_DATA_HOME/zinkoop/ledger.db.

    Returns where it came from (for messages) and the SQLite file. A URL is never taken
    for a file path: open_ledger sends postgresql:// to its store first, and any other
    scheme is refused here.
    """
    if given is not None:
        origin, text = "--ledger", given
    elif env.get(ENV_LEDGER):
        origin, text = ENV_LEDGER, env[ENV_LEDGER]
    else:
        base = env.get("XDG_DATA_HOME")
        origin = "XDG_DATA_HOME" if base else "HOME"
        data = Path(base) if base else Path(env.get("HOME") or _home()) / ".local" / "share"
        return origin, data / "zinkoop" / "ledger.db"
    url = _URL.match(text)
    if url is not None:
        # Only the scheme is repeated: the rest may hold a password.
        scheme = url.group(1).lower()
        raise UsageError(f"{origin}: {scheme}:// is not a kind of ledger zinkoop knows; give "
                         "the path of a SQLite file or a postgresql:// URL")
    if not text.strip():
        raise UsageError(f"{origin} is empty; give the path of a ledger file")
    try:
        return origin, Path(text).expanduser()
    except RuntimeError:  # ~nosuchuser
        raise FileAccessError(f"{origin} {text}: no such user's home folder; give a full "
                              "path") from None


def _home() -> str:
    try:
        return str(Path.home())
    except RuntimeError:
        raise FileAccessError("cannot tell the home folder (HOME is not set); set "
                              f"{ENV_LEDGER} or give --ledger") from None
