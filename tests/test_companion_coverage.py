"""Completeness of the companion documents against my own reading of each (tests/data/companion_*_gold.csv):
the firms (companies and start-ups in tables, lists and running text) and the people (authors, speakers, experts,
presenters) that 001 KOITA, 002 KAIST report and 003 Gumi name, each with the line that names them."""

import csv
from pathlib import Path

import pytest

from smbstar.db import DOCS
from smbstar.ingest.document import SourceDocument
from smbstar.ingest.names import firm_key
from smbstar.korean import compact

DATA = Path(__file__).parent / "data"
COMPANIONS = ("001_8d853ea32905c4b5.txt", "002_e64dba568495b49d.txt", "003_84ef62de625763dd.txt")


def gold(kind: str) -> list[dict]:
    with (DATA / f"companion_{kind}_gold.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("kind", ["firms", "people"])
def test_each_gold_row_cites_a_line_that_names_it(kind):
    documents = {name: SourceDocument.load(DOCS / name) for name in COMPANIONS}
    wrong = []
    for row in gold(kind):
        document, line = documents[row["document"]], int(row["line"])
        held = compact(document.span(line, min(line + 2, len(document))))
        if compact(row["name"]) not in held or compact(row["name"])[0] not in compact(document.line(line)):
            wrong.append(row)
    assert wrong == []


def test_gold_reading_covers_each_companion():
    for kind, least in (("firms", 25), ("people", 10)):
        counts = {name: sum(row["document"] == name for row in gold(kind)) for name in COMPANIONS}
        assert min(counts.values()) >= least, (kind, counts)


@pytest.mark.parametrize("document", COMPANIONS)
def test_firms_each_companion_names_are_stored(conn, document):
    firm_of = {firm_key(name): firm for name, firm in conn.execute("SELECT name_printed, firm_id FROM firmmention")}
    firm_of.update((firm, firm) for (firm,) in conn.execute("SELECT id FROM firm"))
    stored = {firm for (firm,) in conn.execute("SELECT firm_id FROM firmmention WHERE document = ?", (document,))}
    rows = [row for row in gold("firms") if row["document"] == document]
    missed = [row["name"] for row in rows if firm_of.get(firm_key(row["name"])) not in stored]
    assert 1 - len(missed) / len(rows) >= 0.90, missed


@pytest.mark.parametrize("document", COMPANIONS)
def test_people_each_companion_names_are_stored(conn, document):
    stored = {compact(name) for (name,) in conn.execute("SELECT name FROM contact WHERE document = ?", (document,))}
    rows = [row for row in gold("people") if row["document"] == document]
    missed = [row["name"] for row in rows if compact(row["name"]) not in stored]
    assert 1 - len(missed) / len(rows) >= 0.85, missed


def test_every_companion_firm_and_person_says_what_the_document_has_them_do(conn):
    placeholders = ",".join("?" * len(COMPANIONS))
    silent_firms = conn.execute(
        f"SELECT name_printed, document, line FROM firmmention WHERE document IN ({placeholders})"
        " AND opinion = '' AND role = ''", COMPANIONS,
    ).fetchall()
    silent_people = conn.execute(
        f"SELECT name, document, line FROM contact WHERE document IN ({placeholders}) AND role = ''", COMPANIONS
    ).fetchall()
    assert silent_firms == [] and silent_people == []


@pytest.mark.parametrize("name,document", [
    ("모빌린트", COMPANIONS[1]), ("오픈엣지테크놀로지", COMPANIONS[1]), ("아나플래시", COMPANIONS[1]),
    ("수퍼게이트", COMPANIONS[1]), ("뉴로센스", COMPANIONS[1]), ("롯데케미칼", COMPANIONS[1]), ("SK케미칼", COMPANIONS[1]),
    ("삼성디스플레이", COMPANIONS[1]), ("LG이노텍", COMPANIONS[1]), ("에코프로비엠", COMPANIONS[1]),
    ("셀트리온", COMPANIONS[0]), ("CJ올리브네트웍스", COMPANIONS[0]),
])
def test_firms_the_issue_names(conn, name, document):
    assert conn.execute(
        "SELECT count(*) FROM firmmention WHERE document = ? AND firm_id = ?", (document, firm_key(name))
    ).fetchone()[0] >= 1


def test_kitv_speakers_with_their_talks(conn):
    speakers = conn.execute(
        "SELECT name, title, institute, expertise FROM contact WHERE role = '산기협TV 강연' ORDER BY line"
    ).fetchall()
    assert len(speakers) == 12
    assert speakers[0] == ("권기성", "수석부사장", "셀트리온", "셀트리온의 짐펜트라 개발 과정과 의의")
    assert ("송재하", "CTO", "우아한형제들") == speakers[1][:3]


def test_battery_expert_network_with_what_they_do(conn):
    rows = dict(conn.execute(
        "SELECT name, role FROM contact WHERE document = ? AND line BETWEEN 4470 AND 4665", (COMPANIONS[1],)
    ).fetchall())
    assert len(rows) >= 25
    assert rows["신선식"] == "선양국 교수 배출 인력 (이차전지, 한양대 졸업)"


def test_a_person_or_firm_named_on_a_line_is_stored_once_for_it(conn):
    people = conn.execute(
        "SELECT document, line, name FROM contact GROUP BY document, line, name HAVING count(*) > 1"
    ).fetchall()
    firms = conn.execute(
        "SELECT document, line, firm_id FROM firmmention WHERE document != '000_ad982b00eef8a1f3.txt'"
        " GROUP BY document, line, firm_id, opinion HAVING count(*) > 1"
    ).fetchall()
    assert people == [] and firms == []


def test_a_venue_where_someone_spoke_is_not_their_institute(conn):
    # "제이크 설리번은 지난 4월 브루킹스 연설에서": Brookings is where the US security adviser spoke, not his employer
    documents = {name: SourceDocument.load(DOCS / name) for name in COMPANIONS}
    venues = []
    for name, institute, document, line in conn.execute(
        "SELECT name, institute, document, line FROM contact WHERE institute <> '' AND document IN (?, ?, ?)",
        COMPANIONS,
    ):
        text = compact(documents[document].line(line))
        if compact(institute) + "연설" in text or compact(institute) + "강연에서" in text:
            venues.append((name, institute, line))
    assert venues == []
    (institute,) = conn.execute("SELECT institute FROM contact WHERE name = '제이크 설리번'").fetchone()
    assert institute == ""
