"""Mailing warnings over SMTP: settings checked before any work, one line when delivery fails.

Imported only when a mail option is given: smtplib, ssl and the email package cost start-up
time that a run without mail should not pay.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Mapping, Sequence
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from typing import Any, NamedTuple

from zinkoop_cli.errors import MailError, UsageError

PASSWORD_ENV = "ZINKOOP_SMTP_PASSWORD"
DEFAULT_HOST = "localhost"
DEFAULT_PORT = 25
# Long enough for a slow relay, short enough that a hung server cannot stall cron for good.
TIMEOUT = 30.0


class Mailbox(NamedTuple):
    header: str  # as it goes in From/To, display name quoted where needed
    spec: str  # the bare name@domain for the SMTP envelope


class MailSettings(NamedTuple):
    to: tuple[Mailbox, ...]
    sender: Mailbox
    host: str
    port: int
    starttls: bool
    user: str | None
    password: str | None


def mailbox(text: str, option: str) -> Mailbox:
    """``name@example.nl`` or ``Naam <name@example.nl>``, or a usage error.

    A line break would let an address add headers of its own ("Bcc: ..."), so control
    characters are refused before anything is parsed.
    """
    if any(ord(char) < 32 or ord(char) == 127 for char in text):
        raise UsageError(f"{option} {text!r}: an address cannot contain a line break or "
                         "other control character")
    stripped = text.strip()
    name, spec = "", stripped
    if stripped.endswith(">") and "<" in stripped:
        before, _, inside = stripped.rpartition("<")
        name, spec = before.strip().strip('"').strip(), inside[:-1].strip()
    try:
        # A display name with its own brackets would hide which address is meant.
        address = None if any(char in name for char in "<>") else Address(
            display_name=name, addr_spec=spec)
    except (ValueError, IndexError, HeaderParseError):
        address = None
    if address is None or not address.username or not address.domain:
        raise UsageError(f"{option} {text!r}: not a mail address; write one address as "
                         "name@example.nl or 'Naam <name@example.nl>'")
    return Mailbox(str(address), address.addr_spec)


def default_sender() -> str:
    import socket

    return f"zinkoop@{socket.gethostname()}"


def check_host(host: str) -> None:
    """A usage error for a host name that no lookup could take, before any work is done."""
    if not host.strip() or any(char.isspace() or not char.isprintable() for char in host):
        raise UsageError(f"--smtp-host {host!r}: give a host name or address, e.g. "
                         "mail.example.nl")
    try:
        # What the resolver will be given; an empty or over-long label fails only there.
        host.encode("idna")
    except UnicodeError:
        raise UsageError(f"--smtp-host {host!r}: not a host name (each part between dots "
                         "must hold 1 to 63 characters); give e.g. mail.example.nl") from None


def mail_settings(
    to: Sequence[str],
    sender: str | None,
    host: str | None,
    port: int | None,
    starttls: bool,
    user: str | None,
    env: Mapping[str, str] | None = None,
) -> MailSettings | None:
    """The mail options checked as a whole; None when no mail is wanted."""
    env = os.environ if env is None else env
    if not to:
        given = [name for name, value in (("--mail-from", sender), ("--smtp-host", host),
                                          ("--smtp-port", port), ("--smtp-user", user))
                 if value is not None] + (["--starttls"] if starttls else [])
        if given:
            raise UsageError(f"{given[0]} only matters with --mail-to; add --mail-to ADDR")
        return None
    recipients = tuple(mailbox(address, "--mail-to") for address in to)
    if sender is None:
        try:
            from_box = mailbox(default_sender(), "--mail-from")
        except UsageError:
            raise UsageError(f"the default sender {default_sender()!r} is not a mail address; "
                             "give one with --mail-from") from None
    else:
        from_box = mailbox(sender, "--mail-from")
    if host is not None:
        check_host(host)
    password = None
    if user is not None:
        password = env.get(PASSWORD_ENV)
        if not password:
            raise UsageError(f"--smtp-user {user}: set the password in the environment "
                             f"variable {PASSWORD_ENV} (it is never an option, so that it "
                             "stays out of ps and shell history)")
        # Python's smtplib sends login names and passwords as ASCII only.
        if not (user.isascii() and password.isascii()):
            raise UsageError(f"--smtp-user and {PASSWORD_ENV} must be ASCII: SMTP login "
                             "cannot send other characters; use an application password")
    return MailSettings(recipients, from_box, host or DEFAULT_HOST,
                        DEFAULT_PORT if port is None else port, starttls, user, password)


def _one_line(text: str | bytes) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return " ".join(text.split())


class _LastLine:
    """The server's reply stream, keeping the line last read for a message."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.last = b""

    def readline(self, size: int = -1) -> bytes:
        self.last = self.stream.readline(size)
        return self.last

    def close(self) -> None:
        self.stream.close()


class _NotSmtp(smtplib.SMTPException):
    """The server said something that is no SMTP reply (no three-digit code)."""

    def __init__(self, line: bytes) -> None:
        super().__init__(line)
        self.line = _one_line(line)


class _Smtp(smtplib.SMTP):
    """smtplib's client, which names what a server said when it is no SMTP reply.

    smtplib itself reports code -1 and cuts the first four characters off the line.
    """

    def getreply(self) -> tuple[int, bytes]:
        if self.file is None and self.sock is not None:
            self.file = _LastLine(self.sock.makefile("rb"))
        code, text = super().getreply()
        if code == -1:
            line = self.file.last if isinstance(self.file, _LastLine) else text
            self.close()
            raise _NotSmtp(line)
        return code, text


def send(settings: MailSettings, message: EmailMessage) -> None:
    """Deliver ``message``; any refusal or network failure becomes one MailError."""
    from email.utils import formatdate, make_msgid

    message["Date"] = formatdate(localtime=True)
    # make_msgid() would ask DNS for this machine's name; the sender's domain needs no lookup.
    message["Message-ID"] = make_msgid(domain=settings.sender.spec.rpartition("@")[2])
    try:
        refused = _deliver(settings, message)
    except (smtplib.SMTPException, OSError) as error:
        raise _failure(error, settings) from None
    if refused:
        reasons = "; ".join(f"{address}: {code} {_one_line(text)}"
                            for address, (code, text) in refused.items())
        raise MailError(f"mail not delivered to {', '.join(refused)}: "
                        f"{settings.host}:{settings.port} refused ({reasons}); the other "
                        "recipients have it")


def _deliver(settings: MailSettings, message: EmailMessage) -> dict[str, tuple[int, bytes]]:
    """One SMTP conversation; the recipients the server refused while taking the rest."""
    smtp = _Smtp(settings.host, settings.port, timeout=TIMEOUT)
    try:
        if settings.starttls:
            smtp.starttls(context=ssl.create_default_context())
        if settings.user is not None:
            smtp.login(settings.user, settings.password or "")
        refused = smtp.send_message(message, settings.sender.spec,
                                    [box.spec for box in settings.to])
    except BaseException:
        smtp.close()  # no QUIT: a server that just failed may not answer it either
        raise
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()  # the message was accepted; a lost goodbye does not undo that
    return refused


def _failure(error: smtplib.SMTPException | OSError, settings: MailSettings) -> MailError:
    """The one line that says why the mail was not delivered, and what to check."""
    where = f"{settings.host}:{settings.port}"
    lost = f"mail to {', '.join(box.spec for box in settings.to)} not delivered"
    if isinstance(error, _NotSmtp):
        shown = error.line if len(error.line) <= 60 else error.line[:57] + "..."
        return MailError(f"{lost}: {where} did not answer as an SMTP server (said {shown!r}); "
                         "check --smtp-host and --smtp-port")
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        reasons = "; ".join(f"{address}: {code} {_one_line(text)}"
                            for address, (code, text) in error.recipients.items())
        return MailError(f"mail not delivered: {where} refused every recipient ({reasons})")
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return MailError(f"mail not delivered: {where} refused the login of "
                         f"{settings.user!r} ({error.smtp_code} {_one_line(error.smtp_error)}); "
                         f"check --smtp-user and {PASSWORD_ENV}")
    if isinstance(error, smtplib.SMTPResponseException):
        return MailError(f"{lost}: {where} answered {error.smtp_code} "
                         f"{_one_line(error.smtp_error)}")
    if isinstance(error, smtplib.SMTPException):
        return MailError(f"{lost}: {where}: {_one_line(str(error))}")
    if isinstance(error, ssl.SSLError):
        return MailError(f"{lost}: STARTTLS with {where} failed ({_one_line(str(error))}); "
                         "check --smtp-host, or leave out --starttls if the server offers no TLS")
    if isinstance(error, TimeoutError):
        return MailError(f"{lost}: {where} did not answer within {TIMEOUT:.0f} seconds; check "
                         "--smtp-host and --smtp-port")
    return MailError(f"{lost}: cannot reach {where} ({_one_line(error.strerror or str(error))}); "
                     "check --smtp-host and --smtp-port, and that a mail server runs there")
