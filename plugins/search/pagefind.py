"""Running the Pagefind binary that the ``pagefind`` package ships, and reading what it wrote.

Pagefind cannot add to an index, and indexing 10,000 articles at once takes it a quarter of
a minute and over a gigabyte. So the indexed pages (those whose templates mark
``data-pagefind-body``, in the folders such pages are saved in) are split, by a hash of
their path, into shards of at most ``SEARCH_SHARD_PAGES``, each indexed into a Pagefind
bundle of its own (see ``search.indexing`` for which bundles a build indexes again).
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.metadata
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from warta_common import build_cache
from warta_common.output_files import built_file, built_files

MARKER = b"data-pagefind-body"
# What Pagefind writes before the JSON of a page's fragment, once ungzipped.
FRAGMENT_SIGNATURE = b"pagefind_dcd"


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


def command_key(settings: dict) -> str:
    """What, besides its pages, a bundle is built from: Pagefind's version and options."""
    return build_cache.digest(
        *command(Path("."), Path("."), settings), importlib.metadata.version("pagefind")
    )


def shard_count(pages: int, settings: dict) -> int:
    wanted = math.ceil(pages / max(1, settings["SEARCH_SHARD_PAGES"]))
    return max(1, min(settings["SEARCH_MAX_SHARDS"], wanted))


def shard_of(relative: str, shards: int) -> int:
    """A page's shard: stable, so that a page stays in its shard from one build to the next."""
    return int.from_bytes(hashlib.blake2b(relative.encode(), digest_size=8).digest(), "big") % shards


@dataclass
class Shard:
    """Pages indexed together into one bundle: a shard (named by its number) or the overlay."""

    name: str
    # Indexed pages by their path relative to the site, with the digest of their bytes.
    pages: dict[str, str] = field(default_factory=dict)

    def folder(self, settings: dict) -> str:
        return f"{settings['SEARCH_BUNDLE_DIR']}/{self.name}"


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
    shards = [Shard(str(number)) for number in range(shard_count(len(pages), settings))]
    for relative, digest in pages.items():
        shards[shard_of(relative, len(shards))].pages[relative] = digest
    return [shard for shard in shards if shard.pages]


# Lines of a Rust panic report that say where, not what.
_NOISE = ("thread ", "stack backtrace", "note: ")


def _last_message(output: str) -> str:
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    meaningful = [line for line in lines if not line.startswith(_NOISE)]
    return meaningful[-1] if meaningful else ""


def index_bundle(site: Path, shard: Shard, settings: dict) -> str | None:
    """Run Pagefind over the shard's pages alone (hard links to them in a folder of their
    own) into its bundle folder; returns what went wrong, or None."""
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


def page_url(relative: str) -> str:
    """The address Pagefind gives the page saved at ``relative`` (it drops ``index.html``)."""
    if relative == "index.html" or relative.endswith("/index.html"):
        relative = relative[: -len("index.html")]
    return f"/{relative}"


def fragment_ids(bundle: Path, pages) -> dict[str, str] | None:
    """The fragment (a search result's ``id``) of each of ``pages`` in the bundle at
    ``bundle``, or None when its fragments are not exactly those pages'."""
    by_url = {page_url(relative): relative for relative in pages}
    ids = {}
    try:
        for entry in os.scandir(bundle / "fragment"):
            data = gzip.decompress(Path(entry.path).read_bytes())
            if not data.startswith(FRAGMENT_SIGNATURE):
                return None
            relative = by_url.get(json.loads(data[len(FRAGMENT_SIGNATURE) :]).get("url"))
            if relative is None or relative in ids:
                return None
            ids[relative] = entry.name.removesuffix(".pf_fragment")
    except (OSError, EOFError, zlib.error, ValueError, AttributeError):
        return None
    return ids if len(ids) == len(by_url) else None
