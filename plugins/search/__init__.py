"""search: site search that works on a static host, with Pagefind.

Writes the search page (template ``search.html`` at ``SEARCH_URL``). The theme's
``partials/header_search.html`` puts a search box in the masthead, a plain link to the search
page when JavaScript is off. Once every indexed page is written, the Pagefind index is
built over the output folder: for ``invoke build`` that is the staging folder, so a failed
indexing stops the build and leaves ``output/`` untouched; Pelican's own command line
builds the same index.

The search page's generator comes after every other plugin's, just before Pelican's static
files. When nothing but those is written after it, it starts the indexing there, in a
forked process, and the build writes the static files and the feeds meanwhile; when Pelican
has finished (signal ``finalized``, after the feeds, which are registered before) the build
waits for it. Otherwise (another generator after it, or one process only:
``WARTA_RENDER_PROCESSES = 1``, and off Linux) the index is built at ``finalized``.

Only what templates mark with ``data-pagefind-body`` is indexed (articles and explainers);
``SEARCH_EXCLUDE_SELECTORS`` are left out of it (e.g. the inline "Baca juga" boxes). Large
sites are indexed in shards of ``SEARCH_SHARD_PAGES`` pages; a rebuild indexes the pages
that changed into a small overlay and keeps the shards' bundles (see ``search.indexing``).
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

from pelican import signals
from pelican.generators import Generator, StaticGenerator

from search.indexing import index_site
from search.pagefind import SearchIndexError
from warta_common.output_files import keep_files, kept_files
from warta_common.problems import ContentErrors, Problem
from warta_common.processes import Background, finish_background, process_count

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


# Indexing started in the background, by the build's settings.
_started: dict[int, Background] = {}


def apply_defaults(pelican) -> None:
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)
    # Started by a build that failed before it could wait for it (``warta.build`` did; Pelican's
    # --autoreload goes on to the next build): done before this build writes.
    finish_background()
    _started.clear()


class SearchPageGenerator(Generator):
    """Writes the search page, then starts indexing the site if nothing else writes pages
    after it (see ``note_generator_order``)."""

    # Set once the generators are known: whether only static files are written after this one.
    last_to_write_pages = False

    def generate_output(self, writer) -> None:
        writer.write_file(
            self.settings["SEARCH_SAVE_AS"],
            self.get_template("search"),
            self.context,
            url=self.settings["SEARCH_URL"],
            template_name="search",
            page_name=self.settings["SEARCH_URL"].strip("/"),
        )
        if self.last_to_write_pages and process_count(self.settings) > 1:
            site, settings = Path(self.output_path), self.settings
            _started[id(settings)] = Background(functools.partial(_index_and_report, site, settings))


def note_generator_order(generators) -> None:
    for position, generator in enumerate(generators):
        if isinstance(generator, SearchPageGenerator):
            later = generators[position + 1 :]
            generator.last_to_write_pages = all(isinstance(other, StaticGenerator) for other in later)


def _index_and_report(site: Path, settings: dict) -> tuple[str | None, dict[str, str]]:
    """Index the site; returns what went wrong (or None) and the published files kept for
    the staging folder (see ``output_files.link_published``)."""
    try:
        index_site(site, settings)
    except SearchIndexError as error:
        return str(error), {}
    return None, kept_files()


def build_index(pelican) -> None:
    started = _started.pop(id(pelican.settings), None)
    if started is None:
        failure, kept = _index_and_report(Path(pelican.output_path), pelican.settings)
    else:
        failure, kept = started.wait()
        keep_files(kept)
    if failure:
        problem = Problem("search index", "", failure)
        print(problem, file=sys.stderr)
        raise ContentErrors([problem]) from None


def get_generators(pelican):
    return SearchPageGenerator


def register() -> None:
    signals.initialized.connect(apply_defaults)
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(note_generator_order)
    signals.finalized.connect(build_index)
