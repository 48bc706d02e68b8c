"""Shell completion (Typer's --install-completion): what a Tab offers, and never an error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Result, Runner


@pytest.fixture
def tab() -> Runner:
    """Complete the line WORDS (the last word is the one being typed), as bash's script does:
    in a process of its own, since the completers are attached only when it asks."""

    def complete(words: str) -> Result:
        env = {**os.environ, "_ZINKOOP_COMPLETE": "complete_bash", "COMP_WORDS": words,
               "COMP_CWORD": str(len(words.split(" ")) - 1)}
        done = subprocess.run([sys.executable, "-m", "zinkoop_cli"], env=env, text=True,
                              capture_output=True, timeout=60, check=False)
        return Result(done.returncode, done.stdout, done.stderr)

    return complete


def offered(tab: Runner, words: str) -> list[str]:
    result = tab(words)
    assert (result.code, result.err) == (0, "")
    return result.out.split()


def test_the_root_offers_install_completion(run: Runner) -> None:
    assert "--install-completion" in run("--help").out


def test_commands_and_care_types_and_years(tab: Runner) -> None:
    assert offered(tab, "zinkoop de") == ["deadlines"]
    assert {"msz", "ambulancezorg", "ambulance"} <= set(offered(tab, "zinkoop deadlines "))
    assert offered(tab, "zinkoop deadlines ambulance") == ["ambulance", "ambulancezorg"]
    assert offered(tab, "zinkoop deadlines msz ") == ["2027"]
    assert offered(tab, "zinkoop track list ambulancezorg 202") == ["2024", "2027"]


def test_export_warn_and_calendar_complete_their_care_types_and_years(tab: Runner) -> None:
    assert offered(tab, "zinkoop export ambulance") == ["ambulance", "ambulancezorg"]
    assert offered(tab, "zinkoop export ambulancezorg 202") == ["2024", "2027"]
    for command in ("warn", "calendar"):
        assert "msz" in offered(tab, f"zinkoop {command} ")
        assert offered(tab, f"zinkoop {command} msz ") == ["2027"]
        # the pairs go on: after a care type and its year comes another care type
        assert offered(tab, f"zinkoop {command} msz 2027 ambulance") == [
            "ambulance", "ambulancezorg"]
        assert offered(tab, f"zinkoop {command} msz 2027 ambulancezorg 202") == ["2024", "2027"]


def test_publishers_and_event_names_of_the_calendar_typed(tab: Runner) -> None:
    assert offered(tab, "zinkoop deadlines msz 2027 --insurer ") == ["zorg-en-zekerheid"]
    assert offered(tab, "zinkoop deadlines msz 2027 --on ") == [
        "aanvraag=", "contractering=", "offerte=", "ontvangst="]
    assert offered(tab, "zinkoop warn --today 2026-10-29 --on ontv") == ["ontvangst="]
    assert offered(tab, "zinkoop track add ambulance 2027 --provider X --on ") == [
        "aanbieding="]


def test_contracts_by_number_and_name_for_track_done(run: Runner, tab: Runner) -> None:
    assert offered(tab, "zinkoop track done ") == []  # no ledger yet: nothing, quietly
    run("track", "add", "msz", "2027", "--provider", "Kliniek Oost")
    run("track", "add", "msz", "2027", "--provider", "Zorggroep")
    assert offered(tab, "zinkoop track done ") == ["1", "2", "Kliniek\\", "Oost", "Zorggroep"]
    assert tab("zinkoop track remove Kl").out == "Kliniek\\ Oost\n"
    assert offered(tab, "zinkoop track reopen 2") == ["2"]


def test_a_broken_ledger_or_a_postgresql_one_completes_nothing(tab: Runner) -> None:
    assert offered(tab, "zinkoop track done --ledger /dev/null/x ") == []
    assert offered(tab, "zinkoop track done --ledger postgresql://nobody@127.0.0.1:1/x ") == []


def test_an_ordinary_run_attaches_no_completer() -> None:
    from zinkoop_cli.cli import options

    assert (options.COMPLETING, options.completer("years")) == (False, None)


def test_targets_alternate_care_types_and_their_years(monkeypatch: pytest.MonkeyPatch) -> None:
    import typer

    from zinkoop_cli.cli import completion

    ctx = typer.Context(typer.core.TyperCommand("warn"), info_name="warn")
    monkeypatch.setenv("COMP_WORDS", "zinkoop warn msz 2027 ambulance ")
    assert ("2024", "inkoopjaar 2024") in completion.targets(ctx, "")
    monkeypatch.setenv("COMP_WORDS", "zinkoop warn msz 2027 ")
    assert "msz" in [value for value, _ in completion.targets(ctx, "")]


def test_install_and_show_completion_are_typers_own(run: Runner, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import typer._completion_shared
    import typer.completion

    # The shell the test runs under is not the point: be bash wherever it runs.
    monkeypatch.setattr(typer.completion, "_get_shell_name", lambda: "bash")
    monkeypatch.setattr(typer._completion_shared, "_get_shell_name", lambda: "bash")
    monkeypatch.setenv("HOME", str(tmp_path))
    shown = run("--show-completion")
    assert shown.code == 0
    assert "_ZINKOOP_COMPLETE=complete_bash" in shown.out
    installed = run("--install-completion")
    assert installed.code == 0
    assert (tmp_path / ".bash_completions" / "zinkoop.sh").read_text(
        encoding="utf-8").strip() == shown.out.strip()
