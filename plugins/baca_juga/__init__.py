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

from pelican import signals
from pelican.generators import ArticlesGenerator

from warta_common.schema import add_field

from . import overrides
from .documents import document
from .engine import RelatedIndex
from .placement import Link, place
from .settings import DEFAULTS, tuning
from .summary import freeze_summary


def apply_defaults(pelican) -> None:
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


def _link(article) -> Link:
    # Pelican resolves {filename} links when the body is read, for every SITEURL and
    # RELATIVE_URLS setting, as it does for an editor's own links.
    return Link(href="{filename}/" + article.get_relative_source_path(), title=article.title)


def link_related(generators) -> None:
    generator = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    if generator is None:
        return
    settings = generator.settings
    inline_count = settings["BACA_JUGA_INLINE_COUNT"]
    list_count = settings["BACA_JUGA_RELATED_COUNT"]
    published = {article.slug: article for article in generator.articles}
    drafts = [*generator.drafts]
    unpublished = {article.slug: article for article in [*drafts, *generator.hidden_articles]}
    sources = sorted([*generator.articles, *drafts], key=lambda a: a.source_path)
    chosen = {a.source_path: overrides.resolve(a, published, unpublished) for a in sources}
    most_chosen = max((len(c) for c in chosen.values()), default=0)
    index = RelatedIndex([document(a) for a in generator.articles], tuning(settings))
    matches = index.related([document(a) for a in drafts], limit=inline_count + list_count + most_chosen)
    for article in sources:
        ranked = list(
            dict.fromkeys([*chosen[article.source_path], *(published[m.key] for m in matches[article.slug])])
        )
        body, placed = place(
            article._content,
            [_link(target) for target in ranked[:inline_count]],
            settings["BACA_JUGA_LABEL"],
            settings["BACA_JUGA_MIN_WORDS_BETWEEN"],
        )
        if placed:
            freeze_summary(article)
            article._content = body
        article.related_articles = ranked[placed : placed + list_count]


def register() -> None:
    add_field("article", overrides.FIELD)
    signals.initialized.connect(apply_defaults)
    signals.all_generators_finalized.connect(link_related)
