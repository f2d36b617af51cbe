"""search: site search that works on a static host, with Pagefind.

Writes the search page (template ``search.html`` at ``SEARCH_URL``). The theme's
``partials/header_search.html`` puts a search box in the masthead, a plain link to the search
page when JavaScript is off. When Pelican has written every page (signal ``finalized``), the
Pagefind index is built over the output folder: for ``invoke build`` that is the staging
folder, so a failed indexing stops the build and leaves ``output/`` untouched; Pelican's own
command line builds the same index.

Only what templates mark with ``data-pagefind-body`` is indexed (articles and explainers);
``SEARCH_EXCLUDE_SELECTORS`` are left out of it (e.g. the inline "Baca juga" boxes). Large
sites are indexed in shards of ``SEARCH_SHARD_PAGES`` pages; a rebuild indexes the pages
that changed into a small overlay and keeps the shards' bundles (see ``search.indexing``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from search.indexing import index_site
from search.pagefind import SearchIndexError
from warta_common.problems import ContentErrors, Problem

DEFAULTS = {
    "SEARCH_URL": "cari/",
    "SEARCH_SAVE_AS": "cari/index.html",
    "SEARCH_BUNDLE_DIR": "pagefind",
    "SEARCH_LANGUAGE": "id",
    "SEARCH_EXCLUDE_SELECTORS": ["aside.baca-juga", ".related", "[data-pagefind-ignore]"],
    "SEARCH_RESULTS_SHOWN": 20,
    # Each word a reader searches loads one index chunk (about 20 KB at 2,000 pages) per
    # shard: fewer, larger shards are lighter for readers, smaller ones quicker to index.
    "SEARCH_SHARD_PAGES": 2000,
    "SEARCH_MAX_SHARDS": 16,
    # Pages changed since their shard was indexed are indexed apart, up to this many; past
    # it, the shards holding most of them are indexed again until half are left.
    "SEARCH_OVERLAY_PAGES": 200,
}


def apply_defaults(pelican) -> None:
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


class SearchPageGenerator(Generator):
    """Writes the search page; the Pagefind index is built after Pelican (see ``warta.build``)."""

    def generate_output(self, writer) -> None:
        writer.write_file(
            self.settings["SEARCH_SAVE_AS"],
            self.get_template("search"),
            self.context,
            url=self.settings["SEARCH_URL"],
            template_name="search",
            page_name=self.settings["SEARCH_URL"].strip("/"),
        )


def build_index(pelican) -> None:
    try:
        index_site(Path(pelican.output_path), pelican.settings)
    except SearchIndexError as error:
        problem = Problem("search index", "", str(error))
        print(problem, file=sys.stderr)
        raise ContentErrors([problem]) from None


def get_generators(pelican):
    return SearchPageGenerator


def register() -> None:
    signals.initialized.connect(apply_defaults)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(build_index)
