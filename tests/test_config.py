"""The user's config file (loading.config): where it is, its [warn] table, its errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from zinkoop_cli.core.due import WarnDays
from zinkoop_cli.errors import DataError, FileAccessError
from zinkoop_cli.loading.config import config_path, load_warn_days, parse_warn_days


def test_where_the_config_file_is() -> None:
    assert config_path({"XDG_CONFIG_HOME": "/etc/xdg", "HOME": "/home/a"}) == Path(
        "/etc/xdg/zinkoop/config.toml")
    # Empty is unset, as for the calendars folder beside it.
    assert config_path({"XDG_CONFIG_HOME": "", "HOME": "/home/a"}) == Path(
        "/home/a/.config/zinkoop/config.toml")
    assert config_path({"HOME": "/home/a"}) == Path("/home/a/.config/zinkoop/config.toml")
    assert config_path({}) is None


def test_no_file_and_no_warn_table_are_the_defaults(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path)}
    assert load_warn_days(env) == WarnDays()
    assert load_warn_days({}) == WarnDays()
    assert parse_warn_days("", "c.toml") == WarnDays()
    assert parse_warn_days("[warn]\n", "c.toml") == WarnDays()


def test_days_per_care_type_and_per_entry(tmp_path: Path) -> None:
    folder = tmp_path / "zinkoop"
    folder.mkdir()
    (folder / "config.toml").write_text("""\ufeff# mine
[warn]
days = [1, 14, 7, 7]

[warn.care_types]
MSZ = 21

[warn.entries]
"ondertekening-zorgovereenkomst" = [21, 7]
""", encoding="utf-8")
    found = load_warn_days({"XDG_CONFIG_HOME": str(tmp_path)})
    assert found.days == (14, 7, 1)
    assert dict(found.care_types) == {"msz": (21,)}
    assert dict(found.entries) == {"ondertekening-zorgovereenkomst": (21, 7)}


@pytest.mark.parametrize(("text", "message"), [
    ("[warn]\ndays = [14, -1]\n", "c.toml: warn.days: -1 is not a number of days from 0 to 400"),
    ("[warn]\ndays = 401\n", "warn.days: 401 is not a number of days"),
    ("[warn]\ndays = true\n", "warn.days: True is not a number of days"),
    ("[warn]\ndays = [\"7\"]\n", "warn.days: '7' is not a number of days"),
    ("[warn.entries]\nx = [1.5]\n", "warn.entries.x: 1.5 is not a number of days"),
    ("[warn.care_types]\nmsz = [[7]]\n", "warn.care_types.msz: [7] is not a number"),
    ("[warn]\ndayz = [7]\n", "c.toml: unknown key 'warn.dayz'; the config file knows warn.days"),
    ("[waarschuw]\n", "c.toml: unknown key 'waarschuw'"),
    ("warn = 7\n", "c.toml: warn: write it as a table"),
    ("[warn]\nentries = 7\n", "c.toml: warn.entries: write it as a table"),
    ("[warn\n", "c.toml:1:6: TOML syntax error"),
])
def test_a_broken_config_file_is_one_data_error(text: str, message: str) -> None:
    with pytest.raises(DataError) as caught:
        parse_warn_days(text, "c.toml")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_what_is_not_a_readable_file_is_an_io_error(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path)}
    path = tmp_path / "zinkoop" / "config.toml"
    path.mkdir(parents=True)
    with pytest.raises(FileAccessError, match=f"{path}: not a regular file"):
        load_warn_days(env)
    path.rmdir()
    os.mkfifo(path)  # no writer: must not wait for one
    with pytest.raises(FileAccessError, match="not a regular file"):
        load_warn_days(env)
    path.unlink()
    (tmp_path / "zinkoop").rmdir()
    (tmp_path / "zinkoop").write_text("a file where the folder goes", encoding="utf-8")
    with pytest.raises(FileAccessError, match="cannot read the config file"):
        load_warn_days(env)


def test_not_utf8_is_a_data_error(tmp_path: Path) -> None:
    (tmp_path / "zinkoop").mkdir()
    (tmp_path / "zinkoop" / "config.toml").write_bytes(b"[warn]\ndays = [7] # \xff\n")
    with pytest.raises(DataError, match="not UTF-8"):
        load_warn_days({"XDG_CONFIG_HOME": str(tmp_path)})
