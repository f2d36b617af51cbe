"""Pelican articles as the engine's plain :class:`~.records.Document` records."""

from __future__ import annotations

from warta_common import text

from .records import Document

SECONDS_PER_DAY = 86400


def document(article) -> Document:
    """What relevance reads from an article: title, written summary and body text, tags,
    region, category, cited rules (set by the explainers plugin) and date."""
    written_summary = article.metadata.get("summary", "")
    return Document(
        key=article.slug,
        day=article.date.timestamp() / SECONDS_PER_DAY,
        title=text.plain_text(article.title),
        body=text.plain_text(f"{written_summary} {article._content}"),
        tags=tuple(str(tag) for tag in getattr(article, "tags", None) or ()),
        region=str(getattr(article, "region", None) or ""),
        category=str(getattr(article, "category", None) or ""),
        rules=tuple(getattr(article, "cited_rules", None) or ()),
    )
