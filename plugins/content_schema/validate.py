"""Field-by-field validation of one content object against the schema."""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from urllib.parse import urlparse

from PIL import Image, UnidentifiedImageError

from warta_common import problems
from warta_common.schema import (
    CHOICE,
    IMAGE,
    SLUG,
    SOURCE_INFO_KEY,
    URL,
    ContentType,
    Field,
    SourceInfo,
)

from .reader import suggest

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class LeadImage:
    """The image at the top of an article, as templates need it."""

    src: str
    width: int
    height: int
    alt: str
    caption: str
    credit: str


def image_path(value: str) -> str:
    """The path under ``content/`` from ``images/x.jpg``, ``/images/x.jpg`` or ``{static}/images/x.jpg``."""
    value = value.strip()
    for prefix in ("{static}", "{attach}"):
        value = value.removeprefix(prefix)
    return value.lstrip("/")


def _check_choice(field: Field, value: str, settings: dict) -> str | None:
    allowed = field.allowed_choices(settings)
    if value in allowed:
        return None
    listed = ", ".join(allowed)
    return f"'{value}' is not allowed{suggest(value, list(allowed)) or '.'} Use one of: {listed}"


def _check_slug(value: str) -> str | None:
    if _SLUG.fullmatch(value):
        return None
    return f"'{value}' is not a slug — use lower-case letters, digits and hyphens, e.g. bawaslu-buka-posko"


def _check_url(value: str) -> str | None:
    parsed = urlparse(value)
    if parsed.scheme in ("http", "https") and parsed.netloc:
        return None
    return f"'{value}' is not a web address — write the full address, starting with https://"


@functools.lru_cache(maxsize=4096)
def _size_of(path: str, modified: int, length: int) -> tuple[int, int] | None:
    """An image's width and height, read from its header once per version of the file."""
    try:
        with Image.open(path) as picture:
            return picture.size
    except (UnidentifiedImageError, OSError):
        return None


def image_size(path: str | os.PathLike) -> tuple[int, int] | None:
    """Width and height of the image at ``path``; None when it is missing or unreadable.

    Many articles share an image (a file photo, a logo): each is opened only once.
    """
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return _size_of(os.fspath(path), stat.st_mtime_ns, stat.st_size)


def _check_image(value: str, settings: dict) -> str | None:
    path = os.path.join(settings["PATH"], image_path(value))
    if not os.path.isfile(path):
        return (
            f"'{value}' does not exist — put the file in content/images/ and write Image: images/<file name>"
        )
    if image_size(path) is None:
        return f"'{value}' is not an image file that can be read (use JPEG, PNG or WebP)"
    return None


_KIND_CHECKS = {
    SLUG: lambda field, value, settings: _check_slug(value),
    URL: lambda field, value, settings: _check_url(value),
    IMAGE: lambda field, value, settings: _check_image(value, settings),
    CHOICE: _check_choice,
}


def _written_keys(info: SourceInfo, content_type: ContentType) -> dict[str, str]:
    """For each field of ``content_type`` the file has, the first key that spells it."""
    written: dict[str, str] = {}
    for key in info.keys:
        field = content_type.lookup(key)
        if field is not None:
            written.setdefault(field.key, key)
    return written


def check_fields(info: SourceInfo, content_type: ContentType, settings: dict) -> list[tuple[str, str]]:
    """Every problem with the fields of one file, as (field name, message) pairs."""
    found = []
    present = set(info.keys)
    values = dict(info.values)
    written = _written_keys(info, content_type)
    for field in content_type.fields.values():
        if field.key not in written:
            if field.required:
                found.append((field.name, f"missing — add a line '{field.name}: {field.example}' at the top"))
            continue
        value = values.get(written[field.key], "")
        kind_check = _KIND_CHECKS.get(field.kind)
        message = kind_check(field, value, settings) if kind_check else None
        if message is None and field.check is not None:
            message = field.check(value, settings)
        if message:
            found.append((field.name, message))
    if "image" in present and not present & {"imagecaption", "imagealt"}:
        found.append(
            ("ImageCaption", "the image has no caption or alt text — add 'ImageCaption: …' describing it")
        )
    return found


def lead_image(info: SourceInfo, settings: dict) -> LeadImage | None:
    value = info.value("image")
    if not value:
        return None
    relative = image_path(value)
    width, height = image_size(os.path.join(settings["PATH"], relative))
    caption = info.value("imagecaption")
    return LeadImage(
        src=relative,
        width=width,
        height=height,
        alt=info.value("imagealt") or caption,
        caption=caption,
        credit=info.value("imagecredit"),
    )


def validate(content, content_type: ContentType) -> None:
    """Report every problem of one content object; attach its lead image when valid."""
    info: SourceInfo | None = content.metadata.get(SOURCE_INFO_KEY)
    if info is None:
        return
    for field_name, message in info.problems:
        problems.report(content.source_path, field_name, message)
    if info.unreadable:
        return
    found = check_fields(info, content_type, content.settings)
    for field_name, message in found:
        problems.report(content.source_path, field_name, message)
    modified, date = getattr(content, "modified", None), getattr(content, "date", None)
    date_problems = {name for name, _ in info.problems} & {"Date", "Modified"}
    if modified and date and "modified" in info.keys and not date_problems and modified < date:
        problems.report(
            content.source_path, "Modified", "is earlier than Date — an update cannot come before publication"
        )
    if not any(name == "Image" for name, _ in found):
        content.lead_image = lead_image(info, content.settings)
