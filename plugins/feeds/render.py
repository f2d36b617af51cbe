"""A feed's RSS 2.0 and Atom 1.0 documents, built with feedgen.

Nothing depends on the build's clock: the feed's last-updated date is its newest
entry's, so unchanged content gives byte-identical feeds.
"""

from __future__ import annotations

from feedgen.feed import FeedGenerator

from warta_common import build_cache

from . import extensions
from .catalog import RSS, Feed
from .entries import FeedSite, fill_entry
from .xml_text import xml_text

GENERATOR = "Warta"


def _feed_generator(feed: Feed, site: FeedSite, site_name: str) -> FeedGenerator:
    generator = FeedGenerator()
    generator.load_extension("dc", atom=False, rss=True)
    generator.load_extension("media")
    extensions.load(generator)
    generator.title(xml_text(feed.title))
    generator.description(xml_text(feed.description))
    generator.language("id")
    generator.author(name=xml_text(site_name))
    generator.generator(GENERATOR)
    entries = [site.entry(content) for content in feed.items]
    generator.updated(max(entry.data.updated for entry in entries))
    for entry in entries:
        # Every generator loads the same extensions, so an entry filled for one feed
        # (which registered them) is added as it is to the next.
        if entry.feed_entry is None:
            entry.feed_entry = generator.add_entry(order="append")
            fill_entry(entry.feed_entry, entry.data)
        else:
            generator.add_entry(entry.feed_entry, order="append")
    return generator


STYLESHEET_TYPES = {".xsl": "text/xsl", ".css": "text/css"}


def _with_stylesheets(document: bytes, hrefs: dict[str, str]) -> bytes:
    """Browsers show the feed through the XSL stylesheet, or the CSS one where XSLT is gone;
    feed readers ignore both instructions."""
    declaration, newline, rest = document.partition(b"\n")
    instructions = "".join(
        f'<?xml-stylesheet type="{STYLESHEET_TYPES[suffix]}" href="{href}"?>\n'
        for suffix, href in hrefs.items()
    )
    return declaration + newline + instructions.encode() + rest


def render_feed(
    feed: Feed, site: FeedSite, site_name: str, stylesheet_hrefs: dict[str, str]
) -> dict[str, bytes]:
    """The documents of ``feed``, by format (``rss``, ``atom``)."""
    generator = _feed_generator(feed, site, site_name)
    page = site.absolute(feed.page_url)
    documents = {}
    for feed_file in feed.files:
        self_url = site.absolute(feed_file.path)
        generator.id(self_url)
        # feedgen takes RSS's channel <link> from the last link given.
        generator.link(
            [
                {"href": self_url, "rel": "self", "type": feed_file.media_type},
                {"href": page, "rel": "alternate", "type": "text/html"},
            ],
            replace=True,
        )
        render = generator.rss_str if feed_file.format == RSS else generator.atom_str
        documents[feed_file.format] = _with_stylesheets(render(pretty=True), stylesheet_hrefs)
    return documents


def feed_key(feed: Feed, site: FeedSite, site_name: str, stylesheet_hrefs: dict[str, str]) -> str:
    """A digest of everything ``render_feed`` reads: the same key gives the same documents."""
    shaping = (
        site_name,
        feed.title,
        feed.description,
        feed.page_url,
        [(feed_file.format, feed_file.path) for feed_file in feed.files],
        sorted(stylesheet_hrefs.items()),
    )
    entries = (site.entry(content).key for content in feed.items)
    return build_cache.digest(site.fingerprint, repr(shaping), *entries)
