"""Indonesian dates: strict parsing of editors' dates and formatting that ignores the OS locale."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
# Indonesia's three civil time zones; the label readers expect after a time.
ZONE_LABELS = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}
EXAMPLE = "2024-10-08 14:30"

_DATE_RE = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    r"(?:[ T](?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"\s*(?P<offset>Z|[+-]\d{2}:?\d{2})?)?"
)


class DateError(ValueError):
    """A date an editor wrote that cannot be used; the message says how to write it."""


def _offset(text: str) -> tzinfo:
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def parse_date(value: str, *, require_time: bool = True) -> datetime:
    """Parse ``2024-10-08 14:30`` (seconds, ``T`` and a UTC offset are optional).

    The result is naive unless an offset was written; Pelican then applies ``TIMEZONE``.
    """
    text = str(value).strip()
    match = _DATE_RE.fullmatch(text)
    if not match:
        raise DateError(f"'{text}' is not a date — write it as {EXAMPLE}")
    parts = {k: int(v) for k, v in match.groupdict().items() if v and k != "offset"}
    try:
        parsed = datetime(
            parts["year"],
            parts["month"],
            parts["day"],
            parts.get("hour", 0),
            parts.get("minute", 0),
            parts.get("second", 0),
        )
    except ValueError as error:
        raise DateError(f"'{text}' is not a date ({error}) — write it as {EXAMPLE}") from None
    if require_time and "hour" not in parts:
        raise DateError(f"'{text}' has no time — write it as {text} 14:30 (24-hour clock, WIB)")
    if match["offset"]:
        parsed = parsed.replace(tzinfo=_offset(match["offset"]))
    return parsed


def _local(moment: datetime, zone: str) -> datetime:
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(ZoneInfo(zone))


def format_date(moment: datetime, zone: str = "Asia/Jakarta") -> str:
    """``Selasa, 8 Oktober 2024``."""
    local = _local(moment, zone)
    return f"{DAYS[local.weekday()]}, {local.day} {MONTHS[local.month - 1]} {local.year}"


def format_datetime(moment: datetime, zone: str = "Asia/Jakarta") -> str:
    """``Selasa, 8 Oktober 2024 14:30 WIB``."""
    local = _local(moment, zone)
    label = ZONE_LABELS.get(zone, local.strftime("%Z") or zone)
    return f"{format_date(local, zone)} {local:%H:%M} {label}"


def format_short_date(moment: datetime, zone: str = "Asia/Jakarta") -> str:
    """``8 Oktober 2024``, for listings."""
    local = _local(moment, zone)
    return f"{local.day} {MONTHS[local.month - 1]} {local.year}"


def month_name(month: int) -> str:
    return MONTHS[month - 1]
