"""The search bundles a previous build published, and what of them this build can keep.

Kept in ``CACHE_PATH``, for each bundle (a shard, or the overlay): the Pagefind command, the
digest of each page it was built from and of each of its files, so that a bundle changed
since (a failed publish, a hand edit) is built again, and, once they were needed, the
fragment ids of its pages. Beside them, the digests of the files read, by inode, size and
modification time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup
from soupsieve import SelectorSyntaxError

from search.pagefind import FileDigests, Shard, command_key, fragment_ids
from warta_common import build_cache
from warta_common.output_files import built_file, link_published

# Past this many changed pages in a bundle, indexing it again is quicker than comparing them.
MAX_COMPARED = 300


def indexed_view(data: bytes, settings: dict) -> str:
    """What Pagefind reads of a page, to compare two versions of it: the parts marked
    ``data-pagefind-body`` without the excluded elements (the "Baca juga" boxes, which show
    other articles' headlines), every ``data-pagefind-*`` attribute, and the language."""
    soup = BeautifulSoup(data, "html.parser")
    for selector in settings["SEARCH_EXCLUDE_SELECTORS"]:
        for element in soup.select(selector):
            element.decompose()
    parts = [str(soup.html.get("lang") if soup.html else None)]
    parts += [str(element) for element in soup.select("[data-pagefind-body]")]
    for element in soup.find_all(True):
        marked = sorted(
            (name, str(value)) for name, value in element.attrs.items() if name.startswith("data-pagefind")
        )
        if marked:
            parts.append(repr(marked))
    return "\n".join(parts)


@dataclass
class KeptBundle:
    """A published bundle this build can keep, though some of its pages may have changed."""

    name: str
    # What the next build knows of it: the pages it holds, as they were when indexed.
    state: dict
    # Pages of its shard that it holds in an older version, or not at all (new pages).
    stale: dict[str, str]
    # Fragments of the pages it holds in an older version and of pages gone from the site.
    superseded: list[str]

    def fragment_names(self) -> set[str]:
        return fragment_names(self.state["files"])


def fragment_names(files: dict[str, str]) -> set[str]:
    """The fragment ids among a bundle's files."""
    return {
        relative.rsplit("/", 1)[1].removesuffix(".pf_fragment")
        for relative in files
        if relative.endswith(".pf_fragment")
    }


class PublishedBundles:
    """The bundles published by the previous build, as its kept state describes them, and
    the state this build leaves for the next."""

    def __init__(self, site: Path, settings: dict) -> None:
        self._site, self._settings = site, settings
        self._published = Path(settings.get("WARTA_PUBLISHED_OUTPUT") or site)
        self._state = (
            build_cache.cache_file(settings, "search", str(self._published.resolve()))
            if build_cache.enabled(settings)
            else None
        )
        stored = build_cache.load(self._state) if self._state else {}
        bundles = stored.get("bundles")
        self._bundles: dict[str, dict] = bundles if isinstance(bundles, dict) else {}
        self.digests = FileDigests(stored.get("files"))
        self._kept: dict[str, dict] = {}

    @property
    def folder(self) -> Path:
        """The folder readers are served from (the output folder itself without staging)."""
        return self._published

    def _bundle_files(self, root: Path, name: str) -> dict[str, str]:
        # Plain strings: a bundle holds a fragment per page, 10,000 files at 10,000 articles.
        prefix = os.path.join(str(root), "")
        files = {}
        for folder, _, names in os.walk(prefix + Shard(name).folder(self._settings)):
            for file_name in names:
                path = os.path.join(folder, file_name)
                relative = path[len(prefix) :]
                files[relative] = self.digests.of(path, relative, build_cache.digest)
        return files

    def _usable(self, name: str) -> dict | None:
        """The state of the published bundle ``name``, if it is as that build left it."""
        stored = self._bundles.get(name)
        if not isinstance(stored, dict) or stored.get("command") != command_key(self._settings):
            return None
        if not stored.get("files") or not isinstance(stored.get("pages"), dict):
            return None
        if self._bundle_files(self._published, name) != stored["files"]:
            return None
        return stored

    def keepable(self, shard: Shard, *, stale_allowed: bool) -> KeptBundle | None:
        """The published bundle of ``shard`` if Pagefind would read its pages the same way:
        pages whose bytes changed are compared as Pagefind reads them. With
        ``stale_allowed``, pages that read differently, are new or are gone do not stop it
        from being kept; they are listed for the overlay and for hiding."""
        stored = self._usable(shard.name)
        if stored is None:
            return None
        old = stored["pages"]
        changed = [relative for relative, digest in shard.pages.items() if old.get(relative) != digest]
        if len(changed) > MAX_COMPARED:
            return None
        stale = {
            relative: shard.pages[relative]
            for relative in changed
            if relative not in old or not self._reads_the_same(relative, old[relative])
        }
        superseded = [relative for relative in old if relative in stale or relative not in shard.pages]
        if not stale_allowed and (stale or superseded):
            return None
        ids = stored.get("ids")
        if superseded and not isinstance(ids, dict):
            ids = fragment_ids(self._published / shard.folder(self._settings), old)
            if ids is None:
                return None
        pages = {
            relative: digest if relative in stale or relative not in shard.pages else shard.pages[relative]
            for relative, digest in old.items()
        }
        state = {**stored, "pages": pages, "ids": ids}
        return KeptBundle(shard.name, state, stale, [ids[relative] for relative in superseded])

    def _reads_the_same(self, relative: str, digest: str) -> bool:
        """Whether the published version of a changed page is the one a bundle was built
        from (its digest is ``digest``) and reads as the new one does."""
        try:
            old = (self._published / relative).read_bytes()
            new = built_file(self._site / relative).read_bytes()
            return build_cache.digest(old) == digest and indexed_view(old, self._settings) == indexed_view(
                new, self._settings
            )
        except (OSError, ValueError, SelectorSyntaxError):
            return False

    def keep(self, bundle: KeptBundle) -> None:
        """The published files of ``bundle`` stand for this build's."""
        if self._published.resolve() != self._site.resolve():
            published, site = os.path.join(str(self._published), ""), os.path.join(str(self._site), "")
            for relative in bundle.state["files"]:
                link_published(published + relative, site + relative)
        self._kept[bundle.name] = bundle.state

    def record(self, shard: Shard) -> dict[str, str]:
        """Called once ``shard`` is indexed; returns the files it wrote, which are published
        as they are."""
        files = self._bundle_files(self._site, shard.name)
        self._kept[shard.name] = {
            "command": command_key(self._settings),
            "pages": shard.pages,
            "files": files,
        }
        return files

    def forget(self, name: str) -> None:
        """The bundle ``name``, indexed or kept, is not published after all."""
        self._kept.pop(name, None)

    def save(self) -> None:
        if self._state is not None:
            build_cache.save(self._state, {"bundles": self._kept, "files": self.digests.seen})
