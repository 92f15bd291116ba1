"""The curated thesaurus (seeds/curated/thesaurus.csv): equivalent ways of writing a technology term."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from smbstar.ingest.curated import check_cited, read_curated_csv


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
