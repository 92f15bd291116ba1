"""기술별 4대 과기원 연구개발 교수 후보: the people the report names for each technology.

Each `N)` item of an area's professor section that names a person is one contact:
- `KAIST 홍승범 교수, seungbum@kaist.ac.kr`, or without the address (Ⅴ); the title is printed after the name
  (교수, 선임연구원). A company employee is printed `중소기업 (SYSSOFT) 강병수`: the firm is the institute and
  the printed 중소기업 the title, as the report gives no other.
- A `가)` item under the person that ends in the person's name and title is the lab
  (`디지스트 분자정신의학연구실, 오용석 교수`), and its `i)` items are the expertise; a `가)` item that does not
  is the expertise itself (Ⅴ). Several research lines are joined with `; `.
- Only the `N)` line itself is the person's: text that runs on after it without a marker is figure text (Ⅱ-1's
  last professor is followed by a figure of the next area).
- An item that names nobody (`8) 전문인력 양성 프로그램`, Ⅳ-3) is no contact, nor is anything under it.
In the Ⅵ block each `N)` item is a field line for technology VI-N (`1) 차세대 공작기계분야 : 금형 사상 가공 ...`),
and its people are grouped in parentheses on the line under it (`(GIST 이선규 교수, UNIST 김덕영 교수)`; the last
group lacks its closing parenthesis). The number decides the technology, not the title after the colon: item 6
repeats item 5's title.

`person_key` is `institute:name`, so the ten professors serving Ⅱ-1, Ⅱ-2 and Ⅱ-3 are recognisable as the same.
"""

from __future__ import annotations

import re

from smbstar.ingest.document import SourceDocument
from smbstar.ingest.roadmap.structure import Area, lines_of
from smbstar.ingest.roadmap.technologies import Item, parse_items
from smbstar.korean import compact
from smbstar.models import Contact

_PERSON = re.compile(
    r"(?:(?P<employer_kind>중소기업)\s*\((?P<employer>[^()]+)\)|(?P<institute>[A-Z][A-Za-z]+))"
    r"\s+(?P<name>[가-힣]{2,4})(?:\s+(?P<title>[가-힣]*(?:교수|연구원)))?(?=\s*(?:[,)]|$))"
    r"(?:\s*,\s*(?P<email>[^\s,()]+@[^\s,()]+))?"
)
_FIELD = re.compile(r"^(?P<field>.+?)\s*분야\s*:")
_EXPERTISE_SEPARATOR = "; "


def parse_contacts(doc: SourceDocument, areas: list[Area]) -> list[Contact]:
    contacts: list[Contact] = []
    for area in areas:
        section = area.section("professors")
        if not section:
            continue
        items = parse_items(doc, section)
        for item, following in zip(items, items[1:] + [None]):
            technology_id = area.id if area.number else f"{area.division}-{item.marker}"
            field = _FIELD.match(item.text)
            if field:
                group_end = following.line if following else section.end
                contacts.extend(_grouped_contacts(doc, technology_id, field.group("field"), item.line + 1, group_end))
                continue
            person = _PERSON.fullmatch(item.lines[0].strip())
            if person:
                contacts.append(_listed_contact(doc, technology_id, item, person))
    return contacts


def _listed_contact(doc: SourceDocument, technology_id: str, item: Item, person: re.Match) -> Contact:
    signature = compact(f",{person.group('name')}{_title(person)}")
    entries = [entry for child in item.children for entry in child.flattened()]
    lab, expertise = "", []
    for entry in entries:
        if entry.depth == 1 and compact(entry.text).endswith(signature):
            lab = entry.text.rpartition(",")[0].strip()
        else:
            expertise.append(entry.text)
    return _contact(
        doc, technology_id, person, item.line, max((entry.end_line for entry in entries), default=item.line),
        lab=lab, expertise=_EXPERTISE_SEPARATOR.join(expertise),
    )


def _grouped_contacts(doc: SourceDocument, technology_id: str, field: str, start: int, end: int) -> list[Contact]:
    """The people in parentheses on lines start..end-1, under a Ⅵ field line."""
    return [
        _contact(doc, technology_id, person, number, number, field=field)
        for number, text in lines_of(doc, start, end)
        for person in _PERSON.finditer(text)
    ]


def _contact(doc: SourceDocument, technology_id: str, person: re.Match, line: int, end_line: int, **details) -> Contact:
    institute = person.group("institute") or person.group("employer").strip()
    printed = person.group("email") or ""
    return Contact(
        person_key=f"{institute}:{person.group('name')}", technology_id=technology_id, name=person.group("name"),
        institute=institute, title=_title(person), email=repair_email(printed) if printed else "",
        email_printed=printed, document=doc.name, line=line, end_line=end_line, **details,
    )


def _title(person: re.Match) -> str:
    return person.group("title") or person.group("employer_kind") or ""


def repair_email(printed: str) -> str:
    """The address the report meant: a second @ in the domain stands for a dot (`jwchoi@dgist@ac.kr`), and a
    domain cut off in its country code (`jyjo@gist.ac.k`) ends in .kr, the country of every 과기원 address."""
    local, _, domain = printed.partition("@")
    domain = domain.replace("@", ".")
    if domain.endswith(".ac.k"):
        domain += "r"
    return f"{local}@{domain}"
