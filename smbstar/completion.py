"""Values offered by shell completion (typer `autocompletion` callbacks).

Each callback runs only when the shell asks for completions, never on a normal run, and reads an existing database
read-only: completion never builds one. Every callback returns (value, help) pairs whose value starts with what
was typed so far (typer keeps only those), so `--tech II-` offers the ids with their titles and `--tech 배터` the
thesaurus name 배터리.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def _offer(pairs, incomplete: str) -> list[tuple[str, str]]:
    return [(value, help_text) for value, help_text in pairs if value.startswith(incomplete)]


def _rows(ctx, sql: str) -> list[tuple]:
    """Rows of the database the command would read (--db, SMBSTAR_DB or the default), [] when there is none."""
    from smbstar import db

    option = ctx.params.get("database") if ctx is not None else None
    path, _ = db.database_path(str(option) if option else None)
    if not path.is_file():
        return []
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return []


def formats(incomplete: str) -> list[tuple[str, str]]:
    from smbstar.render import FORMATS

    return _offer([(name, "output format") for name in FORMATS], incomplete)


def institutes(incomplete: str) -> list[tuple[str, str]]:
    from smbstar.queries import INSTITUTES

    return _offer([(name, "과학기술원") for name in INSTITUTES], incomplete)


def shells(incomplete: str) -> list[tuple[str, str]]:
    return _offer([(name, "shell") for name in SHELLS], incomplete)


def card_sections(incomplete: str) -> list[tuple[str, str]]:
    from smbstar.cli import CARD_SECTIONS

    return _offer([(name, "tech show section") for name in CARD_SECTIONS], incomplete)


def technologies(ctx, incomplete: str) -> list[tuple[str, str]]:
    """Area ids with their titles, then the names --tech resolves through the thesaurus (배터리, 수소) and the
    titles, each with its areas. A value with a space is left out: bash would insert it as several words."""
    areas = _rows(ctx, "SELECT id, title FROM technology ORDER BY rowid")
    names = _rows(ctx, "SELECT s.display, group_concat(DISTINCT a.technology_id) FROM synonym s"
                       " JOIN synonym_area a ON a.concept = s.concept GROUP BY s.display ORDER BY s.display")
    offered = areas + names + [(title, identifier) for identifier, title in areas]
    return _offer([(value, help_text) for value, help_text in offered if " " not in value], incomplete)


def documents(ctx, incomplete: str) -> list[tuple[str, str]]:
    return _offer(_rows(ctx, "SELECT id, title FROM document ORDER BY id"), incomplete)


def measures(ctx, incomplete: str) -> list[tuple[str, str]]:
    return _offer(_rows(ctx, "SELECT measure, count(*) || ' values' FROM surveyvalue GROUP BY measure"
                             " ORDER BY min(id)"), incomplete)
