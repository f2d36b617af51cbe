"""cache_pruning: work kept in ``CACHE_PATH`` that no build has used for a while is removed.

Kept work is named by what made it: the converted Markdown of a 10,000-article site is
``warta-markdown-<digest of code and settings>``, some 50 MB. After an upgrade of Warta or
a change of settings, builds start anew beside it and never read it again; image variants
of a replaced photo or of other ``IMAGES_WIDTHS`` stay in ``IMAGES_CACHE_PATH`` the same way.
Like Hugo's file caches (``maxAge``), every build marks what it uses
(``build_cache.in_use``: its modification time is the time of its last use), and a build
that got as far as ``finalized`` removes kept work and image variants unused for
``WARTA_CACHE_MAX_AGE_DAYS``. Builds with other settings on the same cache folder
(``invoke build`` and ``invoke publish``) keep each other's work as long as each runs
within that time. Pelican's own cache files are left to Pelican.

Ages are counted in days, so the folders are looked through once a day at most (the time is
kept in ``.warta-cache-pruned``): a newsroom's image variants are tens of thousands of
files, and the live preview builds after every save.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from pelican import signals

from warta_common import build_cache

logger = logging.getLogger(__name__)

DEFAULTS = {
    # Kept work no build has used for this many days is removed; None keeps everything.
    "WARTA_CACHE_MAX_AGE_DAYS": 30,
}
# Its modification time is when the cache folders were last looked through.
PRUNED = ".warta-cache-pruned"


def apply_defaults(pelican) -> None:
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


def _within_a_day(marker: Path) -> bool:
    try:
        return marker.stat().st_mtime > time.time() - build_cache.SECONDS_PER_DAY
    except OSError:
        return False


def remove_unused_work(pelican) -> None:
    settings = pelican.settings
    days = settings["WARTA_CACHE_MAX_AGE_DAYS"]
    if days is None or not settings.get("CACHE_PATH"):
        return
    max_age = float(days) * build_cache.SECONDS_PER_DAY
    pruned = Path(settings["CACHE_PATH"], PRUNED)
    if _within_a_day(pruned):
        return
    pruned.parent.mkdir(parents=True, exist_ok=True)
    pruned.touch()
    removed = build_cache.remove_unused(Path(settings["CACHE_PATH"]), max_age, build_cache.KEPT_WORK)
    if settings.get("IMAGES_CACHE_PATH"):
        removed += build_cache.remove_unused(Path(settings["IMAGES_CACHE_PATH"]), max_age)
    if removed:
        logger.info("cache_pruning: removed %d unused cache entries: %s", len(removed), ", ".join(removed))


def register() -> None:
    signals.initialized.connect(apply_defaults)
    signals.finalized.connect(remove_unused_work)
