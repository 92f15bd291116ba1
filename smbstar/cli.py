"""The command line: parses options, calls the library, renders. No SQL and no parsing of documents here."""

from __future__ import annotations

import copy
import errno
import io
import itertools
import math
import os
import signal
import sqlite3
import sys
from pathlib import Path
from typing import Annotated, Iterable, Optional

import typer
from typer._click.exceptions import ClickException, NoArgsIsHelpError
from typer.core import TyperGroup

from smbstar import completion, db, queries
from smbstar.errors import (EXIT_DATABASE, EXIT_INTERRUPTED, EXIT_NO_RESULTS, EXIT_OK, EXIT_USAGE, DatabaseError,
                            SmbstarError)
from smbstar.render import (
    choose_format, export, flat_columns, message, readable_value, readable_year, render,
    render_card, render_timeline, silence, to_json,
)

EPILOG = (
    "Exit status: 0 results (or the reader of a pipe went away), 1 no results, 2 usage or input error, 3 database "
    "missing, damaged or of another schema version (run `smbstar db build --db PATH`) or a file that cannot be "
    "written, 130 interrupted."
)


class SmbstarGroup(TyperGroup):
    """The top-level group: every error becomes one stderr line and a documented exit code, never a traceback."""

    def invoke(self, ctx):
        # Errors of a running command are reported here, inside typer's own handler, which would turn Ctrl-C into a
        # silent 130 and a closed pipe into exit 1.
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, ClickException):
            raise
        except (Exception, KeyboardInterrupt) as exc:
            raise typer.Exit(report_failure(exc)) from None

    def make_context(self, *args, **kwargs):
        # `smbstar --help | true`, `--version`: options of the group itself run here, before invoke.
        try:
            return super().make_context(*args, **kwargs)
        except (typer.Exit, typer.Abort, ClickException):
            raise
        except (Exception, KeyboardInterrupt) as exc:
            raise typer.Exit(report_failure(exc)) from None

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        args = sys.argv[1:] if args is None else list(args)
        Session.rebuilt = False
        code = self._run(args, prog_name, complete_var, extra)
        if code == _REBUILT:  # the default database was damaged and has been rebuilt: answer from the new one
            code = self._run(args, prog_name, complete_var, extra)
        if standalone_mode:
            sys.exit(code)
        return code

    def _run(self, args, prog_name, complete_var, extra) -> int:
        Session.reset()
        try:
            refuse_undecodable(args)
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            sys.stdout.flush()
        except NoArgsIsHelpError as exc:  # `smbstar` or `smbstar tech` alone: the help, as a usage error
            message(exc.format_message())
            code = EXIT_USAGE
        except typer.exceptions.TyperException as exc:  # typer's usage errors (bad option, missing argument)
            message(f"smbstar: {exc.format_message()} (see --help)")
            code = EXIT_USAGE
        except typer.Exit as exc:
            code = exc.exit_code
        except typer.Abort:
            message("smbstar: interrupted")
            code = EXIT_INTERRUPTED
        except Exception as exc:  # raised outside a command: the argument check, the final flush of stdout
            code = report_failure(exc)
        return code if isinstance(code, int) else 0


class Session:
    """The database the running command opened, for the error that names it."""

    database: Optional[Path] = None
    is_default = False
    rebuilt = False

    @classmethod
    def reset(cls) -> None:
        cls.database, cls.is_default = None, False
        db.Guard.reset()


_REBUILT = -1  # an internal exit code: run the command again
# What a value of the wrong type in a crafted database raises where the code expects text or a number.
_WRONG_VALUE = (TypeError, AttributeError, ValueError, UnicodeError)


def report_failure(exc: BaseException) -> int:
    """One stderr line for an error met while running, and its documented exit code."""
    if isinstance(exc, (sqlite3.Error, MemoryError)):
        exc = db.describe_failure(exc, Session.database)
    if isinstance(exc, KeyboardInterrupt):
        message("smbstar: interrupted")
        return EXIT_INTERRUPTED
    if isinstance(exc, OSError) and exc.filename is None:  # writing stdout failed
        silence(sys.stdout)
        if exc.errno == errno.EPIPE:  # the reader went away (`| head -1`): stop quietly
            return EXIT_OK
        message(f"smbstar: cannot write output: {exc.strerror or exc}")
        return EXIT_DATABASE
    if isinstance(exc, OSError):
        message(f"smbstar: cannot use {exc.filename}: {exc.strerror or exc}")
        return EXIT_DATABASE
    if isinstance(exc, _WRONG_VALUE) and Session.database:
        # A NULL or a blob where a build stores text: the database is not one a build wrote.
        exc = db.describe_failure(exc, Session.database)
    if not isinstance(exc, SmbstarError):
        exc = SmbstarError(f"internal error ({type(exc).__name__}: {exc}); please report it", EXIT_DATABASE)
    if isinstance(exc, DatabaseError) and Session.is_default and not Session.rebuilt:
        message(f"smbstar: the database at {Session.database} cannot be read; rebuilding it")
        Session.rebuilt = True
        _build(Session.database)
        return _REBUILT
    message(f"smbstar: {exc.message}")
    return exc.exit_code


def refuse_undecodable(args: list[str]) -> None:
    """Bytes that are not UTF-8 reach sys.argv as lone surrogates, which no query, file name or output can carry."""
    for arg in args:
        if any("\ud800" <= char <= "\udfff" for char in arg):
            raise SmbstarError(f"argument {arg!r} is not valid UTF-8 text")


def _interrupt(signum, frame) -> None:
    if db.Guard.interrupted:  # a second Ctrl-C while the first is handled: let its clean-up and message finish
        return
    db.Guard.interrupted = True  # also stops a statement running inside SQLite, at its next progress check
    raise KeyboardInterrupt


HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}
app = typer.Typer(
    cls=SmbstarGroup,
    help="중소기업 기술혁신 전략 로드맵(SMB-STAR) 검색 · Query the SMB-STAR roadmap and its companion reports.",
    epilog=EPILOG,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings=HELP_OPTIONS,
)
tech_app = typer.Typer(help="기술 분야 · Technology areas.", no_args_is_help=True, rich_markup_mode=None)
db_app = typer.Typer(help="데이터베이스 · Build and inspect the database.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(tech_app, name="tech")
app.add_typer(db_app, name="db")


def _print_version(value: bool) -> None:
    if value:
        from smbstar import __version__

        sys.stdout.write(f"smbstar {__version__}\n")
        raise typer.Exit()


def _completion(install: bool):
    """--install-completion / --show-completion with an optional shell name; without one, the running shell."""

    def callback(ctx: typer.Context, value: Optional[str]) -> None:
        if value is None or ctx.resilient_parsing:
            return
        from typer._completion_shared import _get_shell_name, get_completion_script, install as install_script

        shell = (value or _get_shell_name() or "").lower()
        if shell not in completion.SHELLS:
            raise SmbstarError(f"cannot tell the shell{f' {value!r}' if value else ''}; name one of "
                               f"{', '.join(completion.SHELLS)}")
        if install:
            shell, path = install_script(shell=shell, prog_name="smbstar", complete_var="_SMBSTAR_COMPLETE")
            message(f"smbstar: {shell} completion installed in {path}; it takes effect in a new shell")
        else:
            sys.stdout.write(get_completion_script(prog_name="smbstar", complete_var="_SMBSTAR_COMPLETE",
                                                   shell=shell) + "\n")
        raise typer.Exit()

    return callback


@app.callback()
def root(
    version: Annotated[bool, typer.Option("--version", "-V", is_eager=True, callback=_print_version,
                                          help="버전 · Print the version and exit.")] = False,
    install_completion: Annotated[Optional[str], typer.Option(
        "--install-completion", metavar="[SHELL]",
        callback=_completion(install=True), autocompletion=completion.shells,
        help="자동 완성 설치 · Install completion for SHELL (bash, zsh, fish, powershell) or the running shell.",
    )] = None,
    show_completion: Annotated[Optional[str], typer.Option(
        "--show-completion", metavar="[SHELL]",
        callback=_completion(install=False), autocompletion=completion.shells,
        help="자동 완성 스크립트 · Print the completion script for SHELL or the running shell.",
    )] = None,
) -> None:
    """중소기업 기술혁신 전략 로드맵(SMB-STAR) 검색 · Query the SMB-STAR roadmap and its companion reports."""


DbOption = Annotated[
    Optional[Path],
    typer.Option("--db", envvar="SMBSTAR_DB", show_envvar=True,
                 help="데이터베이스 파일 · Database file (default: db/smbstar.db in a checkout, else "
                      "~/.local/share/smbstar/smbstar.db)."),
]
FormatOption = Annotated[
    Optional[str],
    typer.Option("--format", "-f", autocompletion=completion.formats,
                 help="출력 형식 · table, tsv, csv, json or jsonl (default: table on a terminal, tsv in a pipe)."),
]
HeaderOption = Annotated[bool, typer.Option("--header", help="TSV 머리글 · Add a header line to TSV output.")]
NoColorOption = Annotated[bool, typer.Option("--no-color", help="색 없이 · No colour or styling (also: NO_COLOR=1).")]


def not_blank(value: Optional[str]) -> Optional[str]:
    """An option given as empty text is a mistake (`--document ""`), not the absence of the option."""
    if value is not None and not value.strip():
        raise typer.BadParameter("is empty")
    return value


def a_number(value: float) -> float:
    """`nan` passes click's float range (every comparison with it is false) and would disable the time limit."""
    if math.isnan(value):
        raise typer.BadParameter("is not a number")
    return value


WideOption = Annotated[
    bool, typer.Option("--wide", "-w", help="긴 글 전체 · Show long texts whole in a table (wrapped, not cut with …).")
]
TechOption = Annotated[
    Optional[str],
    typer.Option("--tech", "-t", autocompletion=completion.technologies, callback=not_blank,
                 help="기술 분야 · Technology: an id (II-2), a title, or a name (배터리, dram); a name that fits "
                      "several areas (수소) selects them all."),
]
RoadmapOnlyOption = Annotated[
    bool, typer.Option("--roadmap-only", help="로드맵만 · Only the roadmap's own rows: with --tech, not those of the "
                       "companion topics linked to the area.")
]
ExportOption = Annotated[
    Optional[Path],
    typer.Option("--export", help="파일로 저장 · Also write the rows to FILE (.csv with BOM, .tsv, .json, .jsonl, .xlsx)."),
]
ForceOption = Annotated[bool, typer.Option("--force", help="덮어쓰기 · Let --export overwrite an existing file.")]
DocumentOption = Annotated[
    Optional[str],
    typer.Option("--document", autocompletion=completion.documents, callback=not_blank,
                 help="문서 · Only rows from this document (its file name or a prefix: 001)."),
]
YearOption = Annotated[Optional[int], typer.Option("--year", min=1, max=9999, help="연도 · Only rows of this year.")]
InstituteOption = Annotated[
    Optional[str],
    typer.Option("--institute", "-i", autocompletion=completion.institutes, callback=not_blank,
                 help="기관 · KAIST, GIST, DGIST or UNIST."),
]


def open_database(path_option: Optional[Path]) -> sqlite3.Connection:
    """A read-only connection; the embedded default is built first when missing, unusable or of another schema."""
    path, is_default = db.database_path(str(path_option) if path_option is not None else None)
    Session.database, Session.is_default = path, is_default
    if is_default and not db.is_current(path):
        why = "first use" if not os.path.lexists(path) else "the one there is unusable or of another version"
        message(f"smbstar: building the database at {path} ({why}) ...")
        _build(path)
    return db.connect(path)


def _build(path: Path) -> None:
    from smbstar.build import build_database

    report = build_database(path, db.DOCS, db.CURATED, progress=lambda step: message(f"  {step}"))
    message(f"smbstar: built {path} in {report.seconds:.1f} s")


def _color(no_color: bool) -> bool:
    return not no_color and "NO_COLOR" not in os.environ


def emit(
    records: Iterable[dict],
    columns: list[str],
    fmt: Optional[str],
    header: bool = False,
    no_color: bool = False,
    export_path: Optional[Path] = None,
    force: bool = False,
    nothing: str = "no results",
    highlight=(),
    wide: bool = False,
    footer: Optional[str] = None,
) -> None:
    """Render records to stdout as they come (and to an export file); none: a note on stderr and exit status 1.
    `columns` are what a table shows; the other formats carry every key of the records. Rows reached through a
    linked companion topic (--tech) name it in a table: in the `technology` column, which holds the topic's title
    for them, or else in an added `via_title` column."""
    chosen = choose_format(fmt, sys.stdout)
    if chosen == "table":  # a table needs every row anyway; the other formats stream them
        records = list(records)
        if any(record.get("via_title") for record in records) and not {"technology", "via_title"} & set(columns):
            columns = columns + ["via_title"]
    if export_path is not None:
        records = list(records)
        export(records, flat_columns(records), export_path, force=force)
        message(f"wrote {len(records)} rows to {export_path}")
    rows = iter(records)
    first = next(rows, None)
    if first is None:
        if chosen == "json":
            sys.stdout.write("[]\n")
        message(nothing)
        raise typer.Exit(EXIT_NO_RESULTS)
    render(itertools.chain([first], rows), columns, chosen, sys.stdout, header=header, color=_color(no_color),
           highlight=highlight, wide=wide, footer=footer)


def list_filters(conn: sqlite3.Connection, tech: Optional[str], document: Optional[str] = None,
                 year: Optional[int] = None, roadmap_only: bool = False) -> queries.Filters:
    """The filters of a list command; a --tech that fits several areas selects them all, said on stderr."""
    filters = queries.resolve_filters(conn, tech, document, year, roadmap_only)
    if len(filters.technology_ids) > 1:
        message(f"smbstar: --tech {tech!r} fits {len(filters.technology_ids)} areas, all shown: "
                + "; ".join(f"{identifier} {title}" for identifier, title in queries.titles_of(conn, filters)))
    return filters


def one_technology(conn: sqlite3.Connection, tech: str) -> str:
    """The one area a command about a single area means; a name that fits several lists them and exits 2."""
    filters = queries.resolve_filters(conn, tech)
    if len(filters.technology_ids) > 1:
        areas = "; ".join(f"{identifier} {title}" for identifier, title in queries.titles_of(conn, filters))
        raise SmbstarError(f"{tech!r} fits several technology areas; name one: {areas}")
    if not filters.technology_ids:
        raise SmbstarError(f"{tech!r} is not a roadmap technology area; try `smbstar search {tech}`")
    return filters.technology_ids[0]


def _institute(institute: Optional[str]) -> Optional[str]:
    if institute and institute.strip().upper() not in queries.INSTITUTES:
        raise SmbstarError(f"unknown --institute {institute!r}; choose one of {', '.join(queries.INSTITUTES)}")
    return institute


@app.command("search")
def search_command(
    query: Annotated[list[str], typer.Argument(help="검색어 · Words to look for, in Korean or English.")],
    kind: Annotated[
        Optional[list[str]],
        typer.Option("--kind", "-k", help="종류 · Only these kinds: tech, candidate, person, firm, market, milestone, "
                                          "survey, topic, passage (repeatable)."),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=1000, help="개수 · At most N results.")] = 20,
    explain: Annotated[bool, typer.Option("--explain", help="근거 · Say why each result matched, with scores and "
                                                            "ids.")] = False,
    fmt: FormatOption = None,
    header: HeaderOption = False,
    no_color: NoColorOption = False,
    wide: WideOption = False,
    export_path: ExportOption = None,
    force: ForceOption = False,
    database: DbOption = None,
) -> None:
    """검색 · Search technologies, people, firms, figures and text.

    Example: smbstar search 배터리 --kind tech --format json
    """
    from smbstar.search import KINDS, search

    unknown = sorted(set(kind or ()) - set(KINDS))
    if unknown:
        raise SmbstarError(f"unknown --kind {', '.join(unknown)}; choose from {', '.join(KINDS)}")
    text = " ".join(query)
    if not text.strip():
        raise SmbstarError("search needs words to look for")
    conn = open_database(database)
    hits = search(conn, text, kinds=tuple(kind or ()), limit=limit)
    for note in hits.notes:  # searched 배터리 for qoxjfl
        message(f"smbstar: {note}")
    records = [hit.as_record(explain=explain) for hit in hits]
    columns = ["kind", "title", "snippet", "source"] + (["id", "score", "match"] if explain else [])
    terms = [a.term for hit in hits for a in hit.matched]
    more = "+" if hits.more else ""  # the index holds more matches than a query reads
    footer = f"{len(hits)} of {hits.total}{more} (--limit N for more)" if hits.total > len(hits) else None
    emit(records, columns, fmt, header, no_color, export_path, force, nothing=f"no results for {text!r}",
         highlight=terms, wide=wide, footer=footer)


@app.command("match")
def match_command(
    need: Annotated[Optional[list[str]], typer.Argument(help="필요 · A need or product, in Korean or English.")] = None,
    firm: Annotated[Optional[str], typer.Option("--firm", callback=not_blank,
                                                help="기업에서 출발 · Start from a firm in the database instead.")] = None,
    fmt: FormatOption = None,
    header: HeaderOption = False,
    no_color: NoColorOption = False,
    database: DbOption = None,
) -> None:
    """파트너 매칭 · From a need (or a firm) to areas, professors, firms and evidence, each with why and source.

    Example: smbstar match 전고체 배터리용 고체 전해질 양산 공정을 개발하려 합니다
    """
    from smbstar.match import match_firm, match_need

    if bool(need and " ".join(need).strip()) == bool(firm):
        raise SmbstarError("give a need as text, or --firm NAME (not both)")
    conn = open_database(database)
    result = match_firm(conn, firm) if firm else match_need(conn, " ".join(need))
    chosen = choose_format(fmt, sys.stdout)
    if chosen == "json":
        sys.stdout.write(to_json(result, indent=2) + "\n")
        return
    note = next((n["why"] for n in result["notes"] if n["about"] == "confidence"), None)
    if result["confidence"] == "low" and note:
        message(f"smbstar: {note}")
    emit(match_rows(result), ["section", "name", "detail", "why", "confidence", "source"], chosen, header,
         no_color, nothing="no match")


def match_rows(result: dict) -> list[dict]:
    """A match result as flat rows, one per item, for the tabular formats."""
    # An area's score is for scripts (its own column in TSV and CSV); a table says why the area matched.
    rows = [{"section": "area", "name": f"{a['id']} {a['title']}", "detail": "", "why": a["why"],
             "source": a["source"], "score": a["score"]} for a in result["areas"]]
    rows += [{"section": "professor", "name": p["name"], "detail": f"{p['institute']} {p['email']}".strip(),
              "why": p["why"], "source": p["source"]} for p in result["professors"]]
    rows += [{"section": "firm", "name": f["name"], "detail": f["role"], "why": f["why"], "source": f["source"]}
             for f in result["firms"]]
    evidence = result["evidence"]
    rows += [{"section": "market", "name": m["value_printed"], "detail": f"{m['scope']} {m['year'] or ''}".strip(),
              "why": m["why"], "source": m["source"]} for m in evidence["markets"]]
    rows += [{"section": "milestone", "name": m["period"] or m["caption"], "detail": m["milestone"],
              "why": m["why"], "source": m["source"]} for m in evidence["milestones"]]
    rows += [{"section": "survey", "name": s["technology"], "detail": f"{s['category']} {s['value']:g}",
              "why": s["why"], "source": s["source"]} for s in evidence["survey"]]
    rows += [{"section": "topic", "name": t["title"], "detail": t["date"], "why": t["why"], "source": t["source"]}
             for t in evidence["related_topics"]]
    rows += [{"section": "note", "name": n.get("technology_id", ""), "detail": n["about"], "why": n["why"],
              "source": n.get("source")} for n in result["notes"]]
    for row in rows:  # how sure the whole answer is, on every row (a column of the table, TSV and CSV)
        row["confidence"] = result["confidence"]
    return rows


@tech_app.command("list")
def tech_list(
    division: Annotated[Optional[str], typer.Option("--division", "-d", callback=not_blank,
                                                    help="분과 · II..VI, Ⅱ..Ⅵ, or a name (ICT).")] = None,
    fmt: FormatOption = None,
    header: HeaderOption = False,
    no_color: NoColorOption = False,
    wide: WideOption = False,
    export_path: ExportOption = None,
    force: ForceOption = False,
    database: DbOption = None,
) -> None:
    """기술 분야 목록 · List the technology areas.

    Example: smbstar tech list --division IV
    """
    conn = open_database(database)
    records = queries.list_technologies(conn, division)
    columns = ["id", "title", "candidates", "professors", "firms", "source"]  # the id says the division
    emit(records, columns, fmt, header, no_color, export_path, force, nothing="no technology areas", wide=wide)


# What a table shows of each section of `tech show --section NAME` (the other formats carry every key).
CARD_SECTIONS = {
    "candidates": ["number", "title", "description", "source"],
    "milestones": ["period", "year", "stage", "milestone", "actor", "budget", "figure_only", "caption", "source"],
    "markets": ["measure", "value_printed", "value", "unit", "currency", "year", "scope", "quote", "flag", "source"],
    "professors": ["name", "title", "institute", "lab", "field", "expertise", "email", "source"],
    "firms": ["name", "role", "opinion", "source"],
    "survey": ["technology", "measure", "category", "value", "table", "source"],
    "related": ["date", "title", "kind", "why", "source"],
}


@tech_app.command("show")
def tech_show(
    tech: Annotated[str, typer.Argument(help="기술 분야 · An id (II-2), a title or a name (배터리).",
                                        autocompletion=completion.technologies)],
    section: Annotated[Optional[str], typer.Option(
        "--section", "-s", autocompletion=completion.card_sections,
        help="한 부분만 · Only one section, as a list: " + ", ".join(CARD_SECTIONS) + ".")] = None,
    fmt: FormatOption = None,
    header: HeaderOption = False,
    no_color: NoColorOption = False,
    wide: WideOption = False,
    database: DbOption = None,
) -> None:
    """기술 카드 · One technology: definition, candidates, milestones, markets, professors, firms, survey.

    A digest on a terminal (each section's main rows, the survey as bars); --format json gives the whole card,
    --section NAME one section in any format.

    Example: smbstar tech show 이차전지
    """
    if section is not None and section.strip().lower() not in CARD_SECTIONS:
        raise SmbstarError(f"unknown --section {section!r}; choose one of {', '.join(CARD_SECTIONS)}")
    conn = open_database(database)
    card = queries.technology_card(conn, one_technology(conn, tech))
    if section is not None:
        name = section.strip().lower()
        emit(card[name], CARD_SECTIONS[name], fmt, header, no_color, nothing=f"no {name} for {card['id']}",
             wide=wide)
        return
    chosen = choose_format(fmt, sys.stdout) if fmt else "table"  # in a pipe too: a card is read, not parsed
    if chosen in ("json", "jsonl"):
        sys.stdout.write(to_json(card, indent=2 if chosen == "json" else None) + "\n")
        return
    if chosen != "table":
        raise SmbstarError(f"tech show has several tables; use --section ({', '.join(CARD_SECTIONS)}) with "
                           f"--format {chosen}, or --format json for the whole card")
    render_card(card, sys.stdout, color=_color(no_color), wide=wide)


@app.command("professors")
def professors_command(
    tech: TechOption = None,
    institute: InstituteOption = None,
    fmt: FormatOption = None,
    header: HeaderOption = False,
    no_color: NoColorOption = False,
    wide: WideOption = False,
    export_path: ExportOption = None,
    force: ForceOption = False,
    database: DbOption = None,
) -> None:
    """교수 후보 · Professors and other contacts named for a technology.

    Example: smbstar professors --tech 고체전해질 --institute KAIST
    """
    institute = _institute(institute)
    conn = open_database(database)
    filters = list_filters(conn, tech)
    records = queries.professors(conn, filters, institute)
    columns = ["name", "title", "institute", "lab", "field", "expertise", "email", "technology", "source"]
    nothing = "no professors match"
    if not records and not institute:
        nothing = _nearest_professors(conn, filters) or nothing
    emit(records, columns, fmt, header, no_color, export_path, force, nothing=nothing, wide=wide)


def _nearest_professors(conn: sqlite3.Connection, filters: queries.Filters) -> str:
    """One stderr line for the selected areas the roadmap names no professors for, each with the nearest area
    that has them."""
    notes = [queries.no_professors_note(f"{identifier} {title}",
                                        queries.nearest_area_with_professors(conn, identifier))
             for identifier, title in queries.titles_of(conn, filters)]
    return "smbstar: " + " | ".join(notes) if notes else ""


@app.command("people")
def people_command(
    tech: TechOption = None,
    institute: InstituteOption = None,
    document: DocumentOption = None,
    year: YearOption = None,
    roadmap_only: RoadmapOnlyOption = False,
    fmt: FormatOption = None,
    header: HeaderOption = False,
    no_color: NoColorOption = False,
    wide: WideOption = False,
    export_path: ExportOption = None,
    force: ForceOption = False,
    database: DbOption = None,
) -> None:
    """인물 · Everyone the documents name: professors, researchers, experts, presenters, award winners.

    Example: smbstar people --document 002 --format csv
    """
    institute = _institute(institute)
    conn = open_database(database)
    records = queries.people(conn, list_filters(conn, tech, document, year, roadmap_only), institute)
    columns = ["name", "title", "role", "institute", "lab", "field", "expertise", "email", "technology", "source"]
    emit(records, columns, fmt, header, no_color, export_path, force, nothing="no people match", wide=wide)


def add_list_command(name: str, query, columns: list[str], help_text: str, nothing: str, draw=None) -> None:
    """Register a list command over one kind of record, with the options every such command shares; `draw`, if
    given, draws the records on a terminal instead of a table."""

    def command(
        tech: TechOption = None,
        document: DocumentOption = None,
        year: YearOption = None,
        roadmap_only: RoadmapOnlyOption = False,
        fmt: FormatOption = None,
        header: HeaderOption = False,
        no_color: NoColorOption = False,
        wide: WideOption = False,
        export_path: ExportOption = None,
        force: ForceOption = False,
        database: DbOption = None,
    ) -> None:
        conn = open_database(database)
        records = query(conn, list_filters(conn, tech, document, year, roadmap_only))
        if draw and records and export_path is None and choose_format(fmt, sys.stdout) == "table":
            draw(records, sys.stdout, color=_color(no_color))
            return
        emit(records, columns, fmt, header, no_color, export_path, force, nothing=nothing, wide=wide)

    app.command(name, help=help_text)(command)


add_list_command(
    "firms", queries.firms, ["name", "role", "technology", "opinion", "source"],
    "수요 기업 · Firms named for a technology, with their opinions (roadmap) or what they do (companions).\n\n"
    "Example: smbstar firms --tech DRAM --export firms.csv",
    "no firms match",
)


add_list_command(
    "milestones", queries.milestones,
    ["technology", "year", "period", "stage", "milestone", "actor", "budget", "figure_only", "caption", "source"],
    "마일스톤 · Staged milestones and dated targets by year, a timeline on a terminal; figure-only roadmaps are "
    "marked as such.\n\nExample: smbstar milestones --tech II-2",
    "no milestones match",
    draw=render_timeline,
)


@app.command("markets")
def markets_command(
    tech: TechOption = None,
    measure: Annotated[Optional[str], typer.Option(
        "--measure", "-m", callback=not_blank,
        help=f"측정 종류 · Only one measure: {', '.join(queries.MEASURES)}.")] = None,
    document: DocumentOption = None,
    year: Annotated[Optional[int], typer.Option(
        "--year", min=1, max=9999, help="연도 · Only figures of this year, or of a period spanning it.")] = None,
    fmt: FormatOption = None,
    header: HeaderOption = False,
    no_color: NoColorOption = False,
    wide: WideOption = False,
    export_path: ExportOption = None,
    force: ForceOption = False,
    database: DbOption = None,
) -> None:
    """시장 규모 · Market figures by measure (size, revenue, investment, price, share, growth, rank, count).

    Example: smbstar markets --tech 이차전지 --measure share --year 2022
    """
    conn = open_database(database)
    records = queries.markets(conn, list_filters(conn, tech, document, year), measure)
    if choose_format(fmt, sys.stdout) == "table" and export_path is None:
        records = [{**record, "value": readable_value(record), "year": readable_year(record)} for record in records]
    columns = ["technology", "measure", "value", "year", "subject", "scope", "flag", "quote", "source"]
    emit(records, columns, fmt, header, no_color, export_path, force, nothing="no market figures match", wide=wide)


@app.command("survey")
def survey_command(
    tech: TechOption = None,
    measure: Annotated[Optional[str], typer.Option("--measure", "-m", autocompletion=completion.measures,
                                                   callback=not_blank,
                                                   help="설문 항목 · A measure or part of one: 개발 단계, 기술 격차, ...")
                       ] = None,
    fmt: FormatOption = None,
    header: HeaderOption = False,
    no_color: NoColorOption = False,
    wide: WideOption = False,
    export_path: ExportOption = None,
    force: ForceOption = False,
    database: DbOption = None,
) -> None:
    """설문 결과 · Survey of 1,094 firms (chapter Ⅶ), one number a row.

    Example: smbstar survey --tech 배터리 --measure 개발
    """
    conn = open_database(database)
    filters = list_filters(conn, tech)
    records = [] if tech and not filters.technology_ids else queries.survey(conn, filters.technology_ids, measure)
    columns = ["technology", "measure", "category", "value", "table", "source"]
    emit(records, columns, fmt, header, no_color, export_path, force, nothing="no survey rows match", wide=wide)


@app.command("source")
def source_command(
    citation: Annotated[str, typer.Argument(help="출처 · DOCUMENT:LINE as results cite it (a prefix of the name will do).")],
    context: Annotated[int, typer.Option("--context", "-C", min=0, max=200, help="앞뒤 줄 수 · Lines before and after.")] = 0,
    fmt: FormatOption = None,
) -> None:
    """출처 확인 · Print the cited line of a source document, to check a result's provenance.

    Example: smbstar source 000_ad982b00eef8a1f3.txt:1710 --context 2
    """
    records = queries.cited_lines(citation, context)
    chosen = choose_format(fmt, sys.stdout)
    if chosen in ("table", "tsv"):
        for record in records:
            marker = ">" if record["cited"] and context else " " if context else ""
            sys.stdout.write(f"{marker}{record['document']}:{record['line']}:{record['text']}\n")
        return
    render(records, ["document", "line", "text", "cited"], chosen, sys.stdout)


SQL_TIMEOUT = 10.0  # seconds; a power user's query on this database takes milliseconds


@app.command("sql")
def sql_command(
    statement: Annotated[str, typer.Argument(help="SELECT 문 하나 · One SELECT statement.")],
    timeout: Annotated[
        float, typer.Option("--timeout", min=0, callback=a_number,
                            help="시간 제한 · Stop the statement after SECONDS (0: no limit).")
    ] = SQL_TIMEOUT,
    fmt: FormatOption = None,
    header: HeaderOption = False,
    no_color: NoColorOption = False,
    database: DbOption = None,
) -> None:
    """SQL 조회 · Run a read-only SQL query against the database (writes and ATTACH are refused).

    Rows are printed as SQLite produces them. A statement stops after --timeout seconds (default 10) or at
    Ctrl-C; no value may exceed 10 MB and SQLite may use at most 512 MB for one statement.

    Example: smbstar sql "SELECT name, email FROM contact WHERE institute = 'UNIST'" --format csv
    """
    conn = open_database(database)
    columns, rows = queries.run_sql(conn, statement, timeout)
    emit(rows, columns, fmt, header, no_color, nothing="no rows")


@app.command("documents")
def documents_command(
    fmt: FormatOption = None,
    header: HeaderOption = False,
    no_color: NoColorOption = False,
    database: DbOption = None,
) -> None:
    """문서 목록 · The source documents with their publishers and dates.

    Example: smbstar documents --format json
    """
    conn = open_database(database)
    emit(queries.documents(conn), ["id", "title", "publisher", "published", "lines"], fmt, header, no_color)


@db_app.command("build")
def db_build(
    database: DbOption = None,
    check: Annotated[bool, typer.Option("--check", help="검사만 · Only validate the documents and curated files.")] = False,
) -> None:
    """데이터베이스 생성 · Build the database from seeds/ (atomically: the old one stays until the new is done).

    With --check nothing is written: every problem of the curated files (a cited line that does not exist or
    does not hold its value) is listed on stderr, and the exit status is 2 if there is any.

    Example: smbstar db build --db /tmp/smbstar.db
    """
    if check:
        from smbstar.build import check_sources

        problems = check_sources(db.DOCS, db.CURATED)
        for problem in problems:
            message(f"smbstar: {problem}")
        if problems:
            raise typer.Exit(EXIT_USAGE)
        message("smbstar: documents and curated files are consistent")
        return
    path, _ = db.database_path(str(database) if database else None)
    _build(path)


@db_app.command("info")
def db_info(
    fmt: FormatOption = None,
    header: HeaderOption = False,
    no_color: NoColorOption = False,
    database: DbOption = None,
) -> None:
    """데이터베이스 정보 · Row counts per table (the documents: smbstar documents).

    Example: smbstar db info --format json
    """
    conn = open_database(database)
    info = queries.database_info(conn)
    chosen = choose_format(fmt, sys.stdout)
    if chosen == "json":
        sys.stdout.write(to_json(info, indent=2) + "\n")
        return
    if chosen == "table":
        message("  ".join(f"{key}: {value}" for key, value in info["meta"].items()))
    emit(info["tables"], ["table", "rows"], chosen, header, no_color)


def main() -> None:
    try:
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not when started with SIGINT ignored
            signal.signal(signal.SIGINT, _interrupt)
        if sys.stdout is None:  # started with stdout closed (`>&-`): a command that prints fails with one line
            sys.stdout = ClosedOutput()
        args = sys.argv[1:]
        if args[-1:] in (["--install-completion"], ["--show-completion"]):
            args.append("")  # the shell name is optional (click options have no optional value): the running shell
        if "_SMBSTAR_COMPLETE" in os.environ:  # the shell asks for completions: register typer's shell classes
            from typer._completion_classes import completion_init

            completion_init()
        command = click_command(args)
    except KeyboardInterrupt:
        message("smbstar: interrupted")
        sys.exit(EXIT_INTERRUPTED)
    command.main(args, prog_name="smbstar")


class ClosedOutput(io.TextIOBase):
    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def click_command(args: list[str]):
    """The click command for a run. Typer builds one for every function it holds, which costs more than most
    queries do, so a run that names its command gets a group of that command alone; help, completion and unknown
    names get the whole app."""
    name = args[0] if args else None
    commands = [info for info in app.registered_commands if info.name == name]
    groups = [info for info in app.registered_groups if info.name == name]
    if not commands and not groups:
        return typer.main.get_command(app)
    narrowed = copy.copy(app)
    narrowed.registered_commands, narrowed.registered_groups = commands, groups
    return typer.main.get_group(narrowed)
