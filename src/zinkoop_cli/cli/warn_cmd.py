"""`zinkoop warn [CARE YEAR]...`: what falls due soon, for cron; silent when nothing does."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zinkoop_cli.cli.app import app
from zinkoop_cli.cli.common import (
    load_catalog,
    pick,
    select,
    select_tracked,
    standalone,
    write,
)
from zinkoop_cli.cli.options import (
    AtwOption,
    CalendarsOption,
    ConditionOption,
    InsurerOption,
    LangOption,
    Language,
    LedgerOption,
    ListFormat,
    OnOption,
    TodayOption,
    UnconditionalOption,
    calendars_dirs,
    lang_of,
    parse_events,
    today_in_amsterdam,
)
from zinkoop_cli.core.model import Calendar, EventDef
from zinkoop_cli.core.resolve import Row, merged_events, timeline
from zinkoop_cli.errors import UsageError
from zinkoop_cli.loading.catalog import Catalog

if TYPE_CHECKING:
    from zinkoop_cli.core.contracts import ContractDeadline

DEFAULT_WITHIN = 14


def parse_days(text: str) -> set[int]:
    """``--days 14,7,1`` as a set of whole days, none of them negative."""
    found: set[int] = set()
    for part in text.split(","):
        part = part.strip()
        if not part.isdigit():
            raise UsageError(f"--days {text!r}: {part!r} is not a number of days; write "
                             "whole days of 0 or more separated by commas, e.g. 14,7,1")
        found.add(int(part))
    return found


def window(within: int | None, days: str | None) -> tuple[int | None, set[int] | None]:
    if within is not None and days is not None:
        raise UsageError("--within and --days choose the days in different ways; give one")
    if days is not None:
        return None, parse_days(days)
    within = DEFAULT_WITHIN if within is None else within
    if within < 0:
        raise UsageError(f"--within {within}: give 0 (only today) or more days")
    return within, None


def pairs(targets: list[str]) -> list[tuple[str, str]]:
    if len(targets) % 2:
        raise UsageError(f"{' '.join(targets)}: give a care type and a purchase year for each "
                         "calendar, e.g. 'zinkoop warn msz 2027 ambulancezorg 2027'")
    return list(zip(targets[::2], targets[1::2], strict=True))


def chosen_calendars(catalog: Catalog, targets: list[tuple[str, str]],
                     insurer: str | None) -> list[Calendar]:
    """The calendars named, or every one on the search path that no other inherits."""
    if targets:
        found = [pick(catalog, care, year, insurer) for care, year in targets]
    else:
        found = standalone(catalog, insurer)
    unique: list[Calendar] = []
    for calendar in found:
        if calendar not in unique:
            unique.append(calendar)
    return unique


def gather(catalog: Catalog, calendars: list[Calendar], on: list[str] | None, today: date,
           atw: bool) -> tuple[list[Row], list[Calendar], dict[str, EventDef]]:
    """Every calendar's timeline; an event given with --on counts where it is known."""
    every_event: dict[str, EventDef] = {}
    shown: list[Calendar] = []
    plans = []
    for calendar in calendars:
        parents = catalog.parents(calendar)
        events = merged_events(calendar, parents)
        every_event.update(events)
        plans.append((calendar, parents, events))
        shown.extend(c for c in (calendar, *parents) if c not in shown)
    given = parse_events(on, {name: event.label for name, event in every_event.items()})
    rows: list[Row] = []
    for calendar, parents, events in plans:
        own = {name: day for name, day in given.items() if name in events}
        rows.extend(timeline(calendar, parents, today, own, atw=atw))
    return rows, shown, every_event


@app.command("warn")
def warn(
    targets: Annotated[list[str] | None, typer.Argument(
        metavar="[CARE YEAR]...",
        help="Care types and purchase years, in pairs (e.g. msz 2027); none: every "
             "calendar on the search path.")] = None,
    within: Annotated[int | None, typer.Option(
        "--within", metavar="N",
        help=f"Warn of every deadline from today through N days ahead (default "
             f"{DEFAULT_WITHIN}).")] = None,
    days: Annotated[str | None, typer.Option(
        "--days", metavar="N,N,...",
        help="Warn only of deadlines exactly this many days away, e.g. 14,7,1 (and of "
             "those due today).")] = None,
    on: OnOption = None,
    today: TodayOption = None,
    atw: AtwOption = False,
    condition: ConditionOption = None,
    unconditional: UnconditionalOption = False,
    insurer: InsurerOption = None,
    format: Annotated[ListFormat, typer.Option("--format", help="table or json.")] = (
        ListFormat.table),
    lang: LangOption = Language.nl,
    calendars: CalendarsOption = None,
    ledger: LedgerOption = None,
    mail_to: Annotated[list[str] | None, typer.Option(
        "--mail-to", metavar="ADDR",
        help="Also mail the warnings to ADDR (repeatable); no mail when nothing is due.",
    )] = None,
    mail_from: Annotated[str | None, typer.Option(
        "--mail-from", metavar="ADDR",
        help="The sender (default: zinkoop@ this machine's host name).")] = None,
    smtp_host: Annotated[str | None, typer.Option(
        "--smtp-host", metavar="HOST", help="The SMTP server (default: localhost).")] = None,
    smtp_port: Annotated[int | None, typer.Option(
        "--smtp-port", metavar="PORT", min=1, max=65535,
        help="The SMTP server's port (default: 25).")] = None,
    starttls: Annotated[bool, typer.Option(
        "--starttls", help="Switch to TLS (STARTTLS) before logging in and sending.")] = False,
    smtp_user: Annotated[str | None, typer.Option(
        "--smtp-user", metavar="USER",
        help="Log in as USER; the password comes from the environment variable "
             "ZINKOOP_SMTP_PASSWORD, never from the command line.")] = None,
) -> None:
    """Warn of deadlines that fall due soon: silent with exit 0 when none do, exit 1 when some do.

    Made for cron, which mails whatever a job prints: one line per deadline, most urgent
    first, with the days left, the day, the care type, the activity and who must act.
    Deadlines due today are always included; past, undated and unresolved ones, periods
    and starts never warn.

    Examples:

      zinkoop warn

      zinkoop warn msz 2027 --within 14

      zinkoop warn msz 2027 ambulancezorg 2027 --days 14,7,1

      zinkoop warn msz 2027 --on ontvangst=2026-09-14 --atw

      zinkoop warn --mail-to inkoop@example.nl --smtp-host mail.example.nl --starttls
    """
    chosen_within, chosen_days = window(within, days)
    named = pairs(targets or [])
    mail = None
    if mail_to or any(value is not None for value in (mail_from, smtp_host, smtp_port,
                                                      smtp_user)) or starttls:
        # Checked before any work: a bad address must not leave half a job done.
        from zinkoop_cli.cli.mail import mail_settings

        mail = mail_settings(mail_to or [], mail_from, smtp_host, smtp_port, starttls,
                             smtp_user)
    day = today_in_amsterdam(today)
    catalog = load_catalog(calendars_dirs(calendars))
    picked = chosen_calendars(catalog, named, insurer)
    rows, shown, events = gather(catalog, picked, on, day, atw)
    rows = select(rows, condition, unconditional)

    from zinkoop_cli.core.due import unique_rows, warnings

    tracked = tracked_deadlines(catalog, picked, ledger, day, atw, condition, unconditional)
    due = warnings(unique_rows(rows), tracked, day, chosen_within, chosen_days)
    if not due:
        return  # cron mails any output; nothing due must mean nothing printed
    language = lang_of(lang)
    if format is ListFormat.json:
        from zinkoop_cli.render.jsonout import dumps
        from zinkoop_cli.render.warn import warnings_document

        write(dumps(warnings_document(day, shown, due, language, events)))
    else:
        from zinkoop_cli.render.terminal import emit
        from zinkoop_cli.render.warn import warning_lines

        emit(warning_lines(due, day, language))
    if mail is not None:
        import sys

        from zinkoop_cli.cli.mail import send
        from zinkoop_cli.render.mail import warning_mail
        from zinkoop_cli.render.warn import plain, subject, warning_lines

        # The warnings are out before the server is tried: if it fails, cron still has them.
        sys.stdout.flush()
        body = plain(warning_lines(due, day, language))
        send(mail, warning_mail(subject(due, language), body, mail.sender.header,
                                [box.header for box in mail.to]))
    raise typer.Exit(1)


def tracked_deadlines(catalog: Catalog, picked: list[Calendar], ledger: Path | None,
                      today: date, atw: bool, condition: str | None,
                      unconditional: bool) -> list[ContractDeadline]:
    """The own deadlines of the contracts tracked for the chosen calendars.

    No ledger yet means nothing tracked: sqlite3 is not even imported then, which keeps the
    daily cron run of someone who does not track contracts as quick as before.
    """
    import os

    from zinkoop_cli.loading.paths import ledger_path

    path = ledger_path(ledger, os.environ)
    if ledger is None and not path.exists():
        return []
    from zinkoop_cli.loading.ledger import Ledger

    wanted = {calendar.id for calendar in picked}
    found = [deadline for deadline in Ledger(path).contract_deadlines(catalog, today, atw=atw)
             if deadline.contract.calendar in wanted]
    return select_tracked(found, condition, unconditional)
