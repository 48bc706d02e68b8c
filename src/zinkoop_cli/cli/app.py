"""The zinkoop command line: the Typer app, its commands and the one error handler."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from zinkoop_cli import __version__
from zinkoop_cli.cli.streams import catch_interrupts, prepare, settle
from zinkoop_cli.errors import ZinkoopError

HELP = """Planning and deadlines for Dutch health-care purchasing (zorginkoop).

Examples:

  zinkoop list

  zinkoop deadlines msz 2027

  zinkoop deadlines msz 2027 --on ontvangst=2026-09-14

  zinkoop export msz 2027 -o msz-2027.ics

  zinkoop warn --within 14

  zinkoop check my-calendars/
"""

class _Listed(typer.core.TyperGroup):
    """Help lists the commands in the order of COMMANDS, whichever module loaded first."""

    def list_commands(self, ctx: typer.Context) -> list[str]:  # type: ignore[override]
        order = {name: index for index, name in enumerate(COMMANDS)}
        return sorted(self.commands, key=lambda name: (order.get(name, len(order)), name))


app = typer.Typer(
    name="zinkoop",
    cls=_Listed,
    help=HELP,
    no_args_is_help=True,
    # Typer's --install-completion and --show-completion are the root's options below:
    # add_completion=True would import typer.completion (and shellingham) on every run.
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"zinkoop {__version__}")
        raise typer.Exit()


def _completion(ctx: typer.Context, param: typer.CallbackParam, value: bool | None) -> None:
    """Typer's own --install-completion / --show-completion, imported only when asked."""
    if not value or ctx.resilient_parsing:
        return
    # completion_init registers Typer's shell formats, as add_completion=True would.
    from typer._completion_classes import completion_init
    from typer.completion import install_callback, show_callback

    completion_init()
    (install_callback if param.name == "install_completion" else show_callback)(
        ctx, param, value)


@app.callback()
def _root(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True,
                     help="Show the version and exit."),
    ] = None,
    install_completion: Annotated[
        bool | None,
        typer.Option("--install-completion", callback=_completion, expose_value=False,
                     help="Install completion for the current shell."),
    ] = None,
    show_completion: Annotated[
        bool | None,
        typer.Option("--show-completion", callback=_completion, expose_value=False,
                     help="Show completion for the current shell, to copy it or customize "
                          "the installation."),
    ] = None,
) -> None:
    """Planning and deadlines for Dutch health-care purchasing (zorginkoop)."""


COMMANDS = ("list", "deadlines", "calendar", "export", "warn", "track", "check", "draft",
            "new")


def _register(argv: list[str] | None = None) -> None:
    """Import the command modules; each adds its command to ``app``.

    When the command is named on the command line, only its module is imported: a cron
    job that runs one command does not pay for the others.
    """
    import importlib

    args = sys.argv[1:] if argv is None else argv
    if os.environ.get("_ZINKOOP_COMPLETE"):  # a Tab: Typer's shell formats, not click's
        from typer._completion_classes import completion_init

        completion_init()
    named = [arg for arg in args if arg in COMMANDS][:1]
    help_wanted = not args or args[0].startswith("-")
    for name in COMMANDS if help_wanted or not named else named:
        importlib.import_module(f"zinkoop_cli.cli.{name}_cmd")


def fail(error: ZinkoopError) -> int:
    say(f"zinkoop: {error.message}")
    return error.exit_code


def say(line: str) -> None:
    """One line on stderr; a stderr that cannot take it (closed, full) changes nothing."""
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass


def is_click_error(error: BaseException) -> bool:
    # Typer raises click's exceptions (vendored in recent Typer): recognise them by shape.
    return hasattr(error, "format_message") and isinstance(getattr(error, "exit_code", None),
                                                            int)


def main(argv: list[str] | None = None) -> None:
    """Run the app; whatever goes wrong is one line on stderr and a documented exit code.

    ZinkoopError: its message and code. Click usage errors: 2. A closed pipe on standard
    output: quiet, 141 (128 + SIGPIPE, as the shell shows for other tools). Interrupted
    (SIGINT, or SIGTERM while a file is written): 130 or 143. An OSError that escaped: 4,
    naming the file. RecursionError or MemoryError: 3 when raised while reading input (a
    calendar, the ledger, a CSV file), else 70. Anything else is a bug: 70, in one line
    that says so. ZINKOOP_DEBUG=1 raises the unexpected ones with their traceback instead.
    """
    prepare()
    restore = catch_interrupts()
    try:
        code = _run(argv)
    finally:
        restore()
        settle()
    sys.exit(code)


def _run(argv: list[str] | None) -> int:
    try:
        _register(argv)
        command = typer.main.get_command(app)
        code = command.main(args=argv, prog_name="zinkoop", standalone_mode=False)
        if sys.stdout is not None:
            sys.stdout.flush()  # a full disk shows now, not in the interpreter's last flush
    except SystemExit:
        raise
    except BaseException as error:
        if os.environ.get("ZINKOOP_DEBUG") == "1":
            from zinkoop_cli.cli.outcome import expected

            if not expected(error):
                raise
        return _outcome(error)
    return code if isinstance(code, int) else 0


def _outcome(error: BaseException) -> int:
    """What ``error`` means (cli/outcome, imported only now); should that fail, a bare line."""
    try:
        from zinkoop_cli.cli.outcome import outcome

        return outcome(error)
    except Exception:
        say(f"zinkoop: internal error (a bug, please report it): {type(error).__name__}")
        return 70
