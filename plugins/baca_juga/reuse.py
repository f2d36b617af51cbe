"""The engine's matches, and the terms it counted, kept for the next build.

Scoring every article against all others is the engine's whole cost (about a second at
10,000 articles). A build whose articles read the same to the engine — the same documents
(see ``documents``), drafts, tuning and number of matches wanted — gets the same matches,
so they are taken from ``CACHE_PATH`` instead: a rebuild after a change the engine does not
read (a listing, a template, an image, a field it ignores) scores nothing.

A build whose articles do read differently (an edit) scores them all again, as every
keyword's weight depends on all articles; but counting the terms, most of the work, is done
again only for the chunks of articles whose titles or bodies changed.
"""

from __future__ import annotations

import io
import pickle
from collections.abc import Sequence
from pathlib import Path

from warta_common import build_cache, text

from .records import Document, Match
from .settings import Tuning


def _inputs_key(*inputs: object) -> str:
    stream = io.BytesIO()
    pickler = pickle.Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL)
    # Without a memo, equal inputs give equal bytes whether or not they share objects.
    pickler.fast = True
    pickler.dump(inputs)
    return build_cache.digest(stream.getvalue())


def matches(
    settings: dict, articles: Sequence[Document], drafts: Sequence[Document], tuning: Tuning, limit: int
) -> dict[str, list[Match]]:
    """``RelatedIndex(articles, tuning).related(drafts, limit)``, from the cache when its
    inputs are those of the previous build."""
    if not build_cache.enabled(settings):
        return _scored(articles, drafts, tuning, limit)
    path = build_cache.cache_file(settings, "baca-juga", build_cache.code_fingerprint(__file__))
    # Asked for even when unused, so that it counts as in use (see build_cache.in_use).
    terms = build_cache.cache_file(
        settings,
        "counted-terms",
        build_cache.code_fingerprint(__file__),
        build_cache.code_fingerprint(text.__file__),
    )
    key = _inputs_key(list(articles), list(drafts), tuning, limit)
    kept = build_cache.load(path).get(key)
    if isinstance(kept, dict):
        return kept
    found = _scored(articles, drafts, tuning, limit, terms)
    build_cache.save(path, {key: found})
    return found


def _scored(
    articles: Sequence[Document],
    drafts: Sequence[Document],
    tuning: Tuning,
    limit: int,
    terms: Path | None = None,
) -> dict[str, list[Match]]:
    """The engine's matches; with ``terms``, a cache file of the chunks of terms counted."""
    # Imported here: a build whose matches are reused never loads numpy and scipy.
    from .engine import RelatedIndex

    counted = build_cache.load(terms) if terms else {}
    index = RelatedIndex(articles, tuning, counted=counted)
    found = index.related(drafts, limit=limit)
    used = index.text.keywords.used
    if terms and used.keys() != counted.keys():
        build_cache.save(terms, used)
    return found
