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
    PARTICLES,
    chosung,
    compact,
    is_chosung_query,
    is_hangul,
    jamo,
    from_two_set_keys,
    normalize,
    query_words,
    starts_word,
    strip_ending,
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
HOW_PENALTY = {"exact": 0.0, "particle": 1.0, "compound": 1.0, "keyboard": 1.0, "synonym": 3.0, "초성": 4.0,
               "typo": 6.0}
MAX_QUERY_CHARS = 500
CANDIDATES_PER_UNIT = 2000  # index matches read per query unit and kind range
# Kinds whose title may itself say an intent word (a report titled "… 수출 규제 전망"): such an entry answers the
# question as an entry of the intended kind does.
TITLED_ANSWERS = ("topic", "tech", "candidate")
SHORTLIST = 150  # entries whose text is checked word by word, or --limit of them when more are asked for
MAX_LIMIT = 1000  # the most results a query ranks, however many are asked for: the work stays bounded
Ranges = list[tuple[int, int]]  # rowid ranges of search_entry (see search_kind)


@dataclass
class Alternative:
    term: str
    how: str  # exact, particle, compound, keyboard, synonym, typo, 초성
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
    generic: bool = False  # a word every area's text holds (GENERIC): it weighs little and never decides alone

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
        ((number, thesaurus_key(term), term) for number, c in enumerate(concepts) for term in c.terms),
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
        " group_concat(DISTINCT m.opinion), first.document, first.line"
        " FROM firm f JOIN firmmention m ON m.firm_id = f.id"
        # the firm's first mention, document and line together (a firm is named in several documents)
        " JOIN firmmention first ON first.id = (SELECT id FROM firmmention WHERE firm_id = f.id ORDER BY document, line"
        " LIMIT 1) GROUP BY f.id ORDER BY min(m.line)"
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

# Words that say which kind of answer is wanted rather than what it is about: they choose the kinds, the rest of
# the query chooses the area ("DRAM 수요 기업": DRAM's demand firms). Compared after particles and endings are off.
INTENTS = {
    **dict.fromkeys(("교수", "교수님", "연구자", "연구진", "전문가", "사람", "연구실", "누구", "누가", "연락처",
                     "이메일", "professor", "professors", "researcher", "researchers", "expert", "experts", "who",
                     "contact"), ("person",)),
    **dict.fromkeys(("기업", "업체", "회사", "수요기업", "company", "companies", "firm", "firms"), ("firm",)),
    **dict.fromkeys(("시장", "규모", "점유율", "시장규모", "전망", "매출", "market", "markets"), ("market",)),
    **dict.fromkeys(("마일스톤", "일정", "목표", "계획", "로드맵", "roadmap", "milestone", "milestones"),
                    ("milestone",)),
    **dict.fromkeys(("설문", "조사", "설문조사", "survey"), ("survey",)),
}
# Words that stand in every area's text: they weigh little, never match inside a person's name and never make a
# result alone.
GENERIC = frozenset(
    "문제 문제점 해결 해결책 기술 개발 방법 방안 관련 분야 연구 활용 적용 현황 동향 단계 사례 정보 내용 과제 최신"
    " technology technologies problem problems development method methods solution solutions".split()
)
GENERIC_WEIGHT = 0.15  # of a generic unit's rarity
# Question words and connectives that say nothing about the subject: dropped when anything else is left.
QUESTION_WORDS = frozenset(
    "있나요 있어요 있나 있습니까 있을까요 있는지 있는 뭐 뭐야 뭔가요 무엇 무엇인가요 무엇인가 어디 어디야 어디에"
    " 누구야 어떤 어떻게 어느 알려줘 알려주세요 알려 주세요 줘 찾아줘 찾아 찾기 추천해줘 추천해주세요 좋은 하는"
    " 되는 위한 위해 대한 대해 관한 통한 및 등 가장 궁금 궁금합니다 할 수 곳 곳은 분 만드는 만들 만드 만들고 파는"
    " 쓰는 하고 싶어 싶다 싶습니다 리스트 목록 list"
    " what which where how is are the a an of for in on with and to about find".split()
)


@dataclass
class Query:
    """A query read: its units, the kinds its intent words ask for, and notes on how it was read."""

    units: list[Unit]
    intent: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)
    asked: tuple[str, ...] = ()  # the intent words themselves (시장, 전망, 기업)


class Results(list):
    """Hits, best first, with how many entries matched in all (`total`; `more` when the index holds more than
    were read) and notes on how the query was read ("searched 배터리 for qoxjfl")."""

    def __init__(self, hits=(), total: int = 0, more: bool = False, notes=()):
        super().__init__(hits)
        self.total, self.more, self.notes = max(total, len(self)), more, list(notes)


def search(
    conn: sqlite3.Connection,
    query: str,
    kinds: tuple[str, ...] = (),
    limit: int = 20,
) -> Results:
    """The best `limit` hits for a free-text query, best first; empty when nothing matches."""
    read = read_query(conn, query)
    units = read.units
    if not units:
        return Results(notes=read.notes)
    hits, total, more = _rank(conn, units, kinds, limit, read.intent, asked=read.asked)
    if not hits or _needs_correction(hits, units):
        if add_corrections(conn, units):
            hits, total, more = _rank(conn, units, kinds, limit, read.intent, asked=read.asked)
    if read.intent and hits:
        area = _intended_area_entries(conn, hits, units, read.intent, kinds)
        if area:
            hits, total, more = _rank(conn, units, kinds, limit, read.intent, area, read.asked)
    return Results(hits[:limit], total, more, read.notes)


def analyse_query(conn: sqlite3.Connection, query: str, max_units: int = 12) -> list[Unit]:
    """The units of a query (see read_query)."""
    return read_query(conn, query, max_units).units


def read_query(conn: sqlite3.Connection, query: str, max_units: int = 12) -> Query:
    """Split the query into units and give each its exact, particle and synonym alternatives.

    A Latin word typed with the keyboard in English mode is read as the Hangul it types; intent words choose
    kinds; question words are dropped; a compound written without spaces is cut into known words. At most
    `max_units` units are kept (12 for a search query; a longer need description may ask for more).
    """
    text = normalize(query[:MAX_QUERY_CHARS])
    if not text:
        return Query([])
    if "@" in text:
        return Query([_email_unit(conn, text)])
    # Groups of initials (ㅂㅌㄹ) stand for words of their own, also beside other words (ㅂㅌㄹ 교수).
    initials = [group for group in text.split() if is_chosung_query(group)]
    units: list[Unit] = [unit for unit in map(lambda group: _chosung_unit(conn, group), initials) if unit]
    pieces, typed_as = _keyboard_corrected(conn, query_words(text), query)
    pieces, intent, asked = _intent(pieces, alone=not units)
    index = 0
    while index < len(pieces):
        span = _longest_thesaurus_span(conn, pieces, index)
        if span == 1:
            units += _word_units(conn, pieces[index])
        else:
            phrase = " ".join(pieces[index : index + span])
            unit = Unit(phrase)
            unit.add(phrase, "exact")
            _add_synonyms(conn, unit, phrase)
            units.append(unit)
        index += span
    for unit in units:
        for alternative in unit.alternatives:
            if alternative.how == "exact" and alternative.term in typed_as:
                alternative.how, alternative.via = "keyboard", typed_as[alternative.term]
    notes = [f"searched {hangul} for {latin}" for hangul, latin in typed_as.items()]
    return Query(units[:max_units], intent, notes, asked)


def _keyboard_corrected(conn: sqlite3.Connection, pieces: list[str], query: str) -> tuple[list[str], dict[str, str]]:
    """Latin words that are no word of the index but type, on the 2-set keyboard, Hangul that is (qoxjfl ->
    배터리) are replaced by that Hangul: the pieces, and each Hangul with the word typed. Shifted keys (Q for ㅃ)
    are read from the query as typed."""
    typed = {word.lower(): word for word in re.findall(r"[A-Za-z]+", query)}
    out, typed_as = [], {}
    for piece in pieces:
        hangul = from_two_set_keys(typed.get(piece, piece)) if piece.isascii() and piece.isalpha() else None
        if hangul and len(hangul) >= 2 and not _known_token(conn, piece) and (
                known_word(conn, hangul) or known_word(conn, strip_ending(hangul)) or _concepts_of(conn, hangul)):
            typed_as[hangul] = piece
            out.append(hangul)
        else:
            out.append(piece)
    return out, typed_as


def _intent(pieces: list[str], alone: bool = True) -> tuple[list[str], tuple[str, ...], tuple[str, ...]]:
    """The pieces that say what the query is about, the kinds its intent words ask for, and those words. When the
    pieces are `alone` (no initials beside them) and all are intent or question words, they are what is searched."""
    content, kinds, asked = [], [], []
    index = 0
    while index < len(pieces):
        pair = strip_ending("".join(pieces[index : index + 2])) if index + 1 < len(pieces) else ""
        stem = strip_ending(pieces[index])
        if pair in INTENTS:  # 수요 기업
            kinds += INTENTS[pair]
            asked.append(pair)
            index += 2
            continue
        if stem in INTENTS or pieces[index] in INTENTS:
            kinds += INTENTS.get(stem) or INTENTS[pieces[index]]
            asked.append(stem if stem in INTENTS else pieces[index])
        elif stem not in QUESTION_WORDS and pieces[index] not in QUESTION_WORDS:
            content.append(pieces[index])
        index += 1
    if not content and alone:
        content = [p for p in pieces if strip_ending(p) not in QUESTION_WORDS] or pieces
    if "survey" in kinds:  # the roadmap's survey is of firms: 업체 설문 asks for the survey, not for firms
        kinds = [kind for kind in kinds if kind != "firm"]
        asked = [word for word in asked if INTENTS[word] != ("firm",)]
    return content, tuple(dict.fromkeys(kinds)), tuple(dict.fromkeys(asked))


def _word_units(conn: sqlite3.Connection, word: str) -> list[Unit]:
    """The unit of one word; or, for a compound no text holds (사출금형), the units of the known words it is
    made of (사출, 금형)."""
    unit = Unit(word)
    unit.add(word, "exact")
    stripped = _stem(conn, word)
    if stripped != word:
        if not known_word(conn, word) and not known_word(conn, stripped):
            parts = _segment(conn, stripped)
            if parts:
                return [_part_unit(conn, part, word) for part in parts]
            # 김일도: an unknown word that a typo correction explains better than a particle (도) does.
            for rank, term in enumerate(_close_words(conn, word)):
                unit.add(term, "typo", word, rank)
        unit.add(stripped, "particle", word)
    elif not known_word(conn, word) and not _concepts_of(conn, word):
        parts = _segment(conn, word)
        if parts:
            return [_part_unit(conn, part, word) for part in parts]
    _add_synonyms(conn, unit, word)
    _add_synonyms(conn, unit, stripped)
    unit.generic = stripped in GENERIC or word in GENERIC
    return [unit]


def _part_unit(conn: sqlite3.Connection, part: str, compound: str) -> Unit:
    unit = Unit(part)
    unit.add(part, "compound", compound)
    _add_synonyms(conn, unit, part)
    unit.generic = part in GENERIC
    return unit


def _stem(conn: sqlite3.Connection, word: str) -> str:
    """The word without its particles or ending, stacked ones too (배터리로는, 저장하는): the first form the
    vocabulary knows, else the word without one particle."""
    once = strip_particle(word)
    for form in (strip_ending(word), once, strip_particle(once), strip_ending(once)):
        if form != word and (known_word(conn, form) or _concepts_of(conn, form)):
            return form
    return once


def _segment(conn: sqlite3.Connection, word: str) -> list[str]:
    """A Hangul compound of four or more syllables cut into known words, particles and question words between
    them dropped (반도체식각 -> 반도체, 식각; 자연어처리를위한 -> 자연어처리); [] when it cannot be.

    A piece is known when the vocabulary or the thesaurus holds it, or, for two syllables, the index does (사출,
    printed once); the cut with the fewest pieces wins, vocabulary words before index-only pairs. One piece at
    least must be a technology word (_is_technology_word), so that 메타버스 is not read as 메타 + 버스."""
    if len(word) < 4 or len(word) > 16 or not all(map(is_hangul, word)):
        return []
    parts = sorted({word[i:j] for i in range(len(word)) for j in range(i + 2, len(word) + 1)} - {word})
    marks = ",".join("?" * len(parts))
    cost = dict.fromkeys((row[0] for row in conn.execute(
        f"SELECT token FROM search_df WHERE token IN ({marks})", parts)), 1.4)
    for table, column in (("vocabulary", "term"), ("synonym", "term")):
        cost.update(dict.fromkeys((row[0] for row in conn.execute(
            f"SELECT {column} FROM {table} WHERE {column} IN ({marks})", parts)), 1.0))
    fillers = set(PARTICLES) | QUESTION_WORDS
    # best[i]: the cheapest cut of word[i:], as (cost, pieces); a filler may not start the word.
    best: list[tuple[float, list[str]] | None] = [None] * len(word) + [(0.0, [])]
    for start in range(len(word) - 1, -1, -1):
        for end in range(start + 1, len(word) + 1):
            piece, rest = word[start:end], best[end]
            step = 1.0 if start and piece in fillers else cost.get(piece)
            if rest is None or step is None:
                continue
            if best[start] is None or rest[0] + step < best[start][0]:
                best[start] = (rest[0] + step, [piece] + rest[1])
    if best[0] is None or len(best[0][1]) < 2:
        return []
    pieces = [piece for piece in best[0][1] if piece not in fillers]
    return pieces if any(_is_technology_word(conn, piece) for piece in pieces) else []


def _is_technology_word(conn: sqlite3.Connection, word: str) -> bool:
    """A thesaurus term, or a word in the title of an area, a strategic candidate or a survey technology."""
    if _concepts_of(conn, word):
        return True
    ranges = [(first, last) for kind, first, last in conn.execute("SELECT kind, first, last FROM search_kind")
              if kind in ("tech", "candidate", "survey")]
    return bool(first_matches(conn, "{title} : (" + fts_expression([Alternative(word, "exact")]) + ")", ranges, 1))


def known_word(conn: sqlite3.Connection, word: str) -> bool:
    return conn.execute("SELECT 1 FROM vocabulary WHERE term = ?", (word,)).fetchone() is not None


def _known_token(conn: sqlite3.Connection, word: str) -> bool:
    return conn.execute("SELECT 1 FROM search_df WHERE token = ?", (word,)).fetchone() is not None or known_word(
        conn, word)


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


def thesaurus_key(term: str) -> str:
    """The form in which thesaurus terms compare: no spaces, no hyphens (solid state = solid-state)."""
    return compact(term).replace("-", "")


def _concepts_of(conn: sqlite3.Connection, term: str) -> list[int]:
    return [row[0] for row in conn.execute("SELECT DISTINCT concept FROM synonym WHERE term = ?",
                                           (thesaurus_key(term),))]


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


def _chosung_unit(conn: sqlite3.Connection, initials: str) -> Unit | None:
    """The unit of one group of initials (ㅂㅌㄹ): the vocabulary words they begin, and their synonyms."""
    unit = Unit(initials)
    for rank, term in enumerate(_chosung_terms(conn, initials)):
        unit.add(term, "초성", initials, rank)
        _add_synonyms(conn, unit, term, "초성", f"{initials}→{term}", rank)
    return unit if unit.alternatives else None


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
        if unit.text.isascii() and len(unit.text) < LATIN_CORRECTED_FROM:
            continue  # SOFC is an acronym, not a misspelt soft
        for rank, term in enumerate(_close_words(conn, strip_particle(unit.text))):
            unit.add(term, "typo", unit.text, rank)
            _add_synonyms(conn, unit, term, "typo", f"{unit.text}→{term}", rank)
            added = True
    return added


# Latin words shorter than this are not corrected: one letter changes an acronym into another word.
LATIN_CORRECTED_FROM = 6
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


def _rank(conn: sqlite3.Connection, units: list[Unit], kinds: tuple[str, ...], limit: int = 20,
          intent: tuple[str, ...] = (), area: dict[int, list[tuple[Unit, Alternative]]] | None = None,
          asked: tuple[str, ...] = ()) -> tuple[list[Hit], int, bool]:
    """(hits best first, how many entries matched, whether the index holds more than were read).

    Units weigh by their rarity (IDF) from the start, so an entry holding a rare unit outranks, already in the
    shortlist, the many entries that hold only a common one. Entries of the intended kinds come first; `area`
    adds the intended entries of the area the query names, as named by its units. An entry whose own title says
    an intent word that was `asked` (a report titled "… 수출 규제 전망") answers the question as such an entry does.
    """
    named, passages = kind_ranges(conn, kinds)
    kind_starts = sorted((first, kind) for kind, first in conn.execute("SELECT kind, first FROM search_kind"))
    depth = min(max(SHORTLIST, limit), MAX_LIMIT)
    weight = _unit_weights(conn, units)
    found: dict[int, set[int]] = {}  # rowid -> indexes of the units the index finds in it
    in_title: dict[int, set[int]] = {}
    more = False

    def read(expression: str, ranges: Ranges, cap: int, into: dict[int, set[int]], index: int) -> None:
        nonlocal more
        for first_last in ranges:
            rowids = first_matches(conn, expression, [first_last], cap)
            more = more or len(rowids) >= cap
            for rowid in rowids:
                into.setdefault(rowid, set()).add(index)

    expressions = [fts_expression(unit.alternatives) for unit in units]
    specific = [i for i, e in enumerate(expressions) if e and not units[i].generic]
    if len(specific) > 1:  # the entries that have every unit, which a unit's own first matches may not reach
        together = " AND ".join(f"({expressions[i]})" for i in specific)
        both: dict[int, set[int]] = {}
        read(together, named + passages, CANDIDATES_PER_UNIT, both, -1)
        for rowid in both:
            found.setdefault(rowid, set()).update(specific)
    for index, expression in enumerate(expressions):
        if expression:
            read(expression, named + passages, CANDIDATES_PER_UNIT, found, index)
            read("{title} : (" + expression + ")", named, CANDIDATES_PER_UNIT, in_title, index)
    titles_asking: dict[int, set[int]] = {}  # named entries whose title says an intent word asked
    for word in asked:
        expression = fts_expression([Alternative(word, "exact")])
        if expression:
            read("{title} : (" + expression + ")", named, CANDIDATES_PER_UNIT, titles_asking, -1)
    linked: dict[int, list[tuple[Unit, Alternative]]] = {}
    for unit in units:
        if unit.areas and (not kinds or "tech" in kinds):
            marks = ",".join("?" * len(unit.areas))
            for rowid, ref in conn.execute(
                f"SELECT id, ref FROM search_entry WHERE kind = 'tech' AND ref IN ({marks})", list(unit.areas)
            ):
                linked.setdefault(rowid, []).append((unit, unit.areas[ref]))
    area = area or {}
    all_generic = all(unit.generic for unit in units)
    candidates = {rowid for rowid, hit in found.items() if all_generic or any(not units[i].generic for i in hit)}
    candidates |= set(linked) | set(area)
    if not candidates:
        return [], 0, more
    starts = [first for first, _ in kind_starts]
    position = {id(unit): i for i, unit in enumerate(units)}

    def kind_of(rowid: int) -> str:
        return kind_starts[bisect.bisect_right(starts, rowid) - 1][1]

    def shares(rowid: int, in_text: set[int]) -> tuple[float, float]:
        """(coverage, title share): the weights of the units in the text, linked by the thesaurus or naming the
        intended area the entry belongs to; the thesaurus link counts as a title, the area does not."""
        by_link = {position[id(unit)] for unit, _ in linked.get(rowid, ())}
        by_area = {position[id(unit)] for unit, _ in area.get(rowid, ())}
        titled = in_title.get(rowid, set()) | by_link
        coverage = sum(weight[i] for i in in_text | by_link | by_area)
        return coverage, min(sum(weight[i] for i in titled), 1.0)

    known: dict[tuple, float] = {}

    def evidence(rowid: int) -> float:
        """The score from the index alone (units found, in the title, kind): it orders the candidates nearly as
        the full score does, and checking every candidate's text is what costs time on a common word. Most
        candidates share one of a few combinations of units, so each combination is weighed once."""
        in_text, titled, kind = found.get(rowid, set()), in_title.get(rowid, set()), kind_of(rowid)
        answers = kind in intent or (kind in TITLED_ANSWERS and rowid in titles_asking)
        key = (frozenset(in_text), frozenset(titled), kind, answers)
        if rowid in linked or rowid in area or key not in known:
            coverage, title_share = shares(rowid, in_text)
            value = (100 if answers else 0) + 60 * coverage + 25 * title_share + KIND_PRIOR[kind] * (
                0.5 + title_share)
            if rowid in linked or rowid in area:
                return value
            known[key] = value
        return known[key]

    shortlist = sorted(candidates, key=lambda rowid: (-evidence(rowid), rowid))[:depth]
    idf = {a.key: _idf(conn, _entries_with(conn, a.term)) for unit in units for a in unit.alternatives}
    hits, rejected, answering = [], 0, set()
    rows = conn.execute(
        "SELECT e.id, e.kind, e.ref, e.technology_id, e.title, e.body, e.document, e.line,"
        " coalesce(t.title, '') FROM search_entry e LEFT JOIN technology t ON t.id = e.technology_id"
        f" WHERE e.id IN ({','.join('?' * len(shortlist))})",
        shortlist,
    ).fetchall()
    for rowid, kind, ref, technology_id, title, body, document, line, technology in rows:
        matched = _matched_alternatives(units, kind, title, body)
        in_text = {position[id(unit)] for unit, _ in matched}
        for unit, alternative in linked.get(rowid, []) + area.get(rowid, []):
            if position[id(unit)] not in {position[id(u)] for u, _ in matched}:
                matched.append((unit, alternative))
        if not matched or not (all_generic or any(not u.generic for u, _ in matched)):
            rejected += 1
            continue
        coverage, title_share = shares(rowid, in_text)
        title_key = compact(title)
        exact_title = max((_title_bonus(a) for _, a in matched if a.key == title_key), default=0.0)
        penalty = min(a.cost for _, a in matched)
        score = (
            60 * coverage
            + 25 * title_share
            + exact_title
            + KIND_PRIOR[kind] * (0.5 + title_share)
            + _term_weight(matched, title, body, idf)
            - penalty
        )
        alternatives = [a for _, a in matched]
        if kind in TITLED_ANSWERS and rowid in titles_asking:
            answering.add((kind, ref))
        hits.append(
            Hit(kind, ref, title or _first_words(body), technology_id, technology,
                body or title, score, document, line, alternatives)
        )
    hits = _roll_up_to_areas(conn, hits)
    hits.sort(key=lambda h: (h.kind not in intent and (h.kind, h.id) not in answering, -h.score, h.document,
                             h.line, h.kind))
    return hits, len(candidates) - rejected, more


def _title_bonus(alternative: Alternative) -> float:
    """What an entry gains when an alternative is its whole title: the word as typed or a form of it, not a
    synonym, nor a synonym of a guess (ㄱㅎ -> 금형 -> 몰드)."""
    return 0.0 if alternative.how == "synonym" or "→" in alternative.via else 15.0


def _unit_weights(conn: sqlite3.Connection, units: list[Unit]) -> list[float]:
    """Each unit's share of the query (summing to 1): a third an equal share, two thirds by its rarity (IDF), so
    that a rare word leads without making every passage that holds it outrank the area whose title holds the
    rest; a generic word's share is cut to GENERIC_WEIGHT. A word no entry holds (연락처) has no share: it
    cannot tell entries apart."""
    found = [sum(_entries_with(conn, alternative.term) for alternative in unit.alternatives) for unit in units]
    rarity = [_idf(conn, count) if count else 0.0 for count in found]
    total, present = sum(rarity) or 1.0, sum(1 for count in found if count) or 1
    raw = [(bool(count) / present / 3 + value / total * 2 / 3) * (GENERIC_WEIGHT if unit.generic else 1.0)
           for unit, count, value in zip(units, found, rarity)]
    return [value / sum(raw) for value in raw] if sum(raw) else [1 / len(units)] * len(units)


def _intended_area_entries(conn: sqlite3.Connection, hits: list[Hit], units: list[Unit], intent: tuple[str, ...],
                           kinds: tuple[str, ...]) -> dict[int, list[tuple[Unit, Alternative]]]:
    """The entries of the intended kinds that belong to the area the rest of the query names (its best area hit),
    each as named by the units that matched that area: GIST 이차전지 교수 -> the professors of II-2."""
    area = next((hit for hit in sorted(hits, key=lambda h: -h.score) if hit.kind == "tech"), None)
    if area is None:
        return {}
    naming = [(unit, a) for unit in units if not unit.generic for a in unit.alternatives if a in area.matched]
    if not naming:
        return {}
    refs = []
    for kind in intent:
        if kinds and kind not in kinds:
            continue
        refs += [(kind, str(ref)) for (ref,) in conn.execute(_AREA_MEMBERS[kind], (area.id,))]
    out: dict[int, list[tuple[Unit, Alternative]]] = {}
    for kind, ref in refs:
        row = conn.execute("SELECT id FROM search_entry WHERE kind = ? AND ref = ?", (kind, ref)).fetchone()
        if row:
            out[row[0]] = naming
    return out


# The records of one area, by search entry kind (their ref in search_entry).
_AREA_MEMBERS = {
    "person": "SELECT DISTINCT person_key FROM contact WHERE technology_id = ?",
    "firm": "SELECT DISTINCT firm_id FROM firmmention WHERE technology_id = ?",
    "market": "SELECT id FROM marketfigure WHERE technology_id = ?",
    "milestone": "SELECT id FROM milestone WHERE technology_id = ?",
    "survey": "SELECT survey_technology_id FROM surveytechnologyarea WHERE technology_id = ?",
}


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
    matches; ranking every match by bm25 would read them all. What is read is counted (the total a search
    reports) and ordered by its index evidence; only a shortlist of it is checked word by word.
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


def _matched_alternatives(units: list[Unit], kind: str, title: str, body: str) -> list[tuple[Unit, Alternative]]:
    """For each unit, the first alternative that really stands in the entry (spacing-insensitive).

    A generic word never matches inside a person's name (문제 in 문제일); a short synonym or correction only where
    a Hangul word starts (탱크 for 수소탱크 not in 싱크탱크)."""
    whole = normalize(f"{title} {body}")
    haystack, words_in = whole.replace(" ", ""), set(words(whole, normalized=True))
    own = None  # the body alone, read when a generic unit is matched against a person
    matched = []
    for unit in units:
        text, in_words, raw = haystack, words_in, whole
        if unit.generic and kind == "person":
            if own is None:
                spoken = normalize(body)
                own = (spoken.replace(" ", ""), set(words(spoken, normalized=True)), spoken)
            text, in_words, raw = own
        for alternative in unit.alternatives:
            if not _stands(alternative.key, text, in_words):
                continue
            if alternative.how not in ("exact", "particle") and _is_short_hangul(alternative.key) and not starts_word(
                    alternative.key, raw, normalized=True):
                continue
            matched.append((unit, alternative))
            break
    return matched


def _is_short_hangul(key: str) -> bool:
    """A Hangul term of at most two syllables, which sits inside many unrelated words."""
    return len(key) <= 2 and all(map(is_hangul, key))


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
    """The start of a passage as printed (KAIST, not the kaist of the index), to title it."""
    text = " ".join(text.split())
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
