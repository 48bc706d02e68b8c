"""How the one handler turns whatever ended a run into one line on stderr and an exit code.

Imported only when something went wrong: a run that succeeds does not pay for it.
"""

from __future__ import annotations

import os
import sys
from types import TracebackType

from zinkoop_cli.cli.app import fail, is_click_error, say
from zinkoop_cli.cli.streams import STDERR, STDOUT, silence
from zinkoop_cli.errors import (
    DataError,
    FileAccessError,
    InternalError,
    Interrupted,
    ZinkoopError,
    describe,
)

SIGPIPE_EXIT = 141  # 128 + SIGPIPE: what the shell shows for a tool whose reader went away
_INPUT_MODULES = ("zinkoop_cli.loading", "tomllib", "json", "csv", "sqlite3")


def expected(error: BaseException) -> bool:
    """What the user caused or asked for; ZINKOOP_DEBUG=1 re-raises all the rest."""
    return (isinstance(error, ZinkoopError) or is_click_error(error) or _stream_closed(error)
            or type(error).__name__ in ("NoArgsIsHelpError", "Abort"))


def outcome(error: BaseException) -> int:
    """Say what ``error`` means in one line on stderr; return the exit code."""
    if isinstance(error, ZinkoopError):
        return fail(error)
    if isinstance(error, Interrupted | KeyboardInterrupt):
        number = error.signal_number if isinstance(error, Interrupted) else 2
        say("zinkoop: interrupted" if number == 2 else f"zinkoop: stopped by {error}")
        return 128 + number
    if _stream_closed(error):
        # Nothing more goes to the reader that left, not even the interpreter's last flush.
        silence(2 if getattr(error, "filename", None) == STDERR else 1)
        return SIGPIPE_EXIT
    usage = _usage(error)
    if usage is not None:
        return usage
    if isinstance(error, RecursionError | MemoryError):
        return _too_much(error)
    if isinstance(error, OSError):
        return fail(FileAccessError(_os_message(error)))
    home = _home_of(error)
    if home is not None:
        return fail(FileAccessError(f"cannot expand {home.split('/')[0]!r} in the path "
                                    f"{home!r}: no such user (or no home folder); write the "
                                    "path in full"))
    return _bug(error)


def _stream_closed(error: BaseException) -> bool:
    return isinstance(error, BrokenPipeError) and error.filename in (STDOUT, STDERR)


def _usage(error: BaseException) -> int | None:
    """Click's errors as zinkoop has always shown them; None for anything else."""
    ctx = getattr(error, "ctx", None)
    if type(error).__name__ == "NoArgsIsHelpError" and ctx is not None:
        sys.stdout.write(ctx.get_help() + "\n")
        return 2
    if is_click_error(error):
        hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
        message = " ".join(error.format_message().split())  # type: ignore[attr-defined]
        say(f"zinkoop: {message}{hint}")
        code: int = error.exit_code  # type: ignore[attr-defined]
        return code
    if type(error).__name__ == "Abort":
        say("zinkoop: aborted")
        return 130
    return None


def _os_message(error: OSError) -> str:
    name = error.filename
    if name is None:
        return f"cannot read or write: {describe(error)}"
    shown = os.fsdecode(name) if isinstance(name, str | bytes) else f"descriptor {name}"
    doing = "write" if shown in (STDOUT, STDERR) else "use"
    return f"cannot {doing} {shown}: {describe(error)}"


def _too_much(error: RecursionError | MemoryError) -> int:
    """3 when raised while reading input (a file nested too deep or too big), else a bug."""
    what = "nested too deeply" if isinstance(error, RecursionError) else "too large"
    reading = [tb for tb in _frames(error.__traceback__) if _module(tb).startswith(_INPUT_MODULES)]
    if not reading:
        return _bug(error)
    names = [tb.tb_frame.f_locals.get(key) for tb in reading for key in ("origin", "path")]
    found = next((str(name) for name in names if isinstance(name, str | os.PathLike)), None)
    where = f"{found} is" if found else "a calendar, ledger or CSV file is"
    return fail(DataError(f"{where} {what} to read ({type(error).__name__}); check it, e.g. "
                          "with 'zinkoop check'"))


def _home_of(error: BaseException) -> str | None:
    """The path whose ``~user`` Path.expanduser could not expand (it raises RuntimeError)."""
    if not isinstance(error, RuntimeError):
        return None
    frames = list(_frames(error.__traceback__))
    if not frames or frames[-1].tb_frame.f_code.co_name != "expanduser" \
            or _module(frames[-1]) != "pathlib":
        return None
    return str(frames[-1].tb_frame.f_locals.get("self", "~"))


def _frames(tb: TracebackType | None) -> list[TracebackType]:
    found = []
    while tb is not None:
        found.append(tb)
        tb = tb.tb_next
    return found


def _module(tb: TracebackType) -> str:
    return str(tb.tb_frame.f_globals.get("__name__", ""))


def _bug(error: BaseException) -> int:
    return fail(InternalError(f"internal error (a bug, please report it; ZINKOOP_DEBUG=1 "
                              f"shows where): {_summary(error)}"))


def _summary(error: BaseException) -> str:
    try:
        text = " ".join(str(error).split())
    except Exception:  # an exception whose message itself fails still gets its line
        text = ""
    if len(text) > 200:
        text = text[:197] + "..."
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
