"""The one error tree: every failure a user can cause, with its exit code."""

from __future__ import annotations

import errno


class ZinkoopError(Exception):
    """Base of every error zinkoop reports to a user.

    The message says what went wrong, where, and how to fix it; the CLI prints it as
    one line on stderr and exits with ``exit_code``.
    """

    exit_code = 70  # only its subclasses are raised; a bare one is a bug, never warn's 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(ZinkoopError):
    """A bad option or argument (exit 2)."""

    exit_code = 2


class DataError(ZinkoopError):
    """An invalid calendar or ledger, an unknown care type, an unresolvable rule (exit 3)."""

    exit_code = 3


class CalendarSyntaxError(DataError):
    """A calendar file that is not valid TOML."""


class CalendarError(DataError):
    """A calendar file that is valid TOML but says something zinkoop cannot use."""


class UnknownCalendarError(DataError):
    """No calendar matches the care type, year or publisher asked for."""


class FileAccessError(ZinkoopError):
    """A file that cannot be read or written, or mail that was not delivered (exit 4)."""

    exit_code = 4


def describe(error: OSError) -> str:
    """An OSError's reason in words, and how to fix it where the errno tells."""
    reason = error.strerror or str(error) or type(error).__name__
    hint = _HINTS.get(error.errno or 0)
    return f"{reason}; {hint}" if hint else reason


_HINTS = {
    errno.EACCES: "check the permissions",
    errno.EPERM: "check the permissions",
    errno.EROFS: "the file system is read-only; choose another place",
    errno.ENOSPC: "the disk is full; make room or choose another place",
    errno.EDQUOT: "the disk quota is used up; make room or choose another place",
    errno.ENAMETOOLONG: "use a shorter name",
    errno.ELOOP: "a symbolic link points (round) to itself",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "it is a folder; give a file name",
    errno.EBADF: "it is closed",
}


class MailError(FileAccessError):
    """Mail that the server refused, or a server that could not be reached (exit 4)."""


class InternalError(ZinkoopError):
    """A bug in zinkoop, not in what the user gave it (exit 70, EX_SOFTWARE).

    The CLI reports any exception it did not expect as this, in one line that says it is a
    bug; ``warn`` can then never be mistaken to have found something due (its exit 1).
    """

    exit_code = 70


class Interrupted(BaseException):
    """A signal that stops the run (SIGINT, SIGTERM, SIGHUP), raised so that cleanup runs.

    Not a ZinkoopError (nothing went wrong) nor a KeyboardInterrupt (Typer would turn that
    into a silent exit 130): the CLI reports it in one line and exits 128 + the signal number.
    """

    def __init__(self, signal_number: int, name: str) -> None:
        super().__init__(name)
        self.signal_number = signal_number
        self.name = name

    @property
    def exit_code(self) -> int:
        return 128 + self.signal_number
