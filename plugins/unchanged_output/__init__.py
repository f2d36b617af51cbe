"""unchanged_output: a file whose bytes did not change is never rewritten.

Pelican rewrites every page on every build, so every file gets a new modification time and
a deploy cannot tell what changed. This plugin hands Pelican a writer (``get_writer``) that
renders each page in memory and compares it with the page already published:

- unchanged: the published file is kept where it is (a staging folder records that it
  stands there, see ``warta_common.output_files``), so it keeps its bytes, inode and
  modification time;
- new or changed: written, atomically (a temporary file renamed over the old one).

The articles generator's pages (articles and listings, most of a site) are rendered on
every core at once, in forked processes (``processes``). Static files (original images)
whose published copy is unchanged are not copied again (``statics``).

``WARTA_PUBLISHED_OUTPUT`` names the published folder when ``OUTPUT_PATH`` is a staging
folder (``warta.build`` sets it); by default Pelican's ``OUTPUT_PATH`` is the published
folder itself, so ``pelican content -o output`` keeps unchanged files too.
"""

from __future__ import annotations

from pelican import signals

from .statics import keep_unchanged
from .writer import UnchangedFilesWriter

DEFAULTS = {
    # The folder readers are served from; None means OUTPUT_PATH itself.
    "WARTA_PUBLISHED_OUTPUT": None,
    # Render a page again only when something it shows may have changed.
    "WARTA_REUSE_PAGES": True,
    # Processes that render the articles generator's pages; None means one per usable core.
    "WARTA_RENDER_PROCESSES": None,
}


def apply_defaults(pelican) -> None:
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


def provide_writer(pelican) -> type[UnchangedFilesWriter]:
    return UnchangedFilesWriter


def register() -> None:
    signals.initialized.connect(apply_defaults)
    signals.get_writer.connect(provide_writer)
    signals.static_generator_finalized.connect(keep_unchanged)
