"""The ``Related:`` field: an editor's own choice of related articles, which comes first."""

from __future__ import annotations

import difflib

from warta_common import problems
from warta_common.schema import LIST, Field

FIELD = Field(
    "Related",
    LIST,
    example="bawaslu-mukomuko-buka-posko-pengaduan, posko-pengaduan-mukomuko-terima-aduan",
)


def requested(article) -> list[str]:
    """The slugs written in ``Related:``, in the editor's order, each once."""
    value = article.metadata.get("related", "")
    items = value if isinstance(value, list | tuple) else str(value).split(",")
    slugs = [str(item).strip() for item in items]
    return list(dict.fromkeys(s for s in slugs if s))


def resolve(article, published: dict, unpublished: dict) -> list:
    """The published articles an editor asked for; problems reported for the others."""
    chosen = []
    for slug in requested(article):
        if slug == article.slug:
            problems.report(article.source_path, FIELD.name, f"'{slug}' is this article itself — remove it")
        elif slug in published:
            chosen.append(published[slug])
        elif slug in unpublished:
            problems.report(
                article.source_path,
                FIELD.name,
                f"'{slug}' is not published yet (a draft or scheduled); it is left out until it is",
                warning=True,
            )
        else:
            close = difflib.get_close_matches(slug, sorted(published), n=1, cutoff=0.6)
            hint = f" — did you mean '{close[0]}'?" if close else ""
            problems.report(
                article.source_path,
                FIELD.name,
                f"'{slug}' is not the slug of any article{hint} (the slug is the last part of an"
                " article's address: /berita/<slug>/)",
            )
    return chosen
