"""The import's progress bar: only on a terminal, only once the work is slow."""

from __future__ import annotations

import io

import pytest

from zinkoop_cli.render.progress import LazyProgress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_nothing_on_a_pipe_even_when_slow() -> None:
    stream = io.StringIO()
    with LazyProgress("reading", delay=0, stream=stream) as progress:
        progress.set_total(10)
        progress(5)
    assert stream.getvalue() == ""


def test_nothing_on_a_terminal_while_quick() -> None:
    stream = Terminal()
    with LazyProgress("reading", delay=60, stream=stream) as progress:
        progress(5)
    assert stream.getvalue() == ""


def test_a_bar_on_a_terminal_once_slow(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm")  # the test setup's TERM=dumb turns animation off
    stream = Terminal()
    with LazyProgress("reading", delay=0, stream=stream) as progress:
        progress.set_total(10)
        progress(5)
        progress(0, "storing", total=10)
    assert "storing" in stream.getvalue()
