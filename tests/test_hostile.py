"""Hostile input and faults (issue 16): each defect found by attacking smbstar, kept fixed with real processes and
real files. Every case asserts the documented exit code, one line on stderr, no traceback, and that nothing was
lost or left behind. In-process (CliRunner) where the behaviour does not depend on the process; a subprocess
where it does (signals, pipes, argv bytes, file descriptors).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from smbstar import db
from smbstar.cli import app

ENDLESS = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) "
LAUNCH = (
    "import sys; from pathlib import Path; from smbstar import db, cli; "
    "db.DOCS, db.CURATED = Path(sys.argv[1]), Path(sys.argv[2]); sys.argv = ['smbstar', *sys.argv[3:]]; cli.main()"
)


def env_for(database: Path | None) -> dict:
    env = dict(os.environ)
    env.pop("SMBSTAR_DB", None)
    if database is not None:
        env["SMBSTAR_DB"] = str(database)
    return env


def smbstar(*args, database: Path | None, **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("timeout", 120)
    return subprocess.run([sys.executable, "-m", "smbstar", *args], env=env_for(database), capture_output=True,
                          **kwargs)


def one_line(stderr, code: int, result_code: int, says: str = "") -> str:
    """The stderr of a failed command: one line, starting with `smbstar: `, no traceback."""
    text = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else stderr
    assert result_code == code, text
    assert "Traceback" not in text, text
    lines = text.splitlines()
    assert len(lines) == 1, text
    assert lines[0].startswith("smbstar: "), text
    assert says in lines[0], text
    return lines[0]


@pytest.fixture
def run(database_path):
    runner = CliRunner()

    def invoke(*args, **kwargs):
        return runner.invoke(app, [str(a) for a in args], **kwargs)

    return invoke


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def copy_of_database(database_path, tmp_path):
    def make(name: str = "crafted.db", *statements: str) -> Path:
        target = tmp_path / name
        shutil.copyfile(database_path, target)
        conn = sqlite3.connect(target)
        conn.executescript(";".join(statements))
        conn.commit()
        conn.close()
        return target

    return make


# ---------------------------------------------------------------- 1. sql cannot be stopped


def test_1_ctrl_c_stops_a_running_sql_statement_with_exit_130(database_path):
    for query in (ENDLESS + "SELECT count(*) FROM c", ENDLESS + "SELECT max(x) FROM c ORDER BY 1"):
        process = subprocess.Popen([sys.executable, "-m", "smbstar", "sql", query, "--timeout", "0"],
                                   env=env_for(database_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(1.0)  # well inside sqlite3_step
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
        assert one_line(err, 130, process.returncode) == "smbstar: interrupted"
        assert out == b""


def test_1_the_time_limit_stops_sql_with_exit_2(run):
    result = run("sql", ENDLESS + "SELECT count(*) FROM c", "--timeout", "0.3")
    one_line(result.stderr, 2, result.exit_code, "--timeout")
    assert result.stdout == ""
    assert "default: 10" in run("sql", "--help").stdout


def test_1_the_time_limit_counts_sqlite_not_a_slow_reader(database_path):
    # 200,000 rows fill the pipe long before the reader starts, 2 s later: the writer waits, SQLite does not run.
    result = subprocess.run(["bash", "-c", f'set -o pipefail; "{sys.executable}" -m smbstar sql '
                             f'"{ENDLESS}SELECT x FROM c LIMIT 200000" --timeout 1 | (sleep 2; wc -l)'],
                            env=env_for(database_path), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["200000"]


def test_1_ctrl_c_stops_a_list_command_on_a_huge_database(copy_of_database):
    # Two million mentions and no index to read them in order: SQLite sorts them all inside one sqlite3_step
    # before the first row, where only the connection's progress handler sees Ctrl-C.
    crafted = copy_of_database(
        "huge.db", *(f"DROP INDEX ix_firmmention_{name}" for name in ("place", "technology_id", "firm_id", "topic_id")),
        "INSERT INTO firmmention (firm_id, name_printed, role, opinion, document, line, end_line) "
        + ENDLESS + "SELECT 'x', 'x', 'x', 'x', 'x', -x, -x FROM c LIMIT 2000000")
    process = subprocess.Popen([sys.executable, "-m", "smbstar", "firms", "--format", "json"],
                               env=env_for(crafted), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(1.0)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert one_line(err, 130, process.returncode) == "smbstar: interrupted"


def test_1_a_view_in_place_of_a_table_is_refused_before_any_query(copy_of_database, run):
    crafted = copy_of_database(
        "view.db", "DROP TABLE technology",
        "CREATE VIEW technology AS " + ENDLESS + "SELECT x AS id, x AS title, 'II' AS division_id, x AS number,"
        " '' AS definition, 'd' AS document, 1 AS line FROM c")
    before = digest(crafted)
    for args in (("firms",), ("search", "배터리"), ("tech", "list")):
        result = run(*args, "--db", crafted)
        one_line(result.stderr, 3, result.exit_code, f"smbstar db build --db {crafted}")
    assert digest(crafted) == before


# ---------------------------------------------------------------- 2. sql drops a column


def test_2_sql_keeps_every_column_of_the_same_name(run):
    result = run("sql", "SELECT t.id, d.id, t.id FROM technology t JOIN division d ON d.id = t.division_id"
                        " WHERE t.id = 'II-2'", "--format", "json")
    assert json.loads(result.stdout) == [{"id": "II-2", "id_2": "II", "id_3": "II-2"}]
    tsv = run("sql", "SELECT 1 AS a, 2 AS a", "--format", "tsv", "--header").stdout
    assert tsv == "a\ta_2\n1\t2\n"


# ---------------------------------------------------------------- 3. modes 0600


def test_3_exports_follow_the_umask(run, tmp_path):
    # The database's own mode is checked with a real build in test_8_a_build_killed_while_writing_...
    for umask, expected in ((0o022, 0o644), (0o027, 0o640), (0o002, 0o664)):
        previous = os.umask(umask)
        try:
            for suffix in (".csv", ".xlsx", ".json"):
                exported = tmp_path / f"firms-{umask:o}{suffix}"
                result = run("firms", "--tech", "DRAM", "--export", exported)
                assert result.exit_code == 0, result.stderr
                assert stat.S_IMODE(exported.stat().st_mode) == expected, (umask, suffix)
        finally:
            os.umask(previous)


def test_3_force_keeps_the_mode_of_the_file_it_replaces(run, tmp_path):
    for suffix, mode in ((".csv", 0o640), (".xlsx", 0o604), (".tsv", 0o600)):
        export = tmp_path / f"firms{suffix}"
        export.write_text("old")
        export.chmod(mode)
        result = run("firms", "--tech", "DRAM", "--export", export, "--force")
        assert result.exit_code == 0, result.stderr
        assert stat.S_IMODE(export.stat().st_mode) == mode
        assert export.read_bytes() != b"old"


# ---------------------------------------------------------------- 4. corrupt or foreign databases


CRAFTED = {
    "missing-table": ("DROP TABLE firm",),
    "text-version": ("UPDATE meta SET value = 'two' WHERE key = 'schema_version'",),
    "no-version": ("DELETE FROM meta WHERE key = 'schema_version'",),
    "blob-version": ("UPDATE meta SET value = x'02' WHERE key = 'schema_version'",),
    "foreign": ("DROP TABLE technology", "CREATE TABLE technology (x)"),
}


@pytest.mark.parametrize("damage", sorted(CRAFTED))
def test_4_a_foreign_database_exits_3_naming_it(copy_of_database, run, damage):
    crafted = copy_of_database(f"{damage}.db", *CRAFTED[damage])
    before = digest(crafted)
    commands = [("firms",), ("search", "배터리"), ("tech", "show", "II-2")]
    if damage != "foreign":  # its tables are all there: a user's SQL and the row counts may read them
        commands += [("sql", "SELECT 1"), ("db", "info")]
    for args in commands:
        result = run(*args, "--db", crafted)
        one_line(result.stderr, 3, result.exit_code, f"run `smbstar db build --db {crafted}`")
        assert result.stdout == ""
    assert digest(crafted) == before


@pytest.mark.parametrize("value", ["x'ff00'", "NULL"])
def test_4_blob_or_null_titles_exit_3(copy_of_database, run, tmp_path, value):
    crafted = copy_of_database("titles.db")
    conn = sqlite3.connect(crafted)
    conn.execute("PRAGMA writable_schema = 1")  # a hand-made file need not keep the NOT NULL of the schema
    conn.execute("UPDATE sqlite_master SET sql = replace(sql, 'title VARCHAR NOT NULL', 'title VARCHAR')"
                 " WHERE name = 'technology'")
    conn.commit()
    conn.close()
    conn = sqlite3.connect(crafted)
    conn.execute(f"UPDATE technology SET title = {value}")
    conn.commit()
    conn.close()
    for args in (("tech", "show", "II-2"), ("professors", "--tech", "배터리")):
        result = run(*args, "--db", crafted)
        one_line(result.stderr, 3, result.exit_code, f"--db {crafted}")


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "directory"])
def test_4_a_damaged_file_exits_3(database_path, tmp_path, run, damage):
    crafted = tmp_path / "damaged.db"
    raw = database_path.read_bytes()
    if damage == "directory":
        crafted.mkdir()
    else:
        crafted.write_bytes({"garbage": b"not a database\n" * 100, "truncated": raw[: len(raw) // 3],
                             "empty": b""}[damage])
    for args in (("firms",), ("search", "배터리"), ("sql", "SELECT count(*) FROM passage")):
        result = run(*args, "--db", crafted)
        one_line(result.stderr, 3, result.exit_code, f"--db {crafted}")
        assert result.stdout == ""


def test_4_damaged_pages_met_by_a_query_exit_3(database_path, tmp_path, run):
    damaged = bytearray(database_path.read_bytes())
    third = len(damaged) // 3
    damaged[third : 2 * third] = b"\xde\xad" * (third // 2)
    crafted = tmp_path / "pages.db"
    crafted.write_bytes(bytes(damaged))
    for args in (("search", "배터리"), ("match", "배터리"), ("db", "info")):
        result = run(*args, "--db", crafted)
        one_line(result.stderr, 3, result.exit_code, f"run `smbstar db build --db {crafted}`")
    for args in (("firms",), ("people",), ("markets",), ("survey",), ("tech", "show", "II-2")):
        result = run(*args, "--db", crafted)  # pages these do not read: they answer, or say the file is damaged
        assert result.exit_code in (0, 3) and "Traceback" not in result.stderr, result.stderr


def test_4_a_bad_default_database_is_rebuilt(database_path, tmp_path):
    default = tmp_path / "smbstar.db"
    script = ("import sys; from pathlib import Path; from smbstar import db, cli; db.DEFAULT_DB = Path(sys.argv[1]);"
              " sys.argv = ['smbstar', *sys.argv[2:]]; cli.main()")
    raw = database_path.read_bytes()
    # Damaged past its first pages: it opens, and fails only when a query reaches the damage.
    damaged = bytearray(raw)
    damaged[len(raw) // 3 : len(raw) // 3 + 200_000] = b"\xde\xad" * 100_000
    for damage in (bytes(damaged),):
        default.write_bytes(damage)
        result = subprocess.run([sys.executable, "-c", script, str(default), "firms", "--tech", "DRAM"],
                                env=env_for(None), capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        assert len(result.stdout.splitlines()) == 4
        assert db.is_current(default)


# ---------------------------------------------------------------- 5. write errors


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".jsonl"])
def test_5_an_export_onto_a_full_disk_is_exit_3_and_leaves_nothing(database_path, tmp_path, suffix):
    def small_files():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))

    export = tmp_path / f"firms{suffix}"
    result = smbstar("firms", "--export", str(export), database=database_path, preexec_fn=small_files)
    one_line(result.stderr, 3, result.returncode, f"cannot write {export}")
    assert list(tmp_path.iterdir()) == []


def test_5_unusable_export_paths_are_exit_2(run, tmp_path):
    (tmp_path / "x.csv").mkdir()
    cases = {
        tmp_path / "x.csv": "not a regular file",
        tmp_path / ("n" * 300 + ".csv"): "too long",
        tmp_path / "missing" / "x.csv": "no directory",
        Path("/dev/full/x.csv"): "no directory",
    }
    for path, says in cases.items():
        result = run("firms", "--export", path, "--force")
        one_line(result.stderr, 2, result.exit_code, says)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.csv"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_5_an_export_into_a_read_only_folder_is_exit_2(run, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    result = run("firms", "--export", folder / "x.csv")
    one_line(result.stderr, 2, result.exit_code, "Permission denied")


def test_5_stdout_on_dev_full_or_closed_is_one_line_exit_3(database_path):
    with open("/dev/full", "wb") as full:
        result = subprocess.run([sys.executable, "-m", "smbstar", "firms"], env=env_for(database_path),
                                stdout=full, stderr=subprocess.PIPE, timeout=60)
    one_line(result.stderr, 3, result.returncode, "cannot write output")
    closed = subprocess.run(["bash", "-c", f'"{sys.executable}" -m smbstar firms >&-'],
                            env=env_for(database_path), capture_output=True, timeout=60)
    one_line(closed.stderr, 3, closed.returncode, "standard output is closed")


# ---------------------------------------------------------------- 6. broken pipes


@pytest.mark.parametrize("pipeline", [
    "sql 'SELECT * FROM passage' | head -1",
    "sql '" + ENDLESS + "SELECT x, randomblob(100) FROM c' --format jsonl | head -3",
    "firms | true",
    "search 배터리 --format json | head -c 10",
    "sql 'SELECT * FROM passage' --format csv | (read a; exit 0)",
    "tech show II-2 | head -1",  # a card is written by Rich, whose own broken-pipe handling exits 1
    "milestones --tech IV-1 --format table | true",
    "--help | true",  # the group's own options run before any command
])
def test_6_a_closed_pipe_exits_0_quietly(database_path, pipeline):
    result = subprocess.run(["bash", "-c", f'set -o pipefail; "{sys.executable}" -m smbstar {pipeline} >/dev/null'],
                            env=env_for(database_path), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


@pytest.mark.parametrize("command, code", [("search ''", 2), ("bogus", 2), ("search qqqzzzxxyy", 1),
                                           ("firms", 0)])
def test_6_a_closed_pipe_on_stderr_keeps_the_exit_status(database_path, command, code):
    result = subprocess.run(["bash", "-c", f'set -o pipefail; "{sys.executable}" -m smbstar {command} 2>&1 | true'],
                            env=env_for(database_path), capture_output=True, text=True, timeout=60)
    assert result.returncode == code, result.stderr
    assert result.stderr == ""


def test_6_sql_streams_rows_instead_of_reading_them_all(database_path):
    # A million rows would take seconds and hundreds of MB to read first; streamed, the first line comes at once
    # and the endless statement ends when head does, long before its --timeout.
    started = time.monotonic()
    result = subprocess.run(["bash", "-c", f'set -o pipefail; "{sys.executable}" -m smbstar sql '
                             f'"{ENDLESS}SELECT x FROM c" --timeout 60 | head -1'],
                            env=env_for(database_path), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "1\n"
    assert time.monotonic() - started < 50


# ---------------------------------------------------------------- 7. invalid UTF-8 in arguments


@pytest.mark.parametrize("args", [
    ["sql", b"SELECT '\xff'"], ["search", b"\xed\xa0\x80@x"], ["tech", "show", b"\xff@"],
    ["firms", "--tech", b"\xc3@"], ["match", "--firm", b"\xfe\xff"], ["tech", "list", "--division", b"\x80"],
    ["survey", "--measure", b"\xff\xfe"], ["firms", "--export", b"\xff.csv"], ["source", b"000:\xff"],
])
def test_7_arguments_that_are_not_utf8_are_exit_2(database_path, tmp_path, args):
    result = subprocess.run([sys.executable, "-m", "smbstar", *args], env=env_for(database_path),
                            capture_output=True, timeout=60, cwd=tmp_path)
    one_line(result.stderr, 2, result.returncode, "not valid UTF-8")
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- 8. abandoned build files


def _small_file_limit() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1_000_000, 1_000_000))


def build(target: Path, preexec_fn=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", LAUNCH, str(db.DOCS), str(db.CURATED), "db", "build", "--db",
                           str(target)], env=env_for(None), capture_output=True, text=True, timeout=120,
                          preexec_fn=preexec_fn)


def test_8_a_full_disk_without_a_previous_database_says_so_and_leaves_nothing(tmp_path):
    target = tmp_path / "new.db"
    result = build(target, _small_file_limit)
    line = result.stderr.strip().splitlines()[-1]
    assert result.returncode == 3 and "Traceback" not in result.stderr
    assert line.startswith(f"smbstar: cannot write {target}") and line.endswith("no database was written")
    assert list(tmp_path.iterdir()) == []


def test_8_a_build_never_replaces_a_device_or_a_directory(tmp_path, database_path):
    (tmp_path / "folder.db").mkdir()
    device = tmp_path / "device.db"
    device.symlink_to("/dev/null")
    for target in (tmp_path / "folder.db", device):
        result = build(target)
        one_line(result.stderr.splitlines()[-1], 2, result.returncode, "not a regular file")
    assert device.is_symlink() and Path("/dev/null").is_char_device()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["device.db", "folder.db"]


def test_8_a_build_killed_while_writing_leaves_nothing_after_the_next(tmp_path):
    target = tmp_path / "smbstar.db"
    process = subprocess.Popen([sys.executable, "-c", LAUNCH, str(db.DOCS), str(db.CURATED), "db", "build", "--db",
                                str(target)], env=env_for(None), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".smbstar.db.*.building-journal")) and time.monotonic() < deadline:
        assert process.poll() is None
        time.sleep(0.005)
    process.kill()
    process.communicate(timeout=30)
    assert list(tmp_path.glob(".smbstar.db.*.building*")), "the killed build left its files"
    # and a journal whose build file is gone, as a full disk used to leave
    (tmp_path / ".smbstar.db.1.abc123.building-journal").write_bytes(b"half a build")
    result = subprocess.run(["bash", "-c", f'umask 027; "{sys.executable}" -c "$0" "$@"', LAUNCH, str(db.DOCS),
                             str(db.CURATED), "db", "build", "--db", str(target)],
                            env=env_for(None), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["smbstar.db"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the user's umask, not mkstemp's 0600


# ---------------------------------------------------------------- 9. damaged documents


def _truncate(raw: bytes, fraction: float) -> bytes:
    lines = raw.split(b"\n")
    return b"\n".join(lines[: int(len(lines) * fraction)]) + b"\n"


def _reorder(raw: bytes, fraction: float) -> bytes:
    lines = raw.split(b"\n")
    cut = int(len(lines) * fraction)
    return b"\n".join(lines[cut:] + lines[:cut])


def damaged_docs(tmp_path: Path, document: str, damage, fraction: float) -> Path:
    docs = tmp_path / "docs"
    shutil.copytree(db.DOCS, docs)
    (docs / document).chmod(0o644)
    (docs / document).write_bytes(damage((db.DOCS / document).read_bytes(), fraction))
    return docs


def test_9_a_truncated_002_is_refused_by_name_with_exit_2_and_the_database_kept(database_path, tmp_path):
    document = "002_e64dba568495b49d.txt"
    docs = damaged_docs(tmp_path, document, _truncate, 0.3)
    target = tmp_path / "smbstar.db"
    shutil.copyfile(database_path, target)
    before = digest(target)
    result = subprocess.run([sys.executable, "-c", LAUNCH, str(docs), str(db.CURATED), "db", "build", "--db",
                             str(target)], env=env_for(None), capture_output=True, text=True, timeout=120)
    line = result.stderr.strip().splitlines()[-1]
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert line.startswith("smbstar: ") and document in line
    assert digest(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "smbstar.db"]


@pytest.mark.parametrize("document, damage, fraction", [
    ("002_e64dba568495b49d.txt", _truncate, 0.95), ("002_e64dba568495b49d.txt", _reorder, 0.5),
    ("000_ad982b00eef8a1f3.txt", _truncate, 0.9), ("000_ad982b00eef8a1f3.txt", _reorder, 0.7),
    ("001_8d853ea32905c4b5.txt", _reorder, 0.2), ("001_8d853ea32905c4b5.txt", _truncate, 0.999),
    ("003_84ef62de625763dd.txt", _truncate, 0.99), ("003_84ef62de625763dd.txt", _reorder, 0.1),
])
def test_9_any_damaged_document_is_refused_by_name_before_anything_is_written(tmp_path, document, damage, fraction):
    from smbstar.build import build_database
    from smbstar.errors import BuildError

    docs = damaged_docs(tmp_path, document, damage, fraction)
    with pytest.raises(BuildError) as error:
        build_database(tmp_path / "smbstar.db", docs, db.CURATED)
    assert error.value.exit_code == 2 and error.value.message.startswith(document)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs"]


@pytest.mark.parametrize("document, fraction", [("002_e64dba568495b49d.txt", 0.3),
                                                ("002_e64dba568495b49d.txt", 0.6),
                                                ("003_84ef62de625763dd.txt", 0.5)])
def test_9_every_parser_meeting_a_truncated_document_fails_by_its_name(tmp_path, document, fraction):
    """`db build --check` runs every parser: on a truncated document each problem names it, none is a crash."""
    from smbstar.build import check_sources

    problems = check_sources(damaged_docs(tmp_path, document, _truncate, fraction), db.CURATED)
    assert problems
    assert all(document in problem for problem in problems), problems


def test_9_every_parser_failure_is_refused_by_the_documents_name():
    from smbstar.build import reading
    from smbstar.errors import BuildError

    for failure in (StopIteration(), AttributeError("'NoneType' object has no attribute 'group'"), IndexError()):
        with pytest.raises(BuildError) as error:
            with reading("002_e64dba568495b49d.txt"):
                raise failure
        assert error.value.exit_code == 2 and error.value.message.startswith("002_e64dba568495b49d.txt ")


# ---------------------------------------------------------------- 10. XLSX and control characters


def test_10_xlsx_writes_strings_as_strings_and_escapes_control_characters(copy_of_database, run, tmp_path):
    from openpyxl import load_workbook

    crafted = copy_of_database(
        "cells.db",
        "UPDATE firmmention SET opinion = '=HYPERLINK(\"http://x\")' || char(0, 7, 27) || '[31m' WHERE line = 1698",
        "UPDATE firmmention SET opinion = '+1-2' WHERE line = 1700",
        "UPDATE firmmention SET opinion = '@SUM(A1)' || char(11, 12, 31) WHERE line = 1702")
    export = tmp_path / "firms.xlsx"
    result = run("firms", "--tech", "DRAM", "--export", export, "--db", crafted, "--format", "json")
    assert result.exit_code == 0, result.stderr
    sheet = load_workbook(export).active
    column = [c.value for c in sheet[1]].index("opinion")
    opinions = [row[column] for row in sheet.iter_rows(min_row=2)]
    assert [c.data_type for c in opinions[:3]] == ["s"] * 3
    assert [c.value for c in opinions[:3]] == ['=HYPERLINK("http://x")\\x00\\x07\\x1b[31m', "+1-2",
                                               "@SUM(A1)\\x0b\\x0c\\x1f"]
    csv_export = tmp_path / "firms.csv"
    run("firms", "--tech", "DRAM", "--export", csv_export, "--db", crafted)
    assert "'=HYPERLINK" in csv_export.read_text(encoding="utf-8-sig")  # CSV keeps its formula guard


# ---------------------------------------------------------------- 11. JSON of blobs and infinite floats


def test_11_sql_json_is_valid_for_blobs_and_infinite_floats(run):
    for fmt in ("json", "jsonl"):
        result = run("sql", "SELECT x'00ff' AS b, 1e999 AS inf, -1e999 AS ninf, 1.5 AS f", "--format", fmt)
        assert result.exit_code == 0, result.stderr
        assert "Infinity" not in result.stdout
        row = json.loads(result.stdout)[0] if fmt == "json" else json.loads(result.stdout)
        assert row == {"b": {"$base64": True, "encoded": "AP8="}, "inf": None, "ninf": None, "f": 1.5}
    assert run("sql", "SELECT x'00ff'", "--format", "tsv").stdout == "x'00ff'\n"


def test_11_values_and_allocations_are_bounded(run):
    for statement in ("SELECT randomblob(1e9)", "SELECT zeroblob(2e9)", "SELECT replace(hex(zeroblob(1e7)), '0', '00')",
                      "SELECT length(group_concat(text)) FROM (SELECT p.text FROM passage p, passage LIMIT 100000)"):
        result = run("sql", statement)
        one_line(result.stderr, 2, result.exit_code, "sql: ")


# ---------------------------------------------------------------- 12. numbers


@pytest.mark.parametrize("args", [
    ("firms", "--year", "99999999999999999999"), ("markets", "--year", "-5"), ("people", "--year", "1e3"),
    ("source", "000:²"), ("source", "000:٣"), ("source", "000:99999999999999999999999"), ("source", "000:-1"),
    ("search", "x", "--limit", "99999999999999999999"), ("source", "000:1", "--context", "1e9"),
    ("sql", "SELECT 1", "--timeout", "nan"),  # nan passes a float range check and would lift the limit
])
def test_12_numbers_out_of_range_or_not_ascii_digits_are_exit_2(run, args):
    result = run(*args)
    one_line(result.stderr, 2, result.exit_code)


# ---------------------------------------------------------------- 13. Ctrl-C during start-up


def test_13_ctrl_c_while_the_cli_loads_exits_130_with_one_line(database_path):
    # SIGINT delivered while typer is being imported, as a Ctrl-C in the first ~0.1 s lands.
    script = (
        "import builtins, os, signal, sys\n"
        "real = builtins.__import__\n"
        "def hook(name, *args, **kwargs):\n"
        "    if name == 'typer':\n"
        "        os.kill(os.getpid(), signal.SIGINT)\n"
        "    return real(name, *args, **kwargs)\n"
        "builtins.__import__ = hook\n"
        "sys.argv = ['smbstar', 'search', '배터리']\n"
        "from smbstar.start import main\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", script], env=env_for(database_path), capture_output=True,
                            text=True, timeout=60)
    assert one_line(result.stderr, 130, result.returncode) == "smbstar: interrupted"


def test_13_ctrl_c_at_any_moment_of_a_command_never_tracebacks(database_path):
    # From 0.6 s on: before, a loaded machine's Python may still be starting (site, runpy), where no program can
    # catch it; test_13_ctrl_c_while_the_cli_loads covers the import of the CLI itself.
    for delay in (0.6, 0.9, 1.2):
        process = subprocess.Popen([sys.executable, "-m", "smbstar", "match", "전고체 배터리 양산 공정"],
                                   env=env_for(database_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        assert b"Traceback" not in err, err
        assert process.returncode in (0, 130, -signal.SIGINT), err


# ---------------------------------------------------------------- 14. terminal escape sequences


def test_14_escape_sequences_in_data_are_escaped_in_tsv_tables_and_json(copy_of_database, run):
    crafted = copy_of_database(
        "escapes.db",
        "UPDATE firmmention SET opinion = char(27) || ']0;owned' || char(7) || char(27) || '[31mred' || char(155)"
        " || '2J' || char(13) || 'x' WHERE line = 1698")
    tsv = run("firms", "--tech", "DRAM", "--db", crafted).stdout
    assert "\x1b" not in tsv and "\x07" not in tsv and "\x9b" not in tsv and "\r" not in tsv
    assert "\\x1b]0;owned\\x07\\x1b[31mred\\x9b2J\\rx" in tsv
    for fmt in ("json", "jsonl"):
        out = run("firms", "--tech", "DRAM", "--db", crafted, "--format", fmt).stdout
        assert "\x1b" not in out and "\x9b" not in out
        assert "\\u001b]0;owned" in out and "\\u009b" in out


def test_14_a_table_on_a_terminal_shows_no_escape_sequence_of_the_data(copy_of_database, database_path, tmp_path):
    crafted = copy_of_database("escapes.db", "UPDATE technology SET title = char(27) || '[31mRED' || char(27)"
                               " || ']2;title' || char(7) WHERE id = 'II-1'")
    script = tmp_path / "typescript"
    for args in ("firms --tech II-1 --no-color", "tech show II-1 --no-color", "tech list --no-color"):
        result = subprocess.run(["script", "-qec", f'"{sys.executable}" -m smbstar {args}', str(script)],
                                env=dict(env_for(crafted), COLUMNS="200"), capture_output=True, timeout=60)
        assert result.returncode == 0, result.stdout
        assert b"\x1b" not in result.stdout and b"\x07" not in result.stdout, result.stdout[:500]
        assert b"\\x1b[31mRED" in result.stdout


# ---------------------------------------------------------------- 15. dangling symlinks


def test_15_force_writes_through_a_symlink_to_a_file_never_replacing_a_device_or_the_link(run, tmp_path):
    target = tmp_path / "real.csv"
    target.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    assert run("firms", "--tech", "DRAM", "--export", link, "--force").exit_code == 0
    assert link.is_symlink() and target.read_text(encoding="utf-8-sig").startswith("name,")
    device = tmp_path / "device.csv"
    device.symlink_to("/dev/null")
    result = run("firms", "--export", device, "--force")
    one_line(result.stderr, 2, result.exit_code, "not a regular file")
    assert device.is_symlink() and os.readlink(device) == "/dev/null"


def test_15_export_over_a_dangling_symlink_needs_force(run, tmp_path):
    link = tmp_path / "firms.csv"
    link.symlink_to(tmp_path / "elsewhere" / "gone.csv")
    result = run("firms", "--export", link)
    one_line(result.stderr, 2, result.exit_code, "--force")
    assert link.is_symlink() and os.readlink(link) == str(tmp_path / "elsewhere" / "gone.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["firms.csv"]


# ---------------------------------------------------------------- 16. the hint names the file


def test_16_the_hint_for_a_bad_db_names_the_path_quoted(run, tmp_path):
    for name in ("old.db", "with space.db", "missing.db"):
        path = tmp_path / name
        if name != "missing.db":
            path.write_bytes(b"\x00" * 4096)
        result = run("firms", "--db", path)
        line = one_line(result.stderr, 3, result.exit_code)
        quoted = f"'{path}'" if " " in name else str(path)
        assert line.endswith(f"run `smbstar db build --db {quoted}`"), line


# ---------------------------------------------------------------- 17. empty options and queries


@pytest.mark.parametrize("args", [
    ("firms", "--document", ""), ("people", "--document", " "), ("markets", "--tech", ""),
    ("professors", "--institute", ""), ("survey", "--measure", " "), ("tech", "list", "--division", ""),
    ("search", ""), ("search", "  ", " "), ("sql", ""), ("sql", " ;"), ("sql", "-- nothing"), ("match", ""), ("match", "--firm", ""), ("tech", "show", ""),
    ("firms", "--tech", "zzzzqqqxx"), ("milestones", "--document", "999"),
])
def test_17_empty_or_unknown_values_are_exit_2(run, args):
    result = run(*args)
    one_line(result.stderr, 2, result.exit_code)
    assert result.stdout == ""


# ---------------------------------------------------------------- the read-only introspection pragmas


def test_sql_may_list_columns_but_not_change_anything(run, database_path):
    before = digest(database_path)
    columns = run("sql", "PRAGMA table_info(firm)", "--format", "json")
    assert [c["name"] for c in json.loads(columns.stdout)] == ["id", "name"]
    listed = run("sql", "SELECT name FROM pragma_table_info('technology') ORDER BY cid", "--format", "tsv").stdout
    assert listed.split()[:2] == ["id", "division_id"] or "title" in listed.split()
    assert run("sql", "SELECT value FROM json_each('[1,2]')").stdout == "1\n2\n"
    for statement in ("PRAGMA writable_schema = 1", "UPDATE sqlite_master SET sql = ''", "PRAGMA user_version = 3",
                      "DELETE FROM firm", "ATTACH 'x.db' AS x", "PRAGMA journal_mode = delete",
                      "SELECT * FROM pragma_table_info('firm'); DELETE FROM firm"):
        result = run("sql", statement)
        one_line(result.stderr, 2, result.exit_code, "sql: ")
    assert digest(database_path) == before


# ---------------------------------------------------------------- free text never tracebacks


def _arbitrary_text(rng: random.Random) -> str:
    pieces = ["배터리", "'", '"', "%", "_", "*", "NEAR(", ")", "--", ";", "\x00", "\x1b[31m", "\t", "\n", "\r", "\\",
              "@", ":", "²", "٣", "\u200b", "\u202e", "ㅂㅌㄹ", "\udcff", "\ud800", "수소", "OR", "AND", "^", "{", "}",
              "e" * 300, "x'00'", "SELECT", " ", "\x7f", "\x9b", "𝔘", "Ⅱ", "II-2", "000:1", "..", "/"]
    return "".join(rng.choice(pieces) if rng.random() < 0.7 else chr(rng.randrange(1, 0x3000))
                   for _ in range(rng.randrange(0, 6)))


FREE_TEXT = [
    lambda t: ["search", t], lambda t: ["search", "배터리", t, "--kind", "tech"], lambda t: ["match", t],
    lambda t: ["match", "--firm", t], lambda t: ["tech", "show", t], lambda t: ["firms", "--tech", t],
    lambda t: ["people", "--document", t], lambda t: ["professors", "--institute", t],
    lambda t: ["tech", "list", "--division", t], lambda t: ["survey", "--measure", t], lambda t: ["source", t],
    lambda t: ["sql", t], lambda t: ["markets", "--tech", "이차전지", "--document", t],
    lambda t: ["search", t, "--format", t], lambda t: ["milestones", "--tech", t],
    lambda t: ["search", "배터리", "--kind", t], lambda t: ["tech", "show", "IV-1", "--section", t, "--format", "csv"],
    lambda t: ["markets", "--measure", t], lambda t: ["survey", "--tech", "IV-1", "--measure", t],
]


@pytest.mark.parametrize("division", ["VII", "zz", "Ⅶ", "9"])
def test_an_unknown_division_is_a_bad_value_naming_the_divisions(run, division):
    result = run("tech", "list", "--division", division)
    assert "VI 기계항공 분과" in one_line(result.stderr, 2, result.exit_code)


def test_free_text_in_every_argument_never_tracebacks(run):
    rng = random.Random(16)
    for round_ in range(8):
        for make in FREE_TEXT:
            args = make(_arbitrary_text(rng))
            result = run(*args)
            assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
            assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.stderr)
            assert "Traceback" not in result.stderr
            if result.exit_code == 2:
                assert result.stderr.startswith("smbstar: ") or result.stderr.startswith("Usage"), (args, result.stderr)


def test_free_bytes_in_argv_never_traceback(database_path):
    rng = random.Random(1616)
    for _ in range(4):
        raw = bytes(rng.randrange(0, 256) for _ in range(rng.randrange(1, 12))).replace(b"\x00", b"")
        for command in (["search"], ["sql"], ["firms", "--tech"], ["match", "--firm"]):
            result = smbstar(*command, raw or b"x", database=database_path, timeout=60)
            assert b"Traceback" not in result.stderr, (raw, result.stderr)
            assert result.returncode in (0, 1, 2), (raw, result.returncode, result.stderr)
