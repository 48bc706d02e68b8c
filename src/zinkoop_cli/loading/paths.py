"""Where the ledger lives, without importing sqlite3: warn asks on every run."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

ENV_LEDGER = "ZINKOOP_LEDGER"


def ledger_path(given: Path | None, env: Mapping[str, str]) -> Path:
    """``--ledger``, else ZINKOOP_LEDGER, else $XDG_DATA_HOME/zinkoop/ledger.db."""
    if given is not None:
        return given.expanduser()
    if env.get(ENV_LEDGER):
        return Path(env[ENV_LEDGER]).expanduser()
    base = env.get("XDG_DATA_HOME")
    data = Path(base) if base else Path(env.get("HOME", str(Path.home()))) / ".local" / "share"
    return data / "zinkoop" / "ledger.db"
