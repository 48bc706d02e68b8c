"""Reading a policy: text lines with their numbers, PDF text and tables, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from zinkoop_cli.errors import DataError, FileAccessError
from zinkoop_cli.loading.policy import read_policy

fpdf = pytest.importorskip("fpdf", reason="fpdf2 builds the test PDFs (pip install fpdf2)")

ROWS = (("Uiterste datum", "Inkoopactiviteit"),
        ("1 april 2026", "Publicatie zorginkoopbeleid op de website"),
        ("1 oktober 2026", "Uiterste datum indienen offerte"),
        ("Doorlopend", "Aanvullingen op het zorginkoopbeleid"))


def planning_pdf(path: Path, *, password: str | None = None) -> Path:
    """A two-page policy whose second page has a bordered planning table."""
    pdf = fpdf.FPDF()
    pdf.set_font("helvetica", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, "GGZ zorginkoopbeleid 2027", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, "Versie 1.0", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, "De zorgovereenkomst moet binnen zes weken na de dag van ontvangst "
                   "worden ondertekend.", new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.multi_cell(0, 6, "5.2 Planning", new_x="LMARGIN", new_y="NEXT")
    with pdf.table() as table:
        for when, what in ROWS:
            row = table.row()
            row.cell(when)
            row.cell(what)
    if password is not None:
        pdf.set_encryption(owner_password="eigenaar", user_password=password)
    pdf.output(str(path))
    return path


def test_a_text_file_has_numbered_lines(tmp_path: Path) -> None:
    path = tmp_path / "beleid.txt"
    path.write_text("Titel\n\n1 april 2026\tPublicatie\n", encoding="utf-8")
    policy = read_policy(path)
    assert policy.kind == "text"
    assert [(line.where, line.text) for line in policy.lines][2] == ("line 3",
                                                                     "1 april 2026\tPublicatie")


def test_a_utf16_text_file_is_text(tmp_path: Path) -> None:
    path = tmp_path / "beleid.txt"
    path.write_bytes("Publicatie\t1 april 2026\n".encode("utf-16"))
    assert read_policy(path).lines[0].text == "Publicatie\t1 april 2026"


def test_a_pdf_table_comes_out_as_rows_with_their_page(tmp_path: Path) -> None:
    policy = read_policy(planning_pdf(tmp_path / "beleid.pdf"))
    rows = [line for line in policy.lines if line.cells]
    assert [line.cells for line in rows] == list(ROWS)
    assert {line.where for line in rows} == {"page 2"}
    text = " ".join(line.text for line in policy.lines if not line.cells)
    assert "binnen zes weken na de dag van ontvangst" in text


def test_an_encrypted_pdf_is_a_data_error(tmp_path: Path) -> None:
    path = planning_pdf(tmp_path / "geheim.pdf", password="geheim")
    with pytest.raises(DataError, match="encrypted"):
        read_policy(path)


def test_a_scan_without_text_is_a_data_error(tmp_path: Path) -> None:
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 50, style="F")  # what a scan is to a text extractor: no characters
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(DataError, match="no text layer"):
        read_policy(path)


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty"), (b"  \n\n", "empty"),
    (b"PK\x03\x04\x00\x00binary\x00zip", "not a PDF or a text file"),
    (b"%PDF-1.7\n garbage", "not a readable PDF"),
])
def test_bad_input_is_one_data_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "beleid"
    path.write_bytes(content)
    with pytest.raises(DataError, match=message):
        read_policy(path)


def test_a_missing_file_is_an_io_error(tmp_path: Path) -> None:
    with pytest.raises(FileAccessError, match="no such file"):
        read_policy(tmp_path / "weg.pdf")
