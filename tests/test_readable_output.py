"""What a person sees at a terminal (real processes under a pseudo-terminal, at 80 and 120 columns), and the one
contract scripts get: every format carries the keys of the JSON."""

import csv
import io
import json
import os
import pty
import re
import subprocess
import sys

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from smbstar.cli import app


def at_terminal(*args, columns: int, database_path) -> list[str]:
    """The lines a command prints on a terminal `columns` wide (colour off, so the text is what is compared)."""
    env = dict(os.environ, SMBSTAR_DB=str(database_path), COLUMNS=str(columns), NO_COLOR="1", TERM="xterm")
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "smbstar", *args], stdout=follower, stderr=subprocess.PIPE,
                               env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait()
    os.close(leader)
    return b"".join(chunks).decode().replace("\r\n", "\n").splitlines()


def test_professors_at_80_columns_one_line_each(database_path):
    lines = at_terminal("professors", "--tech", "이차전지", columns=80, database_path=database_path)
    assert lines[:2] == ["title: 교수", "technology: 이차전지용 핵심소재 및 제품"]
    assert lines[2].split() == ["name", "institute", "email", "source"]  # lab and expertise are empty for II-2
    assert len(lines) == 2 + 2 + 10
    assert lines[4].split() == ["이병훈", "GIST", "bhl@gist.ac.kr", "000:2374"]
    assert all(cell_len(line) <= 80 for line in lines)


@pytest.mark.parametrize("tech, rows", [("V-3", 5), ("IV-3", 7), ("VI-4", 4)])
def test_expertise_and_field_are_shown_one_line_a_professor(database_path, tech, rows):
    lines = at_terminal("professors", "--tech", tech, columns=80, database_path=database_path)
    header = next(line for line in lines if line.startswith("name"))
    said_once = lines[:lines.index(header)]
    assert {"expertise", "field"} & {*header.split(), *(line.split(":")[0] for line in said_once)}
    body = [line for line in lines[lines.index(header) + 2:] if not line.startswith("not shown at this width: ")]
    assert len(body) == rows
    assert all(cell_len(line) <= 80 for line in lines)


def test_a_narrow_terminal_leaves_out_the_lab_before_cutting_expertise(database_path):
    lines = at_terminal("professors", "--tech", "IV-3", columns=80, database_path=database_path)
    assert lines[1].split() == ["name", "title", "institute", "expertise", "email", "source"]
    assert lines[-1] == "not shown at this width: lab (--wide, or --format json)"
    wide = at_terminal("professors", "--tech", "IV-3", "--wide", columns=80, database_path=database_path)
    assert "lab" in wide[1].split() and any("연구실" in line for line in wide)
    assert all(cell_len(line) <= 80 for line in wide) and not any("…" in line for line in wide)
    # Wrapping is for long texts: an address or a citation is never broken across lines.
    assert {"ysoh2040@dgist.ac.kr", "jawook.koo@dgist.ac.kr", "000:7377"} <= {word for line in wide
                                                                              for word in line.split()}


@pytest.mark.parametrize("args", [("people",), ("professors", "--tech", "IV-1"), ("markets", "--tech", "II-2")])
@pytest.mark.parametrize("wide", [(), ("--wide",)])
def test_sources_and_emails_are_never_cut_or_broken(database_path, args, wide):
    rows = json.loads(CliRunner().invoke(app, [*args, "--format", "json", "--db", str(database_path)]).stdout)
    lines = at_terminal(*args, *wide, columns=80, database_path=database_path)
    words = {word for line in lines for word in line.split()}
    assert all(cell_len(line) <= 80 for line in lines)
    for row in rows[:20]:
        source = f"{row['source']['document'][:3]}:{row['source']['line']}"
        assert source in words
        if row.get("email"):
            assert row["email"] in words


def test_search_at_120_columns_fits_with_a_footer_and_no_scores(database_path):
    lines = at_terminal("search", "배터리", columns=120, database_path=database_path)
    assert len(lines) <= 60
    assert lines[0].split() == ["kind", "title", "snippet", "source"]
    assert len(lines) == 2 + 20 + 1
    assert lines[-1].startswith("20 of ") and lines[-1].endswith(" (--limit N for more)")
    assert all(cell_len(line) <= 120 for line in lines)
    explained = at_terminal("search", "배터리", "--explain", "--limit", "3", columns=120, database_path=database_path)
    assert explained[0].split() == ["kind", "title", "snippet", "source", "id", "score", "match"]


@pytest.mark.parametrize("tech", ["IV-2", "II-2", "II-1", "III-2", "V-4"])
def test_tech_show_is_a_digest_that_fits(database_path, tech):
    lines = at_terminal("tech", "show", tech, columns=120, database_path=database_path)
    assert len(lines) <= 150
    assert all(cell_len(line) <= 120 for line in lines)
    text = "\n".join(lines)
    for heading in ("전략기술 후보", "마일스톤", "시장", "교수 후보", "수요 기업", "설문", "관련 자료"):
        assert heading in text
    assert f"every number, with its table and line: smbstar survey --tech {tech}" in text
    assert "개발 단계 (firms, of " in text and "█" in text


def test_the_largest_card_points_to_what_it_leaves_out(database_path):
    lines = at_terminal("tech", "show", "IV-2", columns=120, database_path=database_path)
    assert "  … 30 more: smbstar milestones --tech IV-2" in lines
    assert "  … 172 more: smbstar markets --tech IV-2" in lines
    card = json.loads(CliRunner().invoke(app, ["tech", "show", "IV-2", "--format", "json"]).stdout)
    assert (len(card["milestones"]), len(card["markets"]), len(card["survey"])) == (38, 177, 53)


@pytest.mark.parametrize("tech", ["IV-2", "V-4", "II-1", "IV-3"])
def test_a_card_shows_market_figures_from_different_places(database_path, tech):
    lines = at_terminal("tech", "show", tech, columns=120, database_path=database_path)
    start = next(i for i, line in enumerate(lines) if line.startswith("시장 markets"))
    shown = [line for line in lines[start + 1:start + 6] if line and not line.startswith("  … ")]
    assert len(shown) >= 3
    assert len({line.split()[-1] for line in shown}) == len(shown)  # each from its own cited line


def test_tech_show_in_a_tabular_format_needs_a_section():
    runner = CliRunner()
    refused = runner.invoke(app, ["tech", "show", "II-2", "--format", "csv"])
    assert refused.exit_code == 2 and refused.stdout == ""
    assert refused.stderr.startswith("smbstar: tech show has several tables; use --section (candidates, ")
    section = runner.invoke(app, ["tech", "show", "II-2", "--section", "professors", "--format", "csv"])
    assert section.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(section.stdout)))
    assert len(rows) == 10 and {"expertise", "technology_id", "email"} <= set(rows[0])
    assert runner.invoke(app, ["tech", "show", "II-2", "--section", "nope"]).exit_code == 2


@pytest.mark.parametrize("command, keys", [
    (["firms", "--tech", "DRAM"], {"firm_id", "technology_id", "opinion"}),
    (["markets", "--tech", "IV-2"], {"unit", "technology_id", "currency", "value"}),
    (["professors", "--tech", "V-3"], {"expertise", "technology_id", "lab", "email_printed"}),
    (["milestones", "--tech", "IV-2"], {"technology_id", "date", "figure_only"}),
    (["people", "--document", "002"], {"expertise", "role", "person"}),
])
def test_csv_and_tsv_carry_every_key_of_the_json(command, keys):
    runner = CliRunner()
    records = json.loads(runner.invoke(app, [*command, "--format", "json"]).stdout)
    header = runner.invoke(app, [*command, "--format", "csv"]).stdout.splitlines()[0].split(",")
    assert header == list(records[0])
    assert keys <= set(header)
    tsv = runner.invoke(app, [*command, "--format", "tsv", "--header"]).stdout.splitlines()
    assert tsv[0].split("\t") == header and len(tsv) == len(records) + 1


def test_lg_energy_solution_is_one_firm_in_csv():
    out = CliRunner().invoke(app, ["firms", "--format", "csv"]).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {row["name"] for row in rows if row["firm_id"] == "lg에너지솔루션"} >= {"LGES", "LG에너지솔루션"}


def test_db_info_is_one_table_in_every_format():
    runner = CliRunner()
    tsv = runner.invoke(app, ["db", "info", "--format", "tsv"]).stdout.splitlines()
    assert all(len(line.split("\t")) == 2 for line in tsv)
    assert "technology\t22" in tsv
    info = json.loads(runner.invoke(app, ["db", "info", "--format", "json"]).stdout)
    assert {"meta", "tables", "documents"} <= set(info)


@pytest.mark.parametrize("spelled", ["TSV", "Json", " csv "])
def test_format_is_case_insensitive(spelled):
    result = CliRunner().invoke(app, ["documents", "--format", spelled])
    assert result.exit_code == 0


def test_version_and_short_help():
    runner = CliRunner()
    from smbstar import __version__

    assert runner.invoke(app, ["--version"]).stdout == f"smbstar {__version__}\n"
    short = runner.invoke(app, ["professors", "-h"])
    assert short.exit_code == 0 and "기관 · KAIST, GIST, DGIST or UNIST." in short.stdout


def test_every_option_has_korean_and_english_help():
    import typer

    group = typer.main.get_command(app)

    def commands(command):
        yield command
        for sub in getattr(command, "commands", {}).values():
            yield from commands(sub)

    for command in commands(group):
        for param in command.params:
            if param.name == "help" or not getattr(param, "help", None) and param.param_type_name == "argument":
                continue
            assert " · " in (param.help or ""), (command.name, param.name)


def complete(words: str, database_path) -> list[str]:
    env = dict(os.environ, SMBSTAR_DB=str(database_path), _SMBSTAR_COMPLETE="complete_bash",
               COMP_WORDS=words, COMP_CWORD=str(len(words.split()) - (0 if words.endswith(" ") else 1)))
    result = subprocess.run([sys.executable, "-m", "smbstar"], env=env, capture_output=True, text=True)
    return result.stdout.split()


def test_completion_offers_values(database_path):
    assert complete("smbstar professors --tech II-", database_path) == ["II-1", "II-2", "II-3"]
    assert complete("smbstar professors --tech III", database_path) == ["III-1", "III-2", "III-3", "III-4"]
    assert complete("smbstar firms --tech 배터", database_path) == ["배터리"]
    assert {"수소", "수소차", "수소충전소"} <= set(complete("smbstar survey --tech 수소", database_path))
    assert all(" " not in value for value in complete("smbstar firms --tech 수소", database_path))
    assert complete("smbstar search x --format j", database_path) == ["json", "jsonl"]
    assert complete("smbstar professors --institute D", database_path) == ["DGIST"]
    assert complete("smbstar firms --document 00", database_path)[:1] == ["000_ad982b00eef8a1f3.txt"]
    assert "개발 단계" in " ".join(complete("smbstar survey --measure 개발", database_path))


def test_install_completion_for_the_shell_named(tmp_path):
    env = dict(os.environ, HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-m", "smbstar", "--install-completion", "fish"], env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    script = (tmp_path / ".config" / "fish" / "completions" / "smbstar.fish").read_text()
    assert script.startswith("complete --command smbstar")
    assert not (tmp_path / ".bashrc").exists()
    refused = subprocess.run([sys.executable, "-m", "smbstar", "--install-completion", "tcsh"], env=env,
                             capture_output=True, text=True)
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1


def test_tech_show_in_a_pipe_is_the_card_in_plain_text(database_path):
    env = dict(os.environ, SMBSTAR_DB=str(database_path))
    result = subprocess.run([sys.executable, "-m", "smbstar", "tech", "show", "이차전지"], env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "II-2 이차전지용 핵심소재 및 제품  II 첨단 소재부품 분과 · 000:1736"
    assert "\x1b[" not in result.stdout and "\t" not in result.stdout
    assert "교수 후보 professors  10" in lines


def test_a_name_of_several_areas_in_a_real_process(database_path):
    env = dict(os.environ, SMBSTAR_DB=str(database_path))
    survey = subprocess.run([sys.executable, "-m", "smbstar", "survey", "--tech", "수소", "--measure", "개발 단계"],
                            env=env, capture_output=True, text=True)
    assert survey.returncode == 0 and survey.stdout
    assert survey.stderr.count("\n") == 1 and "III-2" in survey.stderr
    show = subprocess.run([sys.executable, "-m", "smbstar", "tech", "show", "수소"], env=env, capture_output=True,
                          text=True)
    assert (show.returncode, show.stdout) == (2, "")
    assert show.stderr.count("\n") == 1 and all(f"III-{n} " in show.stderr for n in (2, 3, 4))


@pytest.mark.parametrize("written", ["Ⅳ-1", "ＩＶ－１", "ⅳ-1", " iv-1 "])
def test_an_area_id_written_with_roman_numeral_or_full_width_characters_is_that_area(database_path, written):
    result = CliRunner().invoke(app, ["tech", "show", written, "--format", "json", "--db", str(database_path)])
    assert result.exit_code == 0 and json.loads(result.stdout)["id"] == "IV-1"


@pytest.mark.parametrize("need", ["수소 저장 탱크", "전고체 배터리 양산 공정", "마이크로로봇 자기장 제어"])
def test_match_shows_no_raw_score_in_a_table_but_keeps_it_for_scripts(database_path, need):
    lines = at_terminal("match", need, columns=120, database_path=database_path)
    assert any(line.startswith("area") for line in lines)
    assert not any("score" in line for line in lines)
    result = CliRunner().invoke(app, ["match", need, "--format", "csv", "--db", str(database_path)])
    areas = [row for row in csv.DictReader(io.StringIO(result.stdout)) if row["section"] == "area"]
    assert areas and all(float(row["score"]) > 0 for row in areas)


def test_line_numbers_years_and_ids_are_printed_without_separators(database_path):
    lines = at_terminal("sql", "SELECT id, line, end_line, year, value FROM marketfigure WHERE line > 9000"
                        " AND year IS NOT NULL LIMIT 5", columns=120, database_path=database_path)
    rule = next(index for index, line in enumerate(lines) if line.startswith("─"))
    assert lines[rule - 1].split()[:3] == ["id", "line", "end_line"]
    body = [line.split() for line in lines[rule + 1:] if line.strip()]
    assert body and all(row[1] == row[2] and "," not in row[1] and int(row[1]) > 9000 for row in body)
    assert all(re.fullmatch(r"(19|20)\d\d", row[3]) for row in body)  # a year, not 2,025
