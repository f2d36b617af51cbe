"""One article or explainer as a feed entry: stable id, absolute links, dates, media."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
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


def _lead_image(content, site: FeedSite) -> tuple[str, str, int] | None:
    image = getattr(content, "lead_image", None)
    if image is None:
        return None
    built = site.output_path / image.src
    if not built.is_file():
        return None
    media_type = mimetypes.guess_type(built.name)[0] or "application/octet-stream"
    return site.absolute(image.src), media_type, built.stat().st_size


def _figure(content, url: str) -> str:
    image = content.lead_image
    caption = " ".join(part for part in (image.caption, image.credit) if part)
    figcaption = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    return (
        f'<figure><img src="{escape(url)}" alt="{escape(image.alt)}" '
        f'width="{image.width}" height="{image.height}">{figcaption}</figure>'
    )


def fill_entry(entry: FeedEntry, content, site: FeedSite) -> None:
    """Fill ``entry`` (made by the feed, so it has the feed's extensions) from ``content``."""
    permalink = site.absolute(content.url)
    identifier = entry_id(content, site)
    entry.id(identifier)
    entry.guid(identifier, permalink=False)
    entry.title(xml_text(content.title).strip())
    entry.link(href=permalink, rel="alternate", type="text/html")
    entry.atom_links.add(href=permalink, rel="alternate", type="text/html")
    entry.published(site.local(published_at(content)))
    entry.updated(site.local(updated_at(content)))
    entry.rss_modified.modified = site.local(updated_at(content))
    for author in getattr(content, "authors", ()):
        entry.author(name=xml_text(str(author)))
        entry.dc.dc_creator(xml_text(str(author)))
    for name in _categories(content):
        entry.category(term=name, label=name)
    entry.summary(feed_html(content.summary, permalink, keep_baca_juga=site.keep_baca_juga), type="html")
    lead_image = _lead_image(content, site)
    if site.full_content:
        body = feed_html(content.content, permalink, keep_baca_juga=site.keep_baca_juga)
        if lead_image:
            body = _figure(content, lead_image[0]) + body
        entry.content(xml_text(body), type="html")
    if lead_image:
        url, media_type, size = lead_image
        entry.enclosure(url, str(size), media_type)
        entry.atom_links.add(href=url, rel="enclosure", type=media_type, length=str(size))
        image = content.lead_image
        entry.media.content(
            url=url,
            type=media_type,
            medium="image",
            fileSize=str(size),
            width=str(image.width),
            height=str(image.height),
            group=None,
        )
