"""Standard output and error that cannot crash a run: closed, full, piped or ASCII-only."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import signal
import sys
from collections.abc import Callable
from types import FrameType
from typing import TYPE_CHECKING

from zinkoop_cli.errors import Interrupted

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

STDOUT = "standard output"
STDERR = "standard error"

# The streams replaced keep living: collected, they would close descriptors 1 and 2.
_REPLACED: list[object] = []


class NamedStream(io.BufferedWriter):
    """The byte layer under sys.stdout and sys.stderr: its errors name the stream.

    An OSError gets the stream's name as ``filename``, so the one handler can say "cannot
    write standard output". EPIPE becomes a BrokenPipeError without an errno: Typer ends the
    run itself (exit 1) on an OSError whose errno is EPIPE, before zinkoop could say what it
    means (a reader that has had enough, exit 141).

    Standard error (``mute_errors``) never fails: where messages cannot go (a full disk, a
    closed pipe) nothing can be told, and the run keeps the exit code it has, as with 2>&-.
    """

    label = STDOUT
    unbuffered = False
    mute_errors = False

    def write(self, data: ReadableBuffer, /) -> int:
        try:
            written = super().write(data)
            if self.unbuffered:
                super().flush()
        except OSError as error:
            if not self.mute_errors:
                raise self._named(error) from None
            silence(self.fileno())
            return memoryview(data).nbytes
        return written

    def flush(self) -> None:
        try:
            super().flush()
        except OSError as error:
            if not self.mute_errors:
                raise self._named(error) from None
            silence(self.fileno())
            super().flush()

    def _named(self, error: OSError) -> OSError:
        if error.errno == errno.EPIPE:
            return BrokenPipeError(None, error.strerror, self.label)
        if error.filename is None:
            error.filename = self.label
        return error


def prepare() -> None:
    """Make descriptors 0-2 open, and stdout and stderr name themselves and never fail on
    a character their encoding lacks (PYTHONIOENCODING=ascii, a Latin-1 locale).

    A closed descriptor is opened on /dev/null: otherwise the next file opened (the ledger,
    a temporary export) would get its number, and printing would write into it. A closed
    stdout stays unwritable (opened read-only), so output that is lost is an error (exit
    4); a closed stderr takes messages silently, since nothing can be told anyway. Streams
    replaced by a test harness are left alone. Whatever fails here leaves Python's own.
    """
    for fd, name, label in ((0, "stdin", ""), (1, "stdout", STDOUT), (2, "stderr", STDERR)):
        with contextlib.suppress(OSError, ValueError):
            try:
                os.fstat(fd)
            except OSError:
                _fill(fd, os.O_WRONLY if fd == 2 else os.O_RDONLY)
                if fd == 0 and sys.stdin is None:
                    sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
            if label:
                _wrap(fd, name, label)


def _fill(fd: int, flags: int) -> None:
    handle = os.open(os.devnull, flags)
    if handle != fd:
        os.dup2(handle, fd)
        os.close(handle)


def _wrap(fd: int, name: str, label: str) -> None:
    current = getattr(sys, name)
    if current is not None and (current is not getattr(sys, f"__{name}__")
                                or isinstance(getattr(current, "buffer", None), NamedStream)):
        return
    stream = NamedStream(io.FileIO(fd, "w", closefd=False))
    stream.label = label
    stream.mute_errors = label == STDERR
    encoding, line_buffering, write_through = "utf-8", False, False
    if current is not None:
        current.flush()
        _REPLACED.append(current)
        encoding, line_buffering = current.encoding, current.line_buffering
        write_through = getattr(current, "write_through", False)
        # PYTHONUNBUFFERED (python -u): every write goes out at once, as before
        stream.unbuffered = not isinstance(current.buffer, io.BufferedIOBase)
    wrapper = io.TextIOWrapper(stream, encoding=encoding, errors="backslashreplace",
                               line_buffering=line_buffering, write_through=write_through)
    setattr(sys, name, wrapper)
    setattr(sys, f"__{name}__", wrapper)


def silence(fd: int) -> None:
    """Point ``fd`` at /dev/null: what is still buffered for it goes nowhere, quietly."""
    with contextlib.suppress(OSError):
        _fill(fd, os.O_WRONLY)


def settle() -> None:
    """Flush stdout and stderr now; one that cannot take it is silenced, so that the
    interpreter's own last flush prints no "Exception ignored" and changes no exit code."""
    for fd, stream in ((1, sys.stdout), (2, sys.stderr)):
        if stream is None:
            continue
        try:
            stream.flush()
        except (OSError, ValueError):
            if stream is getattr(sys, "__stdout__" if fd == 1 else "__stderr__"):
                silence(fd)


def catch_interrupts() -> Callable[[], None]:
    """SIGINT raises Interrupted for the run (Typer turns KeyboardInterrupt into a silent
    exit 130); returns what puts the previous handler back. An ignored SIGINT (a
    background job) stays ignored."""
    try:
        if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
            return _nothing
        signal.signal(signal.SIGINT, _interrupt)
    except ValueError:  # not the main thread
        return _nothing
    return _restore


def _interrupt(number: int, frame: FrameType | None) -> None:
    raise Interrupted(number, "SIGINT")


def _restore() -> None:
    signal.signal(signal.SIGINT, signal.default_int_handler)


def _nothing() -> None:
    return None
