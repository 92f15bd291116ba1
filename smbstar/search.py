"""Ranked search over every kind of record and the document text.

At build time `build_search_index` writes one `search_entry` row per searchable thing (a technology area, a
candidate, a person, a firm, a market figure, a milestone, a survey technology, a passage), its Hangul-bigram
tokens into the FTS5 table `search_fts`, the thesaurus into `synonym`, and the words users may mistype or
abbreviate into `vocabulary`.

At query time the query is split into units (words, or several words that form one thesaurus term); each unit
has alternatives (the word itself, the word without its particle, thesaurus synonyms, and, when nothing
matched, close words by jamo similarity or 초성). An entry scores by how many units it matches, whether they are
in its title, its kind, and a bm25-like weight of the terms (document frequencies from `search_df`). Each query
reads a bounded number of index matches, so its cost does not grow with the database. Only the standard library
and the database are needed, and rapidfuzz only when a typo has to be corrected.
"""

from __future__ import annotations

import bisect
import math
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass, field

from smbstar.korean import (
    chosung,
    compact,
    is_chosung_query,
    is_hangul,
    jamo,
    normalize,
    strip_particle,
    tokens,
    words,
)

KINDS = ("tech", "candidate", "person", "firm", "market", "milestone", "survey", "topic", "passage")

# How much a match counts by kind: named things above the text that merely mentions them.
KIND_PRIOR = {
    "tech": 14.0,
    "person": 12.0,
    "firm": 12.0,
    "candidate": 9.0,
    "survey": 7.0,
    "topic": 8.0,
    "market": 4.0,
    "milestone": 4.0,
    "passage": 0.0,
}
# The kinds of entry that describe a technology area (not the people and firms named for it): their number per
# area is the area's "length" when match weighs terms bm25-style (search_area).
AREA_KINDS = ("tech", "candidate", "survey", "milestone", "market", "passage")
# How far an alternative is from what the user typed.
HOW_PENALTY = {"exact": 0.0, "particle": 1.0, "synonym": 3.0, "초성": 4.0, "typo": 6.0}
MAX_QUERY_CHARS = 500
CANDIDATES_PER_UNIT = 2000  # index matches read per query unit and kind range
SHORTLIST = 150  # entries whose text is checked word by word
Ranges = list[tuple[int, int]]  # rowid ranges of search_entry (see search_kind)


@dataclass
class Alternative:
    term: str
    how: str  # exact, particle, synonym, typo, 초성
    via: str = ""  # the word it was derived from
    rank: int = 0  # among corrections of one word, 0 for the closest
    key: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.key = compact(self.term)

    @property
    def cost(self) -> float:
        return HOW_PENALTY[self.how] + 8 * self.rank


@dataclass
class Unit:
    text: str
    alternatives: list[Alternative] = field(default_factory=list)
    areas: dict[str, Alternative] = field(default_factory=dict)  # technology id -> the concept that names it

    def add(self, term: str, how: str, via: str = "", rank: int = 0) -> None:
        key = compact(term)
        if key and all(a.key != key for a in self.alternatives):
            self.alternatives.append(Alternative(term, how, via, rank))


@dataclass
class Hit:
    kind: str
    id: str
    title: str
    technology_id: str | None
    technology: str
    text: str  # what the snippet is cut from
    score: float
    document: str
    line: int
    matched: list[Alternative]

    @property
    def snippet(self) -> str:
        return snippet(self.text, self.matched)

    def as_record(self, explain: bool = False) -> dict:
        record = {
            "kind": self.kind,
            "id": self.id,
            "title": self.title,
            "technology": self.technology,
            "snippet": self.snippet,
            "score": round(self.score, 2),
            "source": {"document": self.document, "line": self.line},
        }
        if explain:
            record["match"] = "; ".join(_explain(a) for a in self.matched)
        return record


def _explain(alternative: Alternative) -> str:
    if alternative.how == "exact":
        return f"exact {alternative.term}"
    return f"{alternative.how} {alternative.via}→{alternative.term}"


# ---------------------------------------------------------------- building the index


def build_search_index(conn: sqlite3.Connection, concepts) -> None:
    """Create and fill the search tables from the tables already written.

    Entries are numbered kind by kind in the order of KINDS, so that each kind is one range of rowids
    (`search_kind`) and, within the FTS5 index, named things come before the passages that mention them: a query
    reads the first matches of a range and stops, whatever the size of the database.
    """
    conn.executescript(
        """
        CREATE TABLE search_entry (
            id INTEGER PRIMARY KEY, kind TEXT NOT NULL, ref TEXT NOT NULL, technology_id TEXT,
            title TEXT NOT NULL, body TEXT NOT NULL, document TEXT NOT NULL, line INTEGER NOT NULL
        );
        CREATE INDEX search_entry_ref ON search_entry(kind, ref);
        CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='', tokenize='unicode61');
        CREATE TABLE search_kind (kind TEXT PRIMARY KEY, first INTEGER NOT NULL, last INTEGER NOT NULL);
        CREATE TABLE search_df (token TEXT PRIMARY KEY, entries INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE search_area (technology_id TEXT PRIMARY KEY, entries INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE synonym (concept INTEGER NOT NULL, term TEXT NOT NULL, display TEXT NOT NULL);
        CREATE INDEX synonym_term ON synonym(term);
        CREATE TABLE synonym_area (concept INTEGER NOT NULL, technology_id TEXT NOT NULL);
        CREATE TABLE vocabulary (
            term TEXT PRIMARY KEY, reversed TEXT NOT NULL, chosung TEXT NOT NULL, length INTEGER NOT NULL,
            weight REAL NOT NULL, jamo TEXT NOT NULL
        );
        CREATE INDEX vocabulary_chosung ON vocabulary(chosung, length, weight);
        CREATE INDEX vocabulary_reversed ON vocabulary(reversed);
        """
    )
    entries = sorted(_entries(conn), key=lambda entry: KINDS.index(entry[0]))
    conn.executemany(
        "INSERT INTO search_entry (id, kind, ref, technology_id, title, body, document, line)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        ((i, *entry) for i, entry in enumerate(entries, start=1)),
    )
    conn.execute("INSERT INTO search_kind SELECT kind, min(id), max(id) FROM search_entry GROUP BY kind")
    marks = ",".join("?" * len(AREA_KINDS))
    conn.execute(
        "INSERT INTO search_area SELECT technology_id, count(*) FROM search_entry"
        f" WHERE technology_id IS NOT NULL AND kind IN ({marks}) GROUP BY technology_id", AREA_KINDS)
    frequency: Counter = Counter()

    def indexed():
        for i, entry in enumerate(entries, start=1):
            title, body = tokens(entry[3]), tokens(entry[4])
            frequency.update(set(title) | set(body))
            yield i, " ".join(title), " ".join(body)

    conn.executemany("INSERT INTO search_fts (rowid, title, body) VALUES (?, ?, ?)", indexed())
    conn.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")  # one b-tree: fewer pages a query
    conn.executemany("INSERT INTO search_df (token, entries) VALUES (?, ?)", frequency.items())
    conn.executemany(
        "INSERT INTO synonym (concept, term, display) VALUES (?, ?, ?)",
        ((number, compact(term), term) for number, c in enumerate(concepts) for term in c.terms),
    )
    conn.executemany(
        "INSERT INTO synonym_area (concept, technology_id) VALUES (?, ?)",
        ((number, identifier) for number, c in enumerate(concepts) for identifier in c.technology_ids),
    )
    conn.executemany(
        "INSERT OR REPLACE INTO vocabulary (term, reversed, chosung, length, weight, jamo) VALUES (?, ?, ?, ?, ?, ?)",
        ((term, term[::-1], chosung(term), len(term), weight, jamo(term))
         for term, weight in _vocabulary(entries, concepts).items()),
    )


def _entries(conn: sqlite3.Connection):
    """(kind, ref, technology_id, title, body, document, line) for everything searchable."""
    for row in conn.execute(
        "SELECT t.id, t.title, t.definition, t.document, t.line,"
        " (SELECT group_concat(c.title, ' / ') FROM strategiccandidate c WHERE c.technology_id = t.id), t.field"
        " FROM technology t ORDER BY t.id"
    ):
        # a Ⅵ area's field (차세대 공작기계 기술) is another name of the area: it is searched with the title
        title = f"{row[1]} · {row[6]}" if row[6] else row[1]
        yield ("tech", row[0], row[0], title, f"{row[2]} {row[5] or ''}", row[3], row[4])
    for row in conn.execute(
        "SELECT id, technology_id, title, description, document, line FROM strategiccandidate ORDER BY id"
    ):
        yield ("candidate", str(row[0]), row[1], row[2], row[3], row[4], row[5])
    for row in conn.execute(
        "SELECT person_key, min(technology_id), name, group_concat(DISTINCT institute),"
        " group_concat(DISTINCT title), group_concat(DISTINCT email), group_concat(DISTINCT email_printed),"
        " group_concat(DISTINCT lab), group_concat(DISTINCT expertise), group_concat(DISTINCT field),"
        " min(document), min(line)"
        " FROM contact GROUP BY person_key ORDER BY min(document), min(line)"
    ):
        body = " ".join(part for part in row[3:10] if part)
        yield ("person", row[0], row[1], row[2], body, row[10], row[11])
    for row in conn.execute(
        "SELECT f.id, f.name, min(m.technology_id), group_concat(DISTINCT m.name_printed),"
        " group_concat(DISTINCT m.opinion), min(m.document), min(m.line)"
        " FROM firm f JOIN firmmention m ON m.firm_id = f.id GROUP BY f.id ORDER BY min(m.line)"
    ):
        yield ("firm", row[0], row[2], row[1], f"{row[3] or ''} {row[4] or ''}", row[5], row[6])
    for row in conn.execute(
        "SELECT id, technology_id, value_printed, scope, quote, document, line FROM marketfigure ORDER BY id"
    ):
        yield ("market", str(row[0]), row[1], row[2], f"{row[3]} {row[4]}", row[5], row[6])
    for row in conn.execute(
        "SELECT id, technology_id, period, milestone, caption, document, line FROM milestone ORDER BY id"
    ):
        title = " ".join(part for part in (row[2], row[3] or row[4]) if part)
        yield ("milestone", str(row[0]), row[1], title, row[4], row[5], row[6])
    for row in conn.execute(
        "SELECT s.id, min(a.technology_id), s.name, s.division, s.document, s.line FROM surveytechnology s"
        " LEFT JOIN surveytechnologyarea a ON a.survey_technology_id = s.id GROUP BY s.id ORDER BY s.id"
    ):
        yield ("survey", str(row[0]), row[1], row[2], row[3], row[4], row[5])
    for row in conn.execute(
        "SELECT tp.id, (SELECT min(l.technology_id) FROM topictechnology l WHERE l.topic_id = tp.id),"
        " tp.title, tp.summary, tp.document, tp.line FROM topic tp ORDER BY tp.document, tp.line"
    ):
        yield ("topic", row[0], row[1], row[2], row[3], row[4], row[5])
    for row in conn.execute(
        "SELECT id, technology_id, text, document, line FROM passage ORDER BY id"
    ):
        yield ("passage", f"{row[3]}:{row[4]}", row[1], "", row[2], row[3], row[4])


def _vocabulary(entries, concepts) -> dict[str, float]:
    """Words a user may mistype or abbreviate to 초성, weighted: thesaurus terms and names above text words."""
    weights: dict[str, float] = {}
    for concept in concepts:
        for term in concept.terms:
            weights[normalize(term)] = 3.0
    for kind, _, _, title, _, _, _ in entries:
        if kind in ("person", "firm", "tech", "candidate", "survey", "topic") and title:
            for word in words(title):
                weights.setdefault(strip_particle(word), 2.0)
            if kind in ("person", "firm"):
                weights.setdefault(normalize(title), 2.5)
    # One pass of words() over all passages, and strip_particle once per distinct word: this is most of the
    # index build's time on a large database.
    counts: Counter = Counter()
    passages = "\n".join(body for kind, _, _, _, body, _, _ in entries if kind == "passage")
    for word, count in Counter(words(passages)).items():
        if is_hangul(word[0]) and len(word) >= 2:
            counts[strip_particle(word)] += count
    for word, count in counts.items():
        if count >= 2 and len(word) >= 2:
            weights.setdefault(word, 1.0 + min(count, 50) / 100)
    return {term: weight for term, weight in weights.items() if term and len(term) <= 40}


# ---------------------------------------------------------------- querying


def search(
    conn: sqlite3.Connection,
    query: str,
    kinds: tuple[str, ...] = (),
    limit: int = 20,
) -> list[Hit]:
    """The best `limit` hits for a free-text query, best first; [] when nothing matches."""
    units = analyse_query(conn, query)
    if not units:
        return []
    hits = _rank(conn, units, kinds)
    if not hits or _needs_correction(hits, units):
        if add_corrections(conn, units):
            hits = _rank(conn, units, kinds)
    return hits[:limit]


def analyse_query(conn: sqlite3.Connection, query: str, max_units: int = 12) -> list[Unit]:
    """Split the query into units and give each its exact, particle and synonym alternatives.

    At most `max_units` units are kept (12 for a search query; a longer need description may ask for more).
    """
    text = normalize(query[:MAX_QUERY_CHARS])
    if not text:
        return []
    if is_chosung_query(text):
        unit = Unit(text)
        for rank, term in enumerate(_chosung_terms(conn, text.replace(" ", ""))):
            unit.add(term, "초성", text, rank)
            _add_synonyms(conn, unit, term, "초성", f"{text}→{term}", rank)
        return [unit] if unit.alternatives else []
    if "@" in text:
        return [_email_unit(conn, text)]
    pieces = words(text)
    units: list[Unit] = []
    index = 0
    while index < len(pieces):
        span = _longest_thesaurus_span(conn, pieces, index)
        phrase = " ".join(pieces[index : index + span])
        unit = Unit(phrase)
        unit.add(phrase, "exact")
        stripped = strip_particle(phrase) if span == 1 else phrase
        if stripped != phrase:
            if not _known_word(conn, phrase) and not _known_word(conn, stripped):
                # 김일도: an unknown word that a typo correction explains better than a particle (도) does.
                for rank, term in enumerate(_close_words(conn, phrase)):
                    unit.add(term, "typo", phrase, rank)
            unit.add(stripped, "particle", phrase)
        _add_synonyms(conn, unit, phrase)
        _add_synonyms(conn, unit, stripped)
        units.append(unit)
        index += span
    return units[:max_units]


def _known_word(conn: sqlite3.Connection, word: str) -> bool:
    return conn.execute("SELECT 1 FROM vocabulary WHERE term = ?", (word,)).fetchone() is not None


def _email_unit(conn: sqlite3.Connection, text: str) -> Unit:
    address = re.search(r"[\w.+-]+@[\w.-]+", text)
    unit = Unit(address.group(0) if address else text)
    unit.add(unit.text, "exact")
    return unit


def _longest_thesaurus_span(conn: sqlite3.Connection, pieces: list[str], index: int) -> int:
    for span in range(min(4, len(pieces) - index), 1, -1):
        if _concepts_of(conn, "".join(pieces[index : index + span])):
            return span
    return 1


def _concepts_of(conn: sqlite3.Connection, term: str) -> list[int]:
    return [row[0] for row in conn.execute("SELECT DISTINCT concept FROM synonym WHERE term = ?", (compact(term),))]


def _add_synonyms(conn: sqlite3.Connection, unit: Unit, term: str, how: str = "synonym", via: str = "",
                  rank: int = 0) -> None:
    """Add the thesaurus terms of every concept `term` belongs to, and the areas those concepts name.

    A synonym of a corrected word keeps the correction's kind and shows the chain (typo 배러티→배터리→이차전지).
    """
    via = via or term
    for concept in _concepts_of(conn, term):
        displays = [row[0] for row in conn.execute(
            "SELECT display FROM synonym WHERE concept = ? ORDER BY rowid", (concept,))]
        for display in displays:
            unit.add(display, how, via, rank)
        for (identifier,) in conn.execute("SELECT technology_id FROM synonym_area WHERE concept = ?", (concept,)):
            unit.areas.setdefault(identifier, Alternative(displays[0], how, via, rank))


def _chosung_terms(conn: sqlite3.Connection, initials: str, limit: int = 5) -> list[str]:
    rows = conn.execute(
        "SELECT term FROM vocabulary WHERE chosung = ? AND length = ? ORDER BY weight DESC, term LIMIT ?",
        (initials, len(initials), limit),
    ).fetchall()
    return [row[0] for row in rows]


def _needs_correction(hits: list[Hit], units: list[Unit]) -> bool:
    """True when some Hangul or Latin word of the query matched nothing at all."""
    matched = {a.key for hit in hits for a in hit.matched}
    return any(not any(a.key in matched for a in unit.alternatives) for unit in units)


def add_corrections(conn: sqlite3.Connection, units: list[Unit]) -> bool:
    """Add close vocabulary words (by jamo) to the units that matched nothing. True if any was added."""
    added = False
    for unit in units:
        if any(a.how != "exact" for a in unit.alternatives) or len(unit.text) < 2 or " " in unit.text:
            continue
        for rank, term in enumerate(_close_words(conn, strip_particle(unit.text))):
            unit.add(term, "typo", unit.text, rank)
            _add_synonyms(conn, unit, term, "typo", f"{unit.text}→{term}", rank)
            added = True
    return added


# How many vocabulary words sharing the first (or the last) character with a mistyped word are compared with it.
CORRECTION_CANDIDATES = 20000


def _close_words(conn: sqlite3.Connection, word: str, limit: int = 3) -> list[str]:
    """Vocabulary words closest to word by jamo, among those of about its length that share its first or its
    last character (a typo rarely hits both; reading by prefix keeps the cost bounded as the vocabulary grows)."""
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import Levenshtein

    if not word:
        return []
    length = len(word)
    rows = {}
    for column, edge in (("term", word[0]), ("reversed", word[-1])):
        rows.update((term, (spelled, weight)) for term, spelled, weight in conn.execute(
            f"SELECT term, jamo, weight FROM vocabulary WHERE {column} >= ? AND {column} < ?"
            " AND length BETWEEN ? AND ? AND term != ? LIMIT ?",
            (edge, edge + "\uffff", length - 1, length + 1, word, CORRECTION_CANDIDATES)))
    if not rows:
        return []
    target = jamo(word)
    choices = {term: spelled for term, (spelled, _) in rows.items()}
    edits = _typo_edits(target)
    scored = []
    for _, score, term in process.extract(target, choices, scorer=fuzz.ratio, limit=40, score_cutoff=60):
        if Levenshtein.distance(target, choices[term], score_cutoff=edits) > edits:
            continue
        # Order-independent jamo agreement breaks ties between equally close words (배러티 -> 배터리).
        combined = score + 0.3 * fuzz.token_sort_ratio(" ".join(target), " ".join(choices[term]))
        scored.append((combined + 4 * rows[term][1], term))
    scored.sort(reverse=True)
    return [term for _, term in scored[:limit]]


def _typo_edits(spelled: str) -> int:
    """How many jamo a typo may change: one in a short word, two in a longer one (배러티 swaps two). More would
    turn words absent from the documents into unrelated ones (미세먼지 -> 미세한, 임플란트 -> 플랜트)."""
    return 1 if len(spelled) < 6 else 2


def fts_expression(alternatives: list[Alternative]) -> str:
    """The FTS5 MATCH expression (bigram phrases joined by OR) for search_fts that finds any of alternatives."""
    phrases = []
    for alternative in alternatives:
        parts = tokens(alternative.term)
        if not parts:
            continue
        phrase = '"' + " ".join(parts) + '"'
        if len(parts) == 1 and len(parts[0]) == 1 and is_hangul(parts[0]):
            phrase += "*"
        phrases.append(phrase)
    return " OR ".join(dict.fromkeys(phrases))


def _rank(conn: sqlite3.Connection, units: list[Unit], kinds: tuple[str, ...]) -> list[Hit]:
    named, passages = kind_ranges(conn, kinds)
    kind_starts = sorted((first, kind) for kind, first in conn.execute("SELECT kind, first FROM search_kind"))
    unit_hits: Counter = Counter()
    in_title: Counter = Counter()
    expressions = [fts_expression(unit.alternatives) for unit in units]
    everywhere = [expression for expression in expressions if expression]

    def read(expression: str) -> set[int]:
        return set(first_matches(conn, expression, named) + first_matches(conn, expression, passages, SHORTLIST))

    together: set[int] = set()
    if len(everywhere) > 1:  # the entries that have every unit, which a unit's own first matches may not reach
        together = read(" AND ".join(f"({e})" for e in everywhere))
    for expression in everywhere:
        for rowid in together | read(expression):
            unit_hits[rowid] += 1
        for rowid in first_matches(conn, "{title} : (" + expression + ")", named):
            in_title[rowid] += 1
    linked: dict[int, list[tuple[Unit, Alternative]]] = {}
    for unit in units:
        if unit.areas and (not kinds or "tech" in kinds):
            marks = ",".join("?" * len(unit.areas))
            for rowid, ref in conn.execute(
                f"SELECT id, ref FROM search_entry WHERE kind = 'tech' AND ref IN ({marks})", list(unit.areas)
            ):
                linked.setdefault(rowid, []).append((unit, unit.areas[ref]))
    candidates = set(unit_hits) | set(linked)
    if not candidates:
        return []
    shortlist = _shortlist(candidates, kind_starts, unit_hits, in_title, linked, len(units))
    idf = {a.key: _idf(conn, _entries_with(conn, a.term)) for unit in units for a in unit.alternatives}
    hits = []
    rows = conn.execute(
        "SELECT e.id, e.kind, e.ref, e.technology_id, e.title, e.body, e.document, e.line,"
        " coalesce(t.title, '') FROM search_entry e LEFT JOIN technology t ON t.id = e.technology_id"
        f" WHERE e.id IN ({','.join('?' * len(shortlist))})",
        shortlist,
    ).fetchall()
    for rowid, kind, ref, technology_id, title, body, document, line, technology in rows:
        matched = _matched_alternatives(units, title, body)
        named_by_concept = [(u, a) for u, a in linked.get(rowid, []) if all(u is not m for m, _ in matched)]
        matched += named_by_concept
        if not matched:
            continue
        coverage = len({id(unit) for unit, _ in matched}) / len(units)
        title_share = min(in_title[rowid] + len(named_by_concept), len(units)) / len(units)
        title_key = compact(title)
        exact_title = any(a.key == title_key for _, a in matched if a.how != "synonym")
        penalty = min(a.cost for _, a in matched)
        score = (
            60 * coverage
            + 25 * title_share
            + (15 if exact_title else 0)
            + KIND_PRIOR[kind] * (0.5 + title_share)
            + _term_weight(matched, title, body, idf)
            - penalty
        )
        alternatives = [a for _, a in matched]
        hits.append(
            Hit(kind, ref, title or _first_words(body), technology_id, technology,
                body or title, score, document, line, alternatives)
        )
    hits = _roll_up_to_areas(conn, hits)
    hits.sort(key=lambda h: (-h.score, h.document, h.line, h.kind))
    return hits



def kind_ranges(conn: sqlite3.Connection, kinds: tuple[str, ...]) -> tuple[Ranges, Ranges]:
    """The rowid ranges to read, named things apart from passages (only the kinds asked for, if any)."""
    first_last = {kind: (first, last) for kind, first, last in conn.execute("SELECT kind, first, last FROM search_kind")}
    wanted = [kind for kind in KINDS if kind in first_last and (not kinds or kind in kinds)]
    named = [first_last[kind] for kind in wanted if kind != "passage"]
    if not kinds and named:  # the named kinds are adjacent: one range
        named = [(named[0][0], named[-1][1])]
    return named, [first_last["passage"]] if "passage" in wanted else []


def first_matches(conn: sqlite3.Connection, expression: str, ranges: Ranges,
                  limit: int = CANDIDATES_PER_UNIT) -> list[int]:
    """The first `limit` matches in each rowid range.

    FTS5 reads its index in rowid order and stops at the limit, so the cost does not grow with the number of
    matches; ranking every match by bm25 would read them all. Passages, which can only be told apart by the
    words they contain, are read no further than the shortlist they compete for.
    """
    found: list[int] = []
    for first, last in ranges:
        found += [rowid for (rowid,) in conn.execute(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid BETWEEN ? AND ? LIMIT ?",
            (expression, first, last, limit))]
    return found


def unit_idf(conn: sqlite3.Connection, unit: Unit) -> float:
    """How distinctive a unit is, from the number of entries its alternatives appear in."""
    return _idf(conn, sum(_entries_with(conn, alternative.term) for alternative in unit.alternatives))


def _idf(conn: sqlite3.Connection, found: int) -> float:
    total = conn.execute("SELECT max(id) FROM search_entry").fetchone()[0] or 1
    found = min(found, total)
    return math.log(1 + (total - found + 0.5) / (found + 0.5))


def _entries_with(conn: sqlite3.Connection, term: str) -> int:
    """About how many entries hold term: those that hold its rarest token (search_df)."""
    counts = [_token_entries(conn, token) for token in tokens(term)]
    return min(counts) if counts else 0


def _token_entries(conn: sqlite3.Connection, token: str) -> int:
    if len(token) == 1 and is_hangul(token):  # a lone syllable is searched as a prefix
        row = conn.execute("SELECT sum(entries) FROM search_df WHERE token >= ? AND token < ?",
                           (token, token + "\uffff")).fetchone()
    else:
        row = conn.execute("SELECT entries FROM search_df WHERE token = ?", (token,)).fetchone()
    return (row[0] or 0) if row else 0


# bm25 as FTS5 computes it with column weights (title 4, body 1), over characters: a typical title of a named
# thing has about 14, a typical body about 80.
K1, B = 1.2, 0.75
COLUMNS = ((4.0, 14), (1.0, 80))  # (weight, typical length) of title and body


def _term_weight(matched: list[tuple[Unit, Alternative]], title: str, body: str, idf: dict[str, float]) -> float:
    """A bm25 weight (0-10) of every alternative of the matched units in this entry, each with its own IDF:
    frequent in a short title or body counts most."""
    total = 0.0
    for (weight, typical), text in zip(COLUMNS, (compact(title), compact(body))):
        norm = K1 * (1 - B + B * len(text) / typical)
        for unit in {id(unit): unit for unit, _ in matched}.values():
            for alternative in unit.alternatives:
                frequency = text.count(alternative.key) if alternative.key else 0
                if frequency:
                    total += weight * idf[alternative.key] * frequency * (K1 + 1) / (frequency + norm)
    return min(total, 30.0) / 3


def _shortlist(candidates, kind_starts, unit_hits, in_title, linked, unit_count) -> list[int]:
    """The entries worth checking word by word: the best by the FTS evidence alone (units hit, title, kind).

    Checking every candidate's text in Python is what costs time on a common word; the FTS counts already order
    them nearly as the full score does. Ties keep index order (named things first, documents in order). An
    entry's kind is known from its rowid (kind_starts: the first rowid of each kind).
    """
    starts = [first for first, _ in kind_starts]

    def evidence(rowid: int) -> float:
        kind = kind_starts[bisect.bisect_right(starts, rowid) - 1][1]
        units = min(unit_hits[rowid] + len(linked.get(rowid, ())), unit_count) / unit_count
        title = min(in_title[rowid] + len(linked.get(rowid, ())), unit_count) / unit_count
        return 60 * units + 25 * title + KIND_PRIOR[kind] * (0.5 + title)

    return sorted(candidates, key=lambda rowid: (-evidence(rowid), rowid))[:SHORTLIST]


# An area is the answer a user wants when one of its candidates or survey technologies matches: it is placed just
# above its best-matching part.
_PARTS = ("candidate", "survey")


def _roll_up_to_areas(conn: sqlite3.Connection, hits: list[Hit]) -> list[Hit]:
    best_part: dict[str, Hit] = {}
    for hit in hits:
        if hit.kind in _PARTS and hit.technology_id:
            current = best_part.get(hit.technology_id)
            if current is None or hit.score > current.score:
                best_part[hit.technology_id] = hit
    if not best_part:
        return hits
    areas = {hit.id: hit for hit in hits if hit.kind == "tech"}
    for identifier, part in best_part.items():
        area = areas.get(identifier)
        if area is None:
            row = conn.execute(
                "SELECT e.title, e.body, e.document, e.line FROM search_entry e"
                " WHERE e.kind = 'tech' AND e.ref = ?", (identifier,)).fetchone()
            if row is None:
                continue
            area = Hit("tech", identifier, row[0], identifier, row[0], row[1] or row[0], 0.0, row[2], row[3],
                       list(part.matched))
            hits.append(area)
        if area.score <= part.score:
            area.score = part.score + 1.0
            area.matched = area.matched or list(part.matched)
    return hits


def _matched_alternatives(units: list[Unit], title: str, body: str) -> list[tuple[Unit, Alternative]]:
    """For each unit, the first alternative that really stands in the entry (spacing-insensitive)."""
    haystack = compact(f"{title} {body}")
    words_in = set(words(f"{title} {body}"))
    matched = []
    for unit in units:
        for alternative in unit.alternatives:
            if _stands(alternative.key, haystack, words_in):
                matched.append((unit, alternative))
                break
    return matched


def stands_in(term: str, haystack: str, words_in: set[str]) -> bool:
    """Whether term stands in a text, given as its compact() form and its set of words()."""
    return _stands(compact(term), haystack, words_in)


def _stands(key: str, haystack: str, words_in: set[str]) -> bool:
    if not key or key not in haystack:
        return False
    if re.fullmatch(r"[a-z0-9]+", key):
        # Latin words match whole words only: AI is not in KAIST, PMIC not in PMICs' neighbours.
        return key in words_in or any(w.startswith(key) and not w[len(key):].isalpha() for w in words_in)
    return True


def _first_words(text: str, size: int = 60) -> str:
    text = normalize(text)
    return text if len(text) <= size else text[: size - 1] + "…"


def snippet(text: str, alternatives: list[Alternative], width: int = 120) -> str:
    """About `width` characters of text around the first place an alternative stands."""
    text = " ".join(text.split())
    lowered = text.lower()
    position = -1
    for alternative in alternatives:
        term = normalize(alternative.term)
        position = lowered.find(term)
        if position >= 0:
            break
    if position < 0 or len(text) <= width:
        return text[:width] + ("…" if len(text) > width else "")
    start = max(0, position - width // 3)
    end = min(len(text), start + width)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
