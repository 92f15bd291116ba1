"""Shared fixtures: the real roadmap document and its areas, read once per session."""

from pathlib import Path

import pytest

from smbstar.ingest.document import SourceDocument
from smbstar.ingest.roadmap.structure import find_areas

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "seeds" / "docs"
ROADMAP = "000_ad982b00eef8a1f3.txt"


@pytest.fixture(scope="session")
def roadmap() -> SourceDocument:
    return SourceDocument.load(DOCS / ROADMAP)


@pytest.fixture(scope="session")
def areas(roadmap):
    return find_areas(roadmap)
