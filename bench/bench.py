"""make bench: build time, whole-process start-up of typical commands, in-process search latency.

Prints a table; timings are medians (and 95th percentiles) over repeated runs on this machine.
"""

from __future__ import annotations

import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from smbstar import db  # noqa: E402
from smbstar.build import build_database  # noqa: E402
from smbstar.search import search  # noqa: E402

SMBSTAR = str(Path(sys.executable).with_name("smbstar"))
PROCESS_RUNS = 15


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def time_build(target: Path, runs: int = 3) -> list[float]:
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        build_database(target, db.DOCS, db.CURATED)
        seconds.append(time.perf_counter() - started)
    return seconds


def time_process(args: list[str], env: dict) -> list[float]:
    seconds = []
    for _ in range(PROCESS_RUNS):
        started = time.perf_counter()
        subprocess.run([SMBSTAR, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        seconds.append(time.perf_counter() - started)
    return seconds


def query_set() -> list[str]:
    with (ROOT / "tests" / "data" / "search_queries.csv").open(encoding="utf-8") as handle:
        return [row["query"] for row in csv.DictReader(handle)]


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="smbstar-bench-"))
    try:
        target = work / "smbstar.db"
        rows = []
        build = time_build(target)
        rows.append(("build from the documents (s)", statistics.median(build), max(build), "< 10 s"))
        env = dict(os.environ, SMBSTAR_DB=str(target))
        for label, args, goal in (
            ("smbstar professors --tech 이차전지 --format json (ms)", ["professors", "--tech", "이차전지", "--format", "json"], "< 150 ms"),
            ("smbstar search 배터리 --format json (ms)", ["search", "배터리", "--format", "json"], "< 150 ms"),
            ("smbstar match 전고체 배터리용 고체 전해질 ... (ms)",
             ["match", "전고체 배터리용 고체 전해질 양산 공정을 개발하려 합니다", "--format", "json"], "< 300 ms"),
        ):
            timings = [t * 1000 for t in time_process(args, env)]
            rows.append((label, statistics.median(timings), percentile(timings, 0.95), goal))
        import sqlite3

        conn = sqlite3.connect(target)
        timings = []
        for query in query_set():
            started = time.perf_counter()
            search(conn, query)
            timings.append((time.perf_counter() - started) * 1000)
        rows.append((f"search in-process, {len(timings)} queries (ms)", statistics.median(timings),
                     percentile(timings, 0.95), ""))
        print(f"{'measure':58} {'median':>9} {'p95/max':>9}  target")
        for label, median, high, goal in rows:
            print(f"{label:58} {median:9.2f} {high:9.2f}  {goal}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
