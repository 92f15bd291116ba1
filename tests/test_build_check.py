"""`smbstar db build --check`: every problem of the curated files, one line each."""

import shutil

from typer.testing import CliRunner

from smbstar import db
from smbstar.build import check_sources
from smbstar.cli import app


def test_the_shipped_curated_files_are_consistent():
    assert check_sources(db.DOCS, db.CURATED) == []
    result = CliRunner().invoke(app, ["db", "build", "--check"])
    assert result.exit_code == 0


def test_check_lists_each_problem(tmp_path):
    curated = tmp_path / "curated"
    shutil.copytree(db.CURATED, curated)
    thesaurus = curated / "thesaurus.csv"
    text = thesaurus.read_text(encoding="utf-8")
    thesaurus.write_text(text.replace("000_ad982b00eef8a1f3.txt,1184", "000_ad982b00eef8a1f3.txt,5", 1), encoding="utf-8")
    aliases = curated / "firm_aliases.csv"
    aliases.write_text(aliases.read_text(encoding="utf-8").replace(",2857", ",99999"), encoding="utf-8")
    problems = check_sources(db.DOCS, curated)
    assert len(problems) == 2
    assert problems[0].startswith("thesaurus.csv row") and "does not hold 'DRAM'" in problems[0]
    assert problems[1] == "firm_aliases.csv row 2: 002_e64dba568495b49d.txt has no line 99999"
