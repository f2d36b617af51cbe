"""Which feeds the site has: one per listing (all, category, tag, region, author) plus
rule-explainer updates, each in RSS 2.0 and Atom 1.0, at stable documented paths.

The catalog is put in the template context as ``feeds``: ``feeds.for_page(page_name)``
gives the feeds a page advertises in its ``<head>``, ``feeds.own(page_name)`` a listing's
own feed, ``feeds.groups`` every feed for the "Langganan RSS" page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar

RSS, ATOM = "rss", "atom"
MEDIA_TYPES = {RSS: "application/rss+xml", ATOM: "application/atom+xml"}
FORMAT_NAMES = {RSS: "RSS", ATOM: "Atom"}

ALL, CATEGORY, TAG, REGION, AUTHOR, EXPLAINERS = "all", "category", "tag", "region", "author", "explainers"
# (kind, heading on the subscription page, feed title prefix, description template)
KINDS = {
    ALL: ("Semua berita", "Semua berita", "Semua berita terbaru dari {site}."),
    EXPLAINERS: (
        "Penjelasan aturan",
        "Penjelasan aturan",
        "Penjelasan aturan pemilu dan pilkada yang baru terbit atau diperbarui di {site}.",
    ),
    CATEGORY: ("Kategori", "Kategori {name}", "Berita kategori {name} dari {site}."),
    REGION: ("Wilayah", "Wilayah {name}", "Berita dari {name} di {site}."),
    TAG: ("Tag", "Tag {name}", "Berita dengan tag {name} dari {site}."),
    AUTHOR: ("Pewarta", "Pewarta {name}", "Berita yang ditulis {name} untuk {site}."),
}


@dataclass(frozen=True)
class FeedFile:
    format: str
    path: str

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]

    @property
    def format_name(self) -> str:
        return FORMAT_NAMES[self.format]


@dataclass(eq=False)
class Feed:
    kind: str
    name: str
    title: str
    description: str
    # The HTML page the feed follows, relative to the site root ("" is the home page).
    page_url: str
    rss: FeedFile
    atom: FeedFile
    items: list = field(default_factory=list)
    # Templates show a feed's title and files; its entries are written by write_feeds. A page
    # linking the feed does not depend on every article in it (see unchanged_output).
    UNREAD_BY_TEMPLATES: ClassVar[tuple[str, ...]] = ("items",)

    @property
    def files(self) -> tuple[FeedFile, FeedFile]:
        return (self.rss, self.atom)


@dataclass
class FeedCatalog:
    feeds: list[Feed]
    # Listing page names (Pelican's ``page_name``) to the listing's own feed.
    by_page: dict[str, Feed]
    site_wide: Feed | None

    def own(self, page_name: str | None) -> Feed | None:
        return self.by_page.get(page_name or "")

    def for_page(self, page_name: str | None) -> list[Feed]:
        """The page's own feed first (what readers pick), then the site-wide feed."""
        found = [self.own(page_name), self.site_wide]
        return list(dict.fromkeys(feed for feed in found if feed is not None))

    @property
    def groups(self) -> list[tuple[str, list[Feed]]]:
        headings: dict[str, list[Feed]] = {}
        for feed in self.feeds:
            headings.setdefault(KINDS[feed.kind][0], []).append(feed)
        return list(headings.items())


def rule_explainers(context: dict) -> list:
    """The published rule explainers, from the explainers plugin's generator."""
    return list(context.get("explainers", []))


def published_at(content) -> datetime:
    return content.date


def updated_at(content) -> datetime:
    return getattr(content, "modified", None) or content.date


def _newest_first(items: Iterable, key) -> list:
    return sorted(items, key=lambda item: (key(item), item.url), reverse=True)


def build_catalog(context: dict, settings: dict) -> FeedCatalog:
    paths = settings["FEED_PATHS"]
    site = settings["SITENAME"]
    limit = settings.get("FEED_MAX_ITEMS") or None
    taxonomy_limit = min(filter(None, (limit, settings.get("FEED_MAX_ITEMS_TAXONOMY"))), default=None)

    def make(
        kind: str,
        items: Iterable,
        page_url: str,
        name: str = "",
        slug: str = "",
        order=published_at,
        most=limit,
    ):
        _, title, description = KINDS[kind]
        files = [FeedFile(form, paths[kind].format(slug=slug, format=form)) for form in (RSS, ATOM)]
        return Feed(
            kind=kind,
            name=name,
            title=f"{site} — {title.format(name=name)}",
            description=description.format(name=name, site=site),
            page_url=page_url,
            rss=files[0],
            atom=files[1],
            items=_newest_first(items, order)[:most],
        )

    feeds: list[Feed] = []
    by_page: dict[str, Feed] = {}
    site_wide = None
    if context.get("articles"):
        site_wide = make(ALL, context["articles"], "")
        feeds.append(site_wide)
        by_page["index"] = site_wide
    explainers = rule_explainers(context)
    if explainers:
        explainer_feed = make(EXPLAINERS, explainers, settings.get("EXPLAINERS_URL", ""), order=updated_at)
        feeds.append(explainer_feed)
        # The explainer index advertises the explainer feed (page_name set by the explainers plugin).
        by_page["aturan/index"] = explainer_feed
    taxonomies = (
        (CATEGORY, context.get("categories", [])),
        (REGION, context.get("regions", [])),
        (TAG, context.get("tags", [])),
        (AUTHOR, context.get("authors", [])),
    )
    for kind, listings in taxonomies:
        for wrapper, articles in sorted(listings, key=lambda pair: pair[0].slug):
            feed = make(
                kind, articles, wrapper.url, name=str(wrapper), slug=wrapper.slug, most=taxonomy_limit
            )
            feeds.append(feed)
            by_page[wrapper.page_name] = feed
    return FeedCatalog(feeds, by_page, site_wide)
