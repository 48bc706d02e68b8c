"""`zinkoop draft`: a first calendar from a policy document."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zinkoop_cli.cli.app import app
from zinkoop_cli.errors import UsageError

if TYPE_CHECKING:
    from zinkoop_cli.app.draft import Draft


@app.command("draft")
def draft_command(
    policy: Annotated[Path, typer.Argument(metavar="POLICY",
                                           help="The policy: a PDF or a text file.")],
    publisher: Annotated[str | None, typer.Option(
        "--publisher", metavar="NAME", help="The publisher's name, e.g. 'Zorg en Zekerheid'.")
    ] = None,
    care: Annotated[str | None, typer.Option(
        "--care", metavar="KEY", help="The care type's key, e.g. msz (default: from the title).")
    ] = None,
    year: Annotated[int | None, typer.Option(
        "--year", metavar="YEAR", help="The purchase year (default: from the title).")
    ] = None,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", metavar="FILE", help="Write the calendar here (default: stdout).")
    ] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Overwrite FILE if it exists.")] = False,
) -> None:
    """Draft a first calendar from a policy document (PDF or text).

    Reads the planning tables and the dated sentences, writes a TOML calendar that passes
    'zinkoop check', and prints a summary on stderr: the entries and relative rules found,
    every dated sentence it could not read, with its line or page, and every phrase it
    could date only against the document's own date or purchase year ('uiterlijk eind
    september' in a policy dated 1 juni 2026: September 2026). Every entry is marked VERIFY
    in its note: check it against the policy, those listed first.

    Examples:

      zinkoop draft beleid-msz-2027.pdf --publisher "Zorg en Zekerheid" -o msz-2027.toml

      zinkoop draft beleid.txt --care ggz --year 2027 > ggz-2027.toml

      zinkoop draft beleid.pdf -o msz-2027.toml --force
    """
    from zinkoop_cli.app.draft import Options, draft, to_toml
    from zinkoop_cli.loading.policy import read_policy

    if year is not None and not 2000 <= year <= 2100:
        raise UsageError(f"--year {year}: give a purchase year between 2000 and 2100")
    if output is not None and output.exists() and not force:
        raise UsageError(f"{output}: already exists; use --force to overwrite it")
    document = read_policy(policy)
    result = draft(document.lines, Options(publisher, care, year), policy.name)
    text = to_toml(result, policy.name)
    if output is None:
        sys.stdout.write(text)
    else:
        from zinkoop_cli.cli.files import write_atomic

        write_atomic(output, text.encode("utf-8"))
    _summary(result, output)


def _count(number: int, one: str, more: str) -> str:
    return f"{number} {one if number == 1 else more}"


def _summary(result: Draft, output: Path | None) -> None:
    where = f" to {output}" if output is not None else ""
    lines = [f"zinkoop: drafted {_count(result.entries, 'entry', 'entries')} "
             f"({_count(result.rules, 'relative rule', 'relative rules')}){where}; "
             f"{_count(len(result.unread), 'dated phrase', 'dated phrases')} not read"]
    lines += [f"  not read, {item.where}: '{item.written}' ({item.reason}): {item.sentence}"
              for item in result.unread]
    lines += [f"  read against the document, {item.where}: '{item.written}' as {item.reading}"
              for item in result.read_against]
    lines += [f"  header, {note}" for note in result.header_notes]
    sys.stderr.write("\n".join(lines) + "\n")
