import pytest

from smbstar.ingest.dates import normalise_date


@pytest.mark.parametrize(
    "printed, expected",
    [
        ("2025.1.15", ("2025-01-15", 2025)),
        ("(2023.12.27.)", ("2023-12-27", 2023)),
        ("2025년 1월 15일", ("2025-01-15", 2025)),
        ("2025년 1월", ("2025-01", 2025)),
        ("2033년경 상용화", ("2033", 2033)),
        ("'28년 양산", ("2028", 2028)),
        ("올해 하반기", ("2025", 2025)),
        ("내년", ("2026", 2026)),
        ("9월", ("2025-09", 2025)),
        ("上", ("2025", 2025)),
        ("13월", ("", None)),
        ("1.2조 원", ("", None)),
    ],
)
def test_normalise_date(printed, expected):
    assert normalise_date(printed, document_year=2025) == expected


def test_relative_dates_need_the_document_year():
    assert normalise_date("올해") == ("", None)
    assert normalise_date("9월") == ("", None)
