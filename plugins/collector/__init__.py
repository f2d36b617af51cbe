"""collector: Python's cyclic garbage collector kept out of the way of a build's content objects.

A build reads (or loads from the content cache) tens of thousands of objects that live until
it ends. Python's cyclic collector makes a full pass over every object it tracks each time
enough new ones were made: about ten passes in a rebuild of 10,000 articles, over a second,
that find nothing to free. So:

- while contents are read, the collector looks a hundred times less often (its first
  threshold is ``WARTA_READING_GC_THRESHOLD`` instead of 700): reading makes almost no
  reference cycles to collect;
- once every article is read (``article_generator_pretaxonomy``), the thresholds are back
  and every object then alive is frozen (``gc.freeze``): later passes skip them;
- when the build ends, or when the next one starts after a build that failed, they are
  unfrozen and can be collected again (the live preview builds in one process, again and
  again);
- when the process exits, everything is frozen: Python's last collections would otherwise
  go over every object the build left (about a second after a 10,000-article build) only
  for the system to take back the memory anyway.
"""

from __future__ import annotations

import atexit
import gc

from pelican import signals

DEFAULTS = {
    # The collector's first threshold while contents are read; 0 leaves the collector alone.
    "WARTA_READING_GC_THRESHOLD": 100_000,
}

_usual_thresholds: tuple[int, ...] | None = None


def _restore() -> None:
    global _usual_thresholds
    gc.unfreeze()
    if _usual_thresholds is not None:
        gc.set_threshold(*_usual_thresholds)
        _usual_thresholds = None


def start_reading(pelican) -> None:
    global _usual_thresholds
    settings = pelican.settings
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    left_frozen = gc.get_freeze_count()
    _restore()
    if left_frozen:
        # A build that failed left what it read frozen: free it before reading anew.
        gc.collect()
    if settings["WARTA_READING_GC_THRESHOLD"]:
        _usual_thresholds = gc.get_threshold()
        gc.set_threshold(settings["WARTA_READING_GC_THRESHOLD"], *_usual_thresholds[1:])


def freeze_what_was_read(generator) -> None:
    if _usual_thresholds is None:
        return
    gc.set_threshold(*_usual_thresholds)
    gc.freeze()


def end_build(pelican) -> None:
    _restore()


def register() -> None:
    # Once per process, however many Pelican instances register the plugin.
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)
    signals.initialized.connect(start_reading)
    signals.article_generator_pretaxonomy.connect(freeze_what_was_read)
    signals.finalized.connect(end_build)
