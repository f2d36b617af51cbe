"""The build clock: the moment a build happens at, one setting for every plugin that needs it.

Scheduled articles are published up to it (publishing), the news sitemap reaches back from
it. ``WARTA_BUILD_TIME`` injects it (tests, previews of a later moment); unset, it is now.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from warta_common.dates import DateError, parse_date

SETTING = "WARTA_BUILD_TIME"


def build_clock(settings: dict) -> datetime:
    """``WARTA_BUILD_TIME`` (a datetime or ``2024-11-26 12:00``, in ``TIMEZONE`` when no
    offset is written) as an aware datetime, or now. Raises :class:`DateError`."""
    value = settings.get(SETTING)
    zone = ZoneInfo(settings["TIMEZONE"])
    if value is None or value == "":
        return datetime.now(zone)
    if isinstance(value, str):
        value = parse_date(value, require_time=False)
    if not isinstance(value, datetime):
        raise DateError(f"{value!r} is not a date and time — write it as 2024-10-08 14:30")
    return value if value.tzinfo else value.replace(tzinfo=zone)
