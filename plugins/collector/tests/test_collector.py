"""Real builds leave Python's garbage collector as they found it, even after a failed one."""

from __future__ import annotations

import gc
import subprocess
import sys


def test_a_build_leaves_the_collector_as_it_found_it(site):
    site.add_article("satu", "Isi berita.")
    thresholds = gc.get_threshold()
    assert site.build().ok
    assert gc.get_threshold() == thresholds
    assert gc.get_freeze_count() == 0


def test_what_a_failed_build_froze_is_released_by_the_next_build(site):
    thresholds = gc.get_threshold()
    for number in range(100):
        site.add_article(f"a{number}", "Isi berita. " * 20, Title=f"Berita Nomor {number}")
    broken = site.add_article("rusak", "Isi.", Title="Berita Rusak", Category="Tidak Ada")
    # A build that stops after reading leaves what it read frozen; the next build frees it
    # first, or each failed preview would keep another site in memory.
    frozen = []
    for _ in range(3):
        assert not site.build().ok
        frozen.append(gc.get_freeze_count())
    assert frozen[0] > 0 and frozen[2] <= frozen[1]
    broken.unlink()
    assert site.build().ok
    assert gc.get_threshold() == thresholds
    assert gc.get_freeze_count() == 0


EXITING_BUILD = """
import atexit, gc, sys
from warta.build import build
from warta.testing import SETTINGS
# atexit runs the last registered first: this runs after the plugin's own handler.
atexit.register(lambda: print("frozen at exit:", gc.get_freeze_count() > 0))
assert build(SETTINGS, sys.argv[2], overrides={"PATH": sys.argv[1], "CACHE_PATH": sys.argv[3]}).ok
print("frozen after the build:", gc.get_freeze_count() > 0)
"""


def test_the_objects_a_build_leaves_are_frozen_when_its_process_exits(site, tmp_path):
    """Python's collections at exit then have nothing to go over."""
    site.add_article("satu", "Isi berita.")
    finished = subprocess.run(
        [sys.executable, "-c", EXITING_BUILD, str(site.content), str(site.output), str(tmp_path / "cache")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert finished.stdout.splitlines() == ["frozen after the build: False", "frozen at exit: True"]
