"""``sitemap.xml`` (split under an index beyond the protocol's 50,000 URLs), the Google News
sitemap and ``robots.txt``, written after the site's pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

from pelican.generators import Generator

from seo.head import last_modified
from seo.urls import absolute
from warta_common.clock import build_clock

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
INDEX_NAME = "sitemap.xml"
NEWS_NAME = "sitemap-news.xml"


@dataclass(frozen=True)
class Entry:
    loc: str
    lastmod: datetime | None


def _newest(contents) -> datetime | None:
    return max((m for m in map(last_modified, contents) if m), default=None)


def _url_element(entry: Entry) -> str:
    lastmod = f"<lastmod>{entry.lastmod.isoformat()}</lastmod>" if entry.lastmod else ""
    return f"<url><loc>{escape(entry.loc)}</loc>{lastmod}</url>"


def urlset(entries: list[Entry]) -> str:
    lines = [f'<urlset xmlns="{SITEMAP_NS}">', *map(_url_element, entries), "</urlset>"]
    return XML_DECLARATION + "\n".join(lines) + "\n"


def sitemap_index(children: list[Entry]) -> str:
    items = [
        f"<sitemap><loc>{escape(c.loc)}</loc>"
        + (f"<lastmod>{c.lastmod.isoformat()}</lastmod>" if c.lastmod else "")
        + "</sitemap>"
        for c in children
    ]
    lines = [f'<sitemapindex xmlns="{SITEMAP_NS}">', *items, "</sitemapindex>"]
    return XML_DECLARATION + "\n".join(lines) + "\n"


def news_sitemap(articles, settings: dict) -> str:
    name = escape(settings.get("SEO_PUBLISHER_NAME") or settings["SITENAME"])
    language = escape(settings.get("DEFAULT_LANG", "id"))
    items = [
        f"<url><loc>{escape(absolute(settings, a.url))}</loc><news:news><news:publication>"
        f"<news:name>{name}</news:name><news:language>{language}</news:language></news:publication>"
        f"<news:publication_date>{a.date.isoformat()}</news:publication_date>"
        f"<news:title>{escape(str(a.title))}</news:title></news:news></url>"
        for a in articles
    ]
    lines = [f'<urlset xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}">', *items, "</urlset>"]
    return XML_DECLARATION + "\n".join(lines) + "\n"


def robots_txt(settings: dict) -> str:
    lines = ["User-agent: *", "Allow: /"]
    lines += [f"Disallow: {path}" for path in settings["SEO_ROBOTS_DISALLOW"]]
    lines += ["", f"Sitemap: {absolute(settings, INDEX_NAME)}", f"Sitemap: {absolute(settings, NEWS_NAME)}"]
    return "\n".join(lines) + "\n"


def recent_articles(articles, settings: dict, now: datetime) -> list:
    """Published articles of the news window before ``now``, newest first, at most the news limit."""
    since = now - timedelta(hours=settings["SEO_NEWS_WINDOW_HOURS"])
    recent = [a for a in articles if since <= a.date <= now]
    recent.sort(key=lambda a: (a.date, a.url), reverse=True)
    return recent[: settings["SEO_NEWS_MAX_ARTICLES"]]


class SitemapGenerator(Generator):
    """Writes the sitemaps and robots.txt from the published content in the shared context."""

    def entries(self) -> list[Entry]:
        context, settings = self.context, self.settings
        articles = sorted(context.get("articles", []), key=lambda a: (a.date, a.url), reverse=True)
        entries = [Entry(absolute(settings, ""), _newest(articles))]
        entries += [Entry(absolute(settings, a.url), last_modified(a)) for a in articles]
        others = {c.url: c for key in settings["SEO_SITEMAP_CONTENT"] for c in context.get(key, [])}
        entries += [Entry(absolute(settings, url), last_modified(others[url])) for url in sorted(others)]
        for key in ("categories", "tags", "authors", "regions"):
            terms = sorted(context.get(key, []), key=lambda item: item[0].url)
            entries += [Entry(absolute(settings, term.url), _newest(members)) for term, members in terms]
        return entries

    def generate_output(self, writer) -> None:
        root = Path(self.output_path)
        settings = self.settings
        entries = self.entries()
        size = settings["SEO_SITEMAP_MAX_URLS"]
        if len(entries) <= size:
            (root / INDEX_NAME).write_text(urlset(entries), encoding="utf-8")
        else:
            children = []
            for number, start in enumerate(range(0, len(entries), size), start=1):
                chunk = entries[start : start + size]
                name = f"sitemap-{number}.xml"
                (root / name).write_text(urlset(chunk), encoding="utf-8")
                newest = max((e.lastmod for e in chunk if e.lastmod), default=None)
                children.append(Entry(absolute(settings, name), newest))
            (root / INDEX_NAME).write_text(sitemap_index(children), encoding="utf-8")
        recent = recent_articles(self.context.get("articles", []), settings, build_clock(settings))
        (root / NEWS_NAME).write_text(news_sitemap(recent, settings), encoding="utf-8")
        (root / "robots.txt").write_text(robots_txt(settings), encoding="utf-8")
