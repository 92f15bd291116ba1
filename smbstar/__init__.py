"""smbstar: the SMB-STAR roadmap (중소기업 기술혁신 전략 로드맵 2020) and its companion reports, queryable."""

__version__ = "0.1.0"
