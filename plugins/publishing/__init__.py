"""publishing: drafts and scheduled publishing.

- An article whose ``Date`` is later than the build clock is *scheduled*: it becomes a
  draft for this build, as Pelican's own ``WITH_FUTURE_DATES = False`` would make it, but
  against an injectable clock (``WARTA_BUILD_TIME``) instead of the wall clock.
- With ``WARTA_SHOW_DRAFTS`` (local preview) drafts and scheduled articles are written to
  ``draf/<slug>/`` with a "DRAF" banner; without it (production) they are dropped from the
  build entirely, so no listing, feed, sitemap, search index or related link can see them.

Everything happens at ``article_generator_pretaxonomy``: after Pelican sorted articles into
published and drafts, before categories, tags, authors, archives and every plugin that
lists articles read ``generator.articles``.
"""

from __future__ import annotations

from pelican import signals
from pelican.utils import order_content

from warta_common import problems
from warta_common.clock import SETTING, build_clock
from warta_common.dates import DateError, format_datetime

from .links import unlink_unpublished

DEFAULTS = {
    # The moment the build publishes up to; None is the wall clock when the build runs.
    SETTING: None,
    # Write drafts and scheduled articles to draf/<slug>/ (local preview only).
    "WARTA_SHOW_DRAFTS": False,
}


def apply_defaults(pelican) -> None:
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


def _clock(settings: dict):
    try:
        return build_clock(settings)
    except DateError as error:
        problems.report("(settings)", SETTING, str(error))
        return None


def _hold_back(articles: list, now) -> tuple[list, list]:
    """Split into (due, scheduled); scheduled ones become drafts for this build."""
    due = [article for article in articles if article.date <= now]
    scheduled = [article for article in articles if article.date > now]
    for article in scheduled:
        article.status = "draft"
        article.scheduled = True
    return due, scheduled


def _release_cached(generator) -> None:
    """Articles that an earlier build held back come back as drafts when Pelican serves them
    from its content cache (see ``content_cache``): they are published again, to be held
    back anew by this build's clock."""
    cached = [article for article in generator.drafts if getattr(article, "scheduled", False)]
    if not cached:
        return
    for article in cached:
        article.status = "published"
        del article.scheduled
    released = {id(article) for article in cached}
    generator.drafts = [article for article in generator.drafts if id(article) not in released]
    # In the order Pelican read the files, as a build that read them all would sort them.
    read_order = {id(content): n for n, content in enumerate(generator.context["generated_content"].values())}
    articles = sorted([*generator.articles, *cached], key=lambda article: read_order.get(id(article), 0))
    generator.articles = order_content(articles, generator.settings["ARTICLE_ORDER_BY"])


def hold_back_scheduled(generator) -> None:
    settings = generator.settings
    zone = settings["TIMEZONE"]
    _release_cached(generator)
    now = _clock(settings)
    if now is None:
        return
    generator.articles, scheduled = _hold_back(generator.articles, now)
    generator.translations, scheduled_translations = _hold_back(generator.translations, now)
    for article in scheduled:
        problems.report(
            article.source_path,
            "Date",
            f"scheduled — published by the first build from {format_datetime(article.date, zone)}"
            f" (this build's clock: {format_datetime(now, zone)})",
            note=True,
        )
    if settings["WARTA_SHOW_DRAFTS"]:
        generator.drafts = sorted(
            [*generator.drafts, *scheduled], key=lambda a: (a.date, a.source_path), reverse=True
        )
        generator.drafts_translations = [*generator.drafts_translations, *scheduled_translations]
    else:
        generator.drafts = []
        generator.drafts_translations = []


def drop_draft_pages(generator) -> None:
    if not generator.settings["WARTA_SHOW_DRAFTS"]:
        generator.draft_pages = []
        generator.draft_translations = []
        generator.context["draft_pages"] = []


def unlink_in_production(generators) -> None:
    """In production, a link to a draft or a scheduled article would be a dead link (and
    would leak the embargoed address): it becomes plain text until the target is published."""
    if generators and not generators[0].settings["WARTA_SHOW_DRAFTS"]:
        unlink_unpublished(generators)


def register() -> None:
    signals.initialized.connect(apply_defaults)
    signals.article_generator_pretaxonomy.connect(hold_back_scheduled)
    signals.page_generator_finalized.connect(drop_draft_pages)
    signals.all_generators_finalized.connect(unlink_in_production)
