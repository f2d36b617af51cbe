"""baca_juga: "Baca juga" links between an article's paragraphs, and its "Berita terkait" list.

Hooks:
- ``initialized``: settings defaults (``DEFAULTS``).
- ``all_generators_finalized``: once every article is read and the explainers plugin has set
  ``cited_rules`` and linked citations in the bodies, the relevance engine scores all articles
  at once; each article gets its inline boxes (in its body, as ``{filename}`` links that
  Pelican turns into URLs) and ``related_articles`` for ``partials/related.html``.

Only published articles are ever linked to; drafts get links too, so that editors can
preview them. Manual ``Related:`` choices come first.
"""

from __future__ import annotations

import logging
import time

from pelican import signals
from pelican.generators import ArticlesGenerator

from warta_common.schema import add_field

from . import overrides, reuse
from .documents import document
from .placement import Link, place
from .settings import DEFAULTS, tuning
from .summary import freeze_summary

logger = logging.getLogger(__name__)


def apply_defaults(pelican) -> None:
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


def _link(article) -> Link:
    # Pelican resolves {filename} links when the body is read, for every SITEURL and
    # RELATIVE_URLS setting, as it does for an editor's own links.
    return Link(href="{filename}/" + article.get_relative_source_path(), title=article.title)


def rank(generator) -> dict[str, list]:
    """Every article's related articles, best first: an editor's ``Related:`` choices, then
    the engine's matches. Keyed by source path; drafts included."""
    settings = generator.settings
    published = {article.slug: article for article in generator.articles}
    unpublished = {article.slug: article for article in [*generator.drafts, *generator.hidden_articles]}
    sources = [*generator.articles, *generator.drafts]
    chosen = {a.source_path: overrides.resolve(a, published, unpublished) for a in sources}
    wanted = settings["BACA_JUGA_INLINE_COUNT"] + settings["BACA_JUGA_RELATED_COUNT"]
    limit = wanted + max((len(c) for c in chosen.values()), default=0)
    matches = reuse.matches(
        settings,
        [document(a) for a in generator.articles],
        [document(a) for a in generator.drafts],
        tuning(settings),
        limit,
    )
    return {
        a.source_path: list(
            dict.fromkeys([*chosen[a.source_path], *(published[m.key] for m in matches[a.slug])])
        )[:wanted]
        for a in sources
    }


def insert_links(article, ranked: list, settings: dict) -> None:
    """The best related articles go between paragraphs, the next ones in ``related_articles``."""
    inline_count = settings["BACA_JUGA_INLINE_COUNT"]
    body, placed = place(
        article._content,
        [_link(target) for target in ranked[:inline_count]],
        settings["BACA_JUGA_LABEL"],
        settings["BACA_JUGA_MIN_WORDS_BETWEEN"],
    )
    if placed:
        freeze_summary(article)
        article._content = body
    article.related_articles = ranked[placed : placed + settings["BACA_JUGA_RELATED_COUNT"]]


def link_related(generators) -> None:
    generator = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    if generator is None:
        return
    started = time.perf_counter()
    ranking = rank(generator)
    ranked = time.perf_counter()
    for article in [*generator.articles, *generator.drafts]:
        insert_links(article, ranking[article.source_path], generator.settings)
    logger.info(
        "baca_juga: chose related articles for %d articles in %.2f s, placed links in %.2f s",
        len(ranking),
        ranked - started,
        time.perf_counter() - ranked,
    )


def register() -> None:
    add_field("article", overrides.FIELD)
    signals.initialized.connect(apply_defaults)
    signals.all_generators_finalized.connect(link_related)
