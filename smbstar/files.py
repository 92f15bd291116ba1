"""Files smbstar writes (exports, the database): their permission bits and what a failed write means."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from smbstar.errors import EXIT_DATABASE, EXIT_USAGE, SmbstarError

# Errors of writing itself, as opposed to a path that cannot be used (EACCES, EROFS, ENAMETOOLONG, EISDIR, ...).
_WRITE_FAILURES = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT, errno.EIO}


def mode_for(path: Path) -> int:
    """The permission bits a written file should have: those of the file it replaces, else 0666 less the umask
    (tempfile.mkstemp makes 0600 files, which nobody else could read)."""
    try:
        existing = os.stat(path)
        if stat.S_ISREG(existing.st_mode):
            return stat.S_IMODE(existing.st_mode)
    except OSError:
        pass
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_error(path: Path, exc: OSError) -> SmbstarError:
    """One line for a failed write: exit 3 when writing failed (a full disk), 2 when the path cannot be used."""
    code = EXIT_DATABASE if exc.errno in _WRITE_FAILURES else EXIT_USAGE
    return SmbstarError(f"cannot write {path}: {exc.strerror or exc}", exit_code=code)
