"""Writing files so that a failure loses nothing: a temporary file, then a rename.

Only a regular file is replaced that way. What is not one (``/dev/stdout``, a FIFO, a device
such as ``/dev/null``) is written to as a stream, as ``cat > FILE`` would: never read, never
replaced by a regular file. A symbolic link is followed, through chains and relative links,
and its target is replaced; the link stays.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import stat
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from zinkoop_cli.errors import FileAccessError, Interrupted, describe

PREVIOUS_LIMIT = 64 * 1024 * 1024
"""The largest earlier file read back for SEQUENCE; a larger one is no calendar we wrote."""

_MAX_LINKS = 40  # the kernel's own limit on links in one path lookup (MAXSYMLINKS)
_OWN_FD = re.compile(r"/(?:dev/fd|proc/(?:self|thread-self|(\d+))/fd)/(\d+)")
_NAMED_FD = {"/dev/stdout": 1, "/dev/stderr": 2}
_STREAM_NAMES = {1: "standard output", 2: "standard error"}  # as cli/streams names them


@dataclass(frozen=True)
class _Target:
    """Where the bytes for a path end up, once its links are followed."""

    path: str  # the end of the chain of links
    fd: int | None = None  # a descriptor of this process the path names (/dev/stdout)
    mode: int | None = None  # a regular file's mode, None where there is none yet
    stream: bool = False  # not a regular file: write to it, never rename over it
    linked: bool = False  # reached through a symbolic link


def _own_fd(text: str) -> int | None:
    if text in _NAMED_FD:
        return _NAMED_FD[text]
    found = _OWN_FD.fullmatch(text)
    if found is None or (found.group(1) is not None and int(found.group(1)) != os.getpid()):
        return None
    return int(found.group(2))


def _target(path: Path) -> _Target:
    """Follow ``path``'s links to what a write would change; raises OSError on failure."""
    current = os.path.join(os.getcwd(), os.fspath(path))  # not normalised: '..' after a link
    linked = False
    for _ in range(_MAX_LINKS):
        fd = _own_fd(os.path.normpath(current))
        if fd is not None:
            return _Target(current, fd=fd, stream=True)
        try:
            link = os.readlink(current)
        except OSError as error:
            if error.errno not in (errno.EINVAL, errno.ENOENT, errno.ENOTDIR):
                raise
            break
        current = os.path.join(os.path.dirname(current), link)
        linked = True
    else:
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), os.fspath(path))
    try:
        found = os.stat(current)
    except (FileNotFoundError, NotADirectoryError):  # the folder check says which
        return _Target(current, linked=linked)
    if stat.S_ISDIR(found.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), current)
    if not stat.S_ISREG(found.st_mode):
        return _Target(current, stream=True, linked=linked)
    return _Target(current, mode=stat.S_IMODE(found.st_mode), linked=linked)


def read_previous(path: Path) -> bytes | None:
    """What the regular file at ``path`` (links followed) holds now; None where none is.

    Only a regular file is read, and it is opened without blocking and checked again once
    open, so a FIFO, a device or ``/dev/stdout`` can neither hang nor flood the run. A file
    that cannot be read is None as well: the new one simply starts every SEQUENCE again.
    A regular file over PREVIOUS_LIMIT (64 MiB) is no calendar zinkoop wrote, more likely a
    wrong name: that raises FileAccessError, before anything is written, so it is not replaced.
    """
    try:
        target = _target(path)
    except OSError:
        return None
    if target.stream or target.mode is None:
        return None
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        handle = os.open(target.path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    with os.fdopen(handle, "rb", buffering=0) as source:
        try:
            found = os.fstat(handle)
            if not stat.S_ISREG(found.st_mode):  # swapped for something else since
                return None
            data = source.read(PREVIOUS_LIMIT + 1) if found.st_size <= PREVIOUS_LIMIT else b""
        except OSError:
            return None
    if found.st_size > PREVIOUS_LIMIT or len(data) > PREVIOUS_LIMIT:
        raise FileAccessError(f"{path} is over {PREVIOUS_LIMIT // 2**20} MiB, so not a calendar "
                              "zinkoop wrote; check the name, or remove the file first")
    return data


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` whole, or leave it as it was.

    For a regular file (or a new one) the temporary file sits in the same folder as the
    link's target, so the final rename is atomic; it takes the old file's permissions (or
    the umask's), so a web server can still read it. SIGTERM and SIGHUP during the write
    raise Interrupted (SIGINT raises KeyboardInterrupt) so the temporary file is removed.
    What is not a regular file gets ``data`` written to it as a stream.
    """
    try:
        target = _target(path)
    except OSError as error:
        raise FileAccessError(f"cannot write {path}: {describe(error)}") from None
    if target.stream:
        _write_stream(path, target, data)
        return
    folder = os.path.dirname(target.path)
    shown = os.path.realpath(folder) if target.linked else (os.path.dirname(os.fspath(path))
                                                            or ".")
    try:
        if not stat.S_ISDIR(os.stat(folder).st_mode):
            raise FileAccessError(f"cannot write {path}: folder {shown} does not exist (it is "
                                  "a file)")
    except OSError as error:
        if error.errno == errno.ENOENT:
            fix = "create it first"
            if shown.startswith("~"):  # the shell leaves ~name alone when there is no such user
                fix = f"no user {shown.split(os.sep)[0][1:]!r}? write the path in full"
            raise FileAccessError(f"cannot write {path}: folder {shown} does not exist; "
                                  f"{fix}") from None
        raise FileAccessError(f"cannot write {path}: {describe(error)}") from None
    mode = target.mode
    if mode is None:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    with _signals_raise():
        _replace(path, target.path, data, mode)


def _replace(path: Path, final: str, data: bytes, mode: int) -> None:
    temporary: str | None = None
    # A long name stays legal: the temporary one must fit in NAME_MAX bytes as well.
    prefix = f".{os.path.basename(final)[:32]}."
    try:
        with _blocked():  # a signal now would leave a file whose name is not yet known
            handle, temporary = tempfile.mkstemp(dir=os.path.dirname(final), prefix=prefix,
                                                 suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, final)
        temporary = None
    except OSError as error:
        raise FileAccessError(f"cannot write {path}: {describe(error)}") from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _write_stream(path: Path, target: _Target, data: bytes) -> None:
    try:
        if target.fd is not None:
            own = {1: sys.stdout, 2: sys.stderr}.get(target.fd)
            if own is not None:
                own.flush()  # what was printed before comes first
            _write_all(target.fd, data)
            return
        flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
        handle = os.open(target.path, flags)  # a FIFO waits here for its reader, as cat does
        try:
            _write_all(handle, data)
        finally:
            os.close(handle)
    except OSError as error:
        if error.errno == errno.EPIPE and target.fd in _STREAM_NAMES:
            # like '-o -': a reader that has had enough ends the run quietly (see cli/outcome)
            raise BrokenPipeError(None, error.strerror, _STREAM_NAMES[target.fd]) from None
        raise FileAccessError(f"cannot write {path}: {describe(error)}") from None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        try:
            view = view[os.write(fd, view):]
        except BlockingIOError:  # a descriptor inherited in non-blocking mode
            import select

            select.select([], [fd], [])


def _raise(number: int, frame: FrameType | None) -> None:
    raise Interrupted(number, signal.Signals(number).name)


def _signals() -> list[int]:
    return [getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")
            if hasattr(signal, name)]


@contextlib.contextmanager
def _signals_raise() -> Iterator[None]:
    """SIGTERM and SIGHUP raise Interrupted, unless someone chose to ignore or handle them."""
    previous: dict[int, signal.Handlers | int | object] = {}
    for number in _signals()[1:]:
        with contextlib.suppress(ValueError):  # not the main thread: leave signals be
            if signal.getsignal(number) == signal.SIG_DFL:
                previous[number] = signal.signal(number, _raise)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)  # type: ignore[arg-type]


@contextlib.contextmanager
def _blocked() -> Iterator[None]:
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, _signals())
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
