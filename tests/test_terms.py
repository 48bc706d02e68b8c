"""Terms a policy gives only the end of: the document's own, or one the sentence before
started (core.terms)."""

from __future__ import annotations

import datetime as dt

import pytest

from zinkoop_cli.core.date_phrases import END_ONLY, Found
from zinkoop_cli.core.deixis import Frame, read_dates
from zinkoop_cli.core.terms import continued_term, own_term

APRIL = Frame(dt.date(2023, 4, 1), 2024, "Zorginkoopbeleid ambulancezorg")
NO_DATE = Frame(None, 2024, "Zorginkoopbeleid ambulancezorg")


def _end(text: str, frame: Frame = APRIL) -> Found:
    found = [f for f in read_dates(text, frame) if f.reason == END_ONLY]
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize(("sentence", "end"), [
    ("Dit beleid geldt tot en met 2026.", "31 december 2026"),
    ("Het zorginkoopbeleid ambulancezorg heeft een looptijd tot en met het jaar 2027.",
     "31 december 2027"),
    ("Dit inkoopkader loopt tot en met 2025.", "31 december 2025"),
])
def test_the_documents_own_term_starts_on_its_date(sentence: str, end: str) -> None:
    found = own_term(sentence, _end(sentence), APRIL)
    assert found is not None
    assert found.framed
    assert found.keys == {"period": ["1 april 2023", end]}


@pytest.mark.parametrize(("sentence", "frame"), [
    ("De zorgaanbieder levert tot en met 2026 gegevens aan.", APRIL),  # no verb of lasting
    ("De regeling geldt tot en met 2026.", APRIL),  # not the document itself
    ("Dit beleid geldt tot en met 2026.", NO_DATE),  # no date to start from
    ("Dit beleid geldt tot en met 2022.", APRIL),  # it ended before the document's date
])
def test_an_end_alone_stays_unread_unless_it_is_the_documents_own(sentence: str,
                                                                  frame: Frame) -> None:
    assert own_term(sentence, _end(sentence, frame), frame) is None


def test_a_term_continues_the_sentence_before_that_named_it() -> None:
    previous = "Het Hoofdlijnenakkoord is op 1 juli 2022 gesloten."
    assert continued_term(previous, "Het akkoord loopt tot en met 2026.",
                          _end("Het akkoord loopt tot en met 2026.")) == dt.date(2026, 12, 31)
    # Another subject, or no verb of lasting: not a continuation.
    assert continued_term(previous, "De regeling loopt tot en met 2026.",
                          _end("De regeling loopt tot en met 2026.")) is None
    assert continued_term(previous, "Het akkoord vraagt tot en met 2026 inzet.",
                          _end("Het akkoord vraagt tot en met 2026 inzet.")) is None


@pytest.mark.parametrize(("previous", "sentence"), [
    # The sentence before gives a deadline, not a start: nothing to continue.
    ("De offerte moet uiterlijk 1 oktober 2026 bij ons binnen zijn.",
     "De offerte blijft geldig tot en met 2027."),
    # The opening's head noun ('regels') is not in the sentence before ('voor' does not count).
    ("Het akkoord is op 1 juli 2022 gesloten voor vier jaar.",
     "De regels voor uitbreiding gelden tot en met 2028."),
])
def test_only_a_term_the_sentence_before_began_is_continued(previous: str,
                                                             sentence: str) -> None:
    assert continued_term(previous, sentence, _end(sentence)) is None


@pytest.mark.parametrize(("sentence", "subject"), [
    ("Dit plan loopt tot en met 2028.", "Zorginkoopbeleid wijkverpleging"),
    ("Binnen dit kader blijft de subsidieregeling tot en met 2030 van kracht.",
     "Zorginkoopbeleid wijkverpleging"),
    # The title's words elsewhere in the sentence are not the document.
    ("De afspraken over wijkverpleging gelden tot en met 2029.", "Wijkverpleging"),
    ("Dit akkoord loopt tot en met 2026.", "Zorginkoopbeleid wijkverpleging"),
])
def test_another_things_term_is_not_the_documents(sentence: str, subject: str) -> None:
    frame = Frame(dt.date(2026, 4, 1), 2027, subject)
    assert own_term(sentence, _end(sentence, frame), frame) is None


def test_the_document_named_as_the_subject_of_something_else_is_not_its_term() -> None:
    sentence = "Dit inkoopbeleid is een vervolg op het actieplan dat loopt tot en met 2030."
    frame = Frame(dt.date(2026, 4, 1), 2027, "Zorginkoopbeleid wijkverpleging")
    assert own_term(sentence, _end(sentence, frame), frame) is None
