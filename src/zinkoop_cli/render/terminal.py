"""Writes styled lines: plain text for pipes, cron and NO_COLOR; colour on a terminal."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from zinkoop_cli.core.text import visible

Line = Sequence[tuple[str, str | None]]


def wants_color(stream: TextIO) -> bool:
    # no-color.org: NO_COLOR set to a non-empty value turns colour off (as Rich reads it).
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return stream.isatty()


def width(stream: TextIO) -> int:
    """The terminal's width; COLUMNS when set; 80 for pipes and cron; never below 40."""
    columns = os.environ.get("COLUMNS", "")
    found = 80
    if columns.isdigit() and int(columns) > 0:
        found = int(columns)
    elif stream.isatty():
        with contextlib.suppress(OSError):
            found = os.get_terminal_size(stream.fileno()).columns or 80
    return max(found, 40)


def emit(lines: Sequence[Line], stream: TextIO | None = None) -> None:
    out = stream or sys.stdout
    if not wants_color(out):
        out.write("".join(visible("".join(text for text, _ in line)) + "\n" for line in lines))
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, highlight=False, emoji=False, markup=False)
    for line in lines:
        console.print(Text.assemble(*((visible(text), style or "") for text, style in line)),
                      soft_wrap=True)
