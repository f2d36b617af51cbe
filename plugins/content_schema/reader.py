"""A Markdown reader that never crashes on an editor's file.

It decodes the file itself (non-UTF-8 and empty files become problems), parses dates
strictly, drops empty values (so a scaffold with blank optional fields is valid), drops
unknown keys after noting them, and records what it saw in :class:`SourceInfo` so that
``validate`` can check the file even when Pelican serves it from its content cache.
"""

from __future__ import annotations

import difflib
import os
import re
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from pelican.readers import MarkdownReader
from pelican.urlwrappers import URLWrapper

from warta_common.dates import DateError, parse_date
from warta_common.schema import (
    CHOICE,
    DATE,
    SOURCE_INFO_KEY,
    ContentType,
    SourceInfo,
    type_for_path,
)

from .conversion import Converted, conversions_for


class _ConvertedFields:
    """Stands in for Pelican's Markdown instance in ``_parse_metadata``: the formatted
    fields (Summary) were converted with the body, see ``conversion``."""

    class _NoPreprocessors:
        def deregister(self, name: str) -> None:
            pass

    preprocessors = _NoPreprocessors()

    def __init__(self, converted: Converted) -> None:
        self._converted = converted
        self.Meta = converted.meta

    def reset(self) -> _ConvertedFields:
        return self

    def convert(self, text: str) -> str:
        return self._converted.formatted[text]


# Stands in for a date that could not be read, so Pelican keeps the file and the
# validator can report every problem; the build stops before anything uses it.
PLACEHOLDER_DATE = datetime(2000, 1, 1)

_HEADER_KEY = re.compile(r"^[ ]{0,3}([A-Za-z0-9_-]+):")


def _header_spellings(text: str) -> dict[str, str]:
    """Keys as the editor typed them (Markdown's meta extension lower-cases them)."""
    spellings = {}
    for line in text.splitlines():
        if not line.strip():
            break
        match = _HEADER_KEY.match(line)
        if match:
            spellings.setdefault(match.group(1).lower(), match.group(1))
    return spellings


class _SharedWrappers:
    """One Category, Tag or Author object per name in a build, as the regions plugin does
    for regions. Pelican makes one per article that names it, and each works out its slug
    again (a slugify per tag per article, and again for every comparison by name)."""

    def __init__(self) -> None:
        self._settings_id: int | None = None
        self._known: dict[tuple[type, str], URLWrapper] = {}

    def share(self, value, settings: dict):
        if self._settings_id != id(settings):
            self._settings_id, self._known = id(settings), {}
        if isinstance(value, URLWrapper):
            return self._known.setdefault((type(value), value.name), value)
        if isinstance(value, list) and value and all(isinstance(item, URLWrapper) for item in value):
            return [self._known.setdefault((type(item), item.name), item) for item in value]
        return value


_shared_wrappers = _SharedWrappers()


def suggest(word: str, spellings: list[str]) -> str:
    lowered = {s.lower(): s for s in spellings}
    close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return f" — did you mean '{lowered[close[0]]}'?" if close else ""


class WartaMarkdownReader(MarkdownReader):
    file_extensions: ClassVar[list[str]] = ["md", "markdown", "mkd", "mdown"]

    _content_type: ContentType | None = None

    def read(self, source_path: str) -> tuple[str, dict]:
        self._source_path = source_path
        self._problems: list[tuple[str, str]] = []
        relative = os.path.relpath(source_path, self.settings["PATH"])
        self._content_type = type_for_path(relative)
        try:
            return self._read(source_path)
        finally:
            # process_metadata also serves Pelican's defaults, outside any one file.
            self._content_type = None

    def _read(self, source_path: str) -> tuple[str, dict]:
        raw = Path(source_path).read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            return self._unreadable(
                f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x} at position {error.start})"
                " — save it again as UTF-8 in your editor"
            )
        if not text.strip():
            return self._unreadable(
                "the file is empty — start it with a 'Title: …' line and the other fields"
            )

        self._spellings = _header_spellings(text)
        converted = conversions_for(self.settings).convert(text)
        self._md = _ConvertedFields(converted)
        content, meta = converted.html, converted.meta
        metadata = self._parse_metadata(meta)
        raw_values = {key: ", ".join(v.strip() for v in values) for key, values in meta.items()}
        self._fill_placeholders(metadata)
        metadata[SOURCE_INFO_KEY] = SourceInfo(
            keys=tuple(k for k, v in raw_values.items() if v),
            values=tuple((k, v) for k, v in raw_values.items() if v),
            problems=tuple(self._problems),
        )
        return content, metadata

    def _unreadable(self, message: str) -> tuple[str, dict]:
        metadata = {
            "title": Path(self._source_path).stem,
            "date": PLACEHOLDER_DATE,
            SOURCE_INFO_KEY: SourceInfo(keys=(), problems=(("", message),), unreadable=True),
        }
        return "", metadata

    def _parse_metadata(self, meta: dict) -> dict:
        content_type = self._content_type
        kept = {}
        for key, values in meta.items():
            if not any(v.strip() for v in values):
                continue
            field = content_type.lookup(key) if content_type else None
            if content_type is not None and field is None:
                spelled = self._spellings.get(key, key)
                synonym = content_type.synonym(key)
                hint = (
                    f" — did you mean '{synonym.name}'?"
                    if synonym
                    else suggest(key, content_type.spellings())
                )
                self._problems.append((spelled, "unknown field" + hint))
                continue
            if (
                field
                and field.kind == CHOICE
                and values[0].strip() not in field.allowed_choices(self.settings)
            ):
                # Reported by the validator; Pelican would otherwise act on it (an unknown
                # status makes it skip the file with a message of its own).
                continue
            kept[key] = values
        metadata = super()._parse_metadata(kept)
        if content_type is not None:
            for old, new in content_type.renames.items():
                if old in metadata:
                    metadata[new] = metadata.pop(old)
        return metadata

    def process_metadata(self, name: str, value):
        field = self._content_type.lookup(name) if self._content_type else None
        if field is not None and field.kind == DATE and isinstance(value, str):
            try:
                return parse_date(value, require_time=field.require_time)
            except DateError as error:
                self._problems.append((field.name, str(error)))
                return PLACEHOLDER_DATE
        return _shared_wrappers.share(super().process_metadata(name, value), self.settings)

    def _fill_placeholders(self, metadata: dict) -> None:
        """Keep Pelican from skipping a file (with a message of its own) for a missing
        title or date; the validator reports the missing field instead."""
        metadata.setdefault("title", Path(self._source_path).stem)
        if self._content_type is not None and self._content_type.name == "article":
            metadata.setdefault("date", PLACEHOLDER_DATE)
