"""Locating and opening the database (standard-library sqlite3 only: this module is on the query path)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from smbstar.errors import DatabaseError

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


def database_path(option: str | None) -> tuple[Path, bool]:
    """The database to use and whether it is the embedded default (which is built when missing)."""
    chosen = option or os.environ.get("SMBSTAR_DB")
    if chosen:
        return Path(chosen).expanduser(), False
    return DEFAULT_DB, True


def connect(path: Path) -> sqlite3.Connection:
    """A read-only connection to a database of this schema version, or DatabaseError (exit 3)."""
    if not path.is_file():
        raise DatabaseError(f"no database at {path}; run `smbstar db build --db {path}`")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        version = schema_version(conn)
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path} is not a readable smbstar database ({exc}); run `smbstar db build`") from None
    if version != SCHEMA_VERSION:
        raise DatabaseError(
            f"{path} has schema version {version}, this smbstar reads {SCHEMA_VERSION}; run `smbstar db build`"
        )
    return conn


def schema_version(conn: sqlite3.Connection) -> int | None:
    """The schema version recorded in a database, None if it has none (not built by smbstar)."""
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return None
        raise
    return int(row[0]) if row else None


def is_current(path: Path) -> bool:
    """True when path holds a database of this schema version."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return schema_version(conn) == SCHEMA_VERSION
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
