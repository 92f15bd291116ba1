"""Every row cites a document and line, and the cited lines hold the row's value."""

import pytest

from smbstar.ingest.document import SourceDocument
from smbstar.korean import compact, words

from smbstar.db import DOCS

# table -> the columns (SQL expressions) whose text must stand in the cited lines (line .. end_line where the
# table has it). A milestone read from a table has its period in the header row and its caption under the table,
# and its text joins the cells of its column (`후보물질 활성기전 연구 (10억원)`): every word of it must stand in the
# cited lines.
WORDWISE = {"milestone"}
CITED_VALUES = {
    "division": ["name"],
    "technology": ["title"],
    "strategiccandidate": ["title"],
    "milestone": ["CASE WHEN figure_only THEN caption ELSE milestone END"],
    "marketfigure": ["value_printed"],
    "contact": ["name", "email_printed"],
    "firmmention": ["name_printed"],
    "surveytechnology": ["name"],
    "surveyvalue": ["value_printed"],
}


@pytest.fixture(scope="module")
def documents():
    return {path.name: SourceDocument.load(path) for path in DOCS.glob("*.txt")}


@pytest.mark.parametrize("table", sorted(CITED_VALUES))
def test_cited_lines_hold_the_values(conn, documents, table):
    columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
    end = "end_line" if "end_line" in columns else "line"
    rows = conn.execute(f"SELECT document, line, {end}, {', '.join(CITED_VALUES[table])} FROM {table}").fetchall()
    assert rows, f"{table} is empty"
    wrong = []
    for document, line, end_line, *values in rows:
        text = compact(" ".join(documents[document].line(n) for n in range(line, end_line + 1)))
        for value in values:
            if value and not _holds(text, value, wordwise=table in WORDWISE):
                wrong.append(f"{document}:{line}-{end_line} lacks {value!r}")
    assert wrong == []


def _holds(text: str, value: str, wordwise: bool) -> bool:
    if wordwise:
        return all(word in text for word in words(value))
    return compact(value) in text


def test_passages_cover_every_line_of_every_document(conn, documents):
    for name, document in documents.items():
        spans = conn.execute("SELECT line, end_line FROM passage WHERE document = ? ORDER BY line", (name,)).fetchall()
        covered = {n for start, end in spans for n in range(start, end + 1)}
        missing = [n for n, _ in document.numbered() if n not in covered]
        assert missing == [], f"{name}: lines {missing[:5]} are in no passage"
