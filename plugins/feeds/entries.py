"""One article or explainer as a feed entry: stable id, absolute links, dates, media."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from html import escape
from pathlib import Path
from urllib.parse import quote, urlparse
from zoneinfo import ZoneInfo

from feedgen.entry import FeedEntry
from pelican.contents import Article

from warta_common import build_cache
from warta_common.dates import format_datetime
from warta_common.links import relative_source
from warta_common.output_files import built_file

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
    # Entries prepared by an earlier build, by key (see feeds.reuse); empty for none.
    stored: dict = field(default_factory=dict, compare=False, repr=False)
    # An article is in several feeds (all, category, region, tags, author): prepared once.
    prepared: dict = field(default_factory=dict, compare=False, repr=False)
    # Many articles share a lead image (a file photo): its file is looked at once.
    image_files: dict = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def fingerprint(self) -> str:
        """Everything besides the article that shapes an entry: the settings and this code."""
        shaping = (self.base_url, self.id_authority, self.zone.key, self.full_content, self.keep_baca_juga)
        return build_cache.digest(build_cache.code_fingerprint(__file__), repr(shaping))

    def entry(self, content) -> PreparedEntry:
        if content not in self.prepared:
            source = entry_source(content, self)
            self.prepared[content] = PreparedEntry(
                build_cache.digest(self.fingerprint, repr(source)), source, self
            )
        return self.prepared[content]

    def absolute(self, url: str) -> str:
        return f"{self.base_url}/{url.lstrip('/')}"

    def local(self, moment: datetime) -> datetime:
        local = moment.astimezone(self.zone)
        # A plain datetime: Pelican's SafeDatetime formats dates several times slower.
        return datetime.combine(local.date(), local.timetz())


# Where `invoke serve` serves a local build, whose SITEURL is empty.
LOCAL_SERVER = "http://127.0.0.1:8000"


def feed_base_url(settings: dict) -> str:
    """Feeds need absolute URLs: ``FEED_DOMAIN``, else ``SITEURL``, else the local server."""
    return (settings.get("FEED_DOMAIN") or settings.get("SITEURL") or LOCAL_SERVER).rstrip("/")


def id_authority(settings: dict, base_url: str) -> str:
    return (settings.get("FEED_ID_AUTHORITY") or urlparse(base_url).hostname or "localhost").lower()


def entry_id(source: EntrySource, site: FeedSite) -> str:
    """A tag: URI (RFC 4151) from the first publication date and the source file.

    Neither changes when an article is edited: not its body, nor its title (which would
    change a slug derived from it), nor its ``Modified`` date.
    """
    day = site.local(source.published).date().isoformat()
    return f"tag:{site.id_authority},{day}:{quote(source.source_path, safe='/')}"


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


@dataclass(frozen=True)
class ImageFile:
    """The lead image as built, for the enclosure."""

    media_type: str
    size: int


@dataclass(frozen=True)
class EntrySource:
    """Everything of an article that its entry is made from. Its ``repr`` is part of the
    entry's key, so an entry is prepared again exactly when one of these changes."""

    source_path: str
    url: str
    title: str
    published: datetime
    updated: datetime
    authors: tuple[str, ...]
    categories: tuple[str, ...]
    summary: str
    body: str | None
    # The corrections plugin's notes, oldest first: (date, text as escaped HTML).
    corrections: tuple[tuple[datetime, str], ...]
    # The article's lead_image (from content_schema) and its built file, if built.
    image: object | None
    image_file: ImageFile | None


class PreparedEntry:
    """An article's entry key, and its data once a feed that is written needs it."""

    def __init__(self, key: str, source: EntrySource, site: FeedSite) -> None:
        self.key = key
        self._source = source
        self._site = site
        self.made: EntryData | None = site.stored.get(key)
        # Filled once, then added to every feed that lists the article (see feeds.render).
        self.feed_entry: FeedEntry | None = None

    @property
    def data(self) -> EntryData:
        if self.made is None:
            self.made = entry_data(self._source, self._site)
        return self.made


def _image_file(image, site: FeedSite) -> ImageFile | None:
    if image is None:
        return None
    if image.src not in site.image_files:
        site.image_files[image.src] = _published_image(image.src, site)
    return site.image_files[image.src]


def _published_image(src: str, site: FeedSite) -> ImageFile | None:
    built = built_file(site.output_path / src)
    if not built.is_file():
        return None
    return ImageFile(mimetypes.guess_type(built.name)[0] or "application/octet-stream", built.stat().st_size)


def entry_source(content, site: FeedSite) -> EntrySource:
    image = getattr(content, "lead_image", None)
    return EntrySource(
        source_path=relative_source(content).rsplit(".", 1)[0],
        url=content.url,
        title=content.title,
        published=published_at(content),
        updated=updated_at(content),
        authors=tuple(str(author) for author in getattr(content, "authors", ())),
        categories=tuple(_categories(content)),
        summary=content.summary,
        body=content.content if site.full_content else None,
        corrections=tuple((c.date, str(c.text)) for c in getattr(content, "corrections", ())),
        image=image,
        image_file=_image_file(image, site),
    )


def _enclosure(source: EntrySource, site: FeedSite) -> Enclosure | None:
    image, built = source.image, source.image_file
    if image is None or built is None:
        return None
    return Enclosure(site.absolute(image.src), built.media_type, built.size, image.width, image.height)


def _figure(image, url: str) -> str:
    caption = " ".join(part for part in (image.caption, image.credit) if part)
    figcaption = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    return (
        f'<figure><img src="{escape(url)}" alt="{escape(image.alt)}" '
        f'width="{image.width}" height="{image.height}">{figcaption}</figure>'
    )


def _correction_notice(source: EntrySource, site: FeedSite) -> str:
    """The article page's "Ralat" note, so that subscribers see what was corrected."""
    if not source.corrections:
        return ""
    lines = "".join(
        f"<p>{escape(format_datetime(date, site.zone.key))}: {text}</p>" for date, text in source.corrections
    )
    return f"<blockquote><p><strong>Ralat</strong></p>{lines}</blockquote>"


def entry_data(source: EntrySource, site: FeedSite) -> EntryData:
    """The entry made from ``source`` alone (and the site's settings): what may be kept."""
    permalink = site.absolute(source.url)
    enclosure = _enclosure(source, site)
    notice = _correction_notice(source, site)
    body = None
    if source.body is not None:
        body = feed_html(notice + source.body, permalink, keep_baca_juga=site.keep_baca_juga)
        if enclosure:
            body = xml_text(_figure(source.image, enclosure.url)) + body
    return EntryData(
        id=entry_id(source, site),
        title=xml_text(source.title).strip(),
        link=permalink,
        published=site.local(source.published),
        updated=site.local(source.updated),
        authors=tuple(xml_text(author) for author in source.authors),
        categories=source.categories,
        summary=feed_html(
            source.summary if body is not None else notice + source.summary,
            permalink,
            keep_baca_juga=site.keep_baca_juga,
        ),
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
