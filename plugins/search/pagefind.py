"""Build the Pagefind index of a written site with the binary that the ``pagefind`` package ships.

Pagefind cannot add to an index, and indexing 10,000 articles at once takes it a quarter of
a minute and over a gigabyte. So the indexed pages (those whose templates mark
``data-pagefind-body``, in the folders such pages are saved in) are split, by a hash of
their path, into shards of at most ``SEARCH_SHARD_PAGES``: each shard is a Pagefind bundle
of its own (``SEARCH_BUNDLE_DIR/<n>/``), listed in ``SEARCH_BUNDLE_DIR/bundles.json``, and
the search page merges them (Pagefind's ``mergeIndex``: one WebAssembly module, results
ranked together). A shard whose pages are byte for byte those of the previous build keeps
its published bundle; the others are indexed, as many at once as there are cores.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup
from soupsieve import SelectorSyntaxError

from warta_common import build_cache
from warta_common.cores import usable_cores
from warta_common.output_files import built_file, built_files, keep_or_write, link_published

MARKER = b"data-pagefind-body"
# Past this many changed pages in a shard, indexing it again is quicker than comparing them.
MAX_COMPARED = 300
MANIFEST = "bundles.json"


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message is one line for the person building."""


# The settings naming where the pages that templates mark with data-pagefind-body are saved.
INDEXED_SAVE_AS = ("ARTICLE_SAVE_AS", "EXPLAINER_SAVE_AS")


def indexed_folders(settings: dict) -> list[str]:
    """The folders that indexed pages are saved in (the part of their SAVE_AS before the
    first field), or ``[""]``, the whole site, when one of them is saved at the top."""
    folders = set()
    for name in INDEXED_SAVE_AS:
        fixed = settings.get(name, "").split("{", 1)[0]
        folder = fixed.rsplit("/", 1)[0] if "/" in fixed else ""
        if not folder:
            return [""]
        folders.add(folder.split("/", 1)[0])
    return sorted(folders)


def command(site: Path, output: Path, settings: dict) -> list[str]:
    args = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--output-path",
        str(output),
        "--force-language",
        settings["SEARCH_LANGUAGE"],
        "--silent",
    ]
    selectors = settings["SEARCH_EXCLUDE_SELECTORS"]
    if selectors:
        args += ["--exclude-selectors", ", ".join(selectors)]
    return args


def shard_count(pages: int, settings: dict) -> int:
    wanted = math.ceil(pages / max(1, settings["SEARCH_SHARD_PAGES"]))
    return max(1, min(settings["SEARCH_MAX_SHARDS"], wanted))


def shard_of(relative: str, shards: int) -> int:
    """A page's shard: stable, so that an edited page re-indexes only its own shard."""
    return int.from_bytes(hashlib.blake2b(relative.encode(), digest_size=8).digest(), "big") % shards


@dataclass
class Shard:
    number: int
    # Indexed pages by their path relative to the site, with the digest of their bytes.
    pages: dict[str, str] = field(default_factory=dict)

    def folder(self, settings: dict) -> str:
        return f"{settings['SEARCH_BUNDLE_DIR']}/{self.number}"


def command_key(settings: dict) -> str:
    """What, besides its pages, a bundle is built from: Pagefind's version and options."""
    return build_cache.digest(
        *command(Path("."), Path("."), settings), importlib.metadata.version("pagefind")
    )


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


class FileDigests:
    """Digests of files, read again only when a file's inode, size or modification time
    changed: files in the output are replaced by new ones, never rewritten in place, and the
    build keeps an unchanged page as the published file itself."""

    def __init__(self, known: dict[str, tuple] | None = None) -> None:
        self._known = known or {}
        self.seen: dict[str, tuple] = {}

    def of(self, path: str | os.PathLike, key: str, compute) -> str | None:
        """``compute(bytes)`` of the file at ``path``, remembered under ``key``."""
        stat = os.stat(path)
        identity = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
        known = self._known.get(key)
        value = known[1] if known and known[0] == identity else compute(Path(path).read_bytes())
        self.seen[key] = (identity, value)
        return value


def _page_digest(data: bytes) -> str | None:
    return build_cache.digest(data) if MARKER in data else None


def shards_of(site: Path, settings: dict, digests: FileDigests) -> list[Shard]:
    """The indexed pages of the site under ``site``, split into shards (none for no pages)."""
    pages = {}
    bundle = settings["SEARCH_BUNDLE_DIR"]
    for folder in indexed_folders(settings):
        for relative, path in built_files(site, folder).items():
            if not relative.endswith(".html") or relative.split("/", 1)[0] == bundle:
                continue
            digest = digests.of(path, relative, _page_digest)
            if digest is not None:
                pages[relative] = digest
    if not pages:
        return []
    shards = [Shard(number) for number in range(shard_count(len(pages), settings))]
    for relative, digest in pages.items():
        shards[shard_of(relative, len(shards))].pages[relative] = digest
    return [shard for shard in shards if shard.pages]


# Lines of a Rust panic report that say where, not what.
_NOISE = ("thread ", "stack backtrace", "note: ")


def _last_message(output: str) -> str:
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    meaningful = [line for line in lines if not line.startswith(_NOISE)]
    return meaningful[-1] if meaningful else ""


def index_site(site: Path, settings: dict) -> None:
    """Index the marked pages under ``site`` into ``site/<SEARCH_BUNDLE_DIR>/``, keeping the
    published bundle of every shard whose pages are unchanged."""
    previous = _Previous(site, settings)
    shards = shards_of(site, settings, previous.digests)
    changed = [shard for shard in shards if not previous.reuse(shard)]
    _remove_other_bundles(
        site / settings["SEARCH_BUNDLE_DIR"],
        keep={shard.number for shard in shards} - {shard.number for shard in changed},
    )
    with ThreadPoolExecutor(max_workers=min(usable_cores(), max(1, len(changed)))) as pool:
        failures = pool.map(lambda shard: _index_shard(site, shard, settings), changed)
        for shard, failure in zip(changed, failures, strict=True):
            if failure:
                raise SearchIndexError(failure)
            previous.record(shard)
    bundles = [f"{shard.number}/" for shard in shards]
    manifest = site / settings["SEARCH_BUNDLE_DIR"] / MANIFEST
    published = Path(settings.get("WARTA_PUBLISHED_OUTPUT") or site) / manifest.relative_to(site)
    keep_or_write(manifest, published, json.dumps(bundles).encode())
    previous.save()


def _remove_other_bundles(folder: Path, keep: set[int]) -> None:
    """Clear the bundle folder but for the shards kept as they are: when Pelican writes
    into the published folder itself, old bundles and fragments are there."""
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            if not (entry.name.isdigit() and int(entry.name) in keep):
                shutil.rmtree(entry)
        elif entry.name != MANIFEST:
            entry.unlink()


def _index_shard(site: Path, shard: Shard, settings: dict) -> str | None:
    """Run Pagefind over the shard's pages alone (hard links to them in a folder of their
    own); returns what went wrong, or None."""
    output = site / shard.folder(settings)
    with tempfile.TemporaryDirectory(prefix=f".{site.name}.search-", dir=site.parent) as pages:
        for relative in shard.pages:
            target = Path(pages, relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(built_file(site / relative), target)
            except OSError:
                shutil.copyfile(built_file(site / relative), target)
        try:
            finished = subprocess.run(
                command(Path(pages), output, settings), capture_output=True, text=True, timeout=600
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            return f"Pagefind could not run ({error})"
    if finished.returncode != 0:
        detail = _last_message(finished.stderr or finished.stdout) or f"exit status {finished.returncode}"
        hint = " — install it with: pip install -r requirements.txt" if "No module named" in detail else ""
        return f"Pagefind failed to index the site: {detail}{hint}"
    if not (output / "pagefind.js").is_file():
        return f"Pagefind finished but wrote no {shard.folder(settings)}/pagefind.js"
    return None


class _Previous:
    """The bundles a previous build published, and the pages and command each was built from.

    Kept in ``CACHE_PATH``: for each shard, the Pagefind command, the digest of each page
    and of every bundle file, so that a bundle changed since (a failed publish, a hand edit)
    is built again; and the digests of the files read, by inode, size and modification time."""

    def __init__(self, site: Path, settings: dict) -> None:
        self._site, self._settings = site, settings
        self._published = Path(settings.get("WARTA_PUBLISHED_OUTPUT") or site)
        self._state = (
            build_cache.cache_file(settings, "search", str(self._published.resolve()))
            if build_cache.enabled(settings)
            else None
        )
        stored = build_cache.load(self._state) if self._state else {}
        self._shards: dict[int, dict] = stored.get("shards", {})
        self.digests = FileDigests(stored.get("files"))
        self._kept: dict[int, dict] = {}

    def _bundle_files(self, root: Path, shard: Shard) -> dict[str, str]:
        # Plain strings: a bundle holds a fragment per page, 10,000 files at 10,000 articles.
        prefix = os.path.join(str(root), "")
        files = {}
        for folder, _, names in os.walk(prefix + shard.folder(self._settings)):
            for name in names:
                path = os.path.join(folder, name)
                relative = path[len(prefix) :]
                files[relative] = self.digests.of(path, relative, build_cache.digest)
        return files

    def reuse(self, shard: Shard) -> bool:
        """Keep the published bundle of ``shard`` if Pagefind would read the same pages the
        same way: pages whose bytes changed are compared as Pagefind reads them."""
        stored = self._shards.get(shard.number)
        if not isinstance(stored, dict) or stored.get("command") != command_key(self._settings):
            return False
        if not stored.get("files") or not isinstance(stored.get("pages"), dict):
            return False
        if stored["pages"].keys() != shard.pages.keys():
            return False
        changed = [
            relative for relative, digest in shard.pages.items() if stored["pages"][relative] != digest
        ]
        if len(changed) > MAX_COMPARED or not all(
            self._reads_the_same(relative, stored) for relative in changed
        ):
            return False
        if self._bundle_files(self._published, shard) != stored["files"]:
            return False
        if self._published.resolve() != self._site.resolve():
            published, site = os.path.join(str(self._published), ""), os.path.join(str(self._site), "")
            for relative in stored["files"]:
                link_published(published + relative, site + relative)
        self._kept[shard.number] = {**stored, "pages": shard.pages}
        return True

    def _reads_the_same(self, relative: str, stored: dict) -> bool:
        """Whether the published version of a changed page, the one the bundle was built
        from, reads as the new one does."""
        try:
            old = (self._published / relative).read_bytes()
            new = built_file(self._site / relative).read_bytes()
            return build_cache.digest(old) == stored["pages"][relative] and indexed_view(
                old, self._settings
            ) == indexed_view(new, self._settings)
        except (OSError, ValueError, SelectorSyntaxError):
            return False

    def record(self, shard: Shard) -> None:
        """Called once a shard is indexed; the files it wrote are published as they are."""
        self._kept[shard.number] = {
            "command": command_key(self._settings),
            "pages": shard.pages,
            "files": self._bundle_files(self._site, shard),
        }

    def save(self) -> None:
        if self._state is not None:
            build_cache.save(self._state, {"shards": self._kept, "files": self.digests.seen})
