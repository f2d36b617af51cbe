"""Kept work that no build has used for WARTA_CACHE_MAX_AGE_DAYS is removed, in real builds;
what a build uses is kept however old it is."""

from __future__ import annotations

import os
import time
from pathlib import Path

from cache_pruning import PRUNED
from warta.testing import SiteUnderTest
from warta_common.build_cache import KEPT_WORK

DAY = 86400


def _cache(site: SiteUnderTest) -> Path:
    return site.root.with_name(f"{site.root.name}-cache")


def _age(path: Path, days: float) -> None:
    moment = time.time() - days * DAY
    os.utime(path, (moment, moment))


def _newsroom(site: SiteUnderTest) -> None:
    site.add_image("images/foto.jpg")
    site.add_article(
        "satu", "Isi berita pertama tentang pengawasan.", Image="images/foto.jpg", ImageCaption="Rapat."
    )
    site.add_article("dua", "Isi berita kedua.", Title="Berita Kedua Pilkada", Date="2024-10-07 09:00")


def _plant(folder: Path, name: str, days: float, as_folder: bool = False) -> Path:
    path = folder / name
    if as_folder:
        path.mkdir(parents=True)
        (path / "entry.pickle").write_bytes(b"old")
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"old")
    _age(path, days)
    return path


def test_work_unused_for_the_max_age_goes_and_what_the_build_uses_stays(site):
    _newsroom(site)
    assert site.build().ok
    cache = _cache(site)
    made = sorted(p.name for p in cache.iterdir() if KEPT_WORK.fullmatch(p.name))
    variants = sorted(p.name for p in (cache / "images").iterdir())
    assert {"markdown", "citations", "baca", "feeds", "pages", "statics", "search"} <= {
        name.split("-")[1] for name in made
    }
    assert variants
    # The site rests for 40 days: everything the build made is that old.
    for path in [*cache.iterdir(), *(cache / "images").iterdir()]:
        _age(path, 40)
    stale = [
        _plant(cache, "warta-markdown-0123456789abcdef", 40, as_folder=True),
        _plant(cache, "warta-citations-0123456789abcdef.pickle", 31),
        _plant(cache, ".warta-baca-juga-0123456789abcdef.pickle.4242", 40),
        _plant(cache / "images", "foto-lama.1a2b3c4d-480.webp", 40),
    ]
    recent = _plant(cache, "warta-counted-terms-0123456789abcdef.pickle", 29)
    not_ours = _plant(cache, "catatan.txt", 400)

    # Then an editor fixes one article: the build reads it, and uses all the kept work.
    site.add_article(
        "dua", "Isi berita kedua, diperbaiki.", Title="Berita Kedua Pilkada", Date="2024-10-07 09:00"
    )
    assert site.build().ok

    assert not any(path.exists() for path in stale)
    assert recent.exists() and not_ours.exists()
    assert sorted(p.name for p in cache.iterdir() if KEPT_WORK.fullmatch(p.name)) == sorted(
        [*made, recent.name]
    )
    assert sorted(p.name for p in (cache / "images").iterdir()) == variants
    assert (cache / "ArticlesGenerator").exists()


def _a_day_passes(site: SiteUnderTest) -> None:
    _age(_cache(site) / PRUNED, 1.01)


def test_none_keeps_everything(site):
    _newsroom(site)
    assert site.build().ok
    stale = _plant(_cache(site), "warta-markdown-0123456789abcdef", 400, as_folder=True)
    _a_day_passes(site)
    assert site.build(WARTA_CACHE_MAX_AGE_DAYS=None).ok
    assert stale.exists()
    assert site.build(WARTA_CACHE_MAX_AGE_DAYS=365).ok
    assert not stale.exists()


def test_the_folders_are_looked_through_once_a_day(site):
    _newsroom(site)
    assert site.build().ok
    stale = _plant(_cache(site), "warta-markdown-0123456789abcdef", 40, as_folder=True)
    assert site.build().ok
    assert stale.exists()
    _a_day_passes(site)
    assert site.build().ok
    assert not stale.exists()
