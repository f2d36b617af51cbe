"""Markdown conversion of a whole site up front: in parallel, and cached between builds.

Pelican reads files one at a time, and converting Markdown is most of a build's work. At
the first file the reader asks for, :func:`conversions_for` converts every Markdown file
under ``PATH`` whose text it has not converted before — in a pool of processes when there
are many — and the reader then takes each file's result from memory. Results are kept in
``CACHE_PATH`` keyed by the file's text, the Markdown settings and this code, so a rebuild
converts only the files that changed.

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
    """Converts like Pelican's MarkdownReader, but reuses its two Markdown instances."""

    def __init__(self, markdown_settings: dict, formatted_fields: list[str]) -> None:
        self._body = Markdown(**markdown_settings)
        self._fields = Markdown(**markdown_settings)
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


def _convert_in_worker(text: str) -> Converted | None:
    try:
        return _worker.convert(text)
    except Exception:
        # The reader converts this text again when it reads the file, so that Pelican
        # reports the failure for that file alone.
        return None


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
        self._cache_file = _cache_file(settings)
        self._results: dict[str, Converted] = {}
        self._unsaved = False

    def prepare(self) -> None:
        texts = _site_texts(Path(self._settings["PATH"]))
        cached = build_cache.load(self._cache_file) if self._cache_file else {}
        self._results = {key: cached[key] for key in texts if key in cached}
        missing = [(key, text) for key, text in texts.items() if key not in self._results]
        workers = self._settings.get("WARTA_PARSE_WORKERS") or os.cpu_count() or 1
        if workers > 1 and len(missing) >= POOL_THRESHOLD and "fork" in get_all_start_methods():
            self._convert_in_pool(missing, workers)
        # Texts not converted here are converted by the reader, one by one (convert()).
        self._unsaved = bool(missing) or len(cached) != len(self._results)

    def save(self) -> None:
        """Keep this build's conversions for the next build (once every file was read)."""
        if self._cache_file and self._unsaved:
            build_cache.save(self._cache_file, self._results)
            self._unsaved = False

    def _convert_in_pool(self, missing: list[tuple[str, str]], workers: int) -> None:
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=get_context("fork"),
            initializer=_start_worker,
            initargs=(self._settings["MARKDOWN"], self._settings["FORMATTED_FIELDS"]),
        ) as pool:
            chunk = max(1, len(missing) // (workers * 8))
            converted = pool.map(_convert_in_worker, [text for _, text in missing], chunksize=chunk)
            for (key, _), result in zip(missing, converted, strict=True):
                if result is not None:
                    self._results[key] = result

    def convert(self, text: str) -> Converted:
        key = text_key(text)
        if key not in self._results:
            self._results[key] = self._converter.convert(text)
            self._unsaved = True
        return self._results[key]


def _cache_file(settings: dict) -> Path | None:
    if not build_cache.enabled(settings):
        return None
    return build_cache.cache_file(
        settings,
        "markdown",
        markdown.__version__,
        repr(sorted(settings["MARKDOWN"].items(), key=repr)),
        repr(settings["FORMATTED_FIELDS"]),
        build_cache.code_fingerprint(__file__),
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


def save_current() -> None:
    """Keep this build's conversions for the next build."""
    if _current is not None:
        _current[1].save()


def forget() -> None:
    """Drop the previous build's conversions (at the start of every build)."""
    global _current
    _current = None
