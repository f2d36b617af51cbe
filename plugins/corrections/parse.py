"""Reading ``Correction: <date> | <text>`` values."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from markupsafe import Markup, escape

from warta_common.dates import DateError, parse_date

EXAMPLE = "2024-10-09 10:15 | Sebelumnya tertulis empat ASN; yang benar tiga ASN."
SEPARATOR = "|"
_STARTS_WITH_DATE = re.compile(r"\s*\d{4}-")


class CorrectionError(ValueError):
    pass


@dataclass(frozen=True)
class Correction:
    date: datetime
    # Escaped: templates print it as it is.
    text: Markup


def _one(value: str, zone: str) -> Correction:
    when, separator, text = value.partition(SEPARATOR)
    if not separator or not text.strip():
        raise CorrectionError(
            f"'{value.strip()}' needs a date and a text separated by '|' — write it as {EXAMPLE}"
        )
    try:
        date = parse_date(when, require_time=True)
    except DateError as error:
        raise CorrectionError(f"{error} (then '|' and the text)") from None
    if date.tzinfo is None:
        date = date.replace(tzinfo=ZoneInfo(zone))
    return Correction(date, escape(" ".join(text.split())))


def parse_corrections(written: str | list[str], zone: str) -> tuple[Correction, ...]:
    """Every correction of an article, oldest first. A line without a date continues the
    text of the correction before it (an indented continuation line in the header)."""
    lines = [written] if isinstance(written, str) else list(written)
    entries: list[str] = []
    for line in lines:
        if entries and not _STARTS_WITH_DATE.match(line):
            entries[-1] = f"{entries[-1]} {line.strip()}"
        else:
            entries.append(line)
    return tuple(sorted((_one(entry, zone) for entry in entries), key=lambda c: c.date))
