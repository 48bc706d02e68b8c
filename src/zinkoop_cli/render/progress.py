"""A progress bar on stderr that appears only when the work turns out to be slow."""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

DELAY_S = 1.0


class LazyProgress:
    """Counts work done; after ``delay`` seconds on a terminal, shows a Rich bar on stderr.

    A quick import should print only its summary, and cron's mail or a pipe should never
    see a bar, so nothing is drawn (and Rich is not even imported) until then.
    """

    def __init__(self, label: str, *, delay: float = DELAY_S,
                 stream: TextIO | None = None) -> None:
        self.label = label
        self.delay = delay
        self.stream = stream or sys.stderr
        self.total: int | None = None
        self.started = time.monotonic()
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        self._enabled = self.stream.isatty()

    def set_total(self, total: int) -> None:
        self.total = total

    def __call__(self, done: int, label: str | None = None, total: int | None = None) -> None:
        if label is not None:
            self.label = label
        if total is not None:
            self.total = total
        if not self._enabled:
            return
        if self._bar is None:
            if time.monotonic() - self.started < self.delay:
                return
            from rich.console import Console
            from rich.progress import Progress

            self._bar = Progress(console=Console(file=self.stream), transient=True)
            self._bar.start()
            self._task = self._bar.add_task(self.label, total=self.total)
        assert self._task is not None
        self._bar.update(self._task, completed=done, total=self.total, description=self.label)

    def __enter__(self) -> LazyProgress:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.stop()
