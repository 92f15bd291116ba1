"""The curated thesaurus (seeds/curated/thesaurus.csv): equivalent ways of writing a technology term."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from smbstar.ingest.curated import check_cited, read_curated_csv
from smbstar.korean import compact, words


@dataclass(frozen=True)
class Concept:
    concept: str
    terms: tuple[str, ...]  # the concept itself first
    technology_ids: tuple[str, ...]
    document: str
    line: int


def load_thesaurus(path: Path, documents: dict) -> list[Concept]:
    concepts = []
    for row in read_curated_csv(path, ("concept", "terms", "technology_ids", "document", "line")):
        line = check_cited(path, row, documents, row["concept"])
        terms = [row["concept"].strip()] + [t.strip() for t in row["terms"].split("|") if t.strip()]
        ids = tuple(t.strip() for t in row["technology_ids"].split("|") if t.strip())
        concepts.append(Concept(terms[0], tuple(dict.fromkeys(terms)), ids, row["document"], line))
    return concepts


def link_topics(topics, concepts: list[Concept], documents: dict) -> list:
    """TopicTechnology rows: a companion topic is linked to the areas of a concept its title or summary names, or
    its text names at least twice (a single passing mention does not make a battery article of a column)."""
    from smbstar.models import TopicTechnology
    from smbstar.search import stands_in

    links = {}
    for topic in topics:
        heading = f"{topic.title} {topic.summary}"
        body = documents[topic.document].span(topic.line, topic.end_line)
        heading_text, heading_words = compact(heading), set(words(heading))
        body_text, body_words = compact(body), set(words(body))
        for concept in concepts:
            if not concept.technology_ids:
                continue
            term = next((t for t in concept.terms if stands_in(t, heading_text, heading_words)), None)
            if term is None:
                term = next((t for t in concept.terms
                             if stands_in(t, body_text, body_words) and body_text.count(compact(t)) >= 2), None)
            if term:
                for identifier in concept.technology_ids:
                    links.setdefault((topic.id, identifier), TopicTechnology(
                        topic_id=topic.id, technology_id=identifier, via=term))
    return list(links.values())
