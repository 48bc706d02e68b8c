"""cli/files.py: atomic writes of regular files, streams for everything else, links followed."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from zinkoop_cli.cli import files
from zinkoop_cli.cli.files import read_previous, write_atomic
from zinkoop_cli.errors import FileAccessError

DATA = b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def device(tmp_path: Path) -> Path:
    """A copy of /dev/null made with mknod (root only), so the real one is never at risk."""
    path = tmp_path / "null"
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("mknod needs root")
    return path


def test_new_file_is_written_with_umask_mode(tmp_path: Path) -> None:
    target = tmp_path / "new.ics"
    write_atomic(target, DATA)
    assert target.read_bytes() == DATA
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert leftovers(tmp_path) == []


def test_regular_file_is_read_back(tmp_path: Path) -> None:
    target = tmp_path / "old.ics"
    target.write_bytes(DATA)
    assert read_previous(target) == DATA
    assert read_previous(tmp_path / "missing.ics") is None
    assert read_previous(tmp_path) is None  # a folder is no previous calendar


def test_symlink_chain_replaces_the_target_and_keeps_the_links(tmp_path: Path) -> None:
    real = tmp_path / "real.ics"
    real.write_bytes(b"old")
    (tmp_path / "link.ics").symlink_to("real.ics")  # relative
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "chain.ics").symlink_to("../link.ics")  # relative, through another link
    assert read_previous(sub / "chain.ics") == b"old"
    write_atomic(sub / "chain.ics", DATA)
    assert (sub / "chain.ics").is_symlink()
    assert (tmp_path / "link.ics").is_symlink()
    assert real.read_bytes() == DATA
    assert leftovers(tmp_path) == []
    assert leftovers(sub) == []


def test_dangling_link_creates_its_target(tmp_path: Path) -> None:
    (tmp_path / "link.ics").symlink_to(tmp_path / "later.ics")
    write_atomic(tmp_path / "link.ics", DATA)
    assert (tmp_path / "link.ics").is_symlink()
    assert (tmp_path / "later.ics").read_bytes() == DATA


def test_symlink_loop_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    assert read_previous(tmp_path / "a") is None
    with pytest.raises(FileAccessError, match="symbolic link") as raised:
        write_atomic(tmp_path / "a", DATA)
    assert raised.value.exit_code == 4
    assert (tmp_path / "a").is_symlink()
    assert (tmp_path / "b").is_symlink()


def test_device_is_written_to_not_replaced(device: Path) -> None:
    assert read_previous(device) is None
    write_atomic(device, DATA)
    assert stat.S_ISCHR(device.stat().st_mode)  # still the device, not a regular file
    assert leftovers(device.parent) == []


def test_full_device_is_not_read_and_fails_in_one_line(tmp_path: Path) -> None:
    full = tmp_path / "full"
    try:
        os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except PermissionError:
        pytest.skip("mknod needs root")
    assert read_previous(full) is None  # reading /dev/full never ends
    with pytest.raises(FileAccessError, match="No space left on device"):
        write_atomic(full, DATA)
    assert stat.S_ISCHR(full.stat().st_mode)


def test_fifo_is_written_as_a_stream(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.ics"
    os.mkfifo(fifo)
    assert read_previous(fifo) is None  # opening it to read would wait for a writer
    got: list[bytes] = []

    def reader() -> None:
        with fifo.open("rb") as source:
            got.append(source.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    write_atomic(fifo, DATA)
    thread.join(timeout=10)
    assert got == [DATA]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert leftovers(tmp_path) == []


def test_own_descriptor_is_written_directly(tmp_path: Path) -> None:
    read_end, write_end = os.pipe()
    try:
        assert read_previous(Path(f"/dev/fd/{write_end}")) is None
        write_atomic(Path(f"/proc/self/fd/{write_end}"), DATA)
        assert os.read(read_end, 1000) == DATA
    finally:
        os.close(read_end)
        os.close(write_end)


def test_own_descriptor_of_a_regular_file_is_appended_to_not_replaced(tmp_path: Path) -> None:
    log = tmp_path / "log.ics"
    log.write_bytes(b"before\n")
    with log.open("ab") as out:
        write_atomic(Path(f"/dev/fd/{out.fileno()}"), DATA)
    assert log.read_bytes() == b"before\n" + DATA


def test_file_over_the_limit_is_refused_before_anything_is_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "PREVIOUS_LIMIT", 10)
    big = tmp_path / "big.db"
    big.write_bytes(b"x" * 11)
    with pytest.raises(FileAccessError, match="over"):
        read_previous(big)
    assert big.read_bytes() == b"x" * 11


def test_long_but_legal_name_is_written(tmp_path: Path) -> None:
    # The temporary file's name must fit as well: ".NAME.random.tmp" would not.
    target = tmp_path / ("a" * 251 + ".ics")
    write_atomic(target, DATA)
    assert target.read_bytes() == DATA


def test_name_too_long_is_one_line(tmp_path: Path) -> None:
    target = tmp_path / ("a" * 300 + ".ics")
    assert read_previous(target) is None
    with pytest.raises(FileAccessError, match="File name too long; use a shorter name"):
        write_atomic(target, DATA)


def test_folder_and_missing_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FileAccessError, match="it is a folder"):
        write_atomic(tmp_path, DATA)
    with pytest.raises(FileAccessError, match=r"folder nowhere does not exist"):
        write_atomic(Path("nowhere/x.ics"), DATA)


def test_failed_write_leaves_the_old_file_and_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "old.ics"
    target.write_bytes(b"old")

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(FileAccessError, match="disk is full"):
        write_atomic(target, DATA)
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_unwritable_folder_as_nobody() -> None:
    # In /tmp, not under pytest's 0700 folder: nobody must reach the folder, not write in it.
    folder = Path(tempfile.mkdtemp(prefix="zinkoop-locked-"))
    try:
        folder.chmod(0o755)
        (folder / "x.ics").write_bytes(b"old")
        if os.geteuid() != 0:
            folder.chmod(0o555)
            with pytest.raises(FileAccessError, match="Permission denied"):
                write_atomic(folder / "x.ics", DATA)
        else:
            said = _as_nobody(lambda: write_atomic(folder / "x.ics", DATA))
            assert said.startswith("4 cannot write "), said
            assert "Permission denied; check the permissions" in said
        assert (folder / "x.ics").read_bytes() == b"old"
        assert leftovers(folder) == []
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def _as_nobody(action: Callable[[], None]) -> str:
    """Run ``action`` in a forked child as user nobody; what it raised, or a skip."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe
        os.close(read_end)
        try:
            os.setgid(65534)
            os.setuid(65534)
        except OSError:
            os.write(write_end, b"skip")
            os._exit(0)
        try:
            action()
            os.write(write_end, b"written")
        except FileAccessError as error:
            os.write(write_end, f"{error.exit_code} {error}".encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as report:
        said = report.read().decode()
    os.waitpid(pid, 0)
    if said == "skip":
        pytest.skip("cannot drop privileges to nobody here")
    return said
