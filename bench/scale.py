"""make bench-scale: how build time, database size and query latency grow with the data.

The real database (built from seeds/) is multiplied N times (10x, 100x, 1000x) by writing synthetic rows into the
real tables: technology, strategiccandidate, contact, firm, firmmention, marketfigure, milestone and passage. Copy k
of the data set (k = 1 .. N-1) gets its own technology areas (`II-2-k`), people, firms and passages, made from the
real ones: words of titles and passages shuffled, names recombined from real surnames and given-name syllables,
firm names from parts of real firm names, every number replaced by a new one. The generator is deterministic (a
fixed random seed), so two runs measure the same data. Copy k cites documents of its own (`000_….txt~k`), as a
database grown by new documents would.

For each size the search index is rebuilt from the scaled tables with `smbstar.search.build_search_index` (its
time is the "build time"), then the database size, the in-process p50/p95 of a fixed set of search, professors
and match queries, and the whole-process time of `smbstar search 배터리 --format
json` are measured. A table is printed and written to bench/scale-<sizes>.md.

    python bench/scale.py                        # 10x and 100x: bench/scale-10x-100x.md
    python bench/scale.py --sizes 1 10 100 1000  # the full run (1000x: ~4.7 million passages)
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from smbstar import db, queries  # noqa: E402
from smbstar.korean import is_hangul  # noqa: E402
from smbstar.ingest.names import firm_key  # noqa: E402
from smbstar.match import match_need  # noqa: E402
from smbstar.search import build_search_index, search  # noqa: E402

SMBSTAR = str(Path(sys.executable).with_name("smbstar"))
SEED = 20201
RESULTS = ROOT / "bench"  # scale-<sizes>.md, e.g. bench/scale-1x-10x-100x-1000x.md
SEARCH_TABLES = ("search_entry", "search_fts", "search_kind", "search_df", "search_area", "synonym", "synonym_area",
                 "vocabulary")

# The fixed query set: everyday words, synonyms, phrases, names, a typo, 초성 and English.
SEARCH_QUERIES = (
    "배터리", "수소", "이차전지", "DRAM", "고체전해질", "배터리 전극 소재", "반도체 장비", "인공지능",
    "스마트 팩토리", "금형", "에코프로비엠", "솔브레인", "배러티", "ㅂㅌㄹ", "낸드", "바이오의약품 시장",
)
# Technology names (resolved as `--tech` is) and an optional institute.
# A name that fits several areas ends as the CLI ends it (choices listed, exit 2): timed all the same, and noted.
PROFESSOR_QUERIES = (("이차전지", None), ("DRAM", None), ("고체전해질", "KAIST"), ("NAND", None), ("II-2", None))
MATCH_QUERIES = (
    "이차전지 양극재 코팅 공정의 불량률을 줄이고 싶습니다",
    "스마트 팩토리 설비 데이터로 고장을 예측하는 기술이 필요합니다",
    "DRAM 소재 국산화를 함께할 교수님을 찾습니다",
)

AMBIGUOUS = "ambiguous"  # what professors() gives for a --tech that fits several areas (after reading them all)


# ---------------------------------------------------------------- generating

_NUMBER = re.compile(r"\d+")


class Generator:
    """Writes copies 1 .. N-1 of the real rows, recombined, into the tables of a copy of the real database."""

    def __init__(self, conn: sqlite3.Connection, seed: int = SEED):
        self.conn = conn
        self.random = random.Random(seed)
        self.conn.row_factory = sqlite3.Row
        self.original = {
            table: [dict(row) for row in conn.execute(f"SELECT * FROM {table} ORDER BY rowid")]
            for table in ("technology", "strategiccandidate", "contact", "firm", "firmmention", "marketfigure",
                          "milestone", "passage")
        }
        self.conn.row_factory = None
        names = [row["name"] for row in self.original["contact"] if _all_hangul(row["name"]) and len(row["name"]) == 3]
        self.surnames = sorted({name[0] for name in names}) or ["김"]
        self.given = sorted({syllable for name in names for syllable in name[1:]}) or ["민", "준"]
        firm_names = [row["name"] for row in self.original["firm"]]
        self.firm_heads = sorted({n[: max(2, len(n) // 2)] for n in firm_names if len(n) >= 3})
        self.firm_tails = sorted({n[max(2, len(n) // 2):] for n in firm_names if len(n) >= 3} - {""})
        self.title_words = sorted({w for row in self.original["technology"] + self.original["strategiccandidate"]
                                   for w in row["title"].split()})
        self.firm_ids = {row["id"] for row in self.original["firm"]}

    # -- text

    def shuffled(self, text: str) -> str:
        """The words of text in another order, every number replaced by a new one of the same length."""
        if not text:
            return text
        pieces = text.split()
        self.random.shuffle(pieces)
        return self.renumbered(" ".join(pieces))

    def renumbered(self, text: str) -> str:
        randint = self.random.randint
        return _NUMBER.sub(lambda m: str(randint(10 ** (len(m.group()) - 1) if len(m.group()) > 1 else 0,
                                                 10 ** len(m.group()) - 1)), text)

    def title(self, text: str) -> str:
        """A title of the same length in words, one word swapped for a word of another real title."""
        pieces = text.split()
        if not pieces:
            return text
        self.random.shuffle(pieces)
        pieces[self.random.randrange(len(pieces))] = self.random.choice(self.title_words)
        return self.renumbered(" ".join(pieces))

    def person_name(self, name: str) -> str:
        if not _all_hangul(name):
            return name
        return self.random.choice(self.surnames) + "".join(self.random.choice(self.given) for _ in range(2))

    def firm_name(self) -> tuple[str, str]:
        for attempt in range(50):
            name = self.random.choice(self.firm_heads) + self.random.choice(self.firm_tails)
            if attempt > 10:
                name += self.random.choice(self.given)
            key = firm_key(name)
            if key and key not in self.firm_ids:
                self.firm_ids.add(key)
                return key, name
        raise RuntimeError("could not invent a new firm name")

    # -- rows

    def scale(self, factor: int, progress=lambda message: None) -> None:
        for k in range(1, factor):
            self.write_copy(k)
            if k % max(1, factor // 10) == 0 or k == factor - 1:
                progress(f"  copy {k}/{factor - 1}")
        self.conn.commit()

    def write_copy(self, k: int) -> None:
        self.copy = k
        o = self.original
        tech = {row["id"]: f"{row['id']}-{k}" for row in o["technology"]}

        def area(identifier):
            return tech.get(identifier) if identifier else None

        self._insert("technology", (
            {**row, "id": tech[row["id"]], "number": row["number"] + 100 * k, "title": self.title(row["title"]),
             "definition": self.shuffled(row["definition"])}
            for row in o["technology"]))
        self._insert("strategiccandidate", (
            {**row, "id": None, "technology_id": tech[row["technology_id"]], "title": self.title(row["title"]),
             "description": self.shuffled(row["description"])}
            for row in o["strategiccandidate"]))
        people: dict[str, tuple[str, str]] = {}
        contacts = []
        for row in o["contact"]:
            if row["person_key"] not in people:
                name = self.person_name(row["name"])
                people[row["person_key"]] = (f"{row['institute']}:{name}", name)
            key, name = people[row["person_key"]]
            email = _new_email(row["email"], self.random)
            contacts.append({**row, "id": None, "person_key": key, "name": name, "technology_id": area(row["technology_id"]),
                             "email": email, "email_printed": email if row["email_printed"] else "",
                             "lab": self.shuffled(row["lab"]), "expertise": self.shuffled(row["expertise"])})
        self._insert("contact", contacts)
        firms = {row["id"]: self.firm_name() for row in o["firm"]}
        self._insert("firm", ({"id": key, "name": name} for key, name in firms.values()))
        self._insert("firmmention", (
            {**row, "id": None, "firm_id": firms[row["firm_id"]][0], "technology_id": area(row["technology_id"]),
             "name_printed": firms[row["firm_id"]][1], "opinion": self.shuffled(row["opinion"])}
            for row in o["firmmention"]))
        self._insert("marketfigure", (
            {**row, "id": None, "technology_id": area(row["technology_id"]),
             "value_printed": self.renumbered(row["value_printed"]),
             "value": None if row["value"] is None else round(row["value"] * self.random.uniform(0.2, 5.0)),
             "quote": self.shuffled(row["quote"])}
            for row in o["marketfigure"]))
        self._insert("milestone", (
            {**row, "id": None, "technology_id": area(row["technology_id"]), "period": self.renumbered(row["period"]),
             "milestone": self.title(row["milestone"]), "caption": self.renumbered(row["caption"])}
            for row in o["milestone"]))
        self._insert("passage", (
            {**row, "id": None, "technology_id": area(row["technology_id"]), "text": self.shuffled(row["text"])}
            for row in o["passage"]))

    def _insert(self, table: str, rows) -> None:
        rows = iter(rows)
        first = next(rows, None)
        if first is None:
            return
        columns = list(first)
        if "document" in columns:  # copy k cites a document of its own, as a database grown by new documents does
            rows = ({**row, "document": f"{row['document']}~{self.copy}"} for row in rows)
            first = {**first, "document": f"{first['document']}~{self.copy}"}
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        self.conn.executemany(sql, ([r[c] for c in columns] for r in _chain(first, rows)))


def _chain(first, rest):
    yield first
    yield from rest


def _all_hangul(text: str) -> bool:
    return bool(text) and all(is_hangul(c) for c in text)


def _new_email(email: str, rng: random.Random) -> str:
    if "@" not in email:
        return email
    local, _, domain = email.partition("@")
    return f"{local}{rng.randint(10, 9999)}@{domain}"


# ---------------------------------------------------------------- measuring


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def load_concepts():
    from smbstar.build import load_documents
    from smbstar.ingest.thesaurus import load_thesaurus

    return load_thesaurus(db.CURATED / "thesaurus.csv", load_documents(db.DOCS))


def rebuild_search_index(path: Path, concepts) -> float:
    """Drop the search tables and build them again from the (scaled) tables; the seconds it took."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode = OFF")  # as smbstar.build does while indexing
        conn.execute("PRAGMA synchronous = OFF")
        for table in SEARCH_TABLES:
            conn.execute(f"DROP TABLE IF EXISTS {table}")
        conn.commit()
        started = time.perf_counter()
        with conn:
            build_search_index(conn, concepts)
        return time.perf_counter() - started
    finally:
        conn.close()


def professors(conn: sqlite3.Connection, tech: str, institute: str | None) -> list[dict]:
    """`smbstar professors --tech TECH [--institute INST]` in-process."""
    filters = queries.resolve_filters(conn, tech)
    rows = queries.professors(conn, filters, institute)
    return AMBIGUOUS if len(filters.technology_ids) > 1 else rows


def time_queries(path: Path, runs: int, notes: set) -> dict[str, dict[str, list[float]]]:
    """{group: {query: [ms, ...]}} for the fixed query set, after one warm-up pass; ambiguous --tech into notes."""
    conn = db.connect(path)
    work = {
        "search": [(q, lambda q=q: search(conn, q)) for q in SEARCH_QUERIES],
        "professors": [
            (f"--tech {tech}" + (f" --institute {inst}" if inst else ""),
             lambda tech=tech, inst=inst: professors(conn, tech, inst))
            for tech, inst in PROFESSOR_QUERIES
        ],
        "match": [(text, lambda text=text: match_need(conn, text)) for text in MATCH_QUERIES],
    }
    timings: dict[str, dict[str, list[float]]] = {group: {} for group in work}
    try:
        for rep in range(runs + 1):
            for group, items in work.items():
                for label, call in items:
                    started = time.perf_counter()
                    outcome = call()
                    elapsed = (time.perf_counter() - started) * 1000
                    if rep:  # the first pass warms the page cache
                        timings[group].setdefault(label, []).append(elapsed)
                    elif outcome is AMBIGUOUS:
                        notes.add(label)
    finally:
        conn.close()
    return timings


def time_process(path: Path, runs: int = 7) -> list[float]:
    env = dict(os.environ, SMBSTAR_DB=str(path))
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([SMBSTAR, "search", "배터리", "--format", "json"], env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=True)
        seconds.append((time.perf_counter() - started) * 1000)
    return seconds


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("technology", "contact", "firm", "passage", "search_entry", "vocabulary")}
    finally:
        conn.close()


def live_bytes(path: Path) -> int:
    """The size the file would have after VACUUM: pages in use times the page size."""
    conn = sqlite3.connect(path)
    try:
        pages, free, size = (conn.execute(f"PRAGMA {p}").fetchone()[0]
                             for p in ("page_count", "freelist_count", "page_size"))
        return (pages - free) * size
    finally:
        conn.close()


# ---------------------------------------------------------------- the run


def measure_size(base: Path, factor: int, work: Path, concepts, runs: int, keep: bool = False) -> dict:
    target = work / f"scaled-{factor}x.db"
    shutil.copyfile(base, target)
    started = time.perf_counter()
    conn = sqlite3.connect(target)
    conn.execute("PRAGMA journal_mode = OFF")  # a scratch copy: generation speed, not safety
    conn.execute("PRAGMA synchronous = OFF")
    Generator(conn).scale(factor, progress=lambda m: print(m, file=sys.stderr, flush=True))
    conn.close()
    generated = time.perf_counter() - started
    print(f"{factor}x: generated in {generated:.1f} s; rebuilding the search index ...", file=sys.stderr, flush=True)
    build = rebuild_search_index(target, concepts)
    print(f"{factor}x: index built in {build:.1f} s; timing queries ...", file=sys.stderr, flush=True)
    ambiguous: set = set()
    timings = time_queries(target, runs, ambiguous)
    process = time_process(target)
    result = {
        "factor": factor, "path": target, "generate_s": generated, "build_s": build,
        "file_bytes": target.stat().st_size, "live_bytes": live_bytes(target), "counts": counts(target),
        "timings": timings, "process": process, "ambiguous": ambiguous,
    }
    print(summary_line(result), file=sys.stderr, flush=True)
    if not keep:
        target.unlink()
    return result


def group_stats(timings: dict[str, list[float]]) -> tuple[float, float]:
    values = [v for per_query in timings.values() for v in per_query]
    return statistics.median(values), percentile(values, 0.95)


def summary_line(r: dict) -> str:
    p50, p95 = group_stats(r["timings"]["search"])
    return f"{r['factor']}x: search p50 {p50:.1f} ms p95 {p95:.1f} ms"


def machine() -> str:
    return (f"{os.cpu_count()} cores (nproc {_nproc()}), Python {platform.python_version()}, "
            f"SQLite {sqlite3.sqlite_version}, {platform.system()} {platform.release()}, "
            f"{datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}")


def _nproc() -> str:
    try:
        return subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def report(results: list[dict], base_counts: dict[str, int], runs: int) -> str:
    groups = ["search", "professors", "match"]
    head = ["size", "passages", "search entries", "generate (s)", "index build (s)", "db (MB)"]
    for group in groups:
        head += [f"{group} p50 (ms)", f"{group} p95 (ms)"]
    head += ["`smbstar search 배터리 --format json` median (ms)"]
    lines = [
        "# Scale benchmark",
        "",
        f"Machine: {machine()}.",
        "",
        f"Generated by `bench/scale.py` (seed {SEED}): the real database ({base_counts['passage']} passages, "
        f"{base_counts['search_entry']} search entries) multiplied by synthetic copies of its technologies, "
        "candidates, contacts, firms, firm mentions, market figures, milestones and passages. Build time is "
        "`build_search_index` over the scaled tables; p50/p95 are over every run of every query of the group "
        f"({runs} runs each after one warm-up pass), in-process. Targets at 1000x: search p50 < 100 ms, p95 < 300 ms.",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for r in results:
        cells = [f"{r['factor']}x", f"{r['counts']['passage']:,}", f"{r['counts']['search_entry']:,}",
                 f"{r['generate_s']:.1f}", f"{r['build_s']:.1f}", f"{r['live_bytes'] / 1e6:.0f}"]
        for group in groups:
            p50, p95 = group_stats(r["timings"][group])
            cells += [f"{p50:.1f}", f"{p95:.1f}"]
        cells.append(f"{statistics.median(r['process']):.0f}")
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "Per query (median of the runs, ms):", "",
              "| group | query | " + " | ".join(f"{r['factor']}x" for r in results) + " |",
              "|---|---|" + "---|" * len(results)]
    for group in groups:
        for label in results[0]["timings"][group]:
            cells = [f"{statistics.median(r['timings'][group][label]):.1f}" for r in results]
            cells = [c + (" (ambiguous)" if label in r["ambiguous"] else "") for c, r in zip(cells, results)]
            lines.append(f"| {group} | {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100], help="factors, e.g. 10 100 1000")
    parser.add_argument("--source", type=Path, help="a built database to scale (default: build one from seeds/)")
    parser.add_argument("--work", type=Path, help="where the scaled files go (default: a temporary directory)")
    parser.add_argument("--keep", action="store_true", help="keep the scaled files")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each query (default 5)")
    parser.add_argument("--output", type=Path, help="the results file (default bench/scale-<sizes>.md)")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="smbstar-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        base = args.source
        if base is None:
            from smbstar.build import build_database

            base = work / "base.db"
            print("building the real database ...", file=sys.stderr, flush=True)
            build_database(base, db.DOCS, db.CURATED)
        concepts = load_concepts()
        base_counts = counts(base)
        results = [measure_size(base, factor, work, concepts, args.runs, args.keep) for factor in sorted(args.sizes)]
        text = report(results, base_counts, args.runs)
        print(text)
        output = args.output or RESULTS / f"scale-{'-'.join(f'{n}x' for n in sorted(args.sizes))}.md"
        output.write_text(text, encoding="utf-8")
        print(f"wrote {output}", file=sys.stderr)
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
