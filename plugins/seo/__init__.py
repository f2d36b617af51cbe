"""seo: what search engines and social networks read.

Every page gets a canonical URL, OpenGraph and Twitter card tags and JSON-LD
(``NewsArticle`` and ``BreadcrumbList`` on articles, ``WebSite`` on the home page,
``BreadcrumbList`` on explainers and listings; the explainers plugin adds ``FAQPage``).
The theme's ``partials/head_meta.html`` renders them from the Jinja global ``seo_head()``.

The site gets ``sitemap.xml`` (an index of numbered child sitemaps beyond
``SEO_SITEMAP_MAX_URLS`` URLs), ``sitemap-news.xml`` (Google News: published articles of
the last ``SEO_NEWS_WINDOW_HOURS`` hours before the build clock, see ``warta_common.clock``) and
``robots.txt`` pointing to both.
"""

from __future__ import annotations

from pelican import signals

from seo.head import seo_head_for
from seo.sitemaps import SitemapGenerator

DEFAULTS = {
    "SEO_SITEMAP_MAX_URLS": 50_000,
    "SEO_SITEMAP_CONTENT": ["pages", "explainers", "explainer_regulations"],
    "SEO_NEWS_WINDOW_HOURS": 48,
    "SEO_NEWS_MAX_ARTICLES": 1_000,
    "SEO_PUBLISHER_NAME": None,
    "SEO_PUBLISHER_LOGO": "img/warta-logo.png",
    "SEO_DEFAULT_IMAGE": "img/warta-card.png",
    "SEO_TWITTER_SITE": "",
    "SEO_ROBOTS_DISALLOW": ["/draf/"],
}


def apply_defaults(pelican) -> None:
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


def add_globals(generator) -> None:
    generator.env.globals["seo_head"] = seo_head_for(generator.settings, generator.env)


def get_generators(pelican):
    return SitemapGenerator


def register() -> None:
    signals.initialized.connect(apply_defaults)
    signals.generator_init.connect(add_globals)
    signals.get_generators.connect(get_generators)
