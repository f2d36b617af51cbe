"""Rebuilds keep what did not change: a feed is written again only when one of its entries
(or its own data) changed, and a cached rebuild gives the same bytes as a clean build."""

from __future__ import annotations

import shutil

from feeds.writing import PROCESS_THRESHOLD
from warta.testing import SiteUnderTest
from warta_common import build_cache

BASE = "https://warta.example.id"

ARTICLES = {
    "patroli": {"Category": "Pilkada", "Tags": "Netralitas ASN", "Region": "Kota Bengkulu"},
    "sidang": {
        "Title": "Sidang Sengketa Pilkada Kaur",
        "Date": "2024-10-07 09:00",
        "Category": "Hukum",
        "Tags": "Sengketa",
        "Region": "Kaur",
        "Authors": "Dimas Prasetyo",
    },
    "banjir": {
        "Title": "Banjir Rendam Tiga Desa",
        "Date": "2024-10-06 10:00",
        "Category": "Peristiwa",
        "Tags": "Bencana",
        "Region": "Mukomuko",
        "Authors": "Melati Anggraini",
    },
}
IMAGE = {"Image": "images/foto.jpg", "ImageCaption": "Rapat koordinasi."}
# The feeds that list "sidang" (each in RSS and Atom).
SIDANG_FEEDS = {"semua", "kategori/hukum", "tag/sengketa", "wilayah/kaur", "pewarta/dimas-prasetyo"}


def make_site(site: SiteUnderTest) -> SiteUnderTest:
    site.add_image()
    for name, fields in ARTICLES.items():
        site.add_article(name, f"Paragraf pertama {name}.\n\nParagraf kedua.", **IMAGE, **fields)
    return site


def feed_files(site: SiteUnderTest) -> dict[str, tuple[int, int, bytes]]:
    """Each feed file by its name (``tag/sengketa.rss``): inode, modification time, bytes."""
    found = {}
    for path in sorted((site.output / "feeds").glob("**/*.xml")):
        stat = path.stat()
        name = path.relative_to(site.output / "feeds").as_posix().removesuffix(".xml")
        found[name] = (stat.st_ino, stat.st_mtime_ns, path.read_bytes())
    return found


def clean_build(content_of: SiteUnderTest, root, **settings) -> dict[str, bytes]:
    """The feeds of a build of the same content from scratch: no cache, no earlier output."""
    clean = SiteUnderTest(root)
    shutil.copytree(content_of.content, clean.content, dirs_exist_ok=True)
    result = clean.build(**settings)
    assert result.ok, [str(p) for p in result.problems]
    return {name: data for name, (_, _, data) in feed_files(clean).items()}


def feed_of(name: str) -> str:
    return name.rsplit(".", 1)[0]


def test_editing_one_article_rewrites_only_the_feeds_that_list_it(site):
    make_site(site)
    assert site.build(SITEURL=BASE).ok
    before = feed_files(site)
    assert {feed_of(name) for name in before} >= SIDANG_FEEDS | {"kategori/pilkada", "tag/bencana"}
    site.add_article(
        "sidang",
        "Paragraf pertama sidang, dengan ralat.\n\nParagraf kedua.",
        **IMAGE,
        **ARTICLES["sidang"],
    )
    assert site.build(SITEURL=BASE).ok
    after = feed_files(site)
    assert after.keys() == before.keys()
    rewritten = {name for name in after if after[name] != before[name]}
    assert {feed_of(name) for name in rewritten} == SIDANG_FEEDS
    assert {name.rsplit(".", 1)[1] for name in rewritten} == {"rss", "atom"}
    for name in rewritten:
        assert b"dengan ralat" in after[name][2]
    # The others are the published files themselves, untouched: same inode, time and bytes.
    assert all(after[name] == before[name] for name in after.keys() - rewritten)


def test_a_cached_rebuild_gives_the_bytes_of_a_clean_build(site, tmp_path):
    make_site(site)
    assert site.build(SITEURL=BASE).ok
    site.add_article(
        "sidang", "Isi baru.", **{**ARTICLES["sidang"], "Title": "Putusan Sengketa Pilkada Kaur"}
    )
    site.add_article(
        "baru", "Berita baru.", Title="KPU Tetapkan DPT", Date="2024-10-09 08:00", Tags="Sengketa"
    )
    (site.content / "artikel/banjir.md").unlink()
    assert site.build(SITEURL=BASE).ok
    rebuilt = {name: data for name, (_, _, data) in feed_files(site).items()}
    assert "tag/bencana.rss" not in rebuilt
    assert b"Putusan Sengketa Pilkada Kaur" in rebuilt["tag/sengketa.atom"]
    assert rebuilt == clean_build(site, tmp_path / "clean", SITEURL=BASE)


def test_a_new_siteurl_makes_every_entry_again(site, tmp_path):
    make_site(site)
    assert site.build(SITEURL=BASE).ok
    moved = "https://berita.example.org"
    assert site.build(SITEURL=moved).ok
    rebuilt = {name: data for name, (_, _, data) in feed_files(site).items()}
    for name, data in rebuilt.items():
        assert b"warta.example.id" not in data, name
        assert f"{moved}/berita/".encode() in data, name
    assert rebuilt == clean_build(site, tmp_path / "clean", SITEURL=moved)


def test_a_feed_file_missing_from_the_published_site_is_written_again(site):
    make_site(site)
    assert site.build(SITEURL=BASE).ok
    before = feed_files(site)
    (site.output / "feeds/tag/bencana.rss.xml").unlink()
    (site.output / "feeds/wilayah/kaur.atom.xml").write_bytes(b"rusak")
    assert site.build(SITEURL=BASE).ok
    after = feed_files(site)
    assert after["tag/bencana.rss"][2] == before["tag/bencana.rss"][2]
    assert after["wilayah/kaur.atom"][2] == before["wilayah/kaur.atom"][2]
    assert after["semua.rss"] == before["semua.rss"]


def test_pelican_writing_into_the_published_folder_keeps_unchanged_feeds(site, tmp_path):
    """``pelican content -o output`` (no staging folder): unchanged feeds are left alone."""
    from pelican import Pelican

    from warta.build import load_settings
    from warta.testing import SETTINGS

    make_site(site)
    overrides = {
        "PATH": str(site.content),
        "OUTPUT_PATH": str(site.output),
        "CACHE_PATH": str(tmp_path / "c"),
    }
    Pelican(load_settings(SETTINGS, {**overrides, "SITEURL": BASE})).run()
    before = feed_files(site)
    site.add_article("banjir", "Air sudah surut.", **IMAGE, **ARTICLES["banjir"])
    Pelican(load_settings(SETTINGS, {**overrides, "SITEURL": BASE})).run()
    after = feed_files(site)
    rewritten = {feed_of(name) for name in after if after[name] != before[name]}
    assert rewritten == {
        "semua",
        "kategori/peristiwa",
        "tag/bencana",
        "wilayah/mukomuko",
        "pewarta/melati-anggraini",
    }
    assert b"Air sudah surut." in after["tag/bencana.atom"][2]


def test_feeds_written_by_several_processes_are_those_one_process_writes(site, tmp_path):
    make_site(site)
    # Enough tags that the feeds to write pass PROCESS_THRESHOLD and are shared out; short
    # feeds, so that most entries are prepared only by the processes that write their tags.
    for number in range(PROCESS_THRESHOLD):
        site.add_article(
            f"tambahan-{number}",
            f"Isi tambahan {number}.",
            Title=f"Berita Tambahan {number}",
            Date=f"2024-09-{number % 28 + 1:02d} 08:00",
            Tags=f"Topik {number}, Netralitas ASN",
        )
    settings = {"SITEURL": BASE, "FEED_MAX_ITEMS": 2}
    alone = clean_build(site, tmp_path / "alone", **settings, WARTA_RENDER_PROCESSES=1)
    assert len(alone) > 2 * PROCESS_THRESHOLD
    assert site.build(**settings, WARTA_RENDER_PROCESSES=3).ok
    shared_out = feed_files(site)
    assert {name: data for name, (_, _, data) in shared_out.items()} == alone
    # What every process wrote and prepared is kept for the next build.
    (kept,) = site.root.with_name(f"{site.root.name}-cache").glob("warta-feeds-*.pickle")
    stored = build_cache.load(kept)
    assert len(stored["feeds"]) * 2 == len(alone)
    assert len(stored["entries"]) == len(ARTICLES) + PROCESS_THRESHOLD
    assert site.build(**settings, WARTA_RENDER_PROCESSES=3).ok
    assert feed_files(site) == shared_out
    # Written again by every process without what was kept: the published files stay.
    kept.unlink()
    assert site.build(**settings, WARTA_RENDER_PROCESSES=3).ok
    assert feed_files(site) == shared_out
