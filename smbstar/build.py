"""Building the database: documents -> records -> a new SQLite file, swapped in atomically.

The new database is written to a temporary file beside the target and renamed over it only when complete, so
a reader sees the old database or the new one, never a half-built file, and a failed or interrupted build
leaves the previous database as it was.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import time
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from sqlmodel import Session, SQLModel, create_engine

from smbstar import models
from smbstar.db import ROADMAP
from smbstar.errors import BuildError, DatabaseError
from smbstar.files import mode_for
from smbstar.ingest.companion import CompanionRecords
from smbstar.ingest.corrections import MARKET_FIGURES, MILESTONES, apply_corrections
from smbstar.ingest.curated import check_cited, read_curated_csv
from smbstar.ingest.document import SourceDocument, clean_text
from smbstar.ingest.names import canonical_firm_ids, firm_display_name, firm_key
from smbstar.ingest.passages import split_passages
from smbstar.ingest.roadmap import candidates, contacts, firms, markets, milestones, survey, technologies
from smbstar.ingest.roadmap.structure import find_areas
from smbstar.ingest.gumi import parse_gumi
from smbstar.ingest.kaist_report import parse_kaist_report
from smbstar.ingest.koita import parse_koita
from smbstar.ingest.thesaurus import load_thesaurus
from smbstar.ingest.topic_links import link_topics
from smbstar.search import build_search_index

# The companion documents and the module that reads each (issue 5: same tables, linked to the roadmap).
COMPANIONS = {
    "001_8d853ea32905c4b5.txt": parse_koita,
    "002_e64dba568495b49d.txt": parse_kaist_report,
    "003_84ef62de625763dd.txt": parse_gumi,
}


@dataclass
class BuildReport:
    path: Path
    seconds: float
    counts: dict[str, int]


def build_database(
    target: Path, docs_dir: Path, curated_dir: Path, progress: Callable[[str], None] = lambda message: None
) -> BuildReport:
    started = time.perf_counter()
    replaces = os.path.lexists(target)
    if replaces:  # through a symlink, the file it names; never a device (--db /dev/null) or a directory
        if not target.resolve().is_file():
            raise BuildError(f"cannot build {target}: not a regular file")
        target = target.resolve()
    progress("reading documents")
    documents = load_documents(docs_dir)
    records = collect_records(documents, curated_dir, progress)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_abandoned_builds(target)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".building",
                                             dir=target.parent)
        os.fchmod(handle, mode_for(target))
        os.close(handle)
    except OSError as exc:
        raise DatabaseError(f"cannot write {target}: {exc.strerror}") from None
    temporary_path = Path(temporary)
    try:
        progress("writing tables")
        _write_tables(temporary_path, records)
        progress("indexing for search")
        conn = sqlite3.connect(temporary_path)
        try:
            # No journal and no fsync while indexing: the file is not the database until it is renamed, and a
            # crash leaves only a temporary file behind.
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            with conn:
                build_search_index(conn, records["concepts"])
                conn.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?)", (str(models.SCHEMA_VERSION),))
                conn.execute("INSERT INTO meta (key, value) VALUES ('built_at', ?)", (time.strftime("%Y-%m-%dT%H:%M:%S"),))
            counts = {
                name: conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
                for name in sorted(SQLModel.metadata.tables)
            }
            conn.execute("VACUUM")
        finally:
            conn.close()
        os.replace(temporary_path, target)
    except BaseException as exc:
        _remove_build_files(temporary_path)
        reason = _write_failure(exc)
        if reason:
            kept = "the previous database is unchanged" if replaces else "no database was written"
            raise DatabaseError(f"cannot write {target}: {reason}; {kept}") from None
        raise
    return BuildReport(target, time.perf_counter() - started, counts)


def _remove_abandoned_builds(target: Path) -> None:
    """Delete the temporary files of builds whose process is gone (killed with SIGKILL, or the machine stopped),
    with the journal SQLite may have left beside them."""
    for path in target.parent.glob(f".{target.name}.*.building"):
        pid = path.name[len(target.name) + 2 :].split(".")[0]
        if pid.isdigit() and not _process_alive(int(pid)):
            _remove_build_files(path)
    for journal in target.parent.glob(f".{target.name}.*.building-*"):
        building = journal.with_name(journal.name.rsplit("-", 1)[0])
        if not building.exists():  # its build is gone
            journal.unlink(missing_ok=True)


def _remove_build_files(temporary: Path) -> None:
    for path in (temporary, *(temporary.with_name(temporary.name + suffix) for suffix in _SQLITE_SIDE_FILES)):
        path.unlink(missing_ok=True)


_SQLITE_SIDE_FILES = ("-journal", "-wal", "-shm")


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _write_failure(exc: BaseException) -> str | None:
    """The reason a write failed (a full disk, a file-size limit, a read-only folder), or None for other errors."""
    cause = getattr(exc, "orig", None) or exc  # SQLAlchemy wraps the sqlite3 error
    if isinstance(cause, (OSError, sqlite3.Error)):
        return str(cause) or type(cause).__name__
    return None


def load_documents(docs_dir: Path) -> dict[str, SourceDocument]:
    paths = sorted(docs_dir.glob("*.txt"))
    if not paths:
        raise BuildError(f"no documents (*.txt) in {docs_dir}")
    documents = {path.name: SourceDocument.load(path) for path in paths}
    if ROADMAP not in documents:
        raise BuildError(f"the roadmap {ROADMAP} is missing from {docs_dir}")
    return documents


def collect_records(documents: dict[str, SourceDocument], curated_dir: Path, progress) -> dict[str, list]:
    described = _documents(documents, curated_dir)  # first: a truncated or edited document is refused by name
    roadmap = documents[ROADMAP]
    progress("reading the roadmap")
    with reading(ROADMAP):
        areas = find_areas(roadmap)
        technology_rows = technologies.parse_technologies(roadmap, areas)
        divisions = technologies.parse_divisions(roadmap, areas)
        candidates_found = candidates.parse_candidates(roadmap, areas, curated_dir / "candidates.csv")
        survey_technologies, survey_links, survey_values = survey.parse_survey(
            roadmap, curated_dir / "survey_areas.csv")
        mentions = firms.parse_firm_mentions(roadmap, areas, curated_dir / "firms.csv")
        people = contacts.parse_contacts(roadmap, areas)
        markets_found = markets.parse_market_figures(roadmap, areas)
        milestones_found = milestones.parse_milestones(roadmap, areas, curated_dir / "milestones.csv")
    known = {t.id for t in technology_rows}
    companion = CompanionRecords()
    for name, parse in COMPANIONS.items():
        if name in documents:
            progress(f"reading {name}")
            with reading(name):
                found = parse(documents[name], curated_dir)
            for field_name in vars(companion):
                getattr(companion, field_name).extend(getattr(found, field_name))
    for topic in companion.topics:
        topic.title, topic.summary = clean_text(topic.title), clean_text(topic.summary)
    mentions += companion.firm_mentions
    firm_rows = _join_firm_spellings(
        mentions, companion.awards, people + companion.contacts,
        _firm_aliases(curated_dir / "firm_aliases.csv", documents),
    )
    concepts = _concepts(curated_dir, documents, known)
    progress("splitting passages")
    passages = []
    for name, document in documents.items():
        with reading(name):
            passages.extend(split_passages(document, _area_lookup(areas) if name == ROADMAP else lambda line: None))
    return {
        "documents": described,
        "divisions": divisions,
        "technologies": technology_rows,
        "candidates": candidates_found,
        "topics": companion.topics,
        "topic_links": link_topics(companion.topics, concepts, documents),
        "milestones": apply_corrections(milestones_found + companion.milestones,
                                        curated_dir / "milestone_corrections.csv", documents, MILESTONES),
        "markets": apply_corrections(markets_found + companion.markets,
                                     curated_dir / "market_corrections.csv", documents, MARKET_FIGURES),
        "contacts": people + companion.contacts,
        "firms": firm_rows,
        "firm_mentions": mentions,
        "programmes": companion.programmes,
        "awards": companion.awards,
        "statistics": companion.statistics,
        "survey_technologies": survey_technologies,
        "survey_links": survey_links,
        "survey_values": survey_values,
        "passages": passages,
        "concepts": concepts,
    }


@contextmanager
def reading(name: str):
    """A document parser that meets text it cannot read (a truncated or reordered document: a table that ends
    early, a heading that is missing) fails by the document's name, exit 2, like a document that is not UTF-8."""
    try:
        yield
    except BuildError:
        raise
    except Exception as exc:
        raise BuildError(f"{name} is not laid out as smbstar reads it (truncated or edited?): "
                         f"{type(exc).__name__}: {exc}") from None


def _concepts(curated_dir: Path, documents: dict[str, SourceDocument], known: set[str]):
    concepts = load_thesaurus(curated_dir / "thesaurus.csv", documents)
    for concept in concepts:
        unknown = set(concept.technology_ids) - known
        if unknown:
            raise BuildError(f"thesaurus.csv: concept {concept.concept!r} names unknown area(s) {sorted(unknown)}")
    return concepts


def check_sources(docs_dir: Path, curated_dir: Path) -> list[str]:
    """Every problem of the documents and curated files, one message each (the build stops at the first).

    Each curated file is read on its own, so that one bad file does not hide the problems of another.
    """
    try:
        documents = load_documents(docs_dir)
        roadmap = documents[ROADMAP]
        with reading(ROADMAP):
            areas = find_areas(roadmap)
            known = {t.id for t in technologies.parse_technologies(roadmap, areas)}
    except BuildError as exc:
        return [exc.message]
    steps = [
        (None, lambda: _documents(documents, curated_dir)),
        (ROADMAP, lambda: candidates.parse_candidates(roadmap, areas, curated_dir / "candidates.csv")),
        (ROADMAP, lambda: milestones.parse_milestones(roadmap, areas, curated_dir / "milestones.csv")),
        (ROADMAP, lambda: firms.parse_firm_mentions(roadmap, areas, curated_dir / "firms.csv")),
        (ROADMAP, lambda: survey.parse_survey(roadmap, curated_dir / "survey_areas.csv")),
        (None, lambda: _concepts(curated_dir, documents, known)),
        (None, lambda: _firm_aliases(curated_dir / "firm_aliases.csv", documents)),
        (None, lambda: _check_corrections(documents, areas, curated_dir)),
    ] + [
        (name, lambda parse=parse, name=name: parse(documents[name], curated_dir))
        for name, parse in COMPANIONS.items() if name in documents
    ]
    problems = []
    for name, step in steps:
        try:
            with reading(name) if name else nullcontext():
                step()
        except BuildError as exc:
            problems.append(exc.message)
    return problems


def _check_corrections(documents: dict[str, SourceDocument], areas, curated_dir: Path) -> None:
    """Make the hand corrections on what the rules read of every document, for their problems."""
    with reading(ROADMAP):
        figures = markets.parse_market_figures(documents[ROADMAP], areas)
        targets = milestones.parse_milestones(documents[ROADMAP], areas, curated_dir / "milestones.csv")
    for name, parse in COMPANIONS.items():
        if name in documents:
            with reading(name):
                found = parse(documents[name], curated_dir)
            figures, targets = figures + found.markets, targets + found.milestones
    apply_corrections(figures, curated_dir / "market_corrections.csv", documents, MARKET_FIGURES)
    apply_corrections(targets, curated_dir / "milestone_corrections.csv", documents, MILESTONES)


def _area_lookup(areas):
    """line -> the numbered area the line is in; None in Ⅵ, whose six technologies share their text."""
    spans = [(area.line, area.end, area.id) for area in areas if area.number]

    def technology_at(line: int) -> str | None:
        return next((identifier for start, end, identifier in spans if start <= line < end), None)

    return technology_at


def _documents(documents: dict[str, SourceDocument], curated_dir: Path) -> list[models.Document]:
    path = curated_dir / "documents.csv"
    rows = read_curated_csv(path, ("id", "title", "publisher", "published", "line", "evidence", "sha256"))
    described = {}
    for row in rows:
        row["document"] = row["id"]
        document = documents.get(row["id"])
        if document is not None and document.sha256 != row["sha256"]:
            raise BuildError(f"{row['id']} is not the document the curated facts were checked against (its sha256"
                             f" differs from documents.csv; {len(document)} lines): truncated or edited?")
        check_cited(path, row, documents, row["evidence"])
        described[row["id"]] = models.Document(
            id=row["id"], title=row["title"], publisher=row["publisher"], published=row["published"],
            line_count=len(documents[row["id"]]),
        )
    missing = sorted(set(documents) - set(described))
    if missing:
        raise BuildError(f"documents.csv does not describe {', '.join(missing)}")
    return [described[name] for name in sorted(described)]


def _firm_aliases(path: Path, documents) -> dict[str, str]:
    """alias key -> firm key, for the abbreviations and other names the documents use (LGES, SKT, 산기협)."""
    full_name = {}
    for row in read_curated_csv(path, ("alias", "firm", "document", "line")):
        check_cited(path, row, documents, row["alias"])
        full_name[firm_key(row["alias"])] = firm_key(row["firm"])
    return full_name


def _join_firm_spellings(mentions: list[models.FirmMention], awards: list[models.Award],
                         contacts: list[models.Contact], aliases: dict[str, str]) -> list[models.Firm]:
    """One firm, one id: mentions and awards of every spelling of a firm (INTEL / 인텔, SKT / SK텔레콤) point at
    the firm's one id, and a person's key names their organisation by that id (산기협 -> 한국산업기술진흥협회).
    The printed names are kept. Returns the firms, each named as printed where the printed name is its id (else at
    its first mention)."""
    counts: dict[str, int] = {}
    for mention in mentions:
        counts[mention.firm_id] = counts.get(mention.firm_id, 0) + 1
    canonical = canonical_firm_ids(counts, aliases)
    for row in [*mentions, *awards]:
        if row.firm_id:
            row.firm_id = canonical.get(row.firm_id, row.firm_id)
    for contact in contacts:
        institute, _, name = contact.person_key.rpartition(":")
        key = firm_key(institute)
        if institute and canonical.get(key, key) != key:
            contact.person_key = f"{canonical[key]}:{name}"
    names: dict[str, str] = {}
    for mention in mentions:
        if mention.firm_id == firm_key(mention.name_printed):
            names.setdefault(mention.firm_id, firm_display_name(mention.name_printed))
    for mention in mentions:
        names.setdefault(mention.firm_id, firm_display_name(mention.name_printed))
    return [models.Firm(id=key, name=name) for key, name in sorted(names.items())]


def _write_tables(path: Path, records: dict[str, list]) -> None:
    engine = create_engine(f"sqlite:///{path}")
    try:
        SQLModel.metadata.create_all(engine)
        with Session(engine) as session:
            for name, rows in records.items():
                if name != "concepts":
                    session.add_all(rows)
                    session.flush()
            session.commit()
    finally:
        engine.dispose()
