"""Shared fixtures: the real documents, and one database built from them for the whole session.

Every test runs with SMBSTAR_DB pointing at the session database path, so no test touches db/smbstar.db.
"""

import sqlite3
from pathlib import Path

import pytest

from smbstar import db
from smbstar.ingest.document import SourceDocument
from smbstar.ingest.roadmap.structure import find_areas

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "seeds" / "docs"
ROADMAP = "000_ad982b00eef8a1f3.txt"


def pytest_report_header(config):
    return f"sqlite: {sqlite3.sqlite_version}"


@pytest.fixture(scope="session")
def roadmap() -> SourceDocument:
    return SourceDocument.load(DOCS / ROADMAP)


@pytest.fixture(scope="session")
def areas(roadmap):
    return find_areas(roadmap)


@pytest.fixture(scope="session")
def session_database_path(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("db") / "smbstar.db"


@pytest.fixture(scope="session")
def database_path(session_database_path) -> Path:
    """The session database, built from the real documents on first use."""
    from smbstar.build import build_database

    build_database(session_database_path, db.DOCS, db.CURATED)
    return session_database_path


@pytest.fixture(scope="session")
def conn(database_path):
    connection = db.connect(database_path)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def rules_conn(tmp_path_factory):
    """A database built without the hand corrections of market figures: what the rules alone read."""
    import shutil

    from smbstar.build import build_database

    curated = tmp_path_factory.mktemp("rules") / "curated"
    shutil.copytree(db.CURATED, curated)
    (curated / "market_corrections.csv").unlink()
    path = curated.parent / "smbstar.db"
    build_database(path, db.DOCS, curated)
    connection = db.connect(path)
    yield connection
    connection.close()


@pytest.fixture(autouse=True)
def isolated_environment(session_database_path, monkeypatch):
    """No test reads or writes the user's db/smbstar.db, and colour settings of the caller do not leak in."""
    monkeypatch.setenv("SMBSTAR_DB", str(session_database_path))
    for name in ("NO_COLOR", "FORCE_COLOR", "CLICOLOR", "CLICOLOR_FORCE"):
        monkeypatch.delenv(name, raising=False)
