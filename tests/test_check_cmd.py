"""`zinkoop check`: files and folders given, what cannot be read, and what was skipped."""

from __future__ import annotations

import io
import os
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

import zinkoop_cli.cli.check_cmd  # noqa: F401 (imported before a child drops privileges)
from tests.conftest import Runner
from tests.test_catalog import BROKEN, as_nobody, one_line, shared_folder, zinkoop
from zinkoop_cli.cli.app import main

SHIPPED = Path(__file__).parents[1] / "src" / "zinkoop_cli" / "calendars"


def test_a_fifo_given_to_check_is_one_line_exit_4(tmp_path: Path) -> None:
    fifo = tmp_path / "pijp.toml"
    os.mkfifo(fifo)
    result = zinkoop("check", str(fifo))
    one_line(result.stderr, 4, result.returncode)
    assert result.stderr == (f"zinkoop: {fifo}: not a regular file; a calendar is a .toml "
                             "file\n")


def test_a_folder_given_to_check_is_walked_safely(tmp_path: Path) -> None:
    folder = tmp_path / "beleid"
    shutil.copytree(SHIPPED / "zorg-en-zekerheid", folder / "zorg-en-zekerheid")
    (folder / "root").symlink_to("/")
    result = zinkoop("check", str(folder))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "3 calendars OK\n"
    assert result.stderr == (f"zinkoop: note: {folder}/root: a link to the folder /, outside "
                             "the calendars folder; not followed (link the .toml files "
                             "themselves instead)\n")
    os.mkfifo(folder / "pijp.toml")
    result = zinkoop("check", str(folder))
    one_line(result.stderr.split("\n", 1)[1], 4, result.returncode)  # after the note
    assert f"{folder}/pijp.toml: not a regular file" in result.stderr


def test_check_lists_every_problem_with_the_highest_code(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(BROKEN, encoding="utf-8")
    os.mkfifo(tmp_path / "b.toml")
    result = run("check", str(tmp_path))
    assert result.code == 4
    lines = result.err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"zinkoop: {tmp_path}/a.toml:1:")
    assert lines[1].startswith(f"zinkoop: {tmp_path}/b.toml: not a regular file")


def test_check_notes_a_missing_zinkoop_calendars_folder(run: Runner, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZINKOOP_CALENDARS", str(tmp_path / "nergens"))
    result = run("check")
    assert result.code == 0
    assert result.out.startswith("5 calendars OK")
    assert result.err == (f"zinkoop: note: ZINKOOP_CALENDARS {tmp_path}/nergens: no such "
                          "folder; skipped\n")


def test_check_of_a_name_too_long_is_exit_4(run: Runner) -> None:
    result = run("check", "x" * 300 + ".toml")
    one_line(result.err, 4, result.code)
    assert "File name too long" in result.err


def test_check_of_an_unreadable_file_is_one_line_exit_4(tmp_path: Path) -> None:
    folder = shared_folder(tmp_path)
    secret = folder / "geheim.toml"
    shutil.copy(SHIPPED / "zorg-en-zekerheid" / "algemeen-2027.toml", secret)
    secret.chmod(0)

    def attempt() -> tuple[int, str, str]:
        os.environ["XDG_CONFIG_HOME"] = str(folder / "config")  # nobody cannot reach pytest's
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            try:
                main(["check", str(secret)])
            except SystemExit as done:
                return int(done.code or 0), out.getvalue(), err.getvalue()
        return 0, out.getvalue(), err.getvalue()  # pragma: no cover - main always exits

    try:
        code, out, err = as_nobody(attempt)
    finally:
        secret.unlink()
        folder.rmdir()
    assert (code, out) == (4, ""), err
    assert err == f"zinkoop: {secret}: cannot read (Permission denied)\n"


UNVERIFIED = """\
[calendar]
publisher = "Voorbeeld"
care_type = "ggz"
year = 2028
title = "GGZ 2028"
version = "in te vullen"
published = "1 april 2027"
source = "Voorbeeld, GGZ 2028"

[[entry]]
id = "offerte"
verify = true
activity = "Offerte indienen"
date = "1 oktober 2027"

[[entry]]
id = "tekenen"
verify = false
activity = "Tekenen"
date = "11 november 2027"
"""


def test_unverified_entries_are_a_warning_and_with_strict_a_problem(run: Runner,
                                                                   tmp_path: Path) -> None:
    path = tmp_path / "ggz-2028.toml"
    path.write_text(UNVERIFIED, encoding="utf-8")
    warned = run("check", str(path))
    assert (warned.code, warned.out) == (0, "1 calendar OK\n")
    assert warned.err == (f"zinkoop: warning: {path}: 1 entry not verified (verify = true): "
                          "'offerte'; compare each with the policy, correct it, then remove "
                          "the mark\n")
    strict = run("check", "--strict", "--calendars", str(tmp_path))
    assert (strict.code, strict.out) == (3, "")
    assert strict.err == warned.err.replace("warning: ", "")
    path.write_text(UNVERIFIED.replace("verify = true", "verify = false"), encoding="utf-8")
    verified = run("check", "--strict", str(path))
    assert (verified.code, verified.out, verified.err) == (0, "1 calendar OK\n", "")


def test_verify_takes_true_or_false(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "ggz-2028.toml"
    path.write_text(UNVERIFIED.replace("verify = true", 'verify = "ja"'), encoding="utf-8")
    result = run("check", str(path))
    assert (result.code, result.err) == (
        3, f"zinkoop: {path}: entry 'offerte': verify takes true or false\n")


def test_strict_counts_nothing_in_the_shipped_calendars(run: Runner) -> None:
    result = run("check", "--strict")
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith("5 calendars OK")


def test_a_misspelt_window_anchor_is_found_by_check(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "tw-2024.toml").write_text("""\
[calendar]
publisher = "T"
care_type = "tw"
year = 2024
title = "t"
version = "1"
published = "1 april 2023"
source = "s"

[events.aanmelding]
label = "aanmelding"

[[entry]]
id = "start"
activity = "Start"
window_of = "aanmeldng"
windows = [{ from = "1 augustus 2023", through = "1 maart 2024", date = "1 april 2024" }]
""", encoding="utf-8")
    result = run("check", str(tmp_path / "tw-2024.toml"))
    assert result.code == 3
    assert "did you mean 'aanmelding'?" in result.err
