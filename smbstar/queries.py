"""Read helpers behind the list commands: flat records, each with its technology and source."""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator

from smbstar import db
from smbstar.db import DOCS, ROADMAP
from smbstar.errors import SmbstarError
from smbstar.korean import compact, field_key, normalize

INSTITUTES = ("KAIST", "GIST", "DGIST", "UNIST")


class AmbiguousTechnology(SmbstarError):
    def __init__(self, text: str, choices: list[tuple[str, str]]):
        listed = "; ".join(f"{identifier} {title}" for identifier, title in choices)
        super().__init__(f"--tech {text!r} is ambiguous: {listed}")
        self.choices = choices


def _source(document: str, line: int) -> dict:
    return {"document": document, "line": line}


def resolve_technology(conn: sqlite3.Connection, text: str) -> str:
    """The id of the technology area a user means by an id, a title, or a fuzzy name (배터리, dram)."""
    wanted = normalize(text)
    if not wanted:
        raise SmbstarError("--tech needs a technology id, title or name")
    rows = conn.execute("SELECT id, title, field FROM technology ORDER BY id").fetchall()
    as_id = unicodedata.normalize("NFKC", wanted)  # Ⅳ-1 and ＩＶ－１, as the roadmap and a Korean keyboard write IV-1
    for identifier, title, field in rows:
        if as_id == identifier.lower() or compact(text) == compact(title):
            return identifier
    # a Ⅵ area's field, however it is spaced, prefixed with 차세대 or ended with 기술 (초정밀 이송, 차세대 금형 기술)
    fields = [identifier for identifier, _, field in rows if field and field_key(field) == field_key(text)]
    if len(fields) == 1:
        return fields[0]
    from smbstar.search import search

    titles = {identifier: title for identifier, title, _ in rows}
    best: dict[str, float] = {}
    for hit in search(conn, text, kinds=("tech", "candidate", "survey"), limit=30):
        if hit.technology_id and hit.technology_id in titles:
            best[hit.technology_id] = max(best.get(hit.technology_id, 0.0), hit.score)
    if not best:
        raise SmbstarError(f"no technology matches --tech {text!r}; see `smbstar tech list`")
    ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
    close = [identifier for identifier, score in ranked if score >= ranked[0][1] * 0.92]
    if len(close) > 1:
        raise AmbiguousTechnology(text, [(identifier, titles[identifier]) for identifier in close])
    return ranked[0][0]


def list_technologies(conn: sqlite3.Connection, division: str | None = None) -> list[dict]:
    sql = (
        "SELECT t.id, d.id, d.name, t.title, t.document, t.line,"
        " (SELECT count(*) FROM strategiccandidate c WHERE c.technology_id = t.id),"
        " (SELECT count(*) FROM contact p WHERE p.technology_id = t.id),"
        " (SELECT count(*) FROM firmmention f WHERE f.technology_id = t.id)"
        " FROM technology t JOIN division d ON d.id = t.division_id"
    )
    params: list = []
    if division:
        sql += " WHERE upper(d.id) = upper(?) OR d.name LIKE ?"
        params = [_division_id(division), f"%{division.strip()}%"]
    sql += " ORDER BY t.division_id, t.number"
    # Roman numerals do not sort as text (IV < V < VI but II < III < IV is not alphabetical).
    order = {"II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6}
    rows = sorted(conn.execute(sql, params).fetchall(), key=lambda r: (order.get(r[1], 9), _number(r[0])))
    if division and not rows:  # an unknown division is a bad value (exit 2), as an unknown --tech is
        names = "; ".join(f"{i} {name}" for i, name in conn.execute("SELECT id, name FROM division ORDER BY id"))
        raise SmbstarError(f"no division matches --division {division!r}; divisions: {names}")
    return [
        {
            "id": r[0], "division": r[1], "division_name": r[2], "title": r[3],
            "candidates": r[6], "professors": r[7], "firms": r[8], "source": _source(r[4], r[5]),
        }
        for r in rows
    ]


def _number(identifier: str) -> int:
    return int(identifier.rsplit("-", 1)[-1]) if "-" in identifier else 0


def _division_id(text: str) -> str:
    numerals = {"Ⅱ": "II", "Ⅲ": "III", "Ⅳ": "IV", "Ⅴ": "V", "Ⅵ": "VI", "2": "II", "3": "III", "4": "IV", "5": "V", "6": "VI"}
    stripped = text.strip().rstrip(".")
    return numerals.get(stripped, stripped)


@dataclass(frozen=True)
class Filters:
    """What a list command is narrowed to. `technology_ids` are the areas a --tech names (several when a name
    fits several areas equally: 수소); `topic_ids` stand in for a technology that only companion documents treat
    (--tech SMR); `year` is a market figure's or milestone's own year, and for people and firms the year of their
    topic, or of their document when the topic has none."""

    technology_ids: tuple[str, ...] = ()
    topic_ids: tuple[str, ...] = ()
    document: str | None = None
    year: int | None = None
    roadmap_only: bool = False  # the roadmap's own rows: not the companions', nor those of topics linked to the area


def resolve_filters(conn: sqlite3.Connection, tech: str | None, document: str | None = None,
                    year: int | None = None, roadmap_only: bool = False) -> Filters:
    """Filters from the options of a list command: a --tech that fits several areas selects them all; one that
    fits none falls back to companion topics (SMR, 양자)."""
    technology_ids, topic_ids = (), ()
    if tech is not None:
        try:
            technology_ids = (resolve_technology(conn, tech),)
        except AmbiguousTechnology as exc:
            technology_ids = tuple(identifier for identifier, _ in exc.choices)
        except SmbstarError:
            topic_ids = topics_named(conn, tech)
            if not topic_ids:
                raise
    return Filters(technology_ids, topic_ids, resolve_document(conn, document) if document is not None else None,
                   year, roadmap_only)


def titles_of(conn: sqlite3.Connection, filters: Filters) -> list[tuple[str, str]]:
    """(id, title) of the areas the filters select, in their order."""
    titles = dict(conn.execute("SELECT id, title FROM technology"))
    return [(identifier, titles[identifier]) for identifier in filters.technology_ids]


def resolve_document(conn: sqlite3.Connection, text: str) -> str:
    names = [row[0] for row in conn.execute("SELECT id FROM document ORDER BY id")]
    matches = [name for name in names if name == text or (text.strip() and name.startswith(text.strip()))]
    if len(matches) != 1:
        raise SmbstarError(f"--document {text!r} names no single document; documents: {', '.join(names)}")
    return matches[0]


def topics_named(conn: sqlite3.Connection, text: str) -> tuple[str, ...]:
    """Companion topics whose title names the text (or a thesaurus synonym of it)."""
    from smbstar.search import search

    return tuple(dict.fromkeys(hit.id for hit in search(conn, text, kinds=("topic",), limit=20) if hit.score >= 60))


def _where(filters: Filters, alias: str, year_sql: str) -> tuple[str, list]:
    clauses, params = [], []
    if filters.roadmap_only:
        clauses.append(f"{alias}.document = ?")
        params.append(ROADMAP)
    if filters.technology_ids:
        marks = ",".join("?" * len(filters.technology_ids))
        if filters.roadmap_only:
            clauses.append(f"{alias}.technology_id IN ({marks})")
            params.extend(filters.technology_ids)
        else:
            # the areas' own rows, and the rows of the companion topics linked to them (topictechnology)
            clauses.append(f"({alias}.technology_id IN ({marks}) OR {alias}.topic_id IN"
                           f" (SELECT topic_id FROM topictechnology WHERE technology_id IN ({marks})))")
            params.extend(filters.technology_ids * 2)
    if filters.topic_ids:
        clauses.append(f"{alias}.topic_id IN ({','.join('?' * len(filters.topic_ids))})")
        params.extend(filters.topic_ids)
    if filters.document:
        clauses.append(f"{alias}.document = ?")
        params.append(filters.document)
    if filters.year is not None:
        clauses.append(f"{year_sql} = ?")
        params.append(filters.year)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _via(filters: Filters, technology_id: str | None, topic_id: str | None, topic_title: str | None) -> dict:
    """`via` and `via_title`: the linked companion topic a row was reached through under --tech, its id and title;
    both None for a row of the area itself (or without --tech)."""
    if filters.technology_ids and technology_id not in filters.technology_ids and topic_id:
        return {"via": topic_id, "via_title": topic_title}
    return {"via": None, "via_title": None}


# The year of a person's or firm's mention: its topic's date, else its document's publication.
_MENTION_YEAR = (
    "CAST(substr(coalesce(nullif((SELECT tp.date FROM topic tp WHERE tp.id = {a}.topic_id), ''),"
    " (SELECT d.published FROM document d WHERE d.id = {a}.document)), 1, 4) AS INTEGER)"
)


def people(conn: sqlite3.Connection, filters: Filters = Filters(), institute: str | None = None) -> list[dict]:
    """Everyone the documents name for a technology or topic: professors, researchers, experts, winners."""
    where, params = _where(filters, "c", _MENTION_YEAR.format(a="c"))
    if institute:
        where += (" AND " if where else " WHERE ") + "upper(c.institute) = upper(?)"
        params.append(institute.strip())
    sql = (
        "SELECT c.name, c.institute, c.title, c.email, c.email_printed, c.lab, c.expertise, c.field, c.role,"
        " c.technology_id, coalesce(t.title, tp.title, ''), c.document, c.line, c.person_key, tp.id, tp.title"
        " FROM contact c LEFT JOIN technology t ON t.id = c.technology_id LEFT JOIN topic tp ON tp.id = c.topic_id"
        f"{where} ORDER BY c.document, c.line, c.id"
    )
    return [
        {
            "name": r[0], "institute": r[1], "title": r[2], "email": r[3], "email_printed": r[4],
            "lab": r[5], "expertise": r[6], "field": r[7], "role": r[8], "technology_id": r[9],
            "technology": r[10], "person": r[13], "source": _source(r[11], r[12]),
            **_via(filters, r[9], r[14], r[15]),
        }
        for r in conn.execute(sql, params)
    ]


def professors(conn: sqlite3.Connection, filters: Filters = Filters(), institute: str | None = None) -> list[dict]:
    """The people named in the roadmap's 4대 과기원 연구개발 교수 후보 sections."""
    return [p for p in people(conn, filters, institute) if p["source"]["document"] == ROADMAP]


def nearest_area_with_professors(conn: sqlite3.Connection, technology_id: str) -> dict | None:
    """For an area the roadmap names no professors for (division Ⅲ): the area closest to it that has them, ranked
    as `smbstar match` ranks areas for the area's title and candidates; {"id", "title", "why"}, or None when no
    area with professors shares a distinctive word with it where it counts (a word found only in passages, such as
    수소 inside 불화수소 of II-3, is no kinship)."""
    from smbstar.match import analyse_need, rank_areas

    staffed = {row[0] for row in conn.execute(
        "SELECT DISTINCT technology_id FROM contact WHERE document = ? AND technology_id IS NOT NULL", (ROADMAP,))}
    described = " ".join(row[0] for row in conn.execute(
        "SELECT title FROM technology WHERE id = ? UNION ALL"
        " SELECT title FROM strategiccandidate WHERE technology_id = ?", (technology_id, technology_id)))
    for area in rank_areas(conn, analyse_need(conn, described)) if described else []:
        if area["id"] != technology_id and area["id"] in staffed and area["distinctive"]:
            return {"id": area["id"], "title": area["title"], "why": area["why"]}
    return None


def no_professors_note(area: str, nearest: dict | None) -> str:
    """What to say of an area without professors: so, and the nearest area that has them (see
    nearest_area_with_professors)."""
    return f"the roadmap names no professors for {area}" + (
        f"; nearest area with professors: {nearest['id']} {nearest['title']} (smbstar professors --tech {nearest['id']})"
        if nearest else "; no area with professors is close to it")


def firms(conn: sqlite3.Connection, filters: Filters = Filters()) -> list[dict]:
    where, params = _where(filters, "m", _MENTION_YEAR.format(a="m"))
    sql = (
        "SELECT m.name_printed, f.name, f.id, m.role, m.opinion, m.technology_id, coalesce(t.title, tp.title, ''),"
        " m.document, m.line, tp.id, tp.title FROM firmmention m JOIN firm f ON f.id = m.firm_id"
        " LEFT JOIN technology t ON t.id = m.technology_id LEFT JOIN topic tp ON tp.id = m.topic_id"
        f"{where} ORDER BY m.document, m.line, m.id"
    )
    return [
        {
            "name": r[0], "firm": r[1], "firm_id": r[2], "role": r[3], "opinion": r[4],
            "technology_id": r[5], "technology": r[6], "source": _source(r[7], r[8]),
            **_via(filters, r[5], r[9], r[10]),
        }
        for r in conn.execute(sql, params)
    ]


MEASURES = ("market_size", "revenue", "investment", "price", "share", "growth", "rank", "count", "other")


def markets(conn: sqlite3.Connection, filters: Filters = Filters(), measure: str | None = None) -> list[dict]:
    """Market figures; `--year` keeps a figure of that year or of a period that spans it."""
    where, params = _where(replace(filters, year=None), "m", "m.year")
    clauses = [where[len(" WHERE "):]] if where else []
    if filters.year is not None:
        clauses.append("(m.year = ? OR (m.year IS NULL AND ? BETWEEN m.year_from AND m.year_to))")
        params += [filters.year, filters.year]
    if measure:
        if measure not in MEASURES:
            raise SmbstarError(f"unknown --measure {measure!r}; choose one of {', '.join(MEASURES)}")
        clauses.append("m.measure = ?")
        params.append(measure)
    sql = (
        "SELECT m.id, m.technology_id, m.topic_id, coalesce(t.title, tp.title, ''), m.measure, m.value_printed,"
        " m.value, m.unit, m.currency, m.low, m.high, m.year, m.year_from, m.year_to, m.subject, m.scope, m.quote,"
        " m.flag, m.equivalent_of, m.document, m.line, tp.title FROM marketfigure m"
        " LEFT JOIN technology t ON t.id = m.technology_id LEFT JOIN topic tp ON tp.id = m.topic_id"
        f"{' WHERE ' + ' AND '.join(clauses) if clauses else ''} ORDER BY m.document, m.line, m.id"
    )
    return [
        {
            "id": r[0], "technology_id": r[1], "topic_id": r[2], "technology": r[3], "measure": r[4],
            "value_printed": r[5], "value": r[6], "unit": r[7], "currency": r[8], "low": r[9], "high": r[10],
            "year": r[11], "year_from": r[12], "year_to": r[13], "subject": r[14], "scope": r[15], "quote": r[16],
            "flag": r[17], "equivalent_of": r[18], "source": _source(r[19], r[20]),
            **_via(filters, r[1], r[2], r[21]),
        }
        for r in conn.execute(sql, params)
    ]


def milestones(conn: sqlite3.Connection, filters: Filters = Filters()) -> list[dict]:
    """Milestones and dated targets as a timeline: by year (undated last), then by document and line."""
    where, params = _where(filters, "m", "m.year")
    sql = (
        "SELECT m.technology_id, coalesce(t.title, tp.title, ''), m.period, m.year, m.date, m.milestone, m.actor,"
        " m.stage, m.budget, m.figure_only, m.caption, m.document, m.line, m.topic_id, tp.title FROM milestone m"
        " LEFT JOIN technology t ON t.id = m.technology_id LEFT JOIN topic tp ON tp.id = m.topic_id"
        f"{where} ORDER BY m.year IS NULL, m.year, m.document, m.line, m.id"
    )
    return [
        {
            "technology_id": r[0], "topic_id": r[13], "technology": r[1], "period": r[2], "year": r[3], "date": r[4],
            "milestone": r[5], "actor": r[6], "stage": r[7], "budget": r[8], "figure_only": bool(r[9]),
            "caption": r[10], "source": _source(r[11], r[12]),
            **_via(filters, r[0], r[13], r[14]),
        }
        for r in conn.execute(sql, params)
    ]


def survey(conn: sqlite3.Connection, technology_ids: tuple[str, ...] = (), measure: str | None = None) -> list[dict]:
    sql = (
        "SELECT s.name, v.measure, v.category, v.value, v.value_printed, v.table_id, v.table_title,"
        " v.document, v.line,"
        " (SELECT group_concat(a.technology_id, '|') FROM surveytechnologyarea a"
        "  WHERE a.survey_technology_id = s.id)"
        " FROM surveyvalue v LEFT JOIN surveytechnology s ON s.id = v.survey_technology_id WHERE 1 = 1"
    )
    params: list = []
    if technology_ids:
        sql += (
            " AND v.survey_technology_id IN (SELECT survey_technology_id FROM surveytechnologyarea"
            f" WHERE technology_id IN ({','.join('?' * len(technology_ids))}))"
        )
        params.extend(technology_ids)
    if measure:
        sql += " AND v.measure LIKE ?"
        params.append(f"%{measure.strip()}%")
    sql += " ORDER BY v.document, v.line, v.id"
    return [
        {
            "technology": r[0] or "", "technology_ids": r[9] or "", "measure": r[1], "category": r[2],
            "value": r[3], "value_printed": r[4], "table": r[5], "table_title": r[6],
            "source": _source(r[7], r[8]),
        }
        for r in conn.execute(sql, params)
    ]


def related_topics(conn: sqlite3.Connection, technology_id: str) -> list[dict]:
    """Companion-document topics linked to an area, with the firms, people, figures and targets they bring."""
    topics = []
    for topic_id, title, kind, document, date, line, via, score, evidence in conn.execute(
        "SELECT tp.id, tp.title, tp.kind, tp.document, tp.date, tp.line, l.via, l.score, l.evidence"
        " FROM topictechnology l JOIN topic tp ON tp.id = l.topic_id WHERE l.technology_id = ?"
        " ORDER BY tp.document, tp.line",
        (technology_id,),
    ):
        inside = Filters(topic_ids=(topic_id,))
        found = json.loads(evidence) if evidence else []
        topics.append({
            "id": topic_id, "title": title, "kind": kind, "date": date, "via": via,
            "score": score, "evidence": found, "why": evidence_text(found),
            "source": _source(document, line),
            "firms": firms(conn, inside), "people": people(conn, inside),
            "markets": markets(conn, inside), "milestones": milestones(conn, inside),
        })
    return topics


def evidence_text(evidence: list[dict]) -> str:
    """A link's evidence in a line: `이차전지 title 1 body 79; LFP body 32`, or `as part of 002-report-04`."""
    parts = []
    for entry in evidence:
        if "parent" in entry:
            parts.append(f"as part of {entry['parent']}" + (f" ({entry['term']} in its text)" if entry["term"] else ""))
        else:
            counts = " ".join(f"{where} {entry[where]}" for where in ("title", "body") if entry[where])
            parts.append(f"{entry['term']} {counts}")
    return "; ".join(parts)


def technology_card(conn: sqlite3.Connection, technology_id: str) -> dict:
    row = conn.execute(
        "SELECT t.id, t.title, d.id, d.name, t.definition, t.document, t.line, t.field, t.field_line"
        " FROM technology t JOIN division d ON d.id = t.division_id WHERE t.id = ?",
        (technology_id,),
    ).fetchone()
    candidates = [
        {"number": r[0], "title": r[1], "description": r[2], "source": _source(r[3], r[4])}
        for r in conn.execute(
            "SELECT number, title, description, document, line FROM strategiccandidate"
            " WHERE technology_id = ? ORDER BY line, id",
            (technology_id,),
        )
    ]
    area = Filters((technology_id,), roadmap_only=True)  # the linked topics' rows are listed under "related"
    card = {
        "id": row[0], "title": row[1], "division": row[2], "division_name": row[3], "definition": row[4],
        "source": _source(row[5], row[6]),
        "field": {"name": row[7], "source": _source(row[5], row[8])} if row[7] else None,
        "candidates": candidates,
        "milestones": milestones(conn, area),
        "markets": markets(conn, area),
        "professors": professors(conn, area),
        "firms": firms(conn, area),
        "survey": survey(conn, area.technology_ids),
        "related": related_topics(conn, technology_id),
    }
    if not card["professors"]:
        card["nearest_area_with_professors"] = nearest_area_with_professors(conn, technology_id)
    return card


def database_info(conn: sqlite3.Connection) -> dict:
    tables = [
        r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search_fts%'"
            " AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    counts = [{"table": name, "rows": conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]} for name in tables]
    meta = dict(conn.execute("SELECT key, value FROM meta"))
    return {"meta": meta, "tables": counts, "documents": documents(conn)}


def documents(conn: sqlite3.Connection) -> list[dict]:
    return [
        {"id": r[0], "title": r[1], "publisher": r[2], "published": r[3], "lines": r[4]}
        for r in conn.execute("SELECT id, title, publisher, published, line_count FROM document ORDER BY id")
    ]


def run_sql(conn: sqlite3.Connection, statement: str, timeout: float | None = None) -> tuple[list[str], Iterator[dict]]:
    """Run one read-only statement: its column names (made unique: `id`, `id_2`) and its rows, read as they are
    consumed. Writes, ATTACH and pragmas that change state are refused; an error of the statement, a value past
    db.MAX_VALUE_BYTES, SQLite running out of its memory or `timeout` seconds passing is SmbstarError (exit 2)."""
    conn.execute(f"PRAGMA hard_heap_limit = {SQL_HEAP_BYTES}")
    conn.set_authorizer(_read_only_authorizer)
    try:
        with _statement_errors(conn), db.Guard.timed():
            db.Guard.limit_time(timeout)
            cursor = conn.execute(statement)
    finally:
        conn.set_authorizer(None)
    if cursor.description is None:  # '', ';' or only a comment: nothing was asked
        raise SmbstarError("sql needs a SELECT statement")
    columns = unique_names([d[0] for d in cursor.description])
    return columns, _rows(conn, cursor, columns)


# How much memory SQLite itself may take for a `smbstar sql` statement (sorting, grouping, recursive CTEs).
SQL_HEAP_BYTES = 512 * 1024 * 1024


def _rows(conn: sqlite3.Connection, cursor: sqlite3.Cursor, columns: list[str]) -> Iterator[dict]:
    with _statement_errors(conn):
        while True:
            with db.Guard.timed():
                row = cursor.fetchone()
            if row is None:
                return
            yield dict(zip(columns, row))


@contextmanager
def _statement_errors(conn: sqlite3.Connection):
    try:
        yield
    except (sqlite3.Error, sqlite3.Warning, MemoryError) as exc:
        if _damaged(exc) or str(exc) == "interrupted":
            raise db.describe_failure(exc, db.path_of(conn)) from None
        if isinstance(exc, MemoryError):
            raise SmbstarError(f"sql: the statement needs more than {SQL_HEAP_BYTES >> 20} MB") from None
        raise SmbstarError(f"sql: {exc}") from None


def _damaged(exc: BaseException) -> bool:
    return getattr(exc, "sqlite_errorname", "") in ("SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_IOERR", "SQLITE_CANTOPEN")


def unique_names(names: list[str]) -> list[str]:
    """Column names with repeats numbered (`id`, `id_2`), so that no value is lost when a row becomes a dict."""
    seen: set[str] = set()
    unique = []
    for name in names:
        candidate, n = name, 1
        while candidate in seen:
            n += 1
            candidate = f"{name}_{n}"
        seen.add(candidate)
        unique.append(candidate)
    return unique


_READ_ACTIONS = {
    sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION, sqlite3.SQLITE_RECURSIVE,
}
# Pragmas that only describe the schema (`PRAGMA table_info(firm)`, `SELECT * FROM pragma_table_info('firm')`).
_INTROSPECTION_PRAGMAS = {
    "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo", "foreign_key_list",
    "collation_list", "function_list", "module_list", "pragma_list", "database_list",
}


def _read_only_authorizer(action, arg1, arg2, database, trigger):
    if action in _READ_ACTIONS:
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_PRAGMA and arg1 in _INTROSPECTION_PRAGMAS:
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_UPDATE and arg1 == "sqlite_master":
        # Asked by SQLite itself when a statement first uses an eponymous virtual table (pragma_table_info,
        # json_each). A user's UPDATE of sqlite_master still fails: the file is opened read-only and the schema
        # table is never writable without PRAGMA writable_schema, which is refused.
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


def cited_lines(citation: str, context: int = 0, docs_dir: Path = DOCS) -> list[dict]:
    """The lines of a source document that a result cites: `DOCUMENT:LINE`, DOCUMENT a file name or its prefix."""
    name, _, number = citation.rpartition(":")
    if not name or not re.fullmatch(r"[0-9]{1,9}", number.strip()):
        raise SmbstarError(f"{citation!r} is not DOCUMENT:LINE, e.g. 000_ad982b00eef8a1f3.txt:1708")
    matches = sorted(p for p in docs_dir.glob("*.txt") if p.name == name or p.name.startswith(name))
    if len(matches) != 1:
        known = ", ".join(p.name for p in sorted(docs_dir.glob("*.txt")))
        raise SmbstarError(f"no single document matches {name!r}; documents: {known}")
    lines = matches[0].read_text(encoding="utf-8").split("\n")
    line = int(number)
    if not 1 <= line <= len(lines):
        raise SmbstarError(f"{matches[0].name} has lines 1 to {len(lines)}, not {line}")
    first, last = max(1, line - context), min(len(lines), line + context)
    return [
        {"document": matches[0].name, "line": n, "text": lines[n - 1], "cited": n == line}
        for n in range(first, last + 1)
    ]
