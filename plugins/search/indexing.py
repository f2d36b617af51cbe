"""Which search bundles a build indexes, and the list of them that the search page loads.

The indexed pages are split into shards (``search.pagefind``). Each shard is a Pagefind
bundle of its own (``SEARCH_BUNDLE_DIR/<n>/``), listed in ``SEARCH_BUNDLE_DIR/bundles.json``,
and the search page merges them (Pagefind's ``mergeIndex``: one WebAssembly module, results
ranked together). A shard whose pages read as they did for the previous build keeps its
published bundle.

Indexing a 2,000-page shard again for one edited article takes seconds. So the pages that
read differently from the version their shard's bundle holds (edited or new ones) are
indexed into one small bundle of their own, the overlay (``SEARCH_BUNDLE_DIR/overlay/``),
and their shards keep their bundles. ``bundles.json`` lists as hidden the fragments of the
old versions and of pages gone from the site; the search page leaves those out of its
results. Past ``SEARCH_OVERLAY_PAGES`` overlaid or hidden pages, the shards holding most of
them are indexed again, until the overlay holds at most half that many. Bundles are indexed
as many at once as there are cores.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from search.pagefind import SearchIndexError, Shard, index_bundle, shards_of
from search.published import KeptBundle, PublishedBundles, fragment_names
from warta_common.cores import usable_cores
from warta_common.output_files import keep_or_write

OVERLAY = "overlay"
MANIFEST = "bundles.json"


def index_site(site: Path, settings: dict) -> None:
    """Index the marked pages under ``site`` into ``site/<SEARCH_BUNDLE_DIR>/``, keeping the
    published bundles that still serve."""
    published = PublishedBundles(site, settings)
    shards = shards_of(site, settings, published.digests)
    kept, to_index = _kept_shards(shards, published, settings["SEARCH_OVERLAY_PAGES"])
    overlay = _overlay(kept)
    kept_overlay = published.keepable(overlay, stale_allowed=False) if overlay else None
    folder = site / settings["SEARCH_BUNDLE_DIR"]
    _remove_other_bundles(folder, keep=set(kept) | ({OVERLAY} if kept_overlay else set()))
    if overlay and not kept_overlay:
        to_index.append(overlay)
    indexed = _index(site, to_index, settings, published)
    if _hidden_elsewhere(kept, kept_overlay, indexed):
        # Fragment ids are short hashes: one page's old id may name another's fragment in
        # another bundle, and hiding it would hide that page too.
        shutil.rmtree(folder / OVERLAY, ignore_errors=True)
        published.forget(OVERLAY)
        overlay = kept_overlay = None
        folded = _fold(kept, shards, leave=0)
        for shard in folded:
            shutil.rmtree(folder / shard.name, ignore_errors=True)
        _index(site, folded, settings, published)
    for bundle in [*kept.values(), *([kept_overlay] if kept_overlay else [])]:
        published.keep(bundle)
    manifest = {
        "bundles": [f"{shard.name}/" for shard in shards] + ([f"{OVERLAY}/"] if overlay else []),
        "hidden": sorted(fragment for bundle in kept.values() for fragment in bundle.superseded),
    }
    written = folder / MANIFEST
    keep_or_write(written, published.folder / written.relative_to(site), json.dumps(manifest).encode())
    published.save()


def _kept_shards(
    shards: list[Shard], published: PublishedBundles, limit: int
) -> tuple[dict[str, KeptBundle], list[Shard]]:
    """The shards whose published bundles are kept, and those to index. Past ``limit`` pages
    to overlay or to hide, the shards holding most of them are indexed again, until at most
    half the limit is left: the overlay is emptied a few shards at a time, not all at once."""
    kept: dict[str, KeptBundle] = {}
    to_index: list[Shard] = []
    for shard in shards:
        bundle = published.keepable(shard, stale_allowed=True)
        if bundle is None:
            to_index.append(shard)
        else:
            kept[shard.name] = bundle
    if _overlaid(kept.values()) > limit:
        to_index += _fold(kept, shards, leave=limit // 2)
    return kept, to_index


def _overlaid(bundles: Iterable[KeptBundle]) -> int:
    """How many pages the overlay holds, or hides, for ``bundles`` (the larger count)."""
    bundles = list(bundles)
    return max(sum(len(b.stale) for b in bundles), sum(len(b.superseded) for b in bundles))


def _fold(kept: dict[str, KeptBundle], shards: list[Shard], leave: int) -> list[Shard]:
    """Take the shards whose bundles hold most old versions out of ``kept``, until the overlay
    holds at most ``leave`` pages (0: every shard holding one); they are indexed again."""
    by_stale_pages = sorted(
        (shard for shard in shards if shard.name in kept),
        key=lambda shard: _overlaid([kept[shard.name]]),
        reverse=True,
    )
    folded = []
    for shard in by_stale_pages:
        if _overlaid(kept.values()) <= leave:
            break
        del kept[shard.name]
        folded.append(shard)
    return folded


def _overlay(kept: dict[str, KeptBundle]) -> Shard | None:
    pages = {relative: digest for bundle in kept.values() for relative, digest in bundle.stale.items()}
    return Shard(OVERLAY, pages) if pages else None


def _index(
    site: Path, bundles: list[Shard], settings: dict, published: PublishedBundles
) -> dict[str, set[str]]:
    """Index ``bundles``; returns the fragment ids of each."""
    fragments = {}
    with ThreadPoolExecutor(max_workers=min(usable_cores(), max(1, len(bundles)))) as pool:
        failures = pool.map(lambda shard: index_bundle(site, shard, settings), bundles)
        for shard, failure in zip(bundles, failures, strict=True):
            if failure:
                raise SearchIndexError(failure)
            fragments[shard.name] = fragment_names(published.record(shard))
    return fragments


def _hidden_elsewhere(
    kept: dict[str, KeptBundle], kept_overlay: KeptBundle | None, indexed: dict[str, set[str]]
) -> bool:
    """Whether a fragment to hide has the id of a fragment in another bundle."""
    if not any(bundle.superseded for bundle in kept.values()):
        return False
    fragments = {name: bundle.fragment_names() for name, bundle in kept.items()} | indexed
    if kept_overlay:
        fragments[OVERLAY] = kept_overlay.fragment_names()
    return any(
        fragment in names
        for name, bundle in kept.items()
        for fragment in bundle.superseded
        for other, names in fragments.items()
        if other != name
    )


def _remove_other_bundles(folder: Path, keep: set[str]) -> None:
    """Clear the bundle folder but for the bundles kept as they are: when Pelican writes
    into the published folder itself, old bundles and fragments are there."""
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            if entry.name not in keep:
                shutil.rmtree(entry)
        elif entry.name != MANIFEST:
            entry.unlink()
