"""Two invariants of the shipped calendars against the text of their source documents.

(a) Every activity is quoted verbatim from its document, unless the entry says why not in a
    ``paraphrase`` field; those entries are listed here and reviewed by hand.
(b) Every sentence of a document that holds a date, a month, a quarter, a season, a year in a
    deadline phrase, or a relative term is covered by an entry, or listed in the calendar's
    ``[[not_modelled]]`` table with its text and a reason.

Text is compared after normalising case, quotes, whitespace, line breaks and hyphens (a text
copy of a PDF breaks and hyphenates lines where the PDF did), and the Markdown marks of the
copies (``**bold**``, ``[link](#)``).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import pytest

from tests.conftest import SEEDS

# Each shipped calendar and the document it was built from (see the seeds' README).
SEED_OF = {
    "zorg-en-zekerheid/ambulancezorg-2027.toml": "000_41a936849e746e5c.txt",
    "zilveren-kruis/ambulancezorg-2024.toml": "001_a7d9276c10165ce1.txt",
    "zorg-en-zekerheid/msz-2027.toml": "002_3ba7a5f8c5435087.txt",
    "vws-zn-azn/ambulancezorg-2018.toml": "003_d4db3d0c7b45317b.txt",
    "zorg-en-zekerheid/algemeen-2027.toml": "004_f573687cd5b83063.txt",
}
# Entries whose activity is deliberately not the document's words (reviewed by hand).
PARAPHRASED: dict[str, set[str]] = {}
# Why a dated sentence is not modelled: it tells of the past; it cites a document or another
# part; it asks nothing of anyone at any time; or it restates an entry (named after the colon).
REASONS = ("historic", "citation", "no action", "duplicate")


# Normalising -----------------------------------------------------------------------------

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u00ad": None})


def unmark(text: str) -> str:
    """The text without Markdown marks and with straight quotes."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text.translate(_QUOTES))
    # \uf0b7: the bullet of a PDF's Symbol font; it starts a list item.
    return text.replace("**", "").replace("\uf0b7", "\n- ")


def key(text: str) -> str:
    """What is compared: letters, digits and punctuation, not case, spaces or hyphens."""
    return re.sub(r"[\s\-]+", "", unmark(text)).casefold()


# The sentence finder ---------------------------------------------------------------------

MONTHS = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
          "december")
_NUMBER = (r"(?:\d+|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|"
           r"veertien|twintig|dertig)")
_UNIT = (r"(?:werk|kalender)?(?:dag|dagen|week|weken|maand|maanden|jaar|jaren|kwartaal|"
         r"kwartalen)")
_DEADLINE_WORDS = (r"vanaf|per|in|voor|vóór|tot en met|t/m|uiterlijk|eind|begin|medio|sinds|"
                   r"na|gedurende|rond|tot|heel|met ingang van")
DATED = re.compile("|".join([
    rf"\b(?:{MONTHS})\b",  # a date or a month
    r"\b20\d\d-\d\d-\d\d\b",
    r"\bkwarta(?:al|len)\b|\bQ[1-4]\b",  # a quarter
    r"\b(?:voorjaar|najaar|zomer|winter|lente|herfst)\b",  # a season
    rf"\b(?:{_DEADLINE_WORDS})\s+(?:het\s+jaar\s+)?20\d\d\b",  # a year in a deadline phrase
    r"\beinde? van (?:het jaar )?20\d\d\b",
    # relative terms
    rf"\b(?:binnen|na|uiterlijk|ten ?minste|minimaal|maximaal|iedere|elke|om de)\s+{_NUMBER}"
    rf"\s+{_UNIT}\b",
    rf"\b{_NUMBER}\s+{_UNIT}\s+(?:de tijd|na|voor|vóór|voorafgaand|later|eerder)\b",
    r"\b(?:jaarlijks|tweemaal per jaar|doorlopend|gedurende het jaar|komende \w+ jaar|"
    r"eenjarig|meerjarig|later|eerstvolgende|inwerkingtreding)\b",
]), re.IGNORECASE)

# A table row that starts with its date or its kind of date, or a list item or heading.
_ROW = re.compile(rf"^(?:\d{{1,2}} (?:{MONTHS}) 20\d\d|Overige data|Doorlopend|Gedurende)\b",
                  re.IGNORECASE)
_BREAK = re.compile(r"^\s*(?:[-•▪●]\s|\d+(?:\.\d+)*\.?\s|[A-Z][A-Z ]{3,}$)")
# A sentence ends at . ! ? before a capital, not after an abbreviation such as "t.o.v.".
_SENTENCE_END = re.compile(r"(?<![ .][a-z]\.)(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


def _blocks(text: str) -> Iterator[str]:
    """Paragraphs, table rows, list items and headings, each on one line."""
    lines = [line for line in unmark(text).splitlines() if line.strip()]
    current: list[str] = []
    for index, line in enumerate(lines):
        stripped = line.strip()
        following = lines[index + 1].strip() if index + 1 < len(lines) else ""
        if "\t" in stripped or _BREAK.match(line) or _ROW.match(stripped):
            if current:
                yield " ".join(current)
                current = []
            if "\t" in stripped:
                yield stripped
                continue
        current.append(stripped)
        # A short line without closing punctuation before a capital: a heading or a row.
        if len(stripped) < 70 and not re.search(r"[,;:(\-\u2013]$", stripped) \
                and following[:1].isupper():
            yield " ".join(current)
            current = []
    if current:
        yield " ".join(current)


def sentences(text: str) -> list[str]:
    """The document's sentences (and rows and headings), whitespace collapsed."""
    found: list[str] = []
    for block in _blocks(text):
        found.extend(piece for piece in _SENTENCE_END.split(" ".join(block.split())) if piece)
    return found


def dated_sentences(text: str) -> list[str]:
    return [sentence for sentence in sentences(text) if DATED.search(sentence)]


# The calendars ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Shipped:
    file: str
    data: Mapping[str, Any]
    document: str

    @property
    def entries(self) -> list[Mapping[str, Any]]:
        return list(self.data.get("entry", []))

    @property
    def not_modelled(self) -> list[Mapping[str, Any]]:
        return list(self.data.get("not_modelled", []))


def _shipped(file: str) -> Shipped:
    path = SEEDS / SEED_OF[file]
    if not path.is_file():
        pytest.skip(f"source document {path} not available (set ZINKOOP_SEEDS)")
    text = resources.files("zinkoop_cli").joinpath("calendars", *file.split("/")).read_text(
        encoding="utf-8")
    return Shipped(file, tomllib.loads(text), path.read_text(encoding="utf-8"))


def overlaps(sentence: str, quoted: str) -> bool:
    """Whether a quote from the document and a sentence of it are about the same words."""
    a, b = key(sentence), key(quoted)
    return bool(a and b) and (a in b or b in a)


def _written_parts(written: str) -> list[str]:
    # "iedere twee jaar; de eerstvolgende monitor ... (Overige data)": its quoted parts.
    return [key(part) for part in re.sub(r"\([^)]*\)", "", written).split(";")]


def covered(sentence: str, entries: Sequence[Mapping[str, Any]]) -> bool:
    """An entry quotes the sentence; or the sentence is only the date an entry is written as,
    or holds the way an entry is written when that is a phrase (25 characters or more)."""
    said = key(sentence)
    for entry in entries:
        if overlaps(sentence, entry["activity"]) or said == key(entry["written"]):
            return True
        if any(len(part) >= 25 and part in said for part in _written_parts(entry["written"])):
            return True
    return False


def uncovered(shipped: Shipped) -> list[str]:
    """The dated sentences of the document that no entry and no not_modelled item accounts for."""
    left_out = [item["text"] for item in shipped.not_modelled]
    return [sentence for sentence in dated_sentences(shipped.document)
            if not covered(sentence, shipped.entries)
            and not any(overlaps(sentence, text) for text in left_out)]


def not_verbatim(shipped: Shipped) -> list[str]:
    document = key(shipped.document)
    return [entry["id"] for entry in shipped.entries
            if "paraphrase" not in entry and key(entry["activity"]) not in document]


# The tests -------------------------------------------------------------------------------

FILES = sorted(SEED_OF)


def test_every_shipped_calendar_has_its_document() -> None:
    shipped = resources.files("zinkoop_cli").joinpath("calendars")
    found = {f"{folder.name}/{file.name}" for folder in shipped.iterdir() if folder.is_dir()
             for file in folder.iterdir() if file.name.endswith(".toml")}
    assert found == set(SEED_OF)


@pytest.mark.parametrize("file", FILES)
def test_activities_are_verbatim(file: str) -> None:
    shipped = _shipped(file)
    assert not_verbatim(shipped) == []
    paraphrased = {entry["id"] for entry in shipped.entries if "paraphrase" in entry}
    assert paraphrased == PARAPHRASED.get(file, set())
    for entry in shipped.entries:
        if "paraphrase" in entry:
            assert entry["paraphrase"].strip(), entry["id"]


@pytest.mark.parametrize("file", FILES)
def test_every_dated_sentence_is_modelled_or_listed(file: str) -> None:
    assert uncovered(_shipped(file)) == []


@pytest.mark.parametrize("file", FILES)
def test_not_modelled_items_quote_a_dated_sentence_with_a_reason(file: str) -> None:
    shipped = _shipped(file)
    document = key(shipped.document)
    dated = dated_sentences(shipped.document)
    for item in shipped.not_modelled:
        assert set(item) == {"text", "reason"}, item
        assert key(item["text"]) in document, item["text"]
        reason, _, why = item["reason"].partition(":")
        assert reason in REASONS, item
        assert why.strip(), f"say why: {item}"
        if reason == "duplicate":
            assert why.strip() in {entry["id"] for entry in shipped.entries}, item
        # No stale exception: it still matches a dated sentence, and no entry covers it.
        matching = [sentence for sentence in dated if overlaps(sentence, item["text"])]
        assert matching, f"matches no dated sentence: {item['text']!r}"
        assert not all(covered(sentence, shipped.entries) for sentence in matching), \
            f"an entry covers it: {item['text']!r}"


# The finder itself -----------------------------------------------------------------------

SAMPLE = """\
5.2 Planning
1 april 2026\tPublicatie zorginkoopbeleid
Wij voeren de gesprekken in het najaar. De tarieven staan t.o.v. 2026 vast en gelden
voor 2027. U ontvangt de
overeenkomst binnen vier weken na de aanvraag.
Het is mogelijk dat hierop later aanvullingen komen. Een zin zonder datum.
"""


def test_the_finder_splits_rows_sentences_and_joins_broken_lines() -> None:
    assert sentences(SAMPLE) == [
        "5.2 Planning",
        "1 april 2026 Publicatie zorginkoopbeleid",
        "Wij voeren de gesprekken in het najaar.",
        "De tarieven staan t.o.v. 2026 vast en gelden voor 2027.",
        "U ontvangt de overeenkomst binnen vier weken na de aanvraag.",
        "Het is mogelijk dat hierop later aanvullingen komen.",
        "Een zin zonder datum.",
    ]
    assert dated_sentences(SAMPLE) == [
        "1 april 2026 Publicatie zorginkoopbeleid",
        "Wij voeren de gesprekken in het najaar.",
        "De tarieven staan t.o.v. 2026 vast en gelden voor 2027.",
        "U ontvangt de overeenkomst binnen vier weken na de aanvraag.",
        "Het is mogelijk dat hierop later aanvullingen komen.",
    ]


def test_an_uncovered_dated_sentence_is_reported() -> None:
    entries = [{"activity": "Publicatie zorginkoopbeleid", "written": "1 april 2026"},
               {"activity": "U ontvangt de overeenkomst binnen vier weken", "written": "x"}]
    shipped = Shipped("x.toml", {"entry": entries, "not_modelled": [
        {"text": "De tarieven staan t.o.v. 2026 vast", "reason": "no action: a test"}]}, SAMPLE)
    assert uncovered(shipped) == ["Wij voeren de gesprekken in het najaar.",
                                  "Het is mogelijk dat hierop later aanvullingen komen."]


def test_a_reworded_activity_is_reported() -> None:
    entries = [{"id": "ok", "activity": "Publicatie\nzorg-inkoopbeleid"},
               {"id": "reworded", "activity": "Publicatie van het zorginkoopbeleid"},
               {"id": "said", "activity": "Gesprekken", "paraphrase": "a test"}]
    assert not_verbatim(Shipped("x.toml", {"entry": entries}, SAMPLE)) == ["reworded"]
