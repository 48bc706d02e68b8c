"""Anchors and circles of rules, windows included."""

from __future__ import annotations

from datetime import date

from zinkoop_cli.core.chains import anchors_of, find_cycle
from zinkoop_cli.core.model import Day, Entry, EventDef, Relative, Windowed

WINDOW = ((date(2026, 1, 1), date(2026, 6, 30), date(2026, 7, 1)),)


def test_a_windowed_entry_counts_from_its_event() -> None:
    assert anchors_of(Entry("w", "W", Windowed("aanmelding", WINDOW))) == ("aanmelding",)
    assert anchors_of(Entry("d", "D", Day(date(2026, 1, 1)))) == ()


def test_a_window_in_a_circle_is_found() -> None:
    entries = [Entry("a", "A", Windowed("b", WINDOW)), Entry("b", "B", Relative("a", 3))]
    assert find_cycle(entries, {}) == ["a", "b", "a"]


def test_an_event_defaulting_to_an_entry_is_a_link_too() -> None:
    entries = [Entry("a", "A", Relative("e", 1))]
    assert find_cycle(entries, {"e": EventDef("e", "E", "a")}) == ["a", "e", "a"]
    assert find_cycle(entries, {"e": EventDef("e", "E", date(2026, 1, 1))}) is None
