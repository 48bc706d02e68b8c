"""Read a policy document: a PDF (with pdfplumber, which reads tables) or a text file, as lines
that know their page or line number."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

from zinkoop_cli.core.policy_text import Line
from zinkoop_cli.errors import DataError, FileAccessError


class Policy(NamedTuple):
    path: Path
    kind: str  # "pdf" or "text"
    lines: list[Line]
    pages: int = 0


def read_policy(path: Path) -> Policy:
    """The policy at ``path``; a file zinkoop cannot use is one clear error."""
    if path.is_dir():
        raise FileAccessError(f"{path}: is a folder; give a policy file (PDF or text)")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise FileAccessError(f"{path}: no such file; give a policy file (PDF or text)") \
            from None
    except OSError as error:
        raise FileAccessError(f"cannot read {path}: {error.strerror or error}") from None
    if not data.strip():
        raise DataError(f"{path}: the file is empty; give the policy as a PDF or text file")
    if data.startswith(b"%PDF-"):
        return _read_pdf(path)
    return Policy(path, "text", _text_lines(path, data))


def _text_lines(path: Path, data: bytes) -> list[Line]:
    text: str | None = None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Windows' "Unicode" text
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            text = None
    elif b"\x00" not in data:
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    controls = sum(1 for ch in (text or "")[:4096] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if text is None or controls > 8:
        raise DataError(f"{path}: is not a PDF or a text file; give the policy as a PDF or "
                        "as plain text (UTF-8)")
    return [Line(f"line {number}", line.rstrip("\r"))
            for number, line in enumerate(text.split("\n"), 1)]


def _read_pdf(path: Path) -> Policy:
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    except ImportError:  # a broken install: pdfplumber is a dependency
        raise DataError(f"{path}: reading a PDF needs pdfplumber (pip install pdfplumber); or "
                        "give a text copy of the policy") from None

    try:
        pdf = pdfplumber.open(path)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise DataError(f"{path}: the PDF is encrypted; save an unprotected copy (or a text "
                        "copy) and draft from that") from None
    except Exception as error:  # pdfminer raises many kinds for a damaged file
        if "password" in str(error).lower() or "encrypt" in str(error).lower():
            raise DataError(f"{path}: the PDF is encrypted; save an unprotected copy (or a "
                            "text copy) and draft from that") from None
        raise DataError(f"{path}: not a readable PDF ({type(error).__name__}); give a text "
                        "copy of the policy instead") from None
    lines: list[Line] = []
    try:
        with pdf:
            plain = _pages_without_drawings(path)
            for number, page in enumerate(pdf.pages, 1):
                if plain is not None and number in plain:
                    lines.extend(_plain_lines(plain[number], number))
                else:
                    lines.extend(_page_lines(page, number))
            pages = len(pdf.pages)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise DataError(f"{path}: the PDF is encrypted; save an unprotected copy (or a text "
                        "copy) and draft from that") from None
    except Exception as error:
        raise DataError(f"{path}: not a readable PDF ({type(error).__name__}); give a text "
                        "copy of the policy instead") from None
    if not any(line.text.strip() or line.cells for line in lines):
        raise DataError(f"{path}: the PDF has no text layer (a scan?); run it through OCR "
                        "(e.g. ocrmypdf) or give a text copy")
    return Policy(path, "pdf", lines, pages)


def _pages_without_drawings(path: Path) -> dict[int, str] | None:
    """Each page's text, for the pages that draw no lines (so hold no ruled table).

    pdfplumber analyses every character's layout, about 50 ms a page; pdfium (which
    pdfplumber installs) gives a page's text in about 2 ms. So pdfplumber reads only the
    pages that draw lines or boxes, where a table may be. None when pdfium cannot read it.
    """
    try:
        import pypdfium2 as pdfium  # type: ignore[import-untyped]
        from pypdfium2 import raw
    except ImportError:  # pragma: no cover - pdfplumber depends on it
        return None
    texts: dict[int, str] = {}
    try:
        document = pdfium.PdfDocument(str(path))
        try:
            for number, page in enumerate(document, 1):
                if next(iter(page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH])), None) is None:
                    texts[number] = page.get_textpage().get_text_bounded()
        finally:
            document.close()
    except Exception:  # pdfium's errors for a file pdfplumber opened: let pdfplumber read it
        return None
    return texts


def _plain_lines(text: str, number: int) -> list[Line]:
    where = f"page {number}"
    # pdfium marks a soft hyphen at a line's end with a control character; drop those.
    clean = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe]", "", text.replace("\r\n", "\n"))
    return [Line(where, line) for line in clean.split("\n")] + [Line(where, "")]


def _page_lines(page: Any, number: int) -> list[Line]:
    where = f"page {number}"
    # Finding tables is the slow part; a page without lines or boxes has none to find.
    tables = page.find_tables() if page.rects or page.lines or page.curves else []
    boxes = [table.bbox for table in tables]

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, top = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= top <= b[3] for b in boxes)

    items: list[tuple[float, Line]] = []
    text_page = page.filter(outside) if boxes else page
    for row in text_page.extract_text_lines(return_chars=False):
        items.append((row["top"], Line(where, row["text"])))
    for table in tables:
        for cells, top in zip(table.extract(), _row_tops(table), strict=False):
            texts = tuple(" ".join((cell or "").split()) for cell in cells)
            if any(texts):
                items.append((top, Line(where, "\t".join(texts), texts)))
    items.sort(key=lambda item: item[0])
    # A blank line after each page, so a sentence does not run into the next page's header.
    return [line for _, line in items] + [Line(where, "")]


def _row_tops(table: Any) -> list[float]:
    return [row.bbox[1] for row in table.rows]
