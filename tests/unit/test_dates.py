from datetime import date

import pytest

from generator.dates import DateError, add_months, format_cn, parse_date


@pytest.mark.parametrize("text", ["2025-03-10", "20250310", "2025/03/10", "2025.03.10", "2025年3月10日",
                                  "２０２５-０３-１０", "2025/3/10"])
def test_parse_date_forms(text: str) -> None:
    assert parse_date(text) == date(2025, 3, 10)


@pytest.mark.parametrize("text", ["2025-13-01", "2025-02-30", "10/03/2025", "yesterday", ""])
def test_bad_dates(text: str) -> None:
    with pytest.raises(DateError):
        parse_date(text)


def test_due_day_past_month_end_falls_on_last_day() -> None:
    assert add_months(date(2025, 1, 31), 1, 31) == date(2025, 2, 28)
    assert add_months(date(2024, 1, 31), 1, 31) == date(2024, 2, 29)
    assert add_months(date(2025, 11, 10), 2, 10) == date(2026, 1, 10)


def test_format_cn() -> None:
    assert format_cn(date(2025, 3, 9)) == "2025年03月09日"
