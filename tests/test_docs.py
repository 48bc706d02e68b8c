"""Every command has help and a section in docs/usage.md; the format doc exists."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from tests.conftest import Runner
from zinkoop_cli.cli.app import _register, app

DOCS = Path(__file__).parents[1] / "docs"


def commands() -> list[str]:
    _register()
    group = typer.main.get_command(app)
    return sorted(getattr(group, "commands", {}))


def test_the_commands_are_known() -> None:
    assert {"list", "check", "deadlines"} <= set(commands())


@pytest.mark.parametrize("command", commands())
def test_command_has_help_with_examples(run: Runner, command: str) -> None:
    result = run(command, "--help")
    assert result.code == 0
    assert "Examples:" in result.out
    assert f"zinkoop {command}" in result.out


@pytest.mark.parametrize("command", commands())
def test_command_has_a_section_in_usage(command: str) -> None:
    usage = (DOCS / "usage.md").read_text(encoding="utf-8")
    assert f"## zinkoop {command}" in usage


def test_calendar_format_documents_every_kind_of_when() -> None:
    from zinkoop_cli.loading.parse import WHEN_KEYS

    text = (DOCS / "calendar-format.md").read_text(encoding="utf-8")
    for key in WHEN_KEYS:
        assert f"{key} =" in text, key


def test_cron_doc_covers_the_environment_and_uses_real_options(run: Runner) -> None:
    text = (DOCS / "cron.md").read_text(encoding="utf-8")
    for needed in ("PATH=", "CRON_TZ=Europe/Amsterdam", "LANG=C.UTF-8", "MAILTO=",
                   "ZINKOOP_SMTP_PASSWORD", "zinkoop export --all -o /var/www/zinkoop/"):
        assert needed in text, needed
    assert "(cron.md)" in (DOCS / "usage.md").read_text(encoding="utf-8")
    assert "docs/cron.md" in (DOCS.parent / "README.md").read_text(encoding="utf-8")
    help_text = run("warn", "--help").out
    commands = [line.split("zinkoop warn", 1)[1] for line in text.splitlines()
                if "zinkoop warn " in line and not line.startswith(("`", "("))]
    assert len(commands) >= 5
    for command in commands:
        for word in command.split():
            if word.startswith("--"):
                assert f"{word} " in help_text, (word, command)
