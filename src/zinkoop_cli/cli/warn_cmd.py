"""`zinkoop warn [CARE YEAR]...`: what falls due soon, for cron; silent when nothing does."""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from zinkoop_cli.cli.app import app
from zinkoop_cli.cli.common import parse_year, where
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
    TargetsArgument,
    TodayOption,
    UnconditionalOption,
    lang_of,
    parse_on,
    today_in_amsterdam,
)
from zinkoop_cli.core.selection import Selection
from zinkoop_cli.errors import UsageError

if TYPE_CHECKING:
    from zinkoop_cli.app.warn import Window
    from zinkoop_cli.cli.mail import MailSettings
    from zinkoop_cli.core.due import Alert
    from zinkoop_cli.core.lang import Lang


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


def window(within: int | None, days: str | None) -> Window:
    from zinkoop_cli.app.warn import Window

    if within is not None and days is not None:
        raise UsageError("--within and --days choose the days in different ways; give one")
    if days is not None:
        return Window(None, parse_days(days))
    if within is None:
        return Window(None, None)  # each entry's own days, the config file's, else 14
    if within < 0:
        raise UsageError(f"--within {within}: give 0 (only today) or more days")
    return Window(within, None)


def pairs(targets: list[str]) -> list[tuple[str, int]]:
    if len(targets) % 2:
        raise UsageError(f"{' '.join(targets)}: give a care type and a purchase year for each "
                         "calendar, e.g. 'zinkoop warn msz 2027 ambulancezorg 2027'")
    return [(care, parse_year(year)) for care, year in zip(targets[::2], targets[1::2],
                                                             strict=True)]


@app.command("warn")
def warn(
    targets: TargetsArgument = None,
    within: Annotated[int | None, typer.Option(
        "--within", metavar="N",
        help="Warn of every deadline from today through N days ahead (default: each "
             "entry's own warn days, else the config file's, else 14).")] = None,
    days: Annotated[str | None, typer.Option(
        "--days", metavar="N,N,...",
        help="Warn only of deadlines exactly this many days away, e.g. 14,7,1 (and of "
             "those due today), whatever the calendars and config file say.")] = None,
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
    Deadlines due today are always included; past, undated and unresolved ones and facts
    never warn, and a happening warns on the day it starts. Without --within or --days,
    each entry warns on its own days (its calendar's warn key, else the config file's,
    ~/.config/zinkoop/config.toml), else every day of the last 14.

    Examples:

      zinkoop warn

      zinkoop warn msz 2027 --within 14

      zinkoop warn msz 2027 ambulancezorg 2027 --days 14,7,1

      zinkoop warn msz 2027 --on ontvangst=2026-09-14 --atw

      zinkoop warn --mail-to inkoop@example.nl --smtp-host mail.example.nl --starttls
    """
    chosen = window(within, days)
    named = pairs(targets or [])
    mail = None
    if mail_to or any(value is not None for value in (mail_from, smtp_host, smtp_port,
                                                      smtp_user)) or starttls:
        # Checked before any work: a bad address must not leave half a job done.
        from zinkoop_cli.cli.mail import mail_settings

        mail = mail_settings(mail_to or [], mail_from, smtp_host, smtp_port, starttls,
                             smtp_user)
    day = today_in_amsterdam(today)
    from zinkoop_cli.app.warn import warn as due_soon
    from zinkoop_cli.render.formats import ALERTS

    found = due_soon(where(ledger, calendars), named, day, parse_on(on),
                     Selection(atw, condition, unconditional, False, insurer), chosen)
    if not found.alerts:
        return  # cron mails any output; nothing due must mean nothing printed
    ALERTS[format.value](day, found.calendars, found.alerts, lang_of(lang), sys.stdout)
    if mail is not None:
        # The warnings are out before the server is tried: if it fails, cron still has them.
        sys.stdout.flush()
        send_alerts(mail, found.alerts, day, lang_of(lang))
    raise typer.Exit(1)


def send_alerts(mail: MailSettings, alerts: list[Alert], day: date, lang: Lang) -> None:
    from zinkoop_cli.cli.mail import send
    from zinkoop_cli.render.mail import warning_mail
    from zinkoop_cli.render.warn import plain, subject, warning_lines

    body = plain(warning_lines(alerts, day, lang))
    send(mail, warning_mail(subject(alerts, lang), body, mail.sender.header,
                            [box.header for box in mail.to]))
