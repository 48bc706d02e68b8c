"""`zinkoop draft`: the file written, the summary, --force, and one line for bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SEEDS, Runner

SEED_FILES = sorted(SEEDS.glob("0*.txt")) if SEEDS.is_dir() else []
POLICY = ("GGZ zorginkoopbeleid 2027\n\nVersie 1.0\n\n1 april 2026\n\n5.1 Planning\n\n"
          "1 april 2026\tPublicatie zorginkoopbeleid\n"
          "1 oktober 2026\tUiterste datum indienen offerte\n\n"
          "U ontvangt uiterlijk eind september een voorstel.\n")


@pytest.fixture
def policy(tmp_path: Path) -> Path:
    path = tmp_path / "beleid.txt"
    path.write_text(POLICY, encoding="utf-8")
    return path


def test_draft_writes_a_calendar_that_check_accepts(run: Runner, policy: Path,
                                                    tmp_path: Path) -> None:
    out = tmp_path / "ggz-2027.toml"
    result = run("draft", str(policy), "--publisher", "Voorbeeld", "-o", str(out))
    assert result.code == 0, result.err
    assert result.err.splitlines()[0] == (f"zinkoop: drafted 4 entries (0 relative rules) to "
                                          f"{out}; 0 dated phrases not read")
    # The policy is dated 1 april 2026: its 'eind september' is read as September 2026, and
    # the summary says so.
    assert ("  read against the document, line 12: 'uiterlijk eind september' as eind september "
            "2026") in result.err.splitlines()
    checked = run("check", str(out))
    assert (checked.code, checked.out) == (0, "1 calendar OK\n")


def test_without_output_the_calendar_goes_to_stdout(run: Runner, policy: Path) -> None:
    result = run("draft", str(policy), "--year", "2027")
    assert result.code == 0
    assert 'date = "1 oktober 2026"' in result.out


def test_an_existing_file_is_kept_without_force(run: Runner, policy: Path,
                                                tmp_path: Path) -> None:
    out = tmp_path / "ggz.toml"
    out.write_text("mine\n", encoding="utf-8")
    refused = run("draft", str(policy), "-o", str(out))
    assert refused.code == 2
    assert refused.err == f"zinkoop: {out}: already exists; use --force to overwrite it\n"
    assert out.read_text(encoding="utf-8") == "mine\n"
    forced = run("draft", str(policy), "-o", str(out), "--force")
    assert forced.code == 0
    assert out.read_text(encoding="utf-8").startswith("# A first calendar")


@pytest.mark.parametrize(("content", "code"), [(b"", 3), (b"\x00\x01binary\x00", 3),
                                               (b"%PDF-1.4 broken", 3)])
def test_bad_input_is_one_line_and_its_exit_code(run: Runner, tmp_path: Path, content: bytes,
                                                 code: int) -> None:
    path = tmp_path / "beleid.bin"
    path.write_bytes(content)
    result = run("draft", str(path))
    assert result.code == code
    assert result.err.startswith(f"zinkoop: {path}: ")
    assert result.err.count("\n") == 1
    assert result.out == ""


def test_a_missing_policy_is_exit_4(run: Runner, tmp_path: Path) -> None:
    result = run("draft", str(tmp_path / "weg.pdf"))
    assert (result.code, result.err.count("\n")) == (4, 1)


@pytest.mark.skipif(not SEED_FILES, reason=f"no source documents in {SEEDS}")
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name)
def test_each_seed_drafts_and_checks(run: Runner, seed: Path, tmp_path: Path) -> None:
    out = tmp_path / f"{seed.stem}.toml"
    result = run("draft", str(seed), "--publisher", "Uitgever", "--year", "2027", "-o", str(out))
    assert result.code == 0, result.err
    checked = run("check", str(out))
    assert (checked.code, checked.err) == (0, "")


def test_a_pdf_planning_table_comes_out_as_entries(run: Runner, tmp_path: Path) -> None:
    from tests.test_policy import planning_pdf

    out = tmp_path / "ggz-2027.toml"
    result = run("draft", str(planning_pdf(tmp_path / "beleid.pdf")), "-o", str(out))
    assert result.code == 0, result.err
    assert result.err.startswith("zinkoop: drafted 4 entries (1 relative rule)")
    text = out.read_text(encoding="utf-8")
    for line in ('activity = "Publicatie zorginkoopbeleid op de website"',
                 'date = "1 oktober 2026"', "continuous = true", 'note = "VERIFY (page 2)"',
                 'section = "5.2"', 'after = "ontvangst"', "weeks = 6"):
        assert line in text
    assert run("check", str(out)).code == 0


def test_an_encrypted_pdf_is_one_line_exit_3(run: Runner, tmp_path: Path) -> None:
    from tests.test_policy import planning_pdf

    path = planning_pdf(tmp_path / "geheim.pdf", password="geheim")
    result = run("draft", str(path))
    assert (result.code, result.err.count("\n")) == (3, 1)
    assert "encrypted" in result.err
