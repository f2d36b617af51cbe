"""content_cache: Pelican's article and page objects kept from one build for the next.

Reading a file into an Article or Page — metadata processed, dates parsed, URLs worked out,
every plugin's ``content_object_init`` hook run — costs about half a millisecond, five
seconds at 10,000 articles, in every build, although most files did not change. Pelican can
keep the objects themselves (its generator-level content cache) and read again only the
files whose bytes changed. This plugin turns that on and makes it safe to rely on:

- The cache is loaded only when the previous build under the same ``CACHE_PATH`` succeeded
  with the same settings, plugins, theme, Pelican, Markdown and static files
  (``warta_common.site_inputs``): plugins' init hooks read all of those (image sizes, the
  site URL), so after any change every file is read again. A build that fails, stops
  before the end or could not save the cache leaves it unused for the next one.
- A file counts as changed when its bytes do (``CHECK_MODIFIED_METHOD``: a hash of the
  file, not its modification time, which a checkout or a copy may keep).
- Objects served from the cache were pickled with an earlier build's settings and context;
  they get this build's (``adopt``) before anything reads them.

Hooks of other plugins that change content objects once, when a file is read, are written
so that cached objects stay right: content_schema counts their slugs in its checks across
files (they need no validation again: the build that cached them succeeded, and nothing
they are checked against changed), and publishing works out again which articles are
scheduled.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals
from pelican.urlwrappers import URLWrapper

from warta_common.clock import SETTING as CLOCK
from warta_common.output_files import write_atomically
from warta_common.site_inputs import RUN_SETTINGS, UnhashableSettings, site_inputs_digest

DEFAULTS = {
    # Keep Pelican's content objects in CACHE_PATH and read again only changed files.
    "WARTA_CONTENT_CACHE": True,
}
# Written when a build succeeded: the digest of the inputs its cached objects were made under.
VALID_FOR = "warta-content-cache.valid"

_build: tuple[int, bytes] | None = None


class _SaveFailures(logging.Handler):
    """Pelican only logs a warning when it cannot save its cache (an object it cannot
    pickle), and leaves a cut-off file behind: such a build must not mark it valid."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.failed = False

    def emit(self, record: logging.LogRecord) -> None:
        if str(record.msg).startswith("Could not save cache"):
            self.failed = True


_save_failures = _SaveFailures()


def _inputs(settings: dict) -> bytes:
    # Cached objects hold their absolute source path: a moved content folder reads again.
    # The build clock changes no object (publishing schedules cached articles anew).
    return site_inputs_digest(settings, (RUN_SETTINGS - {"PATH"}) | {CLOCK})


def turn_on(pelican) -> None:
    global _build
    settings = pelican.settings
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    _build = None
    if not settings["WARTA_CONTENT_CACHE"] or not settings.get("CACHE_PATH"):
        return
    settings.update(
        CACHE_CONTENT=True,
        CONTENT_CACHING_LAYER="generator",
        # Pickled objects compress well, but compressing them takes longer than reading them.
        GZIP_CACHE=False,
        CHECK_MODIFIED_METHOD="blake2b",
    )
    marker = Path(settings["CACHE_PATH"], VALID_FOR)
    try:
        inputs = _inputs(settings)
    except UnhashableSettings:
        inputs = None
    try:
        stored = marker.read_bytes()
    except OSError:
        stored = None
    settings["LOAD_CONTENT_CACHE"] = inputs is not None and stored == inputs
    # Until this build succeeds, its cache must not be trusted.
    marker.unlink(missing_ok=True)
    _save_failures.failed = False
    if _save_failures not in logging.getLogger("pelican.cache").handlers:
        logging.getLogger("pelican.cache").addHandler(_save_failures)
    if inputs is not None:
        _build = (id(settings), inputs)


def _adopt_wrapper(value: object, settings: dict) -> None:
    if isinstance(value, URLWrapper):
        value.settings = settings
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, URLWrapper):
                item.settings = settings


def adopt(generator) -> None:
    """Give the objects served from the cache this build's settings and context."""
    context, settings = generator.context, generator.settings
    for content in context.get("generated_content", {}).values():
        if getattr(content, "_context", context) is context:
            continue
        content._context = context
        content.settings = settings
        for value in vars(content).values():
            _adopt_wrapper(value, settings)


def mark_valid(pelican) -> None:
    if _build is None or _build[0] != id(pelican.settings) or _save_failures.failed:
        return
    write_atomically(Path(pelican.settings["CACHE_PATH"], VALID_FOR), _build[1])


def register() -> None:
    signals.initialized.connect(turn_on)
    signals.article_generator_pretaxonomy.connect(adopt)
    signals.page_generator_finalized.connect(adopt)
    signals.finalized.connect(mark_valid)
