"""Drafts and scheduled articles in real builds, production and preview."""

from __future__ import annotations

import pytest

from warta import ROOT

PUBLISHCONF = ROOT / "publishconf.py"


@pytest.fixture
def production(monkeypatch):
    monkeypatch.setenv("WARTA_SITEURL", "https://warta.example.id")
    return PUBLISHCONF


def _everything(site) -> str:
    return "\n".join(
        path.read_text(encoding="utf-8", errors="replace")
        for path in sorted(site.output.rglob("*"))
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".txt", ".js")
    )


def _paths(site) -> set[str]:
    return {str(path.relative_to(site.output)) for path in site.output.rglob("*")}


@pytest.fixture
def newsroom(site):
    site.add_article("terbit", "Isi berita terbit.", Title="Berita Sudah Terbit", Date="2024-10-08 10:00")
    site.add_article(
        "draf", "Isi draf rahasia.", Title="Draf Rahasia Redaksi", Status="draft", Tags="Embargo Khusus"
    )
    site.add(
        "aturan/larangan.md",
        "Title: Larangan Melibatkan ASN\nRegulation: UU 7/2017\nRegulationTitle: Undang-Undang Pemilu\n"
        "Article: Pasal 280\nSource: https://peraturan.go.id/uu-7-2017\nDate: 2024-09-20\n\n"
        "## Bunyi aturan\n\n> Teks pasal.\n",
    )
    site.add_article(
        "embargo",
        "Isi berita embargo menurut Pasal 280 UU 7/2017.",
        Title="Hasil Hitung Cepat Diumumkan",
        Date="2024-10-10 18:00",
        Region="Wilayah Embargo",
    )
    return site


def test_production_holds_back_drafts_and_scheduled_articles(newsroom, production):
    assert newsroom.build(production, WARTA_BUILD_TIME="2024-10-09 12:00").ok
    everything = _everything(newsroom)
    assert "Berita Sudah Terbit" in everything
    for secret in ("Draf Rahasia Redaksi", "Hasil Hitung Cepat", "embargo-khusus", "wilayah-embargo"):
        assert secret not in everything
    paths = _paths(newsroom)
    assert not any(path.startswith("draf") for path in paths)
    assert "berita/hasil-hitung-cepat-diumumkan/index.html" not in paths
    assert "tag/embargo-khusus/index.html" not in paths
    assert "arsip/2024/10/index.html" in paths
    feed = (newsroom.output / "feeds/semua.atom.xml").read_text(encoding="utf-8")
    assert "Berita Sudah Terbit" in feed and "Hasil Hitung Cepat" not in feed
    # The explainer lists the articles citing it: the embargoed one is not among them yet.
    assert "aturan/uu-7-2017/pasal-280/index.html" in paths


def test_scheduled_article_appears_once_the_clock_passes_its_date(newsroom, production):
    assert newsroom.build(production, WARTA_BUILD_TIME="2024-10-10 17:59").ok
    assert "Hasil Hitung Cepat" not in _everything(newsroom)
    assert newsroom.build(production, WARTA_BUILD_TIME="2024-10-10 18:00").ok
    page = newsroom.page("berita/hasil-hitung-cepat-diumumkan/")
    assert page.h1.get_text() == "Hasil Hitung Cepat Diumumkan"
    assert page.select_one(".notice-draft") is None
    home = [a.get_text() for a in newsroom.page("").select(".card-title a, .lead-title a")]
    assert "Hasil Hitung Cepat Diumumkan" in home
    assert "Draf Rahasia Redaksi" not in _everything(newsroom)
    assert "Hasil Hitung Cepat Diumumkan" in (newsroom.output / "feeds/semua.atom.xml").read_text()
    backlinks = newsroom.page("aturan/uu-7-2017/pasal-280/").get_text()
    assert "Hasil Hitung Cepat Diumumkan" in backlinks


def test_clock_with_an_offset_is_compared_as_a_moment(newsroom, production):
    # 18:00 WIB is 19:00 WITA.
    assert newsroom.build(production, WARTA_BUILD_TIME="2024-10-10 18:59+08:00").ok
    assert "Hasil Hitung Cepat" not in _everything(newsroom)
    assert newsroom.build(production, WARTA_BUILD_TIME="2024-10-10 19:00+08:00").ok
    assert "Hasil Hitung Cepat" in _everything(newsroom)


def test_preview_shows_drafts_and_scheduled_articles_with_a_banner(newsroom):
    assert newsroom.build(WARTA_BUILD_TIME="2024-10-09 12:00").ok
    draft = newsroom.page("draf/draf-rahasia-redaksi/")
    assert draft.select_one(".notice-draft strong").get_text() == "DRAF"
    assert "Belum terbit" in draft.select_one(".notice-draft").get_text()
    scheduled = newsroom.page("draf/hasil-hitung-cepat-diumumkan/")
    banner = scheduled.select_one(".notice-draft").get_text(" ", strip=True)
    assert "DRAF Dijadwalkan terbit Kamis, 10 Oktober 2024 18:00 WIB" in banner
    home = newsroom.page("").get_text()
    assert "Draf Rahasia Redaksi" not in home and "Hasil Hitung Cepat" not in home
    published = newsroom.page("berita/berita-sudah-terbit/")
    assert published.select_one(".notice-draft") is None


def test_link_to_an_unpublished_article_becomes_text_in_production(site, production):
    site.add_article(
        "terbit",
        "Lihat [berita lanjutan]({filename}embargo.md) dan [arsip](/arsip/).",
        Title="Berita Sudah Terbit",
    )
    site.add_article("embargo", Title="Berita Embargo", Date="2024-12-01 10:00")
    assert site.build(production, WARTA_BUILD_TIME="2024-10-09 12:00").ok
    body = site.page("berita/berita-sudah-terbit/").select_one(".article-body")
    assert "berita lanjutan" in body.get_text()
    assert [a["href"] for a in body.select("a")] == ["/arsip/"]
    assert "berita-embargo" not in str(body)


def test_check_lists_scheduled_articles(newsroom):
    result = newsroom.check(WARTA_BUILD_TIME="2024-10-09 12:00")
    assert result.ok
    notes = [str(p) for p in result.problems if p.severity == "note"]
    assert notes == [
        "note: "
        + str(newsroom.content / "artikel/embargo.md")
        + ": Date: scheduled — published by the first build from Kamis, 10 Oktober 2024 18:00 WIB"
        " (this build's clock: Rabu, 9 Oktober 2024 12:00 WIB)"
    ]


def test_unreadable_clock_is_a_clear_error(newsroom):
    result = newsroom.build(WARTA_BUILD_TIME="besok pagi")
    assert not result.ok
    assert [str(p) for p in result.problems if p.severity == "error"] == [
        "(settings): WARTA_BUILD_TIME: 'besok pagi' is not a date — write it as 2024-10-08 14:30"
    ]


def test_draft_page_has_the_banner_in_preview_and_is_absent_in_production(site, production):
    site.add_article("terbit", Title="Berita Sudah Terbit")
    site.add("halaman/redaksi.md", "Title: Susunan Redaksi Baru\nStatus: draft\n\nDaftar redaksi.\n")
    assert site.build().ok
    page = site.page("draf/halaman/susunan-redaksi-baru/")
    assert page.select_one(".notice-draft strong").get_text() == "DRAF"
    assert site.build(production).ok
    assert "Susunan Redaksi Baru" not in _everything(site)
