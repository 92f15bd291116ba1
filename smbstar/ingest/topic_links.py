"""Linking a companion topic to the roadmap areas it is about, by evidence (issue 12).

A topic is linked to an area when the area's own terms (the thesaurus concepts of the area) stand in the topic
as whole words (korean.count_word: 탱크 is not in 싱크탱크, 인산 not in 인산철) and the evidence is distinctive:

- each concept weighs its rarity: log(topics / topics that name it) over all topics, divided by the number of areas
  it stands for (수소 names three areas, so it says less about each);
- a concept in the topic's title counts TITLE_WEIGHT; in the body, its count beyond the first (a single passing
  mention counts nothing), up to BODY_CAP;
- generic words (GENERIC: 인공지능, 빅데이터, 딥러닝, LLM, ...) name a field, not the area's technology: they add to
  the evidence only beside one of the area's own words in the title or repeated in the body. A topic that only
  says 인공지능, or a chip report whose workload is a language model (LLM, 언어모델), is not about
  natural-language processing; an article on a firm's language models and natural-language queries (자연어) is;
- the link needs a score of at least THRESHOLD, and either the title names a concept of the area, or the body
  repeats two of its concepts (each at least twice) or one of them at least ONE_CONCEPT_REPEATS times, and names
  them once in every LINES_PER_MENTION lines at least: a word the area shares with other fields (전구체 of a
  battery cathode, 파이프라인 of drug candidates, 열처리 of steel) stands alone, without the area's other words, and
  a long appendix that lists HBM among AI chips is not about DRAM;
- a part of a topic (minutes, an appendix, one of a list of core technologies: `parent_id`) shares its parent's
  link when it names a concept of the area itself, or is a single line too short to name one.

Each link keeps its evidence: the terms that matched, with their counts in the title and the body.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from smbstar import models
from smbstar.ingest.thesaurus import Concept
from smbstar.korean import compact, count_word, normalize

# Concepts of an area too general to say a topic is about it: they name a field (인공지능 or LLM for V-4, 전기자동차
# for II-2), not the area's technology. (Concepts without an area, such as 로봇 or 클라우드, never link anyway.)
GENERIC = frozenset({
    "인공지능", "빅데이터", "딥러닝", "머신러닝", "콘텐츠", "개인화", "전기자동차", "수소경제", "자율주행",
    "LLM", "언어모델",
})
_RUNS = re.compile(r"[\uac00-\ud7a3]+|[a-z0-9]+")
TITLE_WEIGHT = 4.0
BODY_CAP = 12
THRESHOLD = 6.0
ONE_CONCEPT_REPEATS = 10
LINES_PER_MENTION = 30


@dataclass(frozen=True)
class Term:
    concept: str
    terms: tuple[str, ...]
    technology_ids: tuple[str, ...]


def link_topics(topics: list[models.Topic], concepts: list[Concept], documents: dict) -> list[models.TopicTechnology]:
    terms = [Term(c.concept, _distinct(c.terms), c.technology_ids) for c in concepts if c.technology_ids]
    counted = [_counts(topic, terms, documents) for topic in topics]
    named_by = {term.concept: sum(1 for counts in counted if counts.get(term.concept, (0, 0)) != (0, 0))
                for term in terms}
    links: dict[tuple[str, str], models.TopicTechnology] = {}
    for topic, counts in zip(topics, counted):
        scores: dict[str, list] = {}
        for term in terms:
            title, body = counts.get(term.concept, (0, 0))
            if not (title or body):
                continue
            rarity = math.log(len(topics) / named_by[term.concept]) / len(term.technology_ids)
            weight = rarity * ((TITLE_WEIGHT if title else 0.0) + min(max(body - 1, 0), BODY_CAP))
            for identifier in term.technology_ids:
                scores.setdefault(identifier, []).append((weight, term, title, body))
        for identifier, evidence in scores.items():
            own = [(title, body) for _, term, title, body in evidence if term.concept not in GENERIC]
            if not any(title or body >= 2 for title, body in own):
                continue
            score = sum(weight for weight, *_ in evidence)
            in_title = any(title for title, _ in own)
            repeated = sorted((body for *_, body in evidence if body >= 2), reverse=True)
            lines = topic.end_line - topic.line + 1
            in_body = (len(repeated) >= 2 or (bool(repeated) and repeated[0] >= ONE_CONCEPT_REPEATS)) and (
                sum(body for *_, body in evidence) * LINES_PER_MENTION >= lines)
            if score < THRESHOLD or not (in_title or in_body):
                continue
            evidence.sort(key=lambda item: -item[0])
            links[topic.id, identifier] = models.TopicTechnology(
                topic_id=topic.id, technology_id=identifier, via=evidence[0][1].concept, score=round(score, 2),
                evidence=json.dumps([
                    {"term": term.concept, "title": title, "body": body, "weight": round(weight, 2)}
                    for weight, term, title, body in evidence
                ], ensure_ascii=False),
            )
    return list(links.values()) + _inherited(topics, counted, terms, links)


def _inherited(topics, counted, terms: list[Term], links: dict) -> list[models.TopicTechnology]:
    """Links a part of a topic shares with its parent (see the module's docstring)."""
    named = {}
    for topic, counts in zip(topics, counted):
        named[topic.id] = {identifier: term.concept for term in terms if term.concept in counts
                           and term.concept not in GENERIC for identifier in term.technology_ids}
    shared = []
    for topic in topics:
        for (parent, identifier), link in list(links.items()):
            if parent != topic.parent_id or (topic.id, identifier) in links:
                continue
            own = named[topic.id].get(identifier)
            if own is None and topic.end_line > topic.line:
                continue
            shared.append(models.TopicTechnology(
                topic_id=topic.id, technology_id=identifier, via=own or link.via, score=0.0,
                evidence=json.dumps([{"parent": parent, "term": own or "", "title": 0, "body": int(bool(own))}],
                                    ensure_ascii=False),
            ))
    return shared


def _distinct(terms: tuple[str, ...]) -> tuple[str, ...]:
    """The terms without spacing variants: count_word lets 리튬이온 전지 match 리튬이온전지 already."""
    by_key: dict[str, str] = {}
    for term in terms:
        key = compact(term)
        if " " in term or key not in by_key:
            by_key[key] = term
    return tuple(by_key.values())


@lru_cache(maxsize=None)
def _first_run(term: str) -> str:
    runs = _RUNS.findall(normalize(term))
    return runs[0] if runs else ""


def _counts(topic: models.Topic, terms: list[Term], documents: dict) -> dict[str, tuple[int, int]]:
    """concept -> (times in the title, times in the body) of the topic, whole words only."""
    title = normalize(topic.title)
    body = normalize(documents[topic.document].span(topic.line, topic.end_line))
    # A whole word starts a run of Hangul or of Latin letters: a term whose first run begins no run of the body
    # is not in it, and most terms are not in most topics.
    starts = {run[:size] for run in _RUNS.findall(body) for size in range(1, len(run) + 1)}
    counts = {}
    for term in terms:
        present = [t for t in term.terms if _first_run(t) in starts]
        if not present:
            continue
        in_title = sum(count_word(t, title) for t in present)
        in_body = sum(count_word(t, body) for t in present)
        if in_title or in_body:
            counts[term.concept] = (in_title, in_body)
    return counts
