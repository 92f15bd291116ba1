"""What an ingest module of a companion document (001, 002, 003) returns: rows for the shared tables."""

from __future__ import annotations

from dataclasses import dataclass, field

from smbstar import models


@dataclass
class CompanionRecords:
    topics: list[models.Topic] = field(default_factory=list)
    firm_mentions: list[models.FirmMention] = field(default_factory=list)
    contacts: list[models.Contact] = field(default_factory=list)
    markets: list[models.MarketFigure] = field(default_factory=list)
    milestones: list[models.Milestone] = field(default_factory=list)
    programmes: list[models.Programme] = field(default_factory=list)
    awards: list[models.Award] = field(default_factory=list)
    statistics: list[models.Statistic] = field(default_factory=list)
