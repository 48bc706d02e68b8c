"""The one error tree: every failure a user can cause, with its exit code."""

from __future__ import annotations


class ZinkoopError(Exception):
    """Base of every error zinkoop reports to a user.

    The message says what went wrong, where, and how to fix it; the CLI prints it as
    one line on stderr and exits with ``exit_code``.
    """

    exit_code = 1

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


class MailError(FileAccessError):
    """Mail that the server refused, or a server that could not be reached (exit 4)."""
