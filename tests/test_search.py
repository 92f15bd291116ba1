"""Search on the real documents: a relevance set of real queries, and behaviour users rely on."""

import csv
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from smbstar.cli import app
from smbstar.ingest.names import firm_key
from smbstar.search import KINDS, search

QUERIES = Path(__file__).parent / "data" / "search_queries.csv"


def load_queries():
    with QUERIES.open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle)]


def acceptable(row) -> set[tuple[str, str]]:
    """(kind, id) pairs that count as the right answer for a query row."""
    targets = [row["expected"]]
    for part in row["note"].split(";"):
        part = part.strip()
        if part.startswith("also:"):
            targets += part[len("also:"):].split("|")
    pairs = set()
    for target in targets:
        kind, _, identifier = target.strip().partition(":")
        pairs.add((kind, firm_key(identifier) if kind == "firm" else identifier))
    return pairs


def rank_of(conn, row) -> int | None:
    wanted = acceptable(row)
    for position, hit in enumerate(search(conn, row["query"], limit=5), start=1):
        if (hit.kind, hit.id) in wanted:
            return position
    return None


def test_relevance_on_the_query_set(conn):
    rows = load_queries()
    assert len(rows) >= 60
    ranks = {row["query"]: rank_of(conn, row) for row in rows}
    misses = sorted(query for query, rank in ranks.items() if rank is None)
    hit5 = sum(rank is not None for rank in ranks.values()) / len(rows)
    hit1 = sum(rank == 1 for rank in ranks.values()) / len(rows)
    assert hit5 >= 0.95, f"hit@5 {hit5:.3f}; missed: {misses}"
    assert hit1 >= 0.85, f"hit@1 {hit1:.3f}"


@pytest.mark.parametrize(
    "query, kind, identifier",
    [
        ("배터리", "tech", "II-2"),
        ("배터리의", "tech", "II-2"),
        ("battery", "tech", "II-2"),
        ("ㅂㅌㄹ", "tech", "II-2"),
        ("배러티", "tech", "II-2"),
        ("김일도", "person", "KAIST:김일두"),
        ("idkim@kaist.ac.kr", "person", "KAIST:김일두"),
        ("DRAM", "tech", "II-1"),
        ("라이다", "tech", "V-1"),
        ("바이오시밀러", "tech", "IV-2"),
    ],
)
def test_sample_queries_rank_first(conn, query, kind, identifier):
    top = search(conn, query, limit=1)
    assert (top[0].kind, top[0].id) == (kind, identifier)


def test_an_area_whose_title_matches_outranks_passages(conn):
    hits = search(conn, "이차전지", limit=200)
    assert hits[0].kind == "tech" and hits[0].id == "II-2"
    assert any(h.kind == "passage" for h in hits)


def test_kind_filter(conn):
    hits = search(conn, "수소", kinds=("passage",), limit=5)
    assert hits and {h.kind for h in hits} == {"passage"}


def test_each_kind_is_one_range_of_entries_named_things_before_passages(conn):
    """What lets a query read only the first matches of the index (search.first_matches)."""
    ranges = conn.execute("SELECT kind, first, last FROM search_kind ORDER BY first").fetchall()
    assert [kind for kind, _, _ in ranges] == [k for k in KINDS if k in {kind for kind, _, _ in ranges}]
    assert ranges[-1][0] == "passage"
    assert ranges[0][1] == 1
    assert all(previous[2] + 1 == current[1] for previous, current in zip(ranges, ranges[1:]))
    assert ranges[-1][2] == conn.execute("SELECT count(*) FROM search_entry").fetchone()[0]
    for kind, first, last in ranges:
        kinds = conn.execute("SELECT DISTINCT kind FROM search_entry WHERE id BETWEEN ? AND ?", (first, last))
        assert [row[0] for row in kinds] == [kind]


def test_a_kind_filter_reaches_past_the_first_matches_of_other_kinds(conn):
    hits = search(conn, "배터리", kinds=("firm",), limit=50)
    assert hits and {h.kind for h in hits} == {"firm"}
    assert "lg에너지솔루션" in {h.id for h in hits}


@pytest.mark.parametrize("query, corrected", [("배러티", "배터리"), ("낸드플레시", "낸드플래시"), ("최홍주", "최홍수")])
def test_a_typo_is_corrected_to_the_word_it_misspells(conn, query, corrected):
    assert f"typo {query}→{corrected}" in search(conn, query, limit=1)[0].as_record(explain=True)["match"]


@pytest.mark.parametrize("query", ["미세먼지", "임플란트", "포토레지스트", "진단키트"])
def test_a_word_absent_from_the_documents_finds_nothing_rather_than_a_distant_word(database_path, query):
    documents = Path(__file__).parent.parent / "seeds" / "docs"
    assert not any(query in path.read_text(encoding="utf-8") for path in documents.glob("*.txt"))
    result = CliRunner().invoke(app, ["search", query, "--format", "json"])
    assert (result.exit_code, result.stdout) == (1, "[]\n")


def test_explain_says_why(database_path):
    result = CliRunner().invoke(app, ["search", "배터리", "--explain", "--format", "json", "--limit", "1"])
    record = json.loads(result.stdout)[0]
    assert record["match"].startswith("synonym 배터리→")
    assert set(record) >= {"kind", "id", "title", "snippet", "score", "source"}
    assert record["source"]["document"] == "000_ad982b00eef8a1f3.txt"


@pytest.mark.parametrize("query", ['"', "*", "(", "NEAR", "-", "AND OR NOT", "'; DROP TABLE technology; --",
                                   "x" * 10000, "\x00\x01\x1b[31m", "{title}: 수소", "수소 ^ 저장", ""])
def test_any_text_returns_results_or_nothing(conn, query):
    assert isinstance(search(conn, query), list)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=60))
def test_search_never_raises(conn, query):
    search(conn, query)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30))
def test_search_command_exits_0_or_1(database_path, query):
    result = CliRunner().invoke(app, ["search", "--format", "json", "--", query])
    assert result.exit_code in (0, 1), result.stderr
