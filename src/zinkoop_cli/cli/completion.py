"""What the shell completes (Typer's --install-completion): read quickly, never an error.

A completion runs on every Tab, so it imports nothing heavy: the catalog (the calendars'
care types, years, publishers and events) and, for contracts, a SQLite ledger. Anything
that goes wrong completes nothing rather than printing into the user's command line.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from zinkoop_cli.core.model import Calendar

Completion = list[tuple[str, str]]  # value, the help the shell may show beside it


def _quietly(work: Callable[[], Completion]) -> Completion:
    try:
        return work()
    except Exception:  # a completion must not print a traceback into the command line
        return []


def _typed(ctx: typer.Context) -> tuple[list[str], dict[str, list[str]]]:
    """The arguments and option values typed so far after the command's name.

    Read from the shell's words: click's own parse of a line that ends in an option waiting
    for its value (``--on <Tab>``) gives up and leaves every parameter unset."""
    import shlex

    line = os.environ.get("COMP_WORDS") or os.environ.get("_TYPER_COMPLETE_ARGS") or ""
    try:
        words = shlex.split(line)
    except ValueError:  # an open quote: the word being typed
        words = line.split()
    if words and not line[-1:].isspace():
        words.pop()  # the word being completed is not typed yet
    if ctx.info_name in words:
        words = words[words.index(ctx.info_name) + 1:]
    takes_value = {name: param.name or "" for param in ctx.command.params
                   if not getattr(param, "is_flag", True) for name in param.opts}
    arguments: list[str] = []
    options: dict[str, list[str]] = {}
    index = 0
    while index < len(words):
        word = words[index]
        name, sep, value = word.partition("=")
        if name in takes_value:
            if not sep:
                index += 1
                value = words[index] if index < len(words) else ""
            options.setdefault(takes_value[name], []).append(value)
        elif not word.startswith("-"):
            arguments.append(word)
        index += 1
    return arguments, options


def _calendars(ctx: typer.Context) -> list[Calendar]:
    from zinkoop_cli.loading.catalog import Catalog

    dirs = [Path(folder) for folder in _typed(ctx)[1].get("calendars", [])]
    return list(Catalog.load(dirs).calendars.values())


def _chosen(ctx: typer.Context, calendars: list[Calendar]) -> list[Calendar]:
    """The calendars of the CARE and YEAR already typed (all of them when none are)."""
    arguments = _typed(ctx)[0]
    care = arguments[0].strip().lower() if arguments else ""
    year = arguments[1].strip() if len(arguments) > 1 else ""
    found = [c for c in calendars
             if (not care or care == c.care_type or care in c.aliases)
             and (not year or year == str(c.year))]
    return found or calendars


def care_types(ctx: typer.Context, incomplete: str) -> Completion:
    def work() -> Completion:
        found: dict[str, str] = {}
        for calendar in _calendars(ctx):
            found.setdefault(calendar.care_type, calendar.title)
            for alias in calendar.aliases:
                found.setdefault(alias, f"= {calendar.care_type}")
        return sorted(found.items())
    return _quietly(work)


def years(ctx: typer.Context, incomplete: str) -> Completion:
    def work() -> Completion:
        chosen = _chosen(ctx, _calendars(ctx))
        return sorted({(str(c.year), f"inkoopjaar {c.year}") for c in chosen})
    return _quietly(work)


def targets(ctx: typer.Context, incomplete: str) -> Completion:
    """``[CARE YEAR]...`` (warn, calendar): a care type, then its years, in turn."""
    if len(_typed(ctx)[0]) % 2 == 0:
        return care_types(ctx, incomplete)

    def work() -> Completion:
        care = _typed(ctx)[0][-1].strip().lower()
        return sorted({(str(c.year), f"inkoopjaar {c.year}") for c in _calendars(ctx)
                       if care in (c.care_type, *c.aliases)})
    return _quietly(work)


def publishers(ctx: typer.Context, incomplete: str) -> Completion:
    def work() -> Completion:
        chosen = _chosen(ctx, _calendars(ctx))
        return sorted({(c.publisher_id, c.publisher) for c in chosen})
    return _quietly(work)


def events(ctx: typer.Context, incomplete: str) -> Completion:
    """``--on NAME=``: the events of the calendars typed (the day is the user's)."""
    if "=" in incomplete:
        return []

    def work() -> Completion:
        from zinkoop_cli.core.resolve import merged_events
        from zinkoop_cli.loading.catalog import Catalog

        dirs = [Path(folder) for folder in _typed(ctx)[1].get("calendars", [])]
        catalog = Catalog.load(dirs)
        found: dict[str, str] = {}
        for calendar in _chosen(ctx, list(catalog.calendars.values())):
            for name in merged_events(calendar, catalog.parents(calendar)):
                found.setdefault(f"{name}=", f"{calendar.care_type} {calendar.year}")
        return sorted(found.items())
    return _quietly(work)


def contracts(ctx: typer.Context, incomplete: str) -> Completion:
    """A contract's number or provider, from a SQLite ledger; a PostgreSQL one is not asked
    (a server across the network must not stall a Tab)."""
    def work() -> Completion:
        from zinkoop_cli.loading.ledger import open_ledger, postgres_url

        ledgers = _typed(ctx)[1].get("ledger")
        given = ledgers[-1] if ledgers else None
        if postgres_url(given, os.environ) is not None:
            return []
        found = open_ledger(given, os.environ, write=False).contracts()
        bash = os.environ.get("_ZINKOOP_COMPLETE", "").endswith("bash")
        numbers = [(str(c.id), f"{c.provider}, {c.care_type} {c.year}") for c in found]
        # bash inserts a completion as it is: a name with a space needs its backslash
        names = {(c.provider.replace(" ", "\\ ") if bash else c.provider, f"contract {c.id}")
                 for c in found}
        return numbers + sorted(names)
    return _quietly(work)
