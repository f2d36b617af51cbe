import locale
from datetime import UTC, datetime, timedelta, timezone

import pytest

from warta_common.dates import DateError, format_date, format_datetime, format_short_date, parse_date

JAKARTA = timezone(timedelta(hours=7))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-10-08 14:30", datetime(2024, 10, 8, 14, 30)),
        ("2024-10-08 14:30:15", datetime(2024, 10, 8, 14, 30, 15)),
        ("2024-10-08T14:30", datetime(2024, 10, 8, 14, 30)),
        ("2024-10-08 14:30+07:00", datetime(2024, 10, 8, 14, 30, tzinfo=JAKARTA)),
        ("2024-10-08T07:30Z", datetime(2024, 10, 8, 7, 30, tzinfo=UTC)),
        ("2024-10-08 15:30 +0800", datetime(2024, 10, 8, 15, 30, tzinfo=timezone(timedelta(hours=8)))),
    ],
)
def test_accepts_dates_with_time(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("2024-13-01 10:00", "is not a date (month must be in 1..12)"),
        ("2024-02-30 10:00", "is not a date"),
        ("08/10/2024 14:30", "is not a date — write it as 2024-10-08 14:30"),
        ("8 Oktober 2024", "is not a date"),
        ("2024-10-08", "has no time — write it as 2024-10-08 14:30"),
        ("2024-10-08 25:00", "is not a date"),
    ],
)
def test_rejects_bad_dates_with_a_hint(text, hint):
    with pytest.raises(DateError) as error:
        parse_date(text)
    assert hint in str(error.value)
    assert f"'{text}'" in str(error.value)


def test_date_without_time_where_allowed():
    assert parse_date("2024-09-20", require_time=False) == datetime(2024, 9, 20)


def test_formats_in_indonesian_whatever_the_os_locale():
    moment = datetime(2024, 10, 8, 14, 30, tzinfo=JAKARTA)
    previous = locale.setlocale(locale.LC_TIME)
    try:
        locale.setlocale(locale.LC_TIME, "C")
        assert format_date(moment) == "Selasa, 8 Oktober 2024"
        assert format_datetime(moment) == "Selasa, 8 Oktober 2024 14:30 WIB"
        assert format_short_date(moment) == "8 Oktober 2024"
    finally:
        locale.setlocale(locale.LC_TIME, previous)


def test_converts_other_offsets_to_the_site_zone():
    # 15:30 WITA (Makassar) is 14:30 WIB.
    moment = datetime(2024, 10, 8, 15, 30, tzinfo=timezone(timedelta(hours=8)))
    assert format_datetime(moment, "Asia/Jakarta") == "Selasa, 8 Oktober 2024 14:30 WIB"
    assert format_datetime(moment, "Asia/Makassar") == "Selasa, 8 Oktober 2024 15:30 WITA"


def test_every_weekday_and_month_name():
    sunday = datetime(2024, 12, 1, 9, 0)
    assert format_date(sunday) == "Minggu, 1 Desember 2024"
    friday = datetime(2024, 8, 16, 9, 0)
    assert format_date(friday) == "Jumat, 16 Agustus 2024"
