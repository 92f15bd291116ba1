"""Rebuild safety, with real processes: `smbstar db build` swaps a complete database in or leaves the old one.

Every build here runs in its own process (the CLI, through `python -c` so that the documents folder can be
pointed at a damaged copy of seeds/), next to a copy of the session database that stands for "the previous
database". Cases: a reader looping while a build replaces the file; a build killed with SIGKILL and one stopped
with SIGINT midway; a full disk (RLIMIT_FSIZE); a database of an older schema version; a document that is not
valid UTF-8 and an empty one.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from smbstar import db

# The CLI, with the documents and curated folders taken from the first two arguments (db.DOCS / db.CURATED are
# read when a build starts, so patching them is all it takes to build from another folder).
LAUNCH = (
    "import sys; from pathlib import Path; from smbstar import db, cli; "
    "db.DOCS, db.CURATED = Path(sys.argv[1]), Path(sys.argv[2]); sys.argv = ['smbstar', *sys.argv[3:]]; cli.main()"
)

# Reads the database in a loop until told to stop; each read is one transaction over several tables, compared
# with the counts of a complete database. Prints what it saw as JSON.
READER = r"""
import json, sqlite3, sys
from pathlib import Path
from smbstar import db
path, stop, expected = Path(sys.argv[1]), Path(sys.argv[2]), json.loads(sys.argv[3])
QUERY = {
    **{t: f"SELECT count(*) FROM {t}" for t in ("technology", "contact", "firmmention", "passage", "search_entry")},
    "fts": "SELECT count(*) FROM search_fts WHERE search_fts MATCH '\"배터 터리\"'",
}

def snapshot(conn):
    conn.execute("BEGIN")
    counts = {name: conn.execute(sql).fetchone()[0] for name, sql in QUERY.items()}
    built = conn.execute("SELECT value FROM meta WHERE key = 'built_at'").fetchone()[0]
    conn.execute("COMMIT")
    return counts, built

held = db.connect(path)  # opened before the swap, read after it: still the old file, whole
seen, problems, reads = set(), [], 0
Path(sys.argv[4]).touch()
while not stop.exists():
    try:
        conn = db.connect(path)
        try:
            counts, built = snapshot(conn)
        finally:
            conn.close()
    except Exception as exc:
        problems.append(f"{type(exc).__name__}: {exc}")
        continue
    reads += 1
    seen.add(built)
    if counts != expected:
        problems.append(f"mixed counts {counts}")
held_counts, held_built = snapshot(held)
if held_counts != expected:
    problems.append(f"held connection saw {held_counts}")
print(json.dumps({"reads": reads, "seen": sorted(seen), "problems": problems[:5], "held": held_built}))
"""

TABLES = ("technology", "contact", "firmmention", "passage", "search_entry")


def smbstar(*args: str, docs: Path = db.DOCS, curated: Path = db.CURATED, preexec_fn=None,
            timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", LAUNCH, str(docs), str(curated), *args], env=_env(),
                          capture_output=True, text=True, timeout=timeout, preexec_fn=preexec_fn)


def start_build(target: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", LAUNCH, str(db.DOCS), str(db.CURATED), "db", "build",
                             "--db", str(target)], env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def _env() -> dict:
    env = dict(os.environ)
    env.pop("SMBSTAR_DB", None)
    return env


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def temporaries(target: Path) -> list[Path]:
    return sorted(target.parent.glob(f".{target.name}.*.building"))


def counts(path: Path) -> dict[str, int]:
    conn = db.connect(path)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        conn.close()


def last_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    return lines[-1] if lines else ""


@pytest.fixture
def previous(database_path, tmp_path) -> Path:
    """A complete database at tmp_path/smbstar.db, marked built_at = 'previous' to tell it from a new build."""
    target = tmp_path / "smbstar.db"
    shutil.copyfile(database_path, target)
    conn = sqlite3.connect(target)
    with conn:
        conn.execute("UPDATE meta SET value = 'previous' WHERE key = 'built_at'")
    conn.close()
    return target


def assert_intact(target: Path, before: str, expected: dict[str, int]) -> None:
    assert digest(target) == before, "the previous database was changed"
    assert counts(target) == expected


def wait_for_temporary(process: subprocess.Popen, target: Path, timeout: float = 60) -> Path:
    """Wait until the build has started writing its temporary file; return it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = temporaries(target)
        if found and found[0].stat().st_size > 0:
            return found[0]
        assert process.poll() is None, f"the build ended before writing: {process.communicate()}"
        time.sleep(0.01)
    raise AssertionError("the build never started writing its temporary file")


# ---------------------------------------------------------------- (a) rebuild while reading


def test_a_reader_sees_the_old_or_the_new_database_never_a_mixed_one(previous, tmp_path):
    expected = json.loads(json.dumps(_reader_counts(previous)))
    stop, ready = tmp_path / "stop", tmp_path / "ready"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(previous), str(stop), json.dumps(expected),
                               str(ready)], env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while not ready.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.2)  # some reads of the previous database
        build = smbstar("db", "build", "--db", str(previous))
        assert build.returncode == 0, build.stderr
        time.sleep(0.3)  # some reads of the new one
    finally:
        stop.touch()
        out, err = reader.communicate(timeout=60)
    assert reader.returncode == 0, err
    seen = json.loads(out)
    assert seen["problems"] == []
    assert seen["reads"] > 10
    assert "previous" in seen["seen"] and len(seen["seen"]) == 2, seen  # it read across the swap
    assert seen["held"] == "previous"
    assert temporaries(previous) == []


def _reader_counts(path: Path) -> dict[str, int]:
    conn = db.connect(path)
    try:
        found = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        found["fts"] = conn.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH '\"배터 터리\"'").fetchone()[0]
        return found
    finally:
        conn.close()


# ---------------------------------------------------------------- (b) interrupted builds


def test_b_a_build_killed_with_sigkill_leaves_the_previous_database(previous):
    before, expected = digest(previous), counts(previous)
    process = start_build(previous)
    wait_for_temporary(process, previous)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert_intact(previous, before, expected)
    # Nothing runs after SIGKILL: the temporary file stays behind, until the next build removes it.
    stale = temporaries(previous)
    assert len(stale) == 1
    rebuilt = smbstar("db", "build", "--db", str(previous))
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert counts(previous) == expected
    assert digest(previous) != before
    assert temporaries(previous) == []


def test_b_a_build_interrupted_with_sigint_leaves_the_previous_database_and_no_temporary_file(previous):
    before, expected = digest(previous), counts(previous)
    process = start_build(previous)
    wait_for_temporary(process, previous)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert last_line(err) == "smbstar: interrupted"
    assert "Traceback" not in err
    assert_intact(previous, before, expected)
    assert temporaries(previous) == []


# ---------------------------------------------------------------- (c) a full disk


def _small_file_limit() -> None:
    # Writing past RLIMIT_FSIZE fails with EFBIG, as on a full disk, once SIGXFSZ (which would kill) is ignored.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1_000_000, 1_000_000))


def test_c_a_full_disk_leaves_the_previous_database_and_one_error_line(previous):
    before, expected = digest(previous), counts(previous)
    result = smbstar("db", "build", "--db", str(previous), preexec_fn=_small_file_limit)
    assert result.returncode == 3
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert last_line(result.stderr).startswith("smbstar: cannot write "), result.stderr[-2000:]
    assert last_line(result.stderr).endswith("the previous database is unchanged")
    assert_intact(previous, before, expected)
    assert temporaries(previous) == []


# ---------------------------------------------------------------- (d) an older schema version


def _mark_old_schema(path: Path) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(db.SCHEMA_VERSION - 1),))
    conn.close()


def test_d_a_database_of_an_older_schema_given_with_db_exits_3_with_one_line(previous):
    _mark_old_schema(previous)
    result = smbstar("search", "배터리", "--db", str(previous))
    assert result.returncode == 3
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "schema version" in result.stderr and "smbstar db build" in result.stderr


def test_d_the_default_database_of_an_older_schema_is_rebuilt_on_first_use(previous):
    """open_database(None) with db.DEFAULT_DB pointed at an old-schema file, as the CLI does for db/smbstar.db."""
    _mark_old_schema(previous)
    script = (
        "import sys; from pathlib import Path; from smbstar import db, cli; db.DEFAULT_DB = Path(sys.argv[1]); "
        "conn = cli.open_database(None); print(db.schema_version(conn), "
        "conn.execute('SELECT count(*) FROM passage').fetchone()[0])"
    )
    result = subprocess.run([sys.executable, "-c", script, str(previous)], env=_env(), capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    version, passages = result.stdout.split()
    assert int(version) == db.SCHEMA_VERSION
    assert int(passages) == counts(previous)["passage"] > 0
    assert "building the database" in result.stderr


# ---------------------------------------------------------------- (e) bad documents


@pytest.fixture
def seeds_copy(tmp_path) -> tuple[Path, Path]:
    docs, curated = tmp_path / "docs", tmp_path / "curated"
    shutil.copytree(db.DOCS, docs)
    shutil.copytree(db.CURATED, curated)
    for path in docs.iterdir():
        path.chmod(0o644)
    return docs, curated


@pytest.mark.parametrize(
    "damage, says",
    [
        (lambda raw: raw[:1000] + b"\xff\xfe" + raw[1000:], "not valid UTF-8"),
        (lambda raw: b"", "empty"),
    ],
    ids=["not-utf8", "empty"],
)
def test_e_a_bad_document_is_refused_naming_the_file(previous, seeds_copy, damage, says):
    docs, curated = seeds_copy
    document = docs / "002_e64dba568495b49d.txt"
    document.write_bytes(damage(document.read_bytes()))
    before, expected = digest(previous), counts(previous)
    result = smbstar("db", "build", "--db", str(previous), docs=docs, curated=curated)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    line = last_line(result.stderr)
    assert line.startswith("smbstar: ") and document.name in line and says in line, line
    assert_intact(previous, before, expected)
    assert temporaries(previous) == []
