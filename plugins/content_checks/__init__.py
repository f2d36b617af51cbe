"""content_checks: the editorial checks of ``invoke check`` beyond field validation.

Run in every build (they are cheap) at ``all_generators_finalized``, once all content is
known: broken internal links and images, images without alt text, duplicate titles,
summaries too long for search results. Errors stop the build like any content error;
warnings are reported and never fail it.
"""

from __future__ import annotations

import logging

from pelican import signals

from .checks import check_site

DEFAULTS = {
    # Longest summary, in characters, that search results and link previews show whole.
    "WARTA_SUMMARY_MAX_CHARS": 160,
}


def _not_about_alt_text(record: logging.LogRecord) -> bool:
    # Pelican warns about an empty alt text in its own words; the check reports it as an
    # error naming the file and the field, once.
    return not str(record.msg).startswith("Empty alt attribute")


def apply_defaults(pelican) -> None:
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)
    readers_logger = logging.getLogger("pelican.readers")
    if _not_about_alt_text not in readers_logger.filters:
        readers_logger.addFilter(_not_about_alt_text)


def register() -> None:
    signals.initialized.connect(apply_defaults)
    signals.all_generators_finalized.connect(check_site)
