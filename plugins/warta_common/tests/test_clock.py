"""The build clock setting."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from warta_common.clock import build_clock
from warta_common.dates import DateError

WIB = {"TIMEZONE": "Asia/Jakarta"}


def test_written_time_is_in_the_site_zone_unless_an_offset_is_written():
    assert (
        build_clock({**WIB, "WARTA_BUILD_TIME": "2024-10-09 06:00"}).isoformat()
        == "2024-10-09T06:00:00+07:00"
    )
    assert build_clock({**WIB, "WARTA_BUILD_TIME": "2024-10-09"}).isoformat() == "2024-10-09T00:00:00+07:00"
    written = build_clock({**WIB, "WARTA_BUILD_TIME": "2024-10-09 06:00+08:00"})
    assert written.utcoffset() == timedelta(hours=8)


def test_datetimes_are_taken_as_they_are_or_put_in_the_site_zone():
    aware = datetime(2024, 10, 9, 1, 0, tzinfo=UTC)
    assert build_clock({**WIB, "WARTA_BUILD_TIME": aware}) == aware
    naive = build_clock({**WIB, "WARTA_BUILD_TIME": datetime(2024, 10, 9, 6, 0)})
    assert naive.isoformat() == "2024-10-09T06:00:00+07:00"


def test_unset_is_now():
    before = datetime.now(UTC)
    now = build_clock(WIB)
    assert before <= now <= datetime.now(UTC)
    assert now.utcoffset() == timedelta(hours=7)


@pytest.mark.parametrize("value", ["besok pagi", "2024-13-01 10:00", date(2024, 10, 9), 1728432000])
def test_anything_else_is_a_clear_error(value):
    with pytest.raises(DateError, match="write it as 2024-10-08 14:30"):
        build_clock({**WIB, "WARTA_BUILD_TIME": value})
