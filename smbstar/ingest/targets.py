"""Dated targets: one row per date with the text that belongs to it, and who sets the target.

Every document module finds where its plans are printed and which dates a sentence holds; this module cuts the
sentence into the parts each date belongs to and names the actor:
- a sentence with one date is one target, the whole sentence;
- a sentence with several dates (`식품안전 국가인증제도 개발('21) 및 국제인증화 추진('22)`, `A(’25), B(’23)`) is cut
  at its top-level separators (comma, semicolon, →, a clause ending 이며/하며/하고/하여; never inside brackets): each
  date gets the part it is printed in, with the undated parts before it; a part that is only a date (`(’30년까지)`)
  is joined to the part before it; a part listing two dates (`(‘25,‘26, LGES)`) is one target of both. A sentence
  headed by a label (`기초연구사업 예산 2배 확대 : ('17) 1.26 → ('21) 2.35`) keeps the label on every part;
- the actor is the firm, country, ministry or university the text names as the one acting: a bracketed label
  opening the text (`(한국)`, `(CATL)`), a name beside the date in its brackets or in the brackets after it
  (`(’23, LGES)`, `(산업부, '20.10~'21.4)`, `(‘29)(SK온)`), a country opening the text (`일본 양자 ... 전략 수립`),
  or a subject word before 은/는/이/가/도/와 (`일본은`, `주오대는`, `정부와`).
"""

from __future__ import annotations

import re

# an item label inside a line (`... 추진('22) 친환경차 : 미래차 ...`) or a footnote mark (`... 구축(上) * GP센터 확충`)
# opens the next item
_ITEM_LABEL = r"(?:[가-힣A-Za-z·/]{2,12}\s[:：]\s|\*\s)"
_SEPARATOR = re.compile(
    r"\s*(?:[,;，](?!\d{3})|→|\s및\s|(?<=이며)\s|(?<=하며)\s|(?<=하고)\s|(?<=하여)\s|(?<=\.)\s|\s(?=" + _ITEM_LABEL + r"))\s*"
)
_LABEL_HEAD = re.compile(r"^(?P<head>[^:：]{2,40}?)\s*[:：]\s+")
_CONTENT = re.compile(r"[가-힣A-Za-z]{2,}")
# what says when, not what: date words, a stage's number (`3단계`, `2차년도`) and a figure with its unit
_DATE_WORDS = re.compile(r"까지|부터|이후|이전|예정|목표|년도?|경|말|초|중|上|下|末|월|\d+\s*(?:단계|차년도)")
_FIGURE = re.compile(
    r"\d[\d,.]*\s*(?:조|억|만|천)?\s*(?:원|달러|엔|위안|유로|명|개소|개|건|배|%|기|편|곳|톤)?|연간|누적|약|이상|이하|총"
)
# a date a part holds: its year and, if printed, its month (`’22.09`, `‘23.6.`, `2022년 5월`)
_YEAR_MONTH = re.compile(r"(?<![\d.])(?:20|['’‘])(\d{2})(?!\d)(?:\s*\.\s*(\d{1,2})(?!\d)|년\s*(\d{1,2})\s*(?:~\s*\d{1,2}\s*)?월)?")

_COUNTRIES = (
    "한국", "우리나라", "미국", "중국", "일본", "EU", "유럽", "영국", "독일", "프랑스", "대만", "인도", "캐나다", "호주",
    "이스라엘", "네덜란드", "싱가포르", "러시아", "美", "中", "日", "英", "獨", "佛", "韓",
)
# agencies whose names carry no suffix that says so
AGENCIES = ("코트라", "KOTRA")
# words that qualify a subject rather than name it (`국내 연구소는`)
_QUALIFIERS = ("국내", "해외", "국외", "주요", "일부", "관련", "전국", "지역", "현지", "대형", "중소", "신규", "기존", "민간", "공공")
_ACTOR_SUFFIX = (
    r"(?:부|처|청|위원회|정부|공사|공단|재단|진흥원|연구원|연구소|협회|그룹|대학교?|[가-힣]{2,}대|㈜|\(주\)|전자|화학|"
    r"에너지|SDI|온|텔레콤|KT)"
)
_OPENING_LABEL = re.compile(r"^\s*[-*※●◆•▪∘ㅇ]?\s*\((?P<actor>[^()]{1,15})\)")
_SUBJECT = re.compile(r"(?:^|\s)(?P<actor>[A-Za-z가-힣㈜()&·]{2,15}?)(?:은|는|이|가|도|와|과)\s")
# a name beside the date in its brackets (`(’23, LGES)`, `(산업부, '20.10~'21.4)`) or in the brackets after it
_BRACKET_ACTOR = re.compile(
    r"\(\s*['’‘~]*\d{2}[^()]*?,\s*(?P<actor>[A-Za-z가-힣㈜][A-Za-z가-힣&·\s]{1,15}?)\s*\)"
    r"|\(\s*(?P<first>(?:\d대\s?)?[A-Za-z가-힣㈜][A-Za-z가-힣&·]{1,15}),\s*['’‘~]*\d"
    r"|['’‘]\d{2}[^()]{0,6}\)\s*\((?P<after>[A-Za-z가-힣㈜][A-Za-z가-힣&·]{1,15})\)"
)
# the firms of a trade taken together: `이통 3사`, `배터리 3사`
_FIRM_GROUP = re.compile(r"(?P<actor>(?:이통|통신|배터리|반도체|완성차|정유|조선|카드|메모리)\s?\d사)(?![가-힣]{2})")
_LEADING_COUNTRY = re.compile(r"^\s*[-*※●◆•▪∘∙ㅇ]?\s*(?P<actor>" + "|".join(_COUNTRIES) + r")(?=\s|은|는|이|가|의)")


def dated_parts(text: str, dates: list[tuple[int, int]]) -> list[tuple[str, list[int]]]:
    """(the text a date belongs to, the indexes of the dates it holds) for each target of text; `dates` are the
    (start, end) spans of the dates printed in it, in order."""
    if len(dates) <= 1:
        return [(text.strip(), list(range(len(dates))))]
    head_match = _LABEL_HEAD.match(text)
    head = head_match.group("head").strip() + " : " if head_match and head_match.end() <= dates[0][0] else ""
    body_start = head_match.end() if head else 0
    spans: list[tuple[int, int, list[int]]] = []  # verbatim (start, end) of each part, and its dates
    pending: int | None = None
    pending_end = 0
    pending_item = False  # the undated pieces pending open an item of their own (`친환경차 : ...`)
    for start, end in _top_level_pieces(text, body_start):
        held = [i for i, (s, e) in enumerate(dates) if start <= s < end]
        opens_item = bool(re.match(_ITEM_LABEL, text[start:end]))
        if opens_item:
            if pending is not None and spans and not pending_item:  # `구축(上) → 지원 * 확충('21)`: 지원 is 구축's
                first, _, previous = spans[-1]
                spans[-1] = (first, pending_end, previous)
            pending, pending_item = None, True
        if not held:
            pending = start if pending is None else pending
            pending_end = end
        elif spans and pending is None and not opens_item and not _says_more(
            text[start:end], [dates[i] for i in held], start, figures=bool(head)
        ):
            first, _, previous = spans[-1]
            spans[-1] = (first, end, previous + held)
        else:
            spans.append((start if pending is None else pending, end, held))
            pending, pending_item = None, False
    if pending is not None and spans and not pending_item:
        first, _, held = spans[-1]
        spans[-1] = (first, len(text), held)
    return [(head + text[start:end].strip(" ,;"), held) for start, end, held in spans]


def _top_level_pieces(text: str, start: int) -> list[tuple[int, int]]:
    """(start, end) of the pieces of text between separators outside brackets."""
    pieces, depth, piece_start = [], 0, start
    position = start
    while position < len(text):
        char = text[position]
        if char in "(「[<":
            depth += 1
        elif char in ")」]>":
            depth = max(0, depth - 1)
        elif depth == 0:
            separator = _SEPARATOR.match(text, position)
            if separator and separator.end() > position:
                pieces.append((piece_start, position))
                piece_start = position = separator.end()
                continue
        position += 1
    pieces.append((piece_start, len(text)))
    return [(s, e) for s, e in pieces if e > s]


def has_content(text: str, dates: list[tuple[int, int]], offset: int = 0) -> bool:
    """Whether text says something besides its dates and figures (`(’30년까지)`, `1조원 (’30년까지)` and
    `3단계('23~'27)` say nothing of what is planned)."""
    return _says_more(text, dates, offset, figures=False)


def _says_more(text: str, dates: list[tuple[int, int]], offset: int, figures: bool) -> bool:
    """Whether text holds words besides its dates; with `figures`, a figure counts too (`('25) 2,000` under the
    label `동영상 제작계획 :` is the label's value for 2025)."""
    rest = text
    for start, end in sorted(dates, reverse=True):
        rest = rest[: start - offset] + " " + rest[end - offset :]
    rest = _DATE_WORDS.sub(" ", rest)
    return bool(_CONTENT.search(_FIGURE.sub(" ", rest)) or (figures and re.search(r"\d", rest)))


def is_over(text: str, date: tuple[int, int], published: tuple[int, int]) -> bool:
    """Whether the date at `date` (a span of text) ended before the document was published, (year, month): a policy
    already made (`영국·러시아·이스라엘(‘19)`, `실행 계획(‘23.4.)」발표` in a report of 2023-12) is no target. A
    period ends with its last year (`’18~’22`); one left open is a programme already running when it opened before
    the year of publication (`추진(’18.09~)`, `('20~, 산업부)` in 2021-03), and a target from that year on (`('21~)`)."""
    printed = text[date[0] : date[1]]
    found = list(_YEAR_MONTH.finditer(printed))
    if not found:
        bare_month = re.match(r"(\d{1,2})\s*월", printed)  # `(1월)` in the issue of March is past
        return bool(bare_month) and (published[0], int(bare_month.group(1))) < published
    if text[date[1] : date[1] + 2].lstrip().startswith(("~", "∼")) or printed.rstrip().endswith("~"):
        return 2000 + int(found[0].group(1)) < published[0]
    last = found[-1]
    month = last.group(2) or last.group(3)
    return (2000 + int(last.group(1)), int(month) if month else 12) < published


def actor_of(text: str, firms: tuple[str, ...] = ()) -> str:
    """The firm, country or ministry the text names as acting, or ''; else the known `firms` it names (the subject
    of the sentence, or the firms listed last: `포스코, 고려아연 등 국내 후발 업체들 경우 ’23~’24년 양산 예정`)."""
    for pattern in (_OPENING_LABEL, _BRACKET_ACTOR, _LEADING_COUNTRY, _SUBJECT, _FIRM_GROUP):
        for match in pattern.finditer(text):
            name = next(group for group in match.groups() if group).strip()
            if _is_actor(name):
                if pattern is _SUBJECT:
                    return _with_partner(text, match.end(), _with_name_before(text, match.start("actor"), name))
                return name
    return _named_firms(text, firms)


def _with_name_before(text: str, start: int, actor: str) -> str:
    """The whole name of a subject printed in two words (`오사카 공업대학은`), not its last word alone; a word that
    only qualifies it (`국내 연구소는`, `일부 대학은`) or ends in a particle stays out."""
    before = re.search(r"(?:^|\s)([가-힣A-Za-z]{2,8})\s$", text[:start])
    if not before or re.search(r"(?:의|에|를|을|로|서|은|는|이|가|고|며|여|와|과|한|된|인|적)$", before.group(1)):
        return actor
    return actor if before.group(1) in _QUALIFIERS else f"{before.group(1)} {actor}"



def _with_partner(text: str, end: int, actor: str) -> str:
    """Both subjects of `정부와 이통 3사는 2022년 ...`; the actor alone when it has no partner."""
    if not text[:end].rstrip().endswith(("와", "과")):
        return actor
    partner = re.match(r"(?P<name>[A-Za-z가-힣㈜&·]{2,15}(?:\s?\d사)?)(?:은|는|이|가)\s", text[end:])
    return f"{actor}, {partner.group('name')}" if partner and _is_actor(partner.group("name")) else actor


def _named_firms(text: str, firms: tuple[str, ...]) -> str:
    mentions: list[tuple[int, int, str]] = []  # a name may be printed broken by a space (`삼성 SDI`)
    for name in sorted(set(firms), key=lambda name: len(name.replace(" ", "")), reverse=True):
        spaced = r"\s?".join(re.escape(char) for char in name.replace(" ", ""))
        for match in re.finditer(spaced, text):
            if not any(s < match.end() and match.start() < e for s, e, _ in mentions):
                mentions.append((*match.span(), name))
    if not mentions:
        return ""
    mentions.sort()
    subject = next((m for m in mentions if re.match(r"(?:은|는|이|가|도)\s", text[m[1] : m[1] + 2])), None)
    if subject:
        return subject[2]
    listed = [mentions[-1]]
    for mention in reversed(mentions[:-1]):
        if not re.fullmatch(r"\s*(?:[,·、]|및|와|과)\s*", text[mention[1] : listed[0][0]]):
            break
        listed.insert(0, mention)
    return ", ".join(name for _, _, name in listed)


def _is_actor(name: str) -> bool:
    if name in _COUNTRIES or name in AGENCIES or _FIRM_GROUP.fullmatch(name) or re.fullmatch(r"[A-Z][A-Za-z&]{1,12}", name):
        return True
    if re.fullmatch(r"[A-Z]{2,4}[가-힣]{2,8}", name) and not re.search(r"(?:에서|에게|으로|에|로)$", name):
        return True  # a group's initials before its name: `SK하이닉스`, `LG에너지솔루션` (not `LTE에서`)
    if re.fullmatch(r"\d대\s?[가-힣]{2,}기관", name):  # the institutes of a field taken together: `4대 소재기관`
        return True
    return bool(re.search(_ACTOR_SUFFIX + "$", name)) and not re.search(r"\d", name)
