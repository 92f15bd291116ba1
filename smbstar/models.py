"""The database schema as SQLModel tables. Used by the build only: the query path reads with sqlite3.

Every row that states a fact carries `document` (a file name under seeds/docs/) and `line` (1-based), and
`end_line` where the fact spans several lines; the cited lines hold the value.
"""

from __future__ import annotations

from typing import Optional

from sqlalchemy import Index
from sqlmodel import Field, Relationship, SQLModel

SCHEMA_VERSION = 4


class Meta(SQLModel, table=True):
    key: str = Field(primary_key=True)
    value: str


class Document(SQLModel, table=True):
    id: str = Field(primary_key=True)  # the file name under seeds/docs/
    title: str
    publisher: str
    published: str  # ISO date or year-month as printed on the report
    line_count: int


class Division(SQLModel, table=True):
    """분과: a division of the roadmap (Ⅱ 첨단 소재부품 ... Ⅵ 기계항공)."""

    id: str = Field(primary_key=True)  # "II"
    name: str
    document: str
    line: int


class Technology(SQLModel, table=True):
    """A technology area of the roadmap: 16 numbered areas in Ⅱ–Ⅴ and the six technologies of Ⅵ."""

    id: str = Field(primary_key=True)  # "II-2", "VI-1"
    division_id: str = Field(foreign_key="division.id", index=True)
    number: int
    title: str
    definition: str = ""
    field: str = ""  # Ⅵ: the field the roadmap's summary names the area by (차세대 공작기계 기술), an alias
    field_line: Optional[int] = None  # the roadmap line that prints the field
    document: str
    line: int
    end_line: int


class StrategicCandidate(SQLModel, table=True):
    """전략기술 후보: a strategic technology candidate named for an area."""

    id: Optional[int] = Field(default=None, primary_key=True)
    technology_id: str = Field(foreign_key="technology.id", index=True)
    number: str  # as printed: "1", "가"
    title: str
    description: str = ""
    document: str
    line: int
    end_line: int


class Milestone(SQLModel, table=True):
    """A staged milestone or dated target; figure_only when the report shows the roadmap only as a figure."""

    id: Optional[int] = Field(default=None, primary_key=True)
    technology_id: Optional[str] = Field(default=None, foreign_key="technology.id", index=True)
    topic_id: Optional[str] = Field(default=None, foreign_key="topic.id", index=True)
    period: str = ""  # as printed: "1차년도", "2021", "1단계 (1~2년)", "'28년", "올해"
    year: Optional[int] = None
    date: str = ""  # normalised ISO date or year-month when the text gives one (relative dates resolved)
    milestone: str = ""  # the target's own text: the part of its sentence its date belongs to
    actor: str = ""  # the firm, country or ministry that sets the target, where the text names one
    stage: str = ""  # the stage of a staged plan: Target selection, 전임상, 1상 임상, ...
    budget: str = ""  # the budget printed for the stage: "10억원", ">350억원"
    figure_only: bool = False
    caption: str = ""
    document: str
    line: int
    end_line: int


class MarketFigure(SQLModel, table=True):
    """A quantitative market fact (smbstar/ingest/quantities.py): a market size, revenue, investment, price, share,
    growth rate or multiple, rank or count, with the year bound to it and the sentence or table row it is in."""

    id: Optional[int] = Field(default=None, primary_key=True)
    technology_id: Optional[str] = Field(default=None, foreign_key="technology.id", index=True)
    topic_id: Optional[str] = Field(default=None, foreign_key="topic.id", index=True)
    measure: str = "other"  # market_size, revenue, investment, price, share, growth, rank, count, other
    value_printed: str  # exactly as in the cited line: "67억8300만달러"
    value: Optional[float] = None  # normalised: 6783000000.0 (USD); 46.2 (%); 6 (위); the low end of a range
    unit: str = ""  # as printed: "억 달러", "백만 달러", "%", "위", "명", "배", "$/Gb"
    currency: str = ""  # ISO 4217 for money: KRW, USD, EUR, JPY, CNY
    low: Optional[float] = None  # the ends of a printed range, normalised like value
    high: Optional[float] = None
    year: Optional[int] = None  # the year bound to the figure; a period is year_from..year_to
    year_from: Optional[int] = None
    year_to: Optional[int] = None
    subject: str = ""  # what is measured: 유전자 분석 서비스 시장
    scope: str = ""  # 세계, 국내, 미국, ...; a segment (a table's row label) or a firm
    quote: str = ""  # the whole sentence or table row the figure came from
    flag: str = ""  # a doubt the source itself raises, e.g. a won figure and its dollar figure disagree
    equivalent_of: Optional[int] = Field(default=None, foreign_key="marketfigure.id")  # the figure this converts
    document: str
    line: int
    end_line: int

    converts: MarketFigure = Relationship(sa_relationship_kwargs={"remote_side": "MarketFigure.id"})


class Contact(SQLModel, table=True):
    """A person named for a technology: a professor candidate, a researcher, a company employee."""

    id: Optional[int] = Field(default=None, primary_key=True)
    person_key: str = Field(index=True)  # same person across areas: "KAIST:김일두"
    technology_id: Optional[str] = Field(default=None, foreign_key="technology.id", index=True)
    topic_id: Optional[str] = Field(default=None, foreign_key="topic.id", index=True)
    name: str
    institute: str = ""  # KAIST, GIST, DGIST, UNIST, or the organisation as printed
    title: str = ""  # 교수, 선임연구원, ...
    email: str = ""  # corrected where the report misprints it
    email_printed: str = ""  # as printed
    lab: str = ""
    expertise: str = ""
    field: str = ""  # the field heading the name is grouped under (Ⅵ)
    role: str = ""  # what the document has the person do: 발표, 자문, 저자, 수상, ...
    phone: str = ""
    document: str
    line: int
    end_line: int


class Firm(SQLModel, table=True):
    """A firm, once however it is written (㈜루미스탈, 루미스탈)."""

    id: str = Field(primary_key=True)  # the normalised name
    name: str


class FirmMention(SQLModel, table=True):
    """A firm named for a technology (수요 기업 후보), with the opinion the report gives."""

    __table_args__ = (Index("ix_firmmention_place", "document", "line"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    firm_id: str = Field(foreign_key="firm.id", index=True)
    technology_id: Optional[str] = Field(default=None, foreign_key="technology.id", index=True)
    topic_id: Optional[str] = Field(default=None, foreign_key="topic.id", index=True)
    name_printed: str
    role: str = ""  # 수요 기업 후보, 국내/국외, ...
    opinion: str = ""  # the firm's opinion (roadmap) or what the text says the firm does (companions)
    document: str
    line: int
    end_line: int


class SurveyTechnology(SQLModel, table=True):
    """One of the 21 technologies of the survey (chapter Ⅶ)."""

    id: int = Field(primary_key=True)
    name: str
    division: str  # the survey's division name as printed: ICT/SW분과, ...
    document: str
    line: int


class SurveyTechnologyArea(SQLModel, table=True):
    """Links a survey technology to the roadmap areas it stands for (none for 약물평가 시스템)."""

    survey_technology_id: int = Field(foreign_key="surveytechnology.id", primary_key=True)
    technology_id: str = Field(foreign_key="technology.id", primary_key=True)


class SurveyValue(SQLModel, table=True):
    """One number of a survey table, tidy: technology x measure x category."""

    id: Optional[int] = Field(default=None, primary_key=True)
    survey_technology_id: Optional[int] = Field(default=None, foreign_key="surveytechnology.id", index=True)
    table_id: str  # "VII-11"
    table_title: str
    measure: str  # 개발 단계, 기술 격차, ...
    category: str  # 기초 연구 단계, 전체, 중소기업, ...
    value: float
    value_printed: str
    document: str
    line: int


class Topic(SQLModel, table=True):
    """A unit of a companion document: an article, a report, a section or a table, with its date."""

    id: str = Field(primary_key=True)  # "001-article-03": document number, kind, sequence
    document: str
    kind: str  # article, report, section, table, news, award, ...
    title: str
    summary: str = ""
    date_printed: str = ""
    date: str = ""  # ISO date, year-month or year
    parent_id: Optional[str] = None  # the report an appendix, minutes or core technology belongs to
    line: int
    end_line: int


class TopicTechnology(SQLModel, table=True):
    """A companion topic linked to the roadmap area it concerns, by the evidence of the area's terms in it."""

    topic_id: str = Field(foreign_key="topic.id", primary_key=True)
    technology_id: str = Field(foreign_key="technology.id", primary_key=True)
    via: str = ""  # the concept that weighs most in the evidence
    score: float = 0.0
    evidence: str = ""  # JSON: [{"term", "title": count, "body": count, "weight"}], strongest first


class Programme(SQLModel, table=True):
    """A programme, policy, budget line or institution of a companion document (부처 -> 전문기관 -> URL, ...)."""

    id: Optional[int] = Field(default=None, primary_key=True)
    topic_id: Optional[str] = Field(default=None, foreign_key="topic.id", index=True)
    name: str
    kind: str = ""  # programme, policy, budget, agency, ...
    organisation: str = ""  # the ministry or body responsible
    amount_printed: str = ""
    amount: Optional[float] = None
    currency: str = ""
    year: Optional[int] = None
    url: str = ""
    description: str = ""
    document: str
    line: int
    end_line: int


class Award(SQLModel, table=True):
    """A certificate or prize: NET 신기술 인증, 엔지니어상, IR52 장영실상."""

    id: Optional[int] = Field(default=None, primary_key=True)
    topic_id: Optional[str] = Field(default=None, foreign_key="topic.id", index=True)
    award: str
    firm_id: Optional[str] = Field(default=None, foreign_key="firm.id", index=True)
    firm_printed: str = ""
    person: str = ""
    subject: str = ""  # the technology or product awarded
    date_printed: str = ""
    document: str
    line: int
    end_line: int


class Statistic(SQLModel, table=True):
    """One number of a statistics table of a companion document (기업부설연구소 현황, ...)."""

    id: Optional[int] = Field(default=None, primary_key=True)
    topic_id: Optional[str] = Field(default=None, foreign_key="topic.id", index=True)
    table: str
    row: str
    column: str
    value: float
    value_printed: str
    unit: str = ""
    document: str
    line: int


class Passage(SQLModel, table=True):
    """A chunk of document text, for search."""

    __table_args__ = (Index("ix_passage_place", "document", "line"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    technology_id: Optional[str] = Field(default=None, foreign_key="technology.id", index=True)
    section: str = ""
    text: str
    document: str
    line: int
    end_line: int
