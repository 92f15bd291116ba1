"""Document text in passages for search: a list item, a paragraph or a table row, with its line span."""

from __future__ import annotations

import re

from smbstar.ingest.document import SourceDocument, join_lines
from smbstar.korean import OUTLINE_LETTER
from smbstar.models import Passage

# A line that opens a new item: `1)`, `가)`, `i)`, `(1)`, `1.`, `가.`, bullets, figure and table captions.
_ITEM_START = re.compile(
    r"^\s*(\d{1,2}\)|" + OUTLINE_LETTER + r"\)|[ivx]{1,4}\)|\(\d{1,2}\)|\d{1,2}\.\s|" + OUTLINE_LETTER + r"\.\s|[·∙•●○■□▶◆◦\-–]|\[그림|<표|\[표)"
)
MAX_CHARS = 400


def split_passages(doc: SourceDocument, technology_at=lambda line: None) -> list[Passage]:
    """Passages covering every non-blank line of doc; `technology_at(line)` gives the area a line is in."""
    passages: list[Passage] = []
    current: list[tuple[int, str]] = []

    def flush():
        if current:
            text = join_lines(line for _, line in current)
            first, last = current[0][0], current[-1][0]
            passages.append(
                Passage(technology_id=technology_at(first), text=text, document=doc.name, line=first, end_line=last)
            )
            current.clear()

    for number, text in doc.numbered():
        size = sum(len(line) for _, line in current)
        if current and (_ITEM_START.match(text) or size + len(text) > MAX_CHARS):
            flush()
        current.append((number, text))
    flush()
    return passages
