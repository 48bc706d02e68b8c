"""render.words: the parties in English, and every output that shows a party uses them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import TODAY, Runner
from zinkoop_cli.render.words import party_label


@pytest.mark.parametrize(("party", "english"), [
    ("zorgaanbieder", "care provider"),
    ("zorgverzekeraars", "insurers"),
    ("zorgaanbieder en zorgverzekeraar", "care provider and insurer"),
    ("zorgverzekeraar en RAV", "insurer and RAV"),
    ("VWS, ZN en AZN", "VWS, ZN and AZN"),
    ("NZa", "NZa"),
])
def test_parties_in_english(party: str, english: str) -> None:
    assert party_label(party, "en") == english
    assert party_label(party, "nl") == party


def test_no_party_is_empty() -> None:
    assert party_label(None, "en") == ""


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_deadlines_in_english_name_no_dutch_party(run: Runner, columns: int) -> None:
    result = run("deadlines", "msz", "2027", "--today", TODAY, "--lang", "en", columns=columns)
    assert result.code == 0, result.err
    assert "insurer" in result.out
    # Activities are quoted in Dutch and may name a party; a party on its own never is.
    parties = [line.split("·")[0].strip() for line in result.out.splitlines() if "§" in line]
    assert "zorgverzekeraar" not in " ".join(parties)


def test_warn_in_english(run: Runner) -> None:
    result = run("warn", "msz", "2027", "--today", TODAY, "--lang", "en", "--within", "20")
    assert result.code == 1
    assert result.out.rstrip().endswith("· insurer")
    assert "· zorgverzekeraar" not in result.out


def test_markdown_and_export_in_english(run: Runner, tmp_path: Path) -> None:
    markdown = run("deadlines", "msz", "2027", "--today", TODAY, "--lang", "en",
                   "--format", "markdown").out
    assert "| insurer |" in markdown
    assert "| zorgverzekeraar |" not in markdown
    out = tmp_path / "msz.ics"
    assert run("export", "msz", "2027", "--lang", "en", "-o", str(out)).code == 0
    text = out.read_bytes().decode("utf-8").replace("\r\n ", "")
    assert "Who: insurer" in text
    assert "CATEGORIES:msz,insurer" in text
