"""Build the Pagefind index of a written site with the binary that the ``pagefind`` package ships.

Pagefind cannot add to an index, and indexing 10,000 articles takes it a quarter of a
minute and over a gigabyte: it only reads the folders that indexed pages are saved in
(``indexed_glob``), and a build whose indexed pages are byte for byte those of the
previous build keeps the previous index (``reuse``).
"""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
from pathlib import Path

from warta_common import build_cache
from warta_common.output_files import link_published


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message is one line for the person building."""


def is_enabled(settings: dict) -> bool:
    return any(
        getattr(plugin, "__name__", plugin) in ("search", "plugins.search") for plugin in settings["PLUGINS"]
    )


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


def indexed_glob(settings: dict) -> str:
    folders = indexed_folders(settings)
    if folders == [""]:
        return "**/*.html"
    if len(folders) == 1:
        return f"{folders[0]}/**/*.html"
    return "{" + ",".join(folders) + "}/**/*.html"


def command(site: Path, settings: dict) -> list[str]:
    args = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--output-subdir",
        settings["SEARCH_BUNDLE_DIR"],
        "--force-language",
        settings["SEARCH_LANGUAGE"],
        "--silent",
        "--glob",
        indexed_glob(settings),
    ]
    selectors = settings["SEARCH_EXCLUDE_SELECTORS"]
    if selectors:
        args += ["--exclude-selectors", ", ".join(selectors)]
    return args


# Lines of a Rust panic report that say where, not what.
_NOISE = ("thread ", "stack backtrace", "note: ")


def _last_message(output: str) -> str:
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    meaningful = [line for line in lines if not line.startswith(_NOISE)]
    return meaningful[-1] if meaningful else ""


def index_site(site: Path, settings: dict) -> None:
    """Index the HTML under ``site`` into ``site/<SEARCH_BUNDLE_DIR>/``, or keep the published
    index when the pages it was built from are unchanged."""
    previous = _Previous(site, settings)
    if previous.reuse():
        return
    _run_pagefind(site, settings)
    previous.record()


def _run_pagefind(site: Path, settings: dict) -> None:
    try:
        finished = subprocess.run(command(site, settings), capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexError(f"Pagefind could not run ({error})") from None
    if finished.returncode != 0:
        detail = _last_message(finished.stderr or finished.stdout) or f"exit status {finished.returncode}"
        hint = " — install it with: pip install -r requirements.txt" if "No module named" in detail else ""
        raise SearchIndexError(f"Pagefind failed to index the site: {detail}{hint}")
    if not (site / settings["SEARCH_BUNDLE_DIR"] / "pagefind.js").is_file():
        raise SearchIndexError(f"Pagefind finished but wrote no {settings['SEARCH_BUNDLE_DIR']}/pagefind.js")


class _Previous:
    """The index a previous build published, and the pages and command it was built from.

    Kept in ``CACHE_PATH``: the digest of the inputs and of every bundle file, so that a
    bundle changed since (a failed publish, a hand edit) is built again. (Not modification
    times: publishing keeps the older of two identical files.)"""

    def __init__(self, site: Path, settings: dict) -> None:
        self._site, self._settings = site, settings
        self._published = Path(settings.get("WARTA_PUBLISHED_OUTPUT") or site)
        self._bundle = settings["SEARCH_BUNDLE_DIR"]
        self._state = (
            build_cache.cache_file(settings, "search", str(self._published.resolve()))
            if build_cache.enabled(settings)
            else None
        )
        self._inputs = self._digest_inputs() if self._state else ""

    def _digest_inputs(self) -> str:
        parts = [*command(Path("."), self._settings), importlib.metadata.version("pagefind")]
        for folder in indexed_folders(self._settings):
            for path in sorted((self._site / folder).rglob("*.html")):
                relative = path.relative_to(self._site)
                if relative.parts[0] != self._bundle:
                    parts += [str(relative), path.read_bytes()]
        return build_cache.digest(*parts)

    def _bundle_files(self, root: Path) -> dict[str, str]:
        files = {}
        for folder, _, names in os.walk(root / self._bundle):
            for name in names:
                path = Path(folder, name)
                files[str(path.relative_to(root))] = build_cache.digest(path.read_bytes())
        return files

    def reuse(self) -> bool:
        if self._state is None:
            return False
        stored = build_cache.load(self._state)
        if stored.get("inputs") != self._inputs or not stored.get("files"):
            return False
        if self._bundle_files(self._published) != stored["files"]:
            return False
        if self._published.resolve() != self._site.resolve():
            for relative in stored["files"]:
                link_published(self._published / relative, self._site / relative)
        return True

    def record(self) -> None:
        """Called once the index is built; the files it wrote are published as they are."""
        if self._state is not None:
            build_cache.save(self._state, {"inputs": self._inputs, "files": self._bundle_files(self._site)})
