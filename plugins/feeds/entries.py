"""One article or explainer as a feed entry: stable id, absolute links, dates, media."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from pathlib import Path
from urllib.parse import quote, urlparse
from zoneinfo import ZoneInfo

from feedgen.entry import FeedEntry
from pelican.contents import Article

from .catalog import published_at, updated_at
from .feed_html import feed_html
from .xml_text import xml_text


@dataclass(frozen=True)
class FeedSite:
    """What every entry of every feed needs to know about the site being built."""

    base_url: str
    id_authority: str
    zone: ZoneInfo
    output_path: Path
    full_content: bool
    keep_baca_juga: bool
    # An article is in several feeds (all, category, region, tags, author): prepared once.
    prepared: dict = field(default_factory=dict, compare=False, repr=False)

    def entry(self, content) -> EntryData:
        if content not in self.prepared:
            self.prepared[content] = entry_data(content, self)
        return self.prepared[content]

    def absolute(self, url: str) -> str:
        return f"{self.base_url}/{url.lstrip('/')}"

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone)


# Where `invoke serve` serves a local build, whose SITEURL is empty.
LOCAL_SERVER = "http://127.0.0.1:8000"


def feed_base_url(settings: dict) -> str:
    """Feeds need absolute URLs: ``FEED_DOMAIN``, else ``SITEURL``, else the local server."""
    return (settings.get("FEED_DOMAIN") or settings.get("SITEURL") or LOCAL_SERVER).rstrip("/")


def id_authority(settings: dict, base_url: str) -> str:
    return (settings.get("FEED_ID_AUTHORITY") or urlparse(base_url).hostname or "localhost").lower()


def entry_id(content, site: FeedSite) -> str:
    """A tag: URI (RFC 4151) from the first publication date and the source file.

    Neither changes when an article is edited: not its body, nor its title (which would
    change a slug derived from it), nor its ``Modified`` date.
    """
    source = content.get_relative_source_path().replace("\\", "/").rsplit(".", 1)[0]
    day = site.local(published_at(content)).date().isoformat()
    return f"tag:{site.id_authority},{day}:{quote(source, safe='/')}"


def _categories(content) -> list[str]:
    # Pelican also gives pages a category (their folder); only an article's is meaningful.
    category = content.category if isinstance(content, Article) else None
    names = [category, *getattr(content, "tags", ())]
    metadata = content.metadata
    names += [metadata.get("regulation")]
    topics = metadata.get("topics") or []
    names += topics.split(",") if isinstance(topics, str) else list(topics)
    cleaned = (xml_text(str(name)).strip() for name in names if name)
    return list(dict.fromkeys(name for name in cleaned if name))


@dataclass(frozen=True)
class Enclosure:
    url: str
    media_type: str
    size: int
    width: int
    height: int


@dataclass(frozen=True)
class EntryData:
    """An entry as every feed that lists it carries it; prepared once per article."""

    id: str
    title: str
    link: str
    published: datetime
    updated: datetime
    authors: tuple[str, ...]
    categories: tuple[str, ...]
    summary: str
    content: str | None
    enclosure: Enclosure | None


def _enclosure(content, site: FeedSite) -> Enclosure | None:
    image = getattr(content, "lead_image", None)
    if image is None:
        return None
    built = site.output_path / image.src
    if not built.is_file():
        return None
    media_type = mimetypes.guess_type(built.name)[0] or "application/octet-stream"
    return Enclosure(site.absolute(image.src), media_type, built.stat().st_size, image.width, image.height)


def _figure(image, url: str) -> str:
    caption = " ".join(part for part in (image.caption, image.credit) if part)
    figcaption = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    return (
        f'<figure><img src="{escape(url)}" alt="{escape(image.alt)}" '
        f'width="{image.width}" height="{image.height}">{figcaption}</figure>'
    )


def entry_data(content, site: FeedSite) -> EntryData:
    permalink = site.absolute(content.url)
    enclosure = _enclosure(content, site)
    body = None
    if site.full_content:
        body = feed_html(content.content, permalink, keep_baca_juga=site.keep_baca_juga)
        if enclosure:
            body = xml_text(_figure(content.lead_image, enclosure.url)) + body
    return EntryData(
        id=entry_id(content, site),
        title=xml_text(content.title).strip(),
        link=permalink,
        published=site.local(published_at(content)),
        updated=site.local(updated_at(content)),
        authors=tuple(xml_text(str(author)) for author in getattr(content, "authors", ())),
        categories=tuple(_categories(content)),
        summary=feed_html(content.summary, permalink, keep_baca_juga=site.keep_baca_juga),
        content=body,
        enclosure=enclosure,
    )


def fill_entry(entry: FeedEntry, data: EntryData) -> None:
    """Fill ``entry`` (made by the feed, so it has the feed's extensions) from ``data``."""
    entry.id(data.id)
    entry.guid(data.id, permalink=False)
    entry.title(data.title)
    entry.link(href=data.link, rel="alternate", type="text/html")
    entry.atom_links.add(href=data.link, rel="alternate", type="text/html")
    entry.published(data.published)
    entry.updated(data.updated)
    entry.rss_modified.modified = data.updated
    for author in data.authors:
        entry.author(name=author)
        entry.dc.dc_creator(author)
    for name in data.categories:
        entry.category(term=name, label=name)
    entry.summary(data.summary, type="html")
    if data.content is not None:
        entry.content(data.content, type="html")
    if data.enclosure:
        image = data.enclosure
        entry.enclosure(image.url, str(image.size), image.media_type)
        entry.atom_links.add(href=image.url, rel="enclosure", type=image.media_type, length=str(image.size))
        entry.media.content(
            url=image.url,
            type=image.media_type,
            medium="image",
            fileSize=str(image.size),
            width=str(image.width),
            height=str(image.height),
            group=None,
        )
