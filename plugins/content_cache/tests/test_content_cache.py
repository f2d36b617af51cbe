"""Pelican's content objects kept between builds, in real builds: used while the files and
everything else are unchanged, never after a change or a failed build."""

from __future__ import annotations

import pickle
import shutil
import subprocess
import sys
from pathlib import Path

from warta import ROOT
from warta.build import load_settings
from warta.testing import SETTINGS, SiteUnderTest, as_served, file_tree

SLUG = "bawaslu-kota-bengkulu-patroli-media-sosial-asn"


def _cached_articles(site: SiteUnderTest) -> Path:
    return site.root.with_name(f"{site.root.name}-cache") / "ArticlesGenerator"


def _retitle_cached(site: SiteUnderTest, title: str, name: str = "") -> None:
    """Change the title of the articles kept in Pelican's cache (those whose file is
    ``name``.md, or all), as only serving the kept objects, not reading the files, can show."""
    kept = _cached_articles(site)
    entries = pickle.loads(kept.read_bytes())
    for path, (_, article) in entries.items():
        if not name or Path(path).stem == name:
            article.title = title
    kept.write_bytes(pickle.dumps(entries))


def _headline(site: SiteUnderTest) -> str:
    return site.page(f"berita/{SLUG}/").h1.get_text()


def _newsroom(site: SiteUnderTest) -> None:
    site.add_article("satu", "Isi berita pertama.")
    site.add_article("dua", "Isi berita kedua.", Title="Berita Kedua Pilkada", Date="2024-10-07 09:00")


def test_unchanged_files_are_served_from_the_cache_and_a_changed_file_is_read_again(site):
    _newsroom(site)
    assert site.build().ok
    _retitle_cached(site, "Judul Dari Cache")
    assert site.build().ok
    assert site.page("berita/berita-kedua-pilkada/").h1.get_text() == "Judul Dari Cache"
    site.add_article(
        "dua", "Isi berita kedua, diperbarui.", Title="Berita Kedua Pilkada", Date="2024-10-07 09:00"
    )
    assert site.build().ok
    assert site.page("berita/berita-kedua-pilkada/").h1.get_text() == "Berita Kedua Pilkada"
    assert "diperbarui" in site.page("berita/berita-kedua-pilkada/").select_one(".article-body").get_text()


def test_a_changed_setting_reads_every_file_again(site):
    _newsroom(site)
    assert site.build().ok
    _retitle_cached(site, "Judul Dari Cache")
    assert site.build(SITENAME="Warta Seluma").ok
    assert _headline(site) == "Bawaslu Kota Bengkulu Patroli Media Sosial ASN"


def test_a_changed_image_reads_every_file_again(site):
    site.add_image("images/foto.jpg")
    site.add_article("satu", "Isi berita.", Image="images/foto.jpg", ImageCaption="Foto patroli.")
    assert site.build().ok
    _retitle_cached(site, "Judul Dari Cache")
    site.add_image("images/foto.jpg", size=(800, 600))
    assert site.build().ok
    assert _headline(site) == "Bawaslu Kota Bengkulu Patroli Media Sosial ASN"


def test_after_a_failed_build_every_file_is_read_again(site):
    _newsroom(site)
    assert site.build().ok
    _retitle_cached(site, "Judul Dari Cache")
    broken = site.add_article("rusak", "Isi.", Title="Berita Rusak", Category="Tidak Ada")
    assert not site.build().ok
    broken.unlink()
    assert site.build().ok
    assert _headline(site) == "Bawaslu Kota Bengkulu Patroli Media Sosial ASN"


def test_a_new_file_clashing_with_a_cached_one_is_reported(site):
    _newsroom(site)
    assert site.build().ok
    site.add_article("tiga", "Isi berita ketiga.", Title="Berita Kedua Pilkada", Date="2024-10-09 09:00")
    result = site.build()
    assert not result.ok
    [problem] = [p for p in result.problems if p.field == "Slug"]
    assert "'berita-kedua-pilkada' is already used by" in problem.message


def test_a_scheduled_article_served_from_the_cache_is_published_when_its_time_comes(site):
    site.add_article("terbit", "Isi berita terbit.", Title="Berita Sudah Terbit", Date="2024-10-08 10:00")
    site.add_article("jadwal", "Isi berita terjadwal.", Title="Berita Terjadwal", Date="2024-10-09 08:00")
    assert site.build(WARTA_BUILD_TIME="2024-10-08 12:00", WARTA_SHOW_DRAFTS=False).ok
    assert not (site.output / "berita" / "berita-terjadwal").exists()
    _retitle_cached(site, "Judul Dari Cache", "jadwal")
    assert site.build(WARTA_BUILD_TIME="2024-10-09 09:00", WARTA_SHOW_DRAFTS=False).ok
    # Served from the cache (a different clock is no reason to read files again) and published,
    # newest first.
    assert site.page("berita/berita-terjadwal/").h1.get_text() == "Judul Dari Cache"
    home = site.page("").main.get_text()
    assert home.index("Judul Dari Cache") < home.index("Berita Sudah Terbit")


def test_two_builds_from_the_cache_equal_a_build_that_read_every_file(site, tmp_path):
    _newsroom(site)
    site.add("halaman/redaksi.md", "Title: Redaksi\n\nSusunan redaksi.\n")
    assert site.build().ok
    site.add_article("tiga", "Isi berita ketiga.", Title="Berita Ketiga", Date="2024-10-09 09:00")
    assert site.build().ok
    fresh = SiteUnderTest(tmp_path / "fresh")
    shutil.copytree(site.content, fresh.content, dirs_exist_ok=True)
    assert fresh.build().ok
    built, clean = as_served(file_tree(site.output)), as_served(file_tree(fresh.output))
    assert built.keys() == clean.keys()
    assert [path for path in built if built[path] != clean[path]] == []


def test_links_in_cached_bodies_resolve_against_this_build(site):
    site.add_image("images/foto.jpg")
    site.add_article(
        "satu", "Lihat [foto ukuran penuh]({static}/images/foto.jpg) dan [berita kedua]({filename}dua.md)."
    )
    site.add_article("dua", "Isi berita kedua.", Title="Berita Kedua Pilkada", Date="2024-10-07 09:00")
    assert site.build().ok
    _retitle_cached(site, "Judul Dari Cache", "satu")
    assert site.build().ok
    page = site.page(f"berita/{SLUG}/")
    assert page.h1.get_text() == "Judul Dari Cache"
    links = {a.get_text(): a["href"] for a in page.select(".article-body a")}
    assert links["foto ukuran penuh"] == "/images/foto.jpg"
    assert links["berita kedua"] == "/berita/berita-kedua-pilkada/"


UNPICKLABLE_PLUGIN = """
import threading

from pelican import signals


def attach(content):
    content.guard = threading.Lock()


def register():
    signals.content_object_init.connect(attach)
"""


def test_a_cache_pelican_could_not_save_is_not_loaded(site, tmp_path):
    """Pelican only warns when it cannot pickle its cache, and leaves a cut-off file."""
    _newsroom(site)
    assert site.build().ok
    _retitle_cached(site, "Judul Dari Cache")
    extra = tmp_path / "extra-plugins"
    extra.mkdir()
    (extra / "unpicklable.py").write_text(UNPICKLABLE_PLUGIN, encoding="utf-8")
    overrides = {
        "PATH": str(site.content),
        "CACHE_PATH": str(_cached_articles(site).parent),
        "PLUGIN_PATHS": [str(ROOT / "plugins"), str(extra)],
        "PLUGINS": [*load_settings(SETTINGS)["PLUGINS"], "unpicklable"],
    }
    script = (
        "from warta.build import build\n"
        f"assert build({str(SETTINGS)!r}, {str(site.output)!r}, overrides={overrides!r}).ok\n"
    )
    # In processes of their own: this one's signals would keep the plugin's receiver.
    for _ in range(2):
        run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr[-2000:]
    assert _headline(site) == "Bawaslu Kota Bengkulu Patroli Media Sosial ASN"
