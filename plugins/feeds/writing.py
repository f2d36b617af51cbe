"""Writing the feeds that changed, shared out among processes when there are many.

A cold build of 10,000 articles writes some 400 feeds (every tag, region and author has
one): feedgen and lxml take seconds for them on one core. Like the articles generator's
pages, they are shared out among forked processes (``warta_common.processes``): each one
prepares the entries of its feeds, writes their files and reports back what the build
records — the files it wrote and the entries it prepared, kept for the next build.
"""

from __future__ import annotations

from pathlib import Path

from warta_common.output_files import keep_files, keep_or_write, kept_files
from warta_common.processes import render_split

from .catalog import Feed
from .entries import EntryData, FeedSite
from .render import render_feed
from .reuse import FeedRecord, FeedStore

# Below this many feeds to write, starting processes costs more than it saves.
PROCESS_THRESHOLD = 24


class FeedWriter:
    def __init__(
        self,
        store: FeedStore,
        site: FeedSite,
        site_name: str,
        hrefs: dict[str, str],
        output: Path,
        published: Path,
    ) -> None:
        self.store, self.site = store, site
        self.site_name, self.hrefs = site_name, hrefs
        self.output, self.published = output, published
        # Entries prepared by the other processes, by key.
        self._made_elsewhere: dict[str, EntryData] = {}

    def write_all(self, feeds: list[tuple[Feed, str]], processes: int) -> None:
        """Write each (feed, key), on up to ``processes`` processes."""
        if len(feeds) < PROCESS_THRESHOLD:
            processes = 1
        render_split(feeds, self._write, self._report, self._merge, processes)

    def made_entries(self) -> dict[str, EntryData]:
        """Every entry prepared in this build, by key: what the next build may reuse."""
        here = {entry.key: entry.made for entry in self.site.prepared.values() if entry.made is not None}
        return {**self._made_elsewhere, **here}

    def _write(self, item: tuple[Feed, str]) -> None:
        feed, key = item
        documents = render_feed(feed, self.site, self.site_name, self.hrefs)
        for feed_file in feed.files:
            keep_or_write(
                self.output / feed_file.path, self.published / feed_file.path, documents[feed_file.format]
            )
        self.store.record(feed.rss.path, key, self.output, [feed_file.path for feed_file in feed.files])

    def _report(self) -> tuple[dict[str, FeedRecord], dict[str, EntryData], dict[str, str]]:
        return self.store.written(), self.made_entries(), kept_files()

    def _merge(self, report: tuple[dict[str, FeedRecord], dict[str, EntryData], dict[str, str]]) -> None:
        written, made, kept = report
        self.store.add_written(written)
        self._made_elsewhere.update(made)
        keep_files(kept)
