"""Control characters from files and ledgers reach the terminal and mail visibly."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import Runner
from zinkoop_cli.core.text import visible
from zinkoop_cli.render.mail import warning_mail


def test_escape_and_bell_become_symbols_of_one_width() -> None:
    assert visible("a\x1b[31mb\x07c") == "a\u241b[31mb\u2407c"
    assert visible("tab\there\nnext") == "tab here\nnext"
    assert visible("\x9b2J\u202egnp.exe") == "\ufffd2J\ufffdgnp.exe"


@given(st.text())
def test_nothing_but_newlines_is_a_control_character_afterwards(text: str) -> None:
    shown = visible(text)
    assert len(shown) == len(text)
    assert all(char == "\n" or (ord(char) >= 0x20 and not 0x7F <= ord(char) < 0xA0)
               for char in shown)


def test_mail_body_and_subject_carry_no_escape() -> None:
    message = warning_mail("Kliniek\x1b[2J", "regel \x07 met bel\n", "a@b.nl", ["c@d.nl"])
    assert "\x1b" not in str(message["Subject"])
    body = message.get_content()
    assert "\x07" not in body
    assert "\u2407" in body


CALENDAR = """\
[calendar]
publisher = "Test\\u001b[31m"
care_type = "testzorg"
year = 2027
title = "Test"
version = "1"
published = "1 april 2026"
source = "test"

[[entry]]
id = "a"
activity = "Offerte \\u001b[2J\\u0007 indienen"
date = "1 oktober 2026"
"""


def test_activity_with_escapes_shows_them_visibly_even_with_no_color(
        run: Runner, tmp_path: Path) -> None:
    (tmp_path / "testzorg-2027.toml").write_text(CALENDAR, encoding="utf-8")
    for args in (("deadlines", "testzorg", "2027"), ("warn", "testzorg", "2027", "--within",
                                                       "400"), ("list",),
                 ("deadlines", "testzorg", "2027", "--format", "csv"),
                 ("deadlines", "testzorg", "2027", "--format", "markdown")):
        result = run(*args, "--calendars", str(tmp_path), *(
            () if args[0] == "list" else ("--today", "2026-09-01")))
        assert result.code in (0, 1), result
        assert "\x1b" not in result.out, args
        assert "\x07" not in result.out, args
        assert "\u241b" in result.out, args
