"""cli/app.py main(), the one handler: every way a run ends is one line and its exit code."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from tests.conftest import TODAY, Runner
from zinkoop_cli.app import warn as due
from zinkoop_cli.errors import Interrupted, ZinkoopError
from zinkoop_cli.loading import catalog

WARN = ("warn", "msz", "2027", "--today", TODAY)
DEADLINES = ("deadlines", "msz", "2027", "--today", TODAY)


def one_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_warn_crash_is_exit_70_never_1(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(*WARN).code == 1  # something is due: the code a crash must not look like

    def broken(*args: object, **kwargs: object) -> object:
        raise ValueError("boom")

    monkeypatch.setattr(due, "alerts", broken)
    result = run(*WARN)
    assert result.code == 70
    line = one_line(result.err)
    assert line.startswith("zinkoop: internal error (a bug, please report it")
    assert line.endswith("ValueError: boom")
    assert result.out == ""


def test_a_bare_zinkoop_error_is_never_1(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise ZinkoopError("no subclass chosen")

    monkeypatch.setattr(due, "alerts", broken)
    result = run(*WARN)
    assert result.code == 70
    assert one_line(result.err) == "zinkoop: no subclass chosen"


def test_internal_error_message_stays_one_short_line(
        run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise KeyError("a\nb" + "x" * 500)

    monkeypatch.setattr(catalog.Catalog, "load", broken)
    result = run(*DEADLINES)
    assert result.code == 70
    assert len(one_line(result.err)) < 400


def test_an_error_that_cannot_say_itself_is_still_one_line(
        run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    class MuteError(Exception):
        def __str__(self) -> str:
            raise RuntimeError("no words")

    def broken(*args: object, **kwargs: object) -> object:
        raise MuteError

    monkeypatch.setattr(due, "alerts", broken)
    result = run(*WARN)
    assert result.code == 70
    assert one_line(result.err).endswith("MuteError")


def test_debug_raises_with_traceback(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise ValueError("boom")

    monkeypatch.setattr(catalog.Catalog, "load", broken)
    monkeypatch.setenv("ZINKOOP_DEBUG", "1")
    with pytest.raises(ValueError, match="boom"):
        run(*DEADLINES)


def test_debug_leaves_user_errors_one_line(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZINKOOP_DEBUG", "1")  # it is about bugs, not what the user gave
    result = run("deadlines", "msz", "1999")
    assert result.code == 2
    one_line(result.err)


@pytest.mark.parametrize(("code", "name", "path"), [
    (errno.ENOSPC, "No space left on device", "/data/x"),
    (errno.EACCES, "Permission denied", "/etc/zinkoop"),
    (errno.ENAMETOOLONG, "File name too long", "/a" * 200),
    (errno.ENOTDIR, "Not a directory", "/etc/passwd/zinkoop/calendars"),
])
def test_escaped_oserror_is_exit_4_naming_the_file(
        run: Runner, monkeypatch: pytest.MonkeyPatch, code: int, name: str, path: str) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise OSError(code, name, path)

    monkeypatch.setattr(catalog.Catalog, "load", broken)
    result = run(*DEADLINES)
    assert result.code == 4
    line = one_line(result.err)
    assert line.startswith(f"zinkoop: cannot use {path}: {name}")


def test_oserror_without_a_file_is_still_exit_4(
        run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(catalog.Catalog, "load", broken)
    result = run(*DEADLINES)
    assert result.code == 4
    assert "Input/output error" in one_line(result.err)


def test_deeply_nested_calendar_is_a_data_error(run: Runner, tmp_path: Path) -> None:
    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    result = run(*DEADLINES, "--calendars", str(deep))
    assert result.code == 3
    line = one_line(result.err)
    assert str(deep) in line
    assert "nested too deeply" in line


@pytest.mark.parametrize("error", [RecursionError("deep"), MemoryError()])
def test_recursion_or_memory_outside_input_is_a_bug(
        run: Runner, monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise error

    monkeypatch.setattr(due, "alerts", broken)
    result = run(*WARN)
    assert result.code == 70
    assert type(error).__name__ in one_line(result.err)


def test_unknown_user_in_a_path_is_exit_4(run: Runner) -> None:
    result = run(*WARN, "--ledger", "~zinkoop-no-such-user/ledger.db")
    assert result.code == 4
    line = one_line(result.err)
    assert "~zinkoop-no-such-user" in line
    assert "full path" in line


def test_unknown_user_in_the_export_path_is_exit_4(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the shell passes ~name on as it is when there is no such user
    result = run("export", "msz", "2027", "-o", "~zinkoop-no-such-user/x.ics")
    assert result.code == 4
    assert "no user 'zinkoop-no-such-user'? write the path in full" in one_line(result.err)
    assert list(tmp_path.iterdir()) == []


def test_export_name_too_long_is_exit_4(run: Runner, tmp_path: Path) -> None:
    result = run("export", "msz", "2027", "-o", str(tmp_path / ("a" * 300 + ".ics")))
    assert result.code == 4
    assert one_line(result.err).endswith("File name too long; use a shorter name")
    assert list(tmp_path.iterdir()) == []


def test_interrupt_is_one_line_exit_130(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    def stopped(*args: object, **kwargs: object) -> object:
        raise Interrupted(2, "SIGINT")

    monkeypatch.setattr(due, "alerts", stopped)
    result = run(*WARN)
    assert result.code == 130
    assert one_line(result.err) == "zinkoop: interrupted"


def test_usage_errors_keep_their_form(run: Runner) -> None:
    result = run("deadlines", "--no-such-option")
    assert result.code == 2
    assert one_line(result.err).endswith("(see 'zinkoop deadlines --help')")
    result = run()
    assert result.code == 2
    assert "Usage" in result.out


def test_success_is_still_exit_0(run: Runner) -> None:
    result = run(*DEADLINES)
    assert result.code == 0
    assert result.err == ""
    assert "msz" in result.out.lower()
