"""The output contract in real processes: pipes, terminals, colour, interrupts."""

import io
import os
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from smbstar import queries
from smbstar.cli import app, click_command
from smbstar.render import choose_format, render

ROW = [{"name": "김일두", "institute": "KAIST", "note": "a\tb\nc\\d", "source": {"document": "000.txt", "line": 7}}]
COLUMNS = ["name", "institute", "note", "source"]


def smbstar(*args, database_path, **kwargs):
    env = dict(os.environ, SMBSTAR_DB=str(database_path))
    env.pop("NO_COLOR", None)
    return subprocess.run([sys.executable, "-m", "smbstar", *args], env=env, capture_output=True, text=True,
                          **kwargs)


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_default_format_follows_the_terminal():
    assert choose_format(None, FakeTerminal()) == "table"
    assert choose_format(None, io.StringIO()) == "tsv"


@pytest.mark.parametrize(
    "fmt, expected",
    [
        ("tsv", "김일두\tKAIST\ta\\tb\\nc\\\\d\t000.txt:7\n"),
        ("csv", 'name,institute,note,source\n김일두,KAIST,"a\tb\nc\\d",000.txt:7\n'),
        ("jsonl", '{"name": "김일두", "institute": "KAIST", "note": "a\\tb\\nc\\\\d", '
                  '"source": {"document": "000.txt", "line": 7}}\n'),
    ],
)
def test_exact_formats(fmt, expected):
    out = io.StringIO()
    render(ROW, COLUMNS, fmt, out)
    assert out.getvalue() == expected


def test_table_aligns_and_honours_no_color():
    out = FakeTerminal()
    render(ROW, ["name", "institute"], "table", out, color=False)
    text = out.getvalue()
    assert "김일두" in text and "\x1b[" not in text
    lines = [line for line in text.splitlines() if "김일두" in line or "name" in line]
    assert len({_width(line) for line in lines}) == 1


def _width(line: str) -> int:
    from rich.cells import cell_len

    return cell_len(line)


def test_pipe_into_head_ends_quietly(database_path):
    command = (f"{sys.executable} -m smbstar search 수소 --limit 200 | head -1")
    result = subprocess.run(command, shell=True, capture_output=True, text=True,
                            env=dict(os.environ, SMBSTAR_DB=str(database_path)))
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 1
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr


def test_real_process_pipe_is_tsv_and_exit_codes(database_path):
    found = smbstar("firms", "--tech", "DRAM", database_path=database_path)
    assert found.returncode == 0
    assert found.stdout.splitlines()[3].startswith("㈜루미스탈\t")
    missing = smbstar("search", "qqqzzzxxyy", database_path=database_path)
    assert (missing.returncode, missing.stdout) == (1, "")


@pytest.mark.parametrize("command", [["search"], ["tech", "show"], ["db", "build"], ["firms"], ["sql"]])
def test_a_run_builds_only_its_command_and_helps_the_same(command, capsys):
    def help_of(click_group):
        click_group.main([*command, "--help"], prog_name="smbstar", standalone_mode=False)
        return capsys.readouterr().out

    narrowed = click_command(command)
    assert list(narrowed.commands) == [command[0]]
    assert help_of(narrowed) == help_of(typer.main.get_command(app))


def test_a_group_alone_prints_its_usage_and_exits_2(database_path):
    result = smbstar("tech", database_path=database_path)
    assert result.returncode == 2
    assert result.stderr.startswith("Usage: smbstar tech [OPTIONS] COMMAND [ARGS]...\n")
    assert "  show  " in result.stderr


def test_ctrl_c_exits_130(database_path, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(queries, "resolve_filters", interrupted)
    result = CliRunner().invoke(app, ["firms"])
    assert result.exit_code == 130
    assert result.stderr == "smbstar: interrupted\n"


def test_every_command_has_help_with_an_example():
    runner = CliRunner()
    for command in (["search"], ["tech", "list"], ["tech", "show"], ["professors"], ["people"], ["firms"],
                    ["markets"], ["milestones"], ["survey"], ["match"], ["source"], ["sql"], ["documents"],
                    ["db", "build"], ["db", "info"]):
        result = runner.invoke(app, [*command, "--help"])
        assert result.exit_code == 0, command
        assert "Example: smbstar" in result.stdout, command


def test_completion_is_offered():
    assert "--install-completion" in CliRunner().invoke(app, ["--help"]).stdout
