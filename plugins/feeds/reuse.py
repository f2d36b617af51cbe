"""What the previous build left for this one: prepared entries, and which feed files it wrote.

Kept in ``CACHE_PATH``, one file per published folder:

- entries (``WARTA_BUILD_CACHE``), by a key of everything an entry is made from (see
  :class:`feeds.entries.EntrySource`), the settings that shape entries and the plugin's
  code, so an article's HTML is cleaned again only when it changed;
- feeds (``WARTA_REUSE_PAGES``): each feed's key (its entries' keys in order and its own
  title, paths …) and the size and modification time of the files it wrote. A feed whose
  key is unchanged and whose files are still in the published folder as recorded is not
  written again: its published files are kept where they are, exactly
  as ``unchanged_output`` keeps a page.

Only what this build used is saved, so the file never grows with deleted articles.
"""

from __future__ import annotations

from pathlib import Path

from warta_common import build_cache
from warta_common.output_files import file_stat, link_published

# A feed's key and its files (relative to the output folder) with their (size, mtime in ns).
FeedRecord = tuple[str, dict[str, tuple[int, int]]]


class FeedStore:
    def __init__(self, settings: dict, published: Path) -> None:
        self._keep_entries = build_cache.enabled(settings)
        self._reuse_feeds = bool(settings.get("WARTA_REUSE_PAGES") and settings.get("CACHE_PATH"))
        self._path = None
        stored: dict = {}
        if self._keep_entries or self._reuse_feeds:
            name = build_cache.digest(str(published.resolve()))[:16]
            self._path = build_cache.in_use(Path(settings["CACHE_PATH"]) / f"warta-feeds-{name}.pickle")
            stored = build_cache.load(self._path)
        self.entries: dict = stored.get("entries", {}) if self._keep_entries else {}
        self._previous: dict[str, FeedRecord] = stored.get("feeds", {}) if self._reuse_feeds else {}
        self._written: dict[str, FeedRecord] = {}

    def keep(self, name: str, key: str, output: Path, published: Path) -> bool:
        """Keep the published files of feed ``name`` if its key and those files are unchanged."""
        previous = self._previous.get(name)
        if previous is None or previous[0] != key:
            return False
        files = previous[1]
        if any(file_stat(published / relative) != stat for relative, stat in files.items()):
            return False
        if output != published:
            for relative in files:
                link_published(published / relative, output / relative)
        self._written[name] = previous
        return True

    def record(self, name: str, key: str, output: Path, relatives: list[str]) -> None:
        stats = {relative: file_stat(output / relative) for relative in relatives}
        if None not in stats.values():
            self._written[name] = (key, stats)

    def written(self) -> dict[str, FeedRecord]:
        """The feeds kept or recorded so far, by name."""
        return dict(self._written)

    def add_written(self, written: dict[str, FeedRecord]) -> None:
        """Record the feeds another process kept or recorded."""
        self._written.update(written)

    def save(self, entries: dict) -> None:
        """Save the entries and feeds of this build (only those), if anything changed."""
        if self._path is None:
            return
        kept = {
            "entries": entries if self._keep_entries else {},
            "feeds": self._written if self._reuse_feeds else {},
        }
        if kept["entries"].keys() == self.entries.keys() and kept["feeds"] == self._previous:
            return
        build_cache.save(self._path, kept)
