"""Shared fixtures: a CLI runner that goes through the real error handler, fixed today."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from zinkoop_cli.cli.app import main

TODAY = "2026-10-29"
GOLDEN = Path(__file__).parent / "golden"


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No user calendars, no colour, a fixed terminal width, whatever the machine has."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("ZINKOOP_CALENDARS", raising=False)
    monkeypatch.delenv("ZINKOOP_LEDGER", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("TERM", "dumb")


Runner = Callable[..., Result]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Runner:
    """Run ``zinkoop ARGS`` in-process; returns exit code, stdout and stderr."""

    def invoke(*args: str, columns: int = 80) -> Result:
        os.environ["COLUMNS"] = str(columns)
        capsys.readouterr()
        try:
            main(list(args))
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        else:  # pragma: no cover - main always exits
            code = 0
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


def golden(name: str, text: str, update: bool = False) -> None:
    """Compare ``text`` with tests/golden/NAME; ZINKOOP_UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    if update or os.environ.get("ZINKOOP_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8", newline="")
    assert path.exists(), f"missing golden file {path}; run with ZINKOOP_UPDATE_GOLDEN=1"
    with path.open(encoding="utf-8", newline="") as stored:  # keep CRLF in .ics files
        assert text == stored.read(), f"output differs from {path}"


from tests.pg_server import pg_server  # noqa: E402,F401 - the session's PostgreSQL server


def seeds_folder() -> Path:
    """The source documents (../shared/seeds beside the repository; ZINKOOP_SEEDS overrides)."""
    given = os.environ.get("ZINKOOP_SEEDS")
    if given:
        return Path(given)
    beside = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    return beside if beside.is_dir() else Path("/work/shared/seeds")


SEEDS = seeds_folder()
