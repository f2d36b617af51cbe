"""The build clock: the moment a build publishes up to, injectable for tests and previews."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from warta_common.dates import DateError, parse_date


class ClockError(ValueError):
    pass


def build_clock(value: str | datetime | None, zone: str) -> datetime:
    """``WARTA_BUILD_CLOCK`` as an aware datetime; naive values are in ``zone`` (WIB)."""
    if value is None or value == "":
        return datetime.now(ZoneInfo(zone))
    if isinstance(value, str):
        try:
            value = parse_date(value, require_time=False)
        except DateError as error:
            raise ClockError(str(error)) from None
    if not isinstance(value, datetime):
        raise ClockError(f"{value!r} is not a date and time — write it as 2024-10-08 14:30")
    return value if value.tzinfo else value.replace(tzinfo=ZoneInfo(zone))
