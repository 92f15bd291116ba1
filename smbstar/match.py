"""Matching a need or a product described in free text (or a firm of the database) to the roadmap.

`match_need(conn, "전고체 배터리용 고체 전해질 양산 공정을 개발하려 합니다")` answers with the technology areas
and strategic candidates (전략기술 후보) that fit, the professors of those areas, the firms that asked for or work
on the same technology, and the evidence around it: market figures, milestones, survey signals and related
companion topics. `match_firm(conn, "㈜루미스탈")` starts from a firm instead. Both return a nested, JSON-ready
dict; every item says why it is there (`why`) and cites a document and line (`source`).

Ranking is BM25 with each technology area as one "document". The text is cut into the same units as a search
query (`search.analyse_query`: thesaurus spans, particles, synonyms; jamo correction for words found nowhere),
after the endings of a sentence (개발하려 합니다, 저장하는) are taken off and words like 위한 or 필요합니다 dropped.
For every unit the entries of `search_fts` that hold it are counted per area, each weighted by where it stands
(the area's title above a candidate, a candidate above a passage), plus the thesaurus link of its concept to an
area (`synonym_area`). A unit's weight is its inverse document frequency over all search entries, so 공정, 기술
or 개발, found in hundreds or thousands of entries, hardly move the result while 고체 전해질 or 채터 decide it.

Everything else (candidates, professors' expertise, firms, markets, milestones, topics) is related to the need
through the same FTS matches: an item names a unit when the unit matched its search entry.
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass, field

from smbstar.errors import SmbstarError
from smbstar.korean import compact, is_chosung_query, is_hangul, normalize, starts_word, strip_ending, words
from smbstar.search import (
    CANDIDATES_PER_UNIT,
    GENERIC_WEIGHT,
    Alternative,
    Unit,
    add_corrections,
    analyse_query,
    first_matches,
    fts_expression,
    kind_ranges,
    known_word,
    stands_in,
    unit_idf,
)

MAX_UNITS = 24
MAX_WORDS_CORRECTED = 3

# Words of a need description that say nothing about the technology: verbs of wanting and doing, fillers.
STOP_WORDS = frozenset(
    """
    합니다 하려 하려고 하려는 하고자 하는 하며 하여 하기 위한 위해 위하여 있는 있습니다 있다 없는 있고 있으며
    필요 필요합니다 필요한 원합니다 원하는 싶습니다 싶다 찾고 찾습니다 찾는 관련 관련된 대한 대해 통한 통해
    및 등 또는 그리고 저희 우리 회사 당사 제품 기업 중소기업 것 수 더 좀 어떤 새로운 현재 지금 가능한 함께
    같은 이를 이 그 그런 해당 주로 중입니다 중 만들고 만드는 만들 쓰는 사용하는 이용한 이용하는 활용한
    활용하는 목표 계획 계획입니다 검토 알려 주세요 누구 어디 어느 분 교수 교수님 찾아 문의 도움 도와
    방법 방안 오래 없이 미리 직접 다시 멀리 많이 빨리 매우 아주 언제 무엇 어떻게 한 번 위에 안에 통해서
    the a an of for to in on with and or our we us my i need needs want wants looking look build develop
    developing make making that this which is are be using use based new from by at as into who can help
    company firm product products technology technologies system systems
    """.split()
)

# How much an entry counts for its area, by kind: (the unit stands in its title, only in its body). A companion
# topic counts for the area the build linked it to (topictechnology) as much as a passage of the area itself: a
# subject the roadmap never names (폐배터리) is known only from the reports about it.
WEIGHT = {
    "tech": (6.0, 2.5),
    "candidate": (3.5, 1.5),
    "survey": (3.0, 0.5),
    "milestone": (1.0, 0.8),
    "market": (0.6, 0.6),
    "passage": (1.0, 1.0),
    "topic": (1.5, 1.0),
}
TITLED = ("tech", "candidate", "survey")
# Where a distinctive unit must stand for an area to count as really matched (not only in its passages): the
# area's title, a candidate, its survey technology, or a thesaurus concept naming it.
STRONG_PLACES = ("title", "candidate", "survey", "thesaurus")
TITLE_GAIN = 0.5  # a unit in an area's own title, beyond the saturating count: the title says what the area is
THESAURUS_LINK = 5.0  # a concept of the thesaurus names the area
AREA_CLOSENESS = 0.5  # an area after the first is listed only with at least this share of the first one's score
SHARED_LEAD = 0.8  # an area within this share of the first one's score shares the lead (_leading)
LOW_CONFIDENCE_ITEMS = 5  # professors and firms listed when the need names no area distinctively
CONCEPT_BOOST = 1.3  # a unit that is a thesaurus concept naming areas is a technology term by construction
HOW_FACTOR = {"exact": 1.0, "particle": 1.0, "compound": 1.0, "keyboard": 1.0, "synonym": 0.9, "초성": 0.6,
              "typo": 0.5}
K1, B = 2.0, 0.4
DISTINCTIVE_IDF = 3.3  # a unit found in at most ~3% of the search entries
NEED_SHARE = 2 / 3  # of the need's distinctive rarity, named by a companion firm or topic that no link brings
PASSAGES_FOR_FIRMS = 500  # passages a distinctive unit stands in, read for the firms they name
SURVEY_STAGES = ("시작품 단계", "제품화 단계", "사업화 단계")


@dataclass
class _Term:
    """A unit of the need, its weight, and the search entries (by id) it stands in, with the alternative."""

    unit: Unit
    idf: float = 0.0
    entries: dict[int, Alternative] = field(default_factory=dict)
    capped: bool = False  # some alternative has more entries than were read

    @property
    def label(self) -> str:
        return self.unit.text

    @property
    def distinctive(self) -> bool:
        """Rare in the search entries and not a generic word (문제, 해결, 기술): it may decide."""
        return self.idf >= DISTINCTIVE_IDF and not self.unit.generic


@dataclass
class _Entry:
    kind: str
    ref: str
    technology_id: str | None
    title: str
    document: str
    line: int


@dataclass
class _Analysis:
    terms: list[_Term]
    entries: dict[int, _Entry]
    # (kind, ref) of a search entry -> the terms that stand in it, with the alternative that did
    named: dict[tuple[str, str], list[tuple[_Term, Alternative]]]

    def names(self, kind: str, ref, distinctive_only: bool = False) -> list[tuple[_Term, Alternative]]:
        found = self.named.get((kind, str(ref)), [])
        return [(t, a) for t, a in found if t.distinctive or not distinctive_only]


def _source(document: str, line: int) -> dict:
    return {"document": document, "line": line}


def _describe(alternative: Alternative) -> str:
    if alternative.how in ("exact", "particle"):
        return alternative.term
    return f"{alternative.via}→{alternative.term} ({alternative.how})"


def _named_terms(found: list[tuple[_Term, Alternative]]) -> str:
    return ", ".join(dict.fromkeys(_describe(a) for _, a in found))


# ---------------------------------------------------------------- the need as weighted units


def need_words(text: str, known=lambda word: False) -> list[str]:
    """The content words of a need description: particles and sentence endings off, stop words dropped. A word
    the vocabulary knows as printed keeps its last syllable (재활용, 비용: 용 is not the particle of 이차전지용)."""
    out = []
    for word in words(text):
        if word in STOP_WORDS:
            continue
        stem = word
        if is_hangul(word[0]) and not known(word):
            stem = strip_ending(word)
            if stem == word and len(word) >= 2 and word.endswith("게"):
                continue  # an adverb: 빠르게, 가볍게, 싸게
        elif len(stem) > 3 and stem.endswith("s") and not stem.endswith(("ss", "ies", "us", "is")):
            stem = stem[:-1]  # trucks -> truck (the thesaurus lists batteries, electrolytes as they are)
        if stem in STOP_WORDS or len(stem) < 2 or stem.isdigit():
            continue
        out.append(stem)
    return out


def analyse_need(conn: sqlite3.Connection, text: str) -> _Analysis:
    """The need's units, each with its IDF over search_entry and the entries it stands in."""
    if is_chosung_query(normalize(text)):  # ㅂㅌㄹ: initials only, as search reads them
        kept, units = [text], analyse_query(conn, text)
    else:
        kept = need_words(text, known=lambda word: known_word(conn, word))
        units = analyse_query(conn, " ".join(kept), max_units=MAX_UNITS) if kept else []
    units = _one_unit_per_concept(units)
    terms = [_Term(unit) for unit in units]
    named_ranges, passage_ranges = kind_ranges(conn, ())
    ranges = named_ranges + passage_ranges
    for term in terms:
        _collect(conn, term, ranges)
    # A word found nowhere is corrected by jamo (배러티 -> 배터리) only in a short, search-like need: in a
    # sentence it is far more often an ordinary word than a typo, and its "corrections" would be noise.
    missing = [t.unit for t in terms if not t.entries and is_hangul(t.unit.text[0]) and len(t.unit.text) >= 2]
    if missing and len(kept) <= MAX_WORDS_CORRECTED and add_corrections(conn, missing):
        for term in terms:
            if any(term.unit is unit for unit in missing):
                _collect(conn, term, ranges)
    total = conn.execute("SELECT max(id) FROM search_entry").fetchone()[0] or 1
    for term in terms:
        df = len(term.entries)
        if term.capped:  # found more often than read: the index's document frequencies say how often
            term.idf = unit_idf(conn, term.unit)
        else:
            term.idf = math.log(1 + (total - df + 0.5) / (df + 0.5)) if df else 0.0
    entries = _load_entries(conn, {rowid for t in terms for rowid in t.entries})
    named: dict[tuple[str, str], list[tuple[_Term, Alternative]]] = {}
    for term in terms:
        for rowid, alternative in term.entries.items():
            entry = entries[rowid]
            named.setdefault((entry.kind, entry.ref), []).append((term, alternative))
    return _Analysis(terms, entries, named)


def _one_unit_per_concept(units: list[Unit]) -> list[Unit]:
    """A word or concept written twice in a need counts once."""
    seen: set[str] = set()
    out = []
    for unit in units:
        keys = {compact(a.term) for a in unit.alternatives}
        if keys & seen:
            continue
        seen |= keys
        out.append(unit)
    return out


def _collect(conn: sqlite3.Connection, term: _Term, ranges: list[tuple[int, int]]) -> None:
    """The entries each alternative stands in (the first CANDIDATES_PER_UNIT of each kind range, so that a
    common word costs no more in a large database); the first (closest) alternative claims an entry."""
    for alternative in term.unit.alternatives:
        expression = fts_expression([alternative])
        if not expression:
            continue
        for first_last in ranges:
            found = first_matches(conn, expression, [first_last])
            term.capped = term.capped or len(found) >= CANDIDATES_PER_UNIT
            for rowid in found:
                term.entries.setdefault(rowid, alternative)


def _load_entries(conn: sqlite3.Connection, ids: set[int]) -> dict[int, _Entry]:
    out: dict[int, _Entry] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), 900):
        chunk = ordered[start : start + 900]
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(
            f"SELECT id, kind, ref, technology_id, title, document, line FROM search_entry WHERE id IN ({marks})",
            chunk,
        ):
            out[row[0]] = _Entry(*row[1:])
    return out


# ---------------------------------------------------------------- ranking the areas


def _area_rows(conn: sqlite3.Connection, sql: str, identifiers) -> list[tuple]:
    """Rows of `sql` (with one `{marks}` for the ids) for the given area ids, read in chunks."""
    ordered, rows = sorted(identifiers), []
    for start in range(0, len(ordered), 900):
        chunk = ordered[start : start + 900]
        rows += conn.execute(sql.format(marks=",".join("?" * len(chunk))), chunk).fetchall()
    return rows


def _area_titles(conn: sqlite3.Connection, identifiers) -> dict[str, tuple]:
    """id -> (id, title, document, line) of the given areas."""
    rows = _area_rows(conn, "SELECT id, title, document, line FROM technology WHERE id IN ({marks})", identifiers)
    return {row[0]: row for row in rows}


def _places(where: dict[str, int]) -> str:
    parts = []
    for place, count in sorted(where.items(), key=lambda item: (-item[1], item[0])):
        parts.append(place if count == 1 else f"{count} {place}s")
    return ", ".join(parts)


def rank_areas(conn: sqlite3.Connection, analysis: _Analysis) -> list[dict]:
    """Every area any unit found, best first, with its BM25 score and why (units and where they stand)."""
    found = {analysis.entries[rowid].technology_id for term in analysis.terms for rowid in term.entries}
    found |= {area for term in analysis.terms for area in term.unit.areas}
    titles = _area_titles(conn, found - {None})
    lengths = dict(_area_rows(conn, "SELECT technology_id, entries FROM search_area WHERE technology_id IN ({marks})",
                              titles))
    average = conn.execute("SELECT avg(entries) FROM search_area").fetchone()[0] or 1.0
    areas_total = conn.execute("SELECT count(*) FROM technology").fetchone()[0]
    scores: dict[str, float] = {}
    reasons: dict[str, list[tuple[float, str, bool]]] = {}
    for term in analysis.terms:
        frequency: dict[str, float] = {}
        where: dict[str, dict[str, int]] = {}
        shown: dict[str, Alternative] = {}
        strong: set[str] = set()
        titled: set[str] = set()
        for rowid, alternative in term.entries.items():
            entry = analysis.entries[rowid]
            area = entry.technology_id
            if area not in titles or entry.kind not in WEIGHT:
                continue
            in_title = entry.kind in TITLED and stands_in(alternative.term, compact(entry.title), set(words(entry.title)))
            frequency[area] = frequency.get(area, 0.0) + WEIGHT[entry.kind][0 if in_title else 1] * HOW_FACTOR[
                alternative.how]
            place = ("title" if in_title else "definition") if entry.kind == "tech" else entry.kind
            if place == "title":
                titled.add(area)
            where.setdefault(area, {})
            where[area][place] = where[area].get(place, 0) + 1
            if place in STRONG_PLACES and term.distinctive:
                strong.add(area)
            shown.setdefault(area, alternative)
        for area, alternative in term.unit.areas.items():
            if area in titles:
                frequency[area] = frequency.get(area, 0.0) + THESAURUS_LINK * HOW_FACTOR[alternative.how]
                where.setdefault(area, {})["thesaurus"] = 1
                shown.setdefault(area, alternative)
                strong.add(area)
        idf = _weight(term, len(frequency), areas_total)
        for area, tf in frequency.items():
            norm = K1 * (1 - B + B * lengths.get(area, average) / average)
            gain = idf * (tf * (K1 + 1) / (tf + norm) + (TITLE_GAIN if area in titled else 0.0))
            scores[area] = scores.get(area, 0.0) + gain
            reasons.setdefault(area, []).append(
                (gain, f"{_describe(shown[area])} in {_places(where[area])}", area in strong))
    areas = []
    for identifier, score in sorted(scores.items(), key=lambda item: (-item[1], item[0])):
        parts = sorted(reasons[identifier], key=lambda r: -r[0])
        _, title, document, line = titles[identifier]
        areas.append({
            "id": identifier, "title": title, "score": round(score, 2),
            "distinctive": any(d for _, _, d in parts),
            "why": "; ".join(text for _, text, _ in parts[:4]),
            "source": _source(document, line),
        })
    return areas


def _weight(term: _Term, areas_found: int, areas_total: int) -> float:
    """The unit's IDF over search entries, scaled down the more areas it is found in (방법, 부품 stand in most
    areas; 금형 in two), and raised for a thesaurus concept that names areas, which counts even when its words
    are frequent in the text."""
    idf = max(term.idf, 2.0) * CONCEPT_BOOST if term.unit.areas else term.idf
    if term.unit.generic:
        idf *= GENERIC_WEIGHT
    if areas_found <= 1 or areas_total <= 1:
        return idf
    return idf * (0.5 + 0.5 * math.log(areas_total / areas_found) / math.log(areas_total))


def _leading(areas: list[dict]) -> set[str]:
    """The areas that share the lead: the first, and those within SHARED_LEAD of its score. Their professors and
    roadmap firms are all listed; a further area's only on evidence of their own."""
    return {a["id"] for a in areas if a["score"] >= SHARED_LEAD * areas[0]["score"]} if areas else set()


def _notes(conn: sqlite3.Connection, areas: list[dict], confidence: str, analysis: _Analysis) -> list[dict]:
    """What a reader should know beside the items: that the answer is a guess, that an area has no professors
    in the roadmap (and the nearest area that has them)."""
    from smbstar.queries import nearest_area_with_professors, no_professors_note

    notes = []
    if confidence == "low" and areas:
        generic = [t.label for t in analysis.terms if not t.distinctive]
        notes.append({"about": "confidence", "why": "low confidence: no distinctive word of the need stands in an"
                      " area's title, candidates, survey technology or thesaurus"
                      + (f" (too general: {', '.join(generic[:6])})" if generic else "")
                      + "; say what the technology is"})
    for area in areas:
        if conn.execute("SELECT 1 FROM contact WHERE technology_id = ? LIMIT 1", (area["id"],)).fetchone():
            continue
        nearest = nearest_area_with_professors(conn, area["id"])
        why = no_professors_note(area["id"], nearest)
        notes.append({"about": "professors", "technology_id": area["id"], "why": why, "nearest": nearest,
                      "source": area["source"]})
    return notes


def _confidence(areas: list[dict]) -> str:
    """low: no distinctive unit stands where it counts (STRONG_PLACES) for the first area; high: it does and
    the first area leads the second by a quarter of its score; medium otherwise."""
    if not areas or not areas[0].get("distinctive"):
        return "low"
    second = areas[1]["score"] if len(areas) > 1 else 0.0
    return "high" if areas[0]["score"] >= 1.25 * second else "medium"


# ---------------------------------------------------------------- what goes with the areas


def _candidates(conn: sqlite3.Connection, identifier: str, analysis: _Analysis, limit: int = 5) -> list[dict]:
    out = []
    for rowid, number, title, document, line in conn.execute(
        "SELECT id, number, title, document, line FROM strategiccandidate WHERE technology_id = ? ORDER BY line",
        (identifier,),
    ):
        found = analysis.names("candidate", rowid)
        if not analysis.terms:  # starting from a firm named for the area: all its candidates
            out.append((0.0, line, {
                "number": number, "title": title, "why": f"전략기술 후보 of {identifier}",
                "source": _source(document, line),
            }))
        elif found:
            weight = sum(t.idf for t, _ in found)
            out.append((-weight, line, {
                "number": number, "title": title, "why": "names " + _named_terms(found),
                "source": _source(document, line),
            }))
    out.sort(key=lambda item: item[:2])
    return [record for _, _, record in out[:limit]]


def _professors(conn: sqlite3.Connection, areas: list[dict], analysis: _Analysis) -> list[dict]:
    """The professors (and other contacts) named for the matched areas, once per person, first area first: all
    those of the leading areas (_leading), of the others only those whose expertise names the need."""
    if not areas:
        return []
    rank = {a["id"]: position for position, a in enumerate(areas)}
    marks = ",".join("?" * len(rank))
    rows = conn.execute(
        "SELECT c.person_key, c.name, c.institute, c.title, c.email, c.lab, c.expertise, c.technology_id, t.title,"
        " c.document, c.line FROM contact c JOIN technology t ON t.id = c.technology_id"
        f" WHERE c.technology_id IN ({marks})",
        list(rank),
    ).fetchall()
    rows.sort(key=lambda r: (rank[r[7]], r[9], r[10]))
    people: dict[str, dict] = {}
    for key, name, institute, title, email, lab, expertise, identifier, technology, document, line in rows:
        person = people.get(key)
        if person is None:
            found = analysis.names("person", key, distinctive_only=True)
            people[key] = {
                "name": name, "institute": institute, "title": title, "email": email, "lab": lab,
                "expertise": expertise, "technology": f"{identifier} {technology}", "technology_ids": [identifier],
                "why": f"professor of {identifier}" if title == "교수" else f"{title or 'contact'} for {identifier}",
                "source": _source(document, line),
                "_expertise": found,
            }
        elif identifier not in person["technology_ids"]:
            person["technology_ids"].append(identifier)
            person["why"] += f", {identifier}"
    lead = _leading(areas)
    out = []
    for person in people.values():
        found = person.pop("_expertise")
        if found:
            person["why"] += "; expertise names " + _named_terms(found)
        if found or person["technology_ids"][0] in lead:
            out.append(person)
    # Within the first area, a professor whose expertise names the need comes first.
    out.sort(key=lambda p: (rank[p["technology_ids"][0]], "expertise" not in p["why"]))
    return out


def _passage_start(conn: sqlite3.Connection, document: str, line: int) -> int | None:
    """The first line of the passage that holds document:line."""
    row = conn.execute("SELECT line, end_line FROM passage WHERE document = ? AND line <= ? ORDER BY line DESC"
                       " LIMIT 1", (document, line)).fetchone()
    return row[0] if row and row[1] >= line else None


_MENTIONS = (
    "SELECT m.id, f.id, m.name_printed, m.role, m.opinion, m.technology_id, m.topic_id, m.document, m.line,"
    " coalesce(t.title, ''), coalesce(tp.title, '')"
    " FROM firmmention m JOIN firm f ON f.id = m.firm_id LEFT JOIN technology t ON t.id = m.technology_id"
    " LEFT JOIN topic tp ON tp.id = m.topic_id"
)


def _mentions_to_weigh(conn: sqlite3.Connection, areas: list[dict], analysis: _Analysis,
                       peer_topics: frozenset[str]) -> list[tuple]:
    """The firm mentions of the matched areas and of the peer topics, and those in a firm, topic or passage
    entry a distinctive unit of the need stands in, in document order (never every mention of the database)."""
    named = {kind: set() for kind in ("firm", "topic", "passage")}
    for (kind, ref), found in analysis.named.items():
        if kind in named and any(t.distinctive for t, _ in found):
            named[kind].add(ref)
    rows = {}
    for column, values in (("technology_id", {a["id"] for a in areas}), ("firm_id", named["firm"]),
                           ("topic_id", named["topic"] | peer_topics)):
        for row in _area_rows(conn, _MENTIONS + f" WHERE m.{column} IN ({{marks}})", values):
            rows[row[0]] = row
    for ref in sorted(named["passage"])[:PASSAGES_FOR_FIRMS]:
        document, _, line = ref.rpartition(":")
        span = conn.execute("SELECT line, end_line FROM passage WHERE document = ? AND line = ?",
                            (document, int(line))).fetchone()
        if span:
            for row in conn.execute(_MENTIONS + " WHERE m.document = ? AND m.line BETWEEN ? AND ?", (document, *span)):
                rows[row[0]] = row
    return sorted(rows.values(), key=lambda row: (row[7], row[8], row[0]))


def _named_as_words(conn: sqlite3.Connection, kind: str, ref: str,
                    found: list[tuple[_Term, Alternative]]) -> list[tuple[_Term, Alternative]]:
    """The units found in a search entry that stand there as whole words: where a Hangul word starts (탱크 is not
    in 싱크탱크), a Latin word whole. A firm is named with a need only on such evidence."""
    if not found:
        return []
    row = conn.execute("SELECT title || ' ' || body FROM search_entry WHERE kind = ? AND ref = ?",
                       (kind, ref)).fetchone()
    text = normalize(row[0]) if row else ""
    whole, spoken = text.replace(" ", ""), set(words(text, normalized=True))
    return [(term, alternative) for term, alternative in found
            if (starts_word(alternative.term, text, normalized=True) if is_hangul(alternative.key[:1] or "a")
                else stands_in(alternative.term, whole, spoken))]


def _is_concept(term: _Term) -> bool:
    """A unit the thesaurus knows: a technology term by construction, unlike 양산 or 규제."""
    return bool(term.unit.areas) or any(a.how == "synonym" for a in term.unit.alternatives)


def _names_the_need(terms, analysis: _Analysis) -> bool:
    """Whether the distinctive units a companion firm or topic names say what the need is about: a thesaurus
    concept, or two units or more among them the need's rarest, or carrying NEED_SHARE of the need's distinctive
    rarity (성능 and 향상 of "저가형 라이다 성능 향상" are two units, but the need is about 저가형 라이다)."""
    terms = list(terms)
    if any(_is_concept(t) for t in terms):
        return True
    need = [t for t in analysis.terms if t.distinctive]
    if len(terms) < 2 or not need:
        return False
    rarest = max(need, key=lambda t: t.idf)
    return any(t is rarest for t in terms) or sum(t.idf for t in terms) >= NEED_SHARE * sum(t.idf for t in need)


def _firms(conn: sqlite3.Connection, areas: list[dict], analysis: _Analysis, exclude: str = "",
           peer_topics: frozenset[str] = frozenset(), limit_others: int = 12) -> list[dict]:
    """Firms named for the first area (수요 기업 후보 and others); then firms of any document whose mention (its
    name, what the text says it does, the passage it stands in, or its topic) names a thesaurus term or two
    distinctive units of the need as whole words, or that share a topic with the firm we started from; then the
    firms named for the other areas that share the lead (_leading)."""
    rank = {a["id"]: position for position, a in enumerate(areas)}
    lead = _leading(areas)
    distinctive = any(t.distinctive for t in analysis.terms)
    ranked: list[tuple[tuple, dict]] = []
    seen: set[tuple] = set()
    for _, firm_id, printed, role, opinion, identifier, topic, document, line, technology, topic_title in (
        _mentions_to_weigh(conn, areas, analysis, peer_topics)
    ):
        if firm_id == exclude:
            continue
        if identifier in rank:
            if identifier in lead and (firm_id, identifier) not in seen:
                seen.add((firm_id, identifier))
                group = 0 if rank[identifier] == 0 else 3
                ranked.append(((group, rank[identifier], 0.0, document, line), {
                    "name": printed, "firm_id": firm_id, "role": role, "technology": f"{identifier} {technology}",
                    "document": document, "why": f"{role or 'named'} for {identifier}",
                    "source": _source(document, line),
                }))
            continue
        found: list[tuple[_Term, Alternative]] = []
        if distinctive:
            start = _passage_start(conn, document, line)
            for kind, ref in (("firm", firm_id), ("passage", f"{document}:{start}" if start else None),
                              ("topic", topic)):
                if ref:
                    found += _named_as_words(conn, kind, ref, analysis.names(kind, ref, distinctive_only=True))
        terms = {id(t): t for t, _ in found}
        enough = _names_the_need(terms.values(), analysis)
        shares_topic = topic in peer_topics
        if not (enough or shares_topic) or ("other", firm_id) in seen:
            continue
        seen.add(("other", firm_id))
        reasons = []
        if shares_topic:
            reasons.append(f"in the same topic '{topic_title}'")
        if enough:
            reasons.append("named with " + _named_terms(found))
        weight = sum(t.idf for t in terms.values()) if enough else 0.0
        ranked.append(((1 if shares_topic else 2, 0, -weight, document, line), {
            "name": printed, "firm_id": firm_id, "role": role, "technology": topic_title or technology,
            "document": document,
            "why": "; ".join(reasons) + (f" ({opinion[:80]})" if opinion else ""),
            "source": _source(document, line),
        }))
    ranked.sort(key=lambda item: item[0])
    out, others = [], 0
    for key, record in ranked:
        if key[0] in (1, 2):
            others += 1
            if others > limit_others:
                continue
        out.append(record)
    return out


def _markets(conn: sqlite3.Connection, areas: list[dict], analysis: _Analysis, per_area: int = 4) -> list[dict]:
    """Per matched area, its market figures, those whose sentence names the need first, then the latest."""
    out = []
    for area in areas:
        rows = conn.execute(
            "SELECT id, value_printed, value, currency, year, scope, quote, document, line FROM marketfigure"
            " WHERE technology_id = ?", (area["id"],)).fetchall()
        scored = []
        for rowid, printed, value, currency, year, scope, quote, document, line in rows:
            found = analysis.names("market", rowid, distinctive_only=True)
            scored.append(((-sum(t.idf for t, _ in found), -(year or 0), line), {
                "technology_id": area["id"], "value_printed": printed, "value": value, "currency": currency,
                "year": year, "scope": scope, "quote": quote,
                "why": f"market of {area['id']}" + (f"; names {_named_terms(found)}" if found else ""),
                "source": _source(document, line),
            }))
        scored.sort(key=lambda item: item[0])
        out += [record for _, record in scored[:per_area]]
    return out


def _milestones(conn: sqlite3.Connection, areas: list[dict], analysis: _Analysis, per_area: int = 4) -> list[dict]:
    out = []
    for area in areas:
        rows = conn.execute(
            "SELECT id, period, year, milestone, figure_only, caption, document, line FROM milestone"
            " WHERE technology_id = ?", (area["id"],)).fetchall()
        scored = []
        for rowid, period, year, milestone, figure_only, caption, document, line in rows:
            found = analysis.names("milestone", rowid, distinctive_only=True)
            scored.append(((-sum(t.idf for t, _ in found), line), line, {
                "technology_id": area["id"], "period": period, "year": year, "milestone": milestone,
                "figure_only": bool(figure_only), "caption": caption,
                "why": f"milestone of {area['id']}" + (f"; names {_named_terms(found)}" if found else ""),
                "source": _source(document, line),
            }))
        scored.sort(key=lambda item: item[0])
        out += [record for _, _, record in sorted(scored[:per_area], key=lambda item: item[1])]
    return out


def _survey(conn: sqlite3.Connection, areas: list[dict]) -> list[dict]:
    """Per matched area and survey technology: how many surveyed firms are at 시작품 단계 or beyond (시작품 +
    제품화 + 사업화 of the 개발 단계 table) and how much they want to cooperate (협력 필요성, mean of 1-7)."""
    out = []
    done: set[int] = set()
    for area in areas:
        for survey_id, name in conn.execute(
            "SELECT s.id, s.name FROM surveytechnology s JOIN surveytechnologyarea a ON a.survey_technology_id = s.id"
            " WHERE a.technology_id = ? ORDER BY s.id", (area["id"],)).fetchall():
            if survey_id in done:
                continue
            done.add(survey_id)
            stages = {
                category: (value, document, line)
                for category, value, document, line in conn.execute(
                    "SELECT category, value, document, line FROM surveyvalue WHERE survey_technology_id = ?"
                    " AND measure = '개발 단계' ORDER BY id", (survey_id,))
            }
            if stages:
                beyond = sum(stages[c][0] for c in SURVEY_STAGES if c in stages)
                total = stages["전체"][0] if "전체" in stages else None
                _, document, line = stages.get("시작품 단계") or next(iter(stages.values()))
                out.append({
                    "technology": name, "technology_id": area["id"], "measure": "개발 단계",
                    "category": "시작품 단계 이상", "value": beyond, "total": total,
                    "why": f"surveyed firms of {name} at 시작품, 제품화 or 사업화 단계"
                           + (f": {beyond:g} of {total:g}" if total else ""),
                    "source": _source(document, line),
                })
            row = conn.execute(
                "SELECT value, document, line FROM surveyvalue WHERE survey_technology_id = ?"
                " AND measure = '협력 필요성' AND category = '평균' ORDER BY id LIMIT 1", (survey_id,)).fetchone()
            if row:
                out.append({
                    "technology": name, "technology_id": area["id"], "measure": "협력 필요성", "category": "평균",
                    "value": row[0], "why": f"how much the surveyed firms of {name} want to cooperate (mean, 1-7)",
                    "source": _source(row[1], row[2]),
                })
    return out


def _topics(conn: sqlite3.Connection, areas: list[dict], analysis: _Analysis, limit: int = 8) -> list[dict]:
    """Companion-document topics that name a distinctive unit of the need or are linked to a matched area."""
    rank = {a["id"]: position for position, a in enumerate(areas)}
    rows = conn.execute(
        "SELECT tp.id, tp.kind, tp.title, tp.date, tp.document, tp.line,"
        " (SELECT group_concat(l.technology_id || ':' || l.via, '|') FROM topictechnology l WHERE l.topic_id = tp.id)"
        " FROM topic tp").fetchall()
    scored = []
    for topic_id, kind, title, date, document, line, links in rows:
        linked = [link.split(":", 1) for link in (links or "").split("|") if link]
        in_areas = sorted(((rank[i], i, via) for i, via in linked if i in rank))
        found = _named_as_words(conn, "topic", topic_id, analysis.names("topic", topic_id, distinctive_only=True))
        if not _names_the_need({id(t): t for t, _ in found}.values(), analysis):
            found = []
        if not in_areas and not found:
            continue
        reasons = [f"linked to {identifier} via {via}" for _, identifier, via in in_areas[:2]]
        if found:
            reasons.append("names " + _named_terms(found))
        best = in_areas[0][0] if in_areas else len(rank)
        scored.append(((-sum(t.idf for t, _ in found), best, document, line), {
            "id": topic_id, "kind": kind, "title": title, "date": date, "why": "; ".join(reasons),
            "source": _source(document, line),
        }))
    scored.sort(key=lambda item: item[0])
    return [record for _, record in scored[:limit]]


def _assemble(conn: sqlite3.Connection, query: str, areas: list[dict], analysis: _Analysis, exclude_firm: str = "",
              peer_topics: frozenset[str] = frozenset(), extra: dict | None = None) -> dict:
    for area in areas:
        area["candidates"] = _candidates(conn, area["id"], analysis)
    confidence = _confidence(areas)
    professors = _professors(conn, areas, analysis)
    firms = _firms(conn, areas, analysis, exclude=exclude_firm, peer_topics=peer_topics)
    if confidence == "low":  # a guess: a few names to start from, not every name of the area
        professors, firms = professors[:LOW_CONFIDENCE_ITEMS], firms[:LOW_CONFIDENCE_ITEMS]
    return {
        "query": query,
        **(extra or {}),
        "confidence": confidence,
        "notes": _notes(conn, areas, confidence, analysis),
        "terms": [
            {"text": t.label, "idf": round(t.idf, 2), "distinctive": t.distinctive,
             "alternatives": [a.term for a in t.unit.alternatives[:6]]}
            for t in analysis.terms
        ],
        "areas": areas,
        "professors": professors,
        "firms": firms,
        "evidence": {
            "markets": _markets(conn, areas, analysis),
            "milestones": _milestones(conn, areas, analysis),
            "survey": _survey(conn, areas),
            "related_topics": _topics(conn, areas, analysis),
        },
    }


# ---------------------------------------------------------------- public API


def match_need(conn: sqlite3.Connection, text: str, limit_areas: int = 3) -> dict:
    """The areas, candidates, professors, firms and evidence that fit a need or product described in free text.

    Returns {"query", "confidence", "terms", "areas": [{"id", "title", "score", "why", "source", "candidates"}],
    "professors", "firms", "evidence": {"markets", "milestones", "survey", "related_topics"}}; every item has
    "why" and "source" {"document", "line"}. `confidence` is "low" when no distinctive unit of the need matched
    (only 공정 기술 개발, say), "high" when the first area leads the second by a quarter of its score.
    """
    if not normalize(text):
        raise SmbstarError("match needs a description of a need or a product (or --firm NAME)")
    analysis = analyse_need(conn, text)
    areas = close_areas(rank_areas(conn, analysis), limit_areas)
    return _assemble(conn, text, areas, analysis)


def close_areas(areas: list[dict], limit: int) -> list[dict]:
    """The best area, and after it, up to `limit` in all, the areas that come close to it: at least
    AREA_CLOSENESS of its score, with a distinctive word of the need where it counts (STRONG_PLACES). A weak
    second or third area would bring all its professors and firms with it."""
    if not areas:
        return []
    best = areas[0]["score"]
    return [areas[0]] + [area for area in areas[1:limit]
                         if area["distinctive"] and area["score"] >= AREA_CLOSENESS * best]


def match_firm(conn: sqlite3.Connection, name: str, limit_areas: int = 3) -> dict:
    """match_need's answer starting from a firm of the database: its areas, their professors, and its peers.

    The firm's areas are those it is named for (firmmention.technology_id), else the areas its companion topics
    are linked to (topictechnology), else the best areas for what the documents say it does. The result has a
    "firm" object besides the keys of match_need. The firm is found by its key (legal form and spacing ignored,
    see ingest.names.firm_key), else by jamo similarity of the name; an unknown firm raises SmbstarError (exit 1).
    """
    found = find_firm(conn, name)
    if found is None:
        raise SmbstarError(f"no firm matches {name!r}; see `smbstar firms`", exit_code=1)
    firm_id, firm_name = found
    mentions = conn.execute(
        "SELECT m.name_printed, m.role, m.opinion, m.technology_id, m.topic_id, m.document, m.line,"
        " coalesce(tp.title, '') FROM firmmention m LEFT JOIN topic tp ON tp.id = m.topic_id"
        " WHERE m.firm_id = ? ORDER BY m.document, m.line, m.id", (firm_id,)).fetchall()
    areas: dict[str, dict] = {}

    def add_area(identifier: str, score: float, why: str, document: str, line: int) -> None:
        area = areas.get(identifier)
        if area is None:
            _, title, area_document, area_line = _area_titles(conn, [identifier])[identifier]
            areas[identifier] = {"id": identifier, "title": title, "score": score, "distinctive": True, "why": why,
                                 "source": _source(area_document, area_line),
                                 "firm_source": _source(document, line)}
        else:
            area["score"] += score
            if why not in area["why"]:
                area["why"] += "; " + why

    activity = []
    for printed, role, opinion, identifier, topic, document, line, topic_title in mentions:
        if identifier:
            add_area(identifier, 100.0, f"{printed} is {role or 'named'} for {identifier}", document, line)
            continue
        for linked, via in conn.execute("SELECT technology_id, via FROM topictechnology WHERE topic_id = ?", (topic,)):
            add_area(linked, 10.0, f"{printed} stands in '{topic_title}', linked to {linked} via {via}",
                     document, line)
        activity.append(opinion)
    analysis = analyse_need(conn, " ".join(activity)) if activity else _Analysis([], {}, {})
    if not areas:
        # Only areas where a distinctive word of what the firm does really stands (title, candidate, thesaurus):
        # a cement maker gets no area rather than the professors of whatever shares the word 제조업.
        for area in rank_areas(conn, analysis)[:limit_areas]:
            if area["distinctive"]:
                area["why"] = f"what the documents say {firm_name} does: {area['why']}"
                areas[area["id"]] = area
    ranked = sorted(areas.values(), key=lambda a: (-a["score"], a["id"]))[:limit_areas]
    for area in ranked:
        area["score"] = round(area["score"], 2)
    firm = {
        "id": firm_id, "name": firm_name,
        "mentions": [
            {"name": printed, "role": role, "opinion": opinion, "technology_id": identifier, "topic": topic_title,
             "why": f"{printed} as printed", "source": _source(document, line)}
            for printed, role, opinion, identifier, _, document, line, topic_title in mentions
        ],
    }
    topics = frozenset(m[4] for m in mentions if m[4])
    return _assemble(conn, name, ranked, analysis, exclude_firm=firm_id, peer_topics=topics, extra={"firm": firm})


def find_firm(conn: sqlite3.Connection, name: str) -> tuple[str, str] | None:
    """(firm id, name) of the firm a user means: by firm_key of its id or of a printed name, by containment, else by
    jamo similarity."""
    from smbstar.ingest.names import firm_key

    key = firm_key(name)
    if not key:
        return None
    # a firm is stored under one id however it is printed (NVIDIA and 엔비디아, LGES and LG에너지솔루션)
    printed = {firm_key(n): firm for n, firm in conn.execute("SELECT DISTINCT name_printed, firm_id FROM firmmention")}
    key = printed.get(key, key)
    row = conn.execute("SELECT id, name FROM firm WHERE id = ?", (key,)).fetchone()
    if row:
        return row[0], row[1]
    rows = conn.execute("SELECT id, name FROM firm").fetchall()
    close = [r for r in rows if len(key) >= 2 and (key in r[0] or (len(r[0]) >= 3 and r[0] in key))]
    if len(close) == 1:
        return close[0][0], close[0][1]
    from rapidfuzz import fuzz, process

    from smbstar.korean import jamo

    best = process.extractOne(jamo(key), {r[0]: jamo(r[0]) for r in rows}, scorer=fuzz.ratio, score_cutoff=80)
    if best is None:
        return None
    return best[2], dict(rows)[best[2]]
