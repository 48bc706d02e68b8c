"""How good is `zinkoop draft`? Drafts each source policy and compares it with its calendar.

For each document in ../shared/seeds (or --seeds DIR) it drafts a calendar and compares it
with the shipped calendar of that document:

- recall: the shipped entries that the draft has with the same *when* and a matching
  activity. Same *when*: a day (after 'vóór'), a stretch's first and last day (a month, a
  year and a period of the same days are the same), a start's first day, a rule's direction,
  amount and unit (not the event's name: naming it is the user's choice), the kind of an
  undated entry. Matching activity: at least 60% of the shipped activity's words (3 letters
  or more, lower case, accents dropped) occur in the drafted activity or its source sentence.
- wrong dates: drafted entries that read the same phrase as a shipped entry (one `written`
  contains the other), with a matching activity, that name none of the days the shipped
  entry names (its day, first and last day, start, clamps), and that match no shipped entry
  at all. A drafted entry without a day (a rule, a frequency) cannot be a wrong date. Goal: 0.
- not read: dated phrases the draft listed instead of guessing.

Each document is drafted twice: as the text copy, and as a PDF made from it with fpdf2 (its
tab rows as a ruled table), so that the PDF path is measured on real text too. Then it times a
40-page PDF made with fpdf2 (both skipped with a message when fpdf2 is missing).
Goals: recall >= 90% on every document, no wrong date, a 40-page policy in under 5 s.

    python benchmarks/draft_quality.py [--seeds DIR]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

from zinkoop_cli.app.draft import Options, draft, to_toml
from zinkoop_cli.core.model import (
    Calendar,
    Continuous,
    Day,
    Entry,
    Period,
    Recurring,
    Relative,
    Span,
    Start,
    Undetermined,
)
from zinkoop_cli.loading.catalog import CalendarFile, load_file
from zinkoop_cli.loading.parse import parse_calendar
from zinkoop_cli.loading.policy import read_policy

ROOT = Path(__file__).resolve().parent.parent
CALENDARS = ROOT / "calendars"
# The seeds README's table: which shipped calendar each source document is.
DOCUMENTS = {
    "000_41a936849e746e5c.txt": "zorg-en-zekerheid/ambulancezorg-2027.toml",
    "001_a7d9276c10165ce1.txt": "zilveren-kruis/ambulancezorg-2024.toml",
    "002_3ba7a5f8c5435087.txt": "zorg-en-zekerheid/msz-2027.toml",
    "003_d4db3d0c7b45317b.txt": "vws-zn-azn/ambulancezorg-2018.toml",
    "004_f573687cd5b83063.txt": "zorg-en-zekerheid/algemeen-2027.toml",
}
THRESHOLD = 0.6
RECALL_GOAL, SECONDS_GOAL, PAGES = 0.90, 5.0, 40
FAILED: list[str] = []


def signature(entry: Entry) -> tuple[object, ...]:
    when = entry.when
    if isinstance(when, Day):
        due = when.day if when.bound == "uiterlijk" else when.day.fromordinal(
            when.day.toordinal() - 1)
        return ("day", due, when.first)
    if isinstance(when, Span | Period):
        return ("stretch", when.start, when.end)
    if isinstance(when, Start):
        return ("start", when.start)
    if isinstance(when, Relative):
        if when.first_of_month:
            return ("first-of-month",)
        return ("rule", when.direction, when.amount, when.unit)
    if isinstance(when, Recurring):
        if when.rule is None:
            return ("frequency", " ".join((when.frequency or "").lower().split()))
        return ("rrule", when.rule, when.first)
    if isinstance(when, Continuous | Undetermined):
        return (type(when).__name__,)
    return ("other", repr(when))


def dates_of(entry: Entry) -> set[object]:
    """Every day an entry's *when* names: a drafted day that is one of them reads the source
    right, even where the shipped calendar models more (a period from it, a clamp)."""
    when = entry.when
    found: set[object] = set()
    for name in ("day", "first", "start", "end", "not_before", "not_after", "until"):
        value = getattr(when, name, None)
        if value is not None:
            found.add(value)
    if isinstance(when, Day) and when.bound == "voor":
        found.add(when.day.fromordinal(when.day.toordinal() - 1))
    return found


def words(text: str) -> set[str]:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return set(re.findall(r"[a-z]{3,}", plain))


def activity_matches(shipped: Entry, drafted: Entry) -> bool:
    want = words(shipped.activity)
    have = words(drafted.activity) | words(drafted.note or "")
    return bool(want) and len(want & have) / len(want) >= THRESHOLD


def same_phrase(shipped: Entry, drafted: Entry) -> bool:
    one, other = (" ".join((e.written or "").lower().split()) for e in (shipped, drafted))
    return bool(one and other) and (one in other or other in one)


def compare(shipped: Calendar, drafted: Calendar) -> tuple[int, int, list[str], list[str]]:
    """Recalled count, wrong count, the ids missed and the wrong drafted ids."""
    recalled, missed = 0, []
    for entry in shipped.entries:
        if any(signature(entry) == signature(d) and activity_matches(entry, d)
               for d in drafted.entries):
            recalled += 1
        else:
            missed.append(entry.id)
    wrong = []
    for candidate in drafted.entries:
        right = any(signature(s) == signature(candidate) and activity_matches(s, candidate)
                    for s in shipped.entries)
        if right:
            continue
        days = dates_of(candidate)
        if days and any(activity_matches(s, candidate) and same_phrase(s, candidate)
                        and not days & dates_of(s) for s in shipped.entries):
            wrong.append(f"{candidate.id} ({candidate.written})")
    return recalled, len(wrong), missed, wrong


def as_pdf(text: str, path: Path) -> bool:
    """The text copy as a PDF again: running text as lines, tab rows as a ruled table, so
    that the PDF path (pdfium and pdfplumber) is measured on real text too."""
    try:
        from fpdf import FPDF
    except ImportError:
        return False
    pdf = FPDF()
    pdf.set_font("helvetica", size=9)
    pdf.add_page()
    rows: list[list[str]] = []

    def table() -> None:
        if rows:
            with pdf.table(col_widths=(30, 70)) as drawn:
                for cells in rows:
                    row = drawn.row()
                    for cell in cells:
                        row.cell(cell)
            rows.clear()

    for line in text.split("\n"):
        plain = line.translate(str.maketrans("\u2018\u2019\u2013\u20ac", "''-E"))
        plain = plain.replace("**", "").encode("latin-1", "replace").decode("latin-1")
        cells = plain.split("\t")
        if len(cells) == 2 and not re.fullmatch(r"\d{1,3}", cells[1].strip()):
            rows.append(cells)
            continue
        table()
        if plain.strip():
            pdf.multi_cell(0, 5, plain, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(2)
    table()
    pdf.output(str(path))
    return True


def run_document(path: Path, calendar_path: Path) -> bool:
    shipped, problems = load_file(CalendarFile(calendar_path, str(calendar_path)))
    assert shipped is not None, problems
    ok = run_source(path, path.name, shipped, calendar_path)
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / f"{path.stem}.pdf"
        if as_pdf(path.read_text(encoding="utf-8"), pdf):
            ok = run_source(pdf, f"{path.name} as PDF", shipped, calendar_path) and ok
    return ok


def run_source(path: Path, name: str, shipped: Calendar, calendar_path: Path) -> bool:
    options = Options(shipped.publisher, shipped.care_type, shipped.year)
    start = time.perf_counter()
    result = draft(read_policy(path).lines, options, path.name)
    text = to_toml(result, path.name)
    seconds = time.perf_counter() - start
    drafted, broken = parse_calendar(text, f"draft of {path.name}")
    if drafted is None or broken:
        print(f"{name}: the draft does not load: {broken[0].message}")
        return False
    recalled, wrong, missed, wrong_ids = compare(shipped, drafted)
    total = len(shipped.entries)
    recall = recalled / total if total else 1.0
    print(f"{name} -> {calendar_path.relative_to(CALENDARS)}: recall {recalled}/{total} "
          f"= {recall:.0%}, wrong dates {wrong}, entries {result.entries} "
          f"({result.rules} relative), not read {len(result.unread)}, {seconds:.2f} s")
    for entry_id in missed:
        print(f"    missed: {entry_id}")
    for entry_id in wrong_ids:
        print(f"    WRONG: {entry_id}")
    if recall < RECALL_GOAL:
        FAILED.append(f"recall {recall:.0%} < {RECALL_GOAL:.0%} on {name}")
    if wrong:
        FAILED.append(f"{wrong} wrong dates on {name}")
    return recall >= RECALL_GOAL and wrong == 0


def synthetic_pdf(path: Path, pages: int) -> bool:
    try:
        from fpdf import FPDF
    except ImportError:
        print("40-page PDF: skipped, fpdf2 is not installed (pip install fpdf2)")
        return False
    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    sentence = ("Zorgaanbieders komen in aanmerking voor een zorgovereenkomst als zij voldoen "
                "aan de eisen. De zorgovereenkomst moet binnen zes weken na de dag van "
                "ontvangst worden ondertekend. ")
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.multi_cell(0, 5, f"{number} Hoofdstuk {number}", new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(0, 5, sentence * 12, new_x="LMARGIN", new_y="NEXT")
        if number % 5 == 0:
            with pdf.table() as table:
                for when, what in (("Uiterste datum", "Inkoopactiviteit"),
                                   ("1 april 2026", "Publicatie zorginkoopbeleid"),
                                   ("1 oktober 2026", "Uiterste datum indienen offerte")):
                    row = table.row()
                    row.cell(when)
                    row.cell(what)
    pdf.output(str(path))
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    args = parser.parse_args()
    ok = True
    for name, calendar in DOCUMENTS.items():
        path = args.seeds / name
        if not path.exists():
            print(f"{name}: not found in {args.seeds}; skipped")
            ok = False
            continue
        ok = run_document(path, CALENDARS / calendar) and ok
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "beleid-40.pdf"
        if synthetic_pdf(pdf, PAGES):
            start = time.perf_counter()
            result = draft(read_policy(pdf).lines, Options("Voorbeeld", "msz", 2027), pdf.name)
            seconds = time.perf_counter() - start
            print(f"{PAGES}-page PDF: {seconds:.2f} s (goal < {SECONDS_GOAL:.0f} s), "
                  f"{result.entries} entries")
            if seconds >= SECONDS_GOAL:
                FAILED.append(f"{PAGES}-page PDF took {seconds:.2f} s")
            ok = ok and seconds < SECONDS_GOAL
    print("goals met" if ok else "goals NOT met: " + "; ".join(FAILED or ["see above"]))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
