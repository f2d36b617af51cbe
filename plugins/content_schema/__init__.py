"""content_schema: the content model, its validation, and the stop before writing.

Hooks:
- ``readers_init``: Markdown files are read by :class:`WartaMarkdownReader`.
- ``article_generator_preread``: the site's Markdown starts converting in a pool of
  processes, in the order the articles will be read (see ``conversion``).
- ``content_object_init``: every article, page and explainer is validated field by field.
- ``all_generators_finalized``: every file is read, so the Markdown conversion pool stops;
  checks across files (unique slugs), objects served from Pelican's content cache (see
  ``content_cache``) included.
- ``get_writer``: the last moment before output; the build stops here on any error.
"""

from __future__ import annotations

import logging
import os
import sys
from collections import defaultdict

from pelican import signals
from pelican.contents import Static

from warta_common import problems
from warta_common.schema import SOURCE_INFO_KEY, ContentType, type_for_path

from . import conversion
from .reader import WartaMarkdownReader
from .validate import validate

DEFAULTS = {
    "WARTA_CATEGORIES": ["Pilkada", "Pemerintahan", "Hukum", "Ekonomi", "Peristiwa", "Olahraga"],
    # Set by `invoke check`: validate everything, write nothing.
    "WARTA_CHECK_ONLY": False,
    # Processes converting Markdown at the start of a build; 0 means one per CPU.
    "WARTA_PARSE_WORKERS": 0,
    # Keep work for the next build in CACHE_PATH (converted Markdown, linked citations).
    "WARTA_BUILD_CACHE": True,
}

_slugs: dict[str, list[str]] = defaultdict(list)
# The objects whose slugs are registered in this build, by id.
_registered: set[int] = set()


class PelicanErrorsAsProblems(logging.Handler):
    """Pelican logs, and then skips, a file it failed to process; here that fails the build."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)

    def emit(self, record: logging.LogRecord) -> None:
        if record.msg.startswith("Could not process") and record.args:
            # Pelican logs the file alone, from inside the ``except`` that caught the error.
            error = sys.exception()
            detail = f": {error}" if error is not None else ""
            problems.report(record.args[0], "", f"could not be read{detail}")
        else:
            problems.report("(build)", "", record.getMessage())


_pelican_errors = PelicanErrorsAsProblems()


def apply_defaults(pelican) -> None:
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)
    problems.reset()
    conversion.forget()
    _slugs.clear()
    _registered.clear()
    pelican_logger = logging.getLogger("pelican")
    if _pelican_errors not in pelican_logger.handlers:
        pelican_logger.addHandler(_pelican_errors)


def install_reader(readers) -> None:
    for extension in WartaMarkdownReader.file_extensions:
        readers.reader_classes[extension] = WartaMarkdownReader


def _content_type(content) -> ContentType | None:
    if isinstance(content, Static):
        return None
    return type_for_path(content.relative_source_path)


def check_content(content) -> None:
    content_type = _content_type(content)
    if content_type is not None:
        validate(content, content_type)
        _register_slug(content, content_type)
    # The front matter as written is read by the validation alone: the object no longer
    # carries it into Pelican's content cache and every page fingerprint.
    content.metadata.pop(SOURCE_INFO_KEY, None)
    vars(content).pop(SOURCE_INFO_KEY, None)


def _register_slug(content, content_type: ContentType) -> None:
    _registered.add(id(content))
    # A type without a Slug field (explainers: their address comes from the rule) has no slug
    # an editor sees or could change, so it cannot clash.
    slug = getattr(content, "slug", None) if content_type.lookup("Slug") else None
    if slug:
        _slugs[slug].append(content.source_path)
        if len(_slugs[slug]) > 1:
            # Reported by check_unique_slugs; a distinct slug keeps Pelican from
            # warning about the same clash in its own words.
            content.slug = f"{slug}-duplicate-{len(_slugs[slug])}"


def start_conversions(generator) -> None:
    """Send the site's Markdown to the conversion pool in the order the articles generator
    is about to read it: its ``get_files`` returns a set, whose order only a set built the
    same way in this process repeats."""
    settings = generator.settings

    def read_first() -> list[str]:
        files = generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])
        return [os.path.abspath(os.path.join(generator.path, file)) for file in files]

    conversion.conversions_for(settings, read_first)


def stop_conversions(generators) -> None:
    conversion.stop_pool()


def register_cached_slugs(generators) -> None:
    """Objects Pelican served from its content cache (see ``content_cache``) take part in the
    checks across files. They are not validated again: the cache is used only after a build
    that succeeded, so they were valid, and with the same settings, code and static files
    they still are (their files did not change)."""
    if not generators:
        return
    for content in list(generators[0].context.get("generated_content", {}).values()):
        if content is None:
            # A file Pelican failed to read: already a problem of its own.
            continue
        content_type = _content_type(content)
        if content_type is not None and id(content) not in _registered:
            _register_slug(content, content_type)


def check_unique_slugs(generators) -> None:
    for slug, paths in _slugs.items():
        first, *others = sorted(set(paths))
        for path in others:
            problems.report(
                path,
                "Slug",
                f"'{slug}' is already used by {problems.display_path(first)}"
                " — change the Title or add a different 'Slug: …' line",
                related=(first,),
            )


def stop_before_writing(pelican) -> None:
    found = problems.collected()
    errors = [p for p in found if p.severity == problems.ERROR]
    check_only = pelican.settings.get("WARTA_CHECK_ONLY")
    # A check prints its own report, grouped by file.
    if found and not check_only:
        problems.print_report(found)
    if errors:
        raise problems.ContentErrors(found)
    if check_only:
        raise problems.CheckFinished(found)


def register() -> None:
    signals.initialized.connect(apply_defaults)
    signals.readers_init.connect(install_reader)
    signals.content_object_init.connect(check_content)
    signals.article_generator_preread.connect(start_conversions)
    signals.all_generators_finalized.connect(stop_conversions)
    signals.all_generators_finalized.connect(register_cached_slugs)
    signals.all_generators_finalized.connect(check_unique_slugs)
    signals.get_writer.connect(stop_before_writing)
