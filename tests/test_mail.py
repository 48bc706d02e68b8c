"""`zinkoop warn --mail-to` against a real SMTP server (aiosmtpd) on 127.0.0.1, no mocks."""

from __future__ import annotations

import contextlib
import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from tests.conftest import TODAY, Runner, golden
from zinkoop_cli.cli.mail import mailbox
from zinkoop_cli.errors import UsageError

MSZ = ("warn", "msz", "2027", "--today", TODAY)
# On 29 October 2026 with the RAV's aanbieding on 5 October: ambulancezorg's lines hold
# "repatriëring", which must arrive intact.
BOTH = ("warn", "msz", "2027", "ambulancezorg", "2027", "--today", TODAY,
        "--on", "aanbieding=2026-10-05")
REFUSED = "weg@example.nl"
USER, PASSWORD = "inkoop", "geheim wachtwoord"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Inbox:
    """An aiosmtpd handler that keeps every message and refuses one recipient."""

    def __init__(self) -> None:
        self.envelopes: list[Envelope] = []
        self.logins: list[str] = []

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope,  # noqa: N802 (aiosmtpd hook)
                          address: str, rcpt_options: list[str]) -> str:
        if address == REFUSED:
            return "550 5.1.1 no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session,  # noqa: N802 (aiosmtpd hook)
                          envelope: Envelope) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self) -> list[EmailMessage]:
        found = []
        for envelope in self.envelopes:
            content = envelope.original_content or envelope.content
            assert isinstance(content, bytes)
            parsed = message_from_bytes(content, policy=policy.default)
            assert isinstance(parsed, EmailMessage)
            found.append(parsed)
        return found

    def authenticate(self, server: SMTP, session: Session, envelope: Envelope,
                     mechanism: str, auth_data: Any) -> AuthResult:
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login == USER.encode()
              and auth_data.password == PASSWORD.encode())
        if ok:
            self.logins.append(USER)
        return AuthResult(success=ok, handled=False)  # False: the server answers 535


class Server(NamedTuple):
    inbox: Inbox
    port: str


def serve(inbox: Inbox, **options: Any) -> Iterator[Server]:
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield Server(inbox, str(port))
    finally:
        controller.stop()


@pytest.fixture
def server() -> Iterator[Server]:
    yield from serve(Inbox())


@pytest.fixture(scope="session")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, made with the openssl command."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


@pytest.fixture
def tls_server(certificate: tuple[Path, Path]) -> Iterator[Server]:
    """A server that wants STARTTLS before anything, then a login."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    inbox = Inbox()
    yield from serve(inbox, tls_context=context, require_starttls=True, auth_required=True,
                     authenticator=inbox.authenticate)


def to_server(server: Server, *more: str) -> tuple[str, ...]:
    return ("--smtp-host", "127.0.0.1", "--smtp-port", server.port,
            "--mail-from", "zinkoop@example.nl", *more)


def test_mail_arrives_with_the_same_items(run: Runner, server: Server) -> None:
    result = run(*BOTH, *to_server(server, "--mail-to", "Team Inkoop <inkoop@example.nl>",
                                   "--mail-to", "contract@example.nl"))
    assert (result.code, result.err) == (1, "")
    golden("warn-msz-ambulancezorg.txt", result.out)
    (envelope,) = server.inbox.envelopes
    assert envelope.mail_from == "zinkoop@example.nl"
    assert envelope.rcpt_tos == ["inkoop@example.nl", "contract@example.nl"]
    (message,) = server.inbox.messages()
    assert result.out.count("\n") == 5
    assert message["Subject"] == "zinkoop: 5 deadlines, eerste zo 1 nov 2026"
    assert message["From"] == "zinkoop@example.nl"
    assert message["To"] == "Team Inkoop <inkoop@example.nl>, contract@example.nl"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["Date"] is not None
    assert message["Message-ID"].endswith("@example.nl>")
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    body = message.get_content().replace("\r\n", "\n")  # lines end in CRLF on the wire
    assert body == result.out
    assert "repatriëring" in body
    assert "VECOZO" in body


def test_mail_subject_for_one_deadline_in_english(run: Runner, server: Server) -> None:
    result = run(*MSZ, "--days", "13", "--lang", "en",
                 *to_server(server, "--mail-to", "inkoop@example.nl"))
    assert result.code == 1
    (message,) = server.inbox.messages()
    assert message["Subject"] == "zinkoop: 1 deadline, Wed 11 Nov 2026"
    assert message.get_content().replace("\r\n", "\n") == result.out


def test_json_output_still_mails_the_lines(run: Runner, server: Server) -> None:
    result = run(*MSZ, "--format", "json", *to_server(server, "--mail-to", "a@example.nl"))
    assert result.code == 1
    assert result.out.startswith("{")
    (message,) = server.inbox.messages()
    assert message.get_content().replace("\r\n", "\n") == run(*MSZ).out


def test_no_mail_when_nothing_is_due(run: Runner, server: Server) -> None:
    result = run("warn", "msz", "2027", "--today", "2026-12-20", "--within", "3",
                 *to_server(server, "--mail-to", "inkoop@example.nl"))
    assert (result.code, result.out, result.err) == (0, "", "")
    assert server.inbox.envelopes == []


def test_dead_server_is_exit_4_after_the_warnings(run: Runner) -> None:
    port = str(free_port())  # nothing listens there once the probe is closed
    result = run(*MSZ, "--mail-to", "inkoop@example.nl", "--smtp-host", "127.0.0.1",
                 "--smtp-port", port, "--mail-from", "zinkoop@example.nl")
    assert result.code == 4
    assert result.out == run(*MSZ).out
    assert result.out.count("\n") == 3
    assert result.err.count("\n") == 1
    assert result.err.startswith(f"zinkoop: mail to inkoop@example.nl not delivered: cannot "
                                 f"reach 127.0.0.1:{port} (")
    assert "Traceback" not in result.err


@pytest.mark.parametrize("address", [
    "a@b\nBcc: x@y", "a@b.nl\r\nBcc: x@y", "not an address", "inkoop@example.nl, x@y.nl",
    "inkoop", "@example.nl", "inkoop@", "in koop@example.nl", "<inkoop@example.nl", "",
])
def test_bad_recipient_is_exit_2_and_nothing_is_sent(run: Runner, server: Server,
                                                     address: str) -> None:
    result = run(*MSZ, *to_server(server, "--mail-to", "inkoop@example.nl",
                                  "--mail-to", address))
    assert result.code == 2, result
    assert result.out == ""
    assert result.err.startswith("zinkoop: --mail-to ")
    assert result.err.count("\n") == 1
    assert server.inbox.envelopes == []


def test_bad_sender_is_exit_2(run: Runner, server: Server) -> None:
    result = run(*MSZ, "--mail-to", "inkoop@example.nl", "--smtp-host", "127.0.0.1",
                 "--smtp-port", server.port, "--mail-from", "zinkoop@example.nl\nBcc: x@y")
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith("zinkoop: --mail-from ")
    assert server.inbox.envelopes == []


def test_default_sender_is_zinkoop_at_this_host(run: Runner, server: Server) -> None:
    result = run(*MSZ, "--mail-to", "inkoop@example.nl", "--smtp-host", "127.0.0.1",
                 "--smtp-port", server.port)
    assert result.code == 1, result.err
    (envelope,) = server.inbox.envelopes
    assert envelope.mail_from == f"zinkoop@{socket.gethostname()}"


def test_recipient_refused_is_exit_4_and_the_others_get_it(run: Runner,
                                                          server: Server) -> None:
    result = run(*MSZ, *to_server(server, "--mail-to", "inkoop@example.nl",
                                  "--mail-to", REFUSED))
    assert result.code == 4
    assert result.out.count("\n") == 3
    assert result.err == (f"zinkoop: mail not delivered to {REFUSED}: 127.0.0.1:{server.port} "
                          f"refused ({REFUSED}: 550 5.1.1 no such mailbox here); the other "
                          "recipients have it\n")
    (envelope,) = server.inbox.envelopes
    assert envelope.rcpt_tos == ["inkoop@example.nl"]
    only = run(*MSZ, *to_server(server, "--mail-to", REFUSED))
    assert only.code == 4
    assert "refused every recipient" in only.err
    assert len(server.inbox.envelopes) == 1


def test_mail_options_need_mail_to(run: Runner) -> None:
    for option in (("--smtp-host", "mail.example.nl"), ("--smtp-port", "587"), ("--starttls",),
                   ("--smtp-user", "jan"), ("--mail-from", "a@example.nl")):
        result = run(*MSZ, *option)
        assert (result.code, result.out) == (2, ""), option
        assert f"{option[0]} only matters with --mail-to" in result.err


def test_smtp_user_needs_the_password_in_the_environment(
        run: Runner, server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZINKOOP_SMTP_PASSWORD", raising=False)
    result = run(*MSZ, *to_server(server, "--mail-to", "a@example.nl", "--smtp-user", USER))
    assert (result.code, result.out) == (2, "")
    assert "ZINKOOP_SMTP_PASSWORD" in result.err
    assert server.inbox.envelopes == []
    monkeypatch.setenv("ZINKOOP_SMTP_PASSWORD", "wachtwoord-é")
    result = run(*MSZ, *to_server(server, "--mail-to", "a@example.nl", "--smtp-user", USER))
    assert (result.code, result.out) == (2, "")
    assert "must be ASCII" in result.err
    assert server.inbox.envelopes == []
    # No --smtp-password option exists: a password on the command line would show in ps.
    result = run(*MSZ, "--smtp-password", "x")
    assert result.code == 2
    assert "No such option" in result.err


def test_bad_port_is_a_usage_error(run: Runner) -> None:
    result = run(*MSZ, "--mail-to", "a@example.nl", "--smtp-port", "70000")
    assert (result.code, result.out) == (2, "")
    assert "--smtp-port" in result.err


def test_starttls_login_and_delivery(run: Runner, tls_server: Server,
                                     certificate: tuple[Path, Path],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # The test certificate is trusted the way OpenSSL lets an operator do it for real.
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    monkeypatch.setenv("ZINKOOP_SMTP_PASSWORD", PASSWORD)
    result = run(*MSZ, *to_server(tls_server, "--mail-to", "a@example.nl", "--starttls",
                                  "--smtp-user", USER))
    assert (result.code, result.err) == (1, "")
    assert tls_server.inbox.logins == [USER]
    (message,) = tls_server.inbox.messages()
    assert message.get_content().replace("\r\n", "\n") == result.out


def test_starttls_refusals_are_exit_4(run: Runner, tls_server: Server,
                                      certificate: tuple[Path, Path],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZINKOOP_SMTP_PASSWORD", "fout")
    base = (*MSZ, *to_server(tls_server, "--mail-to", "a@example.nl"))
    # Without --starttls the server wants TLS first.
    plain = run(*base, "--smtp-user", USER)
    assert plain.code == 4
    assert plain.out.count("\n") == 3
    # The certificate is not trusted: verification fails, nothing is sent in clear.
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0].with_name("none.pem")))
    untrusted = run(*base, "--starttls", "--smtp-user", USER)
    assert untrusted.code == 4
    assert "STARTTLS with 127.0.0.1" in untrusted.err
    assert "certificate verify failed" in untrusted.err
    # Trusted, but the wrong password.
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    wrong = run(*base, "--starttls", "--smtp-user", USER)
    assert wrong.code == 4
    assert f"refused the login of {USER!r} (535" in wrong.err
    assert "check --smtp-user and ZINKOOP_SMTP_PASSWORD" in wrong.err
    for failed in (plain, untrusted, wrong):
        assert failed.err.count("\n") == 1, failed.err
        assert "Traceback" not in failed.err
    assert tls_server.inbox.envelopes == []


def test_starttls_against_a_server_without_tls_is_exit_4(run: Runner, server: Server) -> None:
    result = run(*MSZ, *to_server(server, "--mail-to", "a@example.nl", "--starttls"))
    assert result.code == 4
    assert "STARTTLS extension not supported" in result.err
    assert server.inbox.envelopes == []


@pytest.mark.parametrize("host", ["a..b", "x" * 70 + ".example.nl", ".", "mail\x00.nl",
                                  "mail.example.nl\n"])
def test_impossible_smtp_host_is_a_usage_error_before_any_work(run: Runner, host: str) -> None:
    result = run(*MSZ, "--mail-to", "a@example.nl", "--smtp-host", host)
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith("zinkoop: --smtp-host ")
    assert result.err.count("\n") == 1, result.err


@contextlib.contextmanager
def talker(lines: list[bytes]) -> Iterator[str]:
    """A server on 127.0.0.1 that is no SMTP server: it says ``lines``, one per line read."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = str(listener.getsockname()[1])

    def answer() -> None:
        with listener, contextlib.suppress(OSError):
            conn, _ = listener.accept()
            with conn, conn.makefile("rb") as heard:
                conn.sendall(lines[0])
                for line in lines[1:]:
                    heard.readline()
                    conn.sendall(line)
                heard.readline()

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    try:
        yield port
    finally:
        thread.join(timeout=10)


@pytest.mark.parametrize(("lines", "said"), [
    ([b"garbage\r\n"], "garbage"),
    ([b"220 mail.example.nl ESMTP\r\n", b"HTTP/1.1 400 Bad Request\r\n"],
     "HTTP/1.1 400 Bad Request"),
])
def test_a_server_that_speaks_no_smtp_is_one_line_exit_4(run: Runner, lines: list[bytes],
                                                         said: str) -> None:
    with talker(lines) as port:
        result = run(*MSZ, "--mail-to", "a@example.nl", "--smtp-host", "127.0.0.1",
                     "--smtp-port", port, "--mail-from", "zinkoop@example.nl")
        assert result.code == 4
        assert result.out.count("\n") == 3  # the warnings were printed all the same
        assert result.err == (f"zinkoop: mail to a@example.nl not delivered: 127.0.0.1:{port} "
                              f"did not answer as an SMTP server (said {said!r}); check "
                              "--smtp-host and --smtp-port\n")


@pytest.mark.parametrize(("text", "header", "spec"), [
    ("inkoop@example.nl", "inkoop@example.nl", "inkoop@example.nl"),
    ("  inkoop@example.nl ", "inkoop@example.nl", "inkoop@example.nl"),
    ("Team Inkoop <inkoop@example.nl>", "Team Inkoop <inkoop@example.nl>",
     "inkoop@example.nl"),
    ('"Inkoop, Team" <inkoop@example.nl>', '"Inkoop, Team" <inkoop@example.nl>',
     "inkoop@example.nl"),
    ("root@localhost", "root@localhost", "root@localhost"),
])
def test_mailbox_accepts(text: str, header: str, spec: str) -> None:
    assert mailbox(text, "--mail-to") == (header, spec)


@pytest.mark.parametrize("text", ["a@b.nl\nBcc: x@y", "a@b.nl\x00", "a@b.nl extra",
                                  "Naam <a@b.nl> <c@d.nl>", "a@@b.nl", "é@b.nl"])
def test_mailbox_refuses(text: str) -> None:
    with pytest.raises(UsageError, match="--mail-to"):
        mailbox(text, "--mail-to")
