"""The zinkoop command line: the Typer app, its commands and the one error handler."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from zinkoop_cli import __version__
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

app = typer.Typer(
    name="zinkoop",
    help=HELP,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"zinkoop {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True,
                     help="Show the version and exit."),
    ] = None,
) -> None:
    """Planning and deadlines for Dutch health-care purchasing (zorginkoop)."""


COMMANDS = ("list", "deadlines", "export", "warn", "track", "check", "draft")


def _register(argv: list[str] | None = None) -> None:
    """Import the command modules; each adds its command to ``app``.

    When the command is named on the command line, only its module is imported: a cron
    job that runs one command does not pay for the others.
    """
    import importlib

    args = sys.argv[1:] if argv is None else argv
    named = [arg for arg in args if arg in COMMANDS][:1]
    help_wanted = not args or args[0].startswith("-")
    for name in COMMANDS if help_wanted or not named else named:
        importlib.import_module(f"zinkoop_cli.cli.{name}_cmd")


def fail(error: ZinkoopError) -> int:
    sys.stderr.write(f"zinkoop: {error.message}\n")
    return error.exit_code


def _click_style(error: Exception) -> bool:
    # Typer raises click's exceptions (vendored in recent Typer): recognise them by shape.
    return hasattr(error, "format_message") and isinstance(getattr(error, "exit_code", None),
                                                            int)


def main(argv: list[str] | None = None) -> None:
    """Run the app; every ZinkoopError and usage error becomes one line on stderr."""
    _register(argv)
    command = typer.main.get_command(app)
    try:
        code = command.main(args=argv, prog_name="zinkoop", standalone_mode=False)
    except ZinkoopError as error:
        sys.exit(fail(error))
    except BrokenPipeError:
        sys.exit(0)
    except Exception as error:
        ctx = getattr(error, "ctx", None)
        if type(error).__name__ == "NoArgsIsHelpError" and ctx is not None:
            sys.stdout.write(ctx.get_help() + "\n")
            sys.exit(2)
        if _click_style(error):
            hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
            message = " ".join(error.format_message().split())  # type: ignore[attr-defined]
            sys.stderr.write(f"zinkoop: {message}{hint}\n")
            sys.exit(error.exit_code)  # type: ignore[attr-defined]
        if type(error).__name__ == "Abort":
            sys.stderr.write("zinkoop: aborted\n")
            sys.exit(130)
        raise
    sys.exit(code if isinstance(code, int) else 0)
