"""Markdown conversion of a whole site up front: in parallel, and cached between builds.

Pelican reads files one at a time, and converting Markdown is most of a build's work. At
the first file the reader asks for, :func:`conversions_for` sends every Markdown file under
``PATH`` whose text it has not converted before to a pool of processes (when there are
many), in the order Pelican reads them, and the reader takes each file's result as it
arrives: while the pool converts, this process turns the files already converted into
Pelican's content objects. Results are kept in ``CACHE_PATH``, a file each, keyed by the
file's text, the Markdown settings and this code, so a rebuild converts only the files that
changed.

When Pelican serves its content objects from its own cache (see ``content_cache``), it
reads only the files that changed: nothing is converted up front, and each file read takes
its one result from the cache or converts it.

Only the pure text-to-HTML step is shared: the reader still decodes, validates and
processes every file's metadata itself, in every build.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path

import markdown
from markdown import Markdown

from warta_common import build_cache

from . import inline_prefilter

# Below this many files to convert, starting processes costs more than it saves.
POOL_THRESHOLD = 32
EXTENSIONS = (".md", ".markdown", ".mkd", ".mdown")


@dataclass(frozen=True)
class Converted:
    """What Python-Markdown makes of one file: the body, its header, formatted fields."""

    html: str
    meta: dict[str, list[str]]
    formatted: dict[str, str]


def text_key(text: str) -> str:
    return build_cache.digest(text)


class Converter:
    """Converts like Pelican's MarkdownReader, but reuses its two Markdown instances, and
    keeps the inline passes to the texts they may change (``inline_prefilter``: same output)."""

    def __init__(self, markdown_settings: dict, formatted_fields: list[str]) -> None:
        self._body = Markdown(**markdown_settings)
        self._fields = Markdown(**markdown_settings)
        for md in (self._body, self._fields):
            md.registerExtensions([inline_prefilter.InlinePrefilter()], {})
        # Pelican converts formatted fields with the meta extension removed.
        self._fields.preprocessors.deregister("meta")
        self._formatted_fields = formatted_fields

    def convert(self, text: str) -> Converted:
        html = self._body.reset().convert(text)
        meta = getattr(self._body, "Meta", {})
        formatted = {}
        for name, values in meta.items():
            if name.lower() in self._formatted_fields:
                joined = "\n".join(values)
                formatted[joined] = self._fields.reset().convert(joined)
        return Converted(html, meta, formatted)


_worker: Converter | None = None


def _start_worker(markdown_settings: dict, formatted_fields: list[str]) -> None:
    global _worker
    _worker = Converter(markdown_settings, formatted_fields)


def _convert_in_worker(key: str, text: str, kept: build_cache.EntryFolder | None) -> Converted | None:
    try:
        converted = _worker.convert(text)
    except Exception:
        # The reader converts this text again when it reads the file, so that Pelican
        # reports the failure for that file alone.
        return None
    if kept is not None:
        kept.put(key, converted)
    return converted


def _site_texts(root: Path) -> dict[str, str]:
    """Every readable Markdown text under ``root``, by its path (unreadable files are left to
    the reader, which reports them)."""
    texts = {}
    for folder, folders, names in os.walk(os.path.abspath(root)):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in names:
            if not name.endswith(EXTENSIONS) or name.startswith("."):
                continue
            path = os.path.join(folder, name)
            try:
                text = Path(path).read_bytes().decode("utf-8-sig")
            except (OSError, UnicodeDecodeError):
                continue
            if text.strip():
                texts[path] = text
    return texts


class Conversions:
    """The converted texts of one build, with a converter for texts that appear later."""

    def __init__(self, settings: dict) -> None:
        self._settings = settings
        self._converter = Converter(settings["MARKDOWN"], settings["FORMATTED_FIELDS"])
        self._kept = _kept_conversions(settings)
        self._results: dict[str, Converted] = {}
        self._pool: ProcessPoolExecutor | None = None
        # Keys sent to the pool whose results have not been taken from it yet, and its
        # results in the order they were sent.
        self._pending: set[str] = set()
        self._arriving: Iterator[tuple[str, Converted | None]] = iter(())

    def prepare(self, read_first: Callable[[], Sequence[str]] | None = None) -> None:
        if self._settings.get("CACHE_CONTENT") and self._settings.get("LOAD_CONTENT_CACHE"):
            return
        kept = self._kept
        missing = {}
        for path, text in _site_texts(Path(self._settings["PATH"])).items():
            key = text_key(text)
            if kept is None or not kept.has(key):
                missing[path] = (key, text)
        workers = self._settings.get("WARTA_PARSE_WORKERS") or os.cpu_count() or 1
        if workers > 1 and len(missing) >= POOL_THRESHOLD and "fork" in get_all_start_methods():
            # In the order the files will be read, which only the pool needs.
            order = dict.fromkeys([*(read_first() if read_first else ()), *missing])
            by_key = dict(missing[path] for path in order if path in missing)
            self._start_pool(list(by_key.items()), workers)
        # Texts not sent to the pool are converted by the reader, one by one (convert()).

    def _start_pool(self, missing: list[tuple[str, str]], workers: int) -> None:
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=get_context("fork"),
            initializer=_start_worker,
            initargs=(self._settings["MARKDOWN"], self._settings["FORMATTED_FIELDS"]),
        )
        chunk = max(1, len(missing) // (workers * 8))
        keys, texts = [key for key, _ in missing], [text for _, text in missing]
        converted = self._pool.map(
            _convert_in_worker, keys, texts, [self._kept] * len(missing), chunksize=chunk
        )
        self._pending = set(keys)
        self._arriving = zip(keys, converted, strict=True)

    def _from_pool(self, key: str) -> Converted | None:
        """The pool's result for ``key``, keeping those that arrive before it."""
        try:
            for arrived, result in self._arriving:
                self._pending.discard(arrived)
                if arrived == key:
                    return result
                if result is not None:
                    self._results[arrived] = result
        except (BrokenProcessPool, OSError):
            # A worker died or could not keep its result: the reader converts the texts
            # still pending itself, one by one, and reports any failure for its file.
            self._pending.clear()
        return None

    def close(self) -> None:
        """Stop the pool: its results not taken by now are for files nobody read."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool, self._pending, self._arriving = None, set(), iter(())

    def convert(self, text: str) -> Converted:
        key = text_key(text)
        found = self._results.pop(key, None)
        if found is None and key in self._pending:
            found = self._from_pool(key)
            if not self._pending:
                self.close()
        if found is None and self._kept is not None:
            found = self._kept.get(key)
        if not isinstance(found, Converted):
            found = self._converter.convert(text)
            if self._kept is not None:
                self._kept.put(key, found)
        return found


def _kept_conversions(settings: dict) -> build_cache.EntryFolder | None:
    if not build_cache.enabled(settings):
        return None
    return build_cache.entry_folder(
        settings,
        "markdown",
        markdown.__version__,
        repr(sorted(settings["MARKDOWN"].items(), key=repr)),
        repr(settings["FORMATTED_FIELDS"]),
        # The conversion is these modules' alone: the rest of the package may change freely.
        Path(__file__).read_bytes(),
        Path(inline_prefilter.__file__).read_bytes(),
    )


_current: tuple[int, Conversions] | None = None


def conversions_for(settings: dict, read_first: Callable[[], Sequence[str]] | None = None) -> Conversions:
    """This build's conversions, prepared when first asked for: by the reader at the first
    file, or before, with ``read_first`` giving the paths Pelican is about to read, in its
    order (see ``content_schema.start_conversions``)."""
    global _current
    if _current is None or _current[0] != id(settings):
        conversions = Conversions(settings)
        conversions.prepare(read_first)
        _current = (id(settings), conversions)
    return _current[1]


def stop_pool() -> None:
    """Every file is read: stop this build's pool, if it still runs."""
    if _current is not None:
        _current[1].close()


def forget() -> None:
    """Drop the previous build's conversions (at the start of every build)."""
    global _current
    stop_pool()
    _current = None
