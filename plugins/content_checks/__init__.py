"""content_checks: the editorial checks of ``invoke check`` beyond field validation.

Run in every build (they are cheap) at ``all_generators_finalized``, once all content is
known: broken internal links and images, images without alt text, duplicate titles,
summaries too long for search results. Errors stop the build like any content error;
warnings are reported and never fail it.
"""

from __future__ import annotations

from pelican import signals

from .checks import check_site

DEFAULTS = {
    # Longest summary, in characters, that search results and link previews show whole.
    "WARTA_SUMMARY_MAX_CHARS": 160,
}


def apply_defaults(pelican) -> None:
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


def register() -> None:
    signals.initialized.connect(apply_defaults)
    signals.all_generators_finalized.connect(check_site)
