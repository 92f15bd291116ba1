"""A source document as numbered lines: the unit of provenance for every record."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from smbstar.errors import BuildError

# Running headers and footers the PDF extraction leaves between (and inside) sentences.
_PAGE_NOISE = re.compile(
    r"^\s*(\d+\s+)?Small & Medium Business-Strategic Technology Advancement Roadmap(\s+\d+)?\s*$"
    r"|^\s*중소기업 기술혁신 전략 로드맵 2020\s*$"
)


@dataclass(frozen=True)
class SourceDocument:
    """A document under `seeds/docs/`, NFC-normalised, addressed by 1-based line numbers."""

    name: str
    lines: tuple[str, ...]
    sha256: str = ""  # of the file's bytes

    @classmethod
    def load(cls, path: Path) -> "SourceDocument":
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise BuildError(f"cannot read {path}: {exc.strerror}") from exc
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BuildError(f"{path.name} is not valid UTF-8 (byte {exc.start})") from exc
        if not text.strip():
            raise BuildError(f"{path.name} is empty")
        lines = text.split("\n")
        if lines[-1] == "":
            lines.pop()  # the newline that ends the last line does not start another
        return cls(path.name, tuple(unicodedata.normalize("NFC", line) for line in lines),
                   hashlib.sha256(raw).hexdigest())

    def line(self, number: int) -> str:
        return self.lines[number - 1]

    def __len__(self) -> int:
        return len(self.lines)

    def numbered(self, start: int = 1, end: int | None = None):
        """(number, line) for lines start..end-1, skipping blank lines and page headers/footers."""
        stop = len(self.lines) + 1 if end is None else end
        for number in range(start, stop):
            text = self.lines[number - 1]
            if text.strip() and not is_page_noise(text):
                yield number, text

    def span(self, start: int, end: int) -> str:
        """The text of lines start..end (inclusive) as one string, page noise dropped."""
        return join_lines(text for _, text in self.numbered(start, end + 1))


def is_page_noise(line: str) -> bool:
    return bool(_PAGE_NOISE.match(line))


def join_lines(lines) -> str:
    """Join wrapped PDF lines into one string.

    A line that ends in a space was broken between words; a line that ends in Hangul and runs on into Hangul
    without one was broken inside a word (이차 / 전지) and is rejoined without a space.
    """
    out = previous = ""
    for line in lines:
        piece = line.strip()
        if not piece:
            continue
        if out:
            broken_word = not previous.endswith((" ", "\t")) and _is_hangul(out[-1]) and _is_hangul(piece[0])
            out += "" if broken_word else " "
        out += piece
        previous = line
    return re.sub(r"\s+", " ", out)


# A footnote's number glued to the word it annotates (…이차전지로 정의함7), 평가 결과3)): digits and a closing
# bracket right after a Hangul syllable, with nothing opened before them.
_FOOTNOTE_MARK = re.compile(r"(?<=[\uac00-\ud7a3])\d{1,2}\)(?=[\s.,]|$)")
# Private-use code points: the PDF extraction's bullets and symbols (\uf09f, \uf0a7), which no font shows alike.
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def clean_text(text: str) -> str:
    """Text for display (titles, summaries, definitions): no footnote marks, no private-use glyphs, single spaces."""
    return " ".join(_FOOTNOTE_MARK.sub("", _PRIVATE_USE.sub(" ", text)).split())


def _is_hangul(char: str) -> bool:
    return "\uac00" <= char <= "\ud7a3"


@dataclass
class JoinedText:
    """Wrapped lines joined into one text, with the offset at which each line starts: a figure found at an offset
    cites the line it is printed on."""

    text: str = ""
    starts: list[tuple[int, int]] = field(default_factory=list)  # (offset, line number)

    def line_at(self, offset: int) -> int:
        return next(number for start, number in reversed(self.starts) if start <= offset)


def joined_items(lines: Iterable[tuple[int, str]], starts_item: Callable[[str, str], bool]) -> Iterator[JoinedText]:
    """The items of a text, each its wrapped lines joined the way join_lines joins them; `starts_item(line,
    previous)` says where a new item begins."""
    item: JoinedText | None = None
    previous = ""
    for number, line in lines:
        piece = join_lines([line])
        if item is None or starts_item(line, previous):
            if item:
                yield item
            item = JoinedText()
        elif item.text:
            item.text += "" if join_lines([previous, line]) == join_lines([previous]) + piece else " "
        item.starts.append((len(item.text), number))
        item.text += piece
        previous = line
    if item:
        yield item
