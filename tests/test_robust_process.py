"""Real processes: full disks, closed pipes and descriptors, odd encodings, FIFOs, signals.

Every run has a timeout, so a hang fails the test instead of hanging it.
"""

from __future__ import annotations

import io
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from tests.conftest import TODAY

ZINKOOP = [sys.executable, "-m", "zinkoop_cli"]
DEADLINES = ("deadlines", "msz", "2027", "--today", TODAY)
WARN = ("warn", "--within", "400", "--today", "2026-06-01")

Run = Callable[..., subprocess.CompletedProcess[bytes]]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    found = {k: v for k, v in os.environ.items()
             if not k.startswith(("ZINKOOP_", "PYTHONIOENCODING"))}
    found.update(XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
                 NO_COLOR="1", COLUMNS="80")
    return found


@pytest.fixture
def zinkoop(env: dict[str, str]) -> Run:
    def run(*args: str, shell: str = "", timeout: float = 30,
            **kwargs: object) -> subprocess.CompletedProcess[bytes]:
        """``zinkoop ARGS``; with ``shell``, through bash with that redirection after it."""
        command: Sequence[str] = [*ZINKOOP, *args]
        if shell:
            command = ["bash", "-c", f'"$@" {shell}', "bash", *command]
        kwargs.setdefault("stdout", subprocess.PIPE)
        kwargs.setdefault("stderr", subprocess.PIPE)
        done: subprocess.CompletedProcess[bytes] = subprocess.run(
            command, env=kwargs.pop("env", env), timeout=timeout, check=False,
            **kwargs)  # type: ignore[call-overload]
        return done

    return run


def one_line(err: bytes) -> str:
    text = err.decode(errors="replace")  # a Latin-1 run writes Latin-1
    assert "Traceback" not in text, text
    assert "Exception ignored" not in text, text
    lines = text.splitlines()
    assert len(lines) == 1, text
    return lines[0]


@pytest.mark.parametrize("unbuffered", ["", "1"])
def test_full_disk_on_stdout_is_exit_4(zinkoop: Run, env: dict[str, str],
                                       unbuffered: str) -> None:
    env["PYTHONUNBUFFERED"] = unbuffered
    with open("/dev/full", "wb") as full:
        done = zinkoop(*DEADLINES, stdout=full, env=env)
    assert done.returncode == 4
    assert one_line(done.stderr) == ("zinkoop: cannot write standard output: No space left on "
                                     "device; the disk is full; make room or choose another place")


@pytest.mark.parametrize("args", [WARN, ("export", "msz", "2027", "-q", "-o", "-"),
                                  ("export", "msz", "2027", "-q", "-o", "/dev/stdout")])
def test_closed_pipe_is_quiet(zinkoop: Run, args: tuple[str, ...]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first byte
    try:
        done = zinkoop(*args, stdout=write_end)
    finally:
        os.close(write_end)
    assert done.returncode == 141
    assert done.stderr == b""


def test_head_takes_one_line_and_nothing_is_said(zinkoop: Run) -> None:
    done = zinkoop(*WARN, "--lang", "en", shell="| head -1")
    assert done.returncode == 0
    assert done.stdout.count(b"\n") == 1
    assert done.stderr == b""


def test_closed_stdout_loses_output_loudly(zinkoop: Run, tmp_path: Path) -> None:
    done = zinkoop(*DEADLINES, shell=">&-")
    assert done.returncode == 4
    assert one_line(done.stderr) == ("zinkoop: cannot write standard output: Bad file "
                                     "descriptor; it is closed")
    target = tmp_path / "msz.ics"  # a command that prints nothing does not mind
    done = zinkoop("export", "msz", "2027", "-o", str(target), shell=">&-")
    assert done.returncode == 0
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_closed_stderr_keeps_the_exit_code(zinkoop: Run, tmp_path: Path) -> None:
    done = zinkoop(*DEADLINES, shell="2>&-")
    assert done.returncode == 0
    assert b"msz" in done.stdout.lower()
    assert zinkoop("deadlines", "msz", "1999", shell="2>&-").returncode == 2
    assert zinkoop("deadlines", "nosuchcare", "2027", shell="2>&-").returncode == 3
    assert zinkoop(*WARN, shell="2>&-").returncode == 1


@pytest.mark.parametrize("unbuffered", ["", "1"])
def test_full_stderr_keeps_the_exit_code(zinkoop: Run, env: dict[str, str], tmp_path: Path,
                                         unbuffered: str) -> None:
    env["PYTHONUNBUFFERED"] = unbuffered
    with open("/dev/full", "wb") as full:
        done = zinkoop("export", "msz", "2027", "-o", "-", stderr=full, env=env)
        assert done.returncode == 0  # the calendar is out; only its report found no room
        assert done.stdout.startswith(b"BEGIN:VCALENDAR")
        done = zinkoop("deadlines", "nosuchcare", "2027", stderr=full, env=env)
        assert done.returncode == 3


def test_closed_stderr_does_not_end_up_in_the_export(zinkoop: Run, tmp_path: Path) -> None:
    # Descriptor 2 closed: the temporary file would get number 2 and the report with it.
    target = tmp_path / "msz.ics"
    done = zinkoop("export", "msz", "2027", "-o", str(target), shell="2>&- 0<&-")
    assert done.returncode == 0
    data = target.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR")
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert b"events" not in data


@pytest.mark.parametrize("setting", [{"PYTHONIOENCODING": "ascii"},
                                     {"LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "latin-1"}])
def test_narrow_encoding_still_reads(zinkoop: Run, env: dict[str, str],
                                     setting: dict[str, str]) -> None:
    env.update(setting)
    done = zinkoop(*DEADLINES, "--lang", "en", "--format", "json", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    assert b'"today"' in done.stdout
    done = zinkoop(*DEADLINES, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    done = zinkoop("deadlines", "zorg-\u00eb", "2027", env=env)  # the message quotes it
    assert done.returncode == 3
    assert "zorg-" in one_line(done.stderr)


def test_export_to_a_fifo_streams_it(zinkoop: Run, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.ics"
    os.mkfifo(fifo)
    got: list[bytes] = []

    def reader() -> None:
        with fifo.open("rb") as source:
            got.append(source.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    done = zinkoop("export", "msz", "2027", "-o", str(fifo), "-q", timeout=20)
    thread.join(timeout=10)
    assert done.returncode == 0, done.stderr
    assert len(got) == 1
    assert got[0].startswith(b"BEGIN:VCALENDAR")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo.ics"]


@pytest.mark.parametrize("name", ["/dev/stdout", "/proc/self/fd/1", "-"])
def test_export_to_stdout_by_name(zinkoop: Run, name: str) -> None:
    done = zinkoop("export", "msz", "2027", "-o", name, "-q")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"BEGIN:VCALENDAR")
    assert done.stderr == b""


def _writing_script(target: Path) -> str:
    """zinkoop export, but fsync announces itself on stderr and then takes its time."""
    return (
        "import os, sys, time\n"
        "from zinkoop_cli.cli.app import main\n"
        "def slow(fd):\n"
        "    sys.stderr.write('writing\\n')\n"
        "    sys.stderr.flush()\n"
        "    time.sleep(30)\n"
        "os.fsync = slow\n"
        f"main(['export', 'msz', '2027', '-o', {str(target)!r}, '-q'])\n"
    )


def _wait_for(process: subprocess.Popen[bytes], word: bytes) -> None:
    assert process.stderr is not None
    ready, _, _ = select.select([process.stderr], [], [], 60)
    assert ready, "the child never got to the write"
    assert process.stderr.readline().strip() == word


@pytest.mark.parametrize(("number", "code", "said"), [
    (signal.SIGTERM, 143, "zinkoop: stopped by SIGTERM"),
    (signal.SIGINT, 130, "zinkoop: interrupted"),
    (signal.SIGHUP, 129, "zinkoop: stopped by SIGHUP"),
])
def test_signal_during_the_write_removes_the_temporary_file(
        env: dict[str, str], tmp_path: Path, number: int, code: int, said: str) -> None:
    target = tmp_path / "msz.ics"
    target.write_bytes(b"old")
    process = subprocess.Popen([sys.executable, "-c", _writing_script(target)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for(process, b"writing")
        assert any(p.name.endswith(".tmp") for p in tmp_path.iterdir())  # caught mid-write
        process.send_signal(number)
        assert process.wait(timeout=60) == code
    finally:
        process.kill()
        process.wait()
    assert process.stderr is not None
    assert one_line(process.stderr.read()) == said
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["msz.ics"]


def test_interrupt_while_waiting_for_a_fifo_reader(env: dict[str, str], tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.ics"
    os.mkfifo(fifo)
    code = (
        "import os, sys\n"
        "from zinkoop_cli.cli import files\n"
        "from zinkoop_cli.cli.app import main\n"
        "real = os.open\n"
        "def announced(path, flags, *rest):\n"
        "    if str(path).endswith('fifo.ics') and flags & os.O_WRONLY:\n"
        "        sys.stderr.write('opening\\n')\n"
        "        sys.stderr.flush()\n"
        "    return real(path, flags, *rest)\n"
        "files.os.open = announced\n"
        f"main(['export', 'msz', '2027', '-o', {str(fifo)!r}, '-q'])\n"
    )
    process = subprocess.Popen([sys.executable, "-c", code], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for(process, b"opening")
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 130
    finally:
        process.kill()
        process.wait()
    assert process.stderr is not None
    assert one_line(process.stderr.read()) == "zinkoop: interrupted"


def test_the_hooks_quick_attack(tmp_path: Path, env: dict[str, str]) -> None:
    """The project's hook runs these; none may hang or print a traceback."""
    script = (
        'T="$1"; shift; Z=("$@"); mkfifo "$T/fifo.ics"\n'
        '"${Z[@]}" deadlines msz 2027 > /dev/full; echo "full=$?"\n'
        '"${Z[@]}" warn --within 400 --today 2026-06-01 | head -1 > /dev/null\n'
        '(timeout 10 cat "$T/fifo.ics" > /dev/null &)\n'
        '"${Z[@]}" export msz 2027 -o "$T/fifo.ics"; echo "fifo=$?"\n'
        'XDG_CONFIG_HOME=/etc/passwd "${Z[@]}" list > /dev/null; echo "passwd=$?"\n'
    )
    done = subprocess.run(["bash", "-c", script, "bash", str(tmp_path), *ZINKOOP], env=env,
                          capture_output=True, timeout=60, check=False)
    out, err = done.stdout.decode(), done.stderr.decode()
    assert "Traceback" not in err, err
    assert "Exception ignored" not in err, err
    assert "full=4" in out
    assert "fifo=0" in out
    assert any(f"passwd={code}" in out for code in (0, 3, 4)), out


def test_export_into_a_folder_nobody_may_write_is_exit_4(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root to drop to nobody; test_files covers a read-only folder")
    from zinkoop_cli.cli import outcome  # noqa: F401 - imported now: nobody cannot read Python
    from zinkoop_cli.cli.app import main

    # Import every module export needs while still root, by exporting once.
    with pytest.raises(SystemExit) as first:
        main(["export", "msz", "2027", "-q", "-o", str(tmp_path / "warm.ics")])
    assert first.value.code == 0
    folder = Path(tempfile.mkdtemp(prefix="zinkoop-locked-"))  # in /tmp, which nobody reaches
    try:
        folder.chmod(0o755)
        monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
        monkeypatch.setenv("XDG_DATA_HOME", str(folder))
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child reports through the pipe and its status
            os.close(read_end)
            try:
                os.setgid(65534)
                os.setuid(65534)
            except OSError:
                os._exit(99)
            sys.stderr = io.TextIOWrapper(os.fdopen(write_end, "wb"), write_through=True)
            try:
                main(["export", "msz", "2027", "-q", "-o", str(folder / "msz.ics")])
            except SystemExit as done:
                os._exit(done.code if isinstance(done.code, int) else 1)
            os._exit(98)
        os.close(write_end)
        with os.fdopen(read_end, "rb") as report:
            said = report.read()
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) == 99:
            pytest.skip("cannot drop privileges to nobody here")
        assert os.waitstatus_to_exitcode(status) == 4
        line = one_line(said)
        assert line.startswith(f"zinkoop: cannot write {folder}/msz.ics: Permission denied")
        assert list(folder.iterdir()) == []
    finally:
        shutil.rmtree(folder)
