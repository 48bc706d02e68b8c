"""Finding calendar files: links, depth, FIFOs, sizes and unusable folders never hang or trace."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Runner
from zinkoop_cli.errors import CalendarError, FileAccessError
from zinkoop_cli.loading.catalog import (
    MAX_BYTES,
    MAX_DEPTH,
    CalendarFile,
    Catalog,
    Folder,
    Walker,
    load_file,
)

BROKEN = "dit is geen [toml\n"
# A bound for anything that could hang: a regression fails instead of stalling the suite.
TIMEOUT = 30


def zinkoop(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``zinkoop ARGS`` in a child process, failed (not hung) after TIMEOUT seconds."""
    try:
        return subprocess.run([sys.executable, "-m", "zinkoop_cli", *args], text=True,
                              capture_output=True, timeout=TIMEOUT,
                              env={**os.environ, **(env or {})}, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"zinkoop {' '.join(args)} still ran after {TIMEOUT} seconds")


def one_line(err: str, code: int, returned: int) -> None:
    assert returned == code, err
    assert err.startswith("zinkoop: "), err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err


def as_nobody(work: Callable[[], Any]) -> Any:
    """``work()`` run by a user without root's right to read everything.

    As root: in a forked child that drops to nobody (everything is imported already, as
    nobody cannot import from root's Python); its answer comes back pickled through a pipe.
    """
    if os.geteuid() != 0:
        return work()
    resources.files("zinkoop_cli")  # loads importlib's readers, which nobody could not load
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child, measured by its answer
        os.close(read_end)
        try:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            answer: tuple[str, Any] = ("done", work())
        except PermissionError as exc:
            answer = ("skip", f"cannot drop to user nobody: {exc}")
        except BaseException as exc:
            answer = ("error", repr(exc))
        with os.fdopen(write_end, "wb") as pipe:
            pickle.dump(answer, pipe)
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    kind, value = pickle.loads(data)
    if kind == "skip":
        pytest.skip(value)
    assert kind == "done", value
    return value


def shared_folder(tmp_path: Path) -> Path:
    """A folder nobody can reach (pytest's own tmp folders are root's alone)."""
    folder = Path(os.environ.get("TMPDIR", "/tmp")) / f"zinkoop-{os.getpid()}-{tmp_path.name}"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    return folder


def walk(folder: Path, label: str = "--calendars") -> tuple[list[str], list[str]]:
    walker = Walker()
    found = walker.top(Folder(folder, label), {})
    return [Path(item.origin).relative_to(folder).as_posix() for item in found], walker.notes


# -- links, loops, depth ----------------------------------------------------------------------


def test_a_link_to_the_root_folder_is_not_followed(tmp_path: Path) -> None:
    folder = tmp_path / "cal"
    folder.mkdir()
    (folder / "root").symlink_to("/")
    result = zinkoop("list", "--calendars", str(folder))
    assert (result.returncode, result.stderr) == (0, "")
    files, notes = walk(folder)
    assert files == []
    assert notes == [f"{folder}/root: a link to the folder /, outside the calendars folder; not "
                     "followed (link the .toml files themselves instead)"]


def test_links_inside_the_folder_are_followed_once_and_loops_end(tmp_path: Path) -> None:
    folder = tmp_path / "cal"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.toml").write_text(BROKEN, encoding="utf-8")
    (folder / "zz-alias").symlink_to("sub")
    (folder / "loop").symlink_to(".")
    (folder / "sub" / "up").symlink_to("..")
    files, notes = walk(folder)
    assert (files, notes) == (["sub/a.toml"], [])


def test_a_link_to_a_calendar_file_elsewhere_is_read(run: Runner, tmp_path: Path) -> None:
    elsewhere = tmp_path / "beleid" / "fout.toml"
    elsewhere.parent.mkdir()
    elsewhere.write_text(BROKEN, encoding="utf-8")
    folder = tmp_path / "cal"
    folder.mkdir()
    (folder / "fout.toml").symlink_to(elsewhere)
    (folder / "beleid").symlink_to(elsewhere.parent)  # a folder outside: not followed
    result = run("list", "--calendars", str(folder))
    assert result.code == 3
    assert result.err.startswith(f"zinkoop: {folder}/fout.toml:1:5: TOML syntax error")


def test_folders_deeper_than_the_limit_are_noted_not_read(run: Runner, tmp_path: Path) -> None:
    folder = tmp_path / "cal"
    deepest = folder.joinpath(*(f"d{level}" for level in range(1, MAX_DEPTH + 2)))
    deepest.mkdir(parents=True)
    (deepest / "fout.toml").write_text(BROKEN, encoding="utf-8")
    assert run("list", "--calendars", str(folder)).code == 0
    files, notes = walk(folder)
    assert files == []
    assert notes == [f"{deepest}: deeper than {MAX_DEPTH} folders; not read"]
    (deepest.parent / "fout.toml").write_text(BROKEN, encoding="utf-8")  # at the limit: read
    assert run("list", "--calendars", str(folder)).code == 3


def test_proc_self_as_calendars_folder_ends() -> None:
    result = zinkoop("list", env={"ZINKOOP_CALENDARS": "/proc/self"})
    # Root reads all of it; another user may meet a folder it cannot read: one line, exit 4.
    if result.returncode == 4:
        one_line(result.stderr, 4, result.returncode)
    else:
        assert (result.returncode, result.stderr) == (0, "")


# -- what is read ------------------------------------------------------------------------------


def test_a_fifo_in_a_calendars_folder_is_one_line_exit_4(tmp_path: Path) -> None:
    folder = tmp_path / "cal"
    folder.mkdir()
    os.mkfifo(folder / "pijp.toml")
    result = zinkoop("list", "--calendars", str(folder))
    one_line(result.stderr, 4, result.returncode)
    assert f"{folder}/pijp.toml: not a regular file" in result.stderr


def test_a_fifo_is_never_opened_for_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "pijp.toml"
    os.mkfifo(fifo)
    calendar, problems = load_file(CalendarFile(fifo, "pijp.toml"))
    assert calendar is None
    assert [(type(p), p.message) for p in problems] == [
        (FileAccessError, "pijp.toml: not a regular file; a calendar is a .toml file")]


def test_a_file_larger_than_the_limit_is_exit_3(run: Runner, tmp_path: Path) -> None:
    big = tmp_path / "cal" / "groot.toml"
    big.parent.mkdir()
    with big.open("wb") as stream:
        stream.truncate(MAX_BYTES + 1)
    result = run("list", "--calendars", str(big.parent))
    one_line(result.err, 3, result.code)
    assert f"{big}: larger than 8 MiB" in result.err
    _, problems = load_file(CalendarFile(big, str(big)))
    assert [type(p) for p in problems] == [CalendarError]


# -- folders that cannot be used -----------------------------------------------------------------


@pytest.mark.parametrize("command", [("list",), ("check",), ("deadlines", "msz", "2027")])
def test_a_file_as_config_home_is_exit_4_naming_the_variable(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        command: tuple[str, ...]) -> None:
    passwd = tmp_path / "passwd"
    passwd.write_text("root:x:0:0\n", encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(passwd))
    result = run(*command)
    one_line(result.err, 4, result.code)
    assert result.err.startswith(f"zinkoop: XDG_CONFIG_HOME={passwd}: {passwd}/zinkoop/calendars:")
    assert "Not a directory" in result.err


@pytest.mark.parametrize(("value", "says"), [
    ("FILE", "not a folder"),
    ("x" * 300, "File name too long"),
    ("~nosuchzinkoopuser/cal", "there is no user 'nosuchzinkoopuser'"),
])
def test_unusable_zinkoop_calendars_is_exit_4(run: Runner, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch,
                                              value: str, says: str) -> None:
    if value == "FILE":
        value = str(tmp_path / "agenda.toml")
        Path(value).write_text(BROKEN, encoding="utf-8")
    monkeypatch.setenv("ZINKOOP_CALENDARS", value)
    result = run("list")
    one_line(result.err, 4, result.code)
    assert result.err.startswith(f"zinkoop: ZINKOOP_CALENDARS {value}")
    assert says in result.err


@pytest.mark.parametrize(("value", "says"), [
    ("x" * 300, "File name too long"),
    ("~nosuchzinkoopuser/cal", "there is no user 'nosuchzinkoopuser'"),
])
def test_unusable_calendars_option_is_exit_4(run: Runner, value: str, says: str) -> None:
    result = run("list", "--calendars", value)
    one_line(result.err, 4, result.code)
    assert says in result.err


def test_a_missing_zinkoop_calendars_folder_is_skipped(run: Runner, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZINKOOP_CALENDARS", str(tmp_path / "nergens"))
    result = run("list")
    assert (result.code, result.err) == (0, "")
    assert Catalog.load().notes == [f"ZINKOOP_CALENDARS {tmp_path}/nergens: no such folder; "
                                    "skipped"]


def test_an_unreadable_subfolder_is_exit_4(tmp_path: Path) -> None:
    folder = shared_folder(tmp_path)
    (folder / "sub").mkdir()
    (folder / "sub").chmod(0)

    def attempt() -> tuple[int, str]:
        try:
            Walker().top(Folder(folder, "--calendars"), {})
        except FileAccessError as exc:
            return exc.exit_code, exc.message
        return 0, ""

    try:
        code, message = as_nobody(attempt)
    finally:
        (folder / "sub").chmod(0o755)
        (folder / "sub").rmdir()
        folder.rmdir()
    assert code == 4
    assert message.startswith(f"{folder}/sub: cannot read this folder (Permission denied), "
                              f"found under --calendars {folder}")


def test_an_unreadable_config_folder_is_exit_4(tmp_path: Path) -> None:
    config = shared_folder(tmp_path)
    (config / "zinkoop").mkdir(mode=0)
    (config / "zinkoop").chmod(0)

    def attempt() -> tuple[int, str]:
        try:
            Walker().top(Folder(config / "zinkoop" / "calendars", "config"),
                         {"XDG_CONFIG_HOME": str(config)})
        except FileAccessError as exc:
            return exc.exit_code, exc.message
        return 0, ""

    try:
        code, message = as_nobody(attempt)
    finally:
        (config / "zinkoop").rmdir()
        config.rmdir()
    assert code == 4
    assert message.startswith(f"XDG_CONFIG_HOME={config}: ")
    assert "Permission denied" in message
    assert "point XDG_CONFIG_HOME at a folder you can read" in message
