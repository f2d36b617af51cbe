"""feeds: RSS 2.0 and Atom 1.0 feeds for subscribers, written with feedgen.

Feeds: all articles, each category, region, tag and author, and rule-explainer updates
(see :mod:`feeds.catalog`). Pelican's own feeds are off in ``pelicanconf.py``.

Hooks:
- ``initialized``: defaults.
- ``all_generators_finalized``: the catalog of feeds goes into the template context
  (``feeds``), for ``<head>`` autodiscovery, listing pages and the "Langganan RSS" page.
- ``get_generators``: :class:`FeedPagesGenerator` writes the "Langganan RSS" page and the
  stylesheets browsers use to show a feed (XSL, and CSS where XSLT is gone).
- ``finalized``: the feeds themselves are written last, when every article's HTML is final
  and every image is in the output (an enclosure's length is the built file's size). A
  feed whose entries and own data did not change since the last build is not written
  again, and an article's entry is prepared again only when the article changed (see
  :mod:`feeds.reuse`). Many feeds to write are shared out among processes
  (:mod:`feeds.writing`).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from pelican import signals
from pelican.generators import Generator

from warta_common.processes import process_count

from .catalog import ALL, AUTHOR, CATEGORY, EXPLAINERS, REGION, TAG, FeedCatalog, build_catalog
from .entries import FeedSite, feed_base_url, id_authority
from .render import feed_key
from .reuse import FeedStore
from .writing import FeedWriter

FEED_PATHS = {
    ALL: "feeds/semua.{format}.xml",
    EXPLAINERS: "feeds/aturan.{format}.xml",
    CATEGORY: "feeds/kategori/{slug}.{format}.xml",
    REGION: "feeds/wilayah/{slug}.{format}.xml",
    TAG: "feeds/tag/{slug}.{format}.xml",
    AUTHOR: "feeds/pewarta/{slug}.{format}.xml",
}

DEFAULTS = {
    # Entries carry the whole article; False gives the summary only.
    "FEED_FULL_CONTENT": True,
    # The host in entry ids (tag:HOST,DATE:PATH); empty means FEED_DOMAIN's host.
    "FEED_ID_AUTHORITY": "",
    # Entries of a category, region, tag or author feed (never more than FEED_MAX_ITEMS):
    # subscribers of a topic need the recent ones, the site-wide feed keeps FEED_MAX_ITEMS.
    "FEED_MAX_ITEMS_TAXONOMY": 50,
    "FEEDS_PAGE_URL": "langganan/",
    "FEEDS_PAGE_SAVE_AS": "langganan/index.html",
    "FEED_STYLESHEET_SAVE_AS": "feeds/tampilan.xsl",
}

# The XSL stylesheet, and a CSS one for browsers without XSLT (written next to it, as .css).
STYLESHEET_TEMPLATES = {".xsl": "feed_stylesheet.xsl", ".css": "feed_stylesheet.css"}

_catalogs: dict[str, FeedCatalog] = {}


def apply_defaults(pelican) -> None:
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)
    pelican.settings["FEED_PATHS"] = {**FEED_PATHS, **pelican.settings.get("FEED_PATHS", {})}
    # A check (`invoke check`) stops before `finalized`: its catalog is never written.
    _catalogs.clear()


def add_catalog(generators) -> None:
    context = generators[0].context
    settings = generators[0].settings
    catalog = build_catalog(context, settings)
    context["feeds"] = catalog
    _catalogs[generators[0].output_path] = catalog


def stylesheet_paths(settings: dict) -> dict[str, str]:
    """Where each stylesheet is written, by type (``.xsl``, ``.css``)."""
    xsl = PurePosixPath(settings["FEED_STYLESHEET_SAVE_AS"])
    return {suffix: str(xsl.with_suffix(suffix)) for suffix in STYLESHEET_TEMPLATES}


def stylesheet_hrefs(settings: dict) -> dict[str, str]:
    """Same-origin paths of the stylesheets: browsers apply them only from the feed's own site."""
    site_path = urlparse(settings.get("SITEURL") or "").path.rstrip("/")
    return {suffix: f"{site_path}/{path}" for suffix, path in stylesheet_paths(settings).items()}


class FeedPagesGenerator(Generator):
    """Writes the "Langganan RSS" page and the feeds' XSL stylesheet."""

    def generate_output(self, writer) -> None:
        catalog = self.context.get("feeds")
        if not catalog or not catalog.feeds:
            return
        writer.write_file(
            self.settings["FEEDS_PAGE_SAVE_AS"],
            self.get_template("langganan"),
            self.context,
            url=self.settings["FEEDS_PAGE_URL"],
            page_name="langganan",
            feed_base_url=feed_base_url(self.settings),
        )
        for suffix, path in stylesheet_paths(self.settings).items():
            writer.write_file(path, self.env.get_template(STYLESHEET_TEMPLATES[suffix]), self.context)


def get_generators(pelican):
    return FeedPagesGenerator


def write_feeds(pelican) -> None:
    catalog = _catalogs.pop(pelican.output_path, None)
    if catalog is None:
        return
    settings = pelican.settings
    output = Path(pelican.output_path)
    published = Path(settings.get("WARTA_PUBLISHED_OUTPUT") or output)
    store = FeedStore(settings, published)
    base_url = feed_base_url(settings)
    site = FeedSite(
        base_url=base_url,
        id_authority=id_authority(settings, base_url),
        zone=ZoneInfo(settings["TIMEZONE"]),
        output_path=output,
        full_content=settings["FEED_FULL_CONTENT"],
        keep_baca_juga=bool(settings.get("BACA_JUGA_IN_FEEDS", False)),
        stored=store.entries,
    )
    hrefs = stylesheet_hrefs(settings)
    changed = []
    for feed in catalog.feeds:
        key = feed_key(feed, site, settings["SITENAME"], hrefs)
        if not store.keep(feed.rss.path, key, output, published):
            changed.append((feed, key))
    writer = FeedWriter(store, site, settings["SITENAME"], hrefs, output, published)
    writer.write_all(changed, process_count(settings))
    store.save(writer.made_entries())


def register() -> None:
    signals.initialized.connect(apply_defaults)
    signals.all_generators_finalized.connect(add_catalog)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(write_feeds)
