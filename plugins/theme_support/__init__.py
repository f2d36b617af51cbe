"""theme_support: Jinja filters and derived lists the theme needs, so templates hold no logic.

Filters (dates are shown in the site's ``TIMEZONE``, whatever the OS locale):
``id_date`` → *Selasa, 8 Oktober 2024*; ``id_datetime`` → *Selasa, 8 Oktober 2024 14:30 WIB*;
``id_short_date`` → *8 Oktober 2024*; ``id_month`` → *Oktober* (from a month number).

Articles: ``newer_in_category`` and ``older_in_category``, the neighbours of an article within
its category (or None). Each article's URL is worked out once, when the articles are final,
and kept as Pelican's documented ``override_url``: a 10,000-article site reads article URLs
some 300,000 times while rendering, and Pelican formats the URL setting anew on every read.

Context: ``category_sections``, a list of (category, newest articles) in the order of
``WARTA_CATEGORIES``, for the home page; ``menu_categories``, those categories alone, for
the menu on every page (a page that shows no article of the list does not depend on it,
so editing a recent article does not render every page again, see ``unchanged_output``).
"""

from __future__ import annotations

from functools import partial

from pelican import signals

from warta_common import dates

DEFAULTS = {
    "WARTA_HOME_SECTION_SIZE": 4,
}


def apply_defaults(pelican) -> None:
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


def add_filters(generator) -> None:
    zone = generator.settings["TIMEZONE"]
    generator.env.filters.update(
        id_date=partial(dates.format_date, zone=zone),
        id_datetime=partial(dates.format_datetime, zone=zone),
        id_short_date=partial(dates.format_short_date, zone=zone),
        id_month=dates.month_name,
    )


def add_category_sections(generator) -> None:
    order = {name: index for index, name in enumerate(generator.settings.get("WARTA_CATEGORIES", []))}
    size = generator.settings["WARTA_HOME_SECTION_SIZE"]
    sections = [(category, articles[:size]) for category, articles in generator.categories if articles]
    sections.sort(key=lambda item: (order.get(item[0].name, len(order)), item[0].name))
    generator.context["category_sections"] = sections
    generator.context["menu_categories"] = [category for category, _ in sections]


def link_category_neighbours(generator) -> None:
    for _, articles in generator.categories:
        # Pelican lists each category's articles newest first.
        for index, article in enumerate(articles):
            article.newer_in_category = articles[index - 1] if index > 0 else None
            article.older_in_category = articles[index + 1] if index + 1 < len(articles) else None


def fix_article_urls(generator) -> None:
    """Status (draft or published) and slug are settled before ``article_generator_finalized``."""
    for article in [
        *generator.articles,
        *generator.translations,
        *generator.drafts,
        *generator.drafts_translations,
        *generator.hidden_articles,
        *generator.hidden_translations,
    ]:
        article.override_url = article.url


def register() -> None:
    signals.initialized.connect(apply_defaults)
    signals.generator_init.connect(add_filters)
    signals.article_generator_finalized.connect(add_category_sections)
    signals.article_generator_finalized.connect(link_category_neighbours)
    signals.article_generator_finalized.connect(fix_article_urls)
