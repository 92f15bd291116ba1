"""Locating and opening the database (standard-library sqlite3 only: this module is on the query path).

Every connection is guarded: a progress handler stops a running statement when Ctrl-C was pressed (SQLite would
otherwise run on inside `sqlite3_step`, where Python never sees the signal) or when a statement's time limit has
passed, and no string or blob may grow beyond MAX_VALUE_BYTES. A SQLite error met while reading becomes one line
and exit 3 naming the file (`describe_failure`), or exit 130 / a time-limit error when the guard stopped it.
"""

from __future__ import annotations

import os
import shlex
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path

from smbstar.errors import DatabaseError, SmbstarError

# Kept in step with models.SCHEMA_VERSION (a test checks); models.py imports SQLModel, too slow to import here.
SCHEMA_VERSION = 4

PACKAGE = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE.parent


def _in_checkout() -> bool:
    """True when running from a clone of the project (an editable install too), not from an installed wheel."""
    return (PROJECT_ROOT / "pyproject.toml").is_file() and (PROJECT_ROOT / "seeds" / "docs").is_dir()


def _user_data_dir() -> Path:
    """Where an installed smbstar keeps its database: $XDG_DATA_HOME/smbstar, else ~/.local/share/smbstar."""
    base = os.environ.get("XDG_DATA_HOME", "").strip()
    return (Path(base) if base and Path(base).is_absolute() else Path.home() / ".local" / "share") / "smbstar"


# In a checkout: seeds/ and db/smbstar.db of the project. Installed (pip, pipx): the documents and curated files
# shipped inside the package (smbstar/seeds), the database in the user's data directory, built on first use.
SEEDS = PROJECT_ROOT / "seeds" if _in_checkout() else PACKAGE / "seeds"
DOCS = SEEDS / "docs"
CURATED = SEEDS / "curated"
DEFAULT_DB = PROJECT_ROOT / "db" / "smbstar.db" if _in_checkout() else _user_data_dir() / "smbstar.db"
ROADMAP = "000_ad982b00eef8a1f3.txt"  # the SMB-STAR roadmap; the other documents are its companions

# The tables every query relies on (a test keeps this equal to what a build writes). A file without one of them,
# or with a view in its place, is not an smbstar database.
TABLES = (
    "award", "contact", "division", "document", "firm", "firmmention", "marketfigure", "meta", "milestone",
    "passage", "programme", "search_area", "search_df", "search_entry", "search_fts", "search_kind", "statistic",
    "strategiccandidate", "surveytechnology", "surveytechnologyarea", "surveyvalue", "synonym", "synonym_area",
    "technology", "topic", "topictechnology", "vocabulary",
)
# The longest string or blob a statement may make (the longest stored passage is a few kB): `randomblob(1e9)`
# fails at once instead of taking a gigabyte.
MAX_VALUE_BYTES = 10_000_000
_CHECK_EVERY = 10_000  # SQLite virtual-machine steps between two looks at the guard (well under a millisecond)


class Guard:
    """Why running statements should stop: Ctrl-C (set from the CLI's signal handler), or a time limit on the time
    SQLite itself spends on a statement (not the time a reader of its rows takes: `smbstar sql ... | less`)."""

    interrupted = False
    time_limit: float | None = None
    spent = 0.0
    entered: float | None = None  # when the current step into SQLite began

    @classmethod
    def should_stop(cls) -> bool:
        if cls.interrupted:
            return True
        if cls.time_limit is None or cls.entered is None:
            return False
        return cls.spent + time.monotonic() - cls.entered > cls.time_limit

    @classmethod
    def reset(cls) -> None:
        cls.interrupted, cls.time_limit, cls.spent, cls.entered = False, None, 0.0, None

    @classmethod
    def limit_time(cls, seconds: float | None) -> None:
        """From now on the statement stepped inside `timed()` is stopped once it has run `seconds` (None or 0: no
        limit)."""
        cls.time_limit, cls.spent = seconds or None, 0.0

    @classmethod
    @contextmanager
    def timed(cls):
        cls.entered = time.monotonic()
        try:
            yield
        finally:
            cls.spent += time.monotonic() - cls.entered
            cls.entered = None


def database_path(option: str | None) -> tuple[Path, bool]:
    """The database to use and whether it is the embedded default (which is built when missing)."""
    chosen = option or os.environ.get("SMBSTAR_DB")
    if chosen:
        return Path(chosen).expanduser(), False
    return DEFAULT_DB, True


def build_hint(path: Path) -> str:
    return f"run `smbstar db build --db {shlex.quote(str(path))}`"


def connect(path: Path) -> sqlite3.Connection:
    """A guarded read-only connection to an smbstar database of this schema version, or DatabaseError (exit 3)."""
    if not path.is_file():
        what = "no database" if not os.path.lexists(path) else "not a database file"
        raise DatabaseError(f"{what} at {path}; {build_hint(path)}")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except (sqlite3.Error, OSError) as exc:
        raise DatabaseError(f"cannot open {path} ({exc}); {build_hint(path)}") from None
    guard(conn)
    try:
        problem = schema_problem(conn)
    except sqlite3.Error as exc:
        conn.close()
        raise describe_failure(exc, path) from None
    if problem:
        conn.close()
        raise DatabaseError(f"{path} {problem}; {build_hint(path)}")
    return conn


def guard(conn: sqlite3.Connection) -> None:
    conn.set_progress_handler(Guard.should_stop, _CHECK_EVERY)
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)


def schema_problem(conn: sqlite3.Connection) -> str | None:
    """What makes the file unusable (no smbstar tables, another schema version), or None."""
    kinds = dict(conn.execute("SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view')"))
    missing = [name for name in TABLES if kinds.get(name) != "table"]
    if "meta" in missing:
        return "is not an smbstar database (no meta table)"
    version = schema_version(conn)
    if version is None:
        return "records no schema version"
    if version != SCHEMA_VERSION:
        return f"has schema version {version}, this smbstar reads {SCHEMA_VERSION}"
    if missing:
        return f"is not a complete smbstar database (no table {', '.join(missing)})"
    return None


def schema_version(conn: sqlite3.Connection) -> int | None:
    """The schema version recorded in a database, None if it has none or not as a number."""
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return None
        raise
    value = row[0] if row else None
    if isinstance(value, int) or (isinstance(value, str) and value.strip().isascii() and value.strip().isdigit()):
        return int(value)
    return None


def is_current(path: Path) -> bool:
    """True when path holds a usable database of this schema version."""
    try:
        connect(path).close()
    except DatabaseError:
        return False
    return True


def describe_failure(exc: BaseException, path: Path | None) -> SmbstarError | KeyboardInterrupt:
    """What a SQLite error met while reading means for the user: Ctrl-C, a time limit, or a damaged file."""
    if Guard.interrupted:
        return KeyboardInterrupt()
    if Guard.time_limit and str(exc) == "interrupted":
        return SmbstarError(f"stopped after {Guard.time_limit:g} s (--timeout); narrow the query or give a longer"
                            " --timeout")
    where = str(path) if path else "the database"
    hint = build_hint(path) if path else "run `smbstar db build`"
    return DatabaseError(f"cannot read {where} ({type(exc).__name__}: {exc}); {hint}")


def path_of(conn: sqlite3.Connection) -> Path | None:
    """The file a connection reads."""
    try:
        return Path(conn.execute("PRAGMA database_list").fetchone()[2])
    except sqlite3.Error:
        return None
