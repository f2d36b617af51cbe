"""Markdown conversion of a whole site up front: in parallel, and cached between builds.

Pelican reads files one at a time, and converting Markdown is most of a build's work. At
the first file the reader asks for, :func:`conversions_for` converts every Markdown file
under ``PATH`` whose text it has not converted before — in a pool of processes when there
are many — and the reader then takes each file's result from memory. Results are kept in
``CACHE_PATH``, a file each, keyed by the file's text, the Markdown settings and this code,
so a rebuild converts only the files that changed.

When Pelican serves its content objects from its own cache (see ``content_cache``), it
reads only the files that changed: nothing is converted up front, and each file read takes
its one result from the cache or converts it.

Only the pure text-to-HTML step is shared: the reader still decodes, validates and
processes every file's metadata itself, in every build.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
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
    """Every readable Markdown text under ``root``, by its key (unreadable files are left to
    the reader, which reports them)."""
    texts = {}
    for folder, folders, names in os.walk(root):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in names:
            if not name.endswith(EXTENSIONS) or name.startswith("."):
                continue
            try:
                text = Path(folder, name).read_bytes().decode("utf-8-sig")
            except (OSError, UnicodeDecodeError):
                continue
            if text.strip():
                texts[text_key(text)] = text
    return texts


class Conversions:
    """The converted texts of one build, with a converter for texts that appear later."""

    def __init__(self, settings: dict) -> None:
        self._settings = settings
        self._converter = Converter(settings["MARKDOWN"], settings["FORMATTED_FIELDS"])
        self._kept = _kept_conversions(settings)
        self._results: dict[str, Converted] = {}

    def prepare(self) -> None:
        if self._settings.get("CACHE_CONTENT") and self._settings.get("LOAD_CONTENT_CACHE"):
            return
        texts = _site_texts(Path(self._settings["PATH"]))
        kept = self._kept
        missing = [(key, text) for key, text in texts.items() if kept is None or not kept.has(key)]
        workers = self._settings.get("WARTA_PARSE_WORKERS") or os.cpu_count() or 1
        if workers > 1 and len(missing) >= POOL_THRESHOLD and "fork" in get_all_start_methods():
            self._convert_in_pool(missing, workers)
        # Texts not converted here are converted by the reader, one by one (convert()).

    def _convert_in_pool(self, missing: list[tuple[str, str]], workers: int) -> None:
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=get_context("fork"),
            initializer=_start_worker,
            initargs=(self._settings["MARKDOWN"], self._settings["FORMATTED_FIELDS"]),
        ) as pool:
            chunk = max(1, len(missing) // (workers * 8))
            keys, texts = [key for key, _ in missing], [text for _, text in missing]
            converted = pool.map(
                _convert_in_worker, keys, texts, [self._kept] * len(missing), chunksize=chunk
            )
            for key, result in zip(keys, converted, strict=True):
                if result is not None:
                    self._results[key] = result

    def convert(self, text: str) -> Converted:
        key = text_key(text)
        found = self._results.pop(key, None)
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


def conversions_for(settings: dict) -> Conversions:
    """This build's conversions, prepared when the first file is read."""
    global _current
    if _current is None or _current[0] != id(settings):
        conversions = Conversions(settings)
        conversions.prepare()
        _current = (id(settings), conversions)
    return _current[1]


def forget() -> None:
    """Drop the previous build's conversions (at the start of every build)."""
    global _current
    _current = None
