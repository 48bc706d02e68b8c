"""Writing files so that a failure loses nothing: a temporary file, then a rename."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from zinkoop_cli.errors import FileAccessError


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


def read_previous(path: Path) -> bytes | None:
    """What is at ``path`` now, or None where nothing (readable) is."""
    try:
        return path.read_bytes()
    except OSError:
        return None


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` whole, or leave it as it was.

    The temporary file sits in the same folder, so the final rename is atomic; it takes
    the old file's permissions (or the umask's), so a web server can still read it.
    """
    if path.is_dir():
        raise FileAccessError(f"cannot write {path}: it is a folder; give a file name")
    folder = path.parent
    if not folder.is_dir():
        raise FileAccessError(f"cannot write {path}: folder {folder} does not exist")
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
        temporary = None
    except OSError as error:
        raise FileAccessError(f"cannot write {path}: {_reason(error)}") from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
