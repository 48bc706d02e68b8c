"""Warnings as a plain-text mail message (UTF-8), ready for any SMTP server."""

from __future__ import annotations

from collections.abc import Sequence
from email.message import EmailMessage

from zinkoop_cli.core.text import visible


def warning_mail(subject: str, body: str, sender: str, to: Sequence[str]) -> EmailMessage:
    """A text/plain message; Date and Message-ID are stamped by whoever sends it.

    Quoted-printable keeps the body 7-bit, so a server without 8BITMIME delivers
    "repatriëring" intact, and long activity lines survive the 998-octet line limit.
    """
    message = EmailMessage()
    message["Subject"] = visible(subject).replace("\n", " ")
    message["From"] = sender
    message["To"] = ", ".join(to)
    # RFC 3834: tells vacation responders and mailing lists not to answer a cron job.
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(visible(body), charset="utf-8", cte="quoted-printable")
    return message
